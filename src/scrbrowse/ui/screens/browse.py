"""The browse screen: search box, facet sidebar, results and the detail pane.

The only place (with the command palette) that talks to the engine. Searches and document loads run
in thread workers, tagged with a sequence number so a slow, stale answer never replaces a newer one.

While the user types, the search has the engine to itself: a new search stops the one it supersedes
(`should_stop`), the list is filled with a first page only (more as the user moves down it), and the
preview of the highlighted result, which asks the engine for related reviews, waits until typing has
settled.
"""

from __future__ import annotations

import logging
import time
from dataclasses import replace

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.events import Key, Resize
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Footer, Header, Input, LoadingIndicator
from textual.worker import Worker, get_current_worker

from ...export import export_document
from ...model import Document, PassageKind
from ...packs import PackItem, UnknownItemError, item_from_document
from ...search.api import DocumentHit, Filters, SearchRequest, SearchResult
from ..backend import Engine, find_spans
from ..bindings import BY_ID, bindings
from ..errors import report_worker_failure
from ..gc_tuning import keep_long_lived
from ..messages import EngineFailed, EngineReady, IndexProgress, PackChanged
from ..reading import Reading, build_reading
from ..scheduling import Do, SearchSchedule
from ..session import session_of
from ..text import literal
from ..view_settings import MAX_WIDTH, MIN_WIDTH, ViewSettings, results_width, sidebar_width
from ..widgets.chips import Chip, FilterChips
from ..widgets.detail import DetailPane
from ..widgets.facets import FacetList, FacetSidebar
from ..widgets.related import RelatedList
from ..widgets.results import ResultsList
from ..widgets.search_bar import SearchBar
from ..widgets.summary import AcceptSuggestion, EmptyState, SearchSummary
from .export import ExportScreen

# Below NARROW_WIDTH the detail replaces the list when a document is opened; below WIDE_WIDTH the
# filters sidebar starts hidden (f shows it), so the list and the document keep readable widths.
NARROW_WIDTH = 110
WIDE_WIDTH = 140
PAGE_SIZE = 100  # the most hits the list holds ("showing the first 100: add words or filters")
FIRST_PAGE = 12  # hits asked for per search, at least: more than a screen, the rest as the user moves down
MORE_PAGE = 40  # hits asked for each time the list comes near its end
HIT_LINES = 4  # the fewest lines an entry takes (title, meta, snippet, rule), to size the first page
log = logging.getLogger("scrbrowse")
WARM_IDLE = 2.0  # seconds without a key before the question bank and themes are read again (see _warm)


class SearchDone(Message):
    def __init__(self, seq: int, result: SearchResult, restriction_labels: dict[str, str]) -> None:
        super().__init__()
        self.seq = seq
        self.result = result
        self.restriction_labels = restriction_labels


class MoreDone(Message):
    def __init__(self, seq: int, offset: int, result: SearchResult, restriction_labels: dict[str, str]) -> None:
        super().__init__()
        self.seq = seq
        self.offset = offset
        self.result = result
        self.restriction_labels = restriction_labels


class DetailReady(Message):
    def __init__(self, seq: int, reading: Reading | None, doc_id: str, focus: bool) -> None:
        super().__init__()
        self.seq = seq
        self.reading = reading
        self.doc_id = doc_id
        self.focus = focus


class BrowseScreen(Screen[None]):
    BINDINGS = bindings(
        "focus_search", "toggle_sidebar", "next_pane", "previous_pane", "back",
        "accept_suggestion", "clear_filters", "next_match", "previous_match",
        "add_to_pack", "add_document_to_pack", "undo_pack_removal", "export",
        "toggle_compact", "wider_results", "narrower_results",
    )
    # Actions that only mean something once a document is on screen (the footer hides them before).
    _NEED_DOCUMENT = frozenset({"next_match", "previous_match", "export", "add_document_to_pack"})
    # Every action check_action can answer False for: the footer only changes when an answer does.
    _CHECKED = (*sorted(_NEED_DOCUMENT), "add_to_pack", "undo_pack_removal", "accept_suggestion",
                "clear_filters", "focus_search")

    def __init__(self) -> None:
        super().__init__(id="browse")
        self.engine: Engine | None = None
        self.query_text = ""
        self.filters = Filters()
        self.result: SearchResult | None = None
        # When to search, show facet counts and preview (plain state machine, ui/scheduling.py);
        # the screen only carries out its answers, with one timer for whatever is due next.
        self.schedule = SearchSchedule()
        self._wake: Timer | None = None
        self._sidebar_pref: bool | None = None  # None: by width
        self._facet_labels: dict[tuple[str, str], str] = {}
        self._width = WIDE_WIDTH
        self._open_after_search: str | None = None  # a new draft to open once it is listed
        self._stale_detail: str | None = None  # a document whose file changed (review): fetch again
        self._removed: list[PackItem] = []  # pack items removed from here, newest last (Ctrl+Z)
        self._footer_answers: tuple[bool | None, ...] | None = None  # check_action's, at the last refresh
        self._views_warm = False  # the engine has read what the question bank and themes need
        self._warm_timer: Timer | None = None
        self.view_settings = ViewSettings.load()

    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        yield SearchBar(id="search-bar")
        yield FilterChips(id="chips", classes="-empty")
        with Horizontal(id="body"):
            yield FacetSidebar(id="sidebar")
            with Vertical(id="results-pane"):
                yield SearchSummary(id="summary")
                yield LoadingIndicator(id="loading")
                yield EmptyState(id="empty")
                yield ResultsList(id="results")
            yield DetailPane(id="detail")
        yield Footer()

    # ----- parts

    @property
    def search_bar(self) -> SearchBar:
        return self.query_one(SearchBar)

    @property
    def results(self) -> ResultsList:
        return self.query_one(ResultsList)

    @property
    def facets(self) -> FacetList:
        return self.query_one(FacetList)

    @property
    def detail(self) -> DetailPane:
        return self.query_one(DetailPane)

    def key_display(self, binding_id: str) -> str:
        """How the (possibly remapped) key for a binding id is written, for messages."""
        keys = getattr(self.app, "keymap_overrides", {}).get(binding_id) or BY_ID[binding_id].keys
        first = keys.split(",")[0].strip()
        return self.app.get_key_display(Binding(first, ""))

    # ----- layout

    @property
    def narrow(self) -> bool:
        return self.has_class("-narrow")

    @property
    def reading(self) -> bool:
        return self.has_class("-reading")

    @property
    def sidebar_visible(self) -> bool:
        return not self.has_class("-no-sidebar")

    def on_resize(self, event: Resize) -> None:
        self._width = event.size.width
        self.set_class(event.size.width < NARROW_WIDTH, "-narrow")
        if not self.narrow:
            self.remove_class("-reading")
        self._apply_sidebar()

    def _apply_width(self) -> None:
        """The results pane grows with the terminal (narrow: it takes the whole width instead)."""
        pane = self.query_one("#results-pane")
        self.query_one("#sidebar").styles.width = sidebar_width(self._width)
        if self.narrow:
            pane.styles.width = "1fr"
        else:
            pane.styles.width = results_width(self._width, self.sidebar_visible,
                                              self.view_settings.results_width)

    def action_resize_results(self, step: int) -> None:
        if self.narrow:
            self.notify("The results use the whole width here; make the window wider to resize them.",
                        timeout=3, markup=False)
            return
        settings = self.view_settings
        settings.results_width = max(MIN_WIDTH, min(MAX_WIDTH, settings.results_width + step))
        settings.save()
        self._apply_width()

    def action_toggle_compact(self) -> None:
        self.view_settings.compact = not self.view_settings.compact
        self.view_settings.save()
        self.results.set_compact_mode(self.view_settings.compact)

    def _apply_sidebar(self) -> None:
        show = self._sidebar_pref if self._sidebar_pref is not None else self._width >= WIDE_WIDTH
        self.set_class(not show, "-no-sidebar")
        self._apply_width()
        focused = self.focused
        if not show and focused is not None and self._pane_of(focused) == "sidebar":
            self.results.focus()

    def action_toggle_sidebar(self) -> None:
        self._sidebar_pref = not self.sidebar_visible
        if self._sidebar_pref and self.reading:
            self._leave_reading()
        self._apply_sidebar()
        if self._sidebar_pref:
            self.facets.focus()

    def _enter_reading(self) -> None:
        if self.narrow:
            self.add_class("-reading")

    def _leave_reading(self) -> None:
        self.remove_class("-reading")

    # ----- engine and searching

    def on_mount(self) -> None:
        # Whoever refreshes the bindings (this screen, or Textual on a focus change), note the answers
        # the footer is about to show, so `_update_footer` can tell when they change.
        self.bindings_updated_signal.subscribe(self, self._bindings_refreshed, immediate=True)
        self.results.set_compact_mode(self.view_settings.compact)
        self.search_bar.input.focus()
        self._show_pack_label()
        engine = getattr(self.app, "engine", None)
        if engine is not None:
            self.engine = engine
            self.run_search()

    def on_engine_ready(self, message: EngineReady) -> None:
        self.engine = message.engine
        self.run_search()

    def on_index_progress(self, message: IndexProgress) -> None:
        if self.engine is None:
            self.query_one(SearchSummary).show_text(
                f"Building the search index: {message.done} of {message.total} files "
                "(only the first time, or after the corpus changes)…")

    def on_engine_failed(self, message: EngineFailed) -> None:
        self.query_one("#loading").display = False
        self.query_one(SearchSummary).show_text(
            "The index could not be opened, so nothing can be searched. "
            f"{message.reason}\nPress {self.key_display('show_warnings')} for corpus warnings; "
            "details are in the log.")

    def run_search(self) -> None:
        if self.engine is None:
            return
        seq, actions = self.schedule.start_search()  # a preview must not hold the engine meanwhile
        self._carry_out(actions)
        # A screenful and a margin (the list asks for more when the view nears its end); enough to
        # find the reader's document again when only the filters changed.
        lines = 2 if self.results.compact_mode else HIT_LINES
        limit = max(FIRST_PAGE, self.results.size.height // lines + ResultsList.MORE_MARGIN + 2)
        previous = self.result
        if previous is not None and previous.request.query == self.query_text and self.results.highlighted:
            limit = max(limit, self.results.highlighted + limit)
        if self._open_after_search is not None:
            limit = PAGE_SIZE  # the new document is to be highlighted wherever it ranks
        limit = min(PAGE_SIZE, limit)
        request = SearchRequest(query=self.query_text, filters=self.filters, limit=limit)
        self._search(seq, request, self.engine)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def _search(self, seq: int, request: SearchRequest, engine: Engine) -> None:
        worker = get_current_worker()
        # Starting the next search cancels this worker: the engine then stops collecting matches.
        result = engine.search(request, should_stop=lambda: worker.is_cancelled)
        if worker.is_cancelled:
            return  # superseded: the result may be partial
        labels = self._labels(engine, result)
        if worker.is_cancelled:
            return
        self.post_message(SearchDone(seq, result, labels))

    @staticmethod
    def _labels(engine: Engine, result: SearchResult) -> dict[str, str]:
        labels: dict[str, str] = {}
        for hit in result.hits:
            if hit.restricted and hit.restriction_label:
                labels[hit.doc_id] = hit.restriction_label
            elif hit.restricted:  # an engine that does not fill in the label: ask the record
                doc = engine.document(hit.doc_id)
                labels[hit.doc_id] = doc.restriction.label if doc and doc.restriction else "Restricted"
        return labels

    def _has_more(self, result: SearchResult, loaded: int) -> bool:
        return loaded < min(result.total, PAGE_SIZE) and len(result.hits) > 0

    def on_search_done(self, message: SearchDone) -> None:
        show, actions = self.schedule.search_done(message.seq, time.monotonic(),
                                                  typing_pending=self.search_bar.pending)
        if not show:
            return  # an older search finished late: a newer one is on its way
        with self.app.batch_update():  # one repaint for the list, facets, chips and summary
            self._show_result(message)
            self._carry_out(actions)

    # ----- carrying out the schedule

    def _carry_out(self, actions: list[Do]) -> None:
        for action in actions:
            if action is Do.SHOW_FACETS:
                self._show_facets()
            elif action is Do.CANCEL_PREVIEW:
                self.workers.cancel_group(self, "detail")
            elif action is Do.PREVIEW:
                self._preview_current()
        self._set_wake()

    def _set_wake(self) -> None:
        """One timer, for whatever the schedule has due next."""
        if self._wake is not None:
            self._wake.stop()
            self._wake = None
        deadline = self.schedule.deadline()
        if deadline is not None:
            self._wake = self.set_timer(max(0.001, deadline - time.monotonic()), self._woken)

    def _woken(self) -> None:
        self._wake = None
        self._carry_out(self.schedule.due(time.monotonic(), typing_pending=self.search_bar.pending))

    def _show_result(self, message: SearchDone) -> None:
        result = message.result
        previous, self.result = self.result, result
        if previous is None:  # the first results: the engine and the screens are all there now
            self.call_after_refresh(keep_long_lived)
            self._warm_views()
        self.query_one("#loading").display = False
        for facet, values in result.facets.items():
            for fv in values:
                self._facet_labels[(facet, fv.value)] = fv.label
        # Ticking a filter keeps the reader on their document; a new query starts at the best match.
        same_query = previous is not None and previous.request.query == result.request.query
        keep = self.results.current.doc_id if self.results.current and same_query else None
        opening, self._open_after_search = self._open_after_search, None
        keep = opening or keep
        self.results.show_hits(result.hits, message.restriction_labels, keep=keep,
                               more=self._has_more(result, len(result.hits)),
                               snippets=bool(result.request.query.strip()))
        self.query_one(FilterChips).show_filters(
            [(f, v, self._facet_labels.get((f, v), v)) for f, v in self.filters.items()])
        suggestion_key = self.key_display("accept_suggestion")
        self.query_one(SearchSummary).show_result(result, suggestion_key, cap=PAGE_SIZE)
        self._update_footer()
        empty = self.query_one(EmptyState)
        if result.total == 0:
            empty.show_empty(self.query_text, not self.filters.is_empty(), result.suggestion,
                             suggestion_key)
        else:
            empty.hide()
        self.results.display = result.total > 0
        if not self.reading:
            self.schedule.highlighted(time.monotonic())
        if opening is not None:
            self.open_document(opening)  # after the preview was scheduled: this cancels it

    def _show_facets(self) -> None:
        if self.result is not None:
            self.facets.show_facets(self.result.facets, self.filters)

    @on(ResultsList.NeedMore)
    def _need_more(self, message: ResultsList.NeedMore) -> None:
        result = self.result
        if result is None or self.engine is None:
            return
        limit = (PAGE_SIZE if message.to_end else message.loaded + MORE_PAGE) - message.loaded
        limit = min(limit, PAGE_SIZE - message.loaded)
        if limit <= 0:
            return
        request = replace(result.request, offset=message.loaded, limit=limit)
        self._more(self.schedule.search_seq, request, self.engine)

    @work(thread=True, exclusive=True, group="more", exit_on_error=False)
    def _more(self, seq: int, request: SearchRequest, engine: Engine) -> None:
        worker = get_current_worker()
        result = engine.search(request, should_stop=lambda: worker.is_cancelled)
        if worker.is_cancelled:
            return
        self.post_message(MoreDone(seq, request.offset, result, self._labels(engine, result)))

    def on_more_done(self, message: MoreDone) -> None:
        if message.seq != self.schedule.search_seq or self.result is None:
            return  # the list shows another search now
        if message.offset != len(self.results.hits):
            return
        loaded = message.offset + len(message.result.hits)
        self.results.append_hits(message.result.hits, message.restriction_labels,
                                 more=self._has_more(message.result, loaded))
        self.result = replace(self.result, hits=self.results.hits)

    @on(SearchBar.Typing)
    def _typing(self) -> None:
        self._carry_out(self.schedule.key(time.monotonic()))
        if not self._views_warm:  # the search comes first; read the views once typing rests
            self.workers.cancel_group(self, "warm")
            if self._warm_timer is not None:
                self._warm_timer.stop()
            self._warm_timer = self.set_timer(WARM_IDLE, self._warm_views)

    def _warm_views(self) -> None:
        self._warm_timer = None
        if self.engine is not None and not self._views_warm:
            self._warm(self.engine)

    @work(thread=True, exclusive=True, group="warm", exit_on_error=False)
    def _warm(self, engine: Engine) -> None:
        """While the first results are read: have the engine read what the question bank (every
        question, 0.4-0.7 s at 10k) and the themes overview (0.2-0.3 s) need, which it keeps, so F3
        and F4 open at once. A key typed stops it (`_typing`); it starts again once keys rest."""
        worker = get_current_worker()
        try:
            bank = engine.question_bank("", limit=1, should_stop=lambda: worker.is_cancelled)
            if bank.stopped or worker.is_cancelled:
                return
            engine.tag_stats("themes", include_unused=True)
        except Exception:  # nobody asked for these yet: F3 or F4 will say what fails, not this
            log.exception("reading the question bank and themes ahead failed")
            return
        if not worker.is_cancelled:
            self._views_warm = True  # one flag set once: read on the UI thread, never written there

    @on(SearchBar.QueryChanged)
    def _query_changed(self, message: SearchBar.QueryChanged) -> None:
        if message.query == self.query_text and self.result is not None:
            return
        self.query_text = message.query
        self._leave_reading()
        self.run_search()

    @on(SearchBar.Submitted)
    def _submitted(self, message: SearchBar.Submitted) -> None:
        result = self.result
        if result is not None and result.total == 0 and result.suggestion:
            self.action_accept_suggestion()
        elif self.results.hits:
            self.results.focus()

    @on(SearchBar.LeaveDown)
    def _leave_down(self) -> None:
        if self.results.hits:
            self.results.focus()

    @on(FacetList.Toggled)
    def _facet_toggled(self, message: FacetList.Toggled) -> None:
        self.filters = self.filters.toggled(message.facet, message.value)
        self.run_search()

    @on(Chip.Removed)
    def _chip_removed(self, message: Chip.Removed) -> None:
        if message.facet is None or message.value is None:
            self.filters = self.filters.cleared()
        else:
            self.filters = self.filters.with_values(
                message.facet, self.filters.get(message.facet) - {message.value})
        self.run_search()

    @on(AcceptSuggestion)
    def _suggestion_clicked(self) -> None:
        self.action_accept_suggestion()

    def action_accept_suggestion(self) -> None:
        if self.result is not None and self.result.suggestion:
            self.search_bar.set_query(self.result.suggestion)

    def action_clear_filters(self) -> None:
        if not self.filters.is_empty():
            self.filters = self.filters.cleared()
            self.run_search()

    # ----- public helpers (command palette, later screens)

    def search_for(self, query: str) -> None:
        self.search_bar.set_query(query)

    def set_filter(self, facet: str, value: str, on: bool = True) -> None:
        current = self.filters.get(facet)
        self.filters = self.filters.with_values(facet, current | {value} if on else current - {value})
        self.run_search()

    def open_document(self, doc_id: str, item_id: str | None = None, *, focus: bool = True,
                      exact: bool = False) -> None:
        """Show a document in the detail pane (and, when narrow, switch to reading it).

        With `exact`, open it at `item_id` (the question bank's Enter) even if that passage does
        not match the search; otherwise `item_id` is only a preference among the matches."""
        if self.engine is None:
            return
        if focus:
            self._enter_reading()
        self._load_detail(doc_id, item_id, focus, exact=exact)

    @property
    def pending(self) -> bool:
        """True while typing, a preview or a worker has yet to land (tests wait on this)."""
        return (self.schedule.waiting or self.search_bar.pending
                or any(w.is_running for w in self.workers))

    def focused_passage(self) -> tuple[str, str, PassageKind] | None:
        """(doc_id, item_id, kind) of the passage with focus, for keys that act on it."""
        ref = self.detail.focused_passage()
        return (ref.doc_id, ref.item_id, ref.kind) if ref else None

    # ----- the detail pane

    def _preview_current(self) -> None:
        hit = self.results.current
        if hit is None:
            self.call_later(self.detail.clear)
            return
        if self.narrow and not self.reading:
            return  # the detail pane is not on screen; load it when opened
        self._load_hit(hit, focus=False)

    def _load_hit(self, hit: DocumentHit, *, focus: bool) -> None:
        best = hit.passages[0].item_id if hit.passages else None
        self._load_detail(hit.doc_id, best, focus)

    def _load_detail(self, doc_id: str, item_id: str | None, focus: bool, *,
                     exact: bool = False) -> None:
        terms = self.result.terms if self.result else ()
        view = self.detail.view
        if view is not None and view.reading is not None and view.doc_id == doc_id \
                and view.reading.terms == tuple(terms) and doc_id != self._stale_detail:
            self.schedule.supersede_detail()  # anything in flight is now stale
            if focus:
                self.schedule.start_detail(preview=False)
            if exact and item_id is not None and view.goto_item(item_id, focus=focus):
                return
            if focus:
                view.focus_default()
            return
        assert self.engine is not None
        self._stale_detail = None
        seq = self.schedule.start_detail(preview=not focus)
        self._set_wake()
        self._fetch_detail(seq, doc_id, item_id, tuple(terms), focus, self.engine,
                           exact)

    @work(thread=True, exclusive=True, group="detail", exit_on_error=False)
    def _fetch_detail(self, seq: int, doc_id: str, item_id: str | None, terms: tuple[str, ...],
                      focus: bool, engine: Engine, exact: bool = False) -> None:
        worker = get_current_worker()
        doc = engine.document(doc_id)
        reading = None
        if doc is not None:
            linked = [h for h in engine.linked(doc_id) if h.doc_id != doc_id]
            if worker.is_cancelled:
                return  # typing resumed: leave the engine to the search (related is the slow part)
            related = [h for h in engine.related(doc_id, limit=5) if h.doc_id != doc_id]
            reading = build_reading(doc, engine.taxonomy, terms=terms, find_spans=find_spans,
                                    preferred_item=item_id, linked=linked, related=related)
            if exact and item_id is not None and any(b.ref.item_id == item_id for b in reading.blocks):
                reading = replace(reading, focus_item=item_id)
        if get_current_worker().is_cancelled:
            return
        self.post_message(DetailReady(seq, reading, doc_id, focus))

    async def on_detail_ready(self, message: DetailReady) -> None:
        if not self.schedule.detail_done(message.seq):
            return
        if message.reading is None:
            self.notify(f"That document is no longer in the corpus ({message.doc_id}).",
                        severity="warning", markup=False)
            return
        await self.detail.show(message.reading, focus=message.focus,
                               in_pack=session_of(self.app).keys)
        self._update_footer()

    @on(ResultsList.Highlighted)
    def _result_highlighted(self) -> None:
        self.schedule.highlighted(time.monotonic())
        self._set_wake()
        self._update_footer()

    @on(ResultsList.Opened)
    def _result_opened(self, message: ResultsList.Opened) -> None:
        self.search_bar.remember()
        self._enter_reading()
        self._load_hit(message.hit, focus=True)

    @on(RelatedList.OpenDocument)
    def _related_opened(self, message: RelatedList.OpenDocument) -> None:
        self.open_document(message.doc_id)

    def action_next_match(self) -> None:
        self._goto_match(+1)

    def action_previous_match(self) -> None:
        self._goto_match(-1)

    def _goto_match(self, step: int) -> None:
        view = self.detail.view
        if view is None or (self.narrow and not self.reading):
            return
        if not view.goto_match(step):
            self.notify("No passage of this document matches the search.", timeout=3, markup=False)

    # ----- moving between panes

    def _pane_of(self, widget: Widget) -> str | None:
        for node in (widget, *widget.ancestors):
            if node.id in ("search-bar", "sidebar", "results-pane", "detail"):
                return {"search-bar": "search", "results-pane": "results"}.get(node.id, node.id)
        return None

    def _panes(self) -> list[str]:
        panes = ["search"]
        if self.narrow and self.reading:
            return [*panes, "detail"]
        if self.sidebar_visible:
            panes.append("sidebar")
        panes.append("results")
        if not self.narrow and self.detail.view is not None:
            panes.append("detail")
        return panes

    def focus_pane(self, pane: str) -> None:
        if pane == "search":
            self.search_bar.input.focus()
        elif pane == "sidebar":
            self.facets.focus()
        elif pane == "results":
            self.results.focus()
        elif pane == "detail" and self.detail.view is not None:
            self.detail.view.focus_default()

    def _cycle(self, step: int) -> None:
        panes = self._panes()
        current = self._pane_of(self.focused) if self.focused else None
        index = panes.index(current) if current in panes else (-1 if step > 0 else 0)
        self.focus_pane(panes[(index + step) % len(panes)])

    def action_next_pane(self) -> None:
        self._cycle(+1)

    def action_previous_pane(self) -> None:
        self._cycle(-1)

    def action_focus_search(self) -> None:
        """/ or Ctrl+L: the search box with its text selected, so typing replaces the old query."""
        self.search_bar.focus_selected()

    def on_key(self, event: Key) -> None:
        """A printable key typed outside a text box starts a new search with it (as posting does), unless
        the pane has a use for that key (n/N in a document, space in the filters)."""
        if not event.is_printable or not event.character or isinstance(self.focused, Input):
            return
        bound = self.active_bindings.get(event.key)
        if bound is not None and bound.enabled and not self.search_bar.catching:
            return
        if event.character.isspace() and not self.search_bar.catching:
            # A space starts no word: pressed in a list (as if ticking), it must not wipe the query.
            return
        event.stop()
        event.prevent_default()
        self._leave_reading()
        self.search_bar.type_fresh(event.character)

    def on_descendant_focus(self) -> None:
        # Textual asks check_action before the focus has moved: ask again now that it has.
        self.call_after_refresh(self._update_footer)

    def _answers(self) -> tuple[bool | None, ...]:
        return tuple(self.check_action(action, ()) for action in self._CHECKED)

    def _bindings_refreshed(self, _screen: Screen[None]) -> None:
        self._footer_answers = self._answers()

    def _update_footer(self) -> None:
        """Refresh the footer's keys if an answer of check_action changed. Not on every call: a refresh
        makes Textual's Footer compose all its keys again (some 15 widgets mounted and styled, tens of
        ms on the UI thread), and results arrive and are highlighted on every key typed."""
        if self._answers() != self._footer_answers:
            self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # The footer lists only keys that do something where the focus is.
        if action in self._NEED_DOCUMENT:
            return self._shown_document_id() is not None
        if action == "add_to_pack":
            return self.detail.focused_passage() is not None
        if action == "undo_pack_removal":
            return bool(self._removed)
        if action == "accept_suggestion":
            return self.result is not None and bool(self.result.suggestion)
        if action == "clear_filters":
            return not self.filters.is_empty()
        if action == "focus_search":  # already there: "/" types a slash
            return not isinstance(self.focused, Input)
        return True

    def _shown_document_id(self) -> str | None:
        view = self.detail.view
        if view is not None and (not self.narrow or self.reading):
            return view.doc_id
        hit = self.results.current
        return hit.doc_id if hit is not None else None

    def action_back(self) -> None:
        pane = self._pane_of(self.focused) if self.focused else None
        if self.reading:
            self._leave_reading()
            self.results.focus()
        elif pane == "detail":
            self.results.focus()
        elif pane in ("results", "sidebar"):
            self.search_bar.input.focus()
        elif pane == "search" and self.search_bar.value:
            self.search_bar.set_query("")

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if report_worker_failure(self, event.worker, event.state) and event.worker.group == "search":
            self.schedule.search_failed()
            self.query_one("#loading").display = False

    # ----- the session pack and exports

    def _show_pack_label(self) -> None:
        """"Pack: <title> (n)" in the header, once a pack is open; the app's subtitle before."""
        self.sub_title = session_of(self.app).label()  # None: the app's own subtitle

    def on_pack_changed(self, _message: PackChanged) -> None:
        self._show_pack_label()
        view = self.detail.view
        if view is not None:
            view.mark_pack(session_of(self.app).keys)

    def show_new_document(self, doc_id: str) -> None:
        """A document was just added (ingest) or changed (review): search again so it is listed,
        then open it (read again, not the copy already shown)."""
        self._open_after_search = doc_id
        self._stale_detail = doc_id
        self.run_search()

    def shown_document(self) -> Document | None:
        return self._shown_document()

    def _shown_document(self) -> Document | None:
        """The document in the detail pane, else the highlighted result's (read from the index)."""
        view = self.detail.view
        if view is not None and view.reading is not None and (not self.narrow or self.reading):
            return view.reading.document
        hit = self.results.current
        if hit is None or self.engine is None:
            return None
        return self.engine.document(hit.doc_id)

    def action_add_to_pack(self) -> None:
        ref = self.detail.focused_passage()
        view = self.detail.view
        if ref is None or view is None or view.reading is None:
            self.notify(f"Open a review (Enter) and move to a learning point or a question, then press "
                        f"{self.key_display('add_to_pack')}; "
                        f"{self.key_display('add_document_to_pack')} adds the whole document.",
                        timeout=6, markup=False)
            return
        try:
            item = item_from_document(view.reading.document, ref.item_id)
        except UnknownItemError as exc:  # the passage list and the record disagree: say so
            self.notify(str(exc), severity="warning", markup=False)
            return
        self._toggle(item)

    def action_add_document_to_pack(self) -> None:
        doc = self._shown_document()
        if doc is None:
            self.notify("Choose a review first.", timeout=3, markup=False)
            return
        self._toggle(item_from_document(doc, None))

    def _toggle(self, item: PackItem) -> None:
        if session_of(self.app).toggle(item) is False:
            self._removed.append(item)  # removed: Ctrl+Z puts it back
            self._update_footer()

    def action_undo_pack_removal(self) -> None:
        if not self._removed:
            self.notify("Nothing removed from the pack to put back.", timeout=3, markup=False)
            return
        item = self._removed.pop()
        if session_of(self.app).toggle(item) is not True:
            self._removed.append(item)  # not put back (the pack could not be written): keep it
        self._update_footer()

    def action_export(self) -> None:
        doc = self._shown_document()
        engine = self.engine
        if doc is None or engine is None:
            self.notify("Choose a review to export first.", timeout=3, markup=False)
            return

        def build(fmt: str) -> str:
            linked = [d for h in engine.linked(doc.id) if h.doc_id != doc.id
                      and (d := engine.document(h.doc_id)) is not None]
            return export_document(doc, fmt, taxonomy=engine.taxonomy, linked=linked)

        self.app.push_screen(ExportScreen(
            Content("“") + literal(doc.title, one_line=True) + Content("”"), doc.id, build,
            restricted=doc.restriction.label if doc.restriction is not None else None))
