"""Where the index lives, whether it can be written, and the lock that orders writers.

Each corpus gets its own folder (`index/<corpus>-<hash>/`), so switching between corpora never
rebuilds. The write lock is an OS file lock (released by the OS if the holder dies); the lock file
also records who holds it (process id and host) and that an update is under way, so an update cut
short by a crash is noticed by the next writer and repaired by a rebuild.

An OS lock outlives its holder when a process the holder started keeps the file open (the build's
worker processes, before they were made to die with their parent). So a lock that is held, but
whose recorded holder is a process of this host that no longer exists, is stale: it is broken by
replacing the lock file (the orphan keeps its lock on the old, unlinked file).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import sys
import tempfile
import time
from pathlib import Path

from whoosh.util.filelock import FileLock

from ... import paths

LOCK_FILE = "scrbrowse-write.lock"
# Whoosh's own writer lock (`<indexname>_WRITELOCK`), held by the same processes as ours.
WHOOSH_LOCK_FILE = "MAIN_WRITELOCK"
_HOLDER = "holder"
_BUSY = "update started"
STALE_RECHECK = 0.3  # seconds between two reads that must agree before a lock is broken


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


PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600
# Names of what an index folder holds: Whoosh's files (`MAIN_...`, `_MAIN_...`), ours
# (`scrbrowse-...`) and temporary files. (Version 10's `fast/` folder goes at the rebuild.)
_OURS = ("MAIN_", "_MAIN_", "scrbrowse", ".")


def make_private(folder: Path, *, walk: bool = True) -> None:
    """Owner-only access to an index folder (and, with `walk`, to its files): the index
    holds the full text of restricted documents. Best effort: files we do not own are left as
    they are, and on Windows, where modes only mark files read-only, nothing is done (the
    user's profile folders are private there by default)."""
    if sys.platform == "win32":
        return
    _chmod(folder, PRIVATE_DIR)
    if not walk:
        return
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        # Only what the index is made of: a folder given with --index may hold other files.
        with contextlib.suppress(OSError):
            if entry.name.startswith(_OURS) and entry.is_file(follow_symlinks=False):
                _chmod(Path(entry.path), PRIVATE_FILE)


def _chmod(path: Path, mode: int) -> None:
    getuid = getattr(os, "getuid", None)  # POSIX only
    with contextlib.suppress(OSError):
        st = path.stat()
        if st.st_mode & 0o777 != mode and (getuid is None or st.st_uid == getuid()):
            path.chmod(mode)


def is_writable(folder: Path) -> bool:
    """Can we create the folder and a file in it? Tried for real: os.access misleads under root."""
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)
        make_private(folder, walk=False)
        fd, tmp = tempfile.mkstemp(prefix=".probe-", dir=folder)
        os.close(fd)
        os.unlink(tmp)
    except OSError:
        return False
    return True


def pid_alive(pid: int) -> bool:
    """Is this process (of this host) still running? True when that cannot be told."""
    if pid <= 0:
        return True
    if sys.platform == "win32":
        # os.kill would terminate it there; Windows locks die with their process anyway.
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    try:  # a zombie (killed, not yet reaped) is gone for our purposes
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as fh:
            return fh.read().rpartition(")")[2].split()[:1] != ["Z"]
    except OSError:
        return True


def _host() -> str:
    # platform, not socket: the core imports nothing that could reach a network (a test checks).
    import platform  # here: needed only when an update starts or a lock looks stale

    return platform.node().replace(" ", "_")


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def _holder_of(text: str) -> tuple[int, str] | None:
    """(pid, host) from a lock file's holder line."""
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 2 and parts[0] == _HOLDER and parts[1].isdigit():
            return int(parts[1]), " ".join(parts[2:])
    return None


class WriteLock:
    """Non-blocking exclusive lock on an index folder for one update."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / LOCK_FILE
        self._lock: FileLock | None = None
        self.interrupted = False  # the previous holder died during an update
        self.broke_stale = False  # the lock was held by a holder that no longer exists

    def acquire(self, wait: float = 0.0) -> bool:
        deadline = time.monotonic() + wait
        while True:
            lock = FileLock(str(self.path))
            try:
                if lock.acquire(blocking=False):
                    break
            except OSError:
                return False
            if not self._break_if_stale():
                if time.monotonic() >= deadline:
                    return False
                time.sleep(0.2)
        self._lock = lock
        self.interrupted = _BUSY in _read(self.path)
        return True

    def _break_if_stale(self) -> bool:
        """Replace the lock file when its recorded holder is a process of this host that is
        gone. The holder is recorded while an update is under way (`mark_busy`), which is when
        worker processes exist to inherit the lock. Read twice, a moment apart, so a holder that
        has just taken the lock (and not yet written its name over the last one's) is never
        mistaken for the dead one."""
        first = _holder_of(_read(self.path))
        if first is None or first[1] != _host() or pid_alive(first[0]):
            return False
        time.sleep(STALE_RECHECK)
        text = _read(self.path)
        if _holder_of(text) != first or pid_alive(first[0]):
            return False
        try:
            self.path.unlink(missing_ok=True)
        except OSError:
            return False
        # Whoosh's writer lock was taken by the same dead update (and inherited by the same
        # orphans); no scrbrowse can hold it now without holding ours.
        with contextlib.suppress(OSError):
            (self.path.parent / WHOOSH_LOCK_FILE).unlink()
        self.broke_stale = True
        if _BUSY in text:
            # Carry the "update under way" mark to the new file, so the update is repaired.
            busy = next((line for line in text.splitlines() if line.startswith(_BUSY)),
                        f"{_BUSY} by an earlier process")
            with contextlib.suppress(OSError):
                self.path.write_text(busy + "\n", encoding="utf-8")
        return True

    def mark_busy(self) -> None:
        """Say an update is under way, and who runs it; `done()` clears it. Left in place if
        the update fails or is killed, so the next writer repairs it."""
        with contextlib.suppress(OSError):
            self.path.write_text(f"{_HOLDER} {os.getpid()} {_host()}\n"
                                 f"{_BUSY} by process {os.getpid()} at {time.time():.0f}\n",
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

