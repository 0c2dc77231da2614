"""The cyclic garbage collector waits while a search runs (`engine.collector_paused`), and always
comes back on, whichever search ends last and however it ends."""

from __future__ import annotations

import gc
import threading

import pytest

from scrbrowse.search.api import SearchRequest
from scrbrowse.search.engine import SearchEngine, collector_paused


def test_pauses_nest_and_the_collector_comes_back() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer search is still running
    assert gc.isenabled()


def test_an_error_inside_still_turns_it_back_on() -> None:
    with pytest.raises(RuntimeError), collector_paused():
        raise RuntimeError("search failed")
    assert gc.isenabled()


def test_a_collector_the_host_switched_off_stays_off() -> None:
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_overlapping_searches_in_two_threads_resume_it_when_the_last_ends() -> None:
    entered, release = threading.Event(), threading.Event()

    def long_search() -> None:
        with collector_paused():
            entered.set()
            release.wait(10)

    worker = threading.Thread(target=long_search)
    worker.start()
    assert entered.wait(10)
    with collector_paused():
        pass
    assert not gc.isenabled()  # the other search is still running
    release.set()
    worker.join(10)
    assert gc.isenabled()


def test_a_search_and_a_bank_search_run_with_it_paused(engine: SearchEngine) -> None:
    seen: list[bool] = []

    def should_stop() -> bool:
        seen.append(gc.isenabled())
        return False

    engine.question_bank()  # the bank's table is read once, outside the pause (a long read)
    assert engine.search(SearchRequest("child"), should_stop=should_stop).total
    assert engine.question_bank("parents", should_stop=should_stop).total
    assert seen and not any(seen)
    assert gc.isenabled()
