"""Turning an unexpected error in a worker into one plain notice; details go to the log."""

from __future__ import annotations

import logging

from textual.dom import DOMNode
from textual.worker import Worker, WorkerState

from ..textsafe import one_line

log = logging.getLogger("scrbrowse")

# What failed, in the user's words, by worker group.
WHAT_FAILED: dict[str, str] = {
    "search": "Search failed",
    "detail": "Could not show the document",
    "index": "Could not open the index",
    "palette": "Could not list the reviews",
    "questions": "Could not list the questions",
    "themes": "Could not count the themes",
    "ingest": "Could not add the review",
}


def describe(error: BaseException | None) -> str:
    if error is None:
        return "unknown error"
    text = one_line(str(error), 160)
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def report_worker_failure(node: DOMNode, worker: Worker[object], state: WorkerState) -> bool:
    """Notify and log if the worker failed; True if it did. The app always keeps running."""
    if state != WorkerState.ERROR:
        return False
    error = worker.error
    log.error("worker %r (group %r) failed", worker.name, worker.group,
              exc_info=(type(error), error, error.__traceback__) if error is not None else None)
    what = WHAT_FAILED.get(worker.group, "Something went wrong")
    node.app.notify(f"{what}: {describe(error)}; details in the log", severity="error",
                    timeout=10, markup=False)
    return True
