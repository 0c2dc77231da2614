"""Logging: details go to a log file in the user cache folder; the screen gets one plain line."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from .paths import cache_dir

_LOG_NAME = "scrbrowse.log"
log = logging.getLogger("scrbrowse")


def setup_logging(debug: bool = False) -> Path | None:
    """Log to <cache>/scrbrowse.log (best effort: a read-only home just means no log file)."""
    log.setLevel(logging.DEBUG)
    log.propagate = False
    for h in list(log.handlers):
        log.removeHandler(h)
    path: Path | None = cache_dir() / _LOG_NAME
    try:
        assert path is not None
        path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.FileHandler(path, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        handler.setLevel(logging.DEBUG)
        log.addHandler(handler)
    except OSError:
        path = None
    if debug:
        stream = logging.StreamHandler(sys.stderr)
        stream.setLevel(logging.DEBUG)
        stream.setFormatter(logging.Formatter("debug: %(name)s: %(message)s"))
        log.addHandler(stream)
    return path


def log_path() -> Path:
    return cache_dir() / _LOG_NAME
