"""↑ in an empty search box brings back the searches the user acted on, newest first."""

from __future__ import annotations

from scrbrowse.ui.screens.browse import BrowseScreen

from .conftest import AppFactory, settle


async def test_up_in_an_empty_box_recalls_recent_searches(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, BrowseScreen)
        for query in ("co-sleeping after alcohol", "MASH"):
            screen.action_focus_search()
            await pilot.press(*query)
            await pilot.press("enter")  # acted on: remembered
            await settle(pilot)
        screen.action_focus_search()
        await pilot.press("escape")  # clears the box
        await settle(pilot)
        assert screen.search_bar.value == ""
        await pilot.press("up")
        await settle(pilot)
        assert screen.search_bar.value == "MASH"
        assert screen.result is not None and screen.result.request.query == "MASH"
        await pilot.press("up")
        await settle(pilot)
        assert screen.search_bar.value == "co-sleeping after alcohol"
        await pilot.press("up")  # nothing older: stays
        assert screen.search_bar.value == "co-sleeping after alcohol"
