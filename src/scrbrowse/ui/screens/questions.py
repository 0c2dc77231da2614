"""The reflective question bank: every reflective question in the corpus, with its review and any
restriction, filterable by theme and agency and searchable with the same query syntax as the browser.

Everything comes from one engine call, `Engine.question_bank` (served from the index, see
`search/corpus_overview.py`), made in a thread worker: the matching questions a page at a time, their
total and the theme and agency counts over all of them. The filters follow the bank's rule
(`api.BankQuestion`: a question's own tags, never its document's), so the app's counts and
`scrbrowse questions --theme` list the same questions.

At 10k documents there are some 135,000 questions: the list holds a page of them and asks for the next
page when the highlight nears its end, so nothing long ever runs on the UI thread.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.events import Resize
from textual.message import Message
from textual.screen import Screen
from textual.style import Style
from textual.timer import Timer
from textual.widgets import Footer, Header, Input, Label, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, get_current_worker

from ...model import Document
from ...packs import Pack, item_from_document
from ...search.api import BankQuestion, BankResult, FacetValue, Filters
from ...starred import StarredStore
from ..backend import Engine
from ..bindings import bindings
from ..errors import report_worker_failure
from ..messages import EngineReady, PackChanged
from ..session import session_of
from ..text import component_style, highlighted, join, literal
from ..theme import copy_text, draft_mark, restriction_mark
from ..widgets.facets import FacetList
from ..widgets.search_bar import DEBOUNCE_SECONDS, SearchBar, SearchInput
from .present import PresentScreen, slides_from_questions

if TYPE_CHECKING:
    from ..app import ScrbrowseApp

MIN_TITLE = 20  # shorter than this, a document title cut to fit says nothing: leave it out
NARROW_WIDTH = 110  # below this the filters start hidden (f shows them), as in the browser
FACET_NAMES = ("theme", "agency")
PLACEHOLDER = "Search the questions, e.g. fathers · safe sleep · professional curiosity"
_OWN_BACKGROUND = frozenset({"question--match"})


# Questions asked of the engine at a time, and rows added to the list per refresh: each row is
# wrapped and measured on the UI thread (about 3 ms each on a busy 2-core machine), so a page is
# a few screens, not hundreds of rows.
PAGE = 60
CHUNK = PAGE
# A new list's first chunk is what fits on the screen (a row takes two lines and a separator),
# so the first rows are painted before the rest of the page is measured.
LINES_PER_ROW = 3
MORE_MARGIN = 20  # the next page is asked for when the highlight is this close to the end


class BankReady(Message):
    """A search's first page (`offset` 0) or a further page of the same search."""

    def __init__(self, seq: int, result: BankResult) -> None:
        super().__init__()
        self.seq = seq
        self.result = result
        self.query = result.query


class QuestionList(OptionList):
    BINDINGS = bindings("cursor_down", "cursor_up", "open_question")
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "question--number", "question--meta", "question--match", "question--in-pack",
    }
    DEFAULT_CSS = """
    QuestionList { height: 1fr; border: none; padding: 0; background: transparent; }
    QuestionList:focus { border: none; background: transparent; }
    QuestionList > .question--number { text-style: bold; color: $text-accent; }
    QuestionList > .question--meta { color: $text-secondary; }
    QuestionList > .question--match { text-style: bold underline; color: $text-warning;
                                      background: $warning-muted; }
    QuestionList > .question--in-pack { text-style: bold; color: $text-success; }
    """

    class NeedMore(Message):
        """The highlight is near the end of the rows loaded so far."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[BankQuestion] = []
        self.total = 0  # questions matching, loaded or not
        self.in_pack: set[tuple[str, str | None]] = set()
        self.starred: set[tuple[str, str | None]] = set()
        self.shown = 0  # rows added as options so far (the rest follow a chunk at a time)
        self._fill = 0  # bumped by each show_rows, so an older fill stops adding
        self._drawn_width = 0  # the width the rows were drawn for

    @property
    def current(self) -> BankQuestion | None:
        index = self.highlighted
        return self.rows[index] if index is not None and 0 <= index < self.shown else None

    @property
    def filling(self) -> bool:
        return self.shown < len(self.rows)

    @property
    def complete(self) -> bool:
        return len(self.rows) >= self.total

    def show_rows(self, rows: list[BankQuestion], in_pack: set[tuple[str, str | None]], *,
                  keep_highlight: bool = True, total: int | None = None) -> None:
        """Show `rows`. The highlight stays on the same question only when `keep_highlight` (the
        same search re-shown, e.g. a pack change); a new search starts at its best match, so Enter
        after ↓ never opens a question left highlighted from the list before."""
        keep = self.current.key if self.current and keep_highlight else None
        self.rows = rows
        self.total = len(rows) if total is None else total
        self.in_pack = in_pack
        self._fill += 1
        self.shown = 0
        self._drawn_width = self.size.width
        with self.prevent(OptionList.OptionHighlighted):
            self.clear_options()
        keys = [r.key for r in rows]
        target = keys.index(keep) if keep in keys else 0
        screenful = max(8, self.size.height // LINES_PER_ROW + 1)
        self._add_chunk(self._fill, max(screenful, target + 1))
        if rows:
            with self.prevent(OptionList.OptionHighlighted):
                self.highlighted = target
            self.scroll_to_highlight()

    def _add_chunk(self, fill: int, size: int = CHUNK) -> None:
        if fill != self._fill or not self.is_attached:
            return  # a newer list replaced this one
        start, end = self.shown, min(len(self.rows), self.shown + size)
        options: list[Option | None] = []
        for i in range(start, end):
            if i:
                options.append(None)
            options.append(Option(self.render_row(i, self.rows[i])))
        if options:
            with self.prevent(OptionList.OptionHighlighted):
                self.add_options(options)
        self.shown = end
        if self.shown < len(self.rows):
            self.call_after_refresh(self._add_chunk, fill)

    def add_rows(self, rows: list[BankQuestion]) -> None:
        """Add the next page of the same search after the rows there are."""
        filling = self.filling  # a fill under way adds them too
        self.rows.extend(rows)
        if not filling:
            self._add_chunk(self._fill, len(rows))

    def _on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        index = self.highlighted
        if index is not None and not self.complete and index >= len(self.rows) - MORE_MARGIN:
            self.post_message(self.NeedMore())

    def mark(self, in_pack: set[tuple[str, str | None]],
             starred: set[tuple[str, str | None]] | None = None) -> None:
        """Redraw the "in pack" and "starred" marks without moving the cursor: only the rows whose
        marks changed (a 30,000-question list is not drawn again for one added question)."""
        starred = self.starred if starred is None else starred
        changed = (self.in_pack ^ in_pack) | (self.starred ^ starred)
        self.in_pack, self.starred = set(in_pack), set(starred)
        for i in range(self.shown):
            # Separators are not options (they mark the option above), so indexes match rows.
            if self.rows[i].key in changed:
                self.replace_option_prompt_at_index(i, self.render_row(i, self.rows[i]))

    def render_row(self, index: int, row: BankQuestion) -> Content:
        def style(name: str) -> Style:
            return component_style(self, name, background=name in _OWN_BACKGROUND)

        e = row
        text = highlighted(e.text, e.spans, style("question--match"))
        first = Content(f"{index + 1}. ").stylize(style("question--number")) + text
        meta: list[Content | str] = [literal(e.review, one_line=True)]
        meta.append(f"question {e.number}" if e.number is not None else "question")
        mark = Content("")
        if e.restriction is not None:
            # First on its line, so a narrow screen never wraps the mark away from the question.
            mark = restriction_mark(e.restriction) + Content(" ")
        if e.draft:
            mark = mark + draft_mark() + Content(" ")
        in_pack = Content("  ● in pack") if e.key in self.in_pack else Content("")
        if e.key in self.starred:
            in_pack = in_pack + Content("  ★")
        # The document's title too, cut to what is left of one line (a wrapped line is noise).
        room = (self.scrollable_content_region.width or 80) - len(mark.plain) - \
            len(join(meta).plain) - len(in_pack.plain) - 4
        if room >= MIN_TITLE:
            meta.append(literal(e.document, one_line=True, limit=room))
        second = mark + join(meta).stylize(style("question--meta")) + \
            in_pack.stylize(style("question--in-pack"))
        return first + Content("\n") + second

    def on_resize(self, event: Resize) -> None:
        if self.rows and event.size.width != self._drawn_width:
            # The document titles come and go with the width: draw the rows again, a chunk at a
            # time as when they were first shown, on the same question.
            self.show_rows(self.rows, self.in_pack, keep_highlight=True, total=self.total)


class QuestionBankScreen(Screen[None]):
    BINDINGS = bindings("back", "focus_search", "toggle_sidebar", "clear_filters", "add_to_pack",
                        "star_question", "starred_only", "copy_text", "present")
    DEFAULT_CSS = """
    QuestionBankScreen #bank-search { height: auto; }
    QuestionBankScreen #bank-search > Label { padding: 1 1 0 1; color: $text-muted; }
    QuestionBankScreen #bank-search > SearchInput { width: 1fr; }
    QuestionBankScreen #bank-body { height: 1fr; }
    QuestionBankScreen #bank-sidebar { width: 30; padding: 0 0 0 1;
                                       border-right: vkey $foreground 20%; }
    QuestionBankScreen #bank-sidebar > Label { padding: 0 1; text-style: bold; color: $text-muted; }
    QuestionBankScreen.-no-sidebar #bank-sidebar { display: none; }
    QuestionBankScreen #bank-main { width: 1fr; padding: 0 1; }
    QuestionBankScreen #bank-summary { color: $text-muted; height: auto; }
    QuestionBankScreen #bank-empty { color: $text-muted; padding: 1 0; }
    QuestionBankScreen .-hidden { display: none; }
    """

    def __init__(self) -> None:
        super().__init__(id="questions")
        self.sub_title = "Reflective question bank"
        self.query_text = ""
        self.filters = Filters()
        self.total = 0  # every question in the corpus
        self._seq = 0
        self._timer: Timer | None = None
        self._shown_query: str | None = None  # the query the list now shows
        self._focus_when_ready = False  # ↓ was pressed before the search for what was typed ran
        self._loading_more = False  # a further page has been asked for
        self._sidebar_pref: bool | None = None
        self._width = NARROW_WIDTH
        self.starred_store = StarredStore()
        self.starred: Pack | None = None  # loaded when the screen opens
        self.starred_only = False

    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        with Horizontal(id="bank-search"):
            yield Label(Content("Search"))
            yield SearchInput(placeholder=PLACEHOLDER, id="bank-input", select_on_focus=False)
        with Horizontal(id="bank-body"):
            with Vertical(id="bank-sidebar"):
                yield Label(Content("Filters"))
                yield FacetList(id="bank-facets", names=FACET_NAMES)
            with Vertical(id="bank-main"):
                # No animated loading indicator: it repainted the screen many times a second
                # while the engine read the questions, slowing it; the summary says what happens.
                yield Static(Content("Reading the questions…"), id="bank-summary")
                yield Static(Content(""), id="bank-empty", classes="-hidden")
                yield QuestionList(id="bank-list")
        yield Footer()

    @property
    def scrbrowse(self) -> ScrbrowseApp:
        return cast("ScrbrowseApp", self.app)

    @property
    def input(self) -> Input:
        return self.query_one("#bank-input", Input)

    @property
    def questions(self) -> QuestionList:
        return self.query_one(QuestionList)

    @property
    def facets(self) -> FacetList:
        return self.query_one("#bank-facets", FacetList)

    @property
    def shown_query(self) -> str | None:
        """The query the list now shows the results of (None before the first)."""
        return self._shown_query

    @property
    def pending(self) -> bool:
        return (self._timer is not None or any(w.is_running for w in self.workers)
                or self.questions.filling)

    def on_mount(self) -> None:
        loaded = self.starred_store.load()
        self.starred = loaded.bank
        self.questions.starred = self.starred.keys()
        if loaded.message:
            self.notify(loaded.message, severity="warning", timeout=10, markup=False)
        # The search box first, as in the browser: someone who opens the bank and starts typing
        # must search, not fire any of the list's keys.
        self.input.focus()
        self.run_search()

    def on_engine_ready(self, _message: EngineReady) -> None:
        self.run_search()

    def on_resize(self, event: Resize) -> None:
        self._width = event.size.width
        self._apply_sidebar()

    def _apply_sidebar(self) -> None:
        show = self._sidebar_pref if self._sidebar_pref is not None else self._width >= NARROW_WIDTH
        self.set_class(not show, "-no-sidebar")
        if not show and self.focused is self.facets:
            self.questions.focus()

    def action_toggle_sidebar(self) -> None:
        self._sidebar_pref = self.has_class("-no-sidebar")
        self._apply_sidebar()
        if self._sidebar_pref:
            self.facets.focus()

    # ----- searching

    def run_search(self) -> None:
        engine = self.scrbrowse.engine
        if engine is None:
            self.query_one("#bank-summary", Static).update(
                Content("The search index is still opening; the questions follow in a moment…"))
            return
        self._seq += 1
        self.workers.cancel_group(self, "bank-more")  # pages of the last search are not wanted
        self._search(self._seq, self.query_text, self.filters, engine, self._only(), 0)

    def _only(self) -> frozenset[tuple[str, str | None]] | None:
        """"Starred only": the user's own bank, in corpus order."""
        return frozenset(self.starred.keys()) if self.starred_only and self.starred else None

    @work(thread=True, exclusive=True, group="questions", exit_on_error=False)
    def _search(self, seq: int, query: str, filters: Filters, engine: Engine,
                only: frozenset[tuple[str, str | None]] | None, offset: int) -> None:
        self._ask(seq, query, filters, engine, only, offset)

    @work(thread=True, exclusive=True, group="bank-more", exit_on_error=False)
    def _more(self, seq: int, query: str, filters: Filters, engine: Engine,
              only: frozenset[tuple[str, str | None]] | None, offset: int) -> None:
        self._ask(seq, query, filters, engine, only, offset)

    def _ask(self, seq: int, query: str, filters: Filters, engine: Engine,
             only: frozenset[tuple[str, str | None]] | None, offset: int) -> None:
        worker = get_current_worker()
        result = engine.question_bank(query, filters, offset=offset, limit=PAGE, only=only,
                                      should_stop=lambda: worker.is_cancelled)
        if result.stopped or worker.is_cancelled:
            return  # superseded
        self.post_message(BankReady(seq, result))

    @on(QuestionList.NeedMore)
    def _need_more(self) -> None:
        engine = self.scrbrowse.engine
        if engine is None or self._loading_more or self._shown_query is None:
            return
        self._loading_more = True
        self._more(self._seq, self._shown_query, self.filters, engine, self._only(),
                   len(self.questions.rows))

    def on_bank_ready(self, message: BankReady) -> None:
        if message.seq != self._seq:
            return  # a newer search is on its way
        result = message.result
        if result.offset:
            self._loading_more = False
            if result.offset == len(self.questions.rows):
                self.questions.add_rows(list(result.questions))
                self._summarise(result)
            return
        self.total = result.corpus_total
        self.facets.show_facets(result.facets, self.filters)
        same = message.query == self._shown_query
        self._shown_query = message.query
        self._loading_more = False
        rows = list(result.questions)
        self.questions.show_rows(rows, session_of(self.app).keys, keep_highlight=same,
                                 total=result.total)
        if self._focus_when_ready:
            self._focus_when_ready = False
            if rows and self.focused is self.input:
                self.questions.focus()
        empty = self.query_one("#bank-empty", Static)
        self.questions.display = bool(rows)
        empty.set_class(bool(rows), "-hidden")
        if not rows:
            empty.update(self._empty_text(message))
        self._summarise(result)

    def _empty_text(self, message: BankReady) -> Content:
        if self.starred_only and not self.query_text and self.filters.is_empty():
            return Content("No starred questions yet. Highlight a question and press Ctrl+F to "
                           "star it; Ctrl+O shows every question again.")
        counts = {fv.value: fv.count for fv in message.result.facets.get("theme", ())}
        unused = [t for t in sorted(self.filters.theme) if not counts.get(t)]
        if unused and not self.query_text:
            taxonomy = self.scrbrowse.engine.taxonomy if self.scrbrowse.engine else None
            names = ", ".join(taxonomy.label("themes", t) if taxonomy else t for t in unused)
            return (Content("No reflective question in the corpus is tagged with ")
                    + literal(names, one_line=True, limit=80)
                    + Content(" (nor is its learning point). The theme is in the taxonomy, but no "
                              "question has it yet. x removes the filter."))
        if self.query_text or not self.filters.is_empty():
            return Content("No reflective question matches. Try fewer words, or untick a filter "
                           "(Ctrl+R removes them all).")
        return Content("The corpus has no reflective questions yet.")

    def _summarise(self, result: BankResult) -> None:
        noun = "question" if self.total == 1 else "questions"
        parts: list[Content | str] = [f"{result.total:,} of {self.total:,} reflective {noun}"]
        loaded = len(self.questions.rows)
        if loaded < result.total:
            parts.append(f"the first {loaded:,} listed, more as you move down")
        if self.query_text.strip():
            parts.append(Content("matching “") + literal(self.query_text, one_line=True, limit=40)
                         + Content("”"))
        ticked = [fv.label for facet in FACET_NAMES for fv in self._facet_values(facet) if fv.selected]
        if ticked:
            parts.append(Content("filtered by ") + literal(", ".join(ticked), one_line=True, limit=60))
        if self.starred_only:
            parts.append("starred only (Ctrl+O shows all)")
        key = self.scrbrowse.browse.key_display  # the keys as the user may have remapped them
        parts.append(f"{key('add_to_pack')} adds to the pack · {key('star_question')} stars · "
                     f"{key('present')} presents · Enter reads it in its document")
        self.query_one("#bank-summary", Static).update(join(parts))

    def _facet_values(self, facet: str) -> list[FacetValue]:
        return [fv for fv, _ in self.facets.value_rows(facet)]

    @on(Input.Changed, "#bank-input")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        if self._timer is not None:
            self._timer.stop()
        value = event.value
        self._timer = self.set_timer(DEBOUNCE_SECONDS, lambda: self._settled(value))

    def _settled(self, query: str) -> None:
        self._timer = None
        if query != self.query_text:
            self.query_text = query
            self.run_search()

    def search_for(self, query: str) -> None:
        """Set the search text and search at once (tests, and typing's end)."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        with self.input.prevent(Input.Changed):
            self.input.value = query
        self.query_text = query
        self.run_search()

    @on(Input.Submitted, "#bank-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.search_for(event.value)
        if self.questions.rows:
            self.questions.focus()

    @on(SearchBar.LeaveDown)
    def _leave_down(self) -> None:
        if self.input.value != self.query_text or self._timer is not None:
            # The list still shows the last search: search for what was typed now, and go to the
            # list when its results are in (never to a stale row that Enter would open).
            self._focus_when_ready = True
            self.search_for(self.input.value)
            return
        if self.questions.rows:
            self.questions.focus()

    @on(FacetList.Toggled)
    def _facet_toggled(self, message: FacetList.Toggled) -> None:
        self.filters = self.filters.toggled(message.facet, message.value)
        self.run_search()

    def action_clear_filters(self) -> None:
        if not self.filters.is_empty():
            self.filters = self.filters.cleared()
            self.run_search()

    def set_filter(self, facet: str, value: str, on: bool = True) -> None:
        current = self.filters.get(facet)
        self.filters = self.filters.with_values(facet, current | {value} if on else current - {value})
        self.run_search()

    # ----- acting on a question

    def on_pack_changed(self, _message: PackChanged) -> None:
        if self.questions.rows:
            self.questions.mark(session_of(self.app).keys)

    def action_add_to_pack(self) -> None:
        row = self.questions.current
        if row is None:
            self.notify("Move to a question first.", timeout=3, markup=False)
            return
        doc = self._document(row)
        if doc is None:
            return
        session_of(self.app).toggle(item_from_document(doc, row.item_id))

    def action_star(self) -> None:
        row = self.questions.current
        if row is None or self.starred is None:
            self.notify("Move to a question first.", timeout=3, markup=False)
            return
        doc = self._document(row)
        if doc is None:
            return
        now = self.starred.toggle(item_from_document(doc, row.item_id))
        try:
            self.starred_store.save(self.starred)
        except OSError as exc:
            self.starred.toggle(item_from_document(doc, row.item_id))  # as it was on disk
            self.notify(f"Could not save the starred questions: {exc.strerror or exc}",
                        severity="error", timeout=10, markup=False)
            return
        self.questions.mark(session_of(self.app).keys, self.starred.keys())
        number = f" {row.number}" if row.number is not None else ""
        self.notify(f"Question{number} {'starred' if now else 'no longer starred'} "
                    f"({len(self.starred.items)} starred).", timeout=3, markup=False)
        if self.starred_only and not now:
            self.run_search()

    def _document(self, row: BankQuestion) -> Document | None:
        """The question's document (one file read, for the pack's citation), or None with a
        message when it has gone."""
        engine = self.scrbrowse.engine
        doc = engine.document(row.doc_id) if engine is not None else None
        if doc is None:
            self.notify("That document is no longer in the corpus.", severity="warning",
                        markup=False)
        return doc

    def action_starred_only(self) -> None:
        self.starred_only = not self.starred_only
        self.run_search()

    def action_copy_text(self) -> None:
        row = self.questions.current
        if row is None:
            self.notify("Move to a question first.", timeout=3, markup=False)
            return
        copy_text(self.app, row.text, f"question {row.number or ''}".strip())

    def action_present(self) -> None:
        rows = self.questions.rows
        if not rows:
            self.notify("No questions to present: clear the search or the filters.", timeout=4,
                        markup=False)
            return
        start = self.questions.highlighted or 0
        self.app.push_screen(PresentScreen(slides_from_questions(rows),
                                           start=start, title="Reflective questions"))

    @on(OptionList.OptionSelected, "#bank-list")
    def _open(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        row = self.questions.current
        if row is None or self.input.value != self._shown_query:
            return  # the list is about to change: its highlighted row is not what was searched
        doc_id, item_id = row.key
        self.scrbrowse.back_to_browser(
            lambda browse: browse.open_document(doc_id, item_id, exact=True))

    def action_focus_search(self) -> None:
        self.input.focus()

    def action_back(self) -> None:
        if self.focused is self.input and self.input.value:
            self.search_for("")
            return
        self.dismiss()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if report_worker_failure(self, event.worker, event.state) and self._shown_query is None:
            self.query_one("#bank-summary", Static).update(Content("The questions could not be read."))
