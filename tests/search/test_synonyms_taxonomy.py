"""Synonyms that help instead of flood (issue 13): UK safeguarding acronyms and everyday words
name the right taxonomy entry; generic words never expand; expansion is capped and weighs less."""

from __future__ import annotations

import pytest

from scrbrowse.search.query.plan import EXPANSION_WEIGHT, MAX_ALTERNATIVES_EACH, make_plan
from scrbrowse.search.text.analysis import analyse
from scrbrowse.search.text.synonyms import SynonymIndex


def _entries(syn: SynonymIndex, text: str) -> set[tuple[str, str]]:
    """The taxonomy entries a typed phrase names."""
    return syn.expansion(tuple(analyse(text)), lambda _t: True)[0]


@pytest.fixture(scope="module")
def syn(corpus):  # type: ignore[no-untyped-def]
    return SynonymIndex.build(corpus.taxonomy)


@pytest.mark.parametrize(("typed", "entry"), [
    ("LAC", "looked-after-children"), ("CLA", "looked-after-children"),
    ("CiC", "looked-after-children"), ("WNB", "non-engagement"), ("DNA", "non-engagement"),
    ("SUDI", "safe-sleep"), ("SIDS", "safe-sleep"), ("CSE", "child-sexual-exploitation"),
    ("CCE", "child-criminal-exploitation"), ("DA", "domestic-abuse"), ("DV", "domestic-abuse"),
    ("HV", "health-visiting"), ("GP", "gp"), ("MASH", "mash"),
    ("CP plan", "child-protection-processes"), ("CIN", "child-protection-processes"),
    ("PLO", "family-court-proceedings"), ("MARAC", "domestic-abuse"), ("IDVA", "domestic-abuse"),
    ("CAMHS", "camhs"), ("EHCP", "disability-and-communication-needs"), ("PRU", "education"),
    ("EHE", "elective-home-education"), ("NFA", "case-closure-and-step-down"),
    # more that case reviews use (issue 13, second round)
    ("CPC", "child-protection-processes"), ("ICPC", "child-protection-processes"),
    ("s47", "child-protection-processes"), ("FGC", "whole-family-approach"),
    ("NEET", "adolescents"), ("DVPO", "domestic-abuse"), ("DVPN", "domestic-abuse"),
    ("SARC", "sexual-abuse"), ("ISVA", "sexual-abuse"),
    ("PICU", "hospital-services"), ("IRO", "looked-after-children"),
    ("PEP", "looked-after-children"), ("MACE", "child-sexual-exploitation"),
    ("NAS", "parental-substance-misuse"), ("SUDC", "infant-deaths"),
    ("AMHP", "adult-mental-health"), ("CPIS", "information-sharing"),
    ("LADO", "abuse-in-settings"), ("SGO", "looked-after-children"),
    # everyday phrasings
    ("dad", "unknown-men"), ("boyfriend", "unknown-men"), ("mum's drinking",
                                                           "parental-substance-misuse"),
    ("parent's bed", "safe-sleep"), ("controlling partner", "domestic-abuse"),
    ("teenage mum", "young-parents"), ("missing from placement", "missing-children"),
    # what a supervisor says for what a review writes: "played down" for "minimised", "when she
    # left him" for "the point of separation"
    ("play down", "human-factors"), ("played down", "human-factors"), ("minimised", "human-factors"),
    ("leaves him", "domestic-abuse"), ("point of separation", "domestic-abuse"),
])
def test_acronyms_and_everyday_words_name_their_entry(syn, typed, entry):  # type: ignore[no-untyped-def]
    ids = {i for _vocab, i in _entries(syn, typed)}
    assert entry in ids, typed


@pytest.mark.parametrize("word", ["threshold", "consultation", "case", "practice", "placement",
                                  "assessment", "care"])
def test_generic_words_never_expand(syn, word):  # type: ignore[no-untyped-def]
    assert _entries(syn, word) == set()
    plan = make_plan(word, syn, lambda p: ((), False))
    assert plan.expanded == ()


def test_generic_phrasings_do_not_tag_text(syn):  # type: ignore[no-untyped-def]
    # "in care" comes down to "care" once "in" is dropped: it must not tag every mention of care.
    assert "themes:looked-after-children" not in syn.concepts_in(analyse("in the care of"))
    assert "themes:looked-after-children" in syn.concepts_in(analyse("a child looked after"))


def test_expansion_is_capped_weighs_less_and_is_explained(syn):  # type: ignore[no-untyped-def]
    assert EXPANSION_WEIGHT <= 0.5
    plan = make_plan("neglect", syn, lambda p: ((), False))
    assert 0 < len(plan.expanded) <= MAX_ALTERNATIVES_EACH
    assert all(w in (1.0, EXPANSION_WEIGHT) for _leaf, w in __import__(
        "scrbrowse.search.query.plan", fromlist=["positive_leaves"]).positive_leaves(plan.root))
