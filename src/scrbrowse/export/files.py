"""Writing an export to a file: atomic, private, and never over an existing file unless asked."""

from __future__ import annotations

from pathlib import Path

from ..yamlio import atomic_create_text, atomic_write_text

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
    """Never over an existing file, even one that appears while we write."""
    try:
        atomic_create_text(path, content, mode=EXPORT_FILE_MODE)
    except FileExistsError:
        raise ExportExistsError(path) from None
