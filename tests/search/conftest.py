"""Search-core fixtures: one engine over the bundled corpus, built once per test session."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Collection, Iterator
from pathlib import Path
from typing import Any

import pytest

from scrbrowse.search.api import Filters, SearchRequest, SearchResult
from scrbrowse.search.engine import SearchEngine
from scrbrowse.search.evaluation.passages import leaf_test, plan_bits
from scrbrowse.search.index.catalogue import DocMeta
from scrbrowse.search.query.plan import Node

CORPUS = Path(__file__).resolve().parents[2] / "corpus"

TERM_STATS = ("weight", "doc_frequency", "min_length", "max_length", "max_weight", "min_id", "max_id")


def assert_same_term_stats(a: Any, b: Any, field: str, term: bytes) -> None:
    """Two Whoosh readers give one term the same statistics (its TermInfo, stat by stat)."""
    ia, ib = a.term_info(field, term), b.term_info(field, term)
    for stat in TERM_STATS:
        assert getattr(ia, stat)() == getattr(ib, stat)(), (field, term, stat)

Search = Callable[..., SearchResult]


@pytest.fixture(scope="session")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchEngine]:
    """An engine over the bundled corpus. Tests must not change that corpus."""
    eng = SearchEngine.open(CORPUS, tmp_path_factory.mktemp("search-index"))
    assert eng.status.documents == 5, eng.status
    yield eng
    eng.close()


@pytest.fixture
def search(engine: SearchEngine) -> Search:
    def run(query: str = "", filters: Filters | None = None, **kwargs: object) -> SearchResult:
        return engine.search(SearchRequest(query=query, filters=filters or Filters(),
                                           **kwargs))  # type: ignore[arg-type]

    return run


@pytest.fixture
def own_corpus(tmp_path: Path) -> Path:
    """A writable copy of the bundled corpus, for tests that change files."""
    dest = tmp_path / "corpus"
    shutil.copytree(CORPUS, dest)
    return dest


@pytest.fixture(scope="session")
def _template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("search-template")
    shutil.copytree(CORPUS, base / "corpus")
    SearchEngine.open(base / "corpus", base / "index").close()
    return base / "corpus", base / "index"


@pytest.fixture
def indexed(tmp_path: Path, _template: tuple[Path, Path]) -> tuple[Path, Path]:
    """(corpus, index): writable copies of the bundled corpus and an up-to-date index of it.

    Copies keep file times, so opening finds the index fresh: no YAML is parsed (which is what
    makes building slow), and each test starts quickly.
    """
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    shutil.copytree(_template[0], corpus)
    shutil.copytree(_template[1], index)
    return corpus, index


def passage_matches(node: Node, terms: str, concepts: Collection[str], themes: Collection[str],
                    agencies: Collection[str], doc: DocMeta) -> bool:
    """The tests' oracle: does the plan match this one passage, tested on its own (`terms`
    padded, see `passages.padded`), with the same leaf tests and composition the engine uses?"""
    return bool(plan_bits(node, lambda lf: int(leaf_test(lf)(terms, concepts, themes, agencies,
                                                             doc)), 1))
