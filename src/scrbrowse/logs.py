"""Logging: details go to a log file in the user cache folder; the screen gets one plain line.

The log can quote restricted text and file names, so it is private like packs and exports: the
file is created 0600 (an older, looser file is tightened) and folders we create are 0700. On
Windows the modes are best effort (the user's profile folder is already private).
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from pathlib import Path

from .paths import cache_dir
from .textsafe import clean

_LOG_NAME = "scrbrowse.log"
LOG_FILE_MODE = 0o600
LOG_DIR_MODE = 0o700
log = logging.getLogger("scrbrowse")


class _CleanFormatter(logging.Formatter):
    """For the --debug stream on the terminal: messages quote untrusted text, so they pass the
    sanitiser (newlines of tracebacks kept)."""

    def format(self, record: logging.LogRecord) -> str:
        return clean(super().format(record))


def _make_private_dirs(folder: Path) -> None:
    """Create `folder` and any missing parents, each 0700 (only the ones created here)."""
    missing = []
    for p in (folder, *folder.parents):
        if p.exists():
            break
        missing.append(p)
    for p in reversed(missing):
        with contextlib.suppress(FileExistsError):
            p.mkdir(mode=LOG_DIR_MODE)
            with contextlib.suppress(OSError):  # against a umask that takes bits away
                os.chmod(p, LOG_DIR_MODE)


def _open_private(path: Path) -> None:
    """Create the log file owner-only, and tighten one an older version left readable."""
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, LOG_FILE_MODE)
    os.close(fd)
    with contextlib.suppress(OSError):  # a file we do not own keeps its mode
        os.chmod(path, LOG_FILE_MODE)


def setup_logging(debug: bool = False) -> Path | None:
    """Log to <cache>/scrbrowse.log (best effort: a read-only home just means no log file)."""
    log.setLevel(logging.DEBUG)
    log.propagate = False
    for h in list(log.handlers):
        log.removeHandler(h)
        with contextlib.suppress(Exception):
            h.close()
    path: Path | None = cache_dir() / _LOG_NAME
    try:
        assert path is not None
        _make_private_dirs(path.parent)
        _open_private(path)
        handler: logging.Handler = logging.FileHandler(path, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        handler.setLevel(logging.DEBUG)
        log.addHandler(handler)
    except OSError:
        path = None
    if debug:
        stream = logging.StreamHandler(sys.stderr)
        stream.setLevel(logging.DEBUG)
        stream.setFormatter(_CleanFormatter("debug: %(name)s: %(message)s"))
        log.addHandler(stream)
    return path


def log_path() -> Path:
    return cache_dir() / _LOG_NAME
