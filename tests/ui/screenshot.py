"""Make docs/screenshot.svg from the app itself: 120x36, after a real search, a document open.

Run: .venv/bin/python -m tests.ui.screenshot   (uses a temporary index; nothing else is written)
"""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

from scrbrowse.config import Config
from scrbrowse.ui import backend
from scrbrowse.ui.app import ScrbrowseApp
from scrbrowse.ui.screens.browse import BrowseScreen

from .conftest import CORPUS, ROOT, search, settle

QUERY = "co-sleeping alcohol"


async def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        index = Path(tmp) / "index"
        app = ScrbrowseApp(CORPUS, config=Config(),
                           engine_factory=lambda corpus, _i, progress: backend.open_engine(
                               corpus, index, progress))
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            await search(pilot, QUERY)
            browse = app.screen_stack[0]
            assert isinstance(browse, BrowseScreen)
            browse.results.focus()
            await pilot.press("enter")
            await settle(pilot)
            app.clear_notifications()
            await pilot.pause(0.3)
            app.save_screenshot("screenshot.svg", path=str(ROOT / "docs"))


if __name__ == "__main__":
    asyncio.run(main())
