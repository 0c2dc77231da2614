"""Passage rows: stored as columns (`passage_rows.encode_rows`), read back one tuple per passage
(`passage_rows.decode_rows`)."""

from __future__ import annotations

import pickle

import pytest

from scrbrowse.search.index.passage_rows import analysed_rows, decode_rows, encode_rows
from scrbrowse.search.index.update import parse_file, read_taxonomy, scan_records
from scrbrowse.search.text.analysis import analyse_sentences
from scrbrowse.search.text.synonyms import SynonymIndex

from .conftest import CORPUS


def test_rows_read_back_as_they_were_analysed() -> None:
    taxonomy, _state = read_taxonomy(CORPUS)
    synonyms = SynonymIndex.for_taxonomy(taxonomy)
    for name in scan_records(CORPUS):
        _state, doc = parse_file(CORPUS, name, taxonomy)
        assert doc is not None
        rows, _words = analysed_rows(doc, synonyms)
        stored = pickle.loads(pickle.dumps(encode_rows(rows)))  # as Whoosh stores it
        assert decode_rows(stored) == rows
        for row, p in zip(rows, doc.passages(), strict=True):
            assert row[:4] == (p.item_id, p.kind.value, p.heading, p.text)
            assert row[4] == tuple(sorted(set(p.themes or doc.themes)))
            assert row[6] == " ".join(t for _w, t in analyse_sentences(p.text))
    assert decode_rows(encode_rows([])) == []


def test_columns_of_different_lengths_are_not_read() -> None:
    with pytest.raises(ValueError):  # two terms lines for one passage
        decode_rows((("a",), ("question",), (None,), ("text",), ((),), ((),), "one\ntwo", ((),)))
    with pytest.raises(ValueError):  # columns missing
        decode_rows(encode_rows([])[:3])
