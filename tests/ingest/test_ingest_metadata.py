"""Finding the child, board, area, dates, restriction and types in a document's wording."""

from __future__ import annotations

import pytest

from scrbrowse.ingest.dates import date_line, labelled_date, parse_date
from scrbrowse.ingest.metadata import (
    find_area,
    find_board,
    find_child,
    find_restriction,
    find_review_type,
)
from scrbrowse.ingest.tagging import tagger_for
from scrbrowse.taxonomy import Taxonomy


@pytest.mark.parametrize(("title", "text", "child"), [
    ("Learning Summary Child K SCR", "", "Child K"),
    ("Briefing", "Child LW was seen by Child LW's GP. Child LW ...", "Child LW"),
    ("Learning from Baby T", "", "Baby T"),
    ("Review", "The review concerns Children A and B.", "Children A and B"),
    ("Review", "Child S's birth was premature. Child S was seen.", "Child S"),
])
def test_child_pseudonym(title: str, text: str, child: str) -> None:
    assert find_child(title, text)[0] == child


def test_child_not_confused_with_words_or_acronyms() -> None:
    text = "The Child Protection Plan and Child Safeguarding Practice Review; Child CSE team."
    assert find_child("Briefing", text) == (
        None, "review.child: no pseudonym such as 'Child K' found; set it from the source")


def test_board_area_and_acronym() -> None:
    text = ("The case was considered by the Hampshire Safeguarding Children Board (HSCB). "
            "HSCB will review the protocol. The Chair of Hampshire Safeguarding Children Board agreed. "
            "Regulation 5 of the Local Safeguarding Children Board Regulations 2006 applies. "
            "We will work with the Hampshire Safeguarding Adults Board.")
    board, area, check = find_board(text)
    assert (board, area) == ("Hampshire Safeguarding Children Board", "Hampshire")
    # Two spelled out and two as HSCB; the adults board is a different board.
    assert "(4 mentions)" in check


def test_partnership_names() -> None:
    assert find_board("Published by Brighton and Hove Safeguarding Children Partnership.")[:2] == (
        "Brighton and Hove Safeguarding Children Partnership", "Brighton and Hove")
    assert find_board("Training | Oxfordshire Safeguarding Children Board")[:2] == (
        "Oxfordshire Safeguarding Children Board", "Oxfordshire")
    assert find_board("No board here at all.")[:2] == (None, None)


def test_area_guessed_only_from_repeated_mentions() -> None:
    assert find_area("In Wiltshire most referrals ... Early Help in Wiltshire ...")[0] == "Wiltshire"
    # Once, past the opening text (issue 15: the only area named in the opening is taken).
    area, check = find_area("The family's story. " * 40 + "One mention of Dorset only.")
    assert area is None and "mentioned once" in check
    # Place names that are ordinary words are not in the list.
    assert find_area("Reading the report. Reading it again.")[0] is None


@pytest.mark.parametrize(("line", "date"), [
    ("March 2018", "2018-03"),
    ("Published: 19 April 2017", "2017-04-19"),
    ("Date: 12/03/2019", "2019-03-12"),
    ("Sept 2020", "2020-09"),
    ("2021", "2021"),
    ("31/02/2019", None),
    ("on 19 April 2017 under Regulation 5", None),
])
def test_date_lines(line: str, date: str | None) -> None:
    assert date_line(line) == date


def test_dates_in_running_text() -> None:
    assert parse_date("the subgroup met on 19 April 2017 under Regulation 5") == "2017-04-19"
    assert labelled_date("Version 2. Published: June 2021. Review date: 2023") == "2021-06"


def test_restriction_wording_is_the_sources() -> None:
    para = ("Tests confirmed cocaine. The SCR report has not yet been published due to ongoing "
            "criminal proceedings. Until full publication is possible, the following learning should "
            "be shared with professionals only.")
    wording, check = find_restriction([para])
    assert wording == ("The SCR report has not yet been published due to ongoing criminal proceedings. "
                       "Until full publication is possible, the following learning should be shared "
                       "with professionals only.")
    assert check is not None and "professionals-only" in check
    assert find_restriction(["A Response Plan will be published shortly."]) == (None, None)


def test_review_type_prefers_the_title(taxonomy: Taxonomy) -> None:
    tagger = tagger_for(taxonomy)
    text = "Since October 2019 these are called Child Safeguarding Practice Reviews (CSPR)."
    known = set(taxonomy.review_types)
    assert find_review_type(tagger, "Serious Case Review Learning Briefing", text, known)[0] == "scr"
    assert find_review_type(tagger, "Learning briefing", text, known)[0] == "cspr"
    assert find_review_type(tagger, "Notes", "Nothing said.", known)[0] == "local-learning-review"


@pytest.mark.parametrize(("title", "text"), [
    ("Learning briefing: thematic review of bruising in babies", "Four SCRs were read."),
    ("Lessons from serious case reviews on neglect", "These SCRs were published in 2015."),
    ("CSPR analysis for health visitors", "The CSPRs looked at were all local."),
    ("Learning note", "This note sets out learning from 5 local safeguarding reviews."),
    ("Learning note", "It draws on an analysis of 40 serious case reviews."),
])
def test_learning_drawn_from_several_reviews_is_thematic(taxonomy: Taxonomy, title: str,
                                                         text: str) -> None:
    tagger = tagger_for(taxonomy)
    got, check = find_review_type(tagger, title, text, set(taxonomy.review_types))
    assert got == "thematic", check


def test_one_review_named_in_the_title_is_not_thematic(taxonomy: Taxonomy) -> None:
    tagger = tagger_for(taxonomy)
    text = "The learning from this serious case review is set out below."
    got, _ = find_review_type(tagger, "Serious Case Review: Child P", text, set(taxonomy.review_types))
    assert got == "scr"


def test_board_named_by_acronym_after_its_area() -> None:
    from scrbrowse.ingest.metadata import find_board_acronym
    board, area, check = find_board_acronym("Three reviews were commissioned by the Hartlepool LSCB "
                                            "in 2013. The LSCB agreed the plan.")
    assert (board, area) == ("Hartlepool LSCB", "Hartlepool")
    assert "acronym" in check
    assert find_board_acronym("The LSCB and the SCP met.")[0] is None  # no area before it
    assert find_board_acronym("In Sussex LSCB met.")[0] is None  # not a listed area


def test_area_named_once_in_the_opening_is_taken_only_when_it_is_the_only_one() -> None:
    from scrbrowse.ingest.metadata import OPENING_CHARS, find_area
    assert find_area("Reviews by Safer Wigan and the partnership looked at coercive control.")[0] == "Wigan"
    assert find_area("Reviews in Wigan and in Bolton.")[0] is None  # two areas, once each
    late = "x " * OPENING_CHARS + "The family moved to Wigan."
    assert find_area(late)[0] is None  # once, deep in the text: probably a place in the story
