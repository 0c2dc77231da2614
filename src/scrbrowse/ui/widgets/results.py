"""The results list: one entry per document, with its review, board, year, type, restriction, snippet
and what matched. Highlighting posts `ResultsList.Highlighted`; Enter or a click posts `Opened`."""

from __future__ import annotations

from typing import ClassVar

from textual.content import Content
from textual.message import Message
from textual.style import Style
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...search.api import DocumentHit
from ..bindings import bindings
from ..text import component_style, highlighted, join, literal

SNIPPET_CHARS = 220


# Component classes whose background is part of their look (a marked word, a restriction).
_OWN_BACKGROUND = frozenset({"results--match", "results--restricted"})


class ResultsList(OptionList):
    BINDINGS = bindings("cursor_down", "cursor_up", "open")
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "results--title", "results--meta", "results--snippet", "results--match",
        "results--restricted", "results--summary",
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
    """

    class Highlighted(Message):
        def __init__(self, hit: DocumentHit) -> None:
            super().__init__()
            self.hit = hit

    class Opened(Message):
        def __init__(self, hit: DocumentHit) -> None:
            super().__init__()
            self.hit = hit

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._hits: tuple[DocumentHit, ...] = ()
        self._restriction_labels: dict[str, str] = {}

    @property
    def hits(self) -> tuple[DocumentHit, ...]:
        return self._hits

    @property
    def current(self) -> DocumentHit | None:
        index = self.highlighted
        if index is None or not 0 <= index < len(self._hits):
            return None
        return self._hits[index]

    def show_hits(self, hits: tuple[DocumentHit, ...], restriction_labels: dict[str, str],
                  keep: str | None = None) -> None:
        """Replace the list; keep the cursor on document `keep` if it is still listed."""
        self._hits = hits
        self._restriction_labels = restriction_labels
        options: list[Option | None] = []
        for i, hit in enumerate(hits):
            if i:
                options.append(None)
            options.append(Option(self.render_hit(hit), id=hit.doc_id))
        with self.prevent(OptionList.OptionHighlighted):
            self.clear_options()
            self.add_options(options)
        index = next((i for i, h in enumerate(hits) if h.doc_id == keep), 0) if hits else None
        self.highlighted = index
        self.scroll_to_highlight()

    def render_hit(self, hit: DocumentHit) -> Content:
        def style(name: str) -> Style:
            return component_style(self, name, background=name in _OWN_BACKGROUND)

        lines: list[Content] = []
        if hit.restricted:
            label = self._restriction_labels.get(hit.doc_id, "Restricted")
            lines.append(Content(f" ▲ {label.upper()} ").stylize(style("results--restricted")))
        lines.append(literal(hit.title, one_line=True).stylize(style("results--title")))
        meta = join([
            literal(hit.review, one_line=True),
            literal(hit.board, one_line=True) if hit.board else "board not stated",
            hit.year or "undated",
            literal(hit.doc_type_label, one_line=True),
        ])
        lines.append(meta.stylize(style("results--meta")))
        if hit.snippet.text:
            snippet = hit.snippet
            text, spans = snippet.text, snippet.spans
            if len(text) > SNIPPET_CHARS:  # keep entries short enough to scan
                text = text[:SNIPPET_CHARS].rstrip() + "…"
                spans = tuple(sp for sp in spans if sp[1] <= SNIPPET_CHARS)
            lines.append(highlighted(text, spans, style("results--match"), one_line=True,
                                     base=style("results--snippet")))
        summary = hit.match_summary()
        if summary:
            lines.append(Content(f"Matched: {summary}").stylize(style("results--summary")))
        return Content("\n").join(lines)

    def _on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        hit = self.current
        if hit is not None:
            self.post_message(self.Highlighted(hit))

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        hit = self.current
        if hit is not None:
            self.post_message(self.Opened(hit))
