"""Running a plan in memory over passage rows, and as a Whoosh query over document records.

Searches run on the fast postings (`evaluate.py`); the Whoosh query (`to_whoosh`) states the same
semantics over the Whoosh index and is what the tests check the evaluator against.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from whoosh import query as wq

from .analysis import WORD_RE
from .meta import DocMeta
from .query import (
    EXPANSION_WEIGHT,
    AllOf,
    AnyOf,
    Concepts,
    Field,
    Leaf,
    Neg,
    Node,
    Prefix,
    Some,
    Syn,
    Words,
    positive_leaves,
)
from .ranking import Unit, passage_score, query_units
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
    if isinstance(node, Some):
        # The question bank filters questions rather than ranking them, so words side by side
        # must all be in the question (documents rank instead: evaluate.Evaluator._some).
        return not node.required or all(row_matches(c, row, doc) for c in node.children)
    if isinstance(node, AllOf):
        return all(row_matches(c, row, doc) for c in node.children)
    return any(row_matches(c, row, doc) for c in node.children)


class PassageScorer:
    """Which passages of a matched document speak to the query, and how strongly.

    A passage is shown as matched when any positive part of the query occurs in it. Its score is
    `ranking.passage_score` (the typed words it holds, by rarity; taxonomy phrasings count less;
    more when the words sit close together), the same score that ranks the document, plus a
    modest fixed weight for each theme:/agency: tag of the query it carries.
    """

    def __init__(self, root: Node, idf: Callable[[str, str], float]) -> None:
        self.units: list[Unit] = query_units(root, lambda s: idf(BODY, s))
        self.leaves: list[tuple[Leaf, float]] = []
        seen: set[Leaf] = set()
        self._others: list[tuple[Field, float]] = []
        for leaf, weight in positive_leaves(root):
            if leaf in seen:
                continue
            seen.add(leaf)
            self.leaves.append((leaf, weight))
            if isinstance(leaf, Field) and leaf.targets and leaf.targets[0][0] in (THEME, AGENCY):
                # board/year/type/child describe the document, not a passage
                self._others.append((leaf, weight))
        # Concept-only parts (a prefix matching nothing typed, say) still mark a passage.
        self._concepts = frozenset(k for leaf, _w in self.leaves if isinstance(leaf, Concepts)
                                   for k in leaf.keys)

    def score(self, row: Row, doc: DocMeta) -> float:
        total = passage_score(row.terms, row.concepts, self.units)
        for leaf, weight in self._others:
            if leaf_matches(leaf, row, doc):
                total += weight
        return total

    def score_raw(self, raw: list[Any], doc: DocMeta) -> float:
        """`score` for a row as stored (rows.encode_rows), without decoding it."""
        total = passage_score(raw[6], raw[7], self.units)
        for leaf, weight in self._others:  # theme: and agency: tags (see __init__)
            for fld, value in leaf.targets:
                if value[0] in (raw[4] if fld == THEME else raw[5] if fld == AGENCY else ()):
                    total += weight
                    break
        return total
