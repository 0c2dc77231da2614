"""The export dialog: choose Markdown, plain text or printable HTML and a file, then write it.

An existing file is never replaced without asking: `export_to_file` refuses (ExportExistsError), the
dialog asks, and only a "Replace" answer writes again with force.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

import platformdirs
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, Input, RadioButton, RadioSet, Static

from ...export import (
    EXTENSIONS,
    FORMAT_LABELS,
    ExportExistsError,
    default_filename,
    export_to_file,
    format_from_path,
)
from ...textsafe import one_line
from ..bindings import bindings
from ..text import literal
from ..theme import restriction_mark
from .dialogs import Dialog, confirm_screen

log = logging.getLogger("scrbrowse")

# Printable HTML first: a supervisor mostly wants something to print or keep with the session notes.
ORDER: tuple[str, ...] = ("html", "md", "txt")
HINTS = {"html": "one self-contained file to print or open in a browser",
         "md": "for notes and wikis", "txt": "wrapped at 78 columns"}


def default_folder() -> Path:
    """The user's documents folder if there is one, else their home folder."""
    try:
        docs = Path(platformdirs.user_documents_dir())
    except Exception:  # platformdirs asks the desktop; a bare workstation may have no answer
        docs = None
    return docs if docs is not None and docs.is_dir() else Path.home()


class FormatChoice(RadioSet):
    """The format list: Enter chooses the highlighted format and exports (space only chooses)."""

    BINDINGS = bindings("export_format")

    class Chosen(Message):
        """Enter on a format: export in it."""

    def action_choose_and_export(self) -> None:
        self.action_toggle_button()  # the highlighted format becomes the chosen one
        self.post_message(self.Chosen())


class ExportScreen(Dialog):
    """Returns the path written, or None if nothing was."""

    BINDINGS = bindings("cancel")
    DEFAULT_CSS = """
    ExportScreen #export-restricted { background: $error-muted; border-left: thick $error;
                                      padding: 0 1; margin-bottom: 1; }
    ExportScreen RadioSet { width: 1fr; margin-bottom: 1; }
    ExportScreen .export-label { color: $text-muted; }
    """

    def __init__(self, what: Content, name: str, build: Callable[[str], str], *,
                 restricted: str | None = None, folder: Path | None = None) -> None:
        super().__init__()
        self._what = what
        self._stem = name
        self._build = build
        self._restricted = restricted
        self._folder = folder if folder is not None else default_folder()
        self.written: Path | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Content("Export ") + self._what, id="dialog-title")
            if self._restricted:
                yield Static(restriction_mark(self._restricted)
                             + Content(" The export carries the restriction at the top and on "
                                       "every printed page. Keep the file where only professionals "
                                       "can read it."), id="export-restricted")
            yield Static(Content("Format"), classes="export-label")
            with FormatChoice(id="export-format"):
                for i, fmt in enumerate(ORDER):
                    yield RadioButton(Content(f"{FORMAT_LABELS[fmt]} — {HINTS[fmt]}"), value=i == 0,
                                      id=f"format-{fmt}")
            yield Static(Content("Save to (a name on its own goes in ") + literal(str(self._folder))
                         + Content(")"), classes="export-label")
            yield Input(str(self._folder / default_filename(self._stem, ORDER[0])), id="export-path",
                        select_on_focus=False)  # the cursor at the end, ready to edit the name
            yield Static(Content(""), classes="dialog-error -none", id="export-error")
            with Horizontal(id="dialog-buttons"):
                yield Button(Content("Export"), id="export-ok", variant="primary")
                yield Button(Content("Cancel"), id="export-cancel")

    def on_mount(self) -> None:
        field = self.query_one("#export-path", Input)
        if self.app.is_headless:
            field.cursor_blink = False
        field.focus()

    # ----- the choices

    @property
    def format(self) -> str:
        pressed = self.query_one(RadioSet).pressed_button
        return (pressed.id or "format-html").removeprefix("format-") if pressed else "html"

    def set_format(self, fmt: str) -> None:
        self.query_one(f"#format-{fmt}", RadioButton).value = True

    @property
    def path_text(self) -> str:
        return self.query_one("#export-path", Input).value

    def set_path(self, text: str) -> None:
        self.query_one("#export-path", Input).value = text

    @on(RadioSet.Changed)
    def _format_changed(self, event: RadioSet.Changed) -> None:
        # Keep the file name's extension in step with the format. Only a name that says another
        # format is changed: one typed by hand (".htm", or no extension) is left as it is.
        field = self.query_one("#export-path", Input)
        named = format_from_path(field.value, default="")
        if named and named != self.format:
            field.value = str(Path(field.value).with_suffix(EXTENSIONS[self.format]))

    @on(Input.Changed, "#export-path")
    def _path_changed(self, event: Input.Changed) -> None:
        # And the other way: a typed ".md", ".txt" or ".html" chooses that format, so the file's
        # name never says one format while it holds another.
        fmt = format_from_path(event.value, default="")
        if fmt and fmt != self.format:
            self.set_format(fmt)

    def show_error(self, text: str) -> None:
        error = self.query_one("#export-error", Static)
        error.update(literal(text, one_line=True))
        error.set_class(not text, "-none")

    # ----- writing

    def target(self) -> Path | None:
        raw = self.path_text.strip()
        if not raw:
            return None
        path = Path(raw).expanduser()
        return path if path.is_absolute() else self._folder / path

    def export(self, *, force: bool = False) -> None:
        path = self.target()
        if path is None:
            self.show_error("Type a file name to save the export to.")
            return
        try:
            content = self._build(self.format)
        except Exception as exc:  # the exporters should not fail; if one does, say so and stay
            log.exception("building an export failed")
            self.show_error(f"Could not build the export ({type(exc).__name__}); details are in the log.")
            return
        try:
            written = export_to_file(content, path, force=force)
        except ExportExistsError:
            self._ask_to_replace(path)
            return
        except OSError as exc:
            self.show_error(f"Could not write the file: {one_line(str(exc.strerror or exc), 200)}")
            return
        self.written = written
        self.app.notify(f"Exported to {written}", timeout=8, markup=False)
        self.dismiss(written)

    def _ask_to_replace(self, path: Path) -> None:
        def answered(choice: object) -> None:
            if choice == "yes":
                self.export(force=True)
            else:
                self.show_error("Not exported: choose another file name, or export again and "
                                "replace the file.")

        body = (Content("A file called ") + literal(path.name, one_line=True)
                + Content(" already exists in ") + literal(str(path.parent), one_line=True)
                + Content(".\n\nReplace it with this export? What is in it now will be lost."))
        self.app.push_screen(confirm_screen("Replace the existing file?", body, "Replace it",
                                            "Keep it"), answered)

    @on(FormatChoice.Chosen)
    def _chosen(self, event: FormatChoice.Chosen) -> None:
        event.stop()
        # After the choice itself has gone through (RadioSet.Changed, which renames the file).
        self.call_after_refresh(self.export)

    @on(Input.Submitted, "#export-path")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.export()

    @on(Button.Pressed, "#export-ok")
    def _ok(self, event: Button.Pressed) -> None:
        event.stop()
        self.export()

    @on(Button.Pressed, "#export-cancel")
    def _cancel(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)
