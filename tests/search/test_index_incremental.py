"""Issue 16 item 1: an incremental update must rank exactly as a fresh rebuild does.

Document frequencies once counted the dead copies of edited documents while N counted only live
ones, so after an ordinary update idf went negative and the top ten inverted."""

from __future__ import annotations

import importlib
import random
import sys
from pathlib import Path

import pytest

from scrbrowse.search.api import SearchRequest
from scrbrowse.search.engine import SearchEngine
from scrbrowse.search.index import update as indexer

ROOT = Path(__file__).resolve().parents[2]
# Comfortably past the parallel threshold, small enough to build in a few seconds.
DOCS = max(160, indexer.POOL_MIN_FILES * 3)


def generate_corpus(out: Path, docs: int = DOCS) -> Path:
    """Records from the benchmark's generator, whose words occur with realistic frequencies, so
    the rankings compared here are not all ties."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    importlib.import_module("bench.generate").generate(out, docs, 1)
    return out


class PoolSpy:
    """Counts the worker pools the indexer starts, to show the build took the parallel path."""

    def __init__(self) -> None:
        self.started = 0
        spy = self

        class Counting(indexer.ProcessPoolExecutor):
            def __init__(self, *args: object, **kwargs: object) -> None:
                spy.started += 1
                super().__init__(*args, **kwargs)  # type: ignore[arg-type]

        self.cls = Counting

QUERIES = ["fathers", "neglect", "safe sleep", '"domestic abuse"', "bruising baby",
           "information sharing", "theme:neglect fathers", "health visitor OR midwife",
           "assessment -police", "fath*", "negl* baby"]


def top10(engine: SearchEngine, query: str) -> list[tuple[str, float]]:
    result = engine.search(SearchRequest(query, limit=10, with_passages=False,
                                         with_facets=False))
    assert not result.notes or all("rebuilt" not in n for n in result.notes), result.notes
    return [(h.doc_id, h.score) for h in result.hits]


def test_rankings_after_many_small_updates_match_a_fresh_rebuild(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = generate_corpus(tmp_path / "corpus")
    spy = PoolSpy()
    monkeypatch.setattr(indexer, "ProcessPoolExecutor", spy.cls)
    engine = SearchEngine.open(corpus, tmp_path / "index")
    if indexer._can_fork():
        assert spy.started >= 1, "the build did not take the parallel path"
    rng = random.Random(7)
    files = sorted(corpus.glob("*.yaml"))
    files = [f for f in files if f.name != "taxonomy.yaml"]
    try:
        for round_no in range(4):
            for path in rng.sample(files, 15):
                text = path.read_text(encoding="utf-8")
                if round_no % 2:
                    # A change of content that moves term statistics, not only the file's hash.
                    text = text.replace("fathers", "fathers and fathers", 1)
                path.write_text(text + f"# edited in round {round_no}\n", encoding="utf-8")
            status = engine.refresh()
            assert not status.rebuilt and status.updated, status
        incremental = {q: top10(engine, q) for q in QUERIES}
    finally:
        engine.close()
    fresh_engine = SearchEngine.open(corpus, tmp_path / "fresh", rebuild=True)
    try:
        fresh = {q: top10(fresh_engine, q) for q in QUERIES}
    finally:
        fresh_engine.close()
    for q in QUERIES:
        assert fresh[q], q
        assert [d for d, _ in incremental[q]] == [d for d, _ in fresh[q]], q
        assert [s for _, s in incremental[q]] == pytest.approx([s for _, s in fresh[q]],
                                                               rel=1e-9, abs=1e-12), q
        assert all(s > 0 for _, s in incremental[q]), q
