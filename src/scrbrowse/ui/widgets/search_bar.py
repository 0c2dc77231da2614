"""The search box: turns typing into `QueryChanged` messages.

The first key after a pause searches at once; keys that follow each other closer than
`BURST_SECONDS` (a fast typist, a held key) are one burst, searched once it ends. `Typing` is posted on
every key, so the screen can hold back work that would compete with the search (the preview).
"""

from __future__ import annotations

import time
from typing import Self

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.geometry import Region
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input, Label

from ..bindings import bindings

DEBOUNCE_SECONDS = 0.15  # the question bank's debounce
# Shorter than most people's gap between keys, so a steady typist gets a search per key (each one cancels
# the one before); only keys faster than this wait, and then for this long after the last of them.
BURST_SECONDS = 0.07
PLACEHOLDER = "Search the learning, e.g. co-sleeping after alcohol · bruise non-mobile baby · fathers"


class SearchInput(Input):
    BINDINGS = bindings("to_results")
    _in_value_change = False

    def _watch_value(self, value: str) -> None:
        self._in_value_change = True
        try:
            super()._watch_value(value)
        finally:
            self._in_value_change = False

    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False,
                recompose: bool = False) -> Self:
        # A key grows the text's virtual size, which asks for a layout of the whole screen (and a
        # repaint of much of it) on every key; the box has a fixed size, so its own repaint is enough.
        if self._in_value_change and not self.styles.auto_dimensions:
            layout = False
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    def on_mount(self) -> None:
        # Nobody sees a headless app (tests, screenshots): a blinking cursor there only makes
        # snapshots flaky.
        if self.app.is_headless:
            self.cursor_blink = False

    def action_to_results(self) -> None:
        self.post_message(SearchBar.LeaveDown())


class SearchBar(Horizontal):
    DEFAULT_CSS = """
    SearchBar { height: auto; }
    SearchBar > Label { padding: 1 1 0 1; color: $text-muted; }
    SearchBar > SearchInput { width: 1fr; }
    """

    class QueryChanged(Message):
        """The query settled after typing (or was set): search for it."""

        def __init__(self, query: str) -> None:
            super().__init__()
            self.query = query

    class Submitted(Message):
        """Enter in the search box."""

        def __init__(self, query: str) -> None:
            super().__init__()
            self.query = query

    class LeaveDown(Message):
        """Down arrow in the search box: the user wants the results."""

    class Typing(Message):
        """A key changed the query (before any search for it is announced)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._timer: Timer | None = None
        self._last_key = float("-inf")  # time.monotonic() of the last change typed

    def compose(self) -> ComposeResult:
        yield Label(Content("Search"))
        yield SearchInput(placeholder=PLACEHOLDER, id="search-input", select_on_focus=False)

    @property
    def input(self) -> SearchInput:
        return self.query_one(SearchInput)

    @property
    def pending(self) -> bool:
        """A query is typed but not yet announced."""
        return self._timer is not None

    @property
    def value(self) -> str:
        return self.input.value

    def set_query(self, query: str, *, announce: bool = True) -> None:
        """Replace the query (e.g. accepting a suggestion); search at once unless told not to."""
        self._cancel_timer()
        with self.input.prevent(Input.Changed):
            self.input.value = query
            self.input.cursor_position = len(query)
        if announce:
            self.post_message(self.QueryChanged(query))

    def _cancel_timer(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    @on(Input.Changed, "#search-input")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Typing())
        now = time.monotonic()
        in_burst = self._timer is not None or now - self._last_key < BURST_SECONDS
        self._last_key = now
        self._cancel_timer()
        query = event.value
        if in_burst:
            self._timer = self.set_timer(BURST_SECONDS, lambda: self._settled(query))
        else:
            self.post_message(self.QueryChanged(query))

    def _settled(self, query: str) -> None:
        self._timer = None
        self.post_message(self.QueryChanged(query))

    @on(Input.Submitted, "#search-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        pending = self._timer is not None
        self._cancel_timer()
        if pending:
            self.post_message(self.QueryChanged(event.value))
        self.post_message(self.Submitted(event.value))
