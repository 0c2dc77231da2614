"""The themes overview: how many reviews raise each theme, as a bar chart, and the themes that most
often occur with the highlighted one ("themes in common with other reviews", made visible).

Counts are by review, not by document (`Engine.tag_stats`, served from the index and asked for in a
thread worker): a learning summary and the board's
response to the same review raise a theme once. Enter goes back to the browser filtered by the theme.
Themes of the taxonomy that no review raises yet are listed last with "none", and say so when chosen
(rather than opening an empty browser). Restricted and draft reviews carry the app's one mark.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.events import Resize
from textual.message import Message
from textual.screen import Screen
from textual.style import Style
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, get_current_worker

from ...search.api import TagStats, TermCount
from ...stats import bar
from ...textsafe import one_line
from ..backend import Engine
from ..bindings import bindings
from ..errors import report_worker_failure
from ..messages import EngineReady
from ..text import component_style, literal
from ..theme import draft_mark, restriction_mark

if TYPE_CHECKING:
    from ..app import ScrbrowseApp

NARROW_WIDTH = 110  # below this the detail sits under the chart
PARTNERS = 8  # themes listed as "most often together with"
REVIEWS_SHOWN = 50  # reviews named under the highlighted theme; the browser lists them all
LABEL_MAX = 30


class ThemesReady(Message):
    def __init__(self, stats: TagStats) -> None:
        super().__init__()
        self.stats = stats  # with each review's name and marks (`stats.reviews`)


class ThemeList(OptionList):
    BINDINGS = bindings("cursor_down", "cursor_up", "filter_by_theme")
    COMPONENT_CLASSES: ClassVar[set[str]] = {"theme--bar", "theme--count"}
    DEFAULT_CSS = """
    /* The scrollbar's columns are kept from the start, so bars drawn before it appears fit. */
    ThemeList { height: 1fr; border: none; padding: 0; background: transparent;
                scrollbar-gutter: stable; }
    ThemeList:focus { border: none; background: transparent; }
    ThemeList > .theme--bar { color: $accent; }
    ThemeList > .theme--count { color: $text-muted; }
    """

    class Highlighted(Message):
        def __init__(self, term: TermCount) -> None:
            super().__init__()
            self.term = term

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.terms: tuple[TermCount, ...] = ()
        self.maximum = 0
        self._drawn_width = 0  # the width the bars were drawn for

    @property
    def current(self) -> TermCount | None:
        index = self.highlighted
        return self.terms[index] if index is not None and 0 <= index < len(self.terms) else None

    def show_terms(self, terms: tuple[TermCount, ...], maximum: int) -> None:
        keep = self.current.id if self.current else None
        self.terms = terms
        self.maximum = maximum
        self._drawn_width = self.scrollable_content_region.width
        # The caller shows the highlighted term's detail (once, not again for the highlight).
        with self.prevent(OptionList.OptionHighlighted):
            self.clear_options()
            self.add_options([Option(self.render_term(t)) for t in terms])
            if terms:
                ids = [t.id for t in terms]
                self.highlighted = ids.index(keep) if keep in ids else 0

    def on_resize(self, _event: Resize) -> None:
        # The bars fill the width: draw them again at a new size.
        if self.scrollable_content_region.width == self._drawn_width:
            return
        self._drawn_width = self.scrollable_content_region.width
        for i, term in enumerate(self.terms):
            self.replace_option_prompt_at_index(i, self.render_term(term))

    def render_term(self, term: TermCount) -> Content:
        def style(name: str) -> Style:
            return component_style(self, name)

        width = (self.scrollable_content_region.width or 60) - 1
        # Labels get at most half the width, so the bars stay long enough to compare at 80 columns.
        label_width = min(LABEL_MAX, max(10, width // 2),
                          max((len(t.label) for t in self.terms), default=10))
        count = f" {term.count}" if term.count else " none"
        bar_width = max(4, width - label_width - 1 - len(str(self.maximum)) - 1)
        label = literal(term.label, one_line=True, limit=label_width)
        pad = Content(" " * max(0, label_width - len(label.plain) + 1))
        drawn = bar(term.count, self.maximum, bar_width)
        return (label + pad + Content(drawn).stylize(style("theme--bar"))
                + Content(count).stylize(style("theme--count")))

    def _on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        term = self.current
        if term is not None:
            self.post_message(self.Highlighted(term))


class ThemesScreen(Screen[None]):
    BINDINGS = bindings("back")
    DEFAULT_CSS = """
    ThemesScreen #themes-summary { color: $text-muted; padding: 0 1; height: auto; }
    ThemesScreen #themes-body { height: 1fr; }
    ThemesScreen.-narrow #themes-body { layout: vertical; }
    ThemesScreen.-narrow #themes-list-pane { width: 1fr; height: 1fr; }
    ThemesScreen.-narrow #themes-detail { width: 1fr; height: 7; min-width: 0;
                                          border-left: none; border-top: hkey $foreground 20%; }
    ThemesScreen #themes-list-pane { width: 3fr; padding: 0 1; }
    ThemesScreen #themes-detail { width: 2fr; min-width: 30; padding: 0 1;
                                  border-left: vkey $foreground 20%; }
    ThemesScreen #themes-detail-title { text-style: bold; }
    ThemesScreen .themes-detail-heading { text-style: bold; color: $text-primary; padding-top: 1; }
    ThemesScreen.-narrow .themes-detail-heading { padding-top: 0; }
    ThemesScreen .themes-detail-text { color: $text; }
    """

    def __init__(self) -> None:
        super().__init__(id="themes")
        self.sub_title = "Themes overview"
        self.stats: TagStats | None = None
        self._by_name: dict[str, int] | None = None

    @property
    def scrbrowse(self) -> ScrbrowseApp:
        return cast("ScrbrowseApp", self.app)

    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        yield Static(Content("Counting the themes…"), id="themes-summary")
        with Horizontal(id="themes-body"):
            # No animated loading indicator: it repainted the screen many times a second while
            # the counts were made, slowing them; the summary line says they are on their way.
            with Vertical(id="themes-list-pane"):
                yield ThemeList(id="themes-list")
            with VerticalScroll(id="themes-detail"):
                yield Static(Content(""), id="themes-detail-title")
                yield Static(Content(""), id="themes-detail-reviews")
                yield Static(Content("Most often raised with it"), classes="themes-detail-heading")
                yield Static(Content(""), id="themes-detail-partners")
        yield Footer()

    @property
    def themes(self) -> ThemeList:
        return self.query_one(ThemeList)

    def on_mount(self) -> None:
        self.themes.focus()
        self.run_count()

    def on_engine_ready(self, _message: EngineReady) -> None:
        self.run_count()

    def run_count(self) -> None:
        engine = self.scrbrowse.engine
        if engine is None:
            self.query_one("#themes-summary", Static).update(
                Content("The search index is still opening; the counts follow in a moment…"))
            return
        self._count(engine)

    @work(thread=True, exclusive=True, group="themes", exit_on_error=False)
    def _count(self, engine: Engine) -> None:
        worker = get_current_worker()
        stats = engine.tag_stats("themes", include_unused=True)
        if not worker.is_cancelled:
            self.post_message(ThemesReady(stats))

    def on_themes_ready(self, message: ThemesReady) -> None:
        self.stats = stats = message.stats
        self._by_name = None
        self.themes.show_terms(stats.terms, stats.max_count)
        reviews = "review" if stats.total_reviews == 1 else "reviews"
        documents = "document" if stats.total_documents == 1 else "documents"
        self.query_one("#themes-summary", Static).update(Content(
            f"How many of the {stats.total_reviews} {reviews} ({stats.total_documents} {documents}) "
            "raise each theme. Enter: show them in the browser."))
        term = self.themes.current
        if term is not None:
            self.show_detail(term)

    @on(ThemeList.Highlighted)
    def _highlighted(self, message: ThemeList.Highlighted) -> None:
        self.show_detail(message.term)

    def show_detail(self, term: TermCount) -> None:
        stats = self.stats
        if stats is None:
            return
        title = literal(term.label, one_line=True)
        if term.group:
            title = title + Content(" · ").stylize("dim") + literal(term.group, one_line=True).stylize("dim")
        self.query_one("#themes-detail-title", Static).update(title)
        if not term.count:
            self.query_one("#themes-detail-reviews", Static).update(Content(
                "No review in the corpus raises this theme yet. It is in the taxonomy, so reviews "
                "added later may."))
            self.query_one("#themes-detail-partners", Static).update(Content(""))
            return
        order = sorted(term.reviews, key=self._name_order().__getitem__)
        narrow = self.has_class("-narrow")
        total = stats.total_reviews
        head = Content(f"Raised by {term.count:,} of {total:,} review{'s' if total != 1 else ''}:")
        # A few thousand names (a common theme at 10,000 documents) took seconds to lay out on
        # the UI thread, and nobody reads them here: the browser lists them all (Enter).
        more = len(order) - REVIEWS_SHOWN
        order = order[:REVIEWS_SHOWN]
        tail = (Content(f"… and {more:,} more: Enter shows them all in the browser.")
                if more > 0 else None)
        if narrow:  # a short pane under the chart: paragraphs rather than lists
            raised = head + Content(" ") + Content(", ").join(self._review(r) for r in order)
            if tail is not None:
                raised = raised + Content(" ") + tail
        else:
            raised = head + Content("\n") + Content("\n").join(
                Content("• ") + self._review(r) for r in order)
            if tail is not None:
                raised = raised + Content("\n") + tail
        self.query_one("#themes-detail-reviews", Static).update(raised)
        partners = stats.partners(term.id, PARTNERS)
        if not partners:
            text = Content("No other theme is raised by the same reviews.")
        elif narrow:
            text = Content(" · ").join(literal(label, one_line=True) + Content(f" {n}")
                                       for _id, label, n in partners)
        else:
            top = max(n for _i, _l, n in partners)
            width = min(LABEL_MAX, max(len(label) for _i, label, _n in partners))
            lines = []
            for _id, label, n in partners:
                name = literal(label, one_line=True, limit=width)
                lines.append(name + Content(" " * (width - len(name.plain)) + f" {n:>2} ")
                             + Content(bar(n, top, 12)))
            text = Content("\n").join(lines)
        self.query_one("#themes-detail-partners", Static).update(text)

    def _name_order(self) -> dict[str, int]:
        """Every review's place in name order, made once: a common theme at 10,000 documents
        is raised by thousands of reviews, sorted again for each highlighted theme."""
        if self._by_name is None:
            reviews = self.stats.reviews if self.stats is not None else {}
            names = sorted(reviews, key=lambda r: self._review_name(r).lower())
            self._by_name = {r: i for i, r in enumerate(names)}
        return self._by_name

    def _review_name(self, review_id: str) -> str:
        review = self.stats.reviews.get(review_id) if self.stats is not None else None
        return review.display if review is not None else review_id

    def _review(self, review_id: str) -> Content:
        """A review's name, with the app's one restriction (and draft) mark after it."""
        name = literal(self._review_name(review_id), one_line=True)
        review = self.stats.reviews.get(review_id) if self.stats is not None else None
        if review is not None and review.restriction is not None:
            name = name + Content(" ") + restriction_mark(review.restriction)
        if review is not None and review.draft:
            name = name + Content(" ") + draft_mark()
        return name

    def on_resize(self, event: Resize) -> None:
        self.set_class(event.size.width < NARROW_WIDTH, "-narrow")
        term = self.themes.current
        if term is not None:
            self.show_detail(term)

    @on(OptionList.OptionSelected, "#themes-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        term = self.themes.current
        if term is None:
            return
        label = one_line(term.label, 60)
        if not term.count:
            self.notify(f"No review in the corpus raises “{label}” yet: there is nothing to show.",
                        timeout=5, markup=False)
            return
        self.scrbrowse.back_to_browser(lambda browse: browse.set_filter("theme", term.id, True))
        self.app.notify(f"Showing the reviews that raise “{label}” (the chip's ✕ removes the filter).",
                        timeout=5, markup=False)

    def action_back(self) -> None:
        self.dismiss()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if report_worker_failure(self, event.worker, event.state):
            self.query_one("#themes-summary", Static).update(Content("The themes could not be counted."))
