"""The search scheduling rules, without a terminal: keys and a clock in, searches, previews and facet
counts out (ui/scheduling.py)."""

from __future__ import annotations

from scrbrowse.ui.scheduling import BURST_SECONDS, PREVIEW_DELAY, SETTLE_SECONDS, Burst, Do, SearchSchedule


def test_a_key_after_a_pause_searches_at_once() -> None:
    burst = Burst()
    assert burst.typed("c", 10.0) == "c"
    assert not burst.pending
    assert burst.typed("co", 10.0 + BURST_SECONDS * 2) == "co"  # a steady typist: a search per key


def test_fast_keys_are_one_burst_searched_once_it_ends() -> None:
    burst = Burst()
    assert burst.typed("c", 10.0) == "c"
    assert burst.typed("co", 10.02) is None
    assert burst.typed("cot", 10.04) is None
    assert burst.pending and burst.deadline == 10.04 + BURST_SECONDS
    assert burst.due(10.05) is None  # still inside the burst
    assert burst.due(10.04 + BURST_SECONDS) == "cot"
    assert not burst.pending and burst.due(11.0) is None


def test_enter_flushes_a_held_burst() -> None:
    burst = Burst()
    burst.typed("c", 1.0)
    burst.typed("co", 1.01)
    assert burst.flush() == "co"
    assert burst.flush() is None


def test_stale_results_are_dropped() -> None:
    schedule = SearchSchedule()
    first, _ = schedule.start_search()
    second, _ = schedule.start_search()
    assert schedule.search_done(first, 5.0) == (False, [])
    show, _ = schedule.search_done(second, 5.0)
    assert show


def test_facets_wait_for_typing_to_settle() -> None:
    schedule = SearchSchedule()
    schedule.key(1.0)
    seq, _ = schedule.start_search()
    show, actions = schedule.search_done(seq, 1.05)
    assert show and actions == []  # the list first; counts later
    assert schedule.deadline() == 1.0 + SETTLE_SECONDS
    schedule.key(1.2)  # still typing when the counts come due
    assert schedule.due(1.0 + SETTLE_SECONDS) == []
    later = schedule.deadline()
    assert later is not None and later > 1.0 + SETTLE_SECONDS
    assert schedule.due(1.2 + SETTLE_SECONDS) == [Do.SHOW_FACETS]
    assert not schedule.waiting


def test_facets_at_once_when_not_typing() -> None:
    schedule = SearchSchedule()
    seq, _ = schedule.start_search()
    assert schedule.search_done(seq, 100.0) == (True, [Do.SHOW_FACETS])


def test_preview_waits_for_the_cursor_to_rest_and_typing_to_settle() -> None:
    schedule = SearchSchedule()
    schedule.highlighted(50.0)
    assert schedule.deadline() == 50.0 + PREVIEW_DELAY
    assert schedule.due(50.0 + PREVIEW_DELAY) == [Do.PREVIEW]
    schedule.key(60.0)
    schedule.highlighted(60.01)
    assert schedule.deadline() == 60.0 + SETTLE_SECONDS
    schedule.start_search()  # a search on its way: the preview waits for it too
    assert schedule.due(60.0 + SETTLE_SECONDS) == []
    assert schedule.waiting


def test_a_key_or_a_search_cancels_a_preview_on_its_way_but_not_an_open() -> None:
    schedule = SearchSchedule()
    preview = schedule.start_detail(preview=True)
    assert schedule.key(1.0) == [Do.CANCEL_PREVIEW]
    assert not schedule.detail_done(preview)  # its answer is stale now
    preview = schedule.start_detail(preview=True)
    _, actions = schedule.start_search()
    assert actions == [Do.CANCEL_PREVIEW]
    opened = schedule.start_detail(preview=False)
    assert schedule.key(2.0) == []
    _, actions = schedule.start_search()
    assert actions == []
    assert schedule.detail_done(opened)


def test_opening_a_document_drops_a_pending_preview() -> None:
    schedule = SearchSchedule()
    schedule.highlighted(1.0)
    schedule.start_detail(preview=False)
    assert schedule.deadline() is None and schedule.due(5.0) == []


def test_a_failed_search_does_not_hold_the_facets_forever() -> None:
    schedule = SearchSchedule()
    schedule.start_search()
    schedule.search_failed()
    schedule.highlighted(10.0)
    assert schedule.due(10.0 + SETTLE_SECONDS) == [Do.PREVIEW]
