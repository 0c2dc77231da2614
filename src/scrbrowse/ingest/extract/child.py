"""The reader process: `python -m scrbrowse.ingest.extract.child`, started by `sandbox.py`.

It reads jobs (format, name, bytes, limits) from stdin and answers each on stdout, framed as an
8-byte length and a pickle. It never touches the screen or the corpus; killing it at any moment
loses nothing. Started as a fresh interpreter (not forked), so it works the same on Windows.
"""

from __future__ import annotations

import os
import pickle
import sys
import traceback
from typing import Any, BinaryIO

HEADER = 8
# The most memory the reader may take (POSIX only): far more than any real briefing needs, and a
# backstop against files that would otherwise fill the machine (MemoryError is then reported as
# "not enough memory to read the file"). A lower limit already in force (ulimit -v) is kept.
MAX_MEMORY_BYTES = 2 * 1024 ** 3


def read_frame(stream: BinaryIO) -> bytes | None:
    head = _read_exactly(stream, HEADER)
    if head is None:
        return None
    body = _read_exactly(stream, int.from_bytes(head, "big"))
    if body is None:
        raise EOFError("the stream ended inside a message")
    return body


def write_frame(stream: BinaryIO, payload: bytes) -> None:
    stream.write(len(payload).to_bytes(HEADER, "big") + payload)
    stream.flush()


def _read_exactly(stream: BinaryIO, n: int) -> bytes | None:
    chunks: list[bytes] = []
    left = n
    while left:
        chunk = stream.read(left)
        if not chunk:
            if chunks or n == 0:
                raise EOFError("the stream ended inside a message")
            return None
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def answer(job: tuple[str, str, bytes, Any]) -> tuple[Any, ...]:
    from ..limits import LimitReached
    from ..sources import Unreadable
    from . import read_format

    fmt, name, data, limits = job
    try:
        return ("ok", read_format(fmt, name, data, limits))
    except LimitReached as exc:
        return ("limit", exc.limit, exc.reason)
    except Unreadable as exc:
        return ("unreadable", exc.reason)
    except MemoryError:
        return ("unreadable", "there was not enough memory to read the file")
    except Exception as exc:  # reported to the parent, which logs it
        return ("error", exc.__class__.__name__, traceback.format_exc(limit=20))


def _limit_memory() -> None:
    try:
        import resource  # portable: ImportError on Windows, handled below
    except ImportError:  # Windows
        return
    try:
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        cap = MAX_MEMORY_BYTES if hard == resource.RLIM_INFINITY else min(MAX_MEMORY_BYTES, hard)
        if soft == resource.RLIM_INFINITY or soft > cap:
            resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    except (ValueError, OSError):  # not allowed here: the time limit still bounds the work
        pass


def _die_with_parent() -> None:
    """Exit as soon as the process that started us is gone (killed -9, or by the OOM killer), even in
    the middle of a long parse: a reader must never outlive scrbrowse."""
    import threading
    import time

    parent = os.getppid()

    def watch() -> None:
        while True:
            time.sleep(0.5)
            if os.getppid() != parent:
                os._exit(1)

    if sys.platform != "win32":  # on Windows the parent id does not change; the pipe closing ends us
        threading.Thread(target=watch, daemon=True, name="parent-watch").start()


def main() -> int:
    _limit_memory()
    _die_with_parent()
    # Answers go to the real stdout; anything a library prints goes to stderr instead.
    out = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    inp = sys.stdin.buffer
    import docx  # noqa: F401
    import pypdf  # noqa: F401

    from . import read_format  # noqa: F401  (load the readers before saying we are ready)
    from .pdf import extract_pdf  # noqa: F401

    write_frame(out, pickle.dumps(("ready",)))
    while True:
        frame = read_frame(inp)
        if frame is None:
            return 0
        job = pickle.loads(frame)  # from the parent process: trusted
        try:
            reply = pickle.dumps(answer(job), protocol=pickle.HIGHEST_PROTOCOL)
        except MemoryError:
            reply = pickle.dumps(("unreadable", "there was not enough memory to read the file"))
        write_frame(out, reply)


if __name__ == "__main__":
    raise SystemExit(main())
