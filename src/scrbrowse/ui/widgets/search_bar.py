"""The search box: debounces typing into `QueryChanged` messages so the screen searches once per pause."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input, Label

from ..bindings import bindings

DEBOUNCE_SECONDS = 0.15
PLACEHOLDER = "Search the learning, e.g. co-sleeping after alcohol · bruise non-mobile baby · fathers"


class SearchInput(Input):
    BINDINGS = bindings("to_results")

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

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._timer: Timer | None = None

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
        self._cancel_timer()
        query = event.value
        self._timer = self.set_timer(DEBOUNCE_SECONDS, lambda: self._settled(query))

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
