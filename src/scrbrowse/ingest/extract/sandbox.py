"""Reading PDF and Word files in a separate process that can be killed.

pypdf and python-docx are pure Python: a crafted file can keep them busy for minutes (a 164 KB PDF
whose 1,000 pages share one dense drawing) or fill memory (a Word file that unpacks to 190 MB), and
a thread cannot be stopped. So the reading happens in a child interpreter (`child.py`), started
fresh with `sys.executable -m` (never forked, so the same on Windows), and the caller waits for its
answer in short steps: when the time limit passes, or `should_stop()` turns true (Cancel, quitting
the app), the child is killed at once.

A child that answered is kept for the next file (starting one costs about a second); one that was
killed or failed is not reused. Every child is killed when scrbrowse exits.
"""

from __future__ import annotations

import atexit
import contextlib
import io
import os
import pickle
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ...logs import log
from ..limits import Cancelled, LimitReached, Limits
from ..sources import Unreadable
from .base import Extraction
from .child import read_frame, write_frame

# Starting the interpreter and importing the readers; on a loaded machine it can take a while, and
# it does not count towards the file's time limit.
START_SECONDS = 120.0
_STEP = 0.05
_MAX_IDLE = 1


class _Child:
    def __init__(self) -> None:
        package_root = str(Path(__file__).resolve().parents[3])  # the folder holding scrbrowse/
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, env.get("PYTHONPATH")) if p)
        flags = getattr(subprocess, "CREATE_NO_WINDOW", 0) if sys.platform == "win32" else 0
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "scrbrowse.ingest.extract.child"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            env=env, close_fds=True, creationflags=flags)
        self.ready = False
        with _lock:
            _children.add(self)

    @property
    def alive(self) -> bool:
        return self.proc.poll() is None

    def kill(self) -> None:
        with contextlib.suppress(OSError):
            self.proc.kill()
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:  # pragma: no cover - a kill that does not take
            log.warning("the reader process %s did not stop", self.proc.pid)
        for stream in (self.proc.stdin, self.proc.stdout):
            try:
                if stream is not None:
                    stream.close()
            except OSError:
                pass
        with _lock:
            _children.discard(self)
            if self in _idle:
                _idle.remove(self)


_lock = threading.Lock()
_children: set[_Child] = set()
_idle: list[_Child] = []


def _acquire() -> _Child:
    with _lock:
        while _idle:
            child = _idle.pop()
            if child.alive:
                return child
    return _Child()


def _release(child: _Child) -> None:
    with _lock:
        if child.alive and len(_idle) < _MAX_IDLE:
            _idle.append(child)
            return
    child.kill()


def shutdown() -> None:
    """Kill every reader process (at exit, and for tests)."""
    with _lock:
        children = list(_children)
    for child in children:
        child.kill()


atexit.register(shutdown)


def running() -> int:
    """How many reader processes are alive (for tests)."""
    with _lock:
        return sum(1 for c in _children if c.alive)


class _Restricted(pickle.Unpickler):
    """Answers may only hold the extraction's own types: the child reads hostile files."""

    _BUILTINS = frozenset({"list", "dict", "tuple", "set", "frozenset", "str", "int", "float",
                           "bool", "bytes"})

    def find_class(self, module: str, name: str) -> Any:
        if module.startswith("scrbrowse.ingest.") or (module == "builtins" and name in self._BUILTINS):
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"unexpected type {module}.{name} from the reader process")


def _talk(child: _Child, job: bytes, replies: queue.Queue[tuple[str, Any]]) -> None:
    try:
        assert child.proc.stdin is not None and child.proc.stdout is not None
        if not child.ready:
            if read_frame(child.proc.stdout) is None:  # type: ignore[arg-type]
                raise EOFError("the reader process ended before it was ready")
            replies.put(("ready", None))
        write_frame(child.proc.stdin, job)  # type: ignore[arg-type]
        frame = read_frame(child.proc.stdout)  # type: ignore[arg-type]
        if frame is None:
            raise EOFError("the reader process ended without an answer")
        replies.put(("reply", _Restricted(io.BytesIO(frame)).load()))
    except Exception as exc:  # the process died or was killed: the waiting side reports it
        replies.put(("died", exc))


def run_isolated(fmt: str, name: str, data: bytes, limits: Limits,
                 should_stop: Callable[[], bool] | None = None) -> Extraction:
    """`read_format(fmt, name, data, limits)` in a reader process, within `limits.max_seconds`."""
    if should_stop is not None and should_stop():
        raise Cancelled()
    try:
        child = _acquire()
    except OSError as exc:
        raise Unreadable(f"could not start the process that reads the file: "
                         f"{exc.strerror or exc}") from None
    job = pickle.dumps((fmt, name, data, limits), protocol=pickle.HIGHEST_PROTOCOL)
    replies: queue.Queue[tuple[str, Any]] = queue.Queue()
    talker = threading.Thread(target=_talk, args=(child, job, replies), daemon=True,
                              name="scrbrowse-reader")
    keep = False
    started = time.monotonic()
    deadline = started + limits.max_seconds if child.ready else None
    try:
        talker.start()
        while True:
            if should_stop is not None and should_stop():
                raise Cancelled()
            now = time.monotonic()
            if deadline is not None and now > deadline:
                raise LimitReached("max_seconds", (
                    f"reading the file took longer than {limits.max_seconds:g} seconds, the limit, "
                    "and was stopped; it may be damaged or built to be slow to read"))
            if deadline is None and now - started > START_SECONDS:
                raise Unreadable("the process that reads PDF and Word files did not start in "
                                 f"{START_SECONDS:g} seconds; try again")
            try:
                kind, payload = replies.get(timeout=_STEP)
            except queue.Empty:
                continue
            if kind == "ready":
                child.ready = True
                deadline = time.monotonic() + limits.max_seconds
                continue
            if kind == "died":
                code = child.proc.poll()
                log.warning("reader process for %s failed (exit code %s): %r", name, code, payload)
                raise Unreadable(_died(code))
            keep = True
            return _result(payload, name)
    finally:
        if keep:
            _release(child)
        else:
            child.kill()
        talker.join(timeout=1)


def _died(code: int | None) -> str:
    if code is not None and code < 0:
        return (f"the process reading the file was stopped by the system (signal {-code}); the file "
                "may need more memory than is available")
    return "the process reading the file stopped unexpectedly; details are in the log"


def _result(reply: Any, name: str) -> Extraction:
    kind = reply[0]
    if kind == "ok" and isinstance(reply[1], Extraction):
        return reply[1]
    if kind == "limit":
        raise LimitReached.worded(str(reply[1]), str(reply[2]))
    if kind == "unreadable":
        raise Unreadable(str(reply[1]))
    if kind == "error":
        log.warning("reading %s failed in the reader process:\n%s", name, reply[2])
        raise Unreadable(f"the file could not be read; it may be damaged ({reply[1]})")
    raise Unreadable("the process reading the file gave an answer that makes no sense")
