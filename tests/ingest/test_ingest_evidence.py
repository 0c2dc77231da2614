"""Tags with evidence and confidence (issue 15 item 2): a tag shows in the facets only on enough
evidence, weighted by where it is; weaker ones are suggestions for the reviewer."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from scrbrowse.ingest import Outcome, ingest_file
from scrbrowse.ingest.evidence import (
    BACKGROUND,
    FINDINGS,
    GENERIC_WORDS,
    HEADING,
    TITLE,
    Evidence,
    as_example,
    item_tags,
)
from scrbrowse.ingest.tagging import tagger_for
from scrbrowse.model import Document
from scrbrowse.taxonomy import Taxonomy, load_taxonomy
from scrbrowse.yamlio import parse_yaml

Loader = Callable[[Path], Document]


def ingest(tmp_path: Path, out_dir: Path, taxonomy: Taxonomy, load_draft: Loader,
           text: str) -> tuple[Document, dict[str, Any]]:
    src = tmp_path / "briefing.txt"
    src.write_text(text, encoding="utf-8")
    result = ingest_file(src, out_dir, taxonomy=taxonomy)
    assert result.outcome is Outcome.WRITTEN, result.skipped
    assert result.written is not None
    return load_draft(result.written), parse_yaml(result.written.read_text(encoding="utf-8"))["draft"]


def judge(taxonomy: Taxonomy, *parts: tuple[str, str]) -> dict[str, Any]:
    ev = Evidence(tagger_for(taxonomy))
    for text, place in parts:
        ev.add(text, place, "line 1")
    return {j.term_id: j for j in ev.judgements()}


def test_generic_words_never_tag_alone(taxonomy: Taxonomy) -> None:
    j = judge(taxonomy, ("Follow the protocol. The protocol and its procedures were not used.", FINDINGS),
              ("Training was given. More training is planned.", FINDINGS))
    assert not j["policies-and-procedures"].visible
    assert not j["training"].visible
    assert j["policies-and-procedures"].generic_only


def test_a_strong_phrase_in_the_learning_tags(taxonomy: Taxonomy) -> None:
    j = judge(taxonomy, ("Be alert to disguised compliance.", FINDINGS))
    assert j["disguised-compliance"].visible
    assert j["disguised-compliance"].evidence == ["disguised compliance (line 1)"]


def test_place_weights_a_single_word(taxonomy: Taxonomy) -> None:
    background = judge(taxonomy, ("The mother had been neglected as a child.", BACKGROUND))
    learning = judge(taxonomy, ("Look for signs that a child is neglected.", FINDINGS))
    title = judge(taxonomy, ("Learning from a review of neglected children", TITLE))
    assert not background["neglect"].visible
    assert learning["neglect"].visible
    assert title["neglect"].confidence > learning["neglect"].confidence > background["neglect"].confidence


def test_a_heading_naming_the_theme_is_enough_even_for_a_generic_word(taxonomy: Taxonomy) -> None:
    assert "escalation" in GENERIC_WORDS
    assert judge(taxonomy, ("Escalation", HEADING))["escalation-and-challenge"].visible
    assert not judge(taxonomy, ("Escalation was needed.", FINDINGS))["escalation-and-challenge"].visible


def test_distinct_words_add_up_repeats_add_less(taxonomy: Taxonomy) -> None:
    once = judge(taxonomy, ("co-sleeping", BACKGROUND))["safe-sleep"]
    repeated = judge(taxonomy, ("co-sleeping. co-sleeping. co-sleeping. co-sleeping.", BACKGROUND))
    distinct = judge(taxonomy, ("co-sleeping. overlaying. bed sharing.", BACKGROUND))["safe-sleep"]
    assert once.score < repeated["safe-sleep"].score <= 2 * once.score
    assert distinct.score > repeated["safe-sleep"].score


def test_examples_count_half(taxonomy: Taxonomy) -> None:
    text = "Harm may be indirect, such as emotional abuse."
    assert as_example(text, text.index("emotional"))
    said = judge(taxonomy, ("Harm may be emotional abuse.", FINDINGS))["emotional-abuse"]
    example = judge(taxonomy, (text, FINDINGS))["emotional-abuse"]
    assert example.score == said.score / 2
    long_sentence = ("Including everyone in the plan, the review said that the case showed "
                     "emotional abuse.")
    assert not as_example(long_sentence, long_sentence.index("emotional"))


def test_agencies_named_as_examples_still_count(taxonomy: Taxonomy) -> None:
    j = judge(taxonomy, ("Agencies involved included the health visiting service.", BACKGROUND))
    assert j["health-visiting"].visible


def test_item_tags_come_from_the_items_own_words(taxonomy: Taxonomy) -> None:
    tagger = tagger_for(taxonomy)
    visible = {("themes", "safe-sleep"), ("themes", "policies-and-procedures")}
    themes, agencies, suggested = item_tags(tagger, "Co-sleeping after alcohol; follow the protocol.",
                                            visible)
    assert themes == ["safe-sleep"]  # substance misuse is not a document tag; protocol is generic
    assert agencies == []
    assert ("themes", "policies-and-procedures") in suggested
    assert ("themes", "parental-substance-misuse") not in suggested


BRIEFING = """\
Learning briefing: Child P

This briefing is for everyone who works with families.

Safer sleep

Child P died aged ten weeks after co-sleeping on a sofa with a parent.

Learning points

- Talk about safer sleep at every visit, including after a change of address.
- Follow the protocol for sudden infant death and keep the protocol to hand.
- Record what the health visitor was told.
"""


def test_the_draft_lists_tags_suggestions_and_sources(tmp_path: Path, out_dir: Path,
                                                      taxonomy: Taxonomy, load_draft: Loader) -> None:
    doc, draft = ingest(tmp_path, out_dir, taxonomy, load_draft, BRIEFING)
    tags, suggested = draft["tags"], draft["suggested_tags"]
    assert "safe-sleep" in doc.themes and "safe-sleep" in tags
    entry = tags["safe-sleep"]
    assert entry["kind"] == "theme" and 0.5 <= entry["confidence"] <= 1
    assert any("heading" in e for e in entry["evidence"])
    assert "health-visiting" in doc.agencies and tags["health-visiting"]["kind"] == "agency"
    # Generic words are suggestions, not facet-visible tags, anywhere in the record.
    assert "policies-and-procedures" not in doc.all_themes()
    assert suggested["policies-and-procedures"]["confidence"] < 0.5
    for key, entry in {**tags, **suggested}.items():
        assert set(entry) == {"kind", "confidence", "evidence"}, key
        assert 0 <= entry["confidence"] <= 1
    assert set(tags).isdisjoint(k for k in suggested if ":" not in k)
    assert set(doc.themes) | set(doc.agencies) == set(tags)
    assert doc.all_themes() <= set(doc.themes)  # passages only carry the document's tags
    lp1 = doc.learning_points[0]
    assert "safe-sleep" in lp1.themes
    assert draft["sources"][lp1.id] == "line 11"


TAXONOMY: Taxonomy = load_taxonomy(Path(__file__).resolve().parents[2] / "corpus" / "taxonomy.yaml")[0]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(sorted(GENERIC_WORDS)), min_size=1, max_size=12),
       st.sampled_from([FINDINGS, BACKGROUND]))
def test_generic_words_alone_never_make_a_visible_tag(words: list[str], place: str) -> None:
    ev = Evidence(tagger_for(TAXONOMY))
    ev.add(". ".join(words) + ".", place)
    judgements = ev.judgements()
    assert not [j.term_id for j in judgements if j.visible and j.vocab == "themes"]
    assert all(0 <= j.confidence < 1 for j in judgements)


def test_stock_phrases_do_not_tag_alone(taxonomy: Taxonomy) -> None:
    j = judge(taxonomy, ("Listen to children and young people. Children and young people need "
                         "to be seen. Work with both parents.", FINDINGS))
    assert not j["adolescents"].visible
    assert not j["unknown-men"].visible
    assert judge(taxonomy, ("Listen to the young person about the risks he takes. The young person "
                            "said he felt unsafe.", FINDINGS))["adolescents"].visible


def test_the_publishing_partnership_needs_more_than_its_name_on_the_page(taxonomy: Taxonomy) -> None:
    named = judge(taxonomy, ("This briefing was written by the Example Safeguarding Children "
                             "Partnership. The Safeguarding Children Partnership thanks staff.", BACKGROUND))
    acting = judge(taxonomy, ("The Safeguarding Children Partnership will audit every plan and the "
                              "Safeguarding Children Partnership will report on it.", FINDINGS),
                   ("The Safeguarding Children Partnership met.", BACKGROUND))
    assert not named["safeguarding-partnership"].visible
    assert acting["safeguarding-partnership"].visible


def test_learning_addressed_to_all_agencies_tags_all_agencies(
        tmp_path: Path, out_dir: Path, taxonomy: Taxonomy, load_draft: Loader) -> None:
    doc, draft = ingest(tmp_path, out_dir, taxonomy, load_draft,
                        "Learning briefing\n\nThe review looked at a family who moved often.\n\n"
                        "Learning points\n\n- Agencies should share records when a family moves.\n")
    assert doc.learning_points[0].audience == "all-agencies"
    assert "all-agencies" in doc.agencies
    assert draft["tags"]["all-agencies"]["kind"] == "agency"


# --- everyday wording as evidence (ingest.cues) -------------------------------------------------
# Synthetic sentences in a briefing's own style; each names its theme or agency only in everyday
# words, never with a taxonomy label or synonym, so each fails without its cue.

CUE_CASES = [
    ("themes", "infant-deaths", "The review began after Baby L died at the age of 4 months."),
    ("themes", "infant-deaths", "Sadly the 7-week-old baby died in hospital."),
    ("themes", "young-parents", "Both parents were under 19 and had left school the year before."),
    ("themes", "young-parents", "Staff worked with young men with parenting responsibilities."),
    ("themes", "young-parents", "Remember mums who are teenagers themselves need support too."),
    ("themes", "parental-mental-health", "Mum found it hard to manage her low mood after the birth."),
    ("themes", "information-sharing", "The nursery shared important information with the GP."),
    ("themes", "information-sharing", "Information was not shared when the family moved."),
    ("themes", "information-sharing", "The school nurse sought information from the midwife."),
    ("themes", "voice-of-the-child", "Give the young person time to talk about their day."),
    ("themes", "voice-of-the-child", "Record the wishes of the child in every plan."),
    ("themes", "multi-agency-working", "Poor attendance at core group meetings left gaps."),
    ("themes", "multi-agency-working", "Practitioners need to come together early."),
    ("themes", "human-factors", "An over-optimistic view of the mother's progress took hold."),
    ("themes", "human-factors", "Staff had come to normalise the state of the flat."),
    ("themes", "policies-and-procedures", "Each school should have online safety policies in place."),
    ("themes", "sexual-abuse", "The boy was sexually abused by an older cousin."),
    ("agencies", "childrens-social-care", "She was looked after by the local authority from age 9."),
    ("agencies", "all-agencies", "This note is for multi-agency practitioners in the county."),
    ("agencies", "all-agencies", "Everyone working with children can spot these signs."),
    ("agencies", "education", "Pupils told staff about the bruises."),
    ("agencies", "hospital-services", "The medical team examined him the next day."),
    ("agencies", "adult-mental-health", "Her community psychiatric nurse visited weekly."),
]


def test_cues_are_evidence_in_everyday_words(taxonomy: Taxonomy) -> None:
    for vocab, term, text in CUE_CASES:
        j = judge(taxonomy, (text, FINDINGS))
        assert term in j and j[term].vocab == vocab and j[term].visible, (term, text)


def test_a_mothers_wellbeing_is_not_childrens_mental_health(taxonomy: Taxonomy) -> None:
    j = judge(taxonomy, ("At times mum struggled with her emotional wellbeing.", FINDINGS))
    assert j["parental-mental-health"].visible
    assert "child-mental-health" not in j


def test_the_local_authority_alone_is_only_weak_evidence(taxonomy: Taxonomy) -> None:
    j = judge(taxonomy, ("The local authority reviewed its offer.", FINDINGS))
    assert j["childrens-social-care"].confidence > 0
    assert not j["childrens-social-care"].visible


def test_taxonomy_words_in_other_senses_are_not_evidence(taxonomy: Taxonomy) -> None:
    j = judge(taxonomy,
              ("The review followed Working Together 2015 and used a multi-agency audit.", FINDINGS),
              ("This SCR analysis looks at neglect.", TITLE),
              ("Sharing information online can put children at risk.", FINDINGS))
    assert "multi-agency-working" not in j
    assert "assessment" not in j
    assert "information-sharing" not in j
    assert j["policies-and-procedures"].visible  # the guidance, named by its year


def test_an_early_help_assessment_is_not_the_early_help_service(taxonomy: Taxonomy) -> None:
    j = judge(taxonomy, ("The health visitor began an early help assessment.", FINDINGS))
    assert not j["early-help-services"].visible
    assert j["early-help"].visible or j["early-help"].confidence > 0


def test_a_safeguarding_adults_board_is_not_adult_social_care(taxonomy: Taxonomy) -> None:
    j = judge(taxonomy, ("The plan was shared with the Safeguarding Adults Board.", FINDINGS))
    assert not j["adult-social-care"].visible


def test_a_teenage_parent_is_not_a_document_about_adolescents(taxonomy: Taxonomy) -> None:
    j = judge(taxonomy, ("Offer extra help to fathers who are teenagers themselves.", FINDINGS))
    assert j["young-parents"].visible
    assert "adolescents" not in j


def test_a_parent_talking_about_their_childs_mental_health_is_not_parental(taxonomy: Taxonomy) -> None:
    j = judge(taxonomy, ("Parents were worried about their daughter's low mood.", FINDINGS))
    assert "parental-mental-health" not in j


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet="abcdemnorstuw ’'-.;()", max_size=6) | st.sampled_from(
    [" mum ", " died ", " 4 months old ", " shared ", " information ", " child ", " talk ",
     " Working Together ", " 2010 ", " SCR analysis ", " the local authority ", " online "]),
    max_size=30))
def test_cue_matches_are_in_order_and_inside_the_text(taxonomy: Taxonomy, pieces: list[str]) -> None:
    from scrbrowse.ingest import cues
    text = "".join(pieces)
    found = cues.matches(tagger_for(taxonomy), text)
    assert [m.start for m in found] == sorted(m.start for m in found)
    for m in found:
        assert 0 <= m.start < len(text)
        assert m.weight is None or 0 < m.weight <= 1.0


def test_a_documents_own_acronym_for_a_term_is_evidence(taxonomy: Taxonomy) -> None:
    from scrbrowse.ingest import cues
    tagger = tagger_for(taxonomy)
    texts = ["The baby was cared for on the Special Care Baby Unit ward and the neonatal unit (NNU).",
             "Staff on the NNU spoke to both parents. The NNU made a referral."]
    aliases = cues.defined_acronyms(tagger, texts)
    assert aliases == {"NNU": [("agencies", "hospital-services")]}
    ev = Evidence(tagger, aliases=aliases)
    ev.add(texts[1], FINDINGS, "line 2")
    j = {x.term_id: x for x in ev.judgements()}
    assert j["hospital-services"].visible
    assert j["hospital-services"].evidence == ["NNU (line 2, 2 mentions)"]


def test_acronyms_the_taxonomy_knows_or_that_clash_are_left_alone(taxonomy: Taxonomy) -> None:
    from scrbrowse.ingest import cues
    tagger = tagger_for(taxonomy)
    assert cues.defined_acronyms(tagger, ["Children's Social Care (CSC) visited."]) == {}
    assert cues.defined_acronyms(tagger, ["the health visitor (PHN) and later the school nurse (PHN)",
                                          "the police officer (PHN)"]) == {}
    # The definition itself is not a second mention.
    found = cues.matches(tagger, "the neonatal unit (NNU)", {"NNU": [("agencies", "hospital-services")]})
    assert [m.text for m in found if m.term_id == "hospital-services"] == ["neonatal unit"]


def test_an_items_own_label_names_its_theme(tmp_path: Path, out_dir: Path, taxonomy: Taxonomy,
                                            load_draft: Loader) -> None:
    text = ("Learning summary: Child W\n\nKey learning\n\n"
            "- Training: staff had not had the course on bruises in babies for some years.\n"
            "- Nursery staff saw the marks and told the health visitor the same day.\n")
    doc, draft = ingest(tmp_path, out_dir, taxonomy, load_draft, text)
    assert "training" in doc.themes, draft.get("suggested_tags")


def test_item_labels() -> None:
    from scrbrowse.ingest.record import item_label
    assert item_label("Professional curiosity: ask who lives in the home.", None) == \
        "Professional curiosity"
    assert item_label("Ask who lives in the home.", "Be curious") == "Be curious"
    assert item_label("Staff said this: the plan had ended.", None) == "Staff said this"
    assert item_label("Ask who lives in the home, and whether the plan had ended: always.", None) is None
    assert item_label("Ask who lives in the home.", None) is None
