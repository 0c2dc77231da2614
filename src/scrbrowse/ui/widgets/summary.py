"""The line above the results ("3 of 5 documents · also searched: …") and the empty state."""

from __future__ import annotations

from typing import cast

from textual.content import Content
from textual.css.styles import RulesMap
from textual.events import Click
from textual.message import Message
from textual.widgets import Static

from ...search.api import SearchResult
from ..text import literal


class AcceptSuggestion(Message):
    """The user took the did-you-mean suggestion (by key or click)."""


def _words(words: tuple[str, ...], limit: int = 90) -> str:
    """A short list: the expansions of a broad query can run to dozens of words."""
    shown: list[str] = []
    for word in words:
        if shown and len(", ".join([*shown, word])) > limit:
            return ", ".join(shown) + f" and {len(words) - len(shown)} more"
        shown.append(word)
    return ", ".join(shown)


class SearchSummary(Static):
    DEFAULT_CSS = """
    SearchSummary { padding: 0 1; color: $text-muted; height: auto; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(Content("Opening the index…"), id=id)

    def show_result(self, result: SearchResult, suggestion_key: str, cap: int | None = None) -> None:
        """`cap`: the most hits the list will hold (it loads them a page at a time); default: the hits
        in `result`."""
        shown = len(result.hits) if cap is None else min(cap, result.total)
        count = f"{result.total} of {result.corpus_total} document{'s' if result.corpus_total != 1 else ''}"
        if result.total > shown:
            count += f" (showing the first {shown}: add words or filters to narrow)"
        lines = [Content(count).stylize("bold")]
        if result.reading:  # how the words were read: which must all be there, which only rank
            lines.append(literal(result.reading, one_line=True).stylize("italic"))
        if result.expanded:
            lines.append(Content("Also searched: ") + literal(_words(result.expanded), one_line=True))
        for note in result.notes:
            lines.append(literal(note, one_line=True))
        if result.suggestion and result.total:
            lines.append(Content("Did you mean ") + literal(result.suggestion, one_line=True).stylize("bold")
                         + Content(f"? Press {suggestion_key}."))
        self._show(Content("\n").join(lines))

    def show_text(self, text: str) -> None:
        self._show(Content(text))

    def _show(self, content: Content) -> None:
        # Shown on every search: a layout of the whole screen is needed only when the height changes.
        width = self.content_size.width
        same_height = width > 0 and content.get_height(cast(RulesMap, self.styles), width) == self.content_size.height
        self.update(content, layout=not same_height)


class EmptyState(Static):
    """Shown instead of the list when nothing matches: what to try, and the suggestion as one key."""

    DEFAULT_CSS = """
    EmptyState { padding: 1 2; height: auto; }
    EmptyState.-hidden { display: none; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(Content(""), id=id, classes="-hidden")
        self.suggestion: str | None = None

    def show_empty(self, query: str, filtered: bool, suggestion: str | None, suggestion_key: str) -> None:
        self.suggestion = suggestion
        lines: list[Content] = []
        if query.strip():
            lines.append(Content("No review matches “") + literal(query, one_line=True, limit=80)
                         + Content("”" + (" with these filters." if filtered else ".")))
        else:
            lines.append(Content("No review matches these filters."))
        if suggestion:
            lines.append(Content(""))
            lines.append(Content("Did you mean “") + literal(suggestion, one_line=True).stylize("bold")
                         + Content(f"”? Press {suggestion_key} (or Enter in the search box) to search "
                                   "for it."))
        tips = ["Try fewer or different words (for example “sleep” rather than “sleeping arrangements”)"]
        if filtered:
            tips.append("remove a filter (Ctrl+R removes them all)")
        tips.append("or clear the search with Esc to see every document")
        lines.append(Content(""))
        lines.append(Content("; ".join(tips) + "."))
        self.update(Content("\n").join(lines))
        self.remove_class("-hidden")

    def hide(self) -> None:
        self.suggestion = None
        self.add_class("-hidden")

    def on_click(self, event: Click) -> None:
        if self.suggestion:
            event.stop()
            self.post_message(AcceptSuggestion())
