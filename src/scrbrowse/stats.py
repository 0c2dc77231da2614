"""Facts about the corpus for the overview screens: how many reviews raise each theme (or involve each
agency), which themes occur together, and the reflective question bank. No Textual, no I/O.

Counting is by *review* (`review.id`), not by document: a learning summary and the board's response
to the same review raise a theme once. A review raises a theme when any of its documents is tagged
with it, at document level or on any passage (section, learning point, question, ...).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations
from typing import Literal

from .corpus import Corpus
from .model import Document, Item, Question, Restriction
from .taxonomy import Taxonomy

Source = Corpus | Iterable[Document]
Vocabulary = Literal["themes", "agencies"]


def _documents(source: Source) -> list[Document]:
    """Newest first, undated last, then by id: the browser's order, and stable for tests."""
    docs = list(source.documents.values()) if isinstance(source, Corpus) else list(source)
    dated = sorted((d for d in docs if d.published), key=lambda d: d.sort_key, reverse=True)
    undated = sorted((d for d in docs if not d.published), key=lambda d: d.id)
    return dated + undated


def _taxonomy(source: Source, taxonomy: Taxonomy | None) -> Taxonomy | None:
    if taxonomy is not None:
        return taxonomy
    return source.taxonomy if isinstance(source, Corpus) else None


# ---------------------------------------------------------------------------------------------
# Themes and agencies


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

    def other(self, term_id: str) -> tuple[str, str]:
        """(id, label) of the term paired with term_id."""
        if term_id == self.first:
            return self.second, self.second_label
        return self.first, self.first_label


@dataclass(frozen=True, slots=True)
class TagStats:
    vocabulary: str  # "themes" or "agencies"
    total_reviews: int
    total_documents: int
    terms: tuple[TermCount, ...]  # most reviews first, then by label
    pairs: tuple[PairCount, ...]  # most reviews first, then by labels; only pairs that occur

    @property
    def max_count(self) -> int:
        return max((t.count for t in self.terms), default=0)

    def term(self, term_id: str) -> TermCount | None:
        for t in self.terms:
            if t.id == term_id:
                return t
        return None

    def partners(self, term_id: str, limit: int | None = None) -> list[tuple[str, str, int]]:
        """(id, label, reviews) of the terms that most often occur with term_id."""
        out = [(*p.other(term_id), p.count) for p in self.pairs if term_id in (p.first, p.second)]
        return out[:limit] if limit is not None else out

    def top_pairs(self, limit: int = 10, min_count: int = 1) -> list[PairCount]:
        return [p for p in self.pairs if p.count >= min_count][:limit]


def tag_stats(source: Source, vocabulary: Vocabulary = "themes", taxonomy: Taxonomy | None = None,
              *, include_unused: bool = False) -> TagStats:
    """Count reviews and documents per theme (or agency), and co-occurring pairs by review.

    With include_unused and a taxonomy (given, or the corpus's), terms no review raises are listed
    with a count of 0, after the others."""
    docs = _documents(source)
    tax = _taxonomy(source, taxonomy)
    vocab = tax.vocabulary(vocabulary) if tax is not None else {}

    by_review: dict[str, set[str]] = {}
    term_reviews: dict[str, set[str]] = {}
    term_docs: dict[str, set[str]] = {}
    for doc in docs:
        tags = doc.all_themes() if vocabulary == "themes" else doc.all_agencies()
        by_review.setdefault(doc.review.id, set()).update(tags)
        for tag in tags:
            term_reviews.setdefault(tag, set()).add(doc.review.id)
            term_docs.setdefault(tag, set()).add(doc.id)
    if include_unused:
        for tag in vocab:
            term_reviews.setdefault(tag, set())
            term_docs.setdefault(tag, set())

    def label(tag: str) -> str:
        term = vocab.get(tag)
        return term.label if term else tag

    terms = [TermCount(tag, label(tag), tuple(sorted(revs)), tuple(sorted(term_docs[tag])),
                       vocab[tag].group if tag in vocab else None)
             for tag, revs in term_reviews.items()]
    terms.sort(key=lambda t: (-t.count, t.label.lower(), t.id))

    pair_reviews: dict[tuple[str, str], set[str]] = {}
    for review_id, tags in by_review.items():
        ordered = sorted(tags, key=lambda t: (label(t).lower(), t))
        for a, b in combinations(ordered, 2):
            pair_reviews.setdefault((a, b), set()).add(review_id)
    pairs = [PairCount(a, b, label(a), label(b), tuple(sorted(revs)))
             for (a, b), revs in pair_reviews.items()]
    pairs.sort(key=lambda p: (-p.count, p.first_label.lower(), p.second_label.lower()))

    return TagStats(vocabulary, len(by_review), len(docs), tuple(terms), tuple(pairs))


def theme_stats(source: Source, taxonomy: Taxonomy | None = None, *,
                include_unused: bool = False) -> TagStats:
    return tag_stats(source, "themes", taxonomy, include_unused=include_unused)


def agency_stats(source: Source, taxonomy: Taxonomy | None = None, *,
                 include_unused: bool = False) -> TagStats:
    return tag_stats(source, "agencies", taxonomy, include_unused=include_unused)


_EIGHTHS = " ▏▎▍▌▋▊▉"


def bar(count: int, maximum: int, width: int) -> str:
    """A horizontal bar of `width` cells at most, in eighth-cell steps (plain text, no markup).
    A non-zero count always shows at least a sliver."""
    if maximum <= 0 or count <= 0 or width <= 0:
        return ""
    eighths = max(1, round(min(count, maximum) / maximum * width * 8))
    full, rest = divmod(eighths, 8)
    return "█" * full + (_EIGHTHS[rest] if rest else "")


def resolve_term(taxonomy: Taxonomy, vocabulary: Vocabulary, text: str) -> str | None:
    """A theme/agency id from what a person typed: the id, the label or a synonym (any case)."""
    key = text.strip().lower()
    vocab = taxonomy.vocabulary(vocabulary)
    if key in vocab:
        return key
    for term in vocab.values():
        if key == term.label.lower() or key in (s.lower() for s in term.synonyms):
            return term.id
    return None


def close_terms(taxonomy: Taxonomy, vocabulary: Vocabulary, text: str, n: int = 5) -> list[str]:
    """Ids that look like `text`, for "did you mean" messages."""
    vocab = taxonomy.vocabulary(vocabulary)
    key = text.strip().lower()
    by_label = {t.label.lower(): t.id for t in vocab.values()}
    near = difflib.get_close_matches(key, list(vocab), n=n, cutoff=0.6)
    near += [by_label[x] for x in difflib.get_close_matches(key, list(by_label), n=n, cutoff=0.6)]
    near += [t.id for t in vocab.values() if key and (key in t.id or key in t.label.lower())]
    return list(dict.fromkeys(near))[:n]


# ---------------------------------------------------------------------------------------------
# The reflective question bank


@dataclass(frozen=True, slots=True)
class QuestionEntry:
    """One reflective question with everything the bank shows and filters on.

    A question's themes (and agencies) are its own tags; a question with none takes those of the
    learning point it belongs to; a question with neither has none. The document's tags are kept
    apart (`doc_themes`): a document about safe sleep does not make each of its questions one."""

    doc_id: str
    item_id: str
    text: str
    number: int | None
    section: str | None
    review: str  # display, e.g. "Child S (area not stated)"
    review_id: str
    document: str  # the document's title
    board: str | None
    published: str | None
    restriction: Restriction | None
    themes: tuple[str, ...]  # the question's tags, else its learning point's (what filters match)
    agencies: tuple[str, ...]
    doc_themes: tuple[str, ...] = ()  # the document's own tags (only `scope="document"` uses them)
    doc_agencies: tuple[str, ...] = ()
    draft: bool = False  # an ingested record nobody has checked yet

    @property
    def key(self) -> tuple[str, str]:
        return (self.doc_id, self.item_id)

    @property
    def restricted(self) -> bool:
        return self.restriction is not None


Scope = Literal["question", "document"]


def question_bank(source: Source, *, themes: Iterable[str] = (), agencies: Iterable[str] = (),
                  scope: Scope = "question") -> list[QuestionEntry]:
    """Every reflective question, documents in browser order, questions in source order.

    Filtering (see `QuestionEntry`): a question matches a theme when it is tagged with it, or,
    having no themes of its own, its learning point is. Several themes: any of them (OR); likewise
    agencies; themes and agencies together: both (AND). Scope "document" also lets the document's
    tags match, for the widest list (`scrbrowse questions --with-document-tags`)."""
    want_themes, want_agencies = set(themes), set(agencies)
    out = []
    for doc in _documents(source):
        lps = {lp.id: lp for lp in doc.learning_points}
        for q in doc.reflective_questions:
            entry = _entry(doc, q, lps)
            t = entry.themes if scope == "question" else _merge(entry.themes, entry.doc_themes)
            a = entry.agencies if scope == "question" else _merge(entry.agencies, entry.doc_agencies)
            if want_themes and not want_themes.intersection(t):
                continue
            if want_agencies and not want_agencies.intersection(a):
                continue
            out.append(entry)
    return out


def _entry(doc: Document, q: Question, lps: dict[str, Item]) -> QuestionEntry:
    lp = lps.get(q.learning_point) if q.learning_point else None
    themes = tuple(q.themes) or (tuple(lp.themes) if lp else ())
    agencies = tuple(q.agencies) or (tuple(lp.agencies) if lp else ())
    return QuestionEntry(
        doc.id, q.id, q.text, q.number, q.section, doc.review.display, doc.review.id, doc.title,
        doc.review.board, doc.published, doc.restriction, _merge(themes), _merge(agencies),
        tuple(doc.themes), tuple(doc.agencies), doc.draft)


def _merge(*groups: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(tag for g in groups for tag in g))
