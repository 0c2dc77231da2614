"""Real briefing layouts (issue 15 item 1): each test is a synthetic text in one layout seen on
partnership websites and in PDFs, written here (never copied from a real briefing)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scrbrowse.ingest import Outcome, ingest_file
from scrbrowse.ingest.blocks import Block, Kind, lines_to_blocks
from scrbrowse.ingest.boilerplate import is_furniture, strip_boilerplate
from scrbrowse.ingest.structure import is_prompt, parse, questions_in
from scrbrowse.model import Document
from scrbrowse.taxonomy import Taxonomy
from scrbrowse.yamlio import parse_yaml

Loader = Callable[[Path], Document]


def ingest(tmp_path: Path, out_dir: Path, taxonomy: Taxonomy, load_draft: Loader, text: str,
           name: str = "briefing.txt") -> tuple[Document, dict[str, Any], str]:
    src = tmp_path / name
    src.write_text(text, encoding="utf-8")
    result = ingest_file(src, out_dir, taxonomy=taxonomy)
    assert result.outcome is Outcome.WRITTEN, result.skipped
    assert result.written is not None
    raw = result.written.read_text(encoding="utf-8")
    return load_draft(result.written), parse_yaml(raw)["draft"], text


def structure(text: str) -> Any:
    return parse(lines_to_blocks(text.splitlines()))


# --- site navigation and footers --------------------------------------------------------------

WEB_PAGE = """\
Skip to content

Our work with families

Learning briefing: Child Q – Missed appointments

The Incident

- Child Q was four and lived with her grandmother.
- She missed three health appointments in a year.

Messages for Practitioners

- Follow up every missed health appointment with the family the same week.
- Record who you spoke to when a child is not brought.

We use cookies to make this website work and to understand how you use it.
© 2025 Example Safeguarding Children Partnership. All rights reserved.
"""


def test_navigation_lines_are_not_the_title(tmp_path: Path, out_dir: Path, taxonomy: Taxonomy,
                                            load_draft: Loader) -> None:
    doc, draft, _ = ingest(tmp_path, out_dir, taxonomy, load_draft, WEB_PAGE)
    assert doc.title == "Learning briefing: Child Q – Missed appointments"
    assert any("website navigation" in c for c in draft["checks"])
    assert not any("cookies" in (s.text or "") for s in doc.sections)
    assert [lp.text for lp in doc.learning_points] == [
        "Follow up every missed health appointment with the family the same week.",
        "Record who you spoke to when a child is not brought."]


def test_menu_lines_without_blank_lines_are_not_joined_to_the_title() -> None:
    st_ = structure("Skip to main content\nHome > Practitioners > Learning\n7 Minute Briefing: Child Z\n\n"
                    "1. Background\nChild Z was two.\n")
    assert st_.title_lines == ["7 Minute Briefing: Child Z"]


def test_a_short_title_over_its_full_form_gives_the_full_form() -> None:
    st_ = structure("Child W\n\nChild W Serious Case Review\n\n- Risk assessments\n- Meetings\n\n"
                    "Child W was fifteen.\n")
    assert st_.title_lines == ["Child W Serious Case Review"]


@pytest.mark.parametrize("line", [
    "Skip to main content", "Back to top", "Home > Practitioners > Learning from reviews",
    "Accept all cookies", "Privacy policy", "Page last updated: 3 May 2024",
    "We use cookies to give you the best experience on our website.", "<<", "|",
    "Copyright 2024 Example Council"])
def test_site_furniture_lines(line: str) -> None:
    assert is_furniture(Block(Kind.PARA, line))


@pytest.mark.parametrize("line", [
    "Home visits", "Search for the father", "Training for practitioners is available",
    "Menu planning was discussed with the family.", "Learning briefing: Child A"])
def test_document_lines_are_not_furniture(line: str) -> None:
    assert not is_furniture(Block(Kind.PARA, line))


def test_list_items_are_kept_unless_cookie_or_copyright() -> None:
    assert not is_furniture(Block(Kind.ITEM, "Home"))
    assert not is_furniture(Block(Kind.ITEM, "2018-03"))
    assert is_furniture(Block(Kind.ITEM, "© Example Partnership 2023"))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(menu=st.lists(st.sampled_from(["Skip to content", "Home", "Search", "Contact us",
                                      "Our services", "About us", "Menu"]), min_size=1, max_size=4),
       child=st.sampled_from("ABCDKLMQ"))
def test_title_never_holds_menu_lines(menu: list[str], child: str) -> None:
    """On a web page (site furniture at its top), menu entries never become the title."""
    menu = ["Skip to content", *menu]
    title = f"Learning briefing: Child {child}"
    blocks = lines_to_blocks([*(x for m in menu for x in (m, "")), title, "",
                              "Background", "", f"Child {child} was two."])
    kept, _ = strip_boilerplate(blocks)
    st_ = parse(blocks)
    assert st_.title_lines == [title]
    assert kept[0].text == title


# --- learning layouts -------------------------------------------------------------------------

PAIRS = """\
Thematic Learning

Hidden harm

Key Learning

Adults who misuse substances may hide it from visiting professionals.

Improving Practice

Ask about use at every contact and record what you were told.

Isolation

Key Learning

Families who move often lose the support of neighbours and services.

Improving Practice

Check which services the family used before the move.
"""


def test_key_learning_and_improving_practice_pairs_are_one_learning_point_each() -> None:
    st_ = structure(PAIRS)
    lps = st_.items["learning_points"]
    assert len(lps) == 2
    assert lps[0].text.startswith("Adults who misuse substances")
    assert "Improving Practice: Ask about use at every contact" in lps[0].text
    assert "Check which services" in lps[1].text
    assert lps[1].section == "Isolation"


FOUND_MEANS = """\
7 Minute Briefing: Child R

4. What we found
- Records did not follow the family when they moved.
- The school nurse was not told of the earlier referral.

5. What this means for practice
- Request records from the previous area at the first contact.
- Tell the school nurse about every referral.
"""


def test_what_we_found_pairs_with_what_this_means_one_to_one() -> None:
    lps = structure(FOUND_MEANS).items["learning_points"]
    assert len(lps) == 2
    assert lps[0].text == ("Records did not follow the family when they moved. What this means "
                           "for practice: Request records from the previous area at the first contact.")
    assert lps[1].text.endswith("Tell the school nurse about every referral.")


def test_a_practice_list_that_does_not_pair_stays_a_list() -> None:
    text = FOUND_MEANS + "- A third action with no finding before it.\n"
    lps = structure(text).items["learning_points"]
    assert len(lps) == 5  # two findings and three actions: counts differ, nothing is joined


SEVEN_MINUTE = """\
7 Minute Briefing: Child T

1. Background
Child T was two years old when admitted to hospital.

2. Why it matters
Toddlers rely on the adults around them.

3. Information
The family had moved between three areas.

4. Key learning
- Professionals relied on what the mother said about the father.
- Nobody asked who else lived in the home.

5. What we found good practice
- The nursery raised its concern the same day.

6. Areas for development
- Chronologies were not shared between agencies.

7. Questions
How would you know who lives in the home? What would you do next?
"""


def test_seven_minute_briefing_numbered_boxes() -> None:
    st_ = structure(SEVEN_MINUTE)
    assert st_.title_lines == ["7 Minute Briefing: Child T"]
    assert [lp.text[:25] for lp in st_.items["learning_points"]] == [
        "Professionals relied on w", "Nobody asked who else liv"]
    assert [g.text for g in st_.items["good_practice"]] == ["The nursery raised its concern the same day."]
    assert [a.text for a in st_.items["areas_to_strengthen"]] == [
        "Chronologies were not shared between agencies."]
    assert [q.text for q in st_.questions] == ["How would you know who lives in the home?",
                                               "What would you do next?"]
    kinds = {s.heading: s.kind for s in st_.sections}
    assert kinds["1. Background"] == "background"


def test_good_practice_and_areas_for_development_worded_as_questions() -> None:
    st_ = structure("Learning briefing: neglect review\n\nWhat Good Practice Did We Find?\n\n"
                    "- Staff knew the children well.\n\nKey Areas for Development\n\n"
                    "- Plans were not reviewed.\n")
    assert [g.text for g in st_.items["good_practice"]] == ["Staff knew the children well."]
    assert [a.text for a in st_.items["areas_to_strengthen"]] == ["Plans were not reviewed."]


@pytest.mark.parametrize("heading", ["The Issues", "Risk Factors", "Safeguarding Concerns",
                                     "Key findings"])
def test_bullets_under_findings_headings_are_the_learning_points(heading: str) -> None:
    # With another list recognised, the findings used to stay in the section's text.
    st_ = structure(f"Learning summary Child V\n\n{heading}\n\nThe review found the following.\n\n"
                    "- Health and school records were never compared.\n"
                    "- The father's history was not checked.\n\nGood practice\n\n"
                    "- The school nurse visited at home.\n")
    assert [lp.text for lp in st_.items["learning_points"]] == [
        "Health and school records were never compared.", "The father's history was not checked."]
    assert all(lp.text != heading for lp in st_.items["learning_points"])
    assert any("The review found the following." in s.paragraphs for s in st_.sections)


def test_a_lead_in_sentence_is_not_a_findings_heading() -> None:
    st_ = structure("Learning summary\n\nRisks\n\nThe risk factors that were identified in the "
                    "reviews were many and varied across the cases:\n\n- Isolation.\n")
    assert "The risk factors that were identified in the reviews were many and varied across the "\
           "cases" not in st_.headings_known


# --- questions anywhere -----------------------------------------------------------------------

def test_questions_inside_a_paragraph_are_questions() -> None:
    st_ = structure("Learning briefing\n\nNeglect\n\nNeglect is often missed. What stops "
                    "practitioners from naming neglect? It builds slowly over time.\n")
    assert [q.text for q in st_.questions] == ["What stops practitioners from naming neglect?"]
    assert st_.sections[-1].paragraphs[0].startswith("Neglect is often missed.")  # text kept


def test_questions_in_the_middle_of_a_learning_point() -> None:
    st_ = structure("Briefing\n\nLearning points\n\n- Neglect is cumulative. Are you looking at the "
                    "history? Chronologies help.\n")
    assert [q.text for q in st_.questions] == ["Are you looking at the history?"]
    assert st_.questions[0].learning_point == 0


def test_about_the_review_questions_are_not_reflective_questions() -> None:
    st_ = structure("Briefing\n\nWhat is a Serious Case Review?\n\nA review is held when a child "
                    "dies. Why are these reviews held at all in such cases?\n")
    assert st_.questions == []


@pytest.mark.parametrize("heading", ["Considerations", "Questions for reflection", "Think about",
                                     "Ask yourself", "Things to consider"])
def test_prompts_under_reflection_headings(heading: str) -> None:
    st_ = structure(f"Briefing\n\n{heading}\n\nConsider how you record who lives in the home\n\n"
                    "How do you know the child's daily routine?\n")
    assert [q.text for q in st_.questions] == ["Consider how you record who lives in the home",
                                               "How do you know the child's daily routine?"]


def test_consider_items_in_a_learning_list_are_prompts() -> None:
    st_ = structure("Briefing\n\nLearning points\n\n- Consider whether the family's story has "
                    "changed\n- Share concerns with the GP.\n")
    assert [q.text for q in st_.questions] == ["Consider whether the family's story has changed"]
    assert [lp.text for lp in st_.items["learning_points"]] == ["Share concerns with the GP."]


@pytest.mark.parametrize(("text", "prompt"), [
    ("Consider whether the plan still fits", True), ("Think about how you would know", True),
    ("Consider the needs of young parents", False), ("Ask who else lives in the home.", False),
    ("Reflect on what you would do next", True)])
def test_is_prompt(text: str, prompt: bool) -> None:
    assert is_prompt(text) is prompt


def test_questions_in_examples() -> None:
    assert questions_in("Neglect is cumulative. What would you do? Is the father known to you? "
                        "Why? Records matter.") == ["What would you do?", "Is the father known to you?"]


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from([
    "Neglect is cumulative.", "What would you do?", "Is the father known to you?", "ok?",
    "Why?", "Records matter.", "how would you know?", "e.g.", "“Who is he?”"]), min_size=1, max_size=6))
def test_questions_in_finds_only_whole_capitalised_questions(parts: list[str]) -> None:
    text = " ".join(parts)
    for q in questions_in(text):
        assert q.endswith("?") and len(q.split()) >= 4 and q in text
        assert q[0].isupper() or q[0] in "‘'\"“"


# --- where each item came from ----------------------------------------------------------------

def test_every_item_points_at_its_source_line(tmp_path: Path, out_dir: Path, taxonomy: Taxonomy,
                                              load_draft: Loader) -> None:
    doc, draft, text = ingest(tmp_path, out_dir, taxonomy, load_draft, SEVEN_MINUTE, "seven.txt")
    lines = text.splitlines()
    sources = draft["sources"]
    items = [*doc.learning_points, *doc.good_practice, *doc.areas_to_strengthen,
             *doc.reflective_questions]
    assert items
    for item in items:
        m = re.fullmatch(r"line (\d+)", sources[item.id])
        assert m, sources[item.id]
        line = lines[int(m.group(1)) - 1]
        assert item.text.split()[0] in line, (item.id, line)
    assert all(re.fullmatch(r"line \d+", sources[s.id]) for s in doc.sections)


@pytest.mark.parametrize(("heading", "target"), [
    ("Learning Point 1", "learning_points"), ("Learning point 2: Professional curiosity", "learning_points"),
    ("Key practice points", "learning_points"), ("Key Lessons", "learning_points"),
    ("Themes identified", "learning_points"), ("Improving practice", "learning_points"),
    ("What this means for practice", "learning_points"), ("What we found", "learning_points"),
    ("Question 1", "reflective_questions"), ("Reflective questions for practitioners", "reflective_questions"),
    ("Considerations", "reflective_questions"), ("Ask yourself", "reflective_questions"),
    ("What Good Practice Did We Find?", "good_practice"), ("Key areas for development", "areas_to_strengthen"),
    ("The Issues", None), ("Areas of concern", None), ("The Incident", None)])
def test_heading_wordings_seen_on_real_briefings(heading: str, target: str | None) -> None:
    from scrbrowse.ingest.headings import match_heading
    rule = match_heading(heading)
    assert rule is not None
    assert rule.target == target


def test_a_printed_briefings_short_title_is_kept() -> None:
    """No site furniture at the top: the first short line is the title, not a menu entry."""
    st_ = structure("Safer Sleep\n\nA 7 minute briefing for practitioners\n\nBackground\n\n"
                    "Babies died while sharing a bed.\n")
    assert st_.title_lines[0] == "Safer Sleep"


_WORDS = st.sampled_from(["records", "fathers", "visits", "plans", "nursery", "sleep", "bruises",
                          "school", "health", "meetings", "housing", "money"])
_SENTENCE_ST = st.lists(_WORDS, min_size=3, max_size=9).map(lambda ws: " ".join(ws).capitalize() + ".")


@settings(max_examples=40, deadline=None)
@given(pairs=st.lists(st.tuples(_SENTENCE_ST, _SENTENCE_ST), min_size=1, max_size=5),
       second=st.sampled_from(["Improving Practice", "What this means for practice",
                               "Practice improvements"]))
def test_every_learning_pair_is_one_learning_point(pairs: list[tuple[str, str]], second: str) -> None:
    parts = ["Thematic learning", ""]
    for k, (found, practice) in enumerate(pairs, 1):
        parts += [f"Topic number {k}", "", "Key Learning", "", found, "", second, "", practice, ""]
    lps = structure("\n".join(parts)).items["learning_points"]
    assert [lp.text for lp in lps] == [f"{f} {second}: {p}" for f, p in pairs]


@settings(max_examples=40, deadline=None)
@given(findings=st.lists(_SENTENCE_ST, min_size=1, max_size=8, unique=True),
       heading=st.sampled_from(["The Issues", "Risk factors", "Key findings", "Areas of concern"]))
def test_every_bullet_under_a_findings_heading_is_a_learning_point(findings: list[str],
                                                                   heading: str) -> None:
    text = "\n".join(["Learning summary", "", heading, "", *(f"- {f}" for f in findings), "",
                      "Good practice", "", "- The nursery acted the same day."])
    st_ = structure(text)
    assert [lp.text for lp in st_.items["learning_points"]] == findings
    assert all(lp.section == heading for lp in st_.items["learning_points"])


@settings(max_examples=40, deadline=None)
@given(blank=st.lists(st.integers(0, 2), min_size=12, max_size=12))
def test_source_lines_follow_the_text_however_it_is_spaced(blank: list[int]) -> None:
    """Whatever the spacing between blocks, each item's line is the line its text starts on."""
    pieces = SEVEN_MINUTE.split("\n\n")
    lines: list[str] = []
    for k, piece in enumerate(pieces):
        lines += piece.splitlines()
        lines += [""] * (1 + blank[k % len(blank)])
    st_ = parse(lines_to_blocks(lines))
    items = [*st_.items["learning_points"], *st_.items["good_practice"],
             *st_.items["areas_to_strengthen"], *st_.questions]
    assert len(items) == 6
    for it in items:
        assert it.where is not None
        n = int(it.where.split()[1])
        assert it.text.split()[0] in lines[n - 1]


# --- lines with no blank line between them --------------------------------------------------------
# Text copied from a web page puts a paragraph, an item or a header line on each line; hard-wrapped
# text (an e-mail, a PDF saved as text) breaks paragraphs at a width. Only the second is joined.

BACKGROUND = ("Baby H was nine weeks old when she was taken to hospital with a broken arm and bruising "
              "to her ear. She could not yet roll over. Her parents said she had caught her arm in the "
              "cot bars, and the family had moved twice that year.")  # one line, as a web page has it

STACKED = f"""\
7 Minute Briefing: Baby H
Westmoor Safeguarding Children Partnership
March 2024

1. Background
{BACKGROUND}

3. What we learned
The bruise seen by the practice nurse at the eight-week check was not referred under the bruising protocol.
Nobody asked who else looked after the baby, so the mother's new partner was never seen.
Police knew of the partner's violence towards a former partner; this was not shared with health.

5. Questions to consider
Do you know where to find the bruising protocol for babies who are not yet mobile?
How do you find out about the men who live in or visit a baby's home
What helps you challenge an explanation that does not fit the injury?
"""


def test_header_lines_items_and_questions_on_their_own_lines_stay_apart(
        tmp_path: Path, out_dir: Path, taxonomy: Taxonomy, load_draft: Loader) -> None:
    doc, _draft, _ = ingest(tmp_path, out_dir, taxonomy, load_draft, STACKED)
    assert doc.title == "7 Minute Briefing: Baby H"
    assert doc.published == "2024-03"
    assert doc.review.board == "Westmoor Safeguarding Children Partnership"
    assert [lp.text[:30] for lp in doc.learning_points] == [
        "The bruise seen by the practic", "Nobody asked who else looked a", "Police knew of the partner's v"]
    assert [q.text[:30] for q in doc.reflective_questions] == [
        "Do you know where to find the ", "How do you find out about the ", "What helps you challenge an ex"]


HARD_WRAPPED = """\
Learning summary: Child V

Findings

The review found that the health visitor and the school nurse each held part
of the picture. Neither knew what the other had seen, and no one brought the
two together. The referral made in the spring was closed after a single visit.
Records of the family's move to another area were not passed on to the new
health visiting team, so the new team started again from the beginning.
Short line ends this paragraph.
A new paragraph starts here without a blank line, as some exports do.
"""


def test_hard_wrapped_paragraphs_are_joined_at_their_width() -> None:
    blocks = [b.text for b in lines_to_blocks(HARD_WRAPPED.splitlines())]
    joined = next(t for t in blocks if t.startswith("The review found"))
    assert "held part of the picture. Neither knew" in joined
    assert "single visit. Records of the family" in joined
    assert joined.endswith("Short line ends this paragraph.")
    assert "A new paragraph starts here without a blank line, as some exports do." in blocks


def test_a_date_line_is_never_joined_to_the_lines_around_it() -> None:
    blocks = [b.text for b in lines_to_blocks(["Learning from Child N", "June 2023", "Northshire LSCB"])]
    assert "June 2023" in blocks


def test_the_title_ends_where_its_board_and_date_lines_come() -> None:
    st_ = structure("Learning from a Local Review: Child R\nSouthby Safeguarding Children Partnership\n"
                    "Published: 4 May 2025\n\nSummary\nChild R was fifteen and often missing from home.\n")
    assert st_.title_lines == ["Learning from a Local Review: Child R"]
    assert st_.header_lines == ["Southby Safeguarding Children Partnership"]
    assert st_.header_dates == ["2025-05-04"]


def test_a_board_line_over_the_title_is_not_the_title() -> None:
    st_ = structure("Southby Safeguarding Children Partnership\nLearning from a Local Review: Child R\n\n"
                    "Child R was fifteen and often missing from home.\n")
    assert st_.title_lines == ["Learning from a Local Review: Child R"]


_WORDS = st.sampled_from(["the", "baby", "Mother", "was", "seen", "by", "Police", "and", "health",
                          "visitor", "of", "Practitioners", "should", "ask", "2024", "school", "to"])


@settings(max_examples=60, deadline=None)
@given(lines=st.lists(st.lists(_WORDS, min_size=1, max_size=40).map(" ".join), min_size=1, max_size=12))
def test_joining_or_splitting_lines_loses_and_reorders_no_word(lines: list[str]) -> None:
    """However long the lines and wherever capitals fall, every word is kept, in order."""
    blocks = lines_to_blocks(lines)
    assert " ".join(b.text for b in blocks).split() == " ".join(lines).split()


def test_a_numbered_label_and_its_text_on_one_line_are_one_learning_point() -> None:
    st_ = structure("Thematic review: neglect in teenagers\n\n"
                    "Learning point 1: Young people spoke about their home life many times before anyone acted.\n"
                    "Learning point 2: Waiting lists meant that children waited months without other support.\n\n"
                    "Questions for reflection\nWhat support is there while a child waits?\n")
    assert [i.text for i in st_.items["learning_points"]] == [
        "Young people spoke about their home life many times before anyone acted.",
        "Waiting lists meant that children waited months without other support."]
    assert [q.text for q in st_.questions] == ["What support is there while a child waits?"]


SUBTITLED = """\
Rapid Review Learning: Child T (aged 3)

Redwater Safeguarding Partnership – practitioner briefing, not for wider circulation

What happened
Child T was admitted to hospital with weight loss. The family had been known to early help for two years.

Key messages
- The health visitor recorded mum's learning disability but nobody changed how they explained things.
- Missed health appointments were not seen as a sign of neglect.
"""

PUBLISHED_BY = """\
Thematic review: Adolescents and self-harm

Published by the Ashdale Safeguarding Children Partnership, January 2023

Learning
- Young people told professionals about self-harm many times before anyone acted on it.
- Schools were not always told when a young person had been to hospital after self-harm.
"""


def test_a_line_naming_the_partnership_under_the_title_is_not_title(
        tmp_path: Path, out_dir: Path, taxonomy: Taxonomy, load_draft: Loader) -> None:
    doc, _draft, _ = ingest(tmp_path, out_dir, taxonomy, load_draft, SUBTITLED)
    assert doc.title == "Rapid Review Learning: Child T (aged 3)"
    assert doc.review.board == "Redwater Safeguarding Partnership"
    assert doc.restriction is not None and "not for wider circulation" in doc.restriction.wording


def test_a_published_by_line_gives_the_date_and_is_not_title(
        tmp_path: Path, out_dir: Path, taxonomy: Taxonomy, load_draft: Loader) -> None:
    doc, _draft, _ = ingest(tmp_path, out_dir, taxonomy, load_draft, PUBLISHED_BY, name="b.txt")
    assert doc.title == "Thematic review: Adolescents and self-harm"
    assert doc.published == "2023-01"
    assert doc.review.board == "Ashdale Safeguarding Children Partnership"


@pytest.mark.parametrize(("line", "questions"), [
    ("Think about a family you work with where the father is rarely seen. Who else knows him?",
     ["Think about a family you work with where the father is rarely seen. Who else knows him?"]),
    ("Consider how you record a missed visit. What would you do differently next time?",
     ["Consider how you record a missed visit.", "What would you do differently next time?"]),
    ("How do you check where the baby sleeps? Who else stays overnight?",
     ["How do you check where the baby sleeps?", "Who else stays overnight?"]),
])
def test_a_scene_set_before_a_question_stays_with_it(line: str, questions: list[str]) -> None:
    st_ = structure(f"Learning from Child E\n\nQuestions for reflection\n{line}\n")
    assert [q.text for q in st_.questions] == questions
