"""`scrbrowse ingest PATH...`: make draft corpus records from PDF, Word, Markdown and text files.

One line per file as it goes (and, on a terminal, a progress line on stderr), then a table of
every file (items found, tags, problems) and a summary of what was written and what was skipped and
why. Exit status 0 only if every file was written (or, with --dry-run, would be).
"""

from __future__ import annotations

import argparse
import importlib
import shutil
import sys
from pathlib import Path
from typing import Any, TextIO

from ..ingest import IngestResult, Outcome, ingest_paths, load_taxonomy_for
from ..ingest.limits import DEFAULT_LIMITS, Limits
from ..logs import log
from ..textsafe import one_line
from .context import CliContext


def register(sub: Any) -> None:
    from . import add_global_options

    p: argparse.ArgumentParser = sub.add_parser(
        "ingest", help="make draft records from PDF, Word, Markdown or text learning documents",
        description="Read learning documents (.pdf, .docx, .md, .txt) and write a draft corpus "
                    "record for each, with a 'draft:' list of what a person must check. Source "
                    "files are never changed; existing records are never replaced without --force.",
        epilog="See docs/adding-reviews.md for checking a draft and adding it to the corpus.")
    add_global_options(p, suppress=True)
    p.add_argument("paths", nargs="+", metavar="PATH",
                   help="files to ingest, or folders whose .pdf/.docx/.md/.txt files to ingest")
    p.add_argument("--out", metavar="DIR",
                   help="folder to write the drafts to (default: the corpus folder in use)")
    p.add_argument("--force", action="store_true",
                   help="make again a draft already made from the same document (the old draft is "
                        "kept in .replaced/; a checked record is never replaced), or add a document "
                        "whose file has the same name as a checked record's")
    p.add_argument("--dry-run", action="store_true",
                   help="show what would be written, and write nothing")
    p.add_argument("--follow-symlinks", action="store_true",
                   help="read files that are symbolic links (refused by default: a link can point "
                        "at any file you can read)")
    limits = p.add_argument_group("limits (a real briefing is far below each)")
    limits.add_argument("--max-pages", type=_positive(int), metavar="N",
                        default=DEFAULT_LIMITS.max_pages,
                        help="PDF pages (default: %(default)s)")
    limits.add_argument("--max-xml-mb", type=_positive(int), metavar="MB",
                        default=DEFAULT_LIMITS.max_xml_mb,
                        help="what a Word file's text unpacks to (default: %(default)s)")
    limits.add_argument("--max-text-chars", type=_positive(int), metavar="N",
                        default=DEFAULT_LIMITS.max_text_chars,
                        help="characters of text kept; the rest is cut (default: %(default)s)")
    limits.add_argument("--max-seconds", type=_positive(float), metavar="S",
                        default=DEFAULT_LIMITS.max_seconds,
                        help="time to read one file (default: %(default)s)")
    p.set_defaults(func=run)


def _positive(kind: type[int] | type[float]) -> Any:
    def parse(text: str) -> int | float:
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"'{one_line(text)}' is not a number") from None
        if value <= 0:
            raise argparse.ArgumentTypeError("must be more than 0")
        return value
    return parse


def run(ctx: CliContext, args: argparse.Namespace) -> int:
    out_dir = Path(args.out).expanduser() if args.out else ctx.corpus_dir
    taxonomy = load_taxonomy_for(out_dir, ctx.corpus_dir)
    limits = Limits(max_pages=args.max_pages, max_xml_mb=args.max_xml_mb,
                    max_text_chars=args.max_text_chars, max_seconds=args.max_seconds)
    progress = Progress(sys.stderr)

    def on_result(result: IngestResult) -> None:
        progress.clear()
        _print_result(result)

    try:
        results = ingest_paths([Path(p) for p in args.paths], out_dir, force=args.force,
                               dry_run=args.dry_run, taxonomy=taxonomy, on_result=on_result,
                               on_start=progress.show, limits=limits,
                               follow_symlinks=args.follow_symlinks)
    finally:
        progress.clear()
    if len(results) > 1:
        print_table(results)
    _print_summary(results, args.dry_run)
    if not args.dry_run and any(r.outcome is Outcome.WRITTEN for r in results):
        _update_index(ctx, out_dir)
    return 0 if results and all(r.ok for r in results) else 1


def _name(path: Path | None) -> str:
    return one_line(str(path)) if path is not None else "?"


def _print_result(r: IngestResult) -> None:
    print(f"{_name(r.source)}: {r.describe()}")


class Progress:
    """One line on stderr, rewritten in place, while a batch runs: only on a terminal."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.on = _isatty(stream)
        self.width = 0

    def show(self, i: int, total: int, path: Path) -> None:
        if not self.on:
            return
        columns = shutil.get_terminal_size((80, 24)).columns
        done = int(20 * i / total) if total else 0
        line = f"[{'#' * done}{'.' * (20 - done)}] {i + 1}/{total} reading {one_line(path.name)}"
        line = line[:max(10, columns - 1)]
        self.clear()
        self.stream.write(line)
        self.stream.flush()
        self.width = len(line)

    def clear(self) -> None:
        if self.on and self.width:
            # Two writes, each starting with its carriage return: the output guard keeps a "\r" only
            # at the start of a write (anywhere else it could hide text already printed).
            self.stream.write("\r" + " " * self.width)
            self.stream.write("\r")
            self.stream.flush()
            self.width = 0


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def table_rows(results: list[IngestResult]) -> list[tuple[str, str, str, str]]:
    """(file, items, tags, problems) per file: what the summary table shows."""
    rows = []
    for r in results:
        if r.ok:
            problems = f"{len(r.checks)} to check"
            if r.replaced:
                problems += "; replaced a draft"
            rows.append((r.source.name, str(r.items), str(r.counts.get("tags", 0)), problems))
        else:
            rows.append((r.source.name, "-", "-", f"skipped: {r.skipped or r.outcome.value}"))
    return [(one_line(a, 60), b, c, one_line(d, 400)) for a, b, c, d in rows]


def print_table(results: list[IngestResult]) -> None:
    rows = [("file", "items", "tags", "problems"), *table_rows(results)]
    width = max(len(r[0]) for r in rows)
    print()
    for name, items, tags, problems in rows:
        print(f"{name:<{width}}  {items:>5}  {tags:>4}  {problems}")


def _print_summary(results: list[IngestResult], dry_run: bool) -> None:
    done = [r for r in results if r.ok]
    skipped = [r for r in results if not r.ok]
    verb = "would be written" if dry_run else "written"
    line = f"ingest: {len(done)} {verb}, {len(skipped)} skipped"
    if dry_run:
        line += " (dry run: nothing was written)"
    print()
    print(line)
    for r in skipped:
        print(f"  skipped {_name(r.source)}: {one_line(r.skipped or r.outcome.value)}")
    if done and not dry_run:
        print("Next: check each draft against its source: in the app, open it and press F9 (review: "
              "items and tags beside the source, then mark as checked); or `scrbrowse review FILE` "
              "for its checks and `scrbrowse accept FILE` once they are dealt with.")


def _status_line(engine: Any) -> str:
    """One line from the engine's IndexStatus (see scrbrowse.search.api)."""
    status = getattr(engine, "status", None)
    if callable(status):
        status = status()
    if status is None:
        return "index: up to date"
    documents = getattr(status, "documents", None)
    if documents is None:
        return f"index: {one_line(str(status))}"
    line = f"index: {documents} documents in {one_line(str(getattr(status, 'location', '')))}"
    messages = [one_line(str(m)) for m in getattr(status, "messages", ()) or ()]
    updated = getattr(status, "updated", ()) or ()
    if messages:  # the engine's own words say what it did
        return f"{line}; {'; '.join(messages)}"
    if getattr(status, "rebuilt", False):
        return f"{line}; rebuilt"
    if updated:
        return f"{line}; re-indexed {len(updated)} file{'s' * (len(updated) != 1)}"
    return line


def _update_index(ctx: CliContext, out_dir: Path) -> None:
    """Let the search index pick up the new drafts now (only changed files are re-indexed)."""
    try:
        same = out_dir.resolve() == ctx.corpus_dir.resolve()
    except OSError:
        same = False
    if not same:
        print(f"index: not updated: {_name(out_dir)} is not the corpus in use "
              f"(search it with --corpus {_name(out_dir)})")
        return
    try:
        # Imported by name: the engine is another module's work, and ingest must not depend on
        # it being there (nor on its types) to write drafts.
        engine_module = importlib.import_module("scrbrowse.search.engine")
    except ImportError:
        print("index: it will pick up the new drafts the next time the app or a search opens it")
        return
    try:
        engine = engine_module.SearchEngine.open(ctx.corpus_dir, ctx.index_dir)
        print(_status_line(engine))
        close = getattr(engine, "close", None)
        if callable(close):
            close()
    except Exception as exc:  # the drafts are written; the index is derived and can catch up later
        log.warning("updating the index after ingest failed", exc_info=True)
        print(f"index: not updated now ({exc.__class__.__name__}); it catches up the next time the "
              "app or a search opens it")
