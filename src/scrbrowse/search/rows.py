"""Passage rows: each document's passages, pre-analysed, stored compressed in its index record.

The engine reads them only for the documents it shows (matched passages, snippets) and for the
question bank, so no passage needs its own index record and no text is analysed at query time.
"""

from __future__ import annotations

import json
import zlib
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from ..model import Document, PassageKind
from .analysis import analyse
from .schema import (
    AGENCY,
    BOARD,
    BODY,
    CHILD,
    CONCEPT,
    DOC_ID,
    DOC_TYPE,
    PAIRS,
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
    stems: tuple[str, ...]  # analysed terms in order, for phrase checks
    stem_set: frozenset[str]
    concepts: frozenset[str] = frozenset()  # taxonomy entries it mentions (synonyms.concept_key)


def pair(a: str, b: str) -> str:
    """The PAIRS term of two adjacent terms ("+" never occurs inside a term)."""
    return f"{a}+{b}"


def document_rows(doc: Document, synonyms: SynonymIndex) -> list[Row]:
    rows = []
    for p in doc.passages():
        stems = tuple(analyse(p.text))
        rows.append(Row(
            p.item_id, p.kind, p.heading, p.text,
            frozenset(p.themes or doc.themes), frozenset(p.agencies or doc.agencies),
            stems, frozenset(stems), frozenset(synonyms.concepts_in(stems)),
        ))
    return rows


def encode_rows(rows: list[Row]) -> bytes:
    data = [[r.item_id, r.kind.value, r.heading, r.text, sorted(r.themes), sorted(r.agencies),
             " ".join(r.stems), sorted(r.concepts)] for r in rows]
    # Level 1: most of the saving at a fraction of the cost; this runs once per document at build.
    return zlib.compress(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode(), 1)


def decode_rows(blob: bytes) -> list[Row]:
    rows = []
    for item_id, kind, heading, text, themes, agencies, stems, concepts in json.loads(
            zlib.decompress(blob)):
        st = tuple(stems.split()) if stems else ()
        rows.append(Row(item_id, PassageKind(kind), heading, text, frozenset(themes),
                        frozenset(agencies), st, frozenset(st), frozenset(concepts)))
    return rows


def index_record(doc: Document, rows: list[Row], synonyms: SynonymIndex) -> dict[str, Any]:
    """The Whoosh record of one document."""
    review = doc.review
    head = [doc.title, review.display, review.board or "", review.area or ""]
    concepts = synonyms.concepts_in(analyse(doc.title))
    terms: list[str] = []  # BODY's terms, in the order the analyser will see them
    for part in head:
        terms.extend(analyse(part))
    for r in rows:
        concepts.update(synonyms.concepts_in(r.stems))
        terms.extend(r.stems)
    return {
        DOC_ID: doc.id,
        BODY: "\n".join([*head, *(r.text for r in rows)]),
        THEME: " ".join(sorted(doc.all_themes())),
        AGENCY: " ".join(sorted(doc.all_agencies())),
        BOARD: " ".join(x for x in (review.board, review.area) if x),
        CHILD: review.child,
        YEAR: doc.year or UNDATED,
        DOC_TYPE: doc.doc_type,
        REVIEW_TYPE: review.review_type,
        CONCEPT: " ".join(concepts.elements()),
        PAIRS: " ".join(pair(a, b) for a, b in pairwise(terms)),
        PASSAGES: encode_rows(rows),
    }
