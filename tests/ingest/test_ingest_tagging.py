"""Tagging from taxonomy words: whole words, acronyms in capitals only, longest phrase wins."""

from __future__ import annotations

from scrbrowse.ingest.tagging import tagger_for
from scrbrowse.taxonomy import Taxonomy


def test_synonyms_tag_with_the_words_that_triggered_them(taxonomy: Taxonomy) -> None:
    tags = tagger_for(taxonomy).tag("Co-sleeping after alcohol; the risk of overlaying. Bed sharing too.")
    assert tags.counts["themes"]["safe-sleep"] == 3
    assert tags.words["themes"]["safe-sleep"] == ["Co-sleeping", "overlaying", "Bed sharing"]
    assert "parental-substance-misuse" in tags.ids("themes")


def test_hyphen_and_space_variants_match(taxonomy: Taxonomy) -> None:
    tagger = tagger_for(taxonomy)
    for text in ("co sleeping", "co-sleeping", "multi agency meeting", "multi-agency meeting"):
        assert tagger.tag(text).ids("themes"), text


def test_acronyms_match_only_in_capitals(taxonomy: Taxonomy) -> None:
    tagger = tagger_for(taxonomy)
    assert "mash" in tagger.tag("a referral to the MASH").ids("agencies")
    assert "mash" not in tagger.tag("mash the potatoes").ids("agencies")
    assert "health-visiting" in tagger.tag("the HV visited").ids("agencies")
    assert tagger.tag("she had a dash of milk").ids("themes") == []


def test_whole_words_only(taxonomy: Taxonomy) -> None:
    tagger = tagger_for(taxonomy)
    assert "policies-and-procedures" not in tagger.tag("policymakers").ids("themes")  # not "policy"
    assert tagger.tag("a GPS tracker").ids("agencies") == []  # not "GP"
    assert tagger.tag("a GP").ids("agencies") == ["gp"]


def test_longest_phrase_wins(taxonomy: Taxonomy) -> None:
    tags = tagger_for(taxonomy).tag("the child protection procedures were followed")
    assert "policies-and-procedures" in tags.ids("themes")
    assert "child-protection-processes" not in tags.ids("themes")


def test_label_parts_tag(taxonomy: Taxonomy) -> None:
    """'Midwifery and maternity' names two things; 'Child and adolescent ...' must not tag 'child'."""
    tagger = tagger_for(taxonomy)
    assert "midwifery" in tagger.tag("the midwifery service").ids("agencies")
    assert "camhs" not in tagger.tag("the child was seen").ids("agencies")
    assert "named-and-designated-professionals" not in tagger.tag("she named him").ids("agencies")


def test_apostrophe_variants(taxonomy: Taxonomy) -> None:
    tagger = tagger_for(taxonomy)
    for text in ("children's social care", "children’s social care", "Children’s Services"):
        assert "childrens-social-care" in tagger.tag(text).ids("agencies"), text
