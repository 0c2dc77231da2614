"""What the app needs from the search core, as a Protocol, and the one place that imports the engine.

Screens talk to an `Engine`; tests can wrap the real engine (for example to make a search fail) without
the app knowing. The engine is thread-safe: workers call it from their threads.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol

from ..model import Document, PassageKind
from ..problems import Problem
from ..search.api import DocumentHit, Filters, IndexStatus, PassageHit, SearchRequest, SearchResult
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

    def search(self, request: SearchRequest) -> SearchResult: ...

    def related(self, doc_id: str, limit: int = 5) -> list[DocumentHit]: ...

    def search_passages(self, query: str, filters: Filters, kinds: frozenset[PassageKind],
                        limit: int = 200) -> list[tuple[DocumentHit, PassageHit]]: ...

    def refresh(self) -> IndexStatus: ...

    def close(self) -> None: ...


def search_until(engine: Engine, request: SearchRequest, should_stop: Callable[[], bool]) -> SearchResult:
    """`engine.search(request)`, stopped early when `should_stop()` turns true, if the engine can.

    A stopped search returns an empty or partial result: the caller must drop it (it is superseded
    anyway). Engines without the `should_stop` keyword (older ones, test wrappers) run to the end."""
    if _accepts_should_stop(engine):
        search: Callable[..., SearchResult] = engine.search
        return search(request, should_stop=should_stop)
    return engine.search(request)


def _accepts_should_stop(engine: Any) -> bool:
    kind = type(engine)
    known = _SHOULD_STOP.get(kind)
    if known is None:
        try:
            params = inspect.signature(engine.search).parameters
        except (TypeError, ValueError):
            params = {}  # type: ignore[assignment]
        known = _SHOULD_STOP[kind] = "should_stop" in params
    return known


_SHOULD_STOP: dict[type, bool] = {}


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
