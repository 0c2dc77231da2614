"""Writing an export to a file: atomic, private, and never over an existing file unless asked."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from ..yamlio import atomic_write_text

# Exports may hold restricted learning: readable by the user only, like packs.
EXPORT_FILE_MODE = 0o600


class ExportExistsError(FileExistsError):
    """The target exists and force was not given. `str(exc)` says what to do."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path} already exists; choose another file name, or overwrite it "
                         "(command line: --force)")
        self.path = path


def export_to_file(content: str, path: Path | str, force: bool = False) -> Path:
    """Write `content` to `path` atomically (a crash leaves the old file or the new one, never
    half of one). Raises ExportExistsError if the file exists and not force; OSError (with the
    system's reason) if the folder is missing or not writable."""
    path = Path(path).expanduser()
    if path.is_dir():
        raise IsADirectoryError(f"{path} is a folder; give a file name")
    if not path.parent.is_dir():
        raise FileNotFoundError(f"the folder {path.parent} does not exist")
    if force:
        atomic_write_text(path, content, mode=EXPORT_FILE_MODE)
    else:
        _write_new(path, content)
    return path


def _write_new(path: Path, content: str) -> None:
    """Write a complete temporary file, then hard-link it into place: the link fails if the
    target appeared meanwhile, so nothing is ever overwritten, even by a race."""
    if path.exists() or path.is_symlink():
        raise ExportExistsError(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, EXPORT_FILE_MODE)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(content)
            fh.flush()
            os.fsync(fh.fileno())
        try:
            os.link(tmp, path)
        except FileExistsError:
            raise ExportExistsError(path) from None
        except OSError:
            # A filesystem without hard links (some network shares): check, then rename.
            if path.exists() or path.is_symlink():
                raise ExportExistsError(path) from None
            os.replace(tmp, path)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
