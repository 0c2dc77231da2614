"""Corpus and settings warnings: every record that could not be loaded, and why."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from ...problems import Problem, Severity
from ..bindings import bindings
from ..text import literal


class WarningsScreen(ModalScreen[None]):
    BINDINGS = bindings("close")
    DEFAULT_CSS = """
    WarningsScreen { align: center middle; }
    WarningsScreen > Vertical { width: 90%; max-width: 120; height: 80%; border: thick $warning;
                                background: $surface; padding: 0 1; }
    WarningsScreen #warnings-title { text-style: bold; padding-bottom: 1; }
    WarningsScreen .problem { padding-bottom: 1; }
    WarningsScreen .problem.-error { border-left: thick $error; padding-left: 1; }
    WarningsScreen .problem.-warning { border-left: thick $warning; padding-left: 1; }
    """

    def __init__(self, problems: Sequence[Problem], messages: Sequence[str] = ()) -> None:
        super().__init__()
        self.problems = list(problems)
        self.messages = list(messages)

    def compose(self) -> ComposeResult:
        skipped = sum(1 for p in self.problems if p.skipped)
        if self.problems:
            title = f"{len(self.problems)} problem{'s' if len(self.problems) != 1 else ''}"
            if skipped:
                title += f"; {skipped} document{'s' if skipped != 1 else ''} not loaded"
        else:
            title = "No problems: every document loaded"
        with Vertical():
            yield Static(Content(f"Warnings — {title}. Esc closes."), id="warnings-title")
            with VerticalScroll():
                for message in self.messages:
                    yield Static(literal(message, one_line=True), classes="problem")
                for problem in self.problems:
                    kind = "-error" if problem.severity == Severity.ERROR else "-warning"
                    yield Static(literal(problem.format()), classes=f"problem {kind}")
