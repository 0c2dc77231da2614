"""What the app needs from the search core, as a Protocol, and the one place that imports the engine.

Screens talk to an `Engine`: the real `SearchEngine`, or in tests a wrapper or a fake that
implements all of it (the protocol is the contract; nothing probes for optional parts). The engine
is thread-safe: workers call it from their threads. `should_stop` is asked now and then during long
work; when it says yes the result is empty (marked as stopped) and the caller drops it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

from ..model import Document
from ..problems import Problem
from ..search.api import (
    NO_FILTERS,
    BankResult,
    DocumentHit,
    Filters,
    IndexStatus,
    SearchRequest,
    SearchResult,
    TagStats,
)
from ..taxonomy import Taxonomy


class Engine(Protocol):
    @property
    def taxonomy(self) -> Taxonomy: ...

    @property
    def status(self) -> IndexStatus: ...

    @property
    def problems(self) -> Sequence[Problem]: ...

    def document(self, doc_id: str) -> Document | None: ...

    def linked(self, doc_id: str) -> list[DocumentHit]: ...

    def search(self, request: SearchRequest, *,
               should_stop: Callable[[], bool] | None = None) -> SearchResult: ...

    def related(self, doc_id: str, limit: int = 5) -> list[DocumentHit]: ...

    def question_bank(self, query: str = "", filters: Filters = NO_FILTERS, *, offset: int = 0,
                      limit: int = 200, only: frozenset[tuple[str, str | None]] | None = None,
                      scope: str = "question",
                      should_stop: Callable[[], bool] | None = None) -> BankResult: ...

    def tag_stats(self, vocabulary: str = "themes", *,
                  include_unused: bool = False) -> TagStats: ...

    def refresh(self) -> IndexStatus: ...

    def close(self) -> None: ...


# (done, total, what) while the index is being built or updated.
Progress = Callable[[int, int, str], None]
# (corpus_dir, index_dir or None for the default, progress) -> an open engine.
EngineFactory = Callable[[Path, "Path | None", "Progress | None"], Engine]


def open_engine(corpus_dir: Path, index_dir: Path | None, progress: Progress | None = None) -> Engine:
    from ..search.engine import SearchEngine

    engine: Engine = SearchEngine.open(corpus_dir, index_dir, progress=progress)
    return engine


def find_spans(text: str, terms: Sequence[str]) -> list[tuple[int, int]]:
    """Where the query's analysed terms occur in `text` (the engine's own matching rules)."""
    if not terms or not text:
        return []
    from ..search.engine import find_spans as engine_find_spans

    return list(engine_find_spans(text, list(terms)))
