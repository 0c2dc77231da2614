"""A document export holds every part of the document, in reading order, in every format."""

from __future__ import annotations

import pytest

from scrbrowse.corpus import Corpus
from scrbrowse.export import FORMATS, export_document
from scrbrowse.model import PassageKind


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_every_passage_appears_in_reading_order(corpus: Corpus) -> None:
    for doc in corpus.documents.values():
        out = _flat(export_document(doc, "txt", taxonomy=corpus.taxonomy))
        pos = 0
        for p in doc.passages():
            if p.kind is PassageKind.RESOURCE:
                res = next(r for r in doc.resources if r.id == p.item_id)
                pieces = [res.title, res.description, res.url]
            elif p.kind is PassageKind.RECOMMENDATION:  # "Addressed to" sits before responses
                rec = next(r for r in doc.recommendations if r.id == p.item_id)
                pieces = [rec.text, *rec.points, rec.addressed_to,
                          *(f"Response ({x.by}): {x.text}" for x in rec.responses)]
            else:
                pieces = [p.text]
            for piece in pieces:
                if not piece:
                    continue
                found = out.find(_flat(piece), pos)
                assert found >= 0, (doc.id, p.item_id, piece[:60])
                pos = found


@pytest.mark.parametrize("fmt", FORMATS)
def test_citation_parts_present(corpus: Corpus, fmt: str) -> None:
    for doc in corpus.documents.values():
        out = export_document(doc, fmt)
        for part in (doc.review.display, doc.title, doc.published or "undated", doc.id):
            assert part in out, (doc.id, fmt, part)
        if doc.review.board:
            assert doc.review.board in out


def test_questions_are_numbered(corpus: Corpus) -> None:
    wilts = corpus.get("wiltshire-child-k-briefing-note")
    assert wilts is not None
    md = export_document(wilts, "md")
    # the source gives no numbers: they are counted in reading order across headings
    for n, q in enumerate(wilts.reflective_questions, 1):
        assert f"\n{n}. {q.text}" in md


def test_recommendations_carry_their_responses(corpus: Corpus) -> None:
    doc = corpus.get("hampshire-child-k-board-response")
    assert doc is not None
    out = _flat(export_document(doc, "txt"))
    for r in doc.recommendations:
        assert f"Recommendation {r.number}" in out
        for resp in r.responses:
            assert _flat(f"Response ({resp.by}): {resp.text}") in out


def test_unknown_format_is_refused(corpus: Corpus) -> None:
    doc = corpus.get("hampshire-child-k-learning-summary")
    assert doc is not None
    with pytest.raises(ValueError, match="unknown export format 'pdf'"):
        export_document(doc, "pdf")
