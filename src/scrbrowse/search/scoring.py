"""BM25F as Whoosh computes it, with field lengths read from arrays built once per segment.

Whoosh's scorer asks the segment for each matching document's field length through several
layers of calls; on broad queries that was a fifth of the search time. Segments never change,
so their lengths are read once per open index and kept.
"""

from __future__ import annotations

import threading
from typing import Any

from whoosh.scoring import BM25F, BM25FScorer


class CachedLengthBM25F(BM25F):
    def __init__(self) -> None:
        super().__init__()
        self._lengths: dict[tuple[int, str], list[int]] = {}
        self._lock = threading.Lock()

    def scorer(self, searcher: Any, fieldname: str, text: Any, qf: int = 1) -> Any:
        scorer = super().scorer(searcher, fieldname, text, qf=qf)
        if isinstance(scorer, BM25FScorer) and hasattr(scorer, "dfl"):
            lengths = self._lengths_of(searcher.reader(), fieldname)
            scorer.dfl = lambda docid: lengths[docid] or 1
        return scorer

    def prepare(self, searcher: Any, fieldnames: tuple[str, ...]) -> None:
        """Read the lengths now (at open), so the first search does not pay for it."""
        for leaf, _offset in searcher.leaf_searchers():
            for fieldname in fieldnames:
                self._lengths_of(leaf.reader(), fieldname)

    def _lengths_of(self, reader: Any, fieldname: str) -> list[int]:
        key = (id(reader), fieldname)
        got = self._lengths.get(key)
        if got is None:
            with self._lock:
                got = self._lengths.get(key)
                if got is None:
                    length = reader.doc_field_length
                    got = [length(d, fieldname, 1) for d in range(reader.doc_count_all())]
                    self._lengths[key] = got
        return got
