"""Ranking by what a query means (issue 13, second round): a phrase weighs its own rarity, a
passage that joins the query's ideas counts each idea once however it is worded (but never for
more than the idea weighs), a review tagged with an entry counts as mentioning it, and the
bundled corpus's co-sleeping case ranks as a reader would rank it."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest

from scrbrowse.search.engine import SearchEngine
from scrbrowse.search.evaluation.scoring import Unit, passage_evidence, query_units
from scrbrowse.search.index.postings import F_BODY
from scrbrowse.search.query.plan import ACRONYM_WEIGHT, EXPANSION_WEIGHT, Syn, make_plan
from scrbrowse.search.text.synonyms import SynonymIndex

HANTS_LS = "hampshire-child-k-learning-summary"
HANTS_BR = "hampshire-child-k-board-response"
CHILD_S = "child-s-learning-briefing"
OXON = "oxfordshire-child-n-learning-summary"


def test_co_sleeping_after_alcohol_shows_where_hampshire_joins_the_two(search):  # type: ignore[no-untyped-def]
    # Hampshire's Child K died in his parents' bed after both had been drinking; its learning
    # joins the two ("overlaying when under the influence of alcohol"), and that passage, which
    # holds both ideas though not the word "co-sleeping", is the one shown first.
    hits = {h.doc_id: h for h in search("co-sleeping after alcohol").hits}
    assert hits[HANTS_LS].passages[0].item_id == "lp-6"
    order = list(hits)
    assert order.index(HANTS_LS) < order.index(HANTS_BR) < order.index(OXON)


@pytest.mark.xfail(strict=True, reason="not reached: in the five bundled reviews only Child S "
                   "uses the word co-sleeping (twice), which outweighs Hampshire's other words "
                   "for it in BM25 two to one; no general rule tried (ideas meeting in one "
                   "passage, per-passage coverage, a heavier passage part) reverses it "
                   "without lowering other queries (docs/searching.md)")
def test_co_sleeping_after_alcohol_puts_hampshire_child_k_first(search):  # type: ignore[no-untyped-def]
    # Child S uses the word "co-sleeping" (twice) but speaks of alcohol elsewhere, about drugs.
    order = [h.doc_id for h in search("co-sleeping after alcohol").hits]
    assert order.index(HANTS_LS) < order.index(CHILD_S), order


def test_a_phrase_weighs_its_own_rarity_not_its_words_added_up(engine: SearchEngine):
    view = engine._view
    assert view is not None
    ev = view.evaluator
    # "co-sleeping" is analysed to two words; one review holds the phrase.
    df = ev.phrase(F_BODY, ("co", "sleep")).bits.bit_count()
    assert df >= 1
    expected = math.log(1 + (ev.n - df + 0.5) / (df + 0.5))
    assert math.isclose(ev.phrase_idf(F_BODY, ("co", "sleep")), expected)
    assert ev.phrase_idf(F_BODY, ("co", "sleep")) < ev.idf(F_BODY, "co") + ev.idf(F_BODY, "sleep")


def test_a_passage_counts_an_idea_once_however_worded_but_no_more_than_it_weighs():
    rare = Unit((("boyfriend",),), concepts=frozenset({"themes:unknown-men"}), weight=3.0,
                concept_weight=0.5)
    other = Unit((("monei",),), weight=1.0)
    # Typed: the unit's weight is held, up to the weight of the other idea it meets.
    assert passage_evidence("boyfriend monei", (), [rare, other])[1] == 2.0
    # Only a mention of the entry ("father"): the idea is there, at what the entry weighs.
    assert passage_evidence("father monei", ("themes:unknown-men",), [rare, other])[1] == 1.0
    # ... while the score still counts the mention at the expansion weight.
    score, _held = passage_evidence("father", ("themes:unknown-men",), [rare])
    assert math.isclose(score, 3.0 * EXPANSION_WEIGHT)


def test_units_weigh_a_mention_by_the_entry_but_an_acronym_by_what_was_typed(corpus):  # type: ignore[no-untyped-def]
    syn = SynonymIndex.build(corpus.taxonomy)
    idf = {"boyfriend": 3.0, "lac": 3.0}

    def units(q: str) -> list[Unit]:
        plan = make_plan(q, syn, lambda p: ((), False))
        return query_units(plan.root, lambda s: idf.get(s, 1.0), lambda k: 0.5)

    (boyfriend,) = units("boyfriend")
    assert boyfriend.concept_weight == 0.5
    (lac,) = units("LAC")
    assert lac.credit == ACRONYM_WEIGHT and lac.concept_weight == math.inf


def _score_of(corpus: Path, index: Path, query: str, doc: str) -> tuple[float, float]:
    """The document's score, and what one mention of the entry the query names scores in a
    review of average length (BM25 at tf 1: the entry's idf, at the Syn's weight)."""
    engine = SearchEngine.open(corpus, index)
    try:
        view = engine._view
        assert view is not None
        plan = view.plan(query)
        assert isinstance(plan.root, Syn)
        ev = view.evaluator
        bits, acc = ev.ranked(plan.root)
        g = view.fast.number[doc]
        assert bits >> g & 1
        return acc[g], plan.root.weight * ev.concept_idf(plan.root) * ev.coordination_at(g)
    finally:
        engine.close()


@pytest.mark.parametrize("query", ["LAC", "foster care"])  # a word, and words side by side
def test_a_review_tagged_with_the_entry_counts_as_speaking_of_it(own_corpus, tmp_path, query):  # type: ignore[no-untyped-def]
    # Oxfordshire's Child N mentions foster care once (added here) and is not tagged with
    # looked-after children; tagged, it is a review about them, and ranks higher for a query
    # naming the entry.
    path = own_corpus / f"{OXON}.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("The child was found dead in the flat", "The child had been in foster "
                        "care. The child was found dead in the flat", 1)
    path.write_text(text, encoding="utf-8")
    untagged, _ = _score_of(own_corpus, tmp_path / "a", query, OXON)
    themes = re.search(r"^ *themes:.*$", text, re.M)
    assert themes is not None, "the record lists its themes on one line"
    line = themes.group(0)
    tagged_line = (line.replace("[", "[looked-after-children, ", 1) if "[" in line
                   else line)
    assert tagged_line != line, line
    path.write_text(text.replace(line, tagged_line, 1), encoding="utf-8")
    tagged, mention = _score_of(own_corpus, tmp_path / "b", query, OXON)
    # The tag counts as two mentions of the entry would (at half of one it decided nothing).
    assert mention > 0
    assert math.isclose(tagged - untagged, 2 * mention)


def test_a_word_naming_an_entry_weighs_between_its_own_rarity_and_the_entrys(engine):  # type: ignore[no-untyped-def]
    view = engine._view
    assert view is not None
    ev = view.evaluator
    plan = view.plan("co-sleeping")
    assert isinstance(plan.root, Syn)
    ev.evaluate(plan.root)
    word = ev.phrase_idf(F_BODY, ("co", "sleep"))
    # One bundled review says "co-sleeping"; more speak of the same thing in other words.
    shared = ev.concept_idf(plan.root)
    assert shared < word
    typed_df = ev.phrase(F_BODY, ("co", "sleep")).bits.bit_count()
    either = (ev.phrase(F_BODY, ("co", "sleep")).bits
              | ev.term("concept", "themes:safe-sleep").bits).bit_count()
    assert either > typed_df
    union = math.log(1 + (ev.n - either + 0.5) / (either + 0.5))
    assert union <= shared
    # An acronym keeps its own weight: its entry's name is what was typed.
    lac = view.plan("LAC").root
    assert isinstance(lac, Syn)
    ev.evaluate(lac)
    assert ev.concept_idf(lac) == ev.idf(F_BODY, "lac")


def test_function_words_the_short_list_misses_do_not_rank(corpus):  # type: ignore[no-untyped-def]
    # "across" and "without" say nothing about a topic but are rarer than "the": ranked, they
    # outweighed "training" and "neglect" for a review that happened to say "across".
    syn = SynonymIndex.build(corpus.taxonomy)
    plan = make_plan("training on neglect was patchy across agencies without", syn,
                     lambda p: ((), False))
    assert "across" not in plan.words and "without" not in plan.words
    assert "training" in plan.words
    assert not any(t in ("across", "without") for t in plan.terms)
    # Quantifiers and the like: "dad not around much" is about dad.
    assert make_plan("dad not around much", syn, lambda p: ((), False)).words == ("dad",)
