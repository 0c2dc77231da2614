"""Passage rows: stored as columns (`passage_rows.encode_rows`), read back one tuple per passage,
and kept decoded per index version (`postings.FastIndex.rows`)."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from scrbrowse.search.api import SearchRequest
from scrbrowse.search.engine import SearchEngine
from scrbrowse.search.index import postings as fastindex
from scrbrowse.search.index.passage_rows import analysed_rows, decode_rows, encode_rows
from scrbrowse.search.index.update import parse_file, read_taxonomy, scan_records
from scrbrowse.search.text.analysis import analyse_sentences
from scrbrowse.search.text.synonyms import SynonymIndex

from .conftest import CORPUS

HANTS_LS = "hampshire-child-k-learning-summary"


def test_rows_read_back_as_they_were_analysed() -> None:
    taxonomy, _state = read_taxonomy(CORPUS)
    synonyms = SynonymIndex.for_taxonomy(taxonomy)
    for name in scan_records(CORPUS):
        doc = parse_file(CORPUS, name, taxonomy).doc
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


def test_kept_rows_are_bounded_and_never_outlive_an_edit(indexed: tuple[Path, Path],
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fastindex, "ROWS_KEPT", 2)
    corpus, index = indexed
    engine = SearchEngine.open(corpus, index)
    view = engine._view
    assert view is not None
    for doc_id in view.browse_order:
        assert view.raw_rows(doc_id) == view.raw_rows(doc_id)  # the second read is the kept one
    assert len(view.fast._rows) == 2
    assert not any("overlayingq" in row[3] for row in view.raw_rows(HANTS_LS))
    path = corpus / f"{HANTS_LS}.yaml"
    path.write_text(path.read_text().replace("overlaying", "overlayingq"))
    engine.refresh()
    assert engine._view is not None
    assert any("overlayingq" in row[3] for row in engine._view.raw_rows(HANTS_LS))
    hits = engine.search(SearchRequest("overlayingq")).hits
    assert [h.doc_id for h in hits] == [HANTS_LS]
    assert any("overlayingq" in p.text for p in hits[0].passages)
    engine.close()
