"""`scrbrowse review FILE` (what to check in a draft) and `scrbrowse accept FILE` (mark it checked).

`review` prints the draft's checklist, its tags and suggested tags with their evidence, and each item
with where it came from in the source. `accept` validates the record and, if nothing is wrong, writes
it without its `draft:` block (a copy of the draft is kept in the corpus's `.drafts/` folder).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..ingest import load_taxonomy_for
from ..ingest.review import DRAFTS_FOLDER, DraftReview, ReviewError
from ..textsafe import one_line
from .context import CliContext


def register(sub: Any) -> None:
    from . import add_global_options

    p: argparse.ArgumentParser = sub.add_parser(
        "review", help="show what to check in a draft record (checks, tags with evidence, items)",
        description="Print a draft record's checklist, its tags and suggested tags with the words "
                    "behind them, and every item with where it came from in the source. Nothing "
                    "is changed; the app's review screen (Ctrl+R on a draft) edits it.")
    add_global_options(p, suppress=True)
    p.add_argument("file", metavar="FILE", help="the draft record (.yaml) made by scrbrowse ingest")
    p.set_defaults(func=run_review)

    a: argparse.ArgumentParser = sub.add_parser(
        "accept", help="mark a draft record as checked (removes its draft: block)",
        description="Validate a draft record and write it without its 'draft:' block, so it is a "
                    f"checked record. A copy of the draft is kept in the corpus's {DRAFTS_FOLDER}/ "
                    "folder. Refuses, and writes nothing, while validation errors remain.")
    add_global_options(a, suppress=True)
    a.add_argument("file", metavar="FILE", help="the draft record (.yaml) to mark as checked")
    a.add_argument("--accept-suggested", metavar="TAG", nargs="+", default=[],
                   help="suggested tags (ids) to make the record's own tags first")
    a.set_defaults(func=run_accept)


def _load(ctx: CliContext, file: str) -> DraftReview:
    path = Path(file).expanduser()
    return DraftReview.load(path, load_taxonomy_for(path.parent, ctx.corpus_dir))


def run_review(ctx: CliContext, args: argparse.Namespace) -> int:
    try:
        review = _load(ctx, args.file)
    except ReviewError as exc:
        ctx.err(one_line(str(exc)))
        return 1
    print(f"Draft: {one_line(review.get_field('title'))} ({one_line(review.doc_id)})")
    print(f"File: {one_line(str(review.path))}")
    checks = review.checks
    print(f"\nTo check ({len(checks)}):")
    for c in checks:
        print(f"  - {one_line(c)}")
    tags = review.tags()
    for suggested, heading in ((False, "Tags"), (True, "Suggested tags (not shown in search "
                                                        "until accepted: accept --accept-suggested ID)")):
        group = [t for t in tags if t.suggested is suggested]
        print(f"\n{heading} ({len(group)}):")
        for t in group:
            conf = f", confidence {t.confidence:.2f}" if t.confidence is not None else ""
            evidence = "; ".join(one_line(e, 80) for e in t.evidence[:6]) or "no evidence listed"
            print(f"  {one_line(t.id)} [{t.kind}{conf}]: {evidence}")
    items = review.items()
    lines = review.source_lines()
    print(f"\nItems ({len(items)}):" + ("" if lines is not None else " (source text not available)"))
    for it in items:
        where = f" [{one_line(it.source)}]" if it.source else ""
        print(f"  {one_line(it.id)} ({it.label}){where}: {one_line(it.text, 160)}")
    problems = review.problems()
    print(f"\nValidation: {'no errors' if not problems else f'{len(problems)} error(s)'}")
    for p in problems:
        print(f"  {one_line(p.format())}")
    print(f"\nWhen it is right: scrbrowse accept {one_line(str(review.path))}")
    return 0


def run_accept(ctx: CliContext, args: argparse.Namespace) -> int:
    try:
        review = _load(ctx, args.file)
        for tag in args.accept_suggested:
            review.accept_tag(tag)
        problems = review.problems()
        if problems:
            ctx.err(f"not accepted: {len(problems)} problem(s) to fix first; nothing was written")
            for p in problems:
                print(f"  {one_line(p.format())}")
            return 1
        done = review.mark_checked()
    except ReviewError as exc:
        ctx.err(f"not accepted: {one_line(str(exc))}")
        return 1
    print(f"checked: {one_line(str(done.path))} is now a checked record ({one_line(done.doc_id)}); "
          f"the draft was kept as {one_line(str(done.draft_copy))}")
    try:
        same = done.path.parent.resolve() == ctx.corpus_dir.resolve()
    except OSError:
        same = False
    if same:
        from .ingest import _update_index

        _update_index(ctx, ctx.corpus_dir)
    return 0
