"""Helpers for the session screens' tests (pack, question bank, themes, ingest)."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot

from scrbrowse.ui.app import ScrbrowseApp
from scrbrowse.ui.screens.browse import BrowseScreen
from scrbrowse.ui.session import PackSession

from .conftest import settle


async def settle_all(pilot: Pilot[Any]) -> None:
    """`settle`, then wait for the top screen's own timers (debounced search, notes saving)."""
    await settle(pilot)
    for _ in range(100):
        screen = pilot.app.screen
        if not getattr(screen, "pending", False) and not any(w.is_running for w in pilot.app.workers):
            break
        await pilot.pause(0.03)
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def browse_of(app: ScrbrowseApp) -> BrowseScreen:
    return app.browse


def session(app: ScrbrowseApp) -> PackSession:
    return app.session


async def open_result(pilot: Pilot[Any], doc_id: str) -> None:
    """Highlight `doc_id` in the results and press Enter, as a reader would."""
    browse = browse_of(pilot.app)  # type: ignore[arg-type]
    browse.results.focus()
    index = next(i for i, h in enumerate(browse.results.hits) if h.doc_id == doc_id)
    browse.results.highlighted = index
    await pilot.press("enter")
    await settle_all(pilot)


def messages(app: ScrbrowseApp) -> list[str]:
    return [str(n.message) for n in app._notifications]
