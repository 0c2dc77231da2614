"""What every sub-command gets: resolved corpus and index locations, and shared helpers."""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from ..logs import log_path
from ..paths import resolve_corpus, resolve_index
from ..textsafe import clean, clean_data, terminal_text


@dataclass
class CliContext:
    corpus_dir: Path
    index_dir: Path | None  # None: default location with cache fallback
    debug: bool = False

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> CliContext:
        configured = None
        try:
            from ..config import load_config

            configured = load_config().corpus
        except Exception:  # a broken config never stops the command line; the app reports it
            configured = None
        return cls(
            corpus_dir=resolve_corpus(getattr(args, "corpus", None), configured),
            index_dir=resolve_index(getattr(args, "index", None)),
            debug=bool(getattr(args, "debug", False)),
        )

    def log_hint(self) -> str:
        return str(log_path())

    @staticmethod
    def print_json(data: Any) -> None:
        print_json(data)

    @staticmethod
    def err(message: str) -> None:
        print(f"scrbrowse: {clean(message)}", file=sys.stderr)


def print_json(data: Any) -> None:
    """JSON on standard output, the one way every command prints it: every string cleaned (as on
    screen; lone surrogates from odd file names become U+FFFD), then ASCII-only, so nothing a
    terminal could act on is printed even by a value the cleaning does not know."""
    json.dump(clean_data(data), sys.stdout, ensure_ascii=True, indent=2)
    sys.stdout.write("\n")


class _GuardedStream(io.TextIOBase):
    """A text stream that passes every write through `textsafe.terminal_text` first."""

    def __init__(self, inner: TextIO) -> None:
        super().__init__()
        self.inner = inner

    def write(self, text: str) -> int:
        self.inner.write(terminal_text(text))
        return len(text)

    def flush(self) -> None:
        self.inner.flush()

    def isatty(self) -> bool:
        return bool(getattr(self.inner, "isatty", lambda: False)())

    def fileno(self) -> int:
        return self.inner.fileno()

    def writable(self) -> bool:
        return True

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return str(getattr(self.inner, "encoding", None) or "utf-8")


@contextlib.contextmanager
def guarded_output() -> Iterator[None]:
    """While a command runs, everything it writes to stdout and stderr passes the sanitiser, as a
    last guard behind the per-value cleaning: a value someone forgot to clean still cannot act on
    the terminal. (Not for the app, which writes its own escape sequences.)"""
    saved = sys.stdout, sys.stderr
    if not isinstance(sys.stdout, _GuardedStream):
        sys.stdout = _GuardedStream(sys.stdout)
    if not isinstance(sys.stderr, _GuardedStream):
        sys.stderr = _GuardedStream(sys.stderr)
    try:
        yield
    finally:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
        sys.stdout, sys.stderr = saved
