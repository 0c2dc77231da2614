"""A scripted app session with internet sockets and name lookups blocked (see conftest.no_network)."""

from __future__ import annotations

from pathlib import Path

from scrbrowse.config import Config
from scrbrowse.ui.app import ScrbrowseApp
from scrbrowse.ui.screens.browse import BrowseScreen


async def _settle(app: ScrbrowseApp, pilot) -> None:  # type: ignore[no-untyped-def]
    for _ in range(200):
        await pilot.pause(0.03)
        await app.workers.wait_for_complete()
        browse = app.screen_stack[0]
        if app.engine is not None and isinstance(browse, BrowseScreen) and not browse.pending:
            break
    await pilot.pause()


async def test_an_app_session_makes_no_network_call(no_network: list[str], tmp_corpus: Path,
                                                    tmp_path: Path) -> None:
    app = ScrbrowseApp(tmp_corpus, tmp_path / "index", config=Config())
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(app, pilot)
        assert app.engine is not None
        browse = app.screen_stack[0]
        assert isinstance(browse, BrowseScreen)
        for query in ("co-sleeping", "fathers", "brusing", "theme:neglect"):
            browse.action_focus_search()
            browse.search_bar.input.value = query
            await _settle(app, pilot)
        await pilot.press("down", "enter")
        await _settle(app, pilot)
        for key in ("right", "right", "right", "f1"):
            await pilot.press(key)
            await pilot.pause()
        await pilot.press("escape")
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"child s")
        await pilot.pause(0.3)
        await pilot.press("escape")
        await _settle(app, pilot)
    assert no_network == []
