"""The question bank and the themes overview open at once (issue 12, ui2): once the browser shows its
first results, the engine reads what they need in the background; a key typed stops that, so the
search comes first, and it is read again once typing has rested."""

from __future__ import annotations

import threading
from collections.abc import Callable

from scrbrowse.search.api import NO_FILTERS, BankResult, Filters, TagStats
from scrbrowse.ui.backend import Engine
from scrbrowse.ui.screens.browse import WARM_IDLE, BrowseScreen

from .conftest import AppFactory, settle
from .enginekit import WrappedEngine, as_engine


class _Counting(WrappedEngine):
    """Notes the calls; `hold` keeps the bank's read going until told to stop (or released)."""

    def __init__(self, engine: Engine) -> None:
        super().__init__(engine)
        self.calls: list[str] = []
        self.stopped = 0
        self.hold = threading.Event()
        self.release = threading.Event()

    def question_bank(self, query: str = "", filters: Filters = NO_FILTERS, *, offset: int = 0,
                      limit: int = 200, only: frozenset[tuple[str, str | None]] | None = None,
                      scope: str = "question",
                      should_stop: Callable[[], bool] | None = None) -> BankResult:
        self.calls.append("bank")
        while self.hold.is_set() and not self.release.is_set():
            if should_stop is not None and should_stop():
                self.stopped += 1
                return BankResult(query, filters, 0, 0, offset, (), stopped=True)
            self.release.wait(0.01)
        return super().question_bank(query, filters, offset=offset, limit=limit, only=only,
                                     scope=scope, should_stop=should_stop)

    def tag_stats(self, vocabulary: str = "themes", *, include_unused: bool = False) -> TagStats:
        self.calls.append("themes")
        return super().tag_stats(vocabulary, include_unused=include_unused)


async def test_the_bank_and_themes_are_read_after_the_first_results(make_app: AppFactory) -> None:
    engines: list[_Counting] = []

    def wrap(engine: Engine) -> Engine:
        engines.append(_Counting(engine))
        return as_engine(engines[-1])

    app = make_app(wrap=wrap)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.browse.result is not None
        assert engines[0].calls == ["bank", "themes"]  # before F3 or F4 was pressed


async def test_a_key_typed_stops_the_reading_and_it_starts_again_once_keys_rest(
        make_app: AppFactory) -> None:
    engines: list[_Counting] = []

    def wrap(engine: Engine) -> Engine:
        engines.append(_Counting(engine))
        engines[-1].hold.set()  # the bank's read takes until a key stops it
        return as_engine(engines[-1])

    app = make_app(wrap=wrap)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(200):
            if engines and engines[0].calls:
                break
            await pilot.pause(0.03)
        engine = engines[0]
        assert engine.calls == ["bank"]
        await pilot.press(*"father")
        for _ in range(100):
            if engine.stopped:
                break
            await pilot.pause(0.03)
        assert engine.stopped == 1
        engine.release.set()  # the next read ends at once
        screen = app.browse
        assert isinstance(screen, BrowseScreen)
        await settle(pilot)
        await pilot.pause(WARM_IDLE + 0.5)  # after the last key
        await settle(pilot)
        assert engine.calls == ["bank", "bank", "themes"]
