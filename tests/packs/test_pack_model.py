"""Packs in memory: names, items made from documents, and the editing operations."""

from __future__ import annotations

import pytest

from scrbrowse.corpus import Corpus
from scrbrowse.model import PassageKind
from scrbrowse.packs import (
    DOCUMENT,
    Citation,
    Pack,
    PackItem,
    PackNameError,
    UnknownItemError,
    item_from_document,
    make_name,
)


@pytest.mark.parametrize("text,name", [
    ("Safe sleep", "safe-sleep"),
    ("  Safe   sleep – May 2024 ", "safe-sleep-may-2024"),
    ("Café Noël", "cafe-noel"),
    ("session-2024-05-14", "session-2024-05-14"),
    ("x" * 200, "x" * 64),
])
def test_make_name(text: str, name: str) -> None:
    assert make_name(text) == name


@pytest.mark.parametrize("text", ["", "   ", "../etc/passwd", "a/b", "a\\b", "..", "x..y", "!!!",
                                  "a\x00b", "— –"])
def test_make_name_refuses(text: str) -> None:
    with pytest.raises(PackNameError):
        make_name(text)


def test_make_name_for_non_latin_titles_is_stable() -> None:
    name = make_name("日本の会議")
    assert name.startswith("pack-") and name == make_name(" 日本の会議 ")


def test_items_of_every_kind(corpus: Corpus) -> None:
    for doc in corpus.documents.values():
        whole = item_from_document(doc)
        assert whole.kind == DOCUMENT and whole.item_id is None and whole.label == "Whole document"
        for p in doc.passages():
            item = item_from_document(doc, p.item_id)
            assert item.kind == p.kind.value
            assert item.key == (doc.id, p.item_id)
            assert item.text
            assert item.restriction == doc.restriction


def test_snapshot_fields(corpus: Corpus) -> None:
    doc = corpus.get("child-s-learning-briefing")
    assert doc is not None
    item = item_from_document(doc, "q-3", notes="ask about drugs")
    assert item.kind == PassageKind.QUESTION.value
    assert item.label == "Question 3"
    assert item.heading == "Consider the following"
    assert item.text.startswith("Am I aware of the possibility")
    assert item.notes == "ask about drugs"
    assert item.restriction is not None and item.restriction.level == "professionals-only"
    c = item.citation
    assert (c.review, c.board, c.document, c.published, c.doc_id, c.review_id) == (
        "Child S (area not stated)", None, "Serious Case Review Learning Briefing Child S", None,
        "child-s-learning-briefing", "child-s-scr")
    assert c.date == "undated"


def test_citation_line_matches_document_citation(corpus: Corpus) -> None:
    for doc in corpus.documents.values():
        c = Citation.of(doc)
        assert c.line(with_id=False) == doc.citation()
        assert c.line() == f"{doc.citation()} · {doc.id}"


def test_whole_document_snapshot_is_the_case_summary(corpus: Corpus) -> None:
    doc = corpus.get("wiltshire-child-k-briefing-note")
    assert doc is not None
    item = item_from_document(doc)
    assert item.heading == "Case Summary"
    assert item.text.startswith("Child K lived with his mother")


def test_resource_snapshot_keeps_the_address_as_text(corpus: Corpus) -> None:
    doc = corpus.get("oxfordshire-child-n-learning-summary")
    assert doc is not None
    item = item_from_document(doc, "res-2")
    assert item.text.splitlines() == [
        "Multi-agency safeguarding procedures",
        "The OSCB multi-agency procedures cover a wide variety of situations you may encounter. "
        "You can access them at",
        "Address: http://oxfordshirescb.proceduresonline.com/"]


def test_unknown_item_suggests(corpus: Corpus) -> None:
    doc = corpus.get("hampshire-child-k-learning-summary")
    assert doc is not None
    with pytest.raises(UnknownItemError, match="did you mean lp-9"):
        item_from_document(doc, "lp-99")


def test_add_contains_toggle_remove(q1: PackItem, lp6: PackItem) -> None:
    pack = Pack("p", "P", "2024-05-14")
    assert pack.add(q1) is True
    assert pack.add(q1) is False  # no duplicates
    assert pack.contains(*q1.key) and not pack.contains(q1.doc_id)  # item != whole document
    assert pack.keys() == {q1.key}
    assert pack.toggle(lp6) is True and pack.index_of(*lp6.key) == 1
    assert pack.toggle(lp6) is False and not pack.contains(*lp6.key)
    assert pack.remove_key(*q1.key) is True and pack.remove_key(*q1.key) is False
    assert pack.items == []


def test_move_and_notes(q1: PackItem, lp6: PackItem, corpus: Corpus) -> None:
    doc = corpus.get("wiltshire-child-k-briefing-note")
    assert doc is not None
    third = item_from_document(doc)
    pack = Pack("p", "P", None, items=[q1, lp6, third])
    assert pack.move_up(0) == 0  # clamped
    assert pack.move_down(0) == 1
    assert [i.key for i in pack.items] == [lp6.key, q1.key, third.key]
    assert pack.move(0, 10) == 2
    assert [i.key for i in pack.items] == [q1.key, third.key, lp6.key]
    pack.set_notes(1, "read before the session")
    assert pack.items[1].notes == "read before the session"
    assert pack.remove(-1).key == lp6.key
    with pytest.raises(IndexError):
        pack.set_notes(5, "x")
    assert pack.restricted and [c.doc_id for c in pack.citations()] == [q1.doc_id, third.doc_id]


def test_items_are_immutable(q1: PackItem) -> None:
    with pytest.raises(AttributeError):
        q1.text = "changed"  # type: ignore[misc]
    assert q1.with_notes("n").notes == "n" and q1.notes == ""


def test_empty_pack_is_truthy() -> None:
    # An empty pack is still a pack: `if result.pack:` must not treat it as missing.
    assert Pack("p", "P", None)
    assert isinstance(PackItem, type)
