"""Presentation mode (issue 14, build item 5): one question or learning point at a time, large and
centred, with its review and restriction; → and ← step through the pack or the listed questions;
Esc goes back. Snapshots at 80x24 and 140x45."""

from __future__ import annotations

from datetime import date
from typing import Any

from textual.pilot import Pilot

from scrbrowse.corpus import Corpus
from scrbrowse.packs import OWN_QUESTION, Pack, PackStore, item_from_document, own_item
from scrbrowse.search.api import BankQuestion
from scrbrowse.ui.screens.pack import PackScreen
from scrbrowse.ui.screens.present import (
    PresentScreen,
    slides_from_document,
    slides_from_pack,
    slides_from_questions,
)
from scrbrowse.ui.screens.questions import QuestionBankScreen

from .conftest import AppFactory, rendered
from .sessionkit import browse_of, settle_all


def _make_pack(corpus: Corpus) -> Pack:
    store = PackStore()
    pack = store.create("Safe sleep: supervision with Sam", today=date(2024, 5, 14))
    k = corpus.documents["hampshire-child-k-learning-summary"]
    s = corpus.documents["child-s-learning-briefing"]
    pack.add(item_from_document(k, k.learning_points[0].id))
    pack.add(item_from_document(s, s.reflective_questions[0].id))
    pack.add(own_item(OWN_QUESTION, "What would help you raise this with the family next time?"))
    store.save(pack)
    store.set_current(pack.name)
    return pack


def test_slides_from_each_source(corpus: Corpus) -> None:
    s = corpus.documents["child-s-learning-briefing"]
    slides = slides_from_document(s)
    assert [x.text for x in slides] == [q.text for q in s.reflective_questions]
    assert all(x.restriction == s.restriction for x in slides)
    assert slides[0].label == "Question 1" and "Child S" in slides[0].source
    entries = [BankQuestion(s.id, q.id, q.text, n, q.section, s.review.display, s.review.id,
                            s.title, s.review.board, s.published, s.restriction, q.themes,
                            q.agencies)
               for n, q in enumerate(s.reflective_questions, 1)]
    questions = slides_from_questions(entries)
    assert [x.text for x in questions] == [e.text for e in entries]
    assert questions[0].label == "Question 1" and questions[0].restriction == s.restriction
    pack = Pack("p", "P", None)
    pack.add(item_from_document(s, s.reflective_questions[1].id))
    pack.add(own_item(OWN_QUESTION, "Mine?"))
    shown = slides_from_pack(pack)
    assert [x.label for x in shown] == ["Question 2", "Own question"]
    assert shown[1].source == "" and shown[1].restriction is None


async def test_present_the_pack_step_and_go_back(make_app: AppFactory, corpus: Corpus) -> None:
    pack = _make_pack(corpus)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle_all(pilot)
        browse_of(app).results.focus()
        await pilot.press("f2")
        await settle_all(pilot)
        assert isinstance(app.screen, PackScreen)
        app.screen.items_list.highlighted = 1
        await pilot.press("f5")
        await pilot.pause()
        present = app.screen
        assert isinstance(present, PresentScreen) and present.index == 1
        text = rendered(present.query_one("#present-text"))
        assert pack.items[1].text[:30] in " ".join(text.split())
        assert "PROFESSIONALS ONLY" in rendered(present.query_one("#present-marks"))
        assert "2 of 3" in rendered(present.query_one("#present-where"))
        await pilot.press("right")
        await pilot.pause()
        assert present.index == 2
        assert not present.query_one("#present-marks").display  # own words: no mark
        await pilot.press("right")  # the last: stays
        assert present.index == 2
        await pilot.press("left", "left", "left")
        assert present.index == 0
        assert not present.query_one("#present-marks").display
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PackScreen)


async def test_present_the_bank_from_the_highlighted_question(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle_all(pilot)
        browse_of(app).results.focus()
        await pilot.press("f3")
        await settle_all(pilot)
        bank = app.screen
        assert isinstance(bank, QuestionBankScreen)
        bank.questions.focus()
        bank.questions.highlighted = 3
        await pilot.press("f5")
        await pilot.pause()
        present = app.screen
        assert isinstance(present, PresentScreen) and present.index == 3
        assert len(present.slides) == len(bank.questions.rows)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is bank


def _presenting(steps: int) -> Any:
    async def run_before(pilot: Pilot[Any]) -> None:
        await settle_all(pilot)
        browse_of(pilot.app).results.focus()  # type: ignore[arg-type]
        await pilot.press("f2")
        await settle_all(pilot)
        await pilot.press("f5")
        for _ in range(steps):
            await pilot.press("right")
        pilot.app.clear_notifications()
        await pilot.pause()

    return run_before


def test_present_snapshot_80x24(snap_compare: Any, make_app: AppFactory, corpus: Corpus) -> None:
    _make_pack(corpus)  # the restricted Child S question, second in the pack
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=_presenting(1))


def test_present_snapshot_140x45(snap_compare: Any, make_app: AppFactory, corpus: Corpus) -> None:
    _make_pack(corpus)
    assert snap_compare(make_app(), terminal_size=(140, 45), run_before=_presenting(1))


async def test_present_the_open_document_from_the_palette(make_app: AppFactory,
                                                         corpus: Corpus) -> None:
    from .sessionkit import open_result

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle_all(pilot)
        await open_result(pilot, "child-s-learning-briefing")
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Present this document")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle_all(pilot)
        present = app.screen
        assert isinstance(present, PresentScreen)
        doc = corpus.documents["child-s-learning-briefing"]
        assert [s.text for s in present.slides] == [q.text for q in doc.reflective_questions]
        assert "PROFESSIONALS ONLY" in rendered(present.query_one("#present-marks"))
