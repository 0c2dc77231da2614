"""One open version of the index: its searcher, the per-document maps and caches built on it.

Swapped as a whole after an update, so a search never sees half of an old and half of a new index.
Not thread-safe by itself: the engine uses it under its lock.
"""

from __future__ import annotations

import logging
import time
from collections import OrderedDict
from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from whoosh import query as wq
from whoosh.collectors import TimeLimit, WrappingCollector

from .analysis import stem
from .api import FacetValue
from .facets import FacetTable
from .matching import PassageScorer, idf_from, title_bonus
from .meta import Meta
from .query import Node, Plan, make_plan
from .rows import Row, decode_rows
from .schema import BODY, CONCEPT, DOC_ID, PASSAGES, SPELL
from .scoring import CachedLengthBM25F
from .synonyms import SynonymIndex

log = logging.getLogger("scrbrowse.search")

MAX_PREFIX_TERMS = 40
PREFIX_POSTINGS_PER_DOC = 3
MAX_PREFIX_SCAN = 3000

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


class Deadline(WrappingCollector):
    """Stops collecting at a deadline. Checks the clock itself: Whoosh's TimeLimitCollector uses
    SIGALRM, which only works in the main thread and would disturb the app."""

    def __init__(self, child: Any, deadline: float) -> None:
        super().__init__(child)
        self.deadline = deadline

    def collect_matches(self) -> None:
        child = self.child
        for n, sub_docnum in enumerate(child.matches(), 1):
            child.collect(sub_docnum)
            if not n & 63 and time.monotonic() > self.deadline:
                raise TimeLimit


@dataclass
class Ranked:
    ids: list[str]
    scores: dict[str, float]
    timed_out: bool


class IndexView:
    """Everything tied to one version of the index, swapped as a whole after an update."""

    def __init__(self, ix: Any, meta: Meta) -> None:
        self.ix = ix
        self.meta = meta
        weighting = CachedLengthBM25F()
        self.searcher = ix.searcher(weighting=weighting)
        weighting.prepare(self.searcher, (BODY, CONCEPT))
        self.reader = self.searcher.reader()
        self.generation = meta.generation
        self.taxonomy = meta.taxonomy
        self.synonyms = SynonymIndex.for_taxonomy(meta.taxonomy)
        self.facets = FacetTable(meta.docs, meta.taxonomy)
        docs = meta.docs.values()
        dated = sorted((d for d in docs if d.published), key=lambda d: (d.published or "", d.id),
                       reverse=True)
        undated = sorted((d for d in docs if not d.published), key=lambda d: d.id)
        self.browse_order = [d.id for d in dated + undated]
        self.browse_rank = {d: i for i, d in enumerate(self.browse_order)}
        # docnum -> document id, read once from the id column (stored fields hold big blobs)
        n = self.reader.doc_count_all()
        col = self.reader.column_reader(DOC_ID) if self.reader.has_column(DOC_ID) else None
        self.doc_of: list[str | None] = [None] * n
        self.docnum: dict[str, int] = {}
        for docnum in self.reader.all_doc_ids():
            did = col[docnum] if col is not None else self.reader.stored_fields(docnum)[DOC_ID]
            if isinstance(did, bytes):
                did = did.decode("utf-8")
            self.doc_of[docnum] = did
            self.docnum[did] = docnum
        self.idf = idf_from(self.reader.doc_frequency, max(1, len(self.docnum)))
        self.plans: LRU[str, Plan] = LRU(64)
        self.ranked: LRU[Hashable, Ranked] = LRU(32)
        self.rows_cache: LRU[str, list[Row]] = LRU(256)
        self.scorers: LRU[Hashable, PassageScorer] = LRU(32)
        self.filtered: LRU[Hashable, tuple[list[str], dict[str, tuple[FacetValue, ...]]]] = (
            LRU(32))

    def close(self) -> None:
        try:
            self.searcher.close()
        except Exception:
            log.debug("closing searcher", exc_info=True)

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
        stems: set[str] = set()
        truncated = False
        for i, btext in enumerate(self.reader.expand_prefix(SPELL, prefix)):
            if i >= MAX_PREFIX_SCAN:
                truncated = True
                break
            word = btext.decode("utf-8") if isinstance(btext, bytes) else btext
            stems.add(stem(word))
        df = self.reader.doc_frequency
        ranked = sorted(stems, key=lambda s: (-df(BODY, s), s))
        # Also bounded by the postings to read: a few very common words already match most of
        # the corpus, and each further one costs time without changing what is found.
        out: list[str] = []
        budget = PREFIX_POSTINGS_PER_DOC * max(1, len(self.docnum))
        for s in ranked[:MAX_PREFIX_TERMS]:
            if out and budget <= 0:
                break
            out.append(s)
            budget -= df(BODY, s)
        return tuple(out), truncated or len(out) < len(ranked)

    def rank(self, key: Hashable, q: wq.Query, deadline: float,
             root: Node | None = None) -> Ranked:
        """Every matching document, best first. With `root`, typed words in titles count extra."""
        got = self.ranked.get(key)
        if got is not None:
            return got
        collector = Deadline(self.searcher.collector(limit=None), deadline)
        timed_out = False
        try:
            self.searcher.search_with_collector(q, collector)
        except TimeLimit:
            timed_out = True
        results = collector.results()
        scores: dict[str, float] = {}
        doc_of = self.doc_of
        for docnum, score in results.items():
            did = doc_of[docnum] if docnum < len(doc_of) else None
            if did is not None:
                scores[did] = score
        if root is not None:
            bonus = title_bonus(root, self.idf)
            docs = self.meta.docs
            for did in scores:
                meta = docs.get(did)
                if meta is not None and meta.title_terms:
                    scores[did] += bonus(meta.title_terms)
        rank = self.browse_rank
        ids = sorted(scores, key=lambda d: (-round(scores[d], 6), rank.get(d, 0)))
        out = Ranked(ids, scores, timed_out)
        if not timed_out:
            self.ranked.put(key, out)
        return out

    def rows(self, doc_id: str) -> list[Row]:
        got = self.rows_cache.get(doc_id)
        if got is None:
            docnum = self.docnum.get(doc_id)
            if docnum is None:
                return []
            got = self.rows_cache.put(doc_id, decode_rows(self.searcher.stored_fields(docnum)[
                PASSAGES]))
        return got

    def scorer(self, plan: Plan) -> PassageScorer | None:
        if plan.root is None:
            return None
        key = (plan.text, plan.relaxed)
        got = self.scorers.get(key)
        if got is None:
            got = self.scorers.put(key, PassageScorer(plan.root, self.idf))
        return got

    def known(self, stem_text: str) -> bool:
        return self.reader.doc_frequency(BODY, stem_text) > 0

    def in_vocabulary(self, word: str) -> bool:
        return (SPELL, word) in self.reader
