"""Running a plan: as a Whoosh query over document records, and in memory over passage rows."""

from __future__ import annotations

import math
from collections.abc import Callable

from whoosh import query as wq

from .analysis import WORD_RE
from .meta import DocMeta
from .query import (
    AllOf,
    AnyOf,
    Concepts,
    Field,
    Leaf,
    Neg,
    Node,
    Prefix,
    Syn,
    Words,
    positive_leaves,
)
from .rows import UNDATED, Row
from .schema import (
    AGENCY,
    BOARD,
    BODY,
    CHILD,
    CONCEPT,
    DOC_TYPE,
    REVIEW_TYPE,
    THEME,
    YEAR,
)

TITLE_BOOST = 2.0  # a word in the title counts twice
EXPANSION_BOOST = 0.5


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
    kids = [to_whoosh(c) for c in node.children]
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


def title_bonus(root: Node, idf: Callable[[str, str], float],
                ) -> Callable[[tuple[str, ...]], float]:
    """Extra score for a document whose title holds typed words (not expansions), about what a
    title field clause boosted by TITLE_BOOST would add under BM25."""
    parts = [(leaf.stems, TITLE_BOOST * max(idf(BODY, s) for s in leaf.stems))
             for leaf, weight in positive_leaves(root)
             if isinstance(leaf, Words) and weight == 1.0]

    def bonus(title: tuple[str, ...]) -> float:
        if not title:
            return 0.0
        got = 0.0
        for stems, value in parts:
            if (stems[0] in title if len(stems) == 1 else has_sequence(title, stems)):
                got += value
        return got

    return bonus


# ---------------------------------------------------------------------------------------------
# In memory, over one passage


def has_sequence(seq: tuple[str, ...], terms: tuple[str, ...]) -> bool:
    n = len(terms)
    first = terms[0]
    return any(seq[i] == first and seq[i:i + n] == terms for i in range(len(seq) - n + 1))


def _words_match(stems: tuple[str, ...], row: Row) -> bool:
    return row.has(stems)


_name_words: dict[str, tuple[str, ...]] = {}


def _names(text: str) -> tuple[str, ...]:
    """Lower-case words of a board or child name (as the SimpleAnalyzer fields hold them)."""
    got = _name_words.get(text)
    if got is None:
        if len(_name_words) > 50_000:
            _name_words.clear()
        got = _name_words[text] = tuple(w.lower() for w in WORD_RE.findall(text))
    return got


def _field_match(node: Field, row: Row, doc: DocMeta) -> bool:
    for fld, value in node.targets:
        if fld == THEME:
            hit = value[0] in row.themes
        elif fld == AGENCY:
            hit = value[0] in row.agencies
        elif fld == YEAR:
            hit = (doc.year or UNDATED) == value[0]
        elif fld == DOC_TYPE:
            hit = doc.doc_type == value[0]
        elif fld == REVIEW_TYPE:
            hit = doc.review_type == value[0]
        elif fld == BOARD:
            hit = has_sequence(_names(" ".join(x for x in (doc.board, doc.area) if x)), value)
        elif fld == CHILD:
            hit = has_sequence(_names(doc.child), value)
        else:
            hit = False
        if hit:
            return True
    return False


def leaf_matches(leaf: Leaf, row: Row, doc: DocMeta) -> bool:
    if isinstance(leaf, Words):
        return _words_match(leaf.stems, row)
    if isinstance(leaf, Prefix):
        return any(row.has((s,)) for s in leaf.stems)
    if isinstance(leaf, Concepts):
        return not row.concepts.isdisjoint(leaf.keys)
    return _field_match(leaf, row, doc)


def row_matches(node: Node, row: Row, doc: DocMeta) -> bool:
    """Does the whole plan match this one passage? (Used by the question bank.)"""
    if isinstance(node, (Words, Prefix, Field)):
        return leaf_matches(node, row, doc)
    if isinstance(node, Syn):
        return (row_matches(node.original, row, doc)
                or not row.concepts.isdisjoint(node.concepts.keys))
    if isinstance(node, Neg):
        return not row_matches(node.child, row, doc)
    if isinstance(node, AllOf):
        return all(row_matches(c, row, doc) for c in node.children)
    return any(row_matches(c, row, doc) for c in node.children)


class PassageScorer:
    """Which passages of a matched document speak to the query, and how strongly.

    A passage is shown as matched when any positive part of the query occurs in it; its score
    sums the weight x idf of each part found, so rarer and typed (not expanded) words count more.
    """

    def __init__(self, root: Node, idf: Callable[[str, str], float]) -> None:
        self.leaves: list[tuple[Leaf, float]] = []
        seen: set[Leaf] = set()
        for leaf, weight in positive_leaves(root):
            if leaf in seen:
                continue
            seen.add(leaf)
            if isinstance(leaf, Words):
                weight *= max(idf(BODY, s) for s in leaf.stems) * (1 + 0.2 * (len(leaf.stems) - 1))
            elif isinstance(leaf, Prefix):
                weight *= max((idf(BODY, s) for s in leaf.stems), default=0.0)
            elif isinstance(leaf, Concepts):
                weight *= max((idf(CONCEPT, k) for k in leaf.keys), default=0.0)
            else:  # tags: present or not, a modest fixed weight
                if leaf.targets and leaf.targets[0][0] not in (THEME, AGENCY):
                    continue  # board/year/type/child describe the document, not a passage
                weight *= 1.0
            self.leaves.append((leaf, weight))

    def score(self, row: Row, doc: DocMeta) -> float:
        total = 0.0
        for leaf, weight in self.leaves:
            if leaf_matches(leaf, row, doc):
                total += weight
        return total


def idf_from(doc_frequency: Callable[[str, str], int], n_docs: int,
             ) -> Callable[[str, str], float]:
    """BM25's idf of a term in a field, cached."""
    cache: dict[tuple[str, str], float] = {}

    def idf(fieldname: str, term: str) -> float:
        v = cache.get((fieldname, term))
        if v is None:
            df = doc_frequency(fieldname, term)
            v = cache[(fieldname, term)] = math.log(1 + (n_docs - df + 0.5) / (df + 0.5))
        return v

    return idf
