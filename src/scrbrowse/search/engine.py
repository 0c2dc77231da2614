"""SearchEngine: the one object the app and the CLI use to search the corpus.

Thread-safe: one Whoosh searcher is kept open and used under a lock; updates are written outside
that lock and swapped in when done. Every public method returns something usable for any input
or index fault; details of unexpected errors go to the log.

Time bound: a search stops collecting matches after `MATCH_SECONDS` and skips per-passage work
for hits still waiting at `PAGE_SECONDS`, so every call returns within about one second
(typically a few milliseconds) whatever is typed. See docs/searching.md.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import math
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import replace
from operator import itemgetter
from pathlib import Path

from ..corpus import load_record_bytes
from ..model import Document, PassageKind
from ..problems import Problem
from ..taxonomy import Taxonomy
from .api import (
    NO_FILTERS,
    BankResult,
    DocumentHit,
    Filters,
    IndexStatus,
    PassageHit,
    SearchRequest,
    SearchResult,
    Snippet,
    TagStats,
)
from .corpus_overview import views_of
from .index.catalogue import DocMeta
from .index.opening import Opened, Opener, problems_of
from .index.postings import F_BODY, F_THEME
from .index.schema import BODY
from .index.update import Progress, compute_diff
from .query.plan import Plan
from .snapshot import LRU, IndexView, Ranked
from .spelling import suggest
from .text.highlight import find_spans, first_word, make_snippet

__all__ = ["SearchEngine", "find_spans"]

log = logging.getLogger("scrbrowse.search")

MATCH_SECONDS = 0.6  # collecting matching documents
PAGE_SECONDS = 0.85  # after this, hits are returned without their matched passages
PASSAGE_SNIPPETS = 1  # passages per hit that get a snippet with marks; later ones get the opening

NOTE_RELAXED = ("No document has all of your words, so these results have some of them "
                "(most first).")
NOTE_SLOW = "The search took too long and was stopped early; some results may be missing."
NOTE_BROKEN = ("The search index could not be read just now; it will be rebuilt when scrbrowse "
               "next starts (or run: scrbrowse index --rebuild).")
NOTE_PASSAGES = "Matched passages are shown for the first results only, to keep things quick."
NOTE_STOPPED = "The search was stopped because a newer one started."

_KINDS = {k.value: k for k in PassageKind}  # a look-up, not an Enum call per passage
_paused = 0  # searches running with the collector paused (`collector_paused`)
_resume = True  # whether the collector was on when the first of them began
_pause_lock = threading.Lock()


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Cyclic garbage collection waits while a search runs. A search builds tens of thousands of
    short-lived lists and tuples, and the collections they set off scanned them while still in
    use: 5-10% of a search's CPU at 10k (docs/performance.md). Reference counting frees them as
    ever; cycles are collected after. Counted, as a search and a bank search can overlap."""
    global _paused, _resume
    with _pause_lock:
        if _paused == 0:
            _resume = gc.isenabled()
            gc.disable()
        _paused += 1
    try:
        yield
    finally:
        with _pause_lock:
            _paused -= 1
            if _paused == 0 and _resume:
                gc.enable()


class SearchEngine:
    """Search over one corpus folder. Create with `SearchEngine.open(...)`."""

    def __init__(self, corpus_dir: Path, opened: Opened, problems: list[Problem], *,
                 full_check: bool = False) -> None:
        self.corpus_dir = corpus_dir
        self._opened = opened
        self._lock = threading.RLock()  # guards the view and the searcher
        self._update_lock = threading.Lock()  # one refresh at a time
        try:
            self._view: IndexView | None = IndexView(opened.ix, opened.meta,
                                                     checked=opened.checked)
        finally:
            if opened.checked is not None:  # its arrays are shared by the view now
                opened.checked.close()
                opened.checked = None
        if full_check:
            # `scrbrowse index`: every stored passage is read too (zlib checks each); damage
            # there means a rebuild (see `open`).
            try:
                for doc_id in self._view.fast.doc_ids:
                    if doc_id is not None:  # a deleted document's slot
                        self._view.raw_rows(doc_id)
            except BaseException:
                self._view.close()
                raise
        self.problems: list[Problem] = problems
        self.status = self._make_status(opened)
        # Damaged or missing index files found (and the index rebuilt) when opening; the status
        # says so in its message.
        self.repaired = list(opened.repaired)
        self._documents: LRU[str, Document] = LRU(16)
        self._broken = False
        self.last_update = opened.result  # for diagnostics and tests: what the last update did

    # -- opening

    @classmethod
    def open(cls, corpus_dir: Path | str, index_dir: Path | str | None = None, *,
             rebuild: bool = False, progress: Progress | None = None,
             full_check: bool = False) -> SearchEngine:
        """`full_check`: also read every stored passage (`scrbrowse index`); the fast postings'
        checksums are checked on every open."""
        corpus = Path(corpus_dir).expanduser()
        folder = Path(index_dir).expanduser() if index_dir else None
        opener = Opener(corpus, progress)
        try:
            opened = opener.open(folder, rebuild=rebuild)
        except Exception as exc:  # last resort: an index held in memory still serves the session
            log.exception("opening the index failed")
            why = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc.__class__.__name__
            opened = opener.in_memory([f"The index could not be written ({why}), so it was built in"
                                       " memory for this session; details are in the log."])
        try:
            return cls(corpus, opened, problems_of(opened, corpus), full_check=full_check)
        except Exception:  # checked when opened, yet unreadable: rebuilt rather than failing
            log.exception("the index could not be searched; rebuilding it")
            with contextlib.suppress(Exception):
                opened.ix.close()
        try:
            opened = opener.open(folder, rebuild=True)
        except Exception:
            log.exception("rebuilding the index failed")
            opened = opener.in_memory(["The index could not be rebuilt, so it was built in memory "
                                       "for this session; details are in the log."])
        return cls(corpus, opened, problems_of(opened, corpus), full_check=full_check)

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
                return self._update_failed(exc)
            current = self._view
            new_view = None
            if not (current is not None and opened.result is None and opened.ix is current.ix
                    and opened.meta is current.meta):
                # Built outside the lock: searches go on against the old view meanwhile.
                try:
                    new_view = IndexView(
                        opened.ix, opened.meta,
                        previous=None if self._broken or opened.checked else current,
                        checked=opened.checked)
                except Exception as exc:
                    log.exception("preparing the updated index failed")
                    return self._update_failed(exc)
                finally:
                    if opened.checked is not None:  # shared by the new view now
                        opened.checked.close()
                        opened.checked = None
            with self._lock:
                old = None
                if new_view is not None:  # else nothing changed: keep the searcher and caches
                    old, self._view = self._view, new_view
                self._opened = opened
                self._broken = False
                self._documents = LRU(16)
                self.problems = problems_of(opened, self.corpus_dir)
                self.status = self._make_status(opened)
                self.last_update = opened.result
                if old is not None:
                    old.close()
            return self.status

    def _update_failed(self, exc: Exception) -> IndexStatus:
        self.status = replace(self.status, messages=(
            f"The index could not be updated ({exc.__class__.__name__}); details are in the log.",))
        return self.status

    def _reopen(self) -> Opened:
        prev = self._opened
        opener = Opener(self.corpus_dir, None)
        if prev.folder is None:  # in memory: rebuild there if anything changed
            if not self._broken and not compute_diff(prev.meta, self.corpus_dir).stale:
                return replace(prev, messages=[], result=None)
            return opener.in_memory(list(prev.messages[:1]))
        if prev.writable:
            opened = opener.open_writable(prev.folder, rebuild=self._broken, messages=[],
                                          known=None if self._broken else prev)
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
            return [self._doc_hit(view, docs[d]) for d in view.browse_order
                    if d != doc_id and docs[d].review_id == review]

    # -- searching

    def search(self, request: SearchRequest, *,
               should_stop: Callable[[], bool] | None = None) -> SearchResult:
        """Search. `should_stop` is asked now and then while matching; when it says yes (the
        search was superseded) the result is empty, with `NOTE_STOPPED`, and is not cached."""
        started = time.perf_counter()
        try:
            with self._lock, collector_paused():
                return self._search(request, started, should_stop)
        except Exception:
            log.exception("search failed for %r", request.query)
            self._broken = True
            return self._empty(request, started, NOTE_BROKEN)

    def _empty(self, request: SearchRequest, started: float, note: str) -> SearchResult:
        view = self._view
        return SearchResult(request, 0, len(view.meta.docs) if view else 0, (), {}, notes=(note,),
                            elapsed_ms=(time.perf_counter() - started) * 1000)

    def _search(self, request: SearchRequest, started: float,
                should_stop: Callable[[], bool] | None = None) -> SearchResult:
        view = self._view
        if view is None:
            return self._empty(request, started, "The search engine is closed.")
        t0 = time.monotonic()
        plan = view.plan(request.query)
        notes = list(plan.notes)
        ranked: Ranked | None = None
        if plan.root is None:
            matched = view.facets.all
        else:
            ranked = view.rank((plan.text, False), plan.root, t0 + MATCH_SECONDS, should_stop)
            if not ranked.bits and not ranked.timed_out:
                relaxed = plan.relax()
                if relaxed is not None and relaxed.root is not None:
                    again = view.rank((plan.text, True), relaxed.root, t0 + MATCH_SECONDS,
                                      should_stop)
                    if again.bits:
                        plan, ranked = relaxed, again
                        notes.append(NOTE_RELAXED)
            if ranked.timed_out:
                if should_stop is not None and should_stop():
                    return self._empty(request, started, NOTE_STOPPED)
                notes.append(NOTE_SLOW)
            matched = ranked.bits
        fkey = (plan.text, plan.relaxed, request.filters, request.with_facets)
        cached = view.filtered.get(fkey)
        if cached is None:
            cached = view.facets.apply_bits(matched, request.filters, counts=request.with_facets)
            if NOTE_SLOW not in notes:  # never keep counts of a search cut short
                view.filtered.put(fkey, cached)
        keep, facets = cached
        limit = max(0, int(request.limit))
        offset = max(0, int(request.offset))
        page = view.top(ranked, keep, offset, limit)
        scores = ranked.scores if ranked is not None else None
        number = view.fast.number
        hits = []
        with_passages = request.with_passages and plan.root is not None
        for did in page:
            cheap = time.monotonic() > t0 + PAGE_SECONDS
            score = scores[number[did]] if scores is not None else 0.0
            hits.append(self._hit(view, view.meta.docs[did], score, plan,
                                  with_passages and not cheap, marks=not cheap))
        if with_passages and hits and cheap:  # the last hit, at least, went without
            notes.append(NOTE_PASSAGES)
        suggestion = None
        if plan.root is not None and time.monotonic() < t0 + PAGE_SECONDS:
            suggestion = suggest(view, plan, t0 + PAGE_SECONDS)
        return SearchResult(
            request=request, total=keep.bit_count(), corpus_total=len(view.meta.docs),
            hits=tuple(hits), facets=facets, expanded=plan.expanded, terms=plan.terms,
            notes=tuple(notes), suggestion=suggestion,
            elapsed_ms=(time.perf_counter() - started) * 1000, reading=plan.reading)

    def _hit(self, view: IndexView, meta: DocMeta, score: float, plan: Plan,
             with_passages: bool, *, marks: bool = True) -> DocumentHit:
        passages = self._passage_hits(view, meta, plan) if with_passages else ()
        snippet = (passages[0].snippet if passages else
                   make_snippet(meta.lead, plan.terms) if plan.terms and marks else None)
        return self._doc_hit(view, meta, score, snippet, passages)

    def _passage_hits(self, view: IndexView, meta: DocMeta, plan: Plan) -> tuple[PassageHit, ...]:
        scorer = view.scorer(plan)
        if scorer is None:
            return ()
        # Stored rows as they are: only matched passages become objects. Best first, ties in
        # the document's order (the sort is stable, reversed too). The ranking read the leading
        # documents' rows already.
        rows = view.evaluator.reranked.get(meta.id) or view.raw_rows(meta.id)
        scored = [(s, raw) for raw, s in zip(rows, scorer.score_rows(rows, meta), strict=True) if s > 0]
        scored.sort(key=itemgetter(0), reverse=True)
        return tuple(PassageHit(raw[0], _KINDS[raw[1]], raw[2], raw[3], s, make_snippet(
            raw[3], plan.terms, first_word=first_word(f" {raw[6]} ", plan.terms))
            if rank < PASSAGE_SNIPPETS else None) for rank, (s, raw) in enumerate(scored))

    def _doc_hit(self, view: IndexView, m: DocMeta, score: float = 0.0,
                 snippet: Snippet | None = None, passages: tuple[PassageHit, ...] = (),
                 ) -> DocumentHit:
        return DocumentHit(
            doc_id=m.id, title=m.title, review=m.review, review_id=m.review_id, board=m.board,
            year=m.year, published=m.published, doc_type=m.doc_type,
            doc_type_label=view.taxonomy.label("doc_types", m.doc_type),
            restricted=m.restricted, restriction=m.restriction, score=score,
            snippet=snippet or Snippet.opening(m.lead), passages=passages,
            restriction_label=m.restriction_label, draft=m.draft)

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
        # Its analysed terms (`passage_rows.Row`).
        counts = Counter(t for raw in view.raw_rows(doc_id) for t in raw[6].split())
        n = max(1, len(view.fast.number))
        weighted = []
        for s, c in counts.items():
            df = view.doc_frequency(s)
            if len(s) < 3 or df < 2 or df > 0.6 * n:  # unique to this doc, or everywhere: no help
                continue
            weighted.append(((1 + math.log(c)) * view.idf(BODY, s), s))
        weighted.sort(reverse=True)
        clauses = [(F_BODY, s, w) for w, s in weighted[:15]]
        clauses += [(F_THEME, t, 0.5) for t in me.themes]
        if not clauses:
            return []
        bits, scores = view.evaluator.weighted_terms(clauses)
        docs = view.meta.docs
        out = []
        # Enough candidates to skip this review's own documents.
        for did in view.top(Ranked(bits, scores, False), bits, 0, limit + 20):
            other = docs.get(did)
            if other is None or did == doc_id or other.review_id == me.review_id:
                continue
            out.append(self._doc_hit(view, other, scores[view.fast.number[did]]))
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
                return suggest(view, plan, time.monotonic() + PAGE_SECONDS)
        except Exception:
            log.exception("suggest failed for %r", query)
            return None

    # -- corpus-wide views (the question bank, the themes overview): see corpus_overview.py

    def question_bank(self, query: str = "", filters: Filters = NO_FILTERS, *, offset: int = 0,
                      limit: int = 200, only: frozenset[tuple[str, str | None]] | None = None,
                      scope: str = "question",
                      should_stop: Callable[[], bool] | None = None) -> BankResult:
        """Reflective questions matching `query` (the search's syntax, all words in the
        question) and `filters`, best documents first and questions in source order (all of
        them, in the browser's order, for an empty query); `offset`/`limit` pick the page, the
        total and the theme/agency counts cover every match. `only`: just these (document id,
        item id) keys (the starred questions). `scope="document"`: the document's tags match
        too. Built from the index on first use (once per index version)."""
        started = time.perf_counter()
        for _attempt in range(2):
            with self._lock:
                view = self._view
            if view is None:
                return BankResult(query, filters, 0, 0, offset, (),
                                  notes=("The search engine is closed.",))
            try:
                # Reading every question (once per index version, about 2 s at 10,000
                # documents) happens outside the lock: searches go on meanwhile.
                views = views_of(view)
                if views.table(should_stop) is None:
                    return BankResult(query, filters, 0, 0, offset, (), stopped=True)
                with self._lock, collector_paused():
                    if self._view is not view:
                        continue  # updated meanwhile: again, on the new version
                    return views.question_bank(view.plan(query), filters, offset, limit, only,
                                               scope, should_stop)
            except Exception:
                if self._view is not view:
                    continue  # the version read was closed by an update: again, on the new one
                log.exception("question bank failed for %r", query)
                self._broken = True
                break
        return BankResult(query, filters, 0, 0, offset, (), notes=(NOTE_BROKEN,),
                          elapsed_ms=(time.perf_counter() - started) * 1000)

    def tag_stats(self, vocabulary: str = "themes", *, include_unused: bool = False) -> TagStats:
        """How many reviews raise each theme (vocabulary "themes") or involve each agency
        ("agencies"), and which occur together; from the documents' metadata, once per index
        version. `include_unused`: the taxonomy's terms no review raises too, at 0."""
        with self._lock:
            view = self._view
        if view is None:
            return TagStats(vocabulary, 0, 0, (), ())
        try:  # outside the lock (about 0.3 s at 10,000 documents): it reads only the metadata
            return views_of(view).tag_stats(vocabulary, include_unused)
        except Exception:
            log.exception("counting %s failed", vocabulary)
            return TagStats(vocabulary, 0, 0, (), ())
