"""A document view taken down, or used, while it is still mounting never crashes the app.

The benchmark's sessions ended with `ValueError: No Tab with id '--content-tab-tab-...'`: when a view is
removed (a newer preview, or the app quitting) while its tab bar is still being composed, Textual marks
the whole subtree as pruning, the tab bar's own tabs are never mounted, and the tab bar's Mount handler
then fails to find the tab it should activate. Tab switches and n/N on a half-mounted view failed the
same way. These tests catch the view at exactly those moments instead of relying on timing.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import pytest
from textual import events
from textual.app import App, ComposeResult
from textual.widget import Widget
from textual.widgets import TabbedContent
from textual.widgets._tabbed_content import ContentTabs

from scrbrowse.corpus import Corpus
from scrbrowse.ui.backend import find_spans
from scrbrowse.ui.reading import TABS, Reading, build_reading
from scrbrowse.ui.widgets.detail import DetailPane, DocumentView
from scrbrowse.ui.widgets.passage import PassageView


class _PaneApp(App[None]):
    def compose(self) -> ComposeResult:
        yield DetailPane()


def _readings(corpus: Corpus) -> list[Reading]:
    # Terms that match in several tabs of every bundled document, so n/N has somewhere to go.
    return [build_reading(d, corpus.taxonomy, terms=("child", "practitioners"), find_spans=find_spans)
            for d in corpus.sorted_documents()]


async def _until(pane: DetailPane, moment: Callable[[DetailPane], Widget | None]) -> Widget:
    """Yield to the event loop until `moment` finds its widget (at most a few thousand turns)."""
    for _ in range(5000):
        found = moment(pane)
        if found is not None:
            return found
        await asyncio.sleep(0)
    raise AssertionError("the moment never came")


def _tab_bar_composing(pane: DetailPane) -> Widget | None:
    """A tab bar in the DOM whose own tabs are not mounted yet."""
    for tabs in pane.query(ContentTabs):
        if not tabs.is_mounted:
            return tabs
    return None


def _tabbed_mounting(pane: DetailPane) -> Widget | None:
    """A document view whose TabbedContent is in the DOM but not mounted yet."""
    for tabbed in pane.query(TabbedContent):
        if not tabbed.is_mounted:
            return tabbed
    return None


def _view_mounting(pane: DetailPane) -> Widget | None:
    for view in pane.query(DocumentView):
        if not view.is_mounted:
            return view
    return None


async def test_quitting_while_the_tab_bar_mounts(corpus: Corpus) -> None:
    readings = _readings(corpus)
    app = _PaneApp()
    async with app.run_test(size=(100, 40)) as pilot:
        pane = app.query_one(DetailPane)
        await pane.show(readings[0], focus=False)
        await pilot.pause()
        task = asyncio.create_task(pane.show(readings[1], focus=False))
        await _until(pane, _tab_bar_composing)
        # Leaving run_test shuts the app down now, pruning the half-mounted view.
    await asyncio.wait_for(task, 5)
    assert app._exception is None


@pytest.mark.parametrize("moment", [_view_mounting, _tabbed_mounting, _tab_bar_composing])
async def test_tab_keys_on_a_view_still_mounting(corpus: Corpus,
                                                 moment: Callable[[DetailPane], Widget | None]) -> None:
    readings = _readings(corpus)
    app = _PaneApp()
    async with app.run_test(size=(100, 40)) as pilot:
        pane = app.query_one(DetailPane)
        await pane.show(readings[0], focus=False)
        await pilot.pause()
        for reading in readings[1:]:
            task = asyncio.create_task(pane.show(reading, focus=False))
            await _until(pane, moment)
            mounting = next(iter(pane.query(DocumentView).results(DocumentView)))
            # What the keys do (], [, n, N, j) and what an exact open does, mid-mount. Tab
            # switches are coroutines, run as Textual runs a key's action: alongside the mount.
            keys = [asyncio.create_task(mounting.action_next_tab()),
                    asyncio.create_task(mounting.action_previous_tab())]
            mounting.goto_match(+1)
            mounting.goto_match(-1)
            mounting.action_cursor_down()
            mounting.reveal_first_match()
            mounting.focus_default()
            await task
            await asyncio.gather(*keys)
            await pilot.pause()
        assert app._exception is None
        view = pane.view
        assert view is not None and view.doc_id == readings[-1].document.id
        # The view still works once mounted: n reaches every match across tabs and comes back.
        matches = [b.ref.item_id for b in view.reading.matched]
        assert len(matches) >= 2
        seen = []
        for _ in matches:
            assert view.goto_match(+1)
            await pilot.pause()
            focused = app.focused
            assert focused is not None and focused.id is not None
            seen.append(focused.id)
        assert len(set(seen)) == len(matches)


async def test_overlapping_shows_and_clears_with_tab_switches(corpus: Corpus) -> None:
    readings = _readings(corpus)
    app = _PaneApp()
    async with app.run_test(size=(100, 40)) as pilot:
        pane = app.query_one(DetailPane)
        for round_ in range(3):
            tasks = []
            for i, reading in enumerate(readings):
                tasks.append(asyncio.create_task(pane.show(reading, focus=round_ == 1)))
                if i == 2:
                    tasks.append(asyncio.create_task(pane.clear()))
                for _ in range(3 + i * 7):
                    await asyncio.sleep(0)
                    for view in pane.query(DocumentView):  # every view, current, mounting or leaving
                        tasks.append(asyncio.create_task(view.action_next_tab()))
                        view.goto_match(+1)
            await asyncio.gather(*tasks)
            await pilot.pause()
        assert app._exception is None
        views = list(pane.query(DocumentView))
        assert len(views) == 1 and views[0].doc_id == readings[-1].document.id


async def test_quick_tab_and_match_keys_are_not_lost(corpus: Corpus) -> None:
    """Keys sent faster than tabs are built: every ] and every n counts."""
    readings = _readings(corpus)
    reading = max(readings, key=lambda r: len(r.matched))
    app = _PaneApp()
    async with app.run_test(size=(100, 40)) as pilot:
        pane = app.query_one(DetailPane)
        await pane.show(reading, focus=True)
        await pilot.pause()
        view = pane.view
        assert view is not None
        ids = [tab for tab, _ in TABS]
        start = ids.index(view.active_tab)
        for _ in range(5):
            app.post_message(events.Key("right_square_bracket", "]"))
        for _ in range(40):
            await pilot.pause(0.02)
        assert view.active_tab == ids[(start + 5) % len(ids)]
        # n three times, one at a time, then three times at once on a fresh view: the same passage.
        reached = []
        for pace in (0.1, 0.0):
            view = await pane.show(reading, focus=False)
            for _ in range(10):
                await pilot.pause(0.02)
            for _ in range(3):
                assert view.goto_match(+1)
                if pace:
                    await pilot.pause(pace)
            for _ in range(20):
                await pilot.pause(0.02)
            focused = app.focused
            assert isinstance(focused, PassageView)
            reached.append(focused.ref.item_id)
        assert reached[0] == reached[1]
