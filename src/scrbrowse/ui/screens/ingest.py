"""Adding a review from a file: type a path, a draft record is written to the corpus folder, the index
is updated (incrementally), and the draft opens in the browser for checking.

The slow parts (reading a PDF, updating the index) run in a thread worker; the dialog stays open,
and any failure is one line in it, so the path can be corrected and tried again.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, cast

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, Input, LoadingIndicator, Static
from textual.worker import Worker, get_current_worker

from ...ingest import SUPPORTED_SUFFIXES, IngestResult, Outcome, ingest_file
from ...search.api import IndexStatus
from ...textsafe import one_line
from ..backend import Engine
from ..bindings import bindings
from ..errors import describe, report_worker_failure
from ..text import literal
from .dialogs import Dialog

if TYPE_CHECKING:
    from ..app import ScrbrowseApp


@dataclass(frozen=True, slots=True)
class Added:
    """What the dialog returns when a draft was written and indexed."""

    doc_id: str
    path: Path
    checks: int


class IngestDone(Message):
    def __init__(self, result: IngestResult, status: IndexStatus | None) -> None:
        super().__init__()
        self.result = result
        self.status = status


class IngestScreen(Dialog):
    BINDINGS = bindings("cancel")
    DEFAULT_CSS = """
    IngestScreen #ingest-busy { height: 1; }
    IngestScreen #ingest-busy.-hidden { display: none; }
    IngestScreen #ingest-status { color: $text-muted; height: auto; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.busy = False

    @property
    def scrbrowse(self) -> ScrbrowseApp:
        return cast("ScrbrowseApp", self.app)

    def compose(self) -> ComposeResult:
        kinds = ", ".join(sorted(SUPPORTED_SUFFIXES))
        with Vertical(id="dialog"):
            yield Static(Content("Add a review from a file"), id="dialog-title")
            yield Static(Content(f"The path of a learning document ({kinds}). scrbrowse writes a draft "
                                 "record for it in the corpus folder ")
                         + literal(str(self.scrbrowse.corpus_dir.resolve()), one_line=True)
                         + Content(", updates the index and opens the draft. The draft lists what a "
                                   "person should check before it is relied on."),
                         classes="dialog-text")
            yield Input(placeholder="for example ~/Downloads/child-q-learning-briefing.pdf",
                        id="ingest-path")
            yield LoadingIndicator(id="ingest-busy", classes="-hidden")
            yield Static(Content(""), id="ingest-status")
            yield Static(Content(""), classes="dialog-error -none", id="ingest-error")
            with Horizontal(id="dialog-buttons"):
                yield Button(Content("Add"), id="ingest-ok", variant="primary")
                yield Button(Content("Cancel"), id="ingest-cancel")

    def on_mount(self) -> None:
        field = self.query_one(Input)
        if self.app.is_headless:
            field.cursor_blink = False
        field.focus()

    def show_error(self, text: str) -> None:
        error = self.query_one("#ingest-error", Static)
        error.update(literal(text, one_line=True))
        error.set_class(not text, "-none")

    def _set_busy(self, busy: bool, text: str = "") -> None:
        self.busy = busy
        self.query_one("#ingest-busy").set_class(not busy, "-hidden")
        self.query_one("#ingest-status", Static).update(Content(text))
        field = self.query_one(Input)
        field.disabled = busy
        self.query_one("#ingest-ok", Button).disabled = busy
        if not busy:
            field.focus()  # disabling took the focus away: give it back for the next try

    def start(self) -> None:
        if self.busy:
            return
        raw = self.query_one(Input).value.strip()
        if not raw:
            self.show_error("Type the path of the file to add.")
            return
        path = Path(raw).expanduser()
        if not path.is_file():
            # The core would say so too; saying it here keeps the dialog quick for a typo.
            self.show_error(f"There is no file at {path}." if not path.exists() else
                            f"{path} is a folder; give the path of one file.")
            return
        engine = self.scrbrowse.engine
        if engine is None:
            self.show_error("The search index is still opening; try again in a moment.")
            return
        self.show_error("")
        self._set_busy(True, "Reading the file and making the draft…")
        self._ingest(path, self.scrbrowse.corpus_dir, engine)

    @work(thread=True, exclusive=True, group="ingest", exit_on_error=False)
    def _ingest(self, path: Path, corpus_dir: Path, engine: Engine) -> None:
        result = ingest_file(path, corpus_dir)  # never raises for a bad file
        status = None
        if result.outcome is Outcome.WRITTEN and not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._set_busy, True, "Updating the index…")
            status = engine.refresh()  # incremental: only the new file is indexed
        self.post_message(IngestDone(result, status))

    def on_ingest_done(self, message: IngestDone) -> None:
        result = message.result
        self._set_busy(False)
        if result.outcome is Outcome.EXISTS:
            self.show_error(f"Already added: a draft made from {result.source.name} exists "
                            f"({result.written.name if result.written else 'in the corpus'}). "
                            "Search for it in the browser; the command line's --force makes it again.")
            return
        if not result.ok or result.doc_id is None or result.written is None:
            self.show_error(f"Not added: {result.skipped or result.outcome.value}")
            return
        for note in message.status.messages if message.status is not None else ():
            if "could not" in note:
                self.app.notify(one_line(note, 200), severity="warning", timeout=8, markup=False)
        self.dismiss(Added(result.doc_id, result.written, len(result.checks)))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if report_worker_failure(self, event.worker, event.state):
            self._set_busy(False)
            self.show_error(f"Not added: {describe(event.worker.error)}; details are in the log.")

    @on(Input.Submitted, "#ingest-path")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.start()

    @on(Button.Pressed, "#ingest-ok")
    def _ok(self, event: Button.Pressed) -> None:
        event.stop()
        self.start()

    @on(Button.Pressed, "#ingest-cancel")
    def _cancel(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_cancel()

    def action_cancel(self) -> None:
        # A running ingest finishes in the background (its file is written atomically); the
        # browser picks the draft up the next time the index is refreshed.
        self.dismiss(None)
