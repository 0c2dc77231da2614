"""Writing an export to a file: atomic, private, and never over an existing file unless asked.

Only a regular file is ever replaced (with force). Anything else already at the name (a symbolic
link, a named pipe, a device, a socket, a folder) is refused with a message that says what it is:
replacing a link replaces the link, not the file it points to, and replacing a device or pipe
(`/dev/full` as root) breaks the system; writing through them is never what an export wants.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..yamlio import atomic_create_text, atomic_write_text

# Exports may hold restricted learning: readable by the user only, like packs.
EXPORT_FILE_MODE = 0o600


class ExportExistsError(FileExistsError):
    """The target is an existing regular file and force was not given. `str(exc)` says what to do."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path} already exists; choose another file name, or replace that "
                         "regular file with this export (command line: --force)")
        self.path = path


class ExportTargetError(FileExistsError):
    """The target exists and is not a regular file: it is never written to or replaced, even with
    force. `str(exc)` names what it is."""

    def __init__(self, path: Path, what: str) -> None:
        super().__init__(f"{path} is {what}, not a regular file; exports are written only to new "
                         "or regular files (--force replaces regular files only), so it was left "
                         "as it is: choose another file name")
        self.path = path
        self.what = what


def _describe(path: Path, st: os.stat_result) -> str | None:
    """What a non-regular file is, in words; None for a regular file."""
    mode = st.st_mode
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISLNK(mode):
        try:
            return f"a symbolic link (to {os.readlink(path)})"
        except OSError:
            return "a symbolic link"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not an ordinary file"


def _check_target(path: Path) -> bool:
    """True if a regular file is at `path`, False if nothing is; raises for anything else."""
    try:
        st = path.lstat()
    except FileNotFoundError:
        return False
    if stat.S_ISDIR(st.st_mode):
        raise IsADirectoryError(f"{path} is a folder; give a file name")
    what = _describe(path, st)
    if what is not None:
        raise ExportTargetError(path, what)
    return True


def export_to_file(content: str, path: Path | str, force: bool = False) -> Path:
    """Write `content` to `path` atomically (a crash leaves the old file or the new one, never
    half of one). Raises ExportExistsError if a regular file is there and not force;
    ExportTargetError if something other than a regular file is there (force or not);
    IsADirectoryError for a folder; OSError (with the system's reason) if the folder is missing or
    not writable."""
    path = Path(path).expanduser()
    exists = _check_target(path)
    if not path.parent.is_dir():
        raise FileNotFoundError(f"the folder {path.parent} does not exist")
    if not exists:
        _write_new(path, content)
    elif not force:
        raise ExportExistsError(path)
    else:
        atomic_write_text(path, content, mode=EXPORT_FILE_MODE)
    return path


def _write_new(path: Path, content: str) -> None:
    """Never over an existing file, even one that appears while we write."""
    try:
        atomic_create_text(path, content, mode=EXPORT_FILE_MODE)
    except FileExistsError:
        _check_target(path)  # what appeared is not a regular file: say what it is
        raise ExportExistsError(path) from None
