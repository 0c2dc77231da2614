"""The review screen: a draft's items and tags beside its source; accept a tag, drop an item, undo,
mark as checked (the record is written without its draft block and the browser shows it checked)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Button, TextArea

from scrbrowse.ingest.review import DRAFTS_FOLDER, DraftReview
from scrbrowse.ui.app import ScrbrowseApp
from scrbrowse.ui.screens.browse import BrowseScreen
from scrbrowse.ui.screens.dialogs import ChoiceScreen
from scrbrowse.ui.screens.review import NO_SOURCE, ReviewScreen
from scrbrowse.ui.widgets.review_dialogs import DetailsScreen, ItemTextScreen
from scrbrowse.yamlio import dump_yaml, read_yaml_file

from .conftest import AppFactory, rendered, search
from .sessionkit import browse_of, messages, open_result, settle_all

BRIEFING = """Child Q Learning Briefing
Northshire Safeguarding Children Partnership

Published March 2023

Learning points
- Practitioners should always ask where the baby sleeps, at every visit.
- Fathers and male carers must be included in assessments.

Reflective questions
1. How do I check where the baby sleeps?
2. Who else lives in the household?
"""


def make_draft(corpus: Path, tmp_path: Path, *, source_text: bool = True) -> tuple[str, Path]:
    """A draft as ingest writes it (written here, so the extraction's progress never changes these
    tests): a checklist, tags with evidence, a suggested tag, item pointers and the source text."""
    doc_id = "child-q-learning-briefing"
    record: dict[str, Any] = {
        "schema_version": 1,
        "draft": {
            "made_by": "scrbrowse ingest", "ingested": "2026-01-01", "source_sha256": "0" * 64,
            "source_format": "text",
            "checks": ["title: the first line of the document; check it",
                       "review.area: no area named; set it from the source, or leave null",
                       "published: \"2023-03\" from a date near the title"],
            "tags": {"vulnerability-of-babies": {"kind": "theme", "confidence": 0.9,
                                                 "evidence": ["baby (line 7)", "baby (line 11)"]},
                     "unknown-men": {"kind": "theme", "confidence": 0.8,
                                     "evidence": ["Fathers and male carers (line 8)"]}},
            "suggested_tags": {"neglect": {"kind": "theme", "confidence": 0.4,
                                           "evidence": ["baby sleeps (line 7)"]}},
            "sources": {"lp-1": "line 7", "lp-2": "line 8", "q-1": "line 11", "q-2": "line 12"},
            "source_text": f"{doc_id}.source.txt",
        },
        "id": doc_id, "title": "Child Q Learning Briefing", "doc_type": "learning-briefing",
        "published": "2023-03", "date_note": None, "source": "child-q-briefing.txt",
        "review": {"id": "child-q-local-learning-review", "child": "Child Q", "area": None,
                   "board": "Northshire Safeguarding Children Partnership",
                   "review_type": "local-learning-review", "methodology": None},
        "restriction": None,
        "themes": ["vulnerability-of-babies", "unknown-men"],
        "agencies": [],
        "sections": [],
        "learning_points": [
            {"id": "lp-1", "text": "Practitioners should always ask where the baby sleeps, at every "
                                   "visit.", "section": "Learning points",
             "themes": ["vulnerability-of-babies"], "agencies": []},
            {"id": "lp-2", "text": "Fathers and male carers must be included in assessments.",
             "section": "Learning points", "themes": ["unknown-men"], "agencies": []},
        ],
        "reflective_questions": [
            {"id": "q-1", "text": "How do I check where the baby sleeps?", "number": 1,
             "section": "Reflective questions", "themes": [], "agencies": []},
            {"id": "q-2", "text": "Who else lives in the household?", "number": 2,
             "section": "Reflective questions", "themes": [], "agencies": []},
        ],
    }
    path = corpus / f"{doc_id}.yaml"
    path.write_text(dump_yaml(record), encoding="utf-8")
    if source_text:
        (corpus / f"{doc_id}.source.txt").write_text(BRIEFING, encoding="utf-8")
    return doc_id, path


async def open_review(pilot: Pilot[Any], doc_id: str) -> ReviewScreen:
    app = pilot.app
    await settle_all(pilot)
    await search(pilot, "Child Q")
    await open_result(pilot, doc_id)
    await pilot.press("f9")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, ReviewScreen)
    return screen


def _item_ids(screen: ReviewScreen) -> list[str]:
    return [i.id for i in screen.items.items]


async def test_accept_a_tag_drop_an_item_and_undo(make_app: AppFactory, corpus_copy: Path,
                                                  tmp_path: Path) -> None:
    doc_id, path = make_draft(corpus_copy, tmp_path)
    before = path.read_bytes()
    app = make_app(corpus_copy)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_review(pilot, doc_id)
        # The source beside the highlighted item, at its pointer.
        assert "line 7" in rendered(screen.query_one("#review-source-heading"))
        assert "ask where the baby sleeps" in rendered(screen.query_one("#review-source"))
        # Accept the suggested tag: it becomes one of the record's tags.
        screen.tags.focus()
        screen.tags.highlighted = next(i for i, t in enumerate(screen.tags.tags) if t.suggested)
        await pilot.press("a")
        assert "neglect" in screen.review.record["themes"]
        assert not any(t.suggested for t in screen.tags.tags)
        # Drop an item, then undo it, then undo the tag.
        screen.items.focus()
        screen.items.highlighted = 1
        assert _item_ids(screen)[:2] == ["lp-1", "lp-2"]
        await pilot.press("d")
        assert "lp-2" not in _item_ids(screen)
        await pilot.press("u")
        assert _item_ids(screen)[:2] == ["lp-1", "lp-2"]
        await pilot.press("u")
        assert "neglect" not in screen.review.record["themes"]
        assert any(t.suggested for t in screen.tags.tags)
        assert any(m.startswith("Undone") for m in messages(app))
        # Leaving with nothing changed asks nothing; the file was never written.
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, BrowseScreen)
    assert path.read_bytes() == before


async def test_mark_as_checked_writes_the_record_and_the_browser_shows_it(
        make_app: AppFactory, corpus_copy: Path, tmp_path: Path) -> None:
    doc_id, path = make_draft(corpus_copy, tmp_path)
    app = make_app(corpus_copy)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_review(pilot, doc_id)
        screen.items.highlighted = 1
        await pilot.press("d")
        # Fix the details in their dialog.
        await pilot.press("r")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, DetailsScreen)
        dialog.query_one("#details-area").value = "Northshire"  # type: ignore[attr-defined]
        dialog.query_one("#details-published").value = "2023-03"  # type: ignore[attr-defined]
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.click("#choice-yes")
        await settle_all(pilot)
        assert isinstance(app.screen, BrowseScreen)
        data = read_yaml_file(path)
        assert "draft" not in data
        assert data["review"]["area"] == "Northshire" and data["published"] == "2023-03"
        assert [e["id"] for e in data["learning_points"]] == ["lp-1"]
        assert list((corpus_copy / DRAFTS_FOLDER).glob("*.draft.yaml"))
        assert app.engine is not None
        doc = app.engine.document(doc_id)
        assert doc is not None and not doc.draft and doc.review.area == "Northshire"
        browse = browse_of(app)
        assert doc_id in {h.doc_id for h in browse.results.hits}
        assert browse.detail.doc_id == doc_id
        view = browse.detail.view
        assert view is not None and view.reading.document.review.area == "Northshire"
        assert any(m.startswith("Marked as checked") for m in messages(app))
        # Reviewing it again: it is checked, so there is nothing to review.
        await pilot.press("f9")
        await pilot.pause()
        assert isinstance(app.screen, BrowseScreen)
        assert any("already checked" in m for m in messages(app))


async def test_mark_as_checked_is_refused_while_errors_remain(make_app: AppFactory, corpus_copy: Path,
                                                              tmp_path: Path) -> None:
    _doc_id, path = make_draft(corpus_copy, tmp_path)
    app = make_app(corpus_copy)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle_all(pilot)
        assert app.engine is not None
        review = DraftReview.load(path, app.engine.taxonomy)
        review.record["id"] = "hampshire-child-k-learning-summary"  # another record's id
        app.push_screen(ReviewScreen(review, app.engine))
        await settle_all(pilot)  # the folder's ids are read in a worker
        assert "validation error" in rendered(app.screen.query_one("#review-checks-heading"))
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        assert not app.screen.query("#choice-yes")  # only "Back"
    assert "draft" in read_yaml_file(path)


async def test_leaving_with_changes_asks_first(make_app: AppFactory, corpus_copy: Path,
                                               tmp_path: Path) -> None:
    doc_id, _path = make_draft(corpus_copy, tmp_path, source_text=False)
    app = make_app(corpus_copy)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_review(pilot, doc_id)
        assert rendered(screen.query_one("#review-source")) == NO_SOURCE
        await pilot.press("d")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("escape")  # "no": back to the review, changes kept
        await pilot.pause()
        assert app.screen is screen and screen.review.can_undo
        # The app's own keys cannot take the screen away meanwhile.
        await pilot.press("f2")
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("ctrl+q")  # quitting would lose them too: asked first
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and app.is_running


@pytest.mark.parametrize("doc_id", ["child-s-learning-briefing"])
async def test_a_checked_record_has_nothing_to_review(make_app: AppFactory, doc_id: str) -> None:
    app: ScrbrowseApp = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle_all(pilot)
        await search(pilot, "Child S")
        await open_result(pilot, doc_id)
        await pilot.press("f9")
        await pilot.pause()
        assert isinstance(app.screen, BrowseScreen)
        assert any("already checked" in m for m in messages(app))


async def test_split_and_edit_an_item_in_their_dialogs(make_app: AppFactory, corpus_copy: Path,
                                                       tmp_path: Path) -> None:
    doc_id, _path = make_draft(corpus_copy, tmp_path)
    app = make_app(corpus_copy)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_review(pilot, doc_id)
        await pilot.press("s")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ItemTextScreen)
        area = dialog.query_one(TextArea)
        area.text = "Ask where the baby sleeps."  # one part only: refused, the dialog stays
        app.screen.query_one("#item-ok", Button).press()
        await pilot.pause()
        assert app.screen is dialog and "blank line" in rendered(dialog.query_one("#item-error"))
        area.text = "Ask where the baby sleeps.\n\nAsk at every visit."
        app.screen.query_one("#item-ok", Button).press()
        await pilot.pause()
        assert app.screen is screen
        assert [i.text for i in screen.items.items[:2]] == ["Ask where the baby sleeps.",
                                                            "Ask at every visit."]
        screen.items.highlighted = 1
        await pilot.press("e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ItemTextScreen)
        dialog.query_one(TextArea).text = "Ask at every visit, and see the cot."
        app.screen.query_one("#item-ok", Button).press()
        await pilot.pause()
        assert screen.items.items[1].text == "Ask at every visit, and see the cot."
        await pilot.press("m")  # merge with the one below (lp-2)
        assert [i.id for i in screen.items.items if i.list_key == "learning_points"] == ["lp-1", "lp-3"]
