"""`scrbrowse themes`: how many reviews raise each theme, as a bar chart, and the themes that most
often occur together. Counting is by review, not document (`SearchEngine.tag_stats`, served from
the index as the app's themes overview is)."""

from __future__ import annotations

import argparse
from typing import Any

from ..search.api import TagStats
from ..stats import bar
from ..textsafe import one_line
from .context import CliContext

LABEL_MAX = 40


def register(sub: Any) -> None:
    from . import add_global_options

    p: argparse.ArgumentParser = sub.add_parser(
        "themes", help="how many reviews raise each theme, and which themes occur together",
        description="A bar chart of how many reviews raise each theme (document and passage tags "
                    "count), then the pairs of themes raised together by the most reviews.")
    add_global_options(p, suppress=True)
    p.add_argument("--agencies", action="store_true", help="count agencies instead of themes")
    p.add_argument("--all", action="store_true", help="also list themes no review raises")
    p.add_argument("--pairs", type=int, default=10, metavar="N",
                   help="how many co-occurring pairs to show (default 10)")
    p.add_argument("--width", type=int, default=30, metavar="N", help="bar width (default 30)")
    p.add_argument("--json", action="store_true", help="print the counts as JSON")
    p.set_defaults(func=run)


def _json(stats: TagStats, pairs: int) -> dict[str, Any]:
    return {
        "vocabulary": stats.vocabulary,
        "total_reviews": stats.total_reviews,
        "total_documents": stats.total_documents,
        "terms": [{"id": t.id, "label": t.label, "group": t.group, "reviews": list(t.reviews),
                   "count": t.count, "documents": list(t.documents)} for t in stats.terms],
        "pairs": [{"first": p.first, "second": p.second, "first_label": p.first_label,
                   "second_label": p.second_label, "count": p.count, "reviews": list(p.reviews)}
                  for p in stats.pairs[:max(pairs, 0)]],
    }


def run(ctx: CliContext, args: argparse.Namespace) -> int:
    from .index import open_engine

    engine = open_engine(ctx)
    try:
        stats: TagStats = engine.tag_stats("agencies" if args.agencies else "themes",
                                           include_unused=args.all)
    finally:
        engine.close()
    if args.json:
        ctx.print_json(_json(stats, args.pairs))
        return 0
    what = "Agencies involved in" if args.agencies else "Themes raised by"
    noun = "agency" if args.agencies else "theme"
    print(f"{what} the {stats.total_reviews} review{'s' if stats.total_reviews != 1 else ''} "
          f"in the corpus ({stats.total_documents} documents); the number is reviews")
    if not stats.terms:
        print(f"No {noun} tags in the corpus.")
        return 0
    print()
    labels = [one_line(t.label, LABEL_MAX) for t in stats.terms]
    width = max(len(x) for x in labels)
    bar_width = max(args.width, 1)
    for t, label in zip(stats.terms, labels, strict=True):
        print(f"{label:<{width}}  {bar(t.count, stats.max_count, bar_width):<{bar_width}}  "
              f"{t.count}")
    pairs = stats.top_pairs(max(args.pairs, 0))
    if pairs:
        print(f"\n{'Agencies' if args.agencies else 'Themes'} most often raised together "
              "(number of reviews)")
        for p in pairs:
            print(f"  {p.count:>3}  {one_line(p.first_label)} + {one_line(p.second_label)}")
    return 0
