"""Active filters as removable chips above the results ("Theme: Safe sleep ✕")."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import HorizontalGroup
from textual.content import Content
from textual.events import Click
from textual.message import Message
from textual.widgets import Static

from ..text import literal
from .facets import FACET_LABELS

_SINGULAR = {"theme": "Theme", "agency": "Agency", "board": "Board", "year": "Year",
             "doc_type": "Type"}


class Chip(Static):
    DEFAULT_CSS = """
    Chip { width: auto; height: 1; margin-right: 1; padding: 0 1; background: $primary-muted;
           color: $text; }
    Chip:hover { background: $primary; color: $text; }
    """

    class Removed(Message):
        def __init__(self, facet: str | None, value: str | None) -> None:
            super().__init__()
            self.facet = facet  # None for "clear all"
            self.value = value

    def __init__(self, facet: str | None, value: str | None, label: Content) -> None:
        super().__init__(label)
        self.facet = facet
        self.value = value
        self.tooltip = "Remove this filter" if facet else "Remove every filter"

    def on_click(self, event: Click) -> None:
        event.stop()
        self.post_message(self.Removed(self.facet, self.value))


class FilterChips(HorizontalGroup):
    DEFAULT_CSS = """
    FilterChips { height: auto; padding: 0 1; }
    FilterChips.-empty { display: none; }
    FilterChips > .chips-title { width: auto; color: $text-muted; margin-right: 1; }
    """

    def compose(self) -> ComposeResult:
        yield Static(Content("Filters:"), classes="chips-title")

    _shown: list[tuple[str, str, str]] | None = None

    def show_filters(self, items: list[tuple[str, str, str]]) -> None:
        """items: (facet, value, label)."""
        if items == self._shown:
            return  # every search shows the chips again: mounting them anew costs a layout
        self._shown = list(items)
        for chip in self.query(Chip):
            chip.remove()
        self.set_class(not items, "-empty")
        chips = [
            Chip(facet, value, Content(f"{_SINGULAR.get(facet, FACET_LABELS.get(facet, facet))}: ")
                 + literal(label, one_line=True, limit=40) + Content(" ✕"))
            for facet, value, label in items
        ]
        if len(items) > 1:
            chips.append(Chip(None, None, Content("Clear all ✕")))
        if chips:
            self.mount_all(chips)
