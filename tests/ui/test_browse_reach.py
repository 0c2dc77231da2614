"""Nothing in a document is out of reach: every tab of every bundled document scrolls to its last line at
80x24, 120x40 and 200x60, and n/N bring each matched passage on screen (issue 14, defect 1: at 120x40 the
last questions of Child S, MASH's match among them, could not be scrolled into view)."""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widget import Widget

from scrbrowse.ui.reading import TABS
from scrbrowse.ui.screens.browse import BrowseScreen
from scrbrowse.ui.widgets.detail import DocumentView, TabScroll
from scrbrowse.ui.widgets.passage import PassageView

from .conftest import AppFactory, search, settle

SIZES = [(80, 24), (120, 40), (200, 60)]


def on_screen(widget: Widget, line: int) -> bool:
    """The widget is what the screen shows at its own `line` (0 = its top, -1 = its bottom)."""
    region = widget.region
    if region.height == 0:
        return False
    y = region.y + (line if line >= 0 else region.height + line)
    found, _ = widget.screen.get_widget_at(region.x + 2, y)
    return found is widget or widget in found.ancestors


async def _open(pilot: Pilot[Any], screen: BrowseScreen, doc_id: str) -> DocumentView:
    screen.open_document(doc_id)
    await settle(pilot)
    view = screen.detail.view
    assert view is not None and view.doc_id == doc_id
    return view


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_every_tab_scrolls_to_its_last_line(make_app: AppFactory, size: tuple[int, int]) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, BrowseScreen)
        doc_ids = [h.doc_id for h in screen.results.hits]
        assert len(doc_ids) == 5
        for doc_id in doc_ids:
            view = await _open(pilot, screen, doc_id)
            for tab, _label in TABS:
                while view.active_tab != tab:
                    await pilot.press("right")
                    await pilot.pause()
                await pilot.press("end")
                await pilot.pause()
                await pilot.pause()
                scroll = view.query_one(f"#scroll-{tab}", TabScroll)
                last = [w for w in scroll.children if w.display][-1]
                assert on_screen(last, -1), (size, doc_id, tab, last, last.region, scroll.region)
                if tab != "related" and view.passages(tab):
                    assert app.focused is view.passages(tab)[-1]
                    assert len(view.passages(tab)) == view.reading.tab_counts.get(tab, 0)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_n_and_N_bring_every_match_on_screen(make_app: AppFactory, size: tuple[int, int]) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, BrowseScreen)
        for query in ("MASH", "co-sleeping after alcohol", "parents"):
            await search(pilot, query)
            hit = screen.results.hits[0]
            view = await _open(pilot, screen, hit.doc_id)
            assert view.reading is not None
            matched = [b.ref.item_id for tab, _ in TABS for b in view.reading.matched if b.tab == tab]
            assert matched
            if query == "MASH":  # the defect: the match is Child S's last question
                assert hit.doc_id == "child-s-learning-briefing" and "q-9" in matched
            matched = matched[:6]  # the first six each way (wrapping round covers the ends)
            for key in ("n", "N"):
                seen = set()
                for _ in matched:
                    await pilot.press(key)
                    await pilot.pause()
                    await pilot.pause()
                    focused = app.focused
                    assert isinstance(focused, PassageView) and focused.matched
                    assert on_screen(focused, 0), (size, hit.doc_id, focused.ref.item_id, focused.region)
                    seen.add(focused.ref.item_id)
                assert len(seen) == len(matched)
