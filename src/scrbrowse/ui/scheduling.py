"""When the browser searches, shows facet counts and loads a preview: a state machine with no Textual in
it, fed with what happened and the time (`now`, seconds on any monotonic clock), answering with what
to do. The screen and the search box only carry its answers out (start a worker, set one timer).

The rules (issue 7's measurements chose the numbers):

- Typing (`Burst`): the first key after a pause searches at once; keys closer together than
  `BURST_SECONDS` (a fast typist, a held key) are one burst, searched once it ends.
- Searches (`SearchSchedule`): each gets a sequence number; a result for an older number is dropped.
  A new search cancels a preview on its way (a preview holds the engine while a search waits).
- While typing, the list comes first: the facet counts and the preview of the highlighted result wait
  until no key has come for `SETTLE_SECONDS` and no search is on its way; a preview also waits until
  the cursor has rested on a result for `PREVIEW_DELAY`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

BURST_SECONDS = 0.07
PREVIEW_DELAY = 0.12
SETTLE_SECONDS = 0.3
NEVER = float("-inf")


class Burst:
    """Keys in, "search for this query now" out (or "at `deadline`")."""

    def __init__(self, gap: float = BURST_SECONDS) -> None:
        self.gap = gap
        self._last_key = NEVER
        self._held: str | None = None  # the query of a burst still going on
        self.deadline: float | None = None  # when `due` will let the held query go

    @property
    def pending(self) -> bool:
        return self._held is not None

    def typed(self, query: str, now: float) -> str | None:
        """A key changed the query: the query to search for now, or None (held until the burst ends)."""
        in_burst = self._held is not None or now - self._last_key < self.gap
        self._last_key = now
        if in_burst:
            self._held, self.deadline = query, now + self.gap
            return None
        self._held, self.deadline = None, None
        return query

    def due(self, now: float) -> str | None:
        """The held query, once no key has come for `gap`."""
        if self._held is None or self.deadline is None or now < self.deadline:
            return None
        query, self._held, self.deadline = self._held, None, None
        return query

    def flush(self) -> str | None:
        """Enter, or the query set from outside: whatever is held goes now (or is dropped)."""
        query, self._held, self.deadline = self._held, None, None
        return query


class Do(Enum):
    SHOW_FACETS = "show facets"
    PREVIEW = "preview the highlighted result"
    CANCEL_PREVIEW = "stop a preview on its way"


@dataclass
class SearchSchedule:
    """Sequence numbers for searches and document loads, and when facets and previews are due."""

    settle: float = SETTLE_SECONDS
    preview_delay: float = PREVIEW_DELAY
    search_seq: int = 0
    detail_seq: int = 0
    last_key: float = NEVER
    searching: bool = False  # a search is on its way
    preview_loading: bool = False  # the document load on its way is a preview (not an open)
    facets_at: float | None = None
    preview_at: float | None = None

    # ----- events in

    def key(self, now: float) -> list[Do]:
        """A key in the search box: whatever was about to be previewed waits for typing to settle."""
        self.last_key = now
        self.preview_at = None
        return self._cancel_preview_load()

    def start_search(self) -> tuple[int, list[Do]]:
        """A search is about to start: its sequence number, and a preview load to stop if any."""
        self.search_seq += 1
        self.searching = True
        return self.search_seq, self._cancel_preview_load()

    def search_done(self, seq: int, now: float, *, typing_pending: bool = False) -> tuple[bool, list[Do]]:
        """A search finished: (show it?, what to do now). A stale result is dropped. While typing
        goes on, the facet counts wait for it to settle: the list comes first."""
        if seq != self.search_seq:
            return False, []
        self.searching = False
        actions: list[Do] = []
        if self.settled(now, typing_pending=typing_pending):
            self.facets_at = None
            actions.append(Do.SHOW_FACETS)
        else:
            self.facets_at = self.last_key + self.settle
        return True, actions

    def highlighted(self, now: float) -> None:
        """The cursor moved to a result (or a new list was shown): preview it once it rests there."""
        self.preview_at = max(now + self.preview_delay, self.last_key + self.settle)

    def start_detail(self, *, preview: bool) -> int:
        """A document load is about to start (preview, or opened by the reader)."""
        self.detail_seq += 1
        self.preview_loading = preview
        if not preview:
            self.preview_at = None  # a preview landing later must not take the reader's place
        return self.detail_seq

    def detail_done(self, seq: int) -> bool:
        """A document load finished: show it? (False: a newer one was asked for since.)"""
        if seq != self.detail_seq:
            return False
        self.preview_loading = False
        return True

    def search_failed(self) -> None:
        """The search on its way failed (the user has been told): nothing waits for it."""
        self.searching = False

    def supersede_detail(self) -> None:
        """The document is already shown: anything in flight is now stale."""
        self.detail_seq += 1

    # ----- the clock

    def settled(self, now: float, *, typing_pending: bool = False) -> bool:
        """No key for `settle`, no burst held and no search on its way."""
        return now - self.last_key >= self.settle and not typing_pending and not self.searching

    def due(self, now: float, *, typing_pending: bool = False) -> list[Do]:
        """What has come due at `now` (call at `deadline()`)."""
        actions: list[Do] = []
        settled = self.settled(now, typing_pending=typing_pending)
        if self.facets_at is not None and now >= self.facets_at:
            if settled:
                self.facets_at = None
                actions.append(Do.SHOW_FACETS)
            else:
                self.facets_at = now + self.settle_left(now)
        if self.preview_at is not None and now >= self.preview_at:
            if settled:
                self.preview_at = None
                actions.append(Do.PREVIEW)
            else:
                self.preview_at = now + self.settle_left(now)
        return actions

    def settle_left(self, now: float) -> float:
        """How long until typing counts as settled (at least a short wait if a search is on its way)."""
        return max(self.settle - (now - self.last_key), self.preview_delay)

    def deadline(self) -> float | None:
        due = [t for t in (self.facets_at, self.preview_at) if t is not None]
        return min(due) if due else None

    @property
    def waiting(self) -> bool:
        """Something is due later (tests and the benchmark wait on this)."""
        return self.facets_at is not None or self.preview_at is not None

    def _cancel_preview_load(self) -> list[Do]:
        if not self.preview_loading:
            return []
        self.preview_loading = False
        self.detail_seq += 1
        return [Do.CANCEL_PREVIEW]
