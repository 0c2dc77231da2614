"""An inter-process lock on a small lock file, for read-modify-write of files two programs may
change at once (the app and the command line on one pack, or ten `pack add` at once).

The operating system holds the lock (`fcntl.flock` on Unix, `msvcrt.locking` on Windows), so it is
released when its holder exits for any reason, `kill -9` and the OOM killer included: there is no
stale lock to guess about (a pid file would need pid-reuse heuristics). The holder writes its pid
into the file only so a waiter's message can say who holds it.

Within one process the lock is re-entrant for the thread that holds it (a `save` inside an
`update` takes it again), and other threads wait for it like other processes do. Lock files are
never deleted: deleting one while another process waits on it would let two holders in.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

DEFAULT_TIMEOUT = 10.0
_POLL = 0.01


class LockTimeout(Exception):
    """The lock was held by someone else for longer than the timeout. `str(exc)` says who."""

    def __init__(self, path: Path, holder: int | None, timeout: float) -> None:
        who = f"process {holder}" if holder else "another program"
        super().__init__(f"{path.name} is held by {who} (waited {timeout:g} s)")
        self.path = path
        self.holder = holder


if sys.platform == "win32":
    import msvcrt

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl  # portable: the POSIX branch; Windows takes msvcrt above

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


class _Lock:
    """One lock file as seen by this process: a thread lock in front of the OS lock."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.thread_lock = threading.RLock()
        self.depth = 0
        self.fd: int | None = None

    def acquire(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        if not self.thread_lock.acquire(timeout=max(timeout, 0.0)):
            raise LockTimeout(self.path, os.getpid(), timeout)
        try:
            if self.depth == 0:
                self.fd = self._acquire_os(deadline, timeout)
            self.depth += 1
        except BaseException:
            self.thread_lock.release()
            raise

    def _acquire_os(self, deadline: float, timeout: float) -> int:
        # Never through a symbolic link: the holder writes its pid into the file it opens.
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0)
        fd = os.open(self.path, flags, 0o600)
        try:
            while not _try_lock(fd):
                if time.monotonic() >= deadline:
                    raise LockTimeout(self.path, _holder(fd), timeout)
                time.sleep(_POLL)
            with contextlib.suppress(OSError):  # only for messages; the lock is what counts
                os.ftruncate(fd, 0)
                os.lseek(fd, 0, os.SEEK_SET)
                os.write(fd, f"{os.getpid()}\n".encode("ascii"))
        except BaseException:
            os.close(fd)
            raise
        return fd

    def release(self) -> None:
        self.depth -= 1
        try:
            if self.depth == 0 and self.fd is not None:
                fd, self.fd = self.fd, None
                try:
                    _unlock(fd)
                finally:
                    os.close(fd)
        finally:
            self.thread_lock.release()


def _holder(fd: int) -> int | None:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        text = os.read(fd, 32).decode("ascii", "replace").strip()
    except OSError:  # Windows: the holder's locked byte cannot be read
        return None
    return int(text) if text.isdigit() else None


_locks: dict[str, _Lock] = {}
_registry = threading.Lock()


def _lock_for(path: Path) -> _Lock:
    key = os.path.normcase(os.path.abspath(path))
    with _registry:
        lock = _locks.get(key)
        if lock is None:
            lock = _locks[key] = _Lock(Path(key))
        return lock


@contextlib.contextmanager
def file_lock(path: Path, timeout: float = DEFAULT_TIMEOUT) -> Iterator[None]:
    """Hold the lock file `path` (created 0600 if missing; its folder must exist) for the block.

    Raises LockTimeout if another holder keeps it longer than `timeout` seconds, OSError if the
    lock file cannot be opened (e.g. a read-only folder)."""
    lock = _lock_for(path)
    lock.acquire(timeout)
    try:
        yield
    finally:
        lock.release()
