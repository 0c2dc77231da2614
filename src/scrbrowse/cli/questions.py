"""`scrbrowse questions`: every reflective question in the corpus, with its review, filtered.

The same engine call as the app's question bank (`SearchEngine.question_bank`, served from the
index): a question's themes are its own tags (see `api.BankQuestion`); the document's tags count
only with `--with-document-tags`. Repeat --theme for any of several themes; --theme and --agency together must
both match. Themes and agencies may be given by id, label or synonym.
"""

from __future__ import annotations

import argparse
import textwrap
from typing import Any

from ..search.api import BankQuestion, Filters
from ..stats import Vocabulary, close_terms, resolve_term
from ..taxonomy import Taxonomy
from ..textsafe import one_line
from .context import CliContext

WIDTH = 78


def register(sub: Any) -> None:
    from . import add_global_options

    p: argparse.ArgumentParser = sub.add_parser(
        "questions", help="list every reflective question, by theme or agency",
        description="List every reflective question in the corpus with its review. A question "
                    "matches a theme when it is tagged with it (a question with no themes takes its "
                    "learning point's). Repeat --theme (or --agency) for any of several.")
    add_global_options(p, suppress=True)
    p.add_argument("--theme", action="append", default=[], metavar="THEME",
                   help="a theme id, label or synonym, e.g. safe-sleep or 'co-sleeping'")
    p.add_argument("--agency", action="append", default=[], metavar="AGENCY",
                   help="an agency id, label or synonym, e.g. gp or MASH")
    p.add_argument("--with-document-tags", action="store_true",
                   help="also match the document's tags (a wider list than the app's bank)")
    # The old default is now the only rule: still accepted so scripts keep working.
    p.add_argument("--question-tags-only", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--json", action="store_true", help="print the questions as JSON")
    p.set_defaults(func=run)


def _resolve(ctx: CliContext, tax: Taxonomy, vocab: Vocabulary, values: list[str]
             ) -> list[str] | None:
    out = []
    for value in values:
        term = resolve_term(tax, vocab, value)
        if term is None:
            near = close_terms(tax, vocab, value)
            kind = "theme" if vocab == "themes" else "agency"
            ctx.err(f"unknown {kind} '{one_line(value, 60)}'"
                    + (f"; did you mean: {', '.join(near)}?" if near
                       else f"; `scrbrowse {'themes' if kind == 'theme' else 'themes --agencies'}` "
                            "lists them"))
            return None
        out.append(term)
    return out


def _json(e: BankQuestion) -> dict[str, Any]:
    return {
        "doc_id": e.doc_id, "item_id": e.item_id, "number": e.number, "text": e.text,
        "section": e.section, "review": e.review, "review_id": e.review_id,
        "document": e.document, "board": e.board, "published": e.published,
        "restriction": None if e.restriction is None else
        {"level": e.restriction.level, "wording": e.restriction.wording},
        "themes": list(e.themes), "agencies": list(e.agencies),
        "document_themes": list(e.doc_themes), "document_agencies": list(e.doc_agencies),
        "draft": e.draft,
    }


def run(ctx: CliContext, args: argparse.Namespace) -> int:
    from .index import open_engine

    engine = open_engine(ctx)
    try:
        return _run(ctx, args, engine)
    finally:
        engine.close()


def _run(ctx: CliContext, args: argparse.Namespace, engine: Any) -> int:
    taxonomy: Taxonomy = engine.taxonomy
    themes = _resolve(ctx, taxonomy, "themes", args.theme)
    agencies = _resolve(ctx, taxonomy, "agencies", args.agency)
    if themes is None or agencies is None:
        return 1
    filters = Filters(theme=frozenset(themes), agency=frozenset(agencies))
    everything = 1 << 62  # every question: the command lists them all
    result = engine.question_bank("", filters, limit=everything,
                                  scope="document" if args.with_document_tags else "question")
    entries = result.questions
    if args.json:
        ctx.print_json([_json(e) for e in entries])
        return 0
    current = None
    for e in entries:
        if e.doc_id != current:
            current = e.doc_id
            print()
            print(one_line(e.document))
            print(one_line(f"{e.review} · {e.published or 'undated'} · {e.doc_id}"))
            if e.restriction:
                print(textwrap.fill(one_line(f"{e.restriction.label.upper()} — "
                                             f"{e.restriction.wording}"), WIDTH,
                                    break_long_words=False))
        lead = f"  {e.number}. " if e.number is not None else "  - "
        print(textwrap.fill(one_line(e.text) + f"  [{e.item_id}]", WIDTH, initial_indent=lead,
                            subsequent_indent=" " * len(lead), break_long_words=False,
                            break_on_hyphens=False))
    docs = len({e.doc_id for e in entries})
    named = [f"theme {taxonomy.label('themes', t)}" for t in themes]
    named += [f"agency {taxonomy.label('agencies', a)}" for a in agencies]
    print(f"\n{len(entries)} question{'s' if len(entries) != 1 else ''} from {docs} "
          f"document{'s' if docs != 1 else ''}"
          + (f" ({one_line('; '.join(named))})" if named else "")
          + ". Add one to a pack: scrbrowse pack add NAME DOC_ID ITEM_ID")
    return 0
