"""SVG snapshot of the review screen at 120x40: a draft's items, tags and suggestions beside its
source text, with the checklist. Regenerate with `pytest tests/ui/test_review_snapshots.py
--snapshot-update` and look at the result before keeping it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from .conftest import AppFactory
from .test_review_ui import make_draft, open_review


def test_review_screen(snap_compare: Any, make_app: AppFactory, corpus_copy: Path,
                       tmp_path: Path) -> None:
    doc_id, _path = make_draft(corpus_copy, tmp_path)

    async def run_before(pilot: Pilot[Any]) -> None:
        screen = await open_review(pilot, doc_id)
        screen.items.highlighted = 1
        await pilot.pause()
        pilot.app.clear_notifications()
        await pilot.pause()

    assert snap_compare(make_app(corpus_copy), terminal_size=(120, 40), run_before=run_before)
