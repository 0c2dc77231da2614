"""`scrbrowse search`: search the corpus from the command line, as a table or as JSON."""

from __future__ import annotations

import argparse
import difflib
import shutil
from typing import Any

from ..search.api import FACETS, NO_BOARD, UNDATED, DocumentHit, Filters, SearchRequest, SearchResult
from ..textsafe import one_line
from .context import CliContext


def register(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "search", help="search the corpus",
        description="Search the corpus. All words must match; use \"quotes\" for a phrase, OR, "
                    "NOT or -word, theme: agency: board: year: child: type:, and word* "
                    "(see docs/searching.md). With no query, lists the documents newest first.",
        epilog="A query starting with '-' needs '--' before it: scrbrowse search -- -alcohol")
    from . import add_global_options

    add_global_options(p, suppress=True)
    p.add_argument("query", nargs="*", help="what to search for")
    p.add_argument("--theme", action="append", default=[], metavar="T",
                   help="only documents with this theme (id, name or synonym); repeat for any of")
    p.add_argument("--agency", action="append", default=[], metavar="A",
                   help="only documents involving this agency; repeat for any of")
    p.add_argument("--board", action="append", default=[], metavar="B",
                   help="only documents from this board or partnership (part of its name)")
    p.add_argument("--year", action="append", default=[], metavar="Y",
                   help=f"only documents published in this year, or '{UNDATED}'")
    p.add_argument("--type", action="append", default=[], metavar="DOC_TYPE", dest="doc_type",
                   help="only documents of this type (id or name, e.g. learning-summary)")
    p.add_argument("--limit", type=int, default=10, metavar="N",
                   help="how many documents to show (default 10)")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(func=run)


def run(ctx: CliContext, args: argparse.Namespace) -> int:
    from .index import open_engine

    engine = open_engine(ctx)
    try:
        try:
            filters = _filters(engine, args)
        except ValueError as exc:
            ctx.err(one_line(str(exc)))
            return 2
        query = " ".join(args.query)
        result = engine.search(SearchRequest(query=query, filters=filters,
                                             limit=max(0, args.limit)))
        if args.json:
            ctx.print_json(to_json(result))  # every string cleaned there
        else:
            _print_table(result)
    finally:
        engine.close()
    return 0


# -- filters


def _filters(engine: Any, args: argparse.Namespace) -> Filters:
    from ..search.text.synonyms import SynonymIndex

    tax = engine.taxonomy
    syn = SynonymIndex.for_taxonomy(tax)
    values: dict[str, set[str]] = {f: set() for f in FACETS}
    for facet, vocab, given in (("theme", "themes", args.theme), ("agency", "agencies", args.agency),
                                ("doc_type", "doc_types", args.doc_type)):
        for raw in given:
            ids = syn.resolve(vocab, raw)
            if not ids:
                known = list(tax.vocabulary(vocab))
                near = difflib.get_close_matches(raw.lower(), known, n=3, cutoff=0.5)
                hint = f"; did you mean {', '.join(near)}?" if near else ""
                raise ValueError(f"no {facet.replace('_', ' ')} called '{one_line(raw, 60)}'{hint}")
            values[facet].update(ids)
    boards = sorted(_boards(engine))
    for raw in args.board:
        want = raw.strip().lower()
        found = [b for b in boards if want and want in b.lower()]
        if not found:
            raise ValueError(f"no board matching '{one_line(raw, 60)}'; boards: "
                             + "; ".join(one_line(b) for b in boards))
        values["board"].update(found)
    for raw in args.year:
        y = raw.strip().lower()
        if y != UNDATED and not (len(y) == 4 and y.isdigit()):
            raise ValueError(f"'{one_line(raw, 20)}' is not a year; use e.g. 2018 or {UNDATED}")
        values["year"].add(y)
    return Filters(**{f: frozenset(v) for f, v in values.items()})


def _boards(engine: Any) -> list[str]:
    """Every board named in the corpus (the board facet of an empty search)."""
    result = engine.search(SearchRequest(limit=0, with_passages=False))
    return [v.value for v in result.facets.get("board", ())]


# -- JSON


def to_json(result: SearchResult) -> dict[str, Any]:
    return {
        "query": result.request.query,
        "expanded": list(result.expanded),
        "total": result.total,
        "corpus_total": result.corpus_total,
        "hits": [_hit_json(h) for h in result.hits],
        "facets": {f: {v.value: {"label": v.label, "count": v.count, "selected": v.selected}
                       for v in result.facets.get(f, ())} for f in FACETS},
        "suggestion": result.suggestion,
        "terms": list(result.terms),
        "notes": list(result.notes),
    }


def _hit_json(h: DocumentHit) -> dict[str, Any]:
    return {
        "id": h.doc_id,
        "title": h.title,
        "review": h.review,
        "review_id": h.review_id,
        "board": h.board,
        "year": h.year,
        "published": h.published,
        "doc_type": h.doc_type,
        "doc_type_label": h.doc_type_label,
        "restricted": h.restricted,
        "restriction": h.restriction,
        "score": round(h.score, 4),
        "snippet": h.snippet.text,
        "spans": [list(s) for s in h.snippet.spans],
        "matches": h.match_summary(),
        "passages": [{
            "id": p.item_id, "kind": p.kind.value, "heading": p.heading, "text": p.text,
            "snippet": p.snippet.text, "spans": [list(s) for s in p.snippet.spans],
            "score": round(p.score, 4),
        } for p in h.passages],
    }


# -- human output


def marked(text: str, spans: tuple[tuple[int, int], ...]) -> str:
    """The snippet with matched words in [brackets], cleaned for the terminal."""
    out, last = [], 0
    for start, end in spans:
        if start < last or end > len(text):
            continue
        out += [text[last:start], "[", text[start:end], "]"]
        last = end
    out.append(text[last:])
    return one_line("".join(out))


def _print_table(result: SearchResult) -> None:
    width = max(60, min(shutil.get_terminal_size((100, 24)).columns, 160))
    query = one_line(result.request.query, 80)
    if result.request.query.strip():
        print(f"{result.total} of {result.corpus_total} documents match \u201c{query}\u201d.")
    else:
        print(f"{result.total} of {result.corpus_total} documents, newest first.")
    if result.reading:  # how the words were read: which must all be there, which only rank
        print(one_line(result.reading, width))
    if result.expanded:
        print(one_line("Also searched: " + ", ".join(result.expanded), width))
    if result.suggestion:
        print(f"Did you mean: {one_line(result.suggestion, 80)}?")
    for note in result.notes:
        print(f"Note: {one_line(note)}")
    if not result.hits:
        return
    rows = [(str(i), h.title, h.review, h.year or UNDATED, h.doc_type_label)
            for i, h in enumerate(result.hits, 1)]
    heads = ("#", "Title", "Review", "Year", "Type")
    fixed = [3, 0, 26, 8, 18]
    fixed[1] = max(24, width - sum(fixed) - 2 * (len(fixed) - 1))
    cols = [min(cap, max(len(heads[c]), *(len(one_line(r[c])) for r in rows)))
            for c, cap in enumerate(fixed)]
    print()
    print("  ".join(h.ljust(w) for h, w in zip(heads, cols, strict=True)).rstrip())
    indent = " " * (cols[0] + 2)
    room = max(20, width - len(indent))
    for row, hit in zip(rows, result.hits, strict=True):
        line = "  ".join(one_line(v, w).ljust(w) for v, w in zip(row, cols, strict=True)).rstrip()
        print(line)
        board = one_line(hit.board or f"board {NO_BOARD}")
        print(indent + (f"PROFESSIONALS ONLY · {board}" if hit.restricted else board))
        summary = hit.match_summary()
        if summary:
            print(indent + one_line("Matches: " + summary, room))
        if hit.snippet.text:
            print(indent + one_line(marked(hit.snippet.text, hit.snippet.spans), room))
    if result.total > len(result.hits):
        print(f"\n{result.total - len(result.hits)} more; use --limit to see more.")
