"""The search core's public types: what the app, the CLI and the tests exchange with the engine.

Plain frozen dataclasses, no Whoosh and no Textual types, so callers never depend on the engine.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from ..model import PassageKind, Restriction

UNDATED = "undated"  # the year of a document with no date, and its `year` facet value
SNIPPET_CHARS = 240  # characters in a snippet, at most

# Facet names, in the order the app shows them.
FACETS: tuple[str, ...] = ("theme", "agency", "board", "year", "doc_type")
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
        return getattr(self, facet)

    def toggled(self, facet: str, value: str) -> Filters:
        return self.with_values(facet, self.get(facet) ^ {value})  # in if it was out, out if in

    def with_values(self, facet: str, values: Iterable[str]) -> Filters:
        return replace(self, **{facet: frozenset(values)})

    def cleared(self) -> Filters:
        return Filters()

    def is_empty(self) -> bool:
        return not any(self.get(f) for f in FACETS)

    def items(self) -> list[tuple[str, str]]:
        """(facet, value) pairs, for chips."""
        return [(f, v) for f in FACETS for v in sorted(self.get(f))]


NO_FILTERS = Filters()


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

    @classmethod
    def cut(cls, flat: str, start: int = 0, limit: int = SNIPPET_CHARS,
            mark: Callable[[str], Iterable[tuple[int, int]]] | None = None) -> Snippet:
        """A one-line text from `start`, cut at a word within `limit` characters, ellipses where
        text is left out, the spans `mark` finds (`highlight.make_snippet`). Here so that
        `PassageHit.snippet` can make it: these types import no other layer."""
        end = start + limit
        if end < len(flat):
            space = flat.rfind(" ", start, end)
            end = space if space > start + limit // 2 else end
        body = flat[start:end].strip()
        prefix = "… " if start > 0 else ""
        # Marked before the ellipses go on: "…" is not in NFKC form ("..."), so marking the whole
        # extract sent each of its words through the normalised text's offset map.
        spans = tuple((s + len(prefix), e + len(prefix)) for s, e in mark(body)) if mark else ()
        return cls(prefix + body + (" …" if end < len(flat) else ""), spans)

    @classmethod
    def opening(cls, text: str, limit: int = SNIPPET_CHARS) -> Snippet:
        """The opening of a text, on one line, nothing marked (browse mode, later passages)."""
        return cls.cut(" ".join(text.split()), 0, limit)


@dataclass(frozen=True, slots=True)
class PassageHit:
    item_id: str
    kind: PassageKind
    heading: str | None
    text: str
    score: float = 0.0
    marked: Snippet | None = None  # the best passage's snippet, with the query's words marked

    @property
    def snippet(self) -> Snippet:
        """`marked`, else the text's opening, made when asked: most matched passages never show."""
        return self.marked if self.marked is not None else Snippet.opening(self.text)


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

    def match_summary(self) -> str:
        """e.g. "2 learning points, 1 question"; empty when no passage matched (browse mode)."""
        return ", ".join(f"{n} {kind.label if n == 1 else kind.plural}"
                         for kind, n in Counter(p.kind for p in self.passages).items())


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


# ---------------------------------------------------------------------------------------------
# Corpus-wide views: the reflective question bank and the themes overview


@dataclass(frozen=True, slots=True)
class BankQuestion:
    """One reflective question as the bank lists it.

    `themes` and `agencies` are what the bank's filters and counts use: the question's own tags,
    else none: the index stores an untagged passage with its document's tags, and the bank never
    lists a question under its document's themes. (A question with no tags of its own once took
    its learning point's; the index does not record that link.) `doc_themes`/`doc_agencies` are
    the document's own tags (only `scope="document"` lets them match)."""

    doc_id: str
    item_id: str
    text: str
    number: int | None  # its place among the document's questions, from 1
    section: str | None
    review: str  # display, e.g. "Child S (area not stated)"
    review_id: str
    document: str  # the document's title
    board: str | None
    published: str | None
    restriction: Restriction | None
    themes: tuple[str, ...]
    agencies: tuple[str, ...]
    doc_themes: tuple[str, ...] = ()
    doc_agencies: tuple[str, ...] = ()
    draft: bool = False  # an ingested record nobody has checked yet
    spans: tuple[tuple[int, int], ...] = ()  # where the query's words are in `text`

    @property
    def key(self) -> tuple[str, str]:
        return (self.doc_id, self.item_id)

    @property
    def restricted(self) -> bool:
        return self.restriction is not None


@dataclass(frozen=True, slots=True)
class BankResult:
    """A page of the questions matching a query and filters, with the counts over all of them."""

    query: str
    filters: Filters
    total: int  # questions matching the query, the filters and `only`
    corpus_total: int  # every reflective question in the corpus
    offset: int
    questions: tuple[BankQuestion, ...]  # questions offset..offset+limit
    # "theme" and "agency": each counts what ticking a value would show (the other facet's
    # ticks apply, its own do not); values with no question are left out.
    facets: dict[str, tuple[FacetValue, ...]] = field(default_factory=dict)
    terms: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    stopped: bool = False  # superseded (`should_stop`): drop it
    elapsed_ms: float = 0.0


@dataclass(frozen=True, slots=True)
class TermCount:
    id: str
    label: str
    reviews: tuple[str, ...]  # review ids, sorted
    documents: tuple[str, ...]  # document ids, sorted
    group: str | None = None  # the taxonomy group, e.g. "Harm and risk"

    @property
    def count(self) -> int:
        """How many distinct reviews raise it (what the bar chart shows)."""
        return len(self.reviews)


@dataclass(frozen=True, slots=True)
class PairCount:
    """Two terms raised by the same reviews. `first` sorts before `second` by label."""

    first: str
    second: str
    first_label: str
    second_label: str
    reviews: tuple[str, ...]

    @property
    def count(self) -> int:
        return len(self.reviews)


@dataclass(frozen=True, slots=True)
class ReviewSummary:
    """What the overview shows of a review beside its name: the app's restriction and draft
    marks (a review is marked when any of its documents is)."""

    id: str
    display: str  # e.g. "Child K (Wiltshire)"
    restriction: Restriction | None = None
    draft: bool = False


@dataclass(frozen=True, slots=True)
class TagStats:
    """How many reviews raise each theme (or involve each agency), and which occur together.

    Counting is by review (`review_id`), not by document: a learning summary and the board's
    response to the same review raise a theme once. A review raises a theme when any of its
    documents is tagged with it, at document level or on any passage."""

    vocabulary: str  # "themes" or "agencies"
    total_reviews: int
    total_documents: int
    terms: tuple[TermCount, ...]  # most reviews first, then by label
    pairs: tuple[PairCount, ...]  # most reviews first, then by labels; only pairs that occur
    reviews: dict[str, ReviewSummary] = field(default_factory=dict)

    @property
    def max_count(self) -> int:
        return max((t.count for t in self.terms), default=0)

    def term(self, term_id: str) -> TermCount | None:
        return next((t for t in self.terms if t.id == term_id), None)

    def partners(self, term_id: str, limit: int | None = None) -> list[tuple[str, str, int]]:
        """(id, label, reviews) of the terms that most often occur with term_id."""
        return [(p.second, p.second_label, p.count) if p.first == term_id else (p.first, p.first_label, p.count)
                for p in self.pairs if term_id in (p.first, p.second)][:limit]

    def top_pairs(self, limit: int = 10) -> list[PairCount]:
        return list(self.pairs[:limit])  # every pair has at least one review
