"""Turning an unexpected error in a worker into one plain notice; details go to the log.

Running out of memory or of file descriptors (a locked-down workstation, `ulimit -v`, `prlimit
--nofile`) is said in plain words with what to do, and reporting never raises: if even the log or
the notice fails, the app carries on and can still be quit.
"""

from __future__ import annotations

import contextlib
import errno
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


_OUT_OF_FILES = {errno.EMFILE, errno.ENFILE}
_OUT_OF_MEMORY = {errno.ENOMEM}


def describe(error: BaseException | None) -> str:
    if error is None:
        return "unknown error"
    if isinstance(error, MemoryError) or (isinstance(error, OSError)
                                          and error.errno in _OUT_OF_MEMORY):
        return ("not enough memory (MemoryError): close other programs or ask for less at once, "
                "then try again")
    if isinstance(error, OSError) and error.errno in _OUT_OF_FILES:
        return ("too many files open (the system's limit on open files was reached): close other "
                "programs, then try again")
    text = one_line(str(error), 160)
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def report_worker_failure(node: DOMNode, worker: Worker[object], state: WorkerState) -> bool:
    """Notify and log if the worker failed; True if it did. The app always keeps running."""
    if state != WorkerState.ERROR:
        return False
    error = worker.error
    report(node, WHAT_FAILED.get(worker.group, "Something went wrong"), error,
           f"worker {worker.name!r} (group {worker.group!r}) failed")
    return True


def report(node: DOMNode, what: str, error: BaseException | None, context: str) -> None:
    """Log `error` and show "what: description" as a notice. Never raises: a failure while
    reporting (memory or file descriptors still short) falls back to less, and then to nothing."""
    try:
        log.error("%s", context,
                  exc_info=(type(error), error, error.__traceback__) if error is not None else None)
    except Exception:  # the log itself may need the memory or file that ran out
        with contextlib.suppress(Exception):
            log.error("%s: %r (no traceback: logging it failed)", context, error)
    try:
        node.app.notify(f"{what}: {describe(error)}; details in the log", severity="error",
                        timeout=10, markup=False)
    except Exception:
        with contextlib.suppress(Exception):
            node.app.bell()
