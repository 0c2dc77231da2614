"""SVG snapshots of the session screens: the pack screen (80x24), the question bank (140x45) and the
themes overview (80x24).

Stable by construction: the pack has a fixed title and session date (nothing shows the machine's
clock or paths), cursors do not blink when headless, and notifications are cleared before the
picture. Regenerate with `pytest tests/ui/test_pack_snapshots.py --snapshot-update` and look at them.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from textual.pilot import Pilot

from scrbrowse.corpus import Corpus
from scrbrowse.packs import PackStore, item_from_document

from .conftest import AppFactory
from .sessionkit import browse_of, settle_all


def _make_pack(corpus: Corpus) -> None:
    store = PackStore()
    pack = store.create("Safe sleep: supervision with Sam", today=date(2024, 5, 14))
    k = corpus.documents["hampshire-child-k-learning-summary"]
    s = corpus.documents["child-s-learning-briefing"]
    pack.add(item_from_document(k, k.learning_points[0].id,
                                notes="Ask how the team checks sleeping arrangements at every visit."))
    pack.add(item_from_document(k, k.learning_points[1].id))
    pack.add(item_from_document(s, s.reflective_questions[0].id, notes="Has anyone spoken to dad?"))
    pack.notes = "Sam is worried about a family where the baby sleeps on the sofa."
    store.save(pack)
    store.set_current(pack.name)


def _opening(key: str) -> Any:
    async def run_before(pilot: Pilot[Any]) -> None:
        await settle_all(pilot)
        browse_of(pilot.app).results.focus()  # type: ignore[arg-type]
        await pilot.press(key)
        await settle_all(pilot)
        pilot.app.clear_notifications()
        await pilot.pause()

    return run_before


def test_pack_screen(snap_compare: Any, make_app: AppFactory, corpus: Corpus) -> None:
    _make_pack(corpus)  # 80x24, the tightest: the restriction banner, items and notes must all show
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=_opening("f2"))


def test_question_bank(snap_compare: Any, make_app: AppFactory, corpus: Corpus) -> None:
    _make_pack(corpus)  # its Child S question shows "● in pack"
    assert snap_compare(make_app(), terminal_size=(140, 45), run_before=_opening("f3"))


def test_themes_overview(snap_compare: Any, make_app: AppFactory) -> None:
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=_opening("f4"))
