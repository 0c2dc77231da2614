"""Typing stays ahead of the engine: searches start at once and stop when superseded, the list is filled a
page at a time, and the preview (which asks the engine for related reviews) waits for typing to settle."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from textual.app import App, ComposeResult

from scrbrowse.search.api import DocumentHit, SearchRequest, SearchResult
from scrbrowse.ui.backend import Engine
from scrbrowse.ui.screens.browse import PAGE_SIZE, BrowseScreen
from scrbrowse.ui.widgets.search_bar import BURST_SECONDS, SearchBar
from scrbrowse.ui.widgets.summary import SearchSummary

from .conftest import AppFactory, rendered, search, settle
from .enginekit import WrappedEngine, as_engine


class _BarApp(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.announced: list[str] = []

    def compose(self) -> ComposeResult:
        yield SearchBar()

    def on_search_bar_query_changed(self, message: SearchBar.QueryChanged) -> None:
        self.announced.append(message.query)


async def test_the_first_key_searches_at_once_and_a_burst_once_at_its_end() -> None:
    app = _BarApp()
    async with app.run_test() as pilot:
        box = app.query_one(SearchBar).input
        box.focus()
        box.value = "f"
        await pilot.pause()
        assert app.announced == ["f"]  # no debounce after a pause
        await pilot.pause(BURST_SECONDS * 2)
        for typed in ("fa", "fat", "fath", "fathe", "father"):  # a burst: keys milliseconds apart
            box.value = typed
        await pilot.pause()
        assert app.announced == ["f", "fa"]  # the first key of the burst at once, the rest wait
        await pilot.pause(BURST_SECONDS * 3)
        assert app.announced == ["f", "fa", "father"]  # and the last typed text is always searched


class _ManyHits(WrappedEngine):
    """The real engine, but every search matches `total` documents (copies of the real hits)."""

    def __init__(self, engine: Engine, total: int = 150) -> None:
        super().__init__(engine)
        self.total = total
        self.requests: list[SearchRequest] = []

    def search(self, request: SearchRequest, *,
               should_stop: Callable[[], bool] | None = None) -> SearchResult:
        self.requests.append(request)
        real = self._engine.search(replace(request, offset=0, limit=50))
        if not real.hits:
            return real
        end = min(self.total, request.offset + request.limit)
        hits = tuple(replace(real.hits[i % len(real.hits)], doc_id=f"copy-{i}")
                     for i in range(request.offset, end))
        return replace(real, hits=hits, total=self.total, corpus_total=self.total)

    def document(self, doc_id: str) -> Any:
        return self._engine.document(self._real(doc_id))

    def linked(self, doc_id: str) -> list[DocumentHit]:
        return self._engine.linked(self._real(doc_id))

    def related(self, doc_id: str, limit: int = 5) -> list[DocumentHit]:
        return self._engine.related(self._real(doc_id), limit)

    def _real(self, doc_id: str) -> str:
        if not doc_id.startswith("copy-"):
            return doc_id
        real = self._engine.search(SearchRequest(limit=50)).hits
        return real[int(doc_id.removeprefix("copy-")) % len(real)].doc_id


async def test_the_list_is_filled_a_page_at_a_time(make_app: AppFactory) -> None:
    engines: list[_ManyHits] = []

    def wrap(engine: Engine) -> Engine:
        engines.append(_ManyHits(engine))
        return as_engine(engines[-1])

    app = make_app(wrap=wrap)
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, BrowseScreen)
        results = screen.results
        first = len(results.hits)
        assert 0 < first < PAGE_SIZE
        assert engines[0].requests[-1].limit == first
        # The total and the cap are the whole search's, not the page's.
        assert "150 of 150 documents (showing the first 100" in rendered(screen.query_one(SearchSummary))
        results.focus()
        for _ in range(first):  # down to the end of the first page: the next one is fetched
            await pilot.press("down")
        await settle(pilot)
        assert len(results.hits) > first
        assert results.highlighted == first
        assert [h.doc_id for h in results.hits] == [f"copy-{i}" for i in range(len(results.hits))]
        await pilot.press("end")  # the rest, up to the cap, then the last of them
        await settle(pilot)
        assert len(results.hits) == PAGE_SIZE
        assert results.highlighted == PAGE_SIZE - 1
        assert not results.more
        await pilot.press("home")
        await settle(pilot)
        assert results.highlighted == 0
        # A new query starts again from a first page.
        await search(pilot, "fathers")
        assert len(results.hits) == engines[0].requests[-1].limit < PAGE_SIZE
        assert screen.result is not None and screen.result.request.query == "fathers"


class _Slow(WrappedEngine):
    """The real engine; searching for "slow" runs until it is told to stop (or 5 s)."""

    def __init__(self, engine: Engine) -> None:
        super().__init__(engine)
        self.stopped = threading.Event()
        self.ran_out = False  # the slow search ran its whole 5 s: nobody told it to stop
        self.related_calls = 0

    def search(self, request: SearchRequest, *,
               should_stop: Callable[[], bool] | None = None) -> SearchResult:
        if request.query == "slow":
            end = time.monotonic() + 5
            while time.monotonic() < end:
                if should_stop is not None and should_stop():
                    self.stopped.set()
                    break
                time.sleep(0.005)
            else:
                self.ran_out = True
        return self._engine.search(request)

    def related(self, doc_id: str, limit: int = 5) -> list[DocumentHit]:
        self.related_calls += 1
        return self._engine.related(doc_id, limit)


async def test_a_superseded_search_is_told_to_stop(make_app: AppFactory) -> None:
    engines: list[_Slow] = []

    def wrap(engine: Engine) -> Engine:
        engines.append(_Slow(engine))
        return as_engine(engines[-1])

    app = make_app(wrap=wrap)
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, BrowseScreen)
        screen.search_for("slow")
        await pilot.pause(0.1)
        screen.search_for("fathers")
        await settle(pilot)
        assert engines[0].stopped.is_set()
        assert not engines[0].ran_out
        assert screen.result is not None and screen.result.request.query == "fathers"
        assert screen.results.hits


async def test_the_preview_waits_until_typing_settles(make_app: AppFactory, monkeypatch: Any) -> None:
    # Longer than any gap between the keys below, however slow the machine running the test.
    engines: list[_Slow] = []

    def wrap(engine: Engine) -> Engine:
        engines.append(_Slow(engine))
        return as_engine(engines[-1])

    app = make_app(wrap=wrap)
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, BrowseScreen)
        engine = engines[0]
        screen.schedule.settle = 1.5
        screen.action_focus_search()
        before = engine.related_calls
        for key in "fathers":  # a steady typist: every key searches, none of them previews
            await pilot.press(key)
            await pilot.pause(0.12)
        assert engine.related_calls == before
        await settle(pilot)
        assert screen.result is not None and screen.result.request.query == "fathers"
        assert engine.related_calls == before + 1
        view = screen.detail.view
        assert view is not None and screen.results.current is not None
        assert view.doc_id == screen.results.current.doc_id

