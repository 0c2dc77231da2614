"""Adding reviews from files: type the path of a file (or of a folder of files), a draft record is
written to the corpus folder for each, the index is updated (incrementally), and a single draft opens
in the browser for checking.

The slow parts (reading a PDF, updating the index) run in a thread worker; the dialog stays open,
and any failure is one line in it, so the path can be corrected and tried again. PDF and Word files
are read in a reader process (see `scrbrowse.ingest.extract.sandbox`): Cancel (or Esc), and quitting
the app, cancel the worker, which kills that process at once, and nothing is written after a cancel.
A folder shows a progress bar while it is read, then a table of every file (items, tags, problems).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, cast

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, Input, LoadingIndicator, ProgressBar, Static
from textual.worker import Worker, get_current_worker

from ...ingest import SUPPORTED_SUFFIXES, IngestResult, Outcome, expand, ingest_file, ingest_paths
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


class BulkDone(Message):
    def __init__(self, results: list[IngestResult], status: IndexStatus | None) -> None:
        super().__init__()
        self.results = results
        self.status = status


class IngestStep(Message):
    """Posted from the worker's thread (post_message is thread-safe; it never waits for the app,
    so a worker can always finish while the app is closing)."""

    def __init__(self, text: str, done: int | None = None, total: int | None = None) -> None:
        super().__init__()
        self.text = text
        self.done = done
        self.total = total


def summary_table(results: list[IngestResult]) -> Content:
    """file | items | tags | problems, one line per file, literal text."""
    rows = [("file", "items", "tags", "problems")]
    for r in results:
        if r.ok:
            rows.append((r.source.name, str(r.items), str(r.counts.get("tags", 0)),
                         f"{len(r.checks)} to check"))
        else:
            rows.append((r.source.name, "-", "-", r.skipped or r.outcome.value))
    rows = [(one_line(a, 40), b, c, one_line(d, 300)) for a, b, c, d in rows]
    width = max(len(r[0]) for r in rows)
    lines = [f"{a:<{width}}  {b:>5}  {c:>4}  {d}" for a, b, c, d in rows]
    return literal("\n".join(lines))


class IngestScreen(Dialog):
    BINDINGS = bindings("cancel")
    DEFAULT_CSS = """
    IngestScreen #ingest-busy { height: 1; }
    IngestScreen #ingest-busy.-hidden { display: none; }
    IngestScreen #ingest-progress.-hidden { display: none; }
    IngestScreen #ingest-status { color: $text-muted; height: auto; }
    IngestScreen #ingest-summary-box { height: auto; max-height: 14; }
    IngestScreen #ingest-summary-box.-hidden { display: none; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.busy = False
        self.results: list[IngestResult] = []  # a folder's results, once read

    @property
    def scrbrowse(self) -> ScrbrowseApp:
        return cast("ScrbrowseApp", self.app)

    def compose(self) -> ComposeResult:
        kinds = ", ".join(sorted(SUPPORTED_SUFFIXES))
        with Vertical(id="dialog"):
            yield Static(Content("Add reviews from files"), id="dialog-title")
            yield Static(Content(f"The path of a learning document ({kinds}), or of a folder of them. "
                                 "scrbrowse writes a draft record for each in the corpus folder ")
                         + literal(str(self.scrbrowse.corpus_dir.resolve()), one_line=True)
                         + Content(", updates the index and opens the draft. The draft lists what a "
                                   "person should check before it is relied on."),
                         classes="dialog-text")
            yield Input(placeholder="for example ~/Downloads/child-q-learning-briefing.pdf",
                        id="ingest-path")
            yield LoadingIndicator(id="ingest-busy", classes="-hidden")
            yield ProgressBar(id="ingest-progress", classes="-hidden", show_eta=False)
            yield Static(Content(""), id="ingest-status")
            yield Static(Content(""), classes="dialog-error -none", id="ingest-error")
            with VerticalScroll(id="ingest-summary-box", classes="-hidden"):
                yield Static(Content(""), id="ingest-summary")
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

    def _set_busy(self, busy: bool, text: str = "", *, bulk: bool = False) -> None:
        self.busy = busy
        self.query_one("#ingest-busy").set_class(not busy or bulk, "-hidden")
        self.query_one("#ingest-progress").set_class(not (busy and bulk), "-hidden")
        self.query_one("#ingest-status", Static).update(literal(text, one_line=True))
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
            self.show_error("Type the path of the file (or folder) to add.")
            return
        path = Path(raw).expanduser()
        if not path.exists() and not path.is_symlink():
            # The core would say so too; saying it here keeps the dialog quick for a typo.
            self.show_error(f"There is no file at {path}.")
            return
        engine = self.scrbrowse.engine
        if engine is None:
            self.show_error("The search index is still opening; try again in a moment.")
            return
        self.show_error("")
        self._show_summary(None)
        if path.is_dir() and not path.is_symlink():
            self.query_one(ProgressBar).update(total=max(1, len(expand([path]))), progress=0)
            self._set_busy(True, "Reading the folder…", bulk=True)
            self._ingest_folder(path, self.scrbrowse.corpus_dir, engine)
        else:
            self._set_busy(True, "Reading the file and making the draft…")
            self._ingest(path, self.scrbrowse.corpus_dir, engine)

    @work(thread=True, exclusive=True, group="ingest", exit_on_error=False)
    def _ingest(self, path: Path, corpus_dir: Path, engine: Engine) -> None:
        worker = get_current_worker()
        # Cancel, Esc and quitting cancel this worker: the reader process is killed at once and
        # nothing is written.
        result = ingest_file(path, corpus_dir, should_stop=lambda: worker.is_cancelled)
        if worker.is_cancelled:
            _late(self, [result])
            return
        status = None
        if result.outcome is Outcome.WRITTEN:
            self.post_message(IngestStep("Updating the index…"))
            status = engine.refresh()  # incremental: only the new file is indexed
        self.post_message(IngestDone(result, status))

    @work(thread=True, exclusive=True, group="ingest", exit_on_error=False)
    def _ingest_folder(self, folder: Path, corpus_dir: Path, engine: Engine) -> None:
        worker = get_current_worker()

        def started(i: int, total: int, path: Path) -> None:
            self.post_message(IngestStep(f"{i + 1} of {total}: {path.name}", i, total))

        results = ingest_paths([folder], corpus_dir, should_stop=lambda: worker.is_cancelled,
                               on_start=started)
        if worker.is_cancelled:
            _late(self, results)
            return
        status = None
        if any(r.outcome is Outcome.WRITTEN for r in results):
            self.post_message(IngestStep("Updating the index…", len(results), len(results)))
            status = engine.refresh()
        self.post_message(BulkDone(results, status))

    def on_ingest_step(self, message: IngestStep) -> None:
        self.query_one("#ingest-status", Static).update(literal(message.text, one_line=True))
        if message.done is not None:
            self.query_one(ProgressBar).update(total=message.total, progress=message.done)

    def _index_notes(self, status: IndexStatus | None) -> None:
        for note in status.messages if status is not None else ():
            if "could not" in note:
                self.app.notify(one_line(note, 200), severity="warning", timeout=8, markup=False)

    def on_ingest_done(self, message: IngestDone) -> None:
        result = message.result
        self._set_busy(False)
        if result.outcome is Outcome.EXISTS:
            why = (result.skipped or "a draft made from this file exists").removeprefix(
                "already in the corpus as ")
            self.show_error(f"Already added: {why}")
            return
        if not result.ok or result.doc_id is None or result.written is None:
            self.show_error(f"Not added: {result.skipped or result.outcome.value}")
            return
        self._index_notes(message.status)
        self.dismiss(Added(result.doc_id, result.written, len(result.checks)))

    def on_bulk_done(self, message: BulkDone) -> None:
        self._set_busy(False)
        self.results = message.results
        self._index_notes(message.status)
        written = [r for r in self.results if r.outcome is Outcome.WRITTEN]
        skipped = len(self.results) - len(written)
        self.query_one("#ingest-status", Static).update(literal(
            f"{len(written)} draft(s) written, {skipped} skipped. Close to see them in the browser."))
        self._show_summary(self.results)
        self.query_one("#ingest-cancel", Button).label = Content("Close")

    def _show_summary(self, results: list[IngestResult] | None) -> None:
        self.query_one("#ingest-summary-box").set_class(not results, "-hidden")
        self.query_one("#ingest-summary", Static).update(summary_table(results or []) if results
                                                         else Content(""))

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
        if self.busy:
            # Stops the reading now (the reader process is killed); nothing more is written.
            self.workers.cancel_group(self, "ingest")
            self.app.notify("Adding was cancelled; nothing more was written.", timeout=6,
                            markup=False)
            self.dismiss(None)
            return
        written = [r for r in self.results if r.outcome is Outcome.WRITTEN and r.doc_id]
        self.dismiss(None)
        if written:
            first = written[0].doc_id
            assert first is not None
            self.app.notify(f"Added {len(written)} draft record(s); each lists what to check in its "
                            "draft block.", timeout=10, markup=False)
            self.scrbrowse.back_to_browser(lambda browse: browse.show_new_document(first))


def _late(screen: IngestScreen, results: list[IngestResult]) -> None:
    """After a cancel: say so if a draft was written before the cancel took effect (a race of a
    few milliseconds around the write), so nothing appears in the corpus unannounced."""
    written = [r for r in results if r.outcome is Outcome.WRITTEN and r.written is not None]
    if written:
        names = ", ".join(one_line(r.written.name if r.written else "?", 60) for r in written[:3])
        screen.app.notify(f"{len(written)} draft(s) were written before the cancel: {names}.",
                          timeout=10, markup=False)
