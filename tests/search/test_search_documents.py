"""Documents, linked and related reviews, the question bank, and concurrent use."""

from __future__ import annotations

import threading

from scrbrowse.corpus import Corpus
from scrbrowse.search.api import NO_FILTERS, Filters, SearchRequest


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
    got = engine.question_bank("", Filters(), limit=1000)
    want = sum(len(d.reflective_questions) for d in corpus.documents.values())
    assert got.total == got.corpus_total == len(got.questions) == want == 15
    # Newest document first, questions in source order, each numbered by its place.
    docs = [d for d in corpus.documents.values() if d.reflective_questions]
    docs = (sorted((d for d in docs if d.published), key=lambda d: d.sort_key, reverse=True)
            + sorted((d for d in docs if not d.published), key=lambda d: d.id))
    assert [q.key for q in got.questions] == [
        (d.id, q.id) for d in docs for q in d.reflective_questions]
    by_key = {q.key: q for q in got.questions}
    for d in docs:
        lps = {lp.id: lp for lp in d.learning_points}
        for q in d.reflective_questions:
            entry = by_key[(d.id, q.id)]
            assert (entry.text, entry.section, entry.number) == (q.text, q.section, q.number)
            assert (entry.review, entry.review_id, entry.document, entry.published) == (
                d.review.display, d.review.id, d.title, d.published)
            # Child S is restricted: every question of it carries the restriction.
            assert entry.restriction == d.restriction and entry.draft == d.draft
            # Its own tags, else its learning point's, in source order; never the document's.
            lp = lps.get(q.learning_point) if q.learning_point else None
            assert entry.themes == (tuple(q.themes) or (tuple(lp.themes) if lp else ()))
            assert entry.agencies == (tuple(q.agencies) or (tuple(lp.agencies) if lp else ()))
            assert entry.doc_themes == tuple(d.themes)
    assert all(q.restricted for q in got.questions if q.doc_id == "child-s-learning-briefing")


def test_question_bank_search_and_filters(engine):
    def keys(query: str, filters: Filters = NO_FILTERS) -> list[tuple[str, str]]:
        return [q.key for q in engine.question_bank(query, filters, limit=1000).questions]

    got = keys("fathers")
    assert ("wiltshire-child-k-briefing-note", "q-4") in got
    assert ("child-s-learning-briefing", "q-1") in got  # "both parents", a synonym
    # Theme filters apply to each question's own tags.
    tagged = keys("", Filters(theme=frozenset({"unknown-men"})))
    assert set(tagged) == {
        ("child-s-learning-briefing", "q-1"), ("child-s-learning-briefing", "q-8"),
        ("wiltshire-child-k-briefing-note", "q-3"), ("wiltshire-child-k-briefing-note", "q-4"),
        ("wiltshire-child-k-briefing-note", "q-5")}
    # All words must be in the same question.
    assert keys("protocol supported")[0][1] == "q-1"
    assert keys("protocol cocaine") == []
    # NOT works per question.
    not_gp = engine.question_bank("parents -GP", Filters(), limit=1000).questions
    assert all("GP" not in q.text for q in not_gp) and not_gp
    page = engine.question_bank("", Filters(), limit=4)
    assert len(page.questions) == 4 and page.total == 15
    rest = engine.question_bank("", Filters(), offset=4, limit=100)
    assert [q.key for q in page.questions + rest.questions] == keys("")
    # The query's words are marked in each question's text.
    marked = engine.question_bank("fathers", Filters(), limit=1).questions[0]
    assert [marked.text[a:b].lower() for a, b in marked.spans] == ["fathers"]


def test_question_bank_counts_and_only(engine):
    everything = engine.question_bank("", Filters(), limit=1000)
    themes = {fv.value: fv.count for fv in everything.facets["theme"]}
    for theme, n in themes.items():
        assert n == engine.question_bank("", Filters(theme=frozenset({theme}))).total
    # Each facet counts with the other facet's ticks, not its own.
    mash = Filters(agency=frozenset({"mash"}))
    with_mash = {fv.value: fv.count for fv in engine.question_bank("", mash).facets["theme"]}
    assert with_mash and with_mash != themes
    some = sorted(with_mash)[0]
    ticked = engine.question_bank("", mash.toggled("theme", some))
    assert {fv.value: fv.count for fv in ticked.facets["theme"]} == with_mash
    assert next(fv for fv in ticked.facets["theme"] if fv.value == some).selected
    assert ticked.total == with_mash[some]
    # Only these keys (the starred questions), in corpus order.
    two = [everything.questions[5].key, everything.questions[1].key]
    only = engine.question_bank("", Filters(), only=frozenset(two))
    assert [q.key for q in only.questions] == [two[1], two[0]]
    assert only.total == 2 and only.corpus_total == 15


def test_question_bank_stops_when_told(engine):
    got = engine.question_bank("never asked before", Filters(), should_stop=lambda: True)
    assert got.stopped and not got.questions


def test_concurrent_searches_and_refreshes(engine):
    errors: list[BaseException] = []
    queries = ["fathers", "co-sleeping", "theme:neglect", "brusing", "fath*", "", "NOT x"]

    def worker(n: int) -> None:
        try:
            for i in range(15):
                q = queries[(n + i) % len(queries)]
                r = engine.search(SearchRequest(q, limit=5))
                assert r.corpus_total == 5
                engine.question_bank(q, Filters(), limit=5)
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
