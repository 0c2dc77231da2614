"""`scrbrowse index`: bring the search index up to date (or rebuild it), showing progress."""

from __future__ import annotations

import argparse
import sys
import time
from typing import Any, TextIO

from ..textsafe import one_line
from .context import CliContext


def register(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "index", help="build or update the search index",
        description="Bring the search index up to date with the corpus folder: only changed, "
                    "added or removed files are re-read. The index is also kept up to date "
                    "automatically; this command shows the progress of long work.")
    from . import add_global_options

    add_global_options(p, suppress=True)
    p.add_argument("--rebuild", action="store_true", help="rebuild the index from scratch")
    p.set_defaults(func=run)


class ProgressPrinter:
    """Progress on stderr: one line updated in place on a terminal, occasional plain lines
    otherwise (logs and pipes should not fill with carriage returns)."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self._last = 0.0
        self._last_pct = -1
        self._shown = False

    def __call__(self, done: int, total: int, message: str) -> None:
        if total <= 0:
            self._line(one_line(message, 100))
            return
        now = time.monotonic()
        pct = int(done * 100 / total)
        if self.tty:
            if done not in (0, total) and now - self._last < 0.1:
                return
            self._last = now
            width = 30
            filled = int(width * done / total)
            bar = "#" * filled + "-" * (width - filled)
            self.stream.write(f"\r[{bar}] {done}/{total} files ({pct}%)  ")
            self.stream.flush()
            self._shown = True
            if done == total:
                self.stream.write("\n")
                self._shown = False
        elif done == 0:
            self._line(one_line(message, 100))
        elif pct // 10 != self._last_pct // 10 or done == total:
            self._last_pct = pct
            self._line(f"{done}/{total} files ({pct}%)")

    def _line(self, text: str) -> None:
        if self._shown:
            self.stream.write("\n")
            self._shown = False
        self.stream.write(text + "\n")
        self.stream.flush()

    def finish(self) -> None:
        if self._shown:
            self.stream.write("\n")
            self._shown = False


def open_engine(ctx: CliContext, *, rebuild: bool = False, quiet_when_fresh: bool = True,
                full_check: bool = False) -> Any:
    """Open the engine with progress on stderr and its status lines printed there."""
    from ..search.engine import SearchEngine

    progress = ProgressPrinter()
    engine = SearchEngine.open(ctx.corpus_dir, ctx.index_dir, rebuild=rebuild, progress=progress,
                               full_check=full_check)
    progress.finish()
    if engine.status.messages or not quiet_when_fresh:
        for line in engine.status.messages:
            print(one_line(line), file=sys.stderr)
    return engine


def run(ctx: CliContext, args: argparse.Namespace) -> int:
    started = time.perf_counter()
    # The one command people run to put the index right: every byte is checked, so damage
    # that searching would only half notice is found and repaired here.
    engine = open_engine(ctx, rebuild=args.rebuild, full_check=True)
    try:
        status = engine.status
        errors = sum(1 for p in engine.problems if str(p.severity) == "error")
        warnings = len(engine.problems) - errors
        if engine.repaired:
            what = f"repaired ({len(engine.repaired)} damaged file(s); rebuilt from the corpus)"
        elif status.rebuilt:
            what = "built from scratch"
        elif status.updated or status.removed:
            what = (f"updated: {len(status.updated)} file(s) re-read, "
                    f"{len(status.removed)} removed")
        else:
            what = "already up to date"
        print(f"Index {what}: {status.documents} documents in {one_line(status.location)} "
              f"({time.perf_counter() - started:.1f} s).")
        if errors or warnings:
            print(f"The corpus has {errors} error(s) and {warnings} warning(s); "
                  "run 'scrbrowse validate' for details.")
    finally:
        engine.close()
    return 0
