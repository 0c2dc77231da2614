"""SearchEngine: the one object the app and the CLI use to search the corpus.

Thread-safe: one Whoosh searcher is kept open and used under a lock; updates are written outside
that lock and swapped in when done. Every public method returns something usable for any input
or index fault; details of unexpected errors go to the log.

Time bound: a search stops collecting matches after `MATCH_SECONDS` and skips per-passage work
for hits still waiting at `PAGE_SECONDS`, so every call returns within about one second
(typically a few milliseconds) whatever is typed. See docs/searching.md.
"""

from __future__ import annotations

import logging
import math
import re
import threading
import time
from collections import Counter, OrderedDict
from collections.abc import Hashable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Generic, TypeVar

from whoosh import query as wq
from whoosh.collectors import TimeLimit, WrappingCollector

from ..corpus import load_record_bytes
from ..model import Document, PassageKind
from ..problems import Problem
from ..taxonomy import Taxonomy
from . import whooshfix
from .analysis import WORD_RE, is_indexable, stem
from .api import (
    DocumentHit,
    FacetValue,
    Filters,
    IndexStatus,
    PassageHit,
    SearchRequest,
    SearchResult,
    Snippet,
)
from .facets import FacetTable
from .highlight import find_spans, lead_snippet, make_snippet
from .indexer import Progress
from .lifecycle import Opened, Opener, problems_of
from .matching import PassageScorer, idf_from, root_query, row_matches, title_bonus
from .meta import DocMeta, Meta
from .query import Node, Plan, make_plan, without_negations
from .rows import Row, decode_rows
from .schema import BODY, DOC_ID, PASSAGES, SPELL, THEME
from .scoring import CachedLengthBM25F
from .synonyms import SynonymIndex

__all__ = ["SearchEngine", "find_spans"]

log = logging.getLogger("scrbrowse.search")
whooshfix.apply()

MATCH_SECONDS = 0.6  # collecting matching documents
PAGE_SECONDS = 0.85  # after this, hits are returned without their matched passages
PASSAGE_SNIPPETS = 1  # passages per hit that get a snippet with marks; later ones get the opening
MAX_PREFIX_TERMS = 40
PREFIX_POSTINGS_PER_DOC = 3
MAX_PREFIX_SCAN = 3000
MAX_PASSAGE_LIMIT = 5000
MAX_SUGGEST_WORDS = 3  # unknown words corrected per query
MAX_SUGGEST_CHARS = 24
MAX_SPLIT_HEAD = 8  # "childprotection" -> "child protection"; longer heads are unlikely

NOTE_RELAXED = ("No document has all of your words, so these results have some of them "
                "(most first).")
NOTE_SLOW = "The search took too long and was stopped early; some results may be missing."
NOTE_BROKEN = ("The search index could not be read just now; it will be rebuilt when scrbrowse "
               "next starts (or run: scrbrowse index --rebuild).")
NOTE_PASSAGES = "Matched passages are shown for the first results only, to keep things quick."

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class _LRU(Generic[K, V]):
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


class _Deadline(WrappingCollector):
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
class _Ranked:
    ids: list[str]
    scores: dict[str, float]
    timed_out: bool


class _View:
    """Everything tied to one version of the index, swapped as a whole after an update."""

    def __init__(self, ix: Any, meta: Meta) -> None:
        self.ix = ix
        self.meta = meta
        self.searcher = ix.searcher(weighting=CachedLengthBM25F())
        self.reader = self.searcher.reader()
        self.generation = meta.generation
        self.taxonomy = meta.taxonomy
        self.synonyms = SynonymIndex.build(meta.taxonomy)
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
        self.plans: _LRU[str, Plan] = _LRU(64)
        self.ranked: _LRU[Hashable, _Ranked] = _LRU(32)
        self.rows_cache: _LRU[str, list[Row]] = _LRU(512)
        self.scorers: _LRU[Hashable, PassageScorer] = _LRU(32)
        self.filtered: _LRU[Hashable, tuple[list[str], dict[str, tuple[FacetValue, ...]]]] = (
            _LRU(32))

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
             root: Node | None = None) -> _Ranked:
        """Every matching document, best first. With `root`, typed words in titles count extra."""
        got = self.ranked.get(key)
        if got is not None:
            return got
        collector = _Deadline(self.searcher.collector(limit=None), deadline)
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
        out = _Ranked(ids, scores, timed_out)
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


class SearchEngine:
    """Search over one corpus folder. Create with `SearchEngine.open(...)`."""

    def __init__(self, corpus_dir: Path, opened: Opened, problems: list[Problem]) -> None:
        self.corpus_dir = corpus_dir
        self._opened = opened
        self._lock = threading.RLock()  # guards the view and the searcher
        self._update_lock = threading.Lock()  # one refresh at a time
        self._view: _View | None = _View(opened.ix, opened.meta)
        self.problems: list[Problem] = problems
        self.status = self._make_status(opened)
        self._documents: _LRU[str, Document] = _LRU(16)
        self._broken = False
        self.last_update = opened.result  # for diagnostics and tests: what the last update did

    # -- opening

    @classmethod
    def open(cls, corpus_dir: Path | str, index_dir: Path | str | None = None, *,
             rebuild: bool = False, progress: Progress | None = None) -> SearchEngine:
        corpus = Path(corpus_dir).expanduser()
        opener = Opener(corpus, progress)
        try:
            opened = opener.open(Path(index_dir).expanduser() if index_dir else None,
                                 rebuild=rebuild)
        except Exception as exc:  # last resort: an index held in memory still serves the session
            log.exception("opening the index failed")
            opened = opener.in_memory([f"The index could not be opened ({exc.__class__.__name__}),"
                                       " so it was built in memory for this session."])
        return cls(corpus, opened, problems_of(opened, corpus))

    @staticmethod
    def _make_status(opened: Opened) -> IndexStatus:
        return IndexStatus(
            location=opened.location, documents=len(opened.meta.docs),
            fell_back=opened.fell_back, read_only=opened.read_only, rebuilt=opened.rebuilt,
            updated=tuple(opened.updated), removed=tuple(opened.removed),
            messages=tuple(opened.messages))

    @property
    def taxonomy(self) -> Taxonomy:
        view = self._view
        return view.taxonomy if view is not None else Taxonomy()

    def refresh(self) -> IndexStatus:
        """Re-check the corpus folder, update the index if files changed, and use the result."""
        with self._update_lock:
            try:
                opened = self._reopen()
            except Exception as exc:
                log.exception("refreshing the index failed")
                self.status = replace(self.status, messages=(
                    f"The index could not be updated ({exc.__class__.__name__}); details are in "
                    "the log.",))
                return self.status
            with self._lock:
                old = self._view
                self._view = _View(opened.ix, opened.meta)
                self._opened = opened
                self._broken = False
                self._documents = _LRU(16)
                self.problems = problems_of(opened, self.corpus_dir)
                self.status = self._make_status(opened)
                self.last_update = opened.result
                if old is not None:
                    old.close()
            return self.status

    def _reopen(self) -> Opened:
        prev = self._opened
        opener = Opener(self.corpus_dir, None)
        if prev.folder is None:  # in memory: rebuild there if anything changed
            from .indexer import compute_diff

            if not self._broken and not compute_diff(prev.meta, self.corpus_dir,
                                                     opener.corpus_key).stale:
                return replace(prev, messages=[], rebuilt=False, updated=[], removed=[],
                               result=None)
            return opener.in_memory(list(prev.messages[:1]))
        if prev.writable:
            opened = opener.open_writable(prev.folder, rebuild=self._broken, messages=[])
            opened.fell_back = prev.fell_back
            return opened
        return opener.open(prev.folder, rebuild=False)

    def close(self) -> None:
        with self._lock:
            if self._view is not None:
                self._view.close()
            self._view = None

    # -- documents

    def document(self, doc_id: str) -> Document | None:
        """The full document, read from its corpus file (cached for the last few)."""
        with self._lock:
            view = self._view
            if view is None:
                return None
            got = self._documents.get(doc_id)
            if got is not None:
                return got
            meta = view.meta.docs.get(doc_id)
            taxonomy = view.taxonomy
        if meta is None:
            return None
        path = self.corpus_dir / meta.file
        try:
            doc, _problems = load_record_bytes(path.read_bytes(), str(path), taxonomy)
        except OSError:
            log.warning("cannot read %s", path, exc_info=True)
            return None
        if doc is None or doc.id != doc_id:
            return None
        with self._lock:
            self._documents.put(doc_id, doc)
        return doc

    def linked(self, doc_id: str) -> list[DocumentHit]:
        """The other documents of the same review, newest first."""
        with self._lock:
            view = self._view
            if view is None or doc_id not in view.meta.docs:
                return []
            review = view.meta.docs[doc_id].review_id
            docs = view.meta.docs
            return [self._bare_hit(view, docs[d]) for d in view.browse_order
                    if d != doc_id and docs[d].review_id == review]

    # -- searching

    def search(self, request: SearchRequest) -> SearchResult:
        started = time.perf_counter()
        try:
            with self._lock:
                return self._search(request, started)
        except Exception:
            log.exception("search failed for %r", request.query)
            self._broken = True
            return self._empty(request, started, NOTE_BROKEN)

    def _empty(self, request: SearchRequest, started: float, note: str) -> SearchResult:
        view = self._view
        return SearchResult(request, 0, len(view.meta.docs) if view else 0, (), {}, notes=(note,),
                            elapsed_ms=(time.perf_counter() - started) * 1000)

    def _search(self, request: SearchRequest, started: float) -> SearchResult:
        view = self._view
        if view is None:
            return self._empty(request, started, "The search engine is closed.")
        t0 = time.monotonic()
        plan = view.plan(request.query)
        notes = list(plan.notes)
        if plan.root is None:
            order = view.browse_order
            scores: dict[str, float] = {}
        else:
            ranked = view.rank((plan.text, False), root_query(plan.root), t0 + MATCH_SECONDS,
                               plan.root)
            if not ranked.ids and not ranked.timed_out:
                relaxed = plan.relax()
                if relaxed is not None and relaxed.root is not None:
                    again = view.rank((plan.text, True), root_query(relaxed.root),
                                      t0 + MATCH_SECONDS, relaxed.root)
                    if again.ids:
                        plan, ranked = relaxed, again
                        notes.append(NOTE_RELAXED)
            if ranked.timed_out:
                notes.append(NOTE_SLOW)
            order, scores = ranked.ids, ranked.scores
        fkey = (plan.text, plan.relaxed, request.filters, request.with_facets)
        cached = view.filtered.get(fkey)
        if cached is None:
            cached = view.filtered.put(fkey, view.facets.apply(order, request.filters,
                                                               counts=request.with_facets))
        allowed, facets = cached
        limit = max(0, int(request.limit))
        offset = max(0, int(request.offset))
        page = allowed[offset:offset + limit]
        hits = []
        skipped = False
        for did in page:
            with_passages = request.with_passages and plan.root is not None
            cheap = time.monotonic() > t0 + PAGE_SECONDS
            if with_passages and cheap:
                with_passages, skipped = False, True
            hits.append(self._hit(view, view.meta.docs[did], scores.get(did, 0.0), plan,
                                  with_passages, marks=not cheap))
        if skipped:
            notes.append(NOTE_PASSAGES)
        suggestion = None
        if plan.root is not None and time.monotonic() < t0 + PAGE_SECONDS:
            suggestion = self._suggest(view, plan, t0 + PAGE_SECONDS)
        return SearchResult(
            request=request, total=len(allowed), corpus_total=len(view.meta.docs),
            hits=tuple(hits), facets=facets, expanded=plan.expanded, terms=plan.terms,
            notes=tuple(notes), suggestion=suggestion,
            elapsed_ms=(time.perf_counter() - started) * 1000)

    def _hit(self, view: _View, meta: DocMeta, score: float, plan: Plan,
             with_passages: bool, *, marks: bool = True) -> DocumentHit:
        passages: tuple[PassageHit, ...] = ()
        snippet: Snippet | None = None
        if with_passages:
            passages = self._passage_hits(view, meta, plan)
            if passages:
                snippet = passages[0].snippet
        if snippet is None:
            snippet = (make_snippet(meta.lead, plan.terms) if plan.terms and marks
                       else lead_snippet(meta.lead))
        return self._doc_hit(view, meta, score, snippet, passages)

    def _passage_hits(self, view: _View, meta: DocMeta, plan: Plan) -> tuple[PassageHit, ...]:
        scorer = view.scorer(plan)
        if scorer is None:
            return ()
        scored = []
        for i, row in enumerate(view.rows(meta.id)):
            s = scorer.score(row, meta)
            if s > 0:
                scored.append((s, i, row))
        scored.sort(key=lambda x: (-x[0], x[1]))
        out = []
        for rank, (s, _i, row) in enumerate(scored):
            snip = (make_snippet(row.text, plan.terms) if rank < PASSAGE_SNIPPETS
                    else lead_snippet(row.text))
            out.append(PassageHit(row.item_id, row.kind, row.heading, row.text, snip, s))
        return tuple(out)

    def _doc_hit(self, view: _View, m: DocMeta, score: float, snippet: Snippet,
                 passages: tuple[PassageHit, ...]) -> DocumentHit:
        return DocumentHit(
            doc_id=m.id, title=m.title, review=m.review, review_id=m.review_id, board=m.board,
            year=m.year, published=m.published, doc_type=m.doc_type,
            doc_type_label=view.taxonomy.label("doc_types", m.doc_type),
            restricted=m.restricted, restriction=m.restriction, score=score, snippet=snippet,
            passages=passages, restriction_label=m.restriction_label)

    def _bare_hit(self, view: _View, m: DocMeta, score: float = 0.0) -> DocumentHit:
        return self._doc_hit(view, m, score, lead_snippet(m.lead), ())

    def search_passages(self, query: str, filters: Filters, kinds: frozenset[PassageKind],
                        limit: int = 200) -> list[tuple[DocumentHit, PassageHit]]:
        """Every passage of the given kinds matching the query (all of them for an empty query),
        from the best-matching documents first, in reading order within a document.

        Theme and agency filters apply to each passage's own tags (or its document's, when the
        passage has none); the other filters to its document."""
        try:
            with self._lock:
                return self._search_passages(query, filters, kinds, limit)
        except Exception:
            log.exception("passage search failed for %r", query)
            self._broken = True
            return []

    def _search_passages(self, query: str, filters: Filters, kinds: frozenset[PassageKind],
                         limit: int) -> list[tuple[DocumentHit, PassageHit]]:
        view = self._view
        if view is None:
            return []
        t0 = time.monotonic()
        plan = view.plan(query)
        kinds = frozenset(kinds) or frozenset(PassageKind)
        root = plan.root
        if root is None:
            order = view.browse_order
        else:
            pre = without_negations(root)
            order = (view.rank((plan.text, "positive"), root_query(pre), t0 + MATCH_SECONDS).ids
                     if pre is not None else view.browse_order)
        doc_filters = Filters(board=filters.board, year=filters.year, doc_type=filters.doc_type)
        themes, agencies = filters.theme, filters.agency
        scorer = view.scorer(plan)
        out: list[tuple[DocumentHit, PassageHit]] = []
        limit = max(0, min(int(limit), MAX_PASSAGE_LIMIT))
        for did in order:
            if len(out) >= limit or time.monotonic() > t0 + PAGE_SECONDS:
                break
            if not view.facets.passes(did, doc_filters):
                continue
            meta = view.meta.docs[did]
            found: list[PassageHit] = []
            for row in view.rows(did):
                if row.kind not in kinds:
                    continue
                if themes and row.themes.isdisjoint(themes):
                    continue
                if agencies and row.agencies.isdisjoint(agencies):
                    continue
                if root is not None and not row_matches(root, row, meta):
                    continue
                score = scorer.score(row, meta) if scorer is not None else 0.0
                snip = make_snippet(row.text, plan.terms) if plan.terms else lead_snippet(row.text)
                found.append(PassageHit(row.item_id, row.kind, row.heading, row.text, snip, score))
            if found:
                hit = self._doc_hit(view, meta, 0.0, found[0].snippet, tuple(found))
                out.extend((hit, p) for p in found)
        return out[:limit]

    def related(self, doc_id: str, limit: int = 5) -> list[DocumentHit]:
        """Other reviews most like this document (in words and themes), best first."""
        try:
            with self._lock:
                return self._related(doc_id, limit)
        except Exception:
            log.exception("related failed for %r", doc_id)
            return []

    def _related(self, doc_id: str, limit: int) -> list[DocumentHit]:
        view = self._view
        if view is None or doc_id not in view.meta.docs:
            return []
        me = view.meta.docs[doc_id]
        counts: Counter[str] = Counter()
        for row in view.rows(doc_id):
            counts.update(row.stems)
        n = max(1, len(view.docnum))
        weighted = []
        for s, c in counts.items():
            df = view.reader.doc_frequency(BODY, s)
            if len(s) < 3 or df < 2 or df > 0.6 * n:  # unique to this doc, or everywhere: no help
                continue
            weighted.append(((1 + math.log(c)) * view.idf(BODY, s), s))
        weighted.sort(reverse=True)
        clauses: list[wq.Query] = [wq.Term(BODY, s, boost=w) for w, s in weighted[:15]]
        clauses += [wq.Term(THEME, t, boost=0.5) for t in me.themes]
        if not clauses:
            return []
        ranked = view.rank(("related", doc_id), wq.Or(clauses),
                           time.monotonic() + MATCH_SECONDS)
        docs = view.meta.docs
        out = []
        for did in ranked.ids:
            other = docs.get(did)
            if other is None or did == doc_id or other.review_id == me.review_id:
                continue
            out.append(self._bare_hit(view, other, ranked.scores[did]))
            if len(out) >= limit:
                break
        return out

    # -- did you mean

    def suggest(self, query: str) -> str | None:
        """A corrected query that finds something, when some typed word is not in the corpus."""
        try:
            with self._lock:
                view = self._view
                if view is None:
                    return None
                plan = view.plan(query)
                return self._suggest(view, plan, time.monotonic() + PAGE_SECONDS)
        except Exception:
            log.exception("suggest failed for %r", query)
            return None

    def _suggest(self, view: _View, plan: Plan, deadline: float) -> str | None:
        text = plan.text
        unknown = []
        for typed in plan.words:
            for m in WORD_RE.finditer(typed):
                word = m.group().lower()
                # Long "words" are not misspellings of anything a person would look for.
                if (3 <= len(word) <= MAX_SUGGEST_CHARS and word.isalpha() and is_indexable(word)
                        and not view.known(stem(word))):
                    unknown.append(m.group())
        changed = False
        for raw in unknown[:MAX_SUGGEST_WORDS]:
            if time.monotonic() > deadline:
                return None
            fix = self._correct(view, raw.lower())
            if fix is not None:
                text, n = _replace_word(text, raw, fix)
                changed = changed or n > 0
        if not changed or text == plan.text:
            return None
        corrected = view.plan(text)
        if corrected.root is None:
            return None
        ranked = view.rank((corrected.text, False), root_query(corrected.root), deadline)
        return corrected.text if ranked.ids else None

    def _correct(self, view: _View, word: str) -> str | None:
        # Two words run together ("cosleeping"): the index holds "co" and "sleeping".
        for i in range(2, min(len(word) - 2, MAX_SPLIT_HEAD + 1)):
            a, b = word[:i], word[i:]
            if (is_indexable(a) and is_indexable(b) and view.in_vocabulary(a)
                    and view.in_vocabulary(b) and view.known(stem(b))):
                return f"{a}-{b}" if len(a) <= 3 else f"{a} {b}"
        # Closest spelling, nearest edit distance first, then the commonest. Two edits only for
        # longer words: "crawl" is not "call".
        for dist in (1, 2) if len(word) >= 6 else (1,):
            cands = [w for w in view.reader.terms_within(SPELL, word, dist, prefix=1)
                     if w != word and view.known(stem(w))]
            if cands:
                return max(cands, key=lambda w: (view.reader.doc_frequency(BODY, stem(w)), w))
        return None


def _replace_word(text: str, word: str, new: str) -> tuple[str, int]:
    return re.subn(rf"(?<!\w){re.escape(word)}(?!\w)", lambda _m: new, text, count=1,
                   flags=re.IGNORECASE)
