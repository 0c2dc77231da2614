"""The search box: turns typing into `QueryChanged` messages.

The first key after a pause searches at once; keys that follow each other closer than
`BURST_SECONDS` (a fast typist, a held key) are one burst, searched once it ends. `Typing` is posted on
every key, so the screen can hold back work that would compete with the search (the preview).
"""

from __future__ import annotations

import time

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input, Label

from ..bindings import bindings
from ..compat import QuietInput
from ..scheduling import BURST_SECONDS, Burst

DEBOUNCE_SECONDS = 0.15  # the question bank's debounce
PLACEHOLDER = "Search the learning, e.g. co-sleeping after alcohol · bruise non-mobile baby · fathers"


RECENT = 20  # searches remembered for ↑ (in memory only: nothing about a session is written to disk)


class SearchInput(QuietInput):
    BINDINGS = bindings("to_results", "recent_search")

    def action_recent_search(self) -> None:
        bar = self.parent
        if isinstance(bar, SearchBar):
            bar.recall_older()

    def on_mount(self) -> None:
        # Nobody sees a headless app (tests, screenshots): a blinking cursor there only makes
        # snapshots flaky.
        if self.app.is_headless:
            self.cursor_blink = False

    def action_to_results(self) -> None:
        bar = self.parent
        if isinstance(bar, SearchBar):
            bar.remember()
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
        self._burst = Burst()  # which keys search at once and which wait (ui/scheduling.py)
        self._catching = False
        self.recent: list[str] = []  # newest first
        self._recalled: int | None = None  # which recent search the box shows

    def compose(self) -> ComposeResult:
        yield Label(Content("Search"))
        yield SearchInput(placeholder=PLACEHOLDER, id="search-input", select_on_focus=False)

    @property
    def input(self) -> SearchInput:
        return self.query_one(SearchInput)

    @property
    def pending(self) -> bool:
        """A query is typed but not yet announced."""
        return self._burst.pending

    @property
    def value(self) -> str:
        return self.input.value

    def set_query(self, query: str, *, announce: bool = True) -> None:
        """Replace the query (e.g. accepting a suggestion); search at once unless told not to."""
        self._cancel_timer()
        self._burst.flush()
        with self.input.prevent(Input.Changed):
            self.input.value = query
            self.input.cursor_position = len(query)
        if announce:
            self.post_message(self.QueryChanged(query))

    def focus_selected(self) -> None:
        """Focus the box with all its text selected: what is typed next replaces the query."""
        self.input.focus()
        self.input.select_all()

    def remember(self, query: str | None = None) -> None:
        """Keep a search the user acted on (Enter, ↓ to the results, opening a result) for ↑."""
        query = (self.input.value if query is None else query).strip()
        if not query:
            return
        self.recent = [query, *(q for q in self.recent if q != query)][:RECENT]
        self._recalled = None

    def recall_older(self) -> None:
        """↑: in an empty box the latest search; again, the one before (only while it is unchanged)."""
        value = self.input.value
        if value == "":
            index = 0
        elif self._recalled is not None and self._recalled < len(self.recent) \
                and value == self.recent[self._recalled]:
            index = self._recalled + 1
        else:
            return
        if index >= len(self.recent):
            return
        self.set_query(self.recent[index])
        self._recalled = index

    @property
    def catching(self) -> bool:
        """Keys typed outside the box are on their way into it (focus moves on the next turn)."""
        return self._catching

    def type_fresh(self, text: str) -> None:
        """A key typed outside the box: a new query starting with it (searched like any typing). Keys
        that follow before the focus has moved here are added to it."""
        value = self.input.value + text if self._catching else text
        self._catching = True
        self.input.focus()
        self.input.value = value
        self.input.cursor_position = len(value)

    def on_descendant_focus(self) -> None:
        self._catching = False

    def _cancel_timer(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    @on(Input.Changed, "#search-input")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Typing())
        self._cancel_timer()
        now = time.monotonic()
        query = self._burst.typed(event.value, now)
        if query is not None:
            self.post_message(self.QueryChanged(query))
        elif self._burst.deadline is not None:
            self._timer = self.set_timer(max(0.001, self._burst.deadline - now), self._burst_over)

    def _burst_over(self) -> None:
        self._timer = None
        query = self._burst.flush()  # a later key would have stopped this timer: the burst is over
        if query is not None:
            self.post_message(self.QueryChanged(query))

    @on(Input.Submitted, "#search-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._cancel_timer()
        if self._burst.flush() is not None:
            self.post_message(self.QueryChanged(event.value))
        self.remember(event.value)
        self.post_message(self.Submitted(event.value))
__all__ = ["BURST_SECONDS", "DEBOUNCE_SECONDS", "SearchBar", "SearchInput"]
