"""Passage rows: each document's passages, pre-analysed, stored in its index record.

The engine reads them only for the documents it shows (matched passages, snippets) and for the
question bank, so no passage needs its own index record and no text is analysed at query time.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from ..model import Document, PassageKind
from .analysis import SENTENCE_GAP, Preanalysed, analyse, analyse_sentences, analyse_words
from .schema import (
    AGENCY,
    BOARD,
    BODY,
    CHILD,
    CONCEPT,
    DOC_ID,
    DOC_TYPE,
    PASSAGES,
    REVIEW_TYPE,
    THEME,
    YEAR,
)
from .synonyms import SynonymIndex

UNDATED = "undated"  # same value as api.UNDATED (kept literal to avoid an import cycle)


@dataclass(frozen=True, slots=True)
class Row:
    """One passage of a document as the engine needs it."""

    item_id: str
    kind: PassageKind
    heading: str | None
    text: str
    # The passage's own tags, or the document's when the passage has none.
    themes: frozenset[str]
    agencies: frozenset[str]
    # Analysed terms in order, space-separated with a space at each end: " both parent co sleep ".
    # Word and phrase checks are then one substring search in C (" parent " / " co sleep "),
    # and decoding builds no per-passage sets.
    terms: str
    concepts: frozenset[str] = frozenset()  # taxonomy entries it mentions (synonyms.concept_key)

    @property
    def stems(self) -> list[str]:
        return self.terms.split()

    def has(self, stems: tuple[str, ...]) -> bool:
        """Does the passage hold this term, or these terms in this order?"""
        return f" {' '.join(stems)} " in self.terms

    def position(self, stems: tuple[str, ...]) -> int | None:
        """The index of the first indexed word where the term or phrase starts, if it does."""
        at = self.terms.find(f" {' '.join(stems)} ")
        return None if at < 0 else self.terms.count(" ", 0, at)


def padded(stems: tuple[str, ...] | list[str]) -> str:
    return f" {' '.join(stems)} " if stems else " "


def document_rows(doc: Document, synonyms: SynonymIndex) -> list[Row]:
    return analysed_rows(doc, synonyms)[0]


def analysed_rows(doc: Document, synonyms: SynonymIndex,
                  ) -> tuple[list[Row], list[tuple[str, str]], Counter[str]]:
    """The rows; all their (word, term) pairs in order, so the body need not be analysed again;
    and how often each taxonomy entry is mentioned."""
    rows = []
    words: list[tuple[str, str]] = []
    mentions: Counter[str] = Counter()
    for p in doc.passages():
        # Sentence ends stay in the passage's terms (phrases never cross them); the Whoosh body
        # gets the words alone.
        gapped = analyse_sentences(p.text)
        stems = tuple(map(itemgetter(1), gapped))
        found = synonyms.concepts_in(stems)
        words.extend([pair for pair in gapped if pair[0] != SENTENCE_GAP])
        mentions.update(found)
        rows.append(Row(
            p.item_id, p.kind, p.heading, p.text,
            frozenset(p.themes or doc.themes), frozenset(p.agencies or doc.agencies),
            padded(stems), frozenset(found),
        ))
    return rows, words, mentions


def encode_rows(rows: list[Row]) -> list[list[Any]]:
    """Plain lists: Whoosh pickles and compresses stored values itself, and unpickling them is
    the cheapest way back (JSON plus our own zlib took three times as long per document)."""
    return [[r.item_id, r.kind.value, r.heading, r.text, sorted(r.themes), sorted(r.agencies),
             r.terms.strip(), sorted(r.concepts)] for r in rows]


def decode_rows(data: Any) -> list[Row]:
    rows = []
    for item_id, kind, heading, text, themes, agencies, terms, concepts in data:
        rows.append(Row(item_id, PassageKind(kind), heading, text, frozenset(themes),
                        frozenset(agencies), f" {terms} " if terms else " ", frozenset(concepts)))
    return rows


def index_record(doc: Document, synonyms: SynonymIndex) -> dict[str, Any]:
    """The Whoosh record of one document."""
    rows, row_words, concepts = analysed_rows(doc, synonyms)
    review = doc.review
    head = [doc.title, review.display, review.board or "", review.area or ""]
    tokens: list[tuple[str, str]] = []  # the body's words, exactly as the analyser finds them
    for part in head:
        tokens.extend(analyse_words(part))
    tokens.extend(row_words)
    concepts.update(synonyms.concepts_in(analyse(doc.title)))
    # doc.all_themes() and all_agencies(), from the rows already made (each row carries its
    # passage's tags or else the document's).
    themes = set(doc.themes).union(*(r.themes for r in rows))
    agencies = set(doc.agencies).union(*(r.agencies for r in rows))
    return {
        DOC_ID: doc.id,
        BODY: Preanalysed("\n".join([*head, *(r.text for r in rows)]), tokens),
        THEME: " ".join(sorted(themes)),
        AGENCY: " ".join(sorted(agencies)),
        BOARD: " ".join(x for x in (review.board, review.area) if x),
        CHILD: review.child,
        YEAR: doc.year or UNDATED,
        DOC_TYPE: doc.doc_type,
        REVIEW_TYPE: review.review_type,
        CONCEPT: " ".join(concepts.elements()),
        PASSAGES: encode_rows(rows),
    }
