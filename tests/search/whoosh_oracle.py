"""The test oracle: a query plan as a Whoosh query over the index's document records.

Searches run on the fast postings (`scrbrowse.search.evaluation.evaluator`); this states the same semantics
in Whoosh's own query language, and the property tests check the evaluator against a Whoosh
searcher over the same index files. Test-only: nothing in `src/` runs it.
"""

from __future__ import annotations

from whoosh import query as wq

from scrbrowse.search.index.schema import BODY, CONCEPT
from scrbrowse.search.query.plan import (
    EXPANSION_WEIGHT,
    AnyOf,
    Concepts,
    Field,
    Neg,
    Node,
    Prefix,
    Some,
    Syn,
    Words,
)

EXPANSION_BOOST = EXPANSION_WEIGHT


def to_whoosh(node: Node) -> wq.Query:
    """The Whoosh query for document records."""
    if isinstance(node, Words):
        return _text_query(node.stems)
    if isinstance(node, Prefix):
        if not node.stems:
            return wq.NullQuery
        return wq.Or([wq.Term(BODY, s) for s in node.stems])
    if isinstance(node, Field):
        if not node.targets:
            return wq.NullQuery
        return wq.Or([wq.Term(f, v[0]) if len(v) == 1 else wq.Phrase(f, list(v))
                      for f, v in node.targets])
    if isinstance(node, Concepts):
        return _concepts_query(node)
    if isinstance(node, Syn):
        # The typed words, or a mention of the taxonomy entry they name in any phrasing. The
        # mention counts half, so a review using the typed word ranks above one that only uses
        # a synonym.
        return wq.Or([to_whoosh(node.original), _concepts_query(node.concepts)])
    if isinstance(node, Neg):
        return wq.Not(to_whoosh(node.child))
    if isinstance(node, Some) and not node.required:
        # Words beside a strict part only rank; what matches is the strict part's to say.
        return wq.Every()
    kids = [to_whoosh(c) for c in node.children]
    if isinstance(node, Some):  # words side by side: any of them (coordination only ranks)
        return wq.Or(kids)
    if isinstance(node, AnyOf):
        return wq.Or(kids)
    if all(isinstance(k, wq.Not) for k in kids):  # only exclusions: start from everything
        kids.insert(0, wq.Every())
    return wq.And(kids)


def root_query(node: Node) -> wq.Query:
    q = to_whoosh(node)
    if isinstance(q, wq.Not):
        return wq.And([wq.Every(), q])
    return q


def _concepts_query(node: Concepts) -> wq.Query:
    terms = [wq.Term(CONCEPT, k) for k in node.keys]
    if len(terms) == 1:
        return wq.Term(CONCEPT, node.keys[0], boost=EXPANSION_BOOST)
    return wq.DisjunctionMax(terms, boost=EXPANSION_BOOST)


def _text_query(stems: tuple[str, ...]) -> wq.Query:
    # The body holds the title too; title matches get their bonus in `title_bonus`, which is
    # far cheaper than a second clause per word in Whoosh.
    if len(stems) == 1:
        return wq.Term(BODY, stems[0])
    return wq.Phrase(BODY, list(stems))
