"""Documents, linked and related reviews, the question bank, and concurrent use."""

from __future__ import annotations

import threading

from scrbrowse.corpus import Corpus
from scrbrowse.model import PassageKind
from scrbrowse.search.api import Filters, SearchRequest

QUESTION = frozenset({PassageKind.QUESTION})


def test_document_is_read_from_its_file(engine, corpus: Corpus):
    doc = engine.document("wiltshire-child-k-briefing-note")
    assert doc == corpus.documents["wiltshire-child-k-briefing-note"]
    assert engine.document("wiltshire-child-k-briefing-note") is doc  # cached
    assert engine.document("no-such-document") is None


def test_linked_documents_share_the_review(engine):
    linked = engine.linked("hampshire-child-k-learning-summary")
    assert [h.doc_id for h in linked] == ["hampshire-child-k-board-response"]
    assert engine.linked("wiltshire-child-k-briefing-note") == []  # another Child K
    assert engine.linked("nope") == []


def test_related_are_other_reviews(engine):
    related = engine.related("hampshire-child-k-learning-summary", limit=3)
    assert 1 <= len(related) <= 3
    for hit in related:
        assert hit.review_id != "hampshire-child-k-scr"
    assert engine.related("nope") == []


def test_question_bank_lists_every_question(engine, corpus: Corpus):
    got = engine.search_passages("", Filters(), QUESTION)
    want = sum(len(d.reflective_questions) for d in corpus.documents.values())
    assert len(got) == want == 15
    assert all(p.kind is PassageKind.QUESTION for _, p in got)
    # Child S is restricted: every question of it says so through its document hit.
    assert all(h.restricted for h, _ in got if h.doc_id == "child-s-learning-briefing")


def test_question_bank_search_and_filters(engine):
    got = engine.search_passages("fathers", Filters(), QUESTION)
    keys = {(h.doc_id, p.item_id) for h, p in got}
    assert ("wiltshire-child-k-briefing-note", "q-4") in keys
    assert ("child-s-learning-briefing", "q-1") in keys  # "both parents", a synonym
    # Theme filters apply to each question's own tags.
    tagged = engine.search_passages("", Filters(theme=frozenset({"unknown-men"})), QUESTION)
    assert {(h.doc_id, p.item_id) for h, p in tagged} == {
        ("child-s-learning-briefing", "q-1"), ("child-s-learning-briefing", "q-8"),
        ("wiltshire-child-k-briefing-note", "q-3"), ("wiltshire-child-k-briefing-note", "q-4"),
        ("wiltshire-child-k-briefing-note", "q-5")}
    # All words must be in the same question.
    assert engine.search_passages("protocol supported", Filters(), QUESTION)[0][1].item_id == "q-1"
    assert engine.search_passages("protocol cocaine", Filters(), QUESTION) == []
    # NOT works per question.
    not_gp = engine.search_passages("parents -GP", Filters(), QUESTION)
    assert all("GP" not in p.text for _, p in not_gp) and not_gp
    assert len(engine.search_passages("", Filters(), QUESTION, limit=4)) == 4


def test_other_passage_kinds(engine):
    lps = engine.search_passages("overlaying", Filters(), frozenset({PassageKind.LEARNING_POINT}))
    # "overlaying" itself, then "Safe Sleep" (a synonym), in reading order.
    assert [(h.doc_id, p.item_id) for h, p in lps] == [
        ("hampshire-child-k-learning-summary", "lp-6"),
        ("hampshire-child-k-learning-summary", "lp-7")]


def test_concurrent_searches_and_refreshes(engine):
    errors: list[BaseException] = []
    queries = ["fathers", "co-sleeping", "theme:neglect", "brusing", "fath*", "", "NOT x"]

    def worker(n: int) -> None:
        try:
            for i in range(15):
                q = queries[(n + i) % len(queries)]
                r = engine.search(SearchRequest(q, limit=5))
                assert r.corpus_total == 5
                engine.search_passages(q, Filters(), QUESTION, limit=5)
                if i % 5 == 0 and n == 0:
                    engine.refresh()
        except BaseException as exc:  # collected for the main thread
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
