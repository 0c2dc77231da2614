"""What runs inside each measuring subprocess.

Every phase runs in a fresh Python process (`python -m bench.phases PHASE JSON`) so that timings start
from nothing cached in memory and each peak RSS belongs to one phase. A phase prints one JSON object as
the last line of its standard output.
"""

from __future__ import annotations

import asyncio
import bisect
import json
import resource
import shutil
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .queries import BANK_QUERIES, QUERIES, to_tantivy
from .textual_hooks import compositor_of, driver_of

EDIT_MARK = "zqxbenchedit"  # a word no generated record contains


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def cpu_seconds() -> float:
    """CPU time of this process and its finished children (a build's parsing workers)."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def _open(corpus: str, index: str, rebuild: bool = False) -> Any:
    from scrbrowse.search.engine import SearchEngine

    return SearchEngine.open(Path(corpus), Path(index), rebuild=rebuild)


# ---------------------------------------------------------------------------------------------
# scrbrowse (Whoosh)


def phase_build(a: dict[str, Any]) -> dict[str, Any]:
    """A full build: `SearchEngine.open(..., rebuild=True)` on a corpus."""
    t0 = time.perf_counter()
    from scrbrowse.search.engine import SearchEngine

    t_import = time.perf_counter() - t0
    t0, c0 = time.perf_counter(), cpu_seconds()
    engine = SearchEngine.open(Path(a["corpus"]), Path(a["index"]), rebuild=True)
    seconds = time.perf_counter() - t0
    docs = engine.status.documents
    engine.close()
    return {"seconds": seconds, "cpu_s": cpu_seconds() - c0, "docs": docs, "import_s": t_import,
            "rss_mb": peak_rss_mb()}


def phase_open(a: dict[str, Any]) -> dict[str, Any]:
    """Cold open of a built index in a new process, then the first search (cold caches)."""
    from scrbrowse.search.api import SearchRequest

    t0 = time.perf_counter()
    from scrbrowse.search.engine import SearchEngine

    t_import = time.perf_counter() - t0
    t0 = time.perf_counter()
    engine = SearchEngine.open(Path(a["corpus"]), Path(a["index"]))
    seconds = time.perf_counter() - t0
    status = engine.status
    t0 = time.perf_counter()
    engine.search(SearchRequest(""))
    first_browse = time.perf_counter() - t0
    t0 = time.perf_counter()
    engine.search(SearchRequest("neglect", limit=50))
    first_query = time.perf_counter() - t0
    engine.close()
    return {"seconds": seconds, "import_s": t_import, "first_browse_s": first_browse,
            "first_query_s": first_query, "rebuilt": status.rebuilt, "updated": len(status.updated),
            "messages": list(status.messages)[:3], "documents": status.documents, "rss_mb": peak_rss_mb()}


def edited_text(original: str, n: int) -> str:
    """The record with one more learning point, holding a word found nowhere else."""
    marker = "learning_points:\n"
    at = original.index(marker) + len(marker)
    item = (f"  - id: lp-bench-{n}\n    text: >-\n      Benchmark edit {EDIT_MARK}{n}: practitioners "
            "should record the father's details at every visit.\n")
    return original[:at] + item + original[at:]


def phase_update(a: dict[str, Any]) -> dict[str, Any]:
    """Edit one record, `refresh()`, check the edit is searchable; restore it and refresh again."""
    from scrbrowse.search.api import SearchRequest

    engine = _open(a["corpus"], a["index"])
    path = Path(a["file"])
    original = path.read_text(encoding="utf-8")
    edit_s: list[float] = []
    restore_s: list[float] = []
    problems: list[str] = []
    try:
        for n in range(a["repeat"]):
            path.write_text(edited_text(original, n), encoding="utf-8")
            t0 = time.perf_counter()
            engine.refresh()
            edit_s.append(time.perf_counter() - t0)
            found = engine.search(SearchRequest(f"{EDIT_MARK}{n}")).total
            if found != 1:
                problems.append(f"after editing, the new word matched {found} documents, not 1")
            path.write_text(original, encoding="utf-8")
            t0 = time.perf_counter()
            engine.refresh()
            restore_s.append(time.perf_counter() - t0)
            found = engine.search(SearchRequest(f"{EDIT_MARK}{n}")).total
            if found != 0:
                problems.append(f"after restoring, the removed word still matched {found} documents")
    finally:
        path.write_text(original, encoding="utf-8")
        engine.close()
    return {"edit_s": edit_s, "restore_s": restore_s, "problems": sorted(set(problems)),
            "rss_mb": peak_rss_mb()}


def forget_results(engine: Any) -> bool:
    """Drop the engine's per-query caches (parsed plans, rankings, passage scorers), if it has them.

    The app mostly searches text it has not searched before (each pause in typing is a new query),
    so the headline latencies are measured without the result cache. Reads private attributes of
    the engine and changes nothing else; returns False when it finds none (then passes may be warm).
    """
    view = getattr(engine, "_view", None)
    cleared = False
    # LRU caches keep their entries in `.data`; the evaluator's per-term results and the
    # did-you-mean corrections are plain dicts. Term results are dropped too, so a query's
    # words are read from the postings afresh, as for words not typed before.
    for name in ("ranked", "plans", "scorers", "filtered", "corrections", "evaluator"):
        obj = getattr(view, name, None)
        data = obj if isinstance(obj, dict) else getattr(obj, "data", None)
        if name == "evaluator":
            data = getattr(obj, "cache", None)
        if data is not None and hasattr(data, "clear"):
            data.clear()
            cleared = True
    return cleared


def _stopped_early(notes: Any) -> bool:
    return any("too long" in n or "first results only" in n for n in notes or ())


def phase_queries(a: dict[str, Any]) -> dict[str, Any]:
    """The query set as the app runs it: hits for the first page, facet counts, snippets, passages.

    Per query: the first run after opening (cold), then `repeat` passes with the per-query caches
    dropped before each search (a new query, as typed), then one pass repeating each search at once
    (a result-cache hit, as when a filter is toggled back).
    """
    from scrbrowse.search.api import SearchRequest

    engine = _open(a["corpus"], a["index"])
    requests = [SearchRequest(q.text, q.to_filters(), limit=a["limit"]) for q in QUERIES]
    first: list[float] = []
    totals: list[int] = []
    early: set[int] = set()
    for i, req in enumerate(requests):
        t0 = time.perf_counter()
        res = engine.search(req)
        first.append(time.perf_counter() - t0)
        totals.append(res.total)
        if _stopped_early(res.notes):
            early.add(i)
    passes: list[list[float]] = []
    cpu_passes: list[list[float]] = []  # this thread's CPU time: less disturbed by other load
    cleared = True
    for _ in range(a["repeat"]):
        times = []
        cpu = []
        for i, req in enumerate(requests):
            cleared = forget_results(engine) and cleared
            t0, c0 = time.perf_counter(), time.thread_time()
            res = engine.search(req)
            times.append(time.perf_counter() - t0)
            cpu.append(time.thread_time() - c0)
            if _stopped_early(res.notes):
                early.add(i)
        passes.append(times)
        cpu_passes.append(cpu)
    cached = []
    for req in requests:
        engine.search(req)
        t0 = time.perf_counter()
        engine.search(req)
        cached.append(time.perf_counter() - t0)
    engine.close()
    return {"first": first, "passes": passes, "cpu_passes": cpu_passes, "cached": cached, "totals": totals,
            "cache_cleared": cleared, "stopped_early": sorted(early), "rss_mb": peak_rss_mb()}


# ---------------------------------------------------------------------------------------------
# The Tantivy reference


def fast_load(corpus_dir: Path) -> list[Any]:
    """The corpus as Documents, parsed with libyaml (the C loader) and validated by scrbrowse.

    Used only to feed the reference engine quickly; scrbrowse's own loader keeps line numbers.
    """
    import yaml

    from scrbrowse.corpus import TAXONOMY_FILE, parse_document, record_files
    from scrbrowse.taxonomy import load_taxonomy
    from scrbrowse.yamlio import LineDict

    def lined(v: Any) -> Any:
        if isinstance(v, dict):
            out = LineDict()
            for k, x in v.items():
                out[str(k)] = lined(x)
            return out
        if isinstance(v, list):
            return [lined(x) for x in v]
        return v

    taxonomy, _ = load_taxonomy(corpus_dir / TAXONOMY_FILE)
    docs = []
    for path in record_files(corpus_dir):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        doc, _problems = parse_document(lined(data), str(path), taxonomy)
        if doc is not None:
            docs.append(doc)
    return docs


class TantivyRef:
    """Documents and passages in one Tantivy index, searched the way scrbrowse's engine is used."""

    FACETS = ("theme", "agency", "board", "year", "doc_type")

    def __init__(self, path: Path) -> None:
        import tantivy

        self.t = tantivy
        sb = tantivy.SchemaBuilder()
        sb.add_text_field("level", tokenizer_name="raw")
        sb.add_text_field("doc_id", stored=True, fast=True, tokenizer_name="raw")
        sb.add_text_field("item_id", stored=True, tokenizer_name="raw")
        sb.add_text_field("kind", stored=True, tokenizer_name="raw")
        sb.add_text_field("title", stored=True, tokenizer_name="scr")
        sb.add_text_field("body", stored=True, tokenizer_name="scr")
        for f in self.FACETS:
            sb.add_text_field(f, fast=True, tokenizer_name="raw")
        self.schema = sb.build()
        path.mkdir(parents=True, exist_ok=True)
        self.index = tantivy.Index(self.schema, path=str(path))
        self._register()

    def _register(self) -> None:
        t = self.t
        analyzer = (t.TextAnalyzerBuilder(t.Tokenizer.simple()).filter(t.Filter.remove_long(60))
                    .filter(t.Filter.lowercase()).filter(t.Filter.stopword("english"))
                    .filter(t.Filter.stemmer("english")).build())
        self.index.register_tokenizer("scr", analyzer)

    @classmethod
    def reopen(cls, path: Path) -> TantivyRef:
        import tantivy

        self = cls.__new__(cls)
        self.t = tantivy
        self.index = tantivy.Index.open(str(path))
        self.schema = self.index.schema
        self._register()
        return self

    def build(self, docs: list[Any]) -> None:
        t = self.t
        writer = self.index.writer(heap_size=256_000_000)
        for doc in docs:
            facets = {
                "theme": sorted(doc.all_themes()), "agency": sorted(doc.all_agencies()),
                "board": [doc.review.board or "not stated"], "year": [doc.year or "undated"],
                "doc_type": [doc.doc_type],
            }
            passages = list(doc.passages())
            d = t.Document()
            d.add_text("level", "doc")
            d.add_text("doc_id", doc.id)
            d.add_text("title", doc.title)
            d.add_text("body", "\n".join([doc.title, doc.review.display, doc.review.board or "",
                                          *(p.text for p in passages)]))
            for f, values in facets.items():
                for v in values:
                    d.add_text(f, v)
            writer.add_document(d)
            for p in passages:
                pd = t.Document()
                pd.add_text("level", "passage")
                pd.add_text("doc_id", doc.id)
                pd.add_text("item_id", p.item_id)
                pd.add_text("kind", str(p.kind))
                pd.add_text("body", p.text)
                writer.add_document(pd)
        writer.commit()
        writer.wait_merging_threads()
        self.index.reload()

    def search(self, text: str, filters: dict[str, tuple[str, ...]], limit: int) -> int:
        """Top `limit` documents, total, facet counts, snippets and the hits' matching passages."""
        t = self.t
        must, should = t.Occur.Must, t.Occur.Should
        searcher = self.index.searcher()
        q = None
        if text.strip():
            try:
                q = self.index.parse_query(to_tantivy(text), ["body"], conjunction_by_default=True,
                                           allow_regexes=True)
            except ValueError:
                q, _errors = self.index.parse_query_lenient(text, ["body"])
        clauses = [(must, t.Query.term_query(self.schema, "level", "doc"))]
        if q is not None:
            clauses.append((must, q))
        for f, values in filters.items():
            ors = [(should, t.Query.term_query(self.schema, f, v)) for v in values]
            clauses.append((must, t.Query.boolean_query(ors)))
        doc_q = t.Query.boolean_query(clauses)
        res = searcher.search(doc_q, limit)
        hits = [searcher.doc(addr) for _score, addr in res.hits]
        aggs = {f: {"terms": {"field": f, "size": 500}} for f in self.FACETS}
        facets = searcher.aggregate(doc_q, aggs)
        if q is not None and hits:
            ids = [h["doc_id"][0] for h in hits]
            pq = t.Query.boolean_query([
                (must, q), (must, t.Query.term_query(self.schema, "level", "passage")),
                (must, t.Query.term_set_query(self.schema, "doc_id", ids)),
            ])
            pres = searcher.search(pq, 20 * limit)
            grouped: dict[str, list[Any]] = {i: [] for i in ids}
            for _score, addr in pres.hits:  # best first
                pd = searcher.doc(addr)
                grouped[pd["doc_id"][0]].append(pd)
            # A snippet per hit, from its best passage (short text), as a list shows it.
            snip = t.SnippetGenerator.create(searcher, q, self.schema, "body")
            snippets = [snip.snippet_from_doc(ps[0]).fragment() for ps in grouped.values() if ps]
            assert len(snippets) <= len(hits)
        assert isinstance(facets, dict)
        return int(getattr(res, "count", 0) or 0)


def phase_tantivy(a: dict[str, Any]) -> dict[str, Any]:
    t0 = time.perf_counter()
    docs = fast_load(Path(a["corpus"]))
    load_s = time.perf_counter() - t0
    passages = sum(sum(1 for _ in d.passages()) for d in docs)
    root = Path(a["index"])
    builds: list[float] = []
    for _ in range(a["repeat"]):
        shutil.rmtree(root, ignore_errors=True)
        t0 = time.perf_counter()
        TantivyRef(root).build(docs)
        builds.append(time.perf_counter() - t0)
    size = sum(p.stat().st_size for p in root.rglob("*") if p.is_file())
    t0 = time.perf_counter()
    ref = TantivyRef.reopen(root)
    ref.index.searcher()
    open_s = time.perf_counter() - t0
    first: list[float] = []
    totals: list[int] = []
    for q in QUERIES:
        t0 = time.perf_counter()
        totals.append(ref.search(q.text, q.filters, a["limit"]))
        first.append(time.perf_counter() - t0)
    passes: list[list[float]] = []
    for _ in range(a["repeat"]):
        times = []
        for q in QUERIES:
            t0 = time.perf_counter()
            ref.search(q.text, q.filters, a["limit"])
            times.append(time.perf_counter() - t0)
        passes.append(times)
    return {"load_s": load_s, "docs": len(docs), "passages": passages, "builds": builds, "bytes": size,
            "open_s": open_s, "first": first, "passes": passes, "totals": totals, "rss_mb": peak_rss_mb()}


# ---------------------------------------------------------------------------------------------
# The real app, headless


def current_rss_mb() -> float:
    """This process's resident memory now (Linux; the peak where /proc is missing)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return peak_rss_mb()


def phase_views(a: dict[str, Any]) -> dict[str, Any]:
    """The corpus-wide views at engine level, in a new process on a built index: the themes
    overview's counts, the question bank's first page (first open builds its table, later opens
    reuse it), the bank searched for `BANK_QUERIES` (first time and again), a theme ticked, and
    back to every question."""
    from scrbrowse.search.api import Filters

    engine = _open(a["corpus"], a["index"])
    out: dict[str, Any] = {"rss_open_mb": current_rss_mb()}
    try:
        t0 = time.perf_counter()
        stats = engine.tag_stats("themes", include_unused=True)
        out["themes_open_s"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        engine.tag_stats("themes", include_unused=True)
        out["themes_again_s"] = time.perf_counter() - t0
        out["rss_themes_mb"] = current_rss_mb()
        page = int(a.get("page", 200))
        t0 = time.perf_counter()
        first = engine.question_bank("", Filters(), limit=page)
        out["bank_open_s"] = time.perf_counter() - t0
        out["questions"] = first.corpus_total
        t0 = time.perf_counter()
        engine.question_bank("", Filters(), limit=page)
        out["bank_again_s"] = time.perf_counter() - t0
        out["rss_bank_mb"] = current_rss_mb()
        searches: list[float] = []
        again: list[float] = []
        totals: list[int] = []
        for query in BANK_QUERIES:
            t0 = time.perf_counter()
            got = engine.question_bank(query, Filters(), limit=page)
            searches.append(time.perf_counter() - t0)
            totals.append(got.total)
            t0 = time.perf_counter()
            engine.question_bank(query, Filters(), limit=page)
            again.append(time.perf_counter() - t0)
        out.update(search_s=searches, search_again_s=again, totals=totals)
        theme = stats.terms[0].id if stats.terms else ""
        t0 = time.perf_counter()
        engine.question_bank(BANK_QUERIES[0], Filters(theme=frozenset({theme})), limit=page)
        out["tick_s"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        engine.question_bank("", Filters(), limit=page)
        out["clear_s"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        engine.question_bank("", Filters(), offset=page, limit=page)
        out["next_page_s"] = time.perf_counter() - t0
        out["rss_end_mb"] = current_rss_mb()
    finally:
        engine.close()
    out["rss_mb"] = peak_rss_mb()
    return out


def _typing_plan(query: str, gap: float, word_pause: float) -> list[tuple[str, float]]:
    """(character, seconds to wait after it): steady typing, a longer pause after each word."""
    plan = []
    for i, ch in enumerate(query):
        after = word_pause if i + 1 < len(query) and query[i + 1] == " " else gap
        plan.append((ch, after))
    return plan


async def type_keys(app: Any, driver: Any, text: str, gap: float, word_pause: float,
                    ) -> list[tuple[float, str]]:
    """Type `text` into the running app key by key from a separate thread, as a terminal's input
    thread would, so the UI thread is free to echo while searches run. Returns (time sent, text
    typed so far) for every key."""
    from textual import events

    from .textual_hooks import key_name

    sends: list[tuple[float, str]] = []

    def typist() -> None:
        typed = ""
        for ch, after in _typing_plan(text, gap, word_pause):
            key = events.Key(key_name(ch), ch)
            key.set_sender(app)
            typed += ch
            sends.append((time.perf_counter(), typed))
            driver.send_message(key)
            time.sleep(after)

    thread = threading.Thread(target=typist, daemon=True)
    thread.start()
    while thread.is_alive():
        await asyncio.sleep(0.01)
    return sends


def phase_app(a: dict[str, Any]) -> dict[str, Any]:
    """Launch the app headless, wait for the first results, then type queries key by key.

    A paint is a call of `App._display` (the compositor has rendered an update for the terminal; in
    headless mode it is not written anywhere). Keys are sent from a separate thread through the
    driver, as a terminal's input thread does, so a busy app cannot slow the typist down.
    """
    launch_wall = float(a["t_launch"])
    offset = time.time() - time.perf_counter()  # perf_counter -> wall clock

    from scrbrowse.config import Config
    from scrbrowse.ui.app import ScrbrowseApp
    from scrbrowse.ui.screens.browse import BrowseScreen

    imported = time.perf_counter()

    paints: list[tuple[float, str | None, str | None]] = []  # time, search box text, shown result's query
    paint_times: list[float] = []

    app_module = str(sys.modules[ScrbrowseApp.__module__].__file__)

    class BenchApp(ScrbrowseApp):
        # Textual reads CSS_PATH relative to the module of the class that is run: point at the app's.
        CSS_PATH = str(Path(app_module).parent / str(ScrbrowseApp.CSS_PATH))

        def _display(self, screen: Any, renderable: Any) -> None:  # textual_hooks.PAINT_METHOD
            super()._display(screen, renderable)
            if renderable is None or not isinstance(screen, BrowseScreen):
                return
            try:
                value = screen.search_bar.input.value
            except Exception:  # not composed yet
                value = None
            result = screen.result
            now = time.perf_counter()
            paints.append((now, value, result.request.query if result else None))
            paint_times.append(now)

    app = BenchApp(Path(a["corpus"]), Path(a["index"]), config=Config())
    out: dict[str, Any] = {"imported_s": imported + offset - launch_wall}

    Paint = tuple[float, str | None, str | None]

    def first_paint(pred: Callable[[Paint], bool], since: float) -> float | None:
        for i in range(bisect.bisect_left(paint_times, since), len(paints)):
            if pred(paints[i]):
                return paints[i][0]
        return None

    def shows_result(query: str) -> Callable[[Paint], bool]:
        return lambda p: p[2] == query

    def shows_typed(prefix: str) -> Callable[[Paint], bool]:
        return lambda p: (p[1] or "").startswith(prefix)

    async def wait_for(pred: Callable[[], bool], timeout: float) -> bool:
        end = time.perf_counter() + timeout
        while time.perf_counter() < end:
            if pred():
                return True
            if getattr(app, "_exception", None) is not None or app.return_code is not None:
                raise RuntimeError(f"the app stopped: {getattr(app, '_exception', None)!r}")
            await asyncio.sleep(0.005)
        return False

    async def session() -> None:
        async with app.run_test(size=(160, 50)) as pilot:
            ok = await wait_for(lambda: any(p[2] is not None for p in paints), 180)
            if not ok:
                raise RuntimeError("the app showed no results within 180 s")
            out["first_paint_s"] = paints[0][0] + offset - launch_wall
            shown = first_paint(lambda p: p[2] is not None, 0.0)
            assert shown is not None
            out["interactive_s"] = shown + offset - launch_wall
            browse = app.screen
            assert isinstance(browse, BrowseScreen)
            starts: list[tuple[float, str]] = []
            original_run_search = browse.run_search

            def run_search() -> None:
                starts.append((time.perf_counter(), browse.query_text))
                original_run_search()

            browse.run_search = run_search  # type: ignore[method-assign]
            # Where the UI thread spends a results update: filling the list and the facets, and the
            # compositor's render of the screen update (instance attributes wrap the methods).
            ui_ms: dict[str, list[float]] = {"show_hits": [], "show_facets": [], "render": []}

            def timed(obj: Any, name: str, key: str) -> None:
                original = getattr(obj, name)

                def wrapper(*args: Any, **kwargs: Any) -> Any:
                    t0 = time.perf_counter()
                    try:
                        return original(*args, **kwargs)
                    finally:
                        ui_ms[key].append((time.perf_counter() - t0) * 1000)

                setattr(obj, name, wrapper)

            timed(browse.results, "show_hits", "show_hits")
            timed(browse.facets, "show_facets", "show_facets")
            timed(compositor_of(browse), "render_update", "render")
            out["ui_ms"] = ui_ms
            await pilot.pause(0.5)
            keystroke: list[float] = []
            settled: list[float] = []
            echo: list[float] = []
            timeouts: list[str] = []
            driver = driver_of(app)
            assert driver is not None
            for query in a["queries"]:
                browse.search_bar.set_query("", announce=False)
                await asyncio.sleep(0.1)
                sends = await type_keys(app, driver, query, a["gap"], a["word_pause"])
                t_last = sends[-1][0]
                done = shows_result(query)
                if not await wait_for(lambda: first_paint(done, t_last) is not None, 30):  # noqa: B023
                    timeouts.append(query)
                    continue
                painted = first_paint(done, t_last)
                assert painted is not None
                keystroke.append(painted - t_last)
                started = [t for t, q in starts if q == query and t >= t_last]
                if started:
                    settled.append(painted - started[0])
                for t_send, prefix in sends:
                    seen = first_paint(shows_typed(prefix), t_send)
                    if seen is not None:
                        echo.append(seen - t_send)
                await pilot.pause(0.4)  # the preview of the first hit loads, as it would for a user
            out.update(keystroke_s=keystroke, settled_s=settled, echo_s=echo, timeouts=timeouts)

    asyncio.run(session())
    out["rss_mb"] = peak_rss_mb()
    return out


def phase_views_app(a: dict[str, Any]) -> dict[str, Any]:
    """The question bank and the themes overview in the headless app (160x50): F3 from the
    browser until the bank's first rows are painted; a bank search typed key by key (key echo,
    and keystroke to repainted results); Esc to clear it; a second search; back, then F4 until
    the themes' bars are painted. Throughout, how late a 10 ms timer on the UI thread runs (the
    longest time the UI thread was busy), and the app's RSS at the end (peak and current)."""

    from scrbrowse.config import Config
    from scrbrowse.ui.app import ScrbrowseApp
    from scrbrowse.ui.screens.browse import BrowseScreen
    from scrbrowse.ui.screens.questions import QuestionBankScreen
    from scrbrowse.ui.screens.themes import ThemesScreen

    app_module = str(sys.modules[ScrbrowseApp.__module__].__file__)
    # time, bank input text, query the bank shows, bank rows shown, themes shown, browse results
    Paint = tuple[float, str | None, str | None, int, int, bool]
    paints: list[Paint] = []
    times: list[float] = []

    class BenchApp(ScrbrowseApp):
        CSS_PATH = str(Path(app_module).parent / str(ScrbrowseApp.CSS_PATH))

        def _display(self, screen: Any, renderable: Any) -> None:  # textual_hooks.PAINT_METHOD
            super()._display(screen, renderable)
            if renderable is None:
                return
            now = time.perf_counter()
            paint: Paint
            try:
                if isinstance(screen, QuestionBankScreen):
                    paint = (now, screen.input.value, screen.shown_query, screen.questions.shown,
                             0, False)
                elif isinstance(screen, ThemesScreen):
                    paint = (now, None, None, 0, screen.themes.option_count, False)
                elif isinstance(screen, BrowseScreen):
                    paint = (now, None, None, 0, 0, screen.result is not None)
                else:
                    return
            except Exception:  # not composed yet
                return
            paints.append(paint)
            times.append(now)

    app = BenchApp(Path(a["corpus"]), Path(a["index"]), config=Config())
    out: dict[str, Any] = {}

    def first(pred: Callable[[Paint], bool], since: float) -> float | None:
        for i in range(bisect.bisect_left(times, since), len(paints)):
            if pred(paints[i]):
                return paints[i][0]
        return None

    async def wait_for(pred: Callable[[Paint], bool], since: float, timeout: float) -> float:
        end = time.perf_counter() + timeout
        while time.perf_counter() < end:
            got = first(pred, since)
            if got is not None:
                return got - since
            if getattr(app, "_exception", None) is not None or app.return_code is not None:
                raise RuntimeError(f"the app stopped: {getattr(app, '_exception', None)!r}")
            await asyncio.sleep(0.005)
        raise RuntimeError(f"nothing painted within {timeout:.0f} s")

    lags: list[tuple[float, float]] = []  # (when, how late a 10 ms timer ran)

    async def probe() -> None:
        while True:
            t0 = time.perf_counter()
            await asyncio.sleep(0.01)
            now = time.perf_counter()
            lags.append((now, now - t0 - 0.01))

    def worst_lag(since: float) -> float:
        return max((lag for when, lag in lags if when >= since), default=0.0)

    async def session() -> None:
        async with app.run_test(size=(160, 50)) as pilot:
            await wait_for(lambda p: p[5], 0.0, 180)
            await pilot.pause(0.5)
            task = asyncio.create_task(probe())
            driver = driver_of(app)
            assert driver is not None

            async def type_into_bank(query: str) -> tuple[list[float], float]:
                sends = await type_keys(app, driver, query, a["gap"], a["word_pause"])
                t_last = sends[-1][0]
                results = await wait_for(lambda p: p[2] == query and p[3] > 0, t_last, 60)
                echo = []
                for t_send, prefix in sends:
                    seen = first(lambda p, x=prefix: (p[1] or "").startswith(x), t_send)  # type: ignore[misc]
                    if seen is not None:
                        echo.append(seen - t_send)
                return echo, results

            since = time.perf_counter()
            await pilot.press("f3")
            out["bank_open_s"] = await wait_for(lambda p: p[2] == "" and p[3] > 0, since, 180)
            out["bank_open_lag_s"] = worst_lag(since)
            echo: list[float] = []
            results: list[float] = []
            clear: list[float] = []
            since_search = time.perf_counter()
            for query in a["queries"]:
                got_echo, got = await type_into_bank(query)
                echo += got_echo
                results.append(got)
                await pilot.pause(0.3)
                t0 = time.perf_counter()
                await pilot.press("escape")  # the focus is in the search box: clears it
                clear.append(await wait_for(lambda p: p[1] == "" and p[2] == "" and p[3] > 0,
                                            t0, 60))
                await pilot.pause(0.3)
            out.update(bank_echo_s=echo, bank_results_s=results, bank_clear_s=clear,
                       bank_search_lag_s=worst_lag(since_search))
            await pilot.press("escape")  # back to the browser
            await pilot.pause(0.3)
            since = time.perf_counter()
            await pilot.press("f4")
            out["themes_open_s"] = await wait_for(lambda p: p[4] > 0, since, 180)
            out["themes_open_lag_s"] = worst_lag(since)
            await pilot.pause(0.3)
            out["rss_now_mb"] = current_rss_mb()
            task.cancel()

    asyncio.run(session())
    out["rss_mb"] = peak_rss_mb()
    return out


def phase_huge(a: dict[str, Any]) -> dict[str, Any]:
    """Open a record with `items` learning points (default 10,000: over the 2,000 cap, so the first
    2,000 load) in the headless app at 120x40: seconds to show it, to reach its last passage with End,
    and to quit; peak RSS. Issue 16 item 11 measured ~19 s to show, 45-85 s busy at ~850 MB, ~25 s to quit.

        python -m bench.phases huge '{"out": "/tmp/huge", "items": 10000}'
    """
    import asyncio
    import shutil

    from scrbrowse.config import Config
    from scrbrowse.paths import bundled_corpus
    from scrbrowse.ui.app import ScrbrowseApp
    from scrbrowse.ui.screens.browse import BrowseScreen
    from scrbrowse.ui.widgets.passage import PassageView

    out = Path(a["out"])
    items = int(a.get("items", 10_000))
    corpus, index = out / "corpus", out / "index"
    shutil.rmtree(out, ignore_errors=True)
    shutil.copytree(bundled_corpus(), corpus)
    lines = ["schema_version: 1", "id: huge-record", "title: A record with very many learning points",
             "doc_type: learning-summary", "source: huge.txt", "review:", "  id: huge-review",
             "  child: Child H", "  review_type: scr", "learning_points:"]
    lines += [f"  - id: lp-{i}\n    text: Learning point {i} about supervision and the voice of the child."
              for i in range(items)]
    (corpus / "huge-record.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result: dict[str, Any] = {"items": items, "bytes": (corpus / "huge-record.yaml").stat().st_size}
    app = ScrbrowseApp(corpus, index, config=Config())

    async def until(pred: Callable[[], bool], timeout: float) -> float:
        t0 = time.perf_counter()
        while not pred():
            if time.perf_counter() - t0 > timeout:
                raise RuntimeError("timed out")
            await asyncio.sleep(0.01)
        return time.perf_counter() - t0

    async def session() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            await until(lambda: app.engine is not None, 600)
            browse = app.screen
            assert isinstance(browse, BrowseScreen)
            await until(lambda: not browse.pending, 60)
            browse.open_document("huge-record")
            view = browse.detail
            result["show_s"] = await until(lambda: view.doc_id == "huge-record" and bool(
                view.view and view.view.passages("learning")), 300)
            await pilot.pause()
            t_end = time.perf_counter()
            await pilot.press("end")  # returns once the key is handled
            last = f"lp-{min(items, 2000) - 1}"
            await until(lambda: isinstance(app.focused, PassageView) and app.focused.ref.item_id == last, 300)
            result["end_s"] = time.perf_counter() - t_end
            result["mounted_passages"] = len(view.view.passages("learning")) if view.view else 0
            t0 = time.perf_counter()
            app.exit(0)
            result["t_quit0"] = t0

    t0 = time.perf_counter()
    asyncio.run(session())
    result["quit_s"] = time.perf_counter() - result.pop("t_quit0")
    result["total_s"] = time.perf_counter() - t0
    result["rss_mb"] = peak_rss_mb()
    return result


PHASES: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "build": phase_build, "open": phase_open, "update": phase_update, "queries": phase_queries,
    "tantivy": phase_tantivy, "app": phase_app, "huge": phase_huge, "views": phase_views,
    "views_app": phase_views_app,
}


def main(argv: list[str]) -> int:
    phase, args = argv[0], json.loads(argv[1])
    result = PHASES[phase](args)
    sys.stdout.write("\n" + json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
