"""Every document of the corpus, read through the engine, for the screens that look at the whole
corpus at once (the question bank counts and filters questions; the themes overview counts reviews).

Read in worker threads and kept until the corpus changes (ingest bumps the generation), so opening
the question bank a second time is instant.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from ..model import Document
from ..search.api import SearchRequest
from .backend import Engine

EVERYTHING = 1_000_000  # "all documents" for one browse-order request


def read_documents(engine: Engine, cancelled: Callable[[], bool] = lambda: False) -> list[Document] | None:
    """All documents in the browser's order (newest first); None if cancelled on the way."""
    result = engine.search(SearchRequest(limit=EVERYTHING, with_passages=False, with_facets=False))
    docs: list[Document] = []
    for hit in result.hits:
        if cancelled():
            return None
        doc = engine.document(hit.doc_id)
        if doc is not None:  # a file that vanished since it was indexed is left out
            docs.append(doc)
    return docs


class DocumentCache:
    """The last full read, keyed by engine and corpus generation. Thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._key: tuple[int, int] | None = None
        self._docs: list[Document] = []

    def get(self, engine: Engine, generation: int,
            cancelled: Callable[[], bool] = lambda: False) -> list[Document] | None:
        key = (id(engine), generation)
        with self._lock:
            if self._key == key:
                return self._docs
        docs = read_documents(engine, cancelled)
        if docs is None:
            return None
        with self._lock:
            self._key, self._docs = key, docs
        return docs
