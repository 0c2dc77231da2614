"""Ranked retrieval (issue 13): soft AND with coordination, explicit operators strict, passage
evidence with proximity, stop words neither ranking nor highlighted."""

from __future__ import annotations

import math

from scrbrowse.search.api import SearchRequest
from scrbrowse.search.engine import SearchEngine
from scrbrowse.search.evaluation.scoring import (
    PASSAGE_WINDOW,
    Unit,
    min_window,
    passage_evidence,
    rows_evidence,
    sentence_windows,
)
from scrbrowse.search.index.postings import F_BODY
from scrbrowse.search.query.plan import Some, make_plan
from scrbrowse.search.text.analysis import stem
from scrbrowse.search.text.stopwords import COMMON_STEMS
from scrbrowse.search.text.synonyms import SynonymIndex

HANTS_BR = "hampshire-child-k-board-response"


def passage_score(terms: str, concepts: tuple[str, ...], units: list[Unit]) -> float:
    return passage_evidence(terms, concepts, units)[0]
WILTS = "wiltshire-child-k-briefing-note"


def scores(engine: SearchEngine, query: str) -> dict[str, float]:
    view = engine._view
    assert view is not None
    plan = view.plan(query)
    assert plan.root is not None
    bits, acc = view.evaluator.evaluate(plan.root)
    return {d: acc[g] for d, g in view.fast.number.items() if bits >> g & 1}


def test_soft_and_keeps_documents_missing_a_word_but_ranks_them_lower(engine: SearchEngine):
    # "windows" is only in Wiltshire's briefing, "Heasman" only in Hampshire's board response.
    alone = scores(engine, "windows")
    both = scores(engine, "windows Heasman")
    assert set(both) == {WILTS, HANTS_BR}  # neither is dropped for missing the other word
    # Coordination: holding one of two words keeps well under half of the score (coverage ** 2).
    assert both[WILTS] < 0.5 * alone[WILTS]


def test_explicit_operators_stay_strict(corpus):  # type: ignore[no-untyped-def]
    syn = SynonymIndex.build(corpus.taxonomy)
    plan = make_plan("windows Heasman", syn, lambda p: ((), False))
    assert isinstance(plan.root, Some) and plan.root.required
    strict = make_plan("windows AND Heasman", syn, lambda p: ((), False))
    assert not isinstance(strict.root, Some)
    # Beside a phrase, plain words only rank: the phrase decides what matches.
    mixed = make_plan('"safe sleep" windows', syn, lambda p: ((), False))
    assert mixed.root is not None and any(
        isinstance(c, Some) and not c.required for c in getattr(mixed.root, "children", ()))


def test_passage_words_together_and_close_score_higher():
    units = [Unit((("alcohol",),), weight=1.0), Unit((("overlai",),), weight=1.0)]
    near = passage_score("overlai alcohol", (), units)
    far = passage_score("overlai " + "word " * 30 + "alcohol", (), units)
    one = passage_score("alcohol " * 3, (), units)
    assert near > far > one > 0
    assert passage_score("nothing here", (), units) == 0
    assert min_window([[1, 50], [3, 40], [2]]) == 3


def test_a_long_passage_counts_only_words_meeting_within_a_few_sentences():
    # A summary section of a hundred words is not "one place": the query's words count together
    # only within a run of sentences of PASSAGE_WINDOW words or fewer.
    units = [Unit((("overlai",),), weight=2.0), Unit((("alcohol",),), weight=1.0)]
    filler = " . ".join(["word " * 9 + "end"] * (PASSAGE_WINDOW // 10 + 2))
    scattered_top, scattered_held = passage_evidence(f"overlai said . {filler} . alcohol said",
                                                     (), units)
    near_top, near_held = passage_evidence(f"overlai said . alcohol said . {filler}", (), units)
    assert near_held == 2.0  # both words, two sentences apart (each up to the other's weight)
    assert scattered_held == 0.0  # its best run of sentences holds the rarer word only
    assert scattered_top < near_top
    # A short passage is scored whole, as before.
    assert passage_evidence("overlai said . " + "word " * 20 + ". alcohol said", (), units)[1] == 2.0


def test_a_rare_word_beside_a_common_one_is_not_a_meeting_of_ideas():
    # "phone for advice without naming the family": one review's passing "phone call with the
    # family" must not outweigh another's passage joining advice and naming. An idea counts in
    # a meeting for no more than the strongest other idea it meets, so "family" (in most
    # reviews) lifts "phone" by its own small weight only, and a passage holding one idea of
    # several holds no meeting at all.
    units = [Unit((("phone",),), weight=2.2), Unit((("advic",),), weight=1.4),
             Unit((("name",),), weight=0.6), Unit((("famili",),), weight=0.1)]
    whole = sum(u.weight for u in units)

    def bonus(terms: str) -> float:
        top, held = passage_evidence(terms, (), units)
        return top * (held / whole) ** 2

    assert bonus("no name consult advic") > 10 * bonus("phone call famili")
    assert passage_evidence("phone call", (), units)[1] == 0.0
    assert passage_evidence("phone call", (), units[:1])[1] == 2.2  # the query's only idea


def test_sentence_windows_keep_whole_sentences_within_the_limit():
    terms = "a b c . d e . f g h i . j"
    assert sentence_windows(terms, 5) == ["a b c . d e", "d e", "f g h i . j"]
    assert sentence_windows(terms, 2) == ["a b c", "d e", "f g h i", "j"]  # a long one alone
    assert sentence_windows(terms, 100) == [terms]


def test_expansion_counts_less_than_the_typed_word_in_a_passage():
    unit = [Unit((("co", "sleep"),), alternatives=(("bed", "share"),),
                 concepts=frozenset({"themes:safe-sleep"}), weight=2.0)]
    other_words = passage_score("bed share", ("themes:safe-sleep",), unit)
    assert 0 < other_words < passage_score("co sleep", ("themes:safe-sleep",), unit)
    tagged = passage_score("other words", ("themes:safe-sleep",),
                           [Unit((("co", "sleep"),), concepts=frozenset({"themes:safe-sleep"}),
                                 weight=2.0)])
    assert 0 < tagged < 2.0


def test_best_passage_is_shown_first(search):  # type: ignore[no-untyped-def]
    r = search("overlaying alcohol")
    hit = next(h for h in r.hits if h.doc_id == "hampshire-child-k-learning-summary")
    # lp-6 holds both words side by side; other passages hold one.
    assert hit.passages[0].item_id == "lp-6"


def test_stop_words_are_not_searched_or_marked(search):  # type: ignore[no-untyped-def]
    r = search("co-sleeping after alcohol")
    assert not any("after" in t.split() for t in r.terms)
    for hit in r.hits:
        for p in hit.passages:
            for a, b in p.snippet.spans:
                assert p.snippet.text[a:b].lower() != "after"
    # Typed alone, stop words say so rather than search.
    alone = search("after")
    assert not alone.hits or alone.notes


def test_the_result_says_how_the_query_was_read(search):  # type: ignore[no-untyped-def]
    assert "Ranked by how many" in search("dad not seen at home").reading
    assert "seen" in search("dad not seen at home").reading
    # Function words are not searched, so not listed either.
    assert "around" not in search("dad not around much at home").reading
    mixed = search('"safe sleep" windows -police').reading
    assert "Must contain: “safe sleep”" in mixed and "Ranked higher with: windows" in mixed
    assert "Leaving out: police" in mixed
    assert search("fathers").reading == ""
    assert search("windows AND Wiltshire").reading == "Must contain: windows, Wiltshire."
    # No document has both: the fallback says what it searched instead.
    assert search("windows AND Heasman").reading.startswith("Any of:")


def test_passage_with_the_words_close_together_is_shown_first(own_corpus, tmp_path):  # type: ignore[no-untyped-def]
    from scrbrowse.search.api import SearchRequest

    path = own_corpus / f"{WILTS}.yaml"
    text = path.read_text(encoding="utf-8")
    filler = " ".join(["the review noted several other matters"] * 6)
    # s-3 (read first) holds both words far apart; s-5 (read later) holds them side by side.
    text = text.replace("Child K lived with his mother", f"A gazebo was there, {filler}, and a "
                        "trampoline. Child K lived with his mother", 1)
    text = text.replace("Father was an inconsistent figure", "The gazebo trampoline was new. "
                        "Father was an inconsistent figure", 1)
    path.write_text(text, encoding="utf-8")
    engine = SearchEngine.open(own_corpus, tmp_path / "index")
    try:
        hit = engine.search(SearchRequest(query="gazebo trampoline")).hits[0]
        assert [p.item_id for p in hit.passages][:2] == ["s-5", "s-3"]
    finally:
        engine.close()


def test_words_under_not_stay_strict(search):  # type: ignore[no-untyped-def]
    # Only Wiltshire has "windows"; every review has "child". Leaving out reviews with both words
    # must not leave out every review with either.
    got = {h.doc_id for h in search("review -(windows child)").hits}
    assert WILTS not in got and len(got) >= 4


def test_rows_evidence_scores_each_row_as_passage_evidence_does():
    # The document-at-once shortcut (rows holding no unit are skipped) gives each row exactly
    # its own score: a phrase never runs on from one row into the next, a hit in the last word
    # of a row or the first of the next counts for that row, and tagged mentions and everyday
    # words are found as well as typed words.
    units = [Unit((("co", "sleep"),), concepts=frozenset({"themes:safe-sleep"}), weight=2.0),
             Unit((("mum",),), everyday=(("mother",),), weight=1.0),
             Unit((("alcohol",),), weight=0.5)]
    terms = ["said co", "sleep with mum", "", "alcohol", "the mother drank alcohol",
             "nothing here", "bed share", "co sleep", "mum"]
    concepts = [[], [], [], [], [], ["themes:other"], ["themes:safe-sleep"], [], []]
    rows = [["id", "kind", "", "", [], [], t, c] for t, c in zip(terms, concepts, strict=True)]
    expected = [passage_evidence(t, c, units) for t, c in zip(terms, concepts, strict=True)]
    assert rows_evidence(rows, units) == expected
    assert [i for i, (top, _held) in enumerate(expected) if top] == [1, 3, 4, 6, 7, 8]
    assert rows_evidence(rows, []) == [(0.0, 0.0)] * len(rows)


def test_an_everyday_english_word_is_no_rarer_than_a_word_a_third_of_the_reviews_use(
        engine: SearchEngine):
    # In five reviews "speak" (Child S) and "forensic" (Oxfordshire) are each in one document;
    # only "forensic" is rare as evidence of a topic: "speaking" must not tie with it.
    view = engine._view
    assert view is not None
    ev = view.evaluator
    speak, forensic = stem("speaking"), stem("forensic")
    assert ev.fast.doc_frequency(F_BODY, speak) == ev.fast.doc_frequency(F_BODY, forensic) == 1
    third = ev.n / 3
    assert math.isclose(ev.idf(F_BODY, speak), math.log(1 + (ev.n - third + 0.5) / (third + 0.5)))
    assert ev.idf(F_BODY, speak) < ev.idf(F_BODY, forensic)
    assert speak in COMMON_STEMS and forensic not in COMMON_STEMS
    order = [h.doc_id for h in engine.search(SearchRequest(query="speaking forensic")).hits]
    assert order[0] == "oxfordshire-child-n-learning-summary", order
