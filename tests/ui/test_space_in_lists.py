"""Space pressed in the results list (as if to tick something) keeps the query: typing a word from a
pane starts a new search, but a space on its own starts no word."""

from __future__ import annotations

from .conftest import AppFactory, search
from .sessionkit import browse_of, settle_all


async def test_space_in_the_results_keeps_the_query(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle_all(pilot)
        await search(pilot, "co-sleeping")
        browse = browse_of(app)
        browse.results.focus()
        await pilot.press("down", "space")
        await settle_all(pilot)
        assert browse.search_bar.input.value == "co-sleeping"
        await pilot.press(*"dad")  # a word still starts a new search
        await settle_all(pilot)
        assert browse.search_bar.input.value == "dad"
