"""`scrbrowse ingest PATH...`: make draft corpus records from PDF, Word, Markdown and text files.

One line per file as it goes, then a summary of what was written and what was skipped and why.
Exit status 0 only if every file was written (or, with --dry-run, would be).
"""

from __future__ import annotations

import argparse
import importlib
from pathlib import Path
from typing import Any

from ..ingest import IngestResult, Outcome, ingest_paths, load_taxonomy_for
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
                   help="replace a record already made from the same source file")
    p.add_argument("--dry-run", action="store_true",
                   help="show what would be written, and write nothing")
    p.set_defaults(func=run)


def run(ctx: CliContext, args: argparse.Namespace) -> int:
    out_dir = Path(args.out).expanduser() if args.out else ctx.corpus_dir
    taxonomy = load_taxonomy_for(out_dir, ctx.corpus_dir)
    results = ingest_paths([Path(p) for p in args.paths], out_dir, force=args.force,
                           dry_run=args.dry_run, taxonomy=taxonomy, on_result=_print_result)
    _print_summary(results, args.dry_run)
    if not args.dry_run and any(r.outcome is Outcome.WRITTEN for r in results):
        _update_index(ctx, out_dir)
    return 0 if results and all(r.ok for r in results) else 1


def _name(path: Path | None) -> str:
    return one_line(str(path)) if path is not None else "?"


def _print_result(r: IngestResult) -> None:
    print(f"{_name(r.source)}: {r.describe()}")


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
        print("Next: open each draft, work through its 'draft: checks' list against the source, "
              "delete the 'draft:' block, then run `scrbrowse validate`.")


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
