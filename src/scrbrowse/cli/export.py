"""`scrbrowse export DOC_ID`: one document as Markdown, plain text or printable HTML.

Also the helpers `pack export` shares: finding a document with "did you mean", and writing an export
to stdout or to a file that is never overwritten without --force.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path
from typing import Any

from ..corpus import Corpus, load_corpus
from ..export import (
    FORMATS,
    ExportExistsError,
    ExportTargetError,
    export_document,
    export_to_file,
    format_from_path,
)
from ..model import Document
from ..textsafe import one_line
from .context import CliContext


def register(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "export", help="export one document as Markdown, plain text or printable HTML",
        description="Export every part of one document, with its citation and any restriction. "
                    "Prints to standard output unless -o is given; never overwrites a file "
                    "without --force.")
    from . import add_global_options

    add_global_options(p, suppress=True)
    p.add_argument("doc_id", metavar="DOC_ID", help="the document's id (see `scrbrowse search`)")
    add_output_options(p)
    p.set_defaults(func=run)


def add_output_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", "-f", choices=FORMATS, default=None,
                   help="md, txt or html (default: from the -o file's extension, else md)")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    p.add_argument("--force", action="store_true",
                   help="replace FILE if it is an existing regular file (never a link, pipe, "
                        "device or folder)")


def chosen_format(args: argparse.Namespace) -> str:
    if args.format:
        return str(args.format)
    return format_from_path(args.output) if args.output else "md"


def find_document(ctx: CliContext, corpus: Corpus, doc_id: str) -> Document | None:
    """The document, or None after printing a message with close matches."""
    doc = corpus.get(doc_id)
    if doc is not None:
        return doc
    ids = sorted(corpus.documents)
    key = doc_id.lower()
    near = difflib.get_close_matches(key, ids, n=5, cutoff=0.5)
    near += [i for i in ids if key and key in i and i not in near]
    msg = f"no document '{one_line(doc_id, 80)}' in {one_line(str(ctx.corpus_dir))}"
    if near:
        msg += f"; did you mean: {one_line(', '.join(near[:5]))}?"
    elif ids:
        msg += (f"; the documents are: {one_line(', '.join(ids[:10]))}"
                + (" ..." if len(ids) > 10 else ""))
    ctx.err(msg)
    skipped = sum(1 for p in corpus.problems if p.skipped)
    if skipped:
        ctx.err(f"{skipped} corpus files could not be loaded; `scrbrowse validate` says why")
    return None


def write_export(ctx: CliContext, content: str, output: str | None, force: bool) -> int:
    if output is None:
        sys.stdout.write(content)  # already cleaned and escaped by the exporter
        return 0
    try:
        path = export_to_file(content, Path(output), force=force)
    except (ExportExistsError, ExportTargetError, IsADirectoryError) as exc:
        ctx.err(one_line(str(exc)))
        return 1
    except OSError as exc:
        ctx.err(f"could not write {one_line(output)}: {one_line(str(exc.strerror or exc))}")
        return 1
    print(f"wrote {one_line(str(path))} ({len(content.encode('utf-8')):,} bytes)")
    return 0


def run(ctx: CliContext, args: argparse.Namespace) -> int:
    corpus = load_corpus(ctx.corpus_dir)
    doc = find_document(ctx, corpus, args.doc_id)
    if doc is None:
        return 1
    fmt = chosen_format(args)
    content = export_document(doc, fmt, taxonomy=corpus.taxonomy, linked=corpus.linked(doc))
    if doc.restriction is not None:
        ctx.err(f"note: this document is restricted ({one_line(doc.restriction.label)}); "
                "the export carries the restriction")
    return write_export(ctx, content, args.output, args.force)
