"""Adding a review from the app: a file becomes a draft record in the corpus folder, the index picks
it up, and the browser opens it; a bad path or an unreadable file is one line in the dialog."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

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


async def _reader_running(pilot: object) -> None:
    """Wait until the reader process is at work on the file."""
    from scrbrowse.ingest.extract import sandbox

    for _ in range(600):
        if sandbox.running():
            break
        await pilot.pause(0.05)  # type: ignore[attr-defined]
    assert sandbox.running() == 1
    await pilot.pause(0.3)  # type: ignore[attr-defined]


async def _start_reading(pilot: Any, app: Any, path: Path) -> None:
    """From the browser, open the ingest dialog (F5) on `path`, and wait until the reader process
    is at work on it."""
    await settle_all(pilot)
    browse_of(app).results.focus()
    await pilot.press("f5")
    dialog = app.screen
    assert isinstance(dialog, IngestScreen)
    dialog.query_one("#ingest-path").value = str(path)
    await pilot.press("enter")
    await _reader_running(pilot)


async def test_escape_cancels_a_long_ingest_and_no_draft_appears(
        make_app: AppFactory, corpus_copy: Path, tmp_path: Path, dense_pdf: Callable[..., Path]) -> None:
    from scrbrowse.ingest.extract import sandbox

    sandbox.shutdown()
    slow = dense_pdf(tmp_path / "slow.pdf", 250)  # within the page limit: minutes of reading
    before = sorted(p.name for p in corpus_copy.iterdir())
    app = make_app(corpus_copy)
    async with app.run_test(size=(140, 45)) as pilot:
        await _start_reading(pilot, app, slow)
        await pilot.press("escape")
        await settle_all(pilot)
        assert isinstance(app.screen, BrowseScreen)
        assert sandbox.running() == 0  # the reader was killed, not left to finish
        assert "Adding was cancelled; nothing more was written." in messages(app)
        await pilot.pause(0.5)
        assert sorted(p.name for p in corpus_copy.iterdir()) == before
        assert not any("draft" in m.lower() and "written before" in m for m in messages(app))


async def test_quitting_during_a_long_ingest_stops_the_reader(
        make_app: AppFactory, corpus_copy: Path, tmp_path: Path, dense_pdf: Callable[..., Path]) -> None:
    from scrbrowse.ingest.extract import sandbox

    sandbox.shutdown()
    slow = dense_pdf(tmp_path / "slow.pdf", 250)  # within the page limit: minutes of reading
    before = sorted(p.name for p in corpus_copy.iterdir())
    app = make_app(corpus_copy)
    async with app.run_test(size=(140, 45)) as pilot:
        await _start_reading(pilot, app, slow)
        await pilot.press("ctrl+q")
        await pilot.pause(0.3)
    # The worker saw the cancel and killed the reader: the process is free to exit at once rather
    # than wait minutes for the thread (the "blank screen until parsing ends").
    for _ in range(40):
        if sandbox.running() == 0:
            break
        import asyncio

        await asyncio.sleep(0.05)
    assert sandbox.running() == 0
    assert sorted(p.name for p in corpus_copy.iterdir()) == before


async def test_a_folder_shows_progress_and_a_table(make_app: AppFactory, corpus_copy: Path,
                                                   tmp_path: Path) -> None:
    folder = tmp_path / "briefings"
    folder.mkdir()
    (folder / "child-q.txt").write_text(BRIEFING, encoding="utf-8")
    (folder / "again.txt").write_text(BRIEFING, encoding="utf-8")  # the same document twice
    (folder / "empty.md").write_bytes(b"")
    before = set(corpus_copy.glob("*.yaml"))
    app = make_app(corpus_copy)
    async with app.run_test(size=(140, 45)) as pilot:
        await settle_all(pilot)
        browse = browse_of(app)
        browse.results.focus()
        await pilot.press("f5")
        dialog = app.screen
        assert isinstance(dialog, IngestScreen)
        await _type_path(pilot, dialog, str(folder))
        assert app.screen is dialog
        from textual.widgets import ProgressBar

        bar = dialog.query_one(ProgressBar)
        assert (bar.total, bar.progress) == (3, 3)
        table = rendered(dialog.query_one("#ingest-summary")).splitlines()
        assert table[0].split() == ["file", "items", "tags", "problems"]
        rows = {line.split()[0]: line for line in table[1:]}
        assert set(rows) == {"again.txt", "child-q.txt", "empty.md"}
        assert "already in the corpus as" in rows["child-q.txt"]  # again.txt came first
        assert rows["again.txt"].split()[-2:] == ["to", "check"]
        assert rows["empty.md"].endswith("the file is empty")
        new = set(corpus_copy.glob("*.yaml")) - before
        assert len(new) == 1
        await pilot.press("escape")  # Close
        await settle_all(pilot)
        assert isinstance(app.screen, BrowseScreen)
        assert any(m.startswith("Added 1 draft record(s)") for m in messages(app))
        assert browse.detail.doc_id is not None and browse.detail.doc_id in new.pop().read_text(
            encoding="utf-8")
