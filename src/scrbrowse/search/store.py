"""Where the index lives, whether it can be written, and the lock that orders writers.

Each corpus gets its own folder (`index/<corpus>-<hash>/`), so switching between corpora never
rebuilds. The write lock is an OS file lock (released by the OS if the holder dies); the lock file
also records that an update is under way, so an update cut short by a crash is noticed by the
next writer and repaired by a rebuild.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import tempfile
import time
from pathlib import Path

from whoosh.util.filelock import FileLock

from .. import paths

LOCK_FILE = "scrbrowse-write.lock"


def index_slug(corpus_dir: Path) -> str:
    """A folder name for a corpus: readable, and unique to its absolute path."""
    resolved = str(corpus_dir.expanduser().resolve())
    digest = hashlib.sha256(resolved.encode("utf-8", "surrogateescape")).hexdigest()[:10]
    name = re.sub(r"[^A-Za-z0-9_-]+", "-", corpus_dir.resolve().name).strip("-")[:40] or "corpus"
    return f"{name}-{digest}"


def default_location(corpus_dir: Path) -> Path:
    return paths.default_index_dir() / index_slug(corpus_dir)


def cache_location(corpus_dir: Path) -> Path:
    return paths.cache_dir() / "index" / index_slug(corpus_dir)


def is_writable(folder: Path) -> bool:
    """Can we create the folder and a file in it? Tried for real: os.access misleads under root."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".probe-", dir=folder)
        os.close(fd)
        os.unlink(tmp)
    except OSError:
        return False
    return True


class WriteLock:
    """Non-blocking exclusive lock on an index folder for one update."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / LOCK_FILE
        self._lock: FileLock | None = None
        self.interrupted = False  # the previous holder died during an update

    def acquire(self, wait: float = 0.0) -> bool:
        lock = FileLock(str(self.path))
        deadline = time.monotonic() + wait
        while True:
            try:
                got = lock.acquire(blocking=False)
            except OSError:
                return False
            if got or time.monotonic() >= deadline:
                break
            time.sleep(0.2)
        if not got:
            return False
        self._lock = lock
        try:
            self.interrupted = self.path.stat().st_size > 0
        except OSError:
            self.interrupted = False
        return True

    def mark_busy(self) -> None:
        """Say an update is under way; `done()` clears it."""
        with contextlib.suppress(OSError):
            self.path.write_text(f"update started by process {os.getpid()} at {time.time():.0f}\n",
                                 encoding="utf-8")

    def done(self) -> None:
        with contextlib.suppress(OSError), open(self.path, "w", encoding="utf-8"):
            pass
        self.interrupted = False

    def release(self) -> None:
        if self._lock is not None:
            with contextlib.suppress(Exception):
                self._lock.release()
            self._lock = None
