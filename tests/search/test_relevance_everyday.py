"""Everyday words for family members (issue 13): "mum" finds the reviews that write "mother",
at a lower weight than the word typed, explained under "Also searched", one idea for coverage;
both ways where the formal word means nothing else ("mother" finds "mum"), one way where it does
("boyfriend" finds "partner", never "partner" -> "boyfriend")."""

from __future__ import annotations

import math

from scrbrowse.search.engine import SearchEngine
from scrbrowse.search.evaluation.scoring import Unit, passage_evidence, query_units
from scrbrowse.search.query.plan import EVERYDAY_WEIGHT, Some, Syn, make_plan
from scrbrowse.search.text.synonyms import SynonymIndex

WILTS = "wiltshire-child-k-briefing-note"


def _plan(corpus, q: str):  # type: ignore[no-untyped-def]
    return make_plan(q, SynonymIndex.build(corpus.taxonomy), lambda p: ((), False))


def test_mum_is_searched_as_mother_too_at_a_lower_weight(corpus):  # type: ignore[no-untyped-def]
    plan = _plan(corpus, "mum")
    assert isinstance(plan.root, Syn)
    assert plan.root.concepts.words == (("mother",),)
    assert plan.root.weight == EVERYDAY_WEIGHT < 1.0
    assert "mother" in plan.expanded
    assert "mother" in plan.terms  # marked in the text
    assert plan.words == ("mum",)  # did-you-mean and the typed words: only what was typed


def test_everyday_words_are_one_idea_of_the_query(corpus):  # type: ignore[no-untyped-def]
    plan = _plan(corpus, "nan looked after the baby")
    assert isinstance(plan.root, Some)
    nan = plan.root.children[0]
    assert isinstance(nan, Syn) and nan.concepts.words == (("grandmoth",),)
    assert len(plan.root.children) == 3  # nan, looked, baby: "grandmother" adds no idea


def test_both_ways_only_where_the_formal_word_means_nothing_else(corpus):  # type: ignore[no-untyped-def]
    mother = _plan(corpus, "mother").root
    assert isinstance(mother, Syn) and ("mum",) in mother.concepts.words
    step = _plan(corpus, "step-dad").root
    assert isinstance(step, Syn) and ("stepfath",) in step.concepts.words
    boyfriend = _plan(corpus, "boyfriend").root
    assert isinstance(boyfriend, Syn) and ("partner",) in boyfriend.concepts.words
    # "partner agencies": the formal word does not turn into the everyday one.
    partner = _plan(corpus, "partner")
    assert "boyfriend" not in partner.expanded and "girlfriend" not in partner.expanded
    # A generic word ("children") never expands, even to "kids".
    assert "kids" not in _plan(corpus, "children").expanded
    assert "children" in _plan(corpus, "kids").expanded


def test_a_passage_saying_mother_holds_mum_at_the_lower_credit():
    mum = Unit((("mum",),), alternatives=(("mother",),), weight=2.0, credit=EVERYDAY_WEIGHT,
               everyday=(("mother",),))
    score, held = passage_evidence("the mother said", (), [mum])
    assert math.isclose(score, 2.0 * EVERYDAY_WEIGHT)
    assert held == 2.0
    assert passage_evidence("the mum said", (), [mum])[0] == 2.0
    assert passage_evidence("the father said", (), [mum]) == (0.0, 0.0)


def test_units_carry_the_everyday_words(corpus):  # type: ignore[no-untyped-def]
    plan = _plan(corpus, "mum")
    (unit,) = query_units(plan.root, lambda s: 2.0, lambda k: 1.0)
    assert unit.everyday == (("mother",),)
    assert unit.credit == EVERYDAY_WEIGHT


def test_mum_finds_the_reviews_that_say_mother(search):  # type: ignore[no-untyped-def]
    # No bundled review says "mum"; Wiltshire's Child K speaks of the mother throughout.
    r = search("mum")
    assert WILTS in [h.doc_id for h in r.hits]
    assert "mother" in r.expanded


def test_the_typed_word_counts_more_than_its_counterpart(engine: SearchEngine):
    view = engine._view
    assert view is not None
    g = view.fast.number[WILTS]
    scores = {}
    for q in ("mother", "mum"):
        plan = view.plan(q)
        assert plan.root is not None
        _bits, acc = view.evaluator.ranked(plan.root)
        scores[q] = acc[g]
    assert 0 < scores["mum"] < scores["mother"]


def test_the_question_bank_knows_the_everyday_words_too(engine: SearchEngine):
    """One meaning of a plan everywhere: the bank's filter (every question at once) and a single
    passage's test find a question saying *children* for `kids`, as the document search does."""
    from scrbrowse.search.api import Filters

    from .conftest import passage_matches

    formal = {q.key for q in engine.question_bank("children", Filters(), limit=100).questions}
    assert formal
    kids = {q.key for q in engine.question_bank("kids", Filters(), limit=100).questions}
    assert formal <= kids  # and those saying "child", kid's other formal word
    view = engine._view  # the engine's own plan for this corpus
    assert view is not None
    root = view.plan("kids").root
    assert root is not None
    meta = next(iter(view.meta.docs.values()))
    assert passage_matches(root, " give drug to children ", set(), (), (), meta)
    assert not passage_matches(root, " give drug to adult ", set(), (), (), meta)
