"""Previews arriving while the user types: overlapping shows, clears, tab keys and n/N on the one
long-lived document view never crash, the last document shown wins, and no key press is lost.

(The old pane mounted a view per preview and crashed when one was taken down mid-mount; the view is
now refilled in place, and these tests keep the overlap cases.)"""

from __future__ import annotations

import asyncio

from textual import events
from textual.app import App, ComposeResult

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


async def test_quitting_while_a_document_is_shown(corpus: Corpus) -> None:
    readings = _readings(corpus)
    app = _PaneApp()
    async with app.run_test(size=(100, 40)) as pilot:
        pane = app.query_one(DetailPane)
        await pane.show(readings[0], focus=False)
        await pilot.pause()
        task = asyncio.create_task(pane.show(readings[1], focus=False))
        await asyncio.sleep(0)
        # Leaving run_test shuts the app down now, while the tabs are being refilled.
    await asyncio.wait_for(task, 5)
    assert app._exception is None


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
        # Only the last document's passages are mounted.
        assert {p.ref.doc_id for p in views[0].passages()} == {readings[-1].document.id}


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
            app.post_message(events.Key("right", None))
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
