"""The one place for calls that differ between Windows and POSIX systems.

Supervisors mostly run Windows; developers and CI run Linux. Anything that exists on only one of them
(`os.fchmod`, directory fsync, file modes) goes through a function here that works on both, so the
code that saves packs, settings, exports and drafts never has to ask which system it is on.
`tests/security/test_portability.py` runs those write paths with the POSIX-only functions removed,
and lists any POSIX-only call made elsewhere without a `# portable:` note saying how it is guarded.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

IS_WINDOWS = sys.platform == "win32"

# File modes are best effort on Windows: it has no owner/group/other bits (only read-only), and a
# user's files there are already private to them by the folder's access control list.
PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700


def set_fd_mode(fd: int, path: str | os.PathLike[str], mode: int) -> None:
    """Give an open file `mode`: by descriptor where the system can (no window between creating and
    restricting), else by name, and silently not at all where modes do not exist."""
    fchmod = getattr(os, "fchmod", None)  # portable: absent on Windows before Python 3.13
    if fchmod is not None:
        try:
            fchmod(fd, mode)
            return
        except (OSError, NotImplementedError):
            pass
    set_mode(path, mode)


def set_mode(path: str | os.PathLike[str], mode: int) -> None:
    """chmod that never fails the caller where modes mean little (Windows, some network shares)."""
    try:
        os.chmod(path, mode)
    except (OSError, NotImplementedError):
        if not IS_WINDOWS:
            raise


def fsync_dir(folder: str | os.PathLike[str]) -> None:
    """Make a rename in `folder` durable where the system allows it; Windows cannot open a folder
    for fsync and makes renames durable itself."""
    if IS_WINDOWS:
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def make_private_dir(folder: Path) -> None:
    """Create `folder` (and parents) and make it owner-only where modes exist."""
    folder.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(OSError):
        set_mode(folder, PRIVATE_DIR)


def replace_file(src: str | os.PathLike[str], dst: str | os.PathLike[str], attempts: int = 10) -> None:
    """os.replace, retried briefly on Windows, where a virus scanner or another reader holding the
    target open makes the rename fail with "access denied" for a moment."""
    import time

    for i in range(attempts):
        try:
            os.replace(src, dst)
            return
        except PermissionError:
            if not IS_WINDOWS or i == attempts - 1:
                raise
            time.sleep(0.05 * (i + 1))


def can_fork() -> bool:
    """Worker processes by fork only on Linux, where the index build is tested with them; elsewhere
    (Windows has no fork, macOS forks unsafely with threads) the caller works in one process."""
    return sys.platform.startswith("linux") and hasattr(os, "fork")  # portable: checked, not called
