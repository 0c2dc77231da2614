"""Adding a review from the app: a file becomes a draft record in the corpus folder, the index picks
it up, and the browser opens it; a bad path or an unreadable file is one line in the dialog."""

from __future__ import annotations

from pathlib import Path

from scrbrowse.ui.screens.browse import BrowseScreen
from scrbrowse.ui.screens.ingest import IngestScreen

from .conftest import AppFactory, rendered
from .sessionkit import browse_of, messages, settle_all

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


async def _type_path(pilot: object, dialog: IngestScreen, path: str) -> None:
    field = dialog.query_one("#ingest-path")
    field.value = path  # type: ignore[attr-defined]
    await pilot.press("enter")  # type: ignore[attr-defined]
    await settle_all(pilot)  # type: ignore[arg-type]


async def test_ingest_a_text_file_and_open_the_draft(make_app: AppFactory, corpus_copy: Path,
                                                     tmp_path: Path) -> None:
    source = tmp_path / "child-q-briefing.txt"
    source.write_text(BRIEFING, encoding="utf-8")
    garbage = tmp_path / "scan.pdf"
    garbage.write_bytes(b"%PDF-1.4\n\x00\x01 not really a pdf")
    before = set(corpus_copy.glob("*.yaml"))
    app = make_app(corpus_copy)
    async with app.run_test(size=(140, 45)) as pilot:
        await settle_all(pilot)
        browse = browse_of(app)
        browse.results.focus()
        await pilot.press("f5")
        dialog = app.screen
        assert isinstance(dialog, IngestScreen)
        # A typo: one line, the dialog stays open for another try.
        await _type_path(pilot, dialog, str(tmp_path / "no-such-file.pdf"))
        assert app.screen is dialog
        assert "There is no file at" in rendered(dialog.query_one("#ingest-error"))
        # A file that is not what it says: the core's reason, in one line.
        await _type_path(pilot, dialog, str(garbage))
        assert app.screen is dialog
        error = rendered(dialog.query_one("#ingest-error"))
        assert error.startswith("Not added:") and "\n" not in error
        # The real thing.
        await _type_path(pilot, dialog, str(source))
        assert isinstance(app.screen, BrowseScreen)
        new = set(corpus_copy.glob("*.yaml")) - before
        assert len(new) == 1
        doc_id = browse.detail.doc_id
        assert doc_id is not None and doc_id in new.pop().read_text(encoding="utf-8")
        view = browse.detail.view
        assert view is not None and "Child Q" in rendered(view.query_one("#doc-title"))
        assert doc_id in {h.doc_id for h in browse.results.hits}  # listed after the update
        assert any(m.startswith("Added a draft record") for m in messages(app))
        # The same file again: already there, said so, nothing replaced.
        await pilot.press("f5")
        dialog = app.screen
        assert isinstance(dialog, IngestScreen)
        await _type_path(pilot, dialog, str(source))
        assert app.screen is dialog
        assert rendered(dialog.query_one("#ingest-error")).startswith("Already added")
