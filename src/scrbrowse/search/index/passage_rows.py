"""Passage rows: each document's passages, pre-analysed, stored in its index record.

The engine reads them only for the documents it shows (matched passages, snippets) and for the
question bank, so no passage needs its own index record and no text is analysed at query time.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from operator import itemgetter
from typing import Any

from ...model import Document, PassageKind
from ..api import UNDATED
from ..text.analysis import (
    SENTENCE_GAP,
    WORD_RE,
    Preanalysed,
    analyse_sentences,
    analyse_words,
    normalise,
)
from ..text.synonyms import SynonymIndex
from .schema import (
    AGENCY,
    BOARD,
    BODY,
    CHILD,
    CONCEPT,
    DOC_ID,
    DOC_TYPE,
    PASSAGES,
    QUESTIONS,
    REVIEW_TYPE,
    THEME,
    TITLE,
    YEAR,
)

# One passage of a document as the engine needs it, a tuple (as stored, see `encode_rows`): item
# id, kind (its value), heading, text, the passage's own themes and agencies or else the
# document's, its analysed terms in order, space-separated ("both parent co sleep": a word or
# phrase check is then one substring search in C, " co sleep " in the padded terms), and the
# taxonomy entries it mentions (synonyms.concept_key). Tags and entries are sorted tuples.
Row = tuple[Any, ...]
GAP = (SENTENCE_GAP, SENTENCE_GAP)  # (word, term) of a gap: see index_record


def padded(terms: str) -> str:  # as the needle checks want them (evaluation/passages.py)
    return f" {terms} " if terms else " "


def analysed_rows(doc: Document, synonyms: SynonymIndex,
                  ) -> tuple[list[Row], list[tuple[str, str]]]:
    """The rows, and all their (word, term) pairs in order, with a gap after each passage and
    between sentences, so the body need not be analysed again."""
    rows = []
    words: list[tuple[str, str]] = []
    shared: dict[tuple[str, ...], tuple[str, ...]] = {}  # equal tag sets: one tuple, pickled once

    def tags(values: Iterable[str]) -> tuple[str, ...]:
        key = tuple(sorted(set(values)))
        return shared.setdefault(key, key)

    for p in doc.passages():
        # Sentence ends stay in the passage's terms: phrases never cross them.
        gapped = analyse_sentences(p.text)
        stems = tuple(map(itemgetter(1), gapped))
        if gapped:
            words.extend(gapped)
            words.append(GAP)
        rows.append((p.item_id, p.kind.value, p.heading, p.text, tags(p.themes or doc.themes),
                     tags(p.agencies or doc.agencies), " ".join(stems),
                     tags(synonyms.concepts_in(stems))))
    return rows, words


def question_column(doc: Document, rows: list[Row]) -> tuple[Any, ...]:
    """What the question bank reads of a document (`corpus_overview.QuestionTable`), kept apart
    from its passage rows so that a first opening decodes nothing else. For each of its questions
    (its question rows, in order): the number as written (None if unnumbered); its own tags, else
    those of the learning point it belongs to (never the document's: a review about safe sleep
    does not make each of its questions one); its padded terms and concepts, a line each."""
    lps = {lp.id: lp for lp in doc.learning_points}
    shared: dict[tuple[str, ...], tuple[str, ...]] = {}  # pickled once per document
    themes, agencies = [], []
    for q in doc.reflective_questions:
        lp = lps.get(q.learning_point or "")
        theme = tuple(q.themes) or (tuple(lp.themes) if lp else ())
        agency = tuple(q.agencies) or (tuple(lp.agencies) if lp else ())
        themes.append(shared.setdefault(theme, theme))
        agencies.append(shared.setdefault(agency, agency))
    analysed = [r for r in rows if r[1] == PassageKind.QUESTION.value]
    return ([q.number for q in doc.reflective_questions], themes, agencies,
            "\n".join(padded(r[6]) for r in analysed),
            "\n".join(padded(" ".join(r[7])) for r in analysed))


def encode_rows(rows: list[Row]) -> tuple[Any, ...]:
    """A document's rows as columns (`decode_rows` turns them back into rows). Whoosh pickles and
    compresses stored values itself, and unpickling is the cheapest way back; as columns it makes
    about ten objects a document, not a list per passage with five lists inside (about 230): a
    read takes 91 rather than 124 µs at 10,000 documents, and leaves less for the collector."""
    columns: list[Any] = list(zip(*rows, strict=True)) if rows else [()] * 8
    columns[6] = "\n".join(columns[6])  # no row's terms hold a line end: split when decoded
    return tuple(columns)


def decode_rows(data: Any) -> list[Row]:
    """The stored columns as rows (see `Row`). Raises on anything else."""
    ids, kinds, headings, texts, themes, agencies, terms, concepts = data
    return list(zip(ids, kinds, headings, texts, themes, agencies,
                    terms.split("\n") if ids else (), concepts, strict=True))


def index_record(doc: Document, synonyms: SynonymIndex) -> dict[str, Any]:
    """The Whoosh record of one document. Its indexed fields are exactly what the fast postings
    hold (the codec makes them from Whoosh's postings): pre-analysed text, where a GAP pair takes
    a position between parts, passages and sentences, so no phrase runs from one into the next."""
    rows, row_words = analysed_rows(doc, synonyms)
    review = doc.review
    body: list[tuple[str, str]] = []
    title_pairs = analyse_words(doc.title)
    for pairs in (title_pairs, analyse_words(review.display), analyse_words(review.board or ""),
                  analyse_words(review.area or "")):
        if pairs:
            body.extend(pairs)
            body.append(GAP)
    concepts: Counter[str] = Counter(synonyms.concepts_in([t for _w, t in title_pairs]))
    body.extend(row_words)
    for r in rows:
        concepts.update(r[7])  # each passage counts a concept once
    board = [(w, w) for w in _name_words(review.board or "")]
    if review.area:
        board += [GAP, *((w, w) for w in _name_words(review.area))]
    return {
        DOC_ID: doc.id,
        BODY: Preanalysed("\n".join([doc.title, review.display, *(r[3] for r in rows)]), body),
        TITLE: Preanalysed(doc.title, title_pairs),
        # doc.all_themes() and all_agencies(), from the rows already made (each row carries its
        # passage's tags or else the document's).
        THEME: " ".join(sorted(set(doc.themes).union(*(r[4] for r in rows)))),
        AGENCY: " ".join(sorted(set(doc.agencies).union(*(r[5] for r in rows)))),
        BOARD: Preanalysed(" ".join(x for x in (review.board, review.area) if x), board),
        CHILD: Preanalysed(review.child, [(w, w) for w in _name_words(review.child)]),
        YEAR: doc.year or UNDATED,
        DOC_TYPE: doc.doc_type,
        REVIEW_TYPE: review.review_type,
        CONCEPT: " ".join(concepts.elements()),
        PASSAGES: encode_rows(rows),
        QUESTIONS: question_column(doc, rows),
    }


def _name_words(text: str) -> list[str]:
    return [w.lower() for w in WORD_RE.findall(normalise(text))]
