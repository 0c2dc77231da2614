"""The search core's public types: what the app, the CLI and the tests exchange with the engine.

Plain frozen dataclasses, no Whoosh and no Textual types, so callers never depend on the engine.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ..model import PassageKind

# Facet names, in the order the app shows them.
FACETS: tuple[str, ...] = ("theme", "agency", "board", "year", "doc_type")
UNDATED = "undated"  # the `year` facet value of a document with no date
NO_BOARD = "not stated"  # the `board` facet value of a document whose source names no board


@dataclass(frozen=True, slots=True)
class Filters:
    """Selected facet values. OR within one facet, AND across facets."""

    theme: frozenset[str] = frozenset()
    agency: frozenset[str] = frozenset()
    board: frozenset[str] = frozenset()
    year: frozenset[str] = frozenset()
    doc_type: frozenset[str] = frozenset()

    def get(self, facet: str) -> frozenset[str]:
        value: frozenset[str] = getattr(self, facet)
        return value

    def toggled(self, facet: str, value: str) -> Filters:
        current = self.get(facet)
        new = current - {value} if value in current else current | {value}
        return self.with_values(facet, new)

    def with_values(self, facet: str, values: Iterable[str]) -> Filters:
        kwargs = {f: self.get(f) for f in FACETS}
        kwargs[facet] = frozenset(values)
        return Filters(**kwargs)

    def cleared(self) -> Filters:
        return Filters()

    def is_empty(self) -> bool:
        return not any(self.get(f) for f in FACETS)

    def items(self) -> list[tuple[str, str]]:
        """(facet, value) pairs, for chips."""
        return [(f, v) for f in FACETS for v in sorted(self.get(f))]


@dataclass(frozen=True, slots=True)
class SearchRequest:
    query: str = ""
    filters: Filters = field(default_factory=Filters)
    limit: int = 50
    offset: int = 0
    # Work that only the visible page needs (snippets, matched passages) can be switched off.
    with_passages: bool = True
    with_facets: bool = True


@dataclass(frozen=True, slots=True)
class Snippet:
    """Plain text plus the character spans of matched words (data, never markup)."""

    text: str
    spans: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True, slots=True)
class PassageHit:
    item_id: str
    kind: PassageKind
    heading: str | None
    text: str
    snippet: Snippet
    score: float = 0.0


@dataclass(frozen=True, slots=True)
class DocumentHit:
    doc_id: str
    title: str
    review: str  # e.g. "Child K (Wiltshire)"
    review_id: str
    board: str | None
    year: str | None
    published: str | None
    doc_type: str  # taxonomy id
    doc_type_label: str
    restricted: bool
    restriction: str | None  # the restriction's wording, if any
    score: float
    snippet: Snippet
    passages: tuple[PassageHit, ...] = ()
    # e.g. "Professionals only": the restriction's short label, so lists need not load the document.
    restriction_label: str | None = None
    # An unchecked ingest draft: shown as "DRAFT — not yet checked" wherever the hit appears.
    draft: bool = False

    def match_counts(self) -> dict[PassageKind, int]:
        counts: dict[PassageKind, int] = {}
        for p in self.passages:
            counts[p.kind] = counts.get(p.kind, 0) + 1
        return counts

    def match_summary(self) -> str:
        """e.g. "2 learning points, 1 question"; empty when no passage matched (browse mode)."""
        parts = []
        for kind, n in self.match_counts().items():
            parts.append(f"{n} {kind.label if n == 1 else kind.plural}")
        return ", ".join(parts)


@dataclass(frozen=True, slots=True)
class FacetValue:
    value: str  # the id (theme/agency/doc_type) or the literal value (board/year)
    label: str
    count: int
    selected: bool = False


@dataclass(frozen=True, slots=True)
class SearchResult:
    request: SearchRequest
    total: int  # documents matching query + filters
    corpus_total: int  # documents in the corpus
    hits: tuple[DocumentHit, ...]
    facets: dict[str, tuple[FacetValue, ...]]
    # Words the query was expanded with from the taxonomy ("also searched: bed sharing, overlaying").
    expanded: tuple[str, ...] = ()
    # Analysed terms that matched, for marking every occurrence in a detail view (see `find_spans`).
    terms: tuple[str, ...] = ()
    # Gentle notes for the user, e.g. that the query syntax could not be used and plain words were searched.
    notes: tuple[str, ...] = ()
    # "Did you mean": a corrected query string, or None.
    suggestion: str | None = None
    elapsed_ms: float = 0.0
    # How the query was read, in one line of plain words ("Ranked by how many of these each
    # review has (not all needed): dad, around, much."); "" when there is nothing to explain.
    reading: str = ""


@dataclass(frozen=True, slots=True)
class IndexStatus:
    """What opening the index did, for one line on screen."""

    location: str
    documents: int
    fell_back: bool = False  # default location not writable: using the cache folder
    read_only: bool = False  # could not write anywhere: searching what is there
    rebuilt: bool = False
    updated: tuple[str, ...] = ()  # files re-indexed
    removed: tuple[str, ...] = ()
    messages: tuple[str, ...] = ()  # one line each, plain words
