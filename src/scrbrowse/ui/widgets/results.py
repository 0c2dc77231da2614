"""The results list: one entry per document, with its review, board, year, type, restriction, snippet
and what matched. Highlighting posts `ResultsList.Highlighted`; Enter or a click posts `Opened`.

The list is filled a page at a time: the screen shows the first hits, and when the cursor or the scroll
position comes within `MORE_MARGIN` entries of the end (or End is pressed) the list posts `NeedMore`
and the screen appends the next page with `append_hits`. Each entry costs a few milliseconds to build
and lay out, so filling all of them on every keystroke would stall typing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual.content import Content
from textual.message import Message
from textual.style import Style
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...search.api import DocumentHit
from ..bindings import bindings
from ..text import DRAFT_MARK, component_style, highlighted, join, literal, restriction_mark
from .steady import SteadyOptionList

SNIPPET_CHARS = 220
MORE_MARGIN = 4  # entries left below the cursor (or the bottom of the view) before the next page is asked for


# Component classes whose background is part of their look (a marked word, a restriction).
_OWN_BACKGROUND = frozenset({"results--match", "results--restricted", "results--draft"})


class ResultsList(SteadyOptionList):
    MORE_MARGIN = MORE_MARGIN
    BINDINGS = bindings("cursor_down", "cursor_up", "open")
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "results--title", "results--meta", "results--snippet", "results--match",
        "results--restricted", "results--summary", "results--draft",
    }
    DEFAULT_CSS = """
    ResultsList, ResultsList:focus { border: none; padding: 0; background: transparent; height: 1fr; }
    ResultsList > .results--title { text-style: bold; }
    ResultsList > .results--meta { color: $text-secondary; }
    ResultsList > .results--snippet { color: $text-muted; }
    ResultsList > .results--match { text-style: bold underline; color: $text-warning;
                                    background: $warning-muted; }
    ResultsList > .results--restricted { text-style: bold; color: $text-error;
                                         background: $error-muted; }
    ResultsList > .results--summary { color: $text-accent; text-style: italic; }
    ResultsList > .results--draft { text-style: bold; color: $text-warning; background: $warning-muted; }
    """

    class Highlighted(Message):
        def __init__(self, hit: DocumentHit) -> None:
            super().__init__()
            self.hit = hit

    class Opened(Message):
        def __init__(self, hit: DocumentHit) -> None:
            super().__init__()
            self.hit = hit

    class NeedMore(Message):
        """More hits are wanted: the next page, or (`to_end`) all the rest, for End."""

        def __init__(self, loaded: int, to_end: bool = False) -> None:
            super().__init__()
            self.loaded = loaded
            self.to_end = to_end

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._hits: tuple[DocumentHit, ...] = ()
        self._restriction_labels: dict[str, str] = {}
        self._more = False  # the screen has more hits to give
        self._asked = False  # a NeedMore is on its way; the next append answers it
        self._to_end = False  # End was pressed before the last hit was loaded
        self._compact = False
        self._snippets = True
        self._rendered_width = 0

    @property
    def hits(self) -> tuple[DocumentHit, ...]:
        return self._hits

    @property
    def current(self) -> DocumentHit | None:
        index = self.highlighted
        if index is None or not 0 <= index < len(self._hits):
            return None
        return self._hits[index]

    @property
    def compact_mode(self) -> bool:
        """Two lines a result (marks and title; review · type · year), no snippet, no rule."""
        return self._compact

    def set_compact_mode(self, on: bool) -> None:
        if on != self._compact:
            self._compact = on
            self._rerender()

    def _rerender(self) -> None:
        """Draw the same hits again (mode or width changed), keeping the cursor on its document."""
        current = self.current
        hits, more = self._hits, self._more
        self._hits = ()
        with self.prevent(OptionList.OptionHighlighted):
            self.clear_options()
            self._add(hits)
            if current is not None:
                self.highlighted = next((i for i, h in enumerate(hits) if h.doc_id == current.doc_id), 0)
        self._more = more
        self.scroll_to_highlight()

    def on_resize(self) -> None:
        # Entries are cut to the width (compact titles, snippets): draw them again for a new width.
        if self._hits and self._text_width() != self._rendered_width:
            self._rerender()

    def _text_width(self) -> int:
        return max(20, self.scrollable_content_region.width - 1)

    @property
    def more(self) -> bool:
        """More hits can be loaded below the last one."""
        return self._more

    def show_hits(self, hits: tuple[DocumentHit, ...], restriction_labels: dict[str, str],
                  keep: str | None = None, *, more: bool = False, snippets: bool = True) -> None:
        """Replace the list; keep the cursor on document `keep` if it is still listed. `more`: the
        screen can load more hits (asked for with `NeedMore`). `snippets`: show each hit's text (not
        for the list of every document, where it is only the opening words: titles scan faster)."""
        self._hits = ()
        self._snippets = snippets
        self._restriction_labels = dict(restriction_labels)
        self._more, self._asked, self._to_end = more, False, False
        with self.prevent(OptionList.OptionHighlighted):
            self.clear_options()
            self._add(hits)
        index = next((i for i, h in enumerate(hits) if h.doc_id == keep), 0) if hits else None
        self.highlighted = index
        self.scroll_to_highlight()
        self._check_more()

    def append_hits(self, hits: tuple[DocumentHit, ...], restriction_labels: dict[str, str], *,
                    more: bool) -> None:
        """Add the next page below the last hit (the cursor stays where it is, unless End asked)."""
        self._restriction_labels.update(restriction_labels)
        self._more, self._asked = more, False
        listed = {h.doc_id for h in self._hits}
        # An index refreshed between pages can repeat a document: each is listed once.
        new = tuple(h for h in hits if h.doc_id not in listed)
        if new:
            with self.prevent(OptionList.OptionHighlighted):
                self._add(new)
        if self._to_end:
            if self._more:
                self._ask(to_end=True)
                return
            self._to_end = False
            self.action_last()
            return
        self._check_more()

    def _add(self, hits: tuple[DocumentHit, ...]) -> None:
        styles = self._styles()
        self._rendered_width = self._text_width()
        options: list[Option | None] = []
        rule = not self._compact  # compact entries are two lines each, told apart by the title's weight
        if rule and self._hits and hits:
            options.append(None)  # the rule below what was the last entry
        for i, hit in enumerate(hits):
            if i and rule:
                options.append(None)
            options.append(Option(self._render_hit(hit, styles), id=hit.doc_id))
        self._hits += hits
        self.add_options(options)

    def _check_more(self) -> None:
        """Ask for the next page when the cursor or the bottom of the view is near the last hit."""
        if not self._more or self._asked or not self._hits:
            return
        near = (self.highlighted or 0) >= len(self._hits) - MORE_MARGIN
        if not near and self.is_mounted:
            # Within about a screen of the bottom of the list (public scroll geometry only).
            near = self.max_scroll_y - self.scroll_y <= self.scrollable_content_region.height
        if near:
            self._ask()

    def _ask(self, *, to_end: bool = False) -> None:
        if not self._asked:
            self._asked = True
            self.post_message(self.NeedMore(len(self._hits), to_end))

    def action_last(self) -> None:
        if self._more:
            self._to_end = True  # go there once the rest is loaded
            self._ask(to_end=True)
            return
        super().action_last()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._check_more()

    def _styles(self) -> dict[str, Style]:
        return {name: component_style(self, name, background=name in _OWN_BACKGROUND)
                for name in self.COMPONENT_CLASSES}

    def render_hit(self, hit: DocumentHit) -> Content:
        return self._render_hit(hit, self._styles())

    def _render_hit(self, hit: DocumentHit, styles: dict[str, Style]) -> Content:
        if self._compact:
            return self._render_compact(hit, styles)
        style = styles.__getitem__
        lines: list[Content] = []
        marks = self._marks(hit, style)
        if marks:
            lines.append(marks)
        lines.append(literal(hit.title, one_line=True).stylize(style("results--title")))
        meta = join([
            literal(hit.review, one_line=True),
            literal(hit.board, one_line=True) if hit.board else "board not stated",
            hit.year or "undated",
            literal(hit.doc_type_label, one_line=True),
        ])
        lines.append(meta.stylize(style("results--meta")))
        if hit.snippet.text and self._snippets:
            snippet = hit.snippet
            text, spans = snippet.text, snippet.spans
            # Keep entries short enough to scan: about two lines of the pane (at most SNIPPET_CHARS).
            chars = min(SNIPPET_CHARS, 2 * self._rendered_width - 4)
            if len(text) > chars:
                text = text[:chars].rstrip() + "…"
                spans = tuple(sp for sp in spans if sp[1] <= chars)
            lines.append(highlighted(text, spans, style("results--match"), one_line=True,
                                     base=style("results--snippet")))
        summary = hit.match_summary()
        if summary:
            lines.append(Content(f"Matched: {summary}").stylize(style("results--summary")))
        return Content("\n").join(lines)

    def _render_compact(self, hit: DocumentHit, styles: dict[str, Style]) -> Content:
        style = styles.__getitem__
        width = self._rendered_width
        marks = self._marks(hit, style)
        first = marks + Content(" ") if marks else Content("")
        room = max(8, width - len(first.plain))
        first = first + literal(hit.title, one_line=True, limit=room).stylize(style("results--title"))
        meta = join([literal(hit.review, one_line=True), literal(hit.doc_type_label, one_line=True),
                     hit.year or "undated"])
        meta = literal(meta.plain, limit=width).stylize(style("results--meta"))
        return first + Content("\n") + meta

    def _marks(self, hit: DocumentHit, style: Callable[[str], Style]) -> Content | None:
        """The restriction and draft marks, in the words and colours the document pane uses."""
        parts: list[Content] = []
        if hit.restricted:
            label = self._restriction_labels.get(hit.doc_id, hit.restriction_label or "Restricted")
            parts.append(restriction_mark(label).stylize(style("results--restricted")))
        if hit.draft:
            parts.append(Content(f" {DRAFT_MARK} ").stylize(style("results--draft")))
        return Content(" ").join(parts) if parts else None

    def _on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        hit = self.current
        if hit is not None:
            self.post_message(self.Highlighted(hit))
        self._check_more()

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        hit = self.current
        if hit is not None:
            self.post_message(self.Opened(hit))
