"""The Whoosh schema: one index record per document, with its passages stored alongside.

Why not one record per passage: measured here, passage records tripled build time (Whoosh pays per
record and per field) while the only thing they bought was "which passages matched", which the
engine works out in memory for the few documents on screen from the stored, pre-analysed passages
(see `index/passage_rows.py`). Document-level records also give the meaning people expect of "all words must
match": all words in the review, not all in one sentence.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from whoosh.analysis import SimpleAnalyzer, SpaceSeparatedTokenizer
from whoosh.columns import CompressedBytesColumn, PickleColumn
from whoosh.fields import COLUMN, ID, KEYWORD, STORED, TEXT, Schema

from ...model import SCHEMA_VERSION as RECORD_SCHEMA_VERSION
from ..text.analysis import FastStemmingAnalyzer, Preanalysed

# Bump when fields, analysis or the stored passage format change: an index with another version is
# rebuilt on open. Combined with the record schema version of the corpus format.
# 7: segments are separate files, not compound ones (searching reads them without copying).
# 8: document metadata carries the draft flag.
# 9: indexed text is brought to Unicode NFKC form, as queries are; fast postings carry checksums.
# 10: stored passage terms mark sentence ends, so phrases never cross a full stop.
# 11: one store: the fast postings live in Whoosh's segments (index/codec.py), numbered as Whoosh
#     numbers; a title field; gaps between passages and sentences take a position in Whoosh too.
# 12: the modules moved into layers (Whoosh pickles the codec's and analysers' paths in its table
#     of contents); passage rows carry a question's number and its own (else its learning point's) tags.
# 13: positional postings only in the codec's arrays; the sidecar gzipped.
# 14: a column of each document's questions, compact, for the question bank.
# 15: passage rows stored as columns (a tuple of each field), not a list per passage.
# 16: the stored taxonomy keeps each entry's search-only phrasings (they also tag passages).
INDEX_VERSION = 16
SCHEMA_TAG = f"index-{INDEX_VERSION}/records-{RECORD_SCHEMA_VERSION}"

# Field names, so query compilation and indexing cannot drift apart.
DOC_ID = "doc_id"
BODY = "body"  # title, review, board, child and every passage's text
TITLE = "title"
SPELL = "spell_body"  # Whoosh's unstemmed word list of BODY (spelling=True)
THEME = "theme"  # every theme of the document and of its passages
AGENCY = "agency"
BOARD = "board"  # board and area names, as words
CHILD = "child"
YEAR = "year"  # "2018" or api.UNDATED
DOC_TYPE = "doc_type"
REVIEW_TYPE = "review_type"
CONCEPT = "concept"  # taxonomy entries the text mentions, once per mention: "themes:safe-sleep"
PASSAGES = "passages"  # stored only: see index/passage_rows.py
# A column, not a stored field: Whoosh keeps a document's stored fields in one pickle, so reading
# any of them decodes all its passages; the bank reads only this (`passage_rows.question_column`).
QUESTIONS = "questions"


class GappedAnalyzer(FastStemmingAnalyzer):
    """The text fields' analyser (its own name, as indexes' tables of contents record it), which
    replays pre-analysed text with its gaps: see FastStemmingAnalyzer."""


class NameAnalyzer(GappedAnalyzer):
    """Names (board, area, child): lower-case words, no stemming, no stop words."""

    def __init__(self) -> None:
        self._simple = SimpleAnalyzer()

    def __call__(self, value: str, positions: bool = False, start_pos: int = 0,  # type: ignore[override]
                 **kwargs: Any) -> Iterator[Any]:
        analyse = super().__call__ if isinstance(value, Preanalysed) else self._simple
        yield from analyse(value, positions=positions, start_pos=start_pos, **kwargs)


def build_schema() -> Schema:
    words = NameAnalyzer()
    return Schema(
        **{
            DOC_ID: ID(stored=True, unique=True, sortable=True),
            BODY: TEXT(analyzer=GappedAnalyzer(), spelling=True),
            TITLE: TEXT(analyzer=GappedAnalyzer()),
            THEME: KEYWORD(),
            AGENCY: KEYWORD(),
            BOARD: TEXT(analyzer=words),
            CHILD: TEXT(analyzer=words),
            YEAR: ID(),
            DOC_TYPE: ID(),
            REVIEW_TYPE: ID(),
            # Scored like text (a review that mentions fathers ten times ranks above one that
            # mentions them once), but never phrased.
            CONCEPT: TEXT(analyzer=SpaceSeparatedTokenizer(), phrase=False),
            PASSAGES: STORED(),
            QUESTIONS: COLUMN(PickleColumn(CompressedBytesColumn())),
        }
    )
