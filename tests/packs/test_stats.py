"""Themes overview and the question bank (the data behind `scrbrowse themes` / `questions`)."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from scrbrowse.cli import main
from scrbrowse.corpus import Corpus
from scrbrowse.stats import (
    agency_stats,
    bar,
    close_terms,
    question_bank,
    resolve_term,
    theme_stats,
)


def test_counts_are_by_review_not_document(corpus: Corpus) -> None:
    stats = theme_stats(corpus)
    assert stats.total_reviews == 4 and stats.total_documents == 5
    safe = stats.term("safe-sleep")
    assert safe is not None
    # Hampshire's two documents both raise it, but it is one review
    assert safe.reviews == ("child-s-scr", "hampshire-child-k-scr")
    assert safe.documents == ("child-s-learning-briefing", "hampshire-child-k-board-response",
                              "hampshire-child-k-learning-summary")
    assert safe.count == 2 and safe.label == "Safe sleep"


def test_passage_tags_count(corpus: Corpus) -> None:
    # domestic-abuse is only on a section of Hampshire's learning summary, not at document level
    doc = corpus.get("hampshire-child-k-learning-summary")
    assert doc is not None and "domestic-abuse" not in doc.themes
    term = theme_stats(corpus).term("domestic-abuse")
    assert term is not None and term.reviews == ("hampshire-child-k-scr",)


def test_order_and_pairs(corpus: Corpus) -> None:
    stats = theme_stats(corpus)
    counts = [t.count for t in stats.terms]
    assert counts == sorted(counts, reverse=True)
    assert stats.terms[0].id == "child-protection-processes" and stats.max_count == 4
    pair_counts = [p.count for p in stats.pairs]
    assert pair_counts == sorted(pair_counts, reverse=True)
    for p in stats.pairs:
        a, b = stats.term(p.first), stats.term(p.second)
        assert a and b and set(p.reviews) <= set(a.reviews) & set(b.reviews)
    partners = dict((i, n) for i, _, n in stats.partners("safe-sleep"))
    assert partners["parental-substance-misuse"] == 2
    assert "safe-sleep" not in partners


def test_iterable_of_documents_and_unused(corpus: Corpus) -> None:
    docs = [d for d in corpus.documents.values() if d.review.id == "child-s-scr"]
    stats = theme_stats(docs)
    assert stats.total_reviews == 1 and stats.term("safe-sleep").label == "safe-sleep"  # type: ignore[union-attr]
    with_unused = theme_stats(docs, corpus.taxonomy, include_unused=True)
    assert len(with_unused.terms) == len(corpus.taxonomy.themes)
    assert with_unused.terms[-1].count == 0


def test_agencies(corpus: Corpus) -> None:
    stats = agency_stats(corpus)
    assert stats.vocabulary == "agencies"
    assert stats.term("mash").reviews == ("child-s-scr", "wiltshire-child-k-scr")  # type: ignore[union-attr]


@pytest.mark.parametrize("count,maximum,width,expected", [
    (4, 4, 10, "█" * 10), (0, 4, 10, ""), (2, 4, 10, "█" * 5), (3, 4, 10, "███████▌"),
    (1, 1000, 10, "▏"), (5, 0, 10, ""),
])
def test_bar(count: int, maximum: int, width: int, expected: str) -> None:
    assert bar(count, maximum, width) == expected


def test_question_bank_rule(corpus: Corpus) -> None:
    everything = question_bank(corpus)
    assert len(everything) == sum(len(d.reflective_questions) for d in corpus.documents.values())
    # A question's own tags decide: Child S is about safe sleep, but only its q-1 asks about it
    # (issue 14: every question once inherited all its document's themes).
    own = question_bank(corpus, themes=["safe-sleep"])
    assert [e.key for e in own] == [("child-s-learning-briefing", "q-1")]
    # the document's tags count only when asked for
    by_doc = question_bank(corpus, themes=["safe-sleep"], scope="document")
    assert {e.key for e in by_doc} == {("child-s-learning-briefing", f"q-{n}") for n in range(1, 10)}
    # its own tags, not its learning point's too: q-1's learning point is about babies, q-1 not
    assert question_bank(corpus, themes=["vulnerability-of-babies"]) == []
    # a question with no tags of its own takes its learning point's
    wilts = corpus.get("wiltshire-child-k-briefing-note")
    assert wilts is not None
    bare = replace(wilts, reflective_questions=tuple(replace(q, themes=(), agencies=())
                                                     if q.id == "q-1" else q
                                                     for q in wilts.reflective_questions))
    lent = question_bank([bare], themes=["vulnerability-of-babies"])
    assert [e.key for e in lent] == [("wiltshire-child-k-briefing-note", "q-1")]
    # and one with neither has no themes at all
    lone = replace(bare, reflective_questions=tuple(replace(q, learning_point=None)
                                                    for q in bare.reflective_questions))
    assert next(e for e in question_bank([lone]) if e.item_id == "q-1").themes == ()
    # OR within themes, AND with agencies
    both = question_bank(corpus, themes=["safe-sleep", "early-help"], agencies=["gp"])
    assert [e.key for e in both] == []
    gp = question_bank(corpus, agencies=["gp"])
    assert [e.key for e in gp] == [("child-s-learning-briefing", "q-4")]
    entry = gp[0]
    assert entry.restricted and entry.review == "Child S (area not stated)"


def test_question_themes_are_its_own_else_its_learning_points(corpus: Corpus) -> None:
    for doc in corpus.documents.values():
        lps = {lp.id: lp for lp in doc.learning_points}
        for q in doc.reflective_questions:
            entry = next(e for e in question_bank([doc]) if e.item_id == q.id)
            lp = lps.get(q.learning_point or "")
            expected = tuple(q.themes) or (tuple(lp.themes) if lp else ())
            assert entry.themes == expected, (doc.id, q.id)
            assert entry.doc_themes == tuple(doc.themes)


def test_resolve_terms(corpus: Corpus) -> None:
    tax = corpus.taxonomy
    assert resolve_term(tax, "themes", "Safe sleep") == "safe-sleep"
    assert resolve_term(tax, "themes", "co-sleeping") == "safe-sleep"
    assert resolve_term(tax, "agencies", "MASH") == "mash"
    assert resolve_term(tax, "themes", "nonsense") is None
    assert "safe-sleep" in close_terms(tax, "themes", "safe slep")


def test_themes_cli(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["themes"]) == 0
    out = capsys.readouterr().out
    assert "4 reviews" in out and "Safe sleep" in out and "█" in out
    assert "most often raised together" in out
    assert main(["themes", "--json", "--pairs", "3"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["total_reviews"] == 4 and len(data["pairs"]) == 3
    assert main(["themes", "--agencies"]) == 0
    assert "Agencies involved in" in capsys.readouterr().out


def test_questions_cli(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["questions", "--theme", "co-sleeping"]) == 0
    out = capsys.readouterr().out
    assert "PROFESSIONALS ONLY" in out and "[q-1]" in out and "1 question from 1 document" in out
    assert main(["questions", "--json", "--agency", "gp"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {d["item_id"] for d in data} >= {"q-4"}
    assert all(d["restriction"] for d in data if d["doc_id"] == "child-s-learning-briefing")
    assert main(["questions", "--theme", "slep"]) == 1
    assert "unknown theme 'slep'" in capsys.readouterr().err
