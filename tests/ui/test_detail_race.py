"""Previews arriving while the user types: overlapping shows of the detail pane never crash."""

from __future__ import annotations

import asyncio

from textual.app import App, ComposeResult

from scrbrowse.corpus import Corpus
from scrbrowse.ui.reading import build_reading
from scrbrowse.ui.widgets.detail import DetailPane, DocumentView


class _PaneApp(App[None]):
    def compose(self) -> ComposeResult:
        yield DetailPane()


async def test_overlapping_shows_leave_one_view(corpus: Corpus) -> None:
    readings = [build_reading(d, corpus.taxonomy) for d in corpus.sorted_documents()]
    app = _PaneApp()
    async with app.run_test(size=(100, 40)) as pilot:
        pane = app.query_one(DetailPane)
        # Fire shows and clears without waiting for each other, as quick previews do.
        tasks = [pane.show(r, focus=False) for r in readings * 3]
        tasks.insert(4, pane.clear())
        await asyncio.gather(*tasks)
        await pilot.pause()
        views = list(pane.query(DocumentView))
        assert len(views) == 1
        assert views[0].doc_id == readings[-1].document.id
        await pane.clear()
        await pilot.pause()
        assert list(pane.query(DocumentView)) == []
