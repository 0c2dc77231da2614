"""The browse screen: live search, facets, chips, the empty state and the suggestion key."""

from __future__ import annotations

from textual.widgets import Input

from scrbrowse.search.api import Filters, SearchRequest
from scrbrowse.ui.screens.browse import BrowseScreen, SearchDone
from scrbrowse.ui.widgets.chips import Chip, FilterChips
from scrbrowse.ui.widgets.summary import EmptyState, SearchSummary

from .conftest import AppFactory, rendered, search, settle


async def test_startup_lists_every_document_newest_first(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, BrowseScreen)
        assert screen.result is not None
        hits = screen.results.hits
        assert len(hits) == screen.result.corpus_total == 5
        dated = [h.published for h in hits if h.published]
        assert dated == sorted(dated, reverse=True)
        assert "5 of 5 documents" in rendered(screen.query_one(SearchSummary))
        themes = dict((fv.value, fv.count) for fv, _ in screen.facets.value_rows("theme"))
        assert themes and max(themes.values()) <= 5
        # The restricted document carries its marker in the list.
        child_s = [i for i, h in enumerate(hits) if h.restricted]
        assert child_s
        assert "PROFESSIONALS ONLY" in str(screen.results.render_hit(hits[child_s[0]]))


async def test_typing_a_query_shows_matching_documents(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        assert isinstance(app.focused, Input)  # the search box has focus from the start
        await pilot.press(*"overlaying")  # typed for real, through the debounce
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, BrowseScreen)
        assert screen.query_one(Input).value == "overlaying"
        assert screen.result is not None and screen.result.request.query == "overlaying"
        hits = screen.results.hits
        assert 0 < len(hits) < 5
        top = hits[0]
        assert top.review == "Child K (Hampshire)"
        entry = str(screen.results.render_hit(top))
        assert "Child K (Hampshire)" in entry and "Matched:" in entry
        assert top.snippet.spans  # the matched word is marked in the snippet
        summary = rendered(screen.query_one(SearchSummary))
        assert f"{screen.result.total} of 5 documents" in summary


async def test_toggling_facets_changes_counts_and_results(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, BrowseScreen)
        facets = screen.facets
        before = {fv.value: fv.count for fv, _ in facets.value_rows("agency")}
        # Pick an agency that only some documents have, move to it with the keyboard, tick it.
        value = next(v for v, n in sorted(before.items(), key=lambda x: x[1]) if n < 5)
        facets.focus()
        target = next(i for i, row in enumerate(facets.rows) if row.kind == "value"
                      and row.facet == "agency" and row.value == value)
        facets.highlighted = target - 1
        await pilot.press("down")
        assert facets.highlighted == target
        await pilot.press("space")
        await settle(pilot)
        assert screen.filters.agency == frozenset({value})
        assert len(screen.results.hits) == before[value]
        assert screen.result is not None and screen.result.total == before[value]
        ticked = [fv.value for fv, on in facets.value_rows("agency") if on]
        assert ticked == [value]
        theme_counts = {fv.value: fv.count for fv, _ in facets.value_rows("theme")}
        assert sum(theme_counts.values()) > 0
        chips = list(screen.query(Chip))
        assert [c.value for c in chips] == [value]
        assert "✕" in rendered(chips[0])
        # Space again unticks it; every document is back.
        await pilot.press("space")
        await settle(pilot)
        assert screen.filters.is_empty()
        assert len(screen.results.hits) == 5
        assert screen.query_one(FilterChips).has_class("-empty")


async def test_clicking_a_chip_removes_its_filter(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, BrowseScreen)
        screen.set_filter("theme", "safe-sleep")
        await settle(pilot)
        narrowed = len(screen.results.hits)
        assert 0 < narrowed < 5
        chip = screen.query_one(Chip)
        await pilot.click(chip)
        await settle(pilot)
        assert screen.filters == Filters()
        assert len(screen.results.hits) == 5


async def test_empty_results_offer_the_suggestion_as_one_key(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, BrowseScreen)
        await search(pilot, "overlaing")
        result = screen.result
        assert result is not None and result.total == 0
        assert result.suggestion
        empty = screen.query_one(EmptyState)
        assert not empty.has_class("-hidden")
        text = rendered(empty)
        assert "No review matches “overlaing”" in text
        assert result.suggestion in text and "^y" in text
        assert not screen.results.display
        await pilot.press("ctrl+y")
        await settle(pilot)
        assert screen.query_one(Input).value == result.suggestion
        assert screen.result is not None and screen.result.total > 0
        assert empty.has_class("-hidden")


async def test_escape_clears_the_search_box(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        await search(pilot, "overlaying")
        screen = app.screen
        assert isinstance(screen, BrowseScreen)
        assert screen.result is not None and screen.result.total < 5
        await pilot.press("escape")
        await settle(pilot)
        assert screen.query_one(Input).value == ""
        assert len(screen.results.hits) == 5


async def test_a_stale_search_result_never_replaces_a_newer_one(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, BrowseScreen)
        assert app.engine is not None
        await search(pilot, "fathers")
        current = screen.result
        assert current is not None
        old = app.engine.search(SearchRequest(query=""))
        screen.post_message(SearchDone(screen.schedule.search_seq - 1, old, {}))
        await settle(pilot)
        assert screen.result is current
        assert len(screen.results.hits) == current.total
