"""Exporting the open document from the browser: the format follows the choice, the restriction is
carried, and an existing file is never replaced without asking. Adding a whole document (A)."""

from __future__ import annotations

from pathlib import Path

from textual.content import Content

from scrbrowse.ui.screens.dialogs import ChoiceScreen
from scrbrowse.ui.screens.export import ExportScreen

from .conftest import AppFactory, rendered
from .sessionkit import browse_of, open_result, settle_all

CHILD_S = "child-s-learning-briefing"


async def test_export_the_open_document_and_never_overwrite(make_app: AppFactory, tmp_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await settle_all(pilot)
        browse = browse_of(app)
        await open_result(pilot, CHILD_S)
        # The whole document into the pack, with its marker on the document.
        await pilot.press("ctrl+d")
        pack = app.session.pack
        assert pack is not None and [(i.kind, i.doc_id) for i in pack.items] == [("document", CHILD_S)]
        view = browse.detail.view
        assert view is not None and view.query_one("#doc-pack").display
        await pilot.press("ctrl+e")
        dialog = app.screen
        assert isinstance(dialog, ExportScreen)
        assert "PROFESSIONALS ONLY" in rendered(dialog.query_one("#export-restricted"))
        dialog.set_format("md")
        await pilot.pause()
        assert dialog.format == "md" and dialog.path_text.endswith(f"{CHILD_S}.md")
        target = tmp_path / "child-s.md"
        dialog.set_path(str(target))
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is browse
        text = target.read_text(encoding="utf-8")
        assert text.startswith("> **PROFESSIONALS ONLY**")  # the banner before anything else
        assert "\n# " in text
        assert target.stat().st_mode & 0o077 == 0  # private, like packs
        # Again to the same file: asked, and "Keep it" keeps it.
        target.write_text("mine", encoding="utf-8")
        await pilot.press("ctrl+e")
        dialog = app.screen
        assert isinstance(dialog, ExportScreen)
        dialog.set_path(str(target))
        await pilot.press("enter")
        await pilot.pause()
        question = app.screen
        assert isinstance(question, ChoiceScreen)
        assert "child-s.md" in rendered(question.query_one(".dialog-text"))
        await pilot.click("#choice-no")
        await pilot.pause()
        assert app.screen is dialog and target.read_text(encoding="utf-8") == "mine"
        assert "Not exported" in rendered(dialog.query_one("#export-error"))
        # Enter on the question keeps it too (the safe answer has focus); "Replace it" replaces.
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dialog and target.read_text(encoding="utf-8") == "mine"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.click("#choice-yes")
        await pilot.pause()
        assert app.screen is browse and target.read_text(encoding="utf-8") == text
        # A folder that does not exist: one line, the dialog stays.
        await pilot.press("ctrl+e")
        dialog = app.screen
        assert isinstance(dialog, ExportScreen)
        dialog.set_path(str(tmp_path / "missing" / "x.md"))
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dialog
        assert "does not exist" in rendered(dialog.query_one("#export-error"))
        await pilot.press("escape")
        assert app.screen is browse


async def test_enter_on_the_format_list_exports_in_that_format(make_app: AppFactory,
                                                              tmp_path: Path) -> None:
    """Enter on a format in the list exports in it (issue 14: Enter there did nothing)."""
    app = make_app()
    written: list[object] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await settle_all(pilot)
        dialog = ExportScreen(Content("a test"), "session", lambda fmt: f"as {fmt}\n",
                              folder=tmp_path)
        app.push_screen(dialog, written.append)
        await pilot.pause()
        dialog.query_one("#export-format").focus()
        await pilot.press("down")  # from Printable HTML to Markdown
        await pilot.press("enter")
        await settle_all(pilot)
        assert app.screen is not dialog
        assert written == [tmp_path / "session.md"]
        assert (tmp_path / "session.md").read_text(encoding="utf-8") == "as md\n"
