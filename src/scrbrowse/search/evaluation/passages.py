"""A query plan on one passage: does the passage match it (the question bank), and how strongly
does it speak to it (the matched passages shown under a hit).

Documents are found by `evaluation/evaluator.py` over the postings; this module only ever looks at the stored
rows of documents already found, so the meaning of each leaf is written here once:

- words, or a phrase: the terms in this order in the passage's analysed terms (phrases never
  cross a sentence end: the stored terms mark them);
- a prefix (`safeguard*`): any of the index terms it was expanded to;
- a taxonomy entry (the other phrasings of a synonym): a tagged mention in the passage;
- `theme:` and `agency:`: the passage's tags (its own, else its document's, as stored);
- `year:`, `type:`, `review:`, `board:`, `child:`: the passage's document.

A stored row is `passage_rows.decode_rows`'s tuple: item id, kind, heading, text, themes, agencies,
terms (space-separated, no padding), concepts.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from functools import lru_cache
from typing import Any

from ..api import UNDATED
from ..index.catalogue import DocMeta
from ..index.passage_rows import padded as padded  # the question bank's, too
from ..index.schema import AGENCY, BOARD, BODY, CHILD, DOC_TYPE, REVIEW_TYPE, THEME, YEAR
from ..query.plan import (
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
from ..text.analysis import WORD_RE
from ..text.synonyms import has_sequence
from .scoring import Unit, needle_of, query_units, rows_evidence

# (padded terms " a b c ", concepts, themes, agencies, document) -> does the passage match?
PassageTest = Callable[[str, Collection[str], Collection[str], Collection[str], DocMeta], bool]


@lru_cache(maxsize=50_000)
def _names(text: str) -> tuple[str, ...]:
    """Lower-case words of a board or child name (as the SimpleAnalyzer fields hold them)."""
    return tuple(w.lower() for w in WORD_RE.findall(text))


def _doc_field(fld: str, value: tuple[str, ...], doc: DocMeta) -> bool:
    if fld == YEAR:
        return (doc.year or UNDATED) == value[0]
    if fld == DOC_TYPE:
        return doc.doc_type == value[0]
    if fld == REVIEW_TYPE:
        return doc.review_type == value[0]
    if fld == BOARD:
        return has_sequence(_names(" ".join(x for x in (doc.board, doc.area) if x)), value)
    if fld == CHILD:
        return has_sequence(_names(doc.child), value)
    return False


def leaf_test(leaf: Leaf) -> PassageTest:
    """The one definition of what a leaf matches in a passage (see the module's docstring)."""
    if isinstance(leaf, (Words, Prefix)):
        wanted = needles(leaf)
        return lambda terms, _c, _t, _a, _d: any(n in terms for n in wanted)
    if isinstance(leaf, Concepts):
        # A tagged mention of an entry, or one of the everyday or formal words in the text.
        keys = frozenset(leaf.keys)
        said = needles(leaf)
        return lambda terms, concepts, _t, _a, _d: (not keys.isdisjoint(concepts)
                                                    or any(n in terms for n in said))
    targets = leaf.targets

    def field(_p: str, _c: Collection[str], themes: Collection[str], agencies: Collection[str],
              doc: DocMeta) -> bool:
        for fld, value in targets:
            if fld == THEME:
                hit = value[0] in themes
            elif fld == AGENCY:
                hit = value[0] in agencies
            else:
                hit = _doc_field(fld, value, doc)
            if hit:
                return True
        return False

    return field


LeafBits = Callable[[Leaf], int]


def plan_bits(node: Node, leaf: LeafBits, everything: int) -> int:
    """Which passages match the whole plan, as a bit set over a table of passages (bit i:
    passage i; `everything`: all of them), from what each leaf matches (`leaf`, following
    `leaf_test`'s meaning). One passage is the table of one.

    Words written side by side must all be in the passage: the question bank filters passages
    rather than ranking them (documents rank instead, see `evaluate.Evaluator._some`), and a
    question holding one word of three says little. Words beside a strict part (a phrase, a
    field) only rank, so the strict part alone decides."""
    if isinstance(node, (Words, Prefix, Field)):
        return leaf(node)
    if isinstance(node, Syn):
        return plan_bits(node.original, leaf, everything) | leaf(node.concepts)
    if isinstance(node, Neg):
        return everything & ~plan_bits(node.child, leaf, everything)
    if isinstance(node, Some) and not node.required:
        return everything
    if isinstance(node, AnyOf):
        out = 0
        for child in node.children:
            out |= plan_bits(child, leaf, everything)
        return out
    out = everything
    for child in node.children:  # AllOf, and a Some that must match
        out &= plan_bits(child, leaf, everything)
        if not out:
            break
    return out


def needles(leaf: Words | Prefix | Concepts) -> tuple[str, ...]:
    """What `leaf_test` looks for in a passage's padded terms: any of these substrings."""
    if isinstance(leaf, Concepts):
        return tuple(needle_of(w) for w in leaf.words)
    if isinstance(leaf, Words):
        return (needle_of(leaf.stems),)
    return tuple(needle_of((s,)) for s in leaf.stems)


def doc_field(leaf: Field, doc: DocMeta) -> bool:
    """Does a field leaf about the document (`year:`, `type:`, ...) match it?"""
    return any(fld not in (THEME, AGENCY) and _doc_field(fld, value, doc)
               for fld, value in leaf.targets)


class PassageScorer:
    """Which passages of a matched document speak to the query, and how strongly.

    A passage's score is `scoring.passage_evidence`'s (the typed words it holds, by rarity; taxonomy
    phrasings count less; more when the words sit close together), the same score that ranks the
    document, plus a modest fixed weight for each theme:/agency: tag of the query it carries
    (board, year, type and child describe the document, not a passage). A passage scoring 0 is
    not shown as matched.
    """

    def __init__(self, root: Node, idf: Callable[[str, str], float]) -> None:
        self.units: list[Unit] = query_units(root, lambda s: idf(BODY, s))
        tags: dict[Field, float] = {}  # the query's theme: and agency: tags, each once
        for leaf, weight in positive_leaves(root):
            if isinstance(leaf, Field) and leaf.targets and leaf.targets[0][0] in (THEME, AGENCY):
                tags.setdefault(leaf, weight)
        self._tags = [(leaf_test(leaf), weight) for leaf, weight in tags.items()]

    def score_rows(self, rows: Sequence[Sequence[Any]], doc: DocMeta) -> list[float]:
        """The score of each of a document's rows as stored (see the module's docstring),
        without decoding them."""
        scores = [top for top, _held in rows_evidence(rows, self.units)]
        for test, weight in self._tags:
            for i, raw in enumerate(rows):
                if test("", (), raw[4], raw[5], doc):
                    scores[i] += weight
        return scores
