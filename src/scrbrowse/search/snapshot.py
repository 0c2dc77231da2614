"""One open version of the index: its searcher, the per-document maps and caches built on it.

Swapped as a whole after an update, so a search never sees half of an old and half of a new index.
Not thread-safe by itself: the engine uses it under its lock.
"""

from __future__ import annotations

import heapq
import logging
from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from itertools import islice, takewhile
from typing import Any, Generic, TypeVar

from .api import FacetValue
from .evaluation.evaluator import Evaluator, Stopped, deadline_check, ids_of
from .evaluation.facets import FacetTable
from .evaluation.passages import PassageScorer
from .index import postings as fastindex
from .index.catalogue import Meta
from .index.postings import F_BODY, F_CONCEPT
from .index.schema import CONCEPT, SPELL
from .query.plan import Node, Plan, make_plan
from .text.analysis import stem
from .text.synonyms import SynonymIndex

log = logging.getLogger("scrbrowse.search")

MAX_PREFIX_TERMS = 40
PREFIX_POSTINGS_PER_DOC = 3
MAX_PREFIX_SCAN = 3000
# Index words kept per two-letter start (see `words_from`; 32 starts); a start with more is
# read from Whoosh each time.
MAX_START_WORDS = 5000
_TOO_MANY: list[str] = []

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class LRU(Generic[K, V]):
    def __init__(self, size: int) -> None:
        self.size = size
        self.data: OrderedDict[K, V] = OrderedDict()

    def get(self, key: K) -> V | None:
        value = self.data.get(key)
        if value is not None:
            self.data.move_to_end(key)
        return value

    def put(self, key: K, value: V) -> V:
        self.data[key] = value
        self.data.move_to_end(key)
        while len(self.data) > self.size:
            self.data.popitem(last=False)
        return value


@dataclass
class Ranked:
    """What a query matched (a bit set over the fast index's document numbers) and the scores."""

    bits: int
    scores: list[float]
    timed_out: bool


class IndexView:
    """Everything tied to one version of the index, swapped as a whole after an update."""

    def __init__(self, ix: Any, meta: Meta, previous: IndexView | None = None,
                 checked: fastindex.FastIndex | None = None) -> None:
        """`previous`: the view this one replaces, whose unchanged segments' arrays are kept
        (already mapped and checked); or `checked`, the arrays as checked on opening."""
        self.ix = ix
        self.meta = meta
        self.searcher = ix.searcher()
        self.reader = self.searcher.reader()
        self.taxonomy = meta.taxonomy
        self.synonyms = SynonymIndex.for_taxonomy(meta.taxonomy)
        try:
            self.fast: fastindex.FastIndex = fastindex.FastIndex(
                self.reader, ix.storage, previous.fast if previous is not None else checked)
        except BaseException:
            self.searcher.close()
            raise
        self.evaluator = Evaluator(self.fast)
        self.facets = FacetTable(meta.docs, meta.taxonomy, self.fast.doc_ids)
        docs = meta.docs.values()
        dated = sorted((d for d in docs if d.published), key=lambda d: (d.published or "", d.id),
                       reverse=True)
        undated = sorted((d for d in docs if not d.published), key=lambda d: d.id)
        self.browse_order = [d.id for d in dated + undated if d.id in self.fast.number]
        self.browse_rank = [0] * self.fast.size  # per document number: position when browsing
        number = self.fast.number
        # Ties in a ranked list go by browse order, checked records before unchecked drafts.
        for i, d in enumerate(sorted(self.browse_order, key=lambda d: meta.docs[d].draft)):
            self.browse_rank[number[d]] = i
        self.plans: LRU[str, Plan] = LRU(64)
        self.ranked: LRU[Hashable, Ranked] = LRU(32)
        self.scorers: LRU[Hashable, PassageScorer] = LRU(32)
        self.corrections: dict[str, str | None] = {}  # did-you-mean, per typed word
        self.starts: LRU[str, list[str]] = LRU(32)  # index words by their first two letters
        self.filtered: LRU[Hashable, tuple[int, dict[str, tuple[FacetValue, ...]]]] = LRU(32)

    def close(self) -> None:
        self.fast.close()
        try:
            self.searcher.close()
        except Exception:
            log.debug("closing searcher", exc_info=True)

    def idf(self, field: str, term: str) -> float:
        """BM25's idf of an index term (Whoosh field names, as the passage scorer uses them)."""
        return self.evaluator.idf(F_CONCEPT if field == CONCEPT else F_BODY, term)

    # -- building blocks

    def plan(self, text: str) -> Plan:
        key = text if isinstance(text, str) else repr(text)
        got = self.plans.get(key)
        if got is None:
            got = self.plans.put(key, make_plan(text, self.synonyms, self.expand_prefix,
                                                self.known))
        return got

    def expand_prefix(self, prefix: str) -> tuple[tuple[str, ...], bool]:
        """The most common index terms of words starting with prefix (bounded)."""
        words = self.words_from(prefix, MAX_PREFIX_SCAN + 1)
        truncated = len(words) > MAX_PREFIX_SCAN
        stems = {stem(word) for word in words[:MAX_PREFIX_SCAN]}
        df = self.doc_frequency
        ranked = sorted(stems, key=lambda s: (-df(s), s))
        # Also bounded by the postings to read: a few very common words already match most of
        # the corpus, and each further one costs time without changing what is found.
        out: list[str] = []
        budget = PREFIX_POSTINGS_PER_DOC * max(1, len(self.fast.number))
        for s in ranked[:MAX_PREFIX_TERMS]:
            if out and budget <= 0:
                break
            out.append(s)
            budget -= df(s)
        return tuple(out), truncated or len(out) < len(ranked)

    def words_from(self, prefix: str, limit: int) -> list[str]:
        """The first `limit` index words (Whoosh's unstemmed spelling list) starting with
        `prefix`, in order. Those of each two-letter start are read from Whoosh once per index
        version and kept: typing asks for the same start again and again (a few milliseconds
        each time at 10,000 documents: a prefix search, a did-you-mean)."""
        head = prefix[:2]
        words = self.starts.get(head) if len(head) == 2 else _TOO_MANY
        if words is None:
            words = self._read_words(head, MAX_START_WORDS + 1)
            self.starts.put(head, words if len(words) <= MAX_START_WORDS else _TOO_MANY)
        if words is _TOO_MANY or len(words) > MAX_START_WORDS:
            return self._read_words(prefix, limit)
        at = bisect_left(words, prefix)
        return list(takewhile(lambda w: w.startswith(prefix), words[at:at + limit]))

    def _read_words(self, prefix: str, limit: int) -> list[str]:
        return [b.decode("utf-8") if isinstance(b, bytes) else b
                for b in islice(self.reader.expand_prefix(SPELL, prefix), limit)]

    def doc_frequency(self, term: str) -> int:
        return self.fast.doc_frequency(F_BODY, term)

    def rank(self, key: Hashable, root: Node, deadline: float,
             should_stop: Callable[[], bool] | None = None) -> Ranked:
        """What the plan matches, with scores; typed words in titles count extra."""
        got = self.ranked.get(key)
        if got is not None:
            return got
        try:
            bits, scores = self.evaluator.ranked(root, deadline_check(deadline, should_stop))
        except Stopped:
            return Ranked(0, [], True)
        return self.ranked.put(key, Ranked(bits, scores, False))

    def top(self, ranked: Ranked | None, keep: int, offset: int, limit: int) -> list[str]:
        """Documents offset..offset+limit of those kept, best first (browse order without a
        query)."""
        want = offset + limit
        doc_ids = self.fast.doc_ids
        if want <= 0 or not keep:
            return []
        if ranked is None:
            number = self.fast.number
            out = []
            for d in self.browse_order:
                if keep >> number[d] & 1:
                    out.append(d)
                    if len(out) >= want:
                        break
            return out[offset:]
        scores, rank = ranked.scores, self.browse_rank
        ids = ids_of(keep)
        best = heapq.nlargest(want, ids, key=scores.__getitem__)  # a C-level key: fast
        if len(best) == want:
            # Every document tying with the last one, so ties go by browse order as elsewhere.
            floor = scores[best[-1]]
            best = [g for g in ids if scores[g] >= floor]
        _rank_sort(best, scores, rank)
        return [d for d in (doc_ids[g] for g in best[offset:want]) if d is not None]

    def order(self, ranked: Ranked) -> list[str]:
        """Every matched document, best first."""
        found = ids_of(ranked.bits)
        _rank_sort(found, ranked.scores, self.browse_rank)
        doc_ids = self.fast.doc_ids
        return [d for d in (doc_ids[g] for g in found) if d is not None]

    def raw_rows(self, doc_id: str) -> list[tuple[Any, ...]]:
        """A document's passage rows (`passage_rows.Row`), from Whoosh's stored fields."""
        return self.fast.rows(doc_id) or []

    def scorer(self, plan: Plan) -> PassageScorer | None:
        if plan.root is None:
            return None
        key = (plan.text, plan.relaxed)
        got = self.scorers.get(key)
        if got is None:
            got = self.scorers.put(key, PassageScorer(plan.root, self.idf))
        return got

    def known(self, stem_text: str) -> bool:
        return self.fast.doc_frequency(F_BODY, stem_text) > 0

    def in_vocabulary(self, word: str) -> bool:
        return (SPELL, word) in self.reader


def _rank_sort(numbers: list[int], scores: list[float], rank: list[int]) -> None:
    """Best score first, ties in browse order: two stable sorts with C-level keys (a key
    function in Python cost 0.3 s for 37,000 near-ties at 50,000 documents)."""
    numbers.sort(key=rank.__getitem__)
    numbers.sort(key=scores.__getitem__, reverse=True)
