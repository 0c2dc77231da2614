"""The review screen's dialogs: an item's text (edit, or split at blank lines) and the record's details.

Both check what was typed with the core (`ingest.review`) before closing, and say what is wrong under
the fields, so nothing half-valid reaches the draft.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Input, Label, Static, TextArea

from ...ingest.review import FIELDS
from ..bindings import bindings
from ..screens.dialogs import Dialog, Text, as_content
from ..text import literal

_BLANK_LINE = re.compile(r"\n\s*\n")


def split_parts(text: str) -> list[str]:
    """The parts of a split: paragraphs separated by blank lines."""
    return [p.strip() for p in _BLANK_LINE.split(text) if p.strip()]


_PLACEHOLDERS = {"published": "YYYY, YYYY-MM or YYYY-MM-DD, or empty", "area": "empty if not stated",
                 "board": "empty if not stated"}


class ItemTextScreen(Dialog):
    """Edit an item's text; returns the new text (or the parts, for a split), or None for Cancel/Esc.

    `check` gets what was typed and returns a message when it cannot be used."""

    BINDINGS = bindings("cancel")
    DEFAULT_CSS = """
    ItemTextScreen #item-area { height: 10; }
    ItemTextScreen #item-hint { color: $text-muted; }
    """

    def __init__(self, title: Text, text: str, hint: str, *,
                 check: Callable[[str], str | None]) -> None:
        super().__init__()
        self._title = as_content(title)
        self._text = text
        self._hint = hint
        self._check = check

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(self._title, id="dialog-title")
            yield TextArea(self._text, id="item-area", soft_wrap=True, show_line_numbers=False)
            yield Static(Content(self._hint), id="item-hint")
            yield Static(Content(""), classes="dialog-error -none", id="item-error")
            with Horizontal(id="dialog-buttons"):
                yield Button(Content("OK"), id="item-ok", variant="primary")
                yield Button(Content("Cancel"), id="item-cancel")

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        if self.app.is_headless:
            area.cursor_blink = False
        area.focus()

    def show_error(self, text: str) -> None:
        error = self.query_one("#item-error", Static)
        error.update(literal(text))
        error.set_class(not text, "-none")

    @on(Button.Pressed, "#item-ok")
    def _ok(self, event: Button.Pressed) -> None:
        event.stop()
        text = self.query_one(TextArea).text
        problem = self._check(text)
        if problem:
            self.show_error(problem)
            return
        self.dismiss(text)

    @on(Button.Pressed, "#item-cancel")
    def _cancel_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class DetailsScreen(Dialog):
    """The record's title, id, date and review details; returns {field: value} or None.

    `check` applies the values (as one change) and returns a message when one cannot be used."""

    BINDINGS = bindings("cancel")
    DEFAULT_CSS = """
    DetailsScreen #details-fields { height: auto; max-height: 24; }
    DetailsScreen .details-row { height: 1; margin-bottom: 1; }
    DetailsScreen .details-label { width: 24; color: $text-muted; }
    DetailsScreen .details-row Input { width: 1fr; }
    """

    def __init__(self, values: dict[str, str], *,
                 check: Callable[[dict[str, str | None]], str | None]) -> None:
        super().__init__()
        self._values = values
        self._check = check

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Content("The record's details"), id="dialog-title")
            with VerticalScroll(id="details-fields"):
                for name, (_where, label) in FIELDS.items():
                    with Horizontal(classes="details-row"):
                        yield Label(Content(label.split(" (")[0]), classes="details-label")
                        yield Input(self._values.get(name, ""), id=f"details-{name}", compact=True,
                                    placeholder=_PLACEHOLDERS.get(name, ""))
            yield Static(Content(""), classes="dialog-error -none", id="details-error")
            with Horizontal(id="dialog-buttons"):
                yield Button(Content("OK"), id="details-ok", variant="primary")
                yield Button(Content("Cancel"), id="details-cancel")

    def on_mount(self) -> None:
        fields = list(self.query(Input))
        for f in fields:
            if self.app.is_headless:
                f.cursor_blink = False
        fields[0].focus()

    def values(self) -> dict[str, str | None]:
        return {name: self.query_one(f"#details-{name}", Input).value for name in FIELDS}

    def _accept(self) -> None:
        values = self.values()
        problem = self._check(values)
        if problem:
            error = self.query_one("#details-error", Static)
            error.update(literal(problem))
            error.remove_class("-none")
            return
        self.dismiss(values)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._accept()

    @on(Button.Pressed, "#details-ok")
    def _ok(self, event: Button.Pressed) -> None:
        event.stop()
        self._accept()

    @on(Button.Pressed, "#details-cancel")
    def _cancel_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)
