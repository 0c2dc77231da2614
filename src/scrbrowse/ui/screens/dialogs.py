"""Small modal dialogs: a choice between buttons (confirmations), a one-line prompt, a notes editor.

Every text shown is `Content` (never markup): titles and bodies may hold pack titles, file names and
corpus text. Escape always closes a dialog without doing anything, the notes editor too: there Ctrl+S
keeps the notes, and Escape after a change first asks whether to throw the change away (a stray
Escape never loses a supervisor's words without a question).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static, TextArea

from ..bindings import bindings

Text = Content | str


def as_content(text: Text) -> Content:
    # A plain str here is our own wording; Content(str) is still never parsed as markup.
    return text if isinstance(text, Content) else Content(text)


class Dialog(ModalScreen[object]):
    """The frame every dialog shares: a bordered box with a title, centred."""

    DEFAULT_CSS = """
    Dialog { align: center middle; }
    Dialog > #dialog { width: 90%; max-width: 84; height: auto; max-height: 90%;
                       border: thick $primary; background: $surface; padding: 0 1; }
    Dialog #dialog-title { text-style: bold; padding-bottom: 1; }
    Dialog #dialog-body { height: auto; max-height: 16; }
    Dialog .dialog-text { padding-bottom: 1; }
    Dialog .dialog-error { color: $text-error; height: auto; }
    Dialog .dialog-error.-none { display: none; }
    Dialog #dialog-buttons { height: auto; padding-top: 1; }
    Dialog #dialog-buttons Button { margin-right: 2; }
    """


class ChoiceScreen(Dialog):
    """A question with a few answers as buttons; returns the chosen id, or None for Escape."""

    BINDINGS = bindings("cancel")

    def __init__(self, title: Text, body: Text, choices: Sequence[tuple[str, str]], *,
                 focus: int = 0) -> None:
        super().__init__()
        self._title = as_content(title)
        self._body = as_content(body)
        self._choices = list(choices)
        self._focus = focus

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(self._title, id="dialog-title")
            with VerticalScroll(id="dialog-body"):
                yield Static(self._body, classes="dialog-text")
            with Horizontal(id="dialog-buttons"):
                for i, (choice, label) in enumerate(self._choices):
                    yield Button(Content(label), id=f"choice-{choice}",
                                 variant="primary" if i == 0 else "default")

    def on_mount(self) -> None:
        buttons = list(self.query(Button))
        buttons[min(self._focus, len(buttons) - 1)].focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss((event.button.id or "").removeprefix("choice-"))

    def action_cancel(self) -> None:
        self.dismiss(None)


def confirm_screen(title: Text, body: Text, yes: str, no: str = "Cancel") -> ChoiceScreen:
    """A yes/no question about something that cannot be taken back; the callback gets "yes" or
    something else. The safe answer has focus, so a stray Enter changes nothing."""
    return ChoiceScreen(title, body, [("yes", yes), ("no", no)], focus=1)


class PromptScreen(Dialog):
    """One line of text (a pack title, a file path); returns it, or None for Escape.

    `check` may refuse what was typed by returning a message, shown under the box.
    """

    BINDINGS = bindings("cancel")

    def __init__(self, title: Text, prompt: Text, value: str = "", *, placeholder: str = "",
                 check: Callable[[str], str | None] | None = None, ok: str = "OK") -> None:
        super().__init__()
        self._title = as_content(title)
        self._prompt = as_content(prompt)
        self._value = value
        self._placeholder = placeholder
        self._check = check
        self._ok = ok

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(self._title, id="dialog-title")
            yield Static(self._prompt, classes="dialog-text")
            yield Input(self._value, placeholder=self._placeholder, id="prompt-input")
            yield Static(Content(""), classes="dialog-error -none", id="prompt-error")
            with Horizontal(id="dialog-buttons"):
                yield Button(Content(self._ok), id="prompt-ok", variant="primary")
                yield Button(Content("Cancel"), id="prompt-cancel")

    def on_mount(self) -> None:
        field = self.query_one(Input)
        if self.app.is_headless:
            field.cursor_blink = False  # steady screenshots
        field.focus()

    def show_error(self, text: str) -> None:
        error = self.query_one("#prompt-error", Static)
        error.update(Content(text))
        error.set_class(not text, "-none")

    def _accept(self) -> None:
        value = self.query_one(Input).value.strip()
        problem = self._check(value) if self._check is not None else None
        if problem:
            self.show_error(problem)
            return
        self.dismiss(value)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._accept()

    @on(Button.Pressed, "#prompt-ok")
    def _ok_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self._accept()

    @on(Button.Pressed, "#prompt-cancel")
    def _cancel_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class NotesScreen(Dialog):
    """Notes on one pack item. Returns the notes (Ctrl+S or Keep), or None (Escape or Cancel)."""

    BINDINGS = bindings("keep_notes", "cancel")
    DEFAULT_CSS = """
    NotesScreen #notes-about { color: $text-muted; padding-bottom: 1; max-height: 6; }
    NotesScreen #notes-area { height: 8; }
    NotesScreen #notes-hint { color: $text-muted; }
    """

    def __init__(self, title: Text, about: Text, notes: str) -> None:
        super().__init__()
        self._title = as_content(title)
        self._about = as_content(about)
        self._notes = notes

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(self._title, id="dialog-title")
            yield Static(self._about, id="notes-about")
            yield TextArea(self._notes, id="notes-area", soft_wrap=True, show_line_numbers=False)
            yield Static(Content("Ctrl+S keeps the notes; Esc or Cancel closes without keeping "
                                 "the changes."), id="notes-hint")
            with Horizontal(id="dialog-buttons"):
                yield Button(Content("Keep"), id="notes-keep", variant="primary")
                yield Button(Content("Cancel"), id="notes-cancel")

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        if self.app.is_headless:
            area.cursor_blink = False
        area.focus()
        area.move_cursor(area.document.end)

    @property
    def text(self) -> str:
        return self.query_one(TextArea).text

    def action_keep(self) -> None:
        self.dismiss(self.text)

    @on(Button.Pressed, "#notes-keep")
    def _keep_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(self.text)

    @on(Button.Pressed, "#notes-cancel")
    def _cancel_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)

    @property
    def changed(self) -> bool:
        return self.text != self._notes

    def action_cancel(self) -> None:
        if not self.changed:
            self.dismiss(None)
            return

        def answered(choice: object) -> None:
            if choice == "discard":
                self.dismiss(None)

        # "Keep editing" has the focus: Enter or Escape here loses nothing.
        self.app.push_screen(ChoiceScreen(
            "Throw away the changes?", "The notes were changed. Ctrl+S keeps them; closing now "
            "leaves the notes as they were.", [("discard", "Throw away the changes"),
                                              ("edit", "Keep editing")], focus=1), answered)
