"""Is this document already in the corpus? Near-identical text, measured on the records themselves.

A draft made from a re-downloaded PDF, or from the same briefing saved as Word, has different bytes
but the same words. Records are compared like with like: the words of the new draft against the
words of each record in the folder (titles, items, sections; not ids, tags or the draft block), as
sets of 5-word shingles, and Jaccard similarity (shared / all) of 0.9 or more counts as the same
document. Each record keeps a small bottom-k sketch of its shingles so a folder of thousands of
records is checked quickly; a sketch that looks close is confirmed on the full sets.
"""

from __future__ import annotations

import heapq
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

SHINGLE_WORDS = 5
SAME_DOCUMENT = 0.9
SKETCH = 256
# Keys whose values are not the document's words: identifiers, tags, dates, the draft checklist.
_NOT_TEXT = frozenset({"draft", "id", "schema_version", "themes", "agencies", "doc_type", "published",
                       "date_note", "source", "review", "restriction", "audience", "section",
                       "learning_point", "number", "url", "level"})
_WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def record_text(data: Any) -> str:
    """The words of a record (a parsed YAML mapping), in file order."""
    out: list[str] = []
    _collect(data, out)
    return "\n".join(out)


def _collect(value: Any, out: list[str]) -> None:
    if isinstance(value, str):
        out.append(value)
    elif isinstance(value, Mapping):
        for key, item in value.items():
            if key not in _NOT_TEXT:
                _collect(item, out)
    elif isinstance(value, (list, tuple)):
        for item in value:
            _collect(item, out)


def shingles(text: str) -> frozenset[int]:
    """The hashes of the text's 5-word phrases. Python's own hash: fast, and sketches are only ever
    compared within one process (each run scans the folder afresh), so its per-process seed is fine."""
    w = words(text)
    if not w:
        return frozenset()
    if len(w) < SHINGLE_WORDS:
        return frozenset({hash(tuple(w))})
    return frozenset(map(hash, zip(*(w[i:] for i in range(SHINGLE_WORDS)), strict=False)))


def jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


@dataclass(frozen=True, slots=True)
class Sketch:
    smallest: tuple[int, ...]  # the SKETCH smallest shingle hashes, sorted
    size: int  # how many shingles in all

    @classmethod
    def of(cls, sh: frozenset[int]) -> Sketch:
        return cls(tuple(heapq.nsmallest(SKETCH, sh)), len(sh))

    def estimate(self, other: Sketch) -> float:
        """Jaccard similarity estimated from the two sketches (exact when both sets are small)."""
        if not self.smallest or not other.smallest:
            return 0.0
        mine, theirs = set(self.smallest), set(other.smallest)
        union = heapq.nsmallest(SKETCH, mine | theirs)
        both = sum(1 for h in union if h in mine and h in theirs)
        return both / len(union)

    def could_match(self, other: Sketch) -> bool:
        small, big = sorted((self.size, other.size))
        if big == 0 or small / big < SAME_DOCUMENT:  # Jaccard can never reach the bar
            return False
        return self.estimate(other) >= SAME_DOCUMENT - 0.1


def best(candidates: Iterable[tuple[Any, frozenset[int]]], mine: frozenset[int]) -> tuple[Any, float] | None:
    """The candidate most like `mine`, if it reaches SAME_DOCUMENT."""
    top: tuple[Any, float] | None = None
    for key, theirs in candidates:
        score = jaccard(mine, theirs)
        if score >= SAME_DOCUMENT and (top is None or score > top[1]):
            top = (key, score)
    return top
