"""`scrbrowse validate`: check every corpus file against the schema and the taxonomy."""

from __future__ import annotations

import argparse
from typing import Any

from ..corpus import load_corpus
from ..problems import Severity
from ..textsafe import one_line
from .context import CliContext


def register(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "validate", help="check the corpus files and report every problem",
        description="Check every corpus file (schema and taxonomy). Exits 1 if there is any error.")
    from . import add_global_options

    add_global_options(p, suppress=True)
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument("--strict", action="store_true", help="treat warnings as errors")
    p.set_defaults(func=run)


def run(ctx: CliContext, args: argparse.Namespace) -> int:
    corpus = load_corpus(ctx.corpus_dir)
    errors = [p for p in corpus.problems if p.severity is Severity.ERROR]
    warnings = [p for p in corpus.problems if p.severity is Severity.WARNING]
    if args.json:
        ctx.print_json({
            "corpus": str(ctx.corpus_dir),
            "documents": len(corpus.documents),
            "files": len(corpus.file_hashes),
            "problems": [
                {"file": p.file, "line": p.line, "field": p.field, "severity": str(p.severity),
                 "message": p.message, "hint": p.hint, "document_skipped": p.skipped}
                for p in corpus.problems
            ],
        })
    else:
        for p in corpus.problems:
            print(one_line(p.format()))
        skipped = sum(1 for p in corpus.problems if p.skipped)
        print(f"{one_line(str(ctx.corpus_dir))}: {len(corpus.documents)} documents loaded from "
              f"{len(corpus.file_hashes)} files; {len(errors)} errors, {len(warnings)} warnings"
              + (f"; {skipped} files not loaded" if skipped else ""))
    if errors or (args.strict and warnings):
        return 1
    return 0
