"""A test engine that wraps the real one: every method of the `Engine` protocol, passed on as it
is, so a test overrides just what it fakes and the wrapper still is a whole `Engine` (the app never
probes for optional parts)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from scrbrowse.model import Document
from scrbrowse.problems import Problem
from scrbrowse.search.api import (
    NO_FILTERS,
    BankResult,
    DocumentHit,
    Filters,
    IndexStatus,
    SearchRequest,
    SearchResult,
    TagStats,
)
from scrbrowse.taxonomy import Taxonomy
from scrbrowse.ui.backend import Engine


class WrappedEngine:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    @property
    def inner(self) -> Engine:
        """The engine wrapped."""
        return self._engine

    @property
    def taxonomy(self) -> Taxonomy:
        return self._engine.taxonomy

    @property
    def status(self) -> IndexStatus:
        return self._engine.status

    @property
    def problems(self) -> Sequence[Problem]:
        return self._engine.problems

    def document(self, doc_id: str) -> Document | None:
        return self._engine.document(doc_id)

    def linked(self, doc_id: str) -> list[DocumentHit]:
        return self._engine.linked(doc_id)

    def search(self, request: SearchRequest, *,
               should_stop: Callable[[], bool] | None = None) -> SearchResult:
        return self._engine.search(request, should_stop=should_stop)

    def related(self, doc_id: str, limit: int = 5) -> list[DocumentHit]:
        return self._engine.related(doc_id, limit)

    def question_bank(self, query: str = "", filters: Filters = NO_FILTERS, *, offset: int = 0,
                      limit: int = 200, only: frozenset[tuple[str, str | None]] | None = None,
                      scope: str = "question",
                      should_stop: Callable[[], bool] | None = None) -> BankResult:
        return self._engine.question_bank(query, filters, offset=offset, limit=limit, only=only,
                                          scope=scope, should_stop=should_stop)

    def tag_stats(self, vocabulary: str = "themes", *,
                  include_unused: bool = False) -> TagStats:
        return self._engine.tag_stats(vocabulary, include_unused=include_unused)

    def refresh(self) -> IndexStatus:
        return self._engine.refresh()

    def close(self) -> None:
        self._engine.close()


def as_engine(engine: WrappedEngine) -> Engine:
    """Checked by mypy (when it reads the tests) and at run time: a wrapper is an `Engine`."""
    checked: Engine = engine
    return checked
