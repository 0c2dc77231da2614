"""Issue 16 items 8 and 9: the index under faults, on a corpus big enough for worker processes.

The five-document corpus never starts workers, which is why these faults went unseen."""

from __future__ import annotations

import importlib
import logging
import sys
from pathlib import Path

import pytest

from scrbrowse.search import indexer, store
from scrbrowse.search.api import SearchRequest
from scrbrowse.search.engine import SearchEngine

ROOT = Path(__file__).resolve().parents[2]
DOCS = indexer.POOL_MIN_FILES + 12


def generate_corpus(out: Path, docs: int = DOCS) -> Path:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    importlib.import_module("bench.generate").generate(out, docs, 1)
    return out


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate_corpus(tmp_path_factory.mktemp("faults") / "corpus")


def test_nothing_writable_builds_a_big_corpus_in_memory(corpus: Path, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch,
                                                        caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setattr(store, "is_writable", lambda _folder: False)
    with caplog.at_level(logging.WARNING, logger="scrbrowse"):
        engine = SearchEngine.open(corpus, tmp_path / "nowhere")
    try:
        assert engine.status.location == "memory"
        assert engine.status.documents == DOCS
        assert engine.search(SearchRequest("neglect")).total > 0
        # Built in this process, quietly: no worker was asked to open an index it cannot see.
        assert not [r for r in caplog.records if r.levelno >= logging.WARNING], caplog.text
        (corpus / sorted(p.name for p in corpus.glob("*.yaml") if p.name != "taxonomy.yaml")[0]
         ).unlink()
        engine.refresh()
        assert engine.status.documents == DOCS - 1
    finally:
        engine.close()
