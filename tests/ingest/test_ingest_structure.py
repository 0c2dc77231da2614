"""Headings as different boards word them, and what ingest files under each."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scrbrowse.ingest import Outcome, ingest_file
from scrbrowse.ingest.headings import (
    AREAS_TO_STRENGTHEN,
    COMMON_THEMES,
    GOOD_PRACTICE,
    KEY_MESSAGES,
    LEARNING_POINTS,
    ONE_THING,
    QUESTIONS,
    RECOMMENDATIONS,
    RESOURCES,
    audience_of,
    match_heading,
)
from scrbrowse.model import Document
from scrbrowse.taxonomy import Taxonomy


@pytest.mark.parametrize(("heading", "target"), [
    ("Learning points", LEARNING_POINTS),
    ("Learning points for Managers;", LEARNING_POINTS),
    ("Messages for practitioners", LEARNING_POINTS),
    ("Key learning", LEARNING_POINTS),
    ("What did the review tell us?", LEARNING_POINTS),
    ("Practitioners should:", LEARNING_POINTS),
    ("Learning Point", LEARNING_POINTS),
    ("How to enhance your practice", LEARNING_POINTS),
    ("Lessons learned", LEARNING_POINTS),
    ("Good practice", GOOD_PRACTICE),
    ("Areas to strengthen", AREAS_TO_STRENGTHEN),
    ("Areas for improvement", AREAS_TO_STRENGTHEN),
    ("Recommendations", RECOMMENDATIONS),
    ("Consider the following:", QUESTIONS),
    ("Questions for reflection", QUESTIONS),
    ("5. Reflection", QUESTIONS),
    ("Key messages for inter-agency learning", KEY_MESSAGES),
    ("If you do one thing, take the time to....", ONE_THING),
    ("Themes in common with other reviews in Hampshire;", COMMON_THEMES),
    ("Training and resources;", RESOURCES),
    ("7. Further information", RESOURCES),
])
def test_heading_map(heading: str, target: str) -> None:
    rule = match_heading(heading)
    assert rule is not None and rule.target == target


@pytest.mark.parametrize(("heading", "kind"), [
    ("A summary of the case;", "case-summary"),
    ("1. Background", "background"),
    ("What is a Serious Case Review?", "about-review"),
    ("How was learning achieved?", "learning-method"),
    ("Serious Case Review Findings", "findings"),
    ("2. Why it matters", "topic"),
])
def test_narrative_headings(heading: str, kind: str) -> None:
    rule = match_heading(heading)
    assert rule is not None and rule.target is None and rule.kind == kind


def test_unknown_headings_and_sentences_are_not_rules() -> None:
    assert match_heading("Invisible fathers") is None
    assert match_heading("Child K died at eleven weeks of age after being placed in bed.") is None


@pytest.mark.parametrize(("heading", "audience"), [
    ("Learning points for Managers", "managers"),
    ("Learning points for Practitioners", "practitioners"),
    ("Key messages for inter-agency learning", "inter-agency"),
    ("Messages for all agencies", "all-agencies"),
    ("Learning points", None),
])
def test_audience_from_heading(heading: str, audience: str | None) -> None:
    assert audience_of(heading)[0] == audience


def test_ambiguous_audience_is_left_unset() -> None:
    assert audience_of("Learning points for practitioners and managers") == (None, True)


def _ingest(tmp_path: Path, out_dir: Path, taxonomy: Taxonomy, text: str, name: str = "doc.md"
            ) -> tuple[Document, tuple[str, ...]]:
    src = tmp_path / name
    src.write_text(text, encoding="utf-8")
    result = ingest_file(src, out_dir, taxonomy=taxonomy)
    assert result.outcome is Outcome.WRITTEN, result.skipped
    assert result.written is not None
    from scrbrowse.corpus import load_record_bytes

    doc, problems = load_record_bytes(result.written.read_bytes(), str(result.written), taxonomy)
    assert doc is not None
    assert [p for p in problems if p.severity == "error"] == []
    return doc, result.checks


SEVEN_MINUTE = """\
# 7 Minute Briefing - Child D

1. Background

Child D, aged 14, was exploited by an older man she met online.

2. Why it matters

Grooming online moves fast and children may not see themselves as victims.

3. What did the review tell us?

- Professionals did not recognise the grooming as exploitation.
- Missing episodes were not followed by return home interviews.

4. Practitioners should

- Ask about online contacts at every contact.

5. Reflection

1. Would you recognise online grooming?
2. Do you know how to make a referral to the exploitation team?

6. Recommendations

1. The partnership should review its exploitation screening tool.

7. Further information

[Online safety guidance](https://example.org/online-safety)
"""


def test_numbered_seven_minute_briefing(tmp_path: Path, out_dir: Path, taxonomy: Taxonomy) -> None:
    doc, _checks = _ingest(tmp_path, out_dir, taxonomy, SEVEN_MINUTE)
    assert doc.doc_type == "seven-minute-briefing"
    assert doc.review.child == "Child D"
    assert [(s.heading, s.kind) for s in doc.sections] == [
        ("1. Background", "background"), ("2. Why it matters", "topic")]
    assert [(lp.text, lp.audience) for lp in doc.learning_points] == [
        ("Professionals did not recognise the grooming as exploitation.", None),
        ("Missing episodes were not followed by return home interviews.", None),
        ("Ask about online contacts at every contact.", "practitioners"),
    ]
    assert [(q.number, q.text) for q in doc.reflective_questions] == [
        (1, "Would you recognise online grooming?"),
        (2, "Do you know how to make a referral to the exploitation team?"),
    ]
    assert [(r.number, r.text) for r in doc.recommendations] == [
        ("1", "The partnership should review its exploitation screening tool.")]
    assert [(r.title, r.url) for r in doc.resources] == [
        ("Online safety guidance", "https://example.org/online-safety")]
    assert {"child-sexual-exploitation", "online-abuse", "missing-children"} & set(doc.themes)


MARKS_AND_QUESTIONS = """\
Learning Briefing: Child P

Findings

- ✓ The GP made a prompt referral to children's social care.
- ✚ Agencies need to share information about fathers.
- **Be curious about who lives in the home.** Do you ask who stays overnight? Who else cares for the baby?

Learning points:

A parent who seems ambivalent about their baby gives an opportunity to explore their feelings.

For more information see our website.
"""


def test_ticks_crosses_and_embedded_questions(tmp_path: Path, out_dir: Path, taxonomy: Taxonomy) -> None:
    doc, checks = _ingest(tmp_path, out_dir, taxonomy, MARKS_AND_QUESTIONS, "p.txt")
    assert [g.text for g in doc.good_practice] == [
        "The GP made a prompt referral to children's social care."]
    assert [a.text for a in doc.areas_to_strengthen] == [
        "Agencies need to share information about fathers."]
    # Under "Findings" (narrative), personal questions become questions; the list item is kept.
    assert [lp.text for lp in doc.learning_points] == [
        "A parent who seems ambivalent about their baby gives an opportunity to explore their feelings."]
    assert any("paragraphs under" in c for c in checks)
    # The pointer paragraph after the learning is narrative, not a learning point.
    assert any("For more information" in s.text for s in doc.sections)


def test_bold_lead_with_trailing_questions_becomes_point_and_linked_questions(
        tmp_path: Path, out_dir: Path, taxonomy: Taxonomy) -> None:
    text = ("Learning Summary Child Q\n\nLearning points\n\n"
            "- **Be curious about who lives in the home.** Do you ask who stays overnight? "
            "Who else cares for the baby?\n"
            "- **Understand** the threshold document before making a referral.\n")
    doc, _ = _ingest(tmp_path, out_dir, taxonomy, text, "q.txt")
    assert [(lp.id, lp.text, lp.lead) for lp in doc.learning_points] == [
        ("lp-1", "Be curious about who lives in the home.", None),
        ("lp-2", "Understand the threshold document before making a referral.", "Understand"),
    ]
    assert [(q.text, q.learning_point) for q in doc.reflective_questions] == [
        ("Do you ask who stays overnight?", "lp-1"), ("Who else cares for the baby?", "lp-1")]


def test_recommendations_with_points_and_board_responses(
        tmp_path: Path, out_dir: Path, taxonomy: Taxonomy) -> None:
    text = ("Kent Safeguarding Children Partnership\n\nResponse to the Recommendations of the "
            "Child Safeguarding Practice Review: Child W\n\n"
            "The review made the following recommendations:\n\n"
            "1) The partnership should promote its escalation policy:\n\n"
            "- to schools;\n- to health visitors.\n\n"
            "The partnership will relaunch the policy in September.\n\n"
            "2) Review the neglect toolkit.\n\nThe toolkit will be reviewed by March.\n")
    doc, _ = _ingest(tmp_path, out_dir, taxonomy, text, "w.txt")
    assert doc.doc_type == "board-response"
    assert doc.review.board == "Kent Safeguarding Children Partnership"
    recs = [(r.number, r.text, r.points, [x.text for x in r.responses]) for r in doc.recommendations]
    assert recs == [
        ("1", "The partnership should promote its escalation policy:", ("to schools;", "to health visitors."),
         ["The partnership will relaunch the policy in September."]),
        ("2", "Review the neglect toolkit.", (), ["The toolkit will be reviewed by March."]),
    ]
    assert all(resp.by == "Kent Safeguarding Children Partnership"
               for r in doc.recommendations for resp in r.responses)


def test_markdown_table_learning_point_and_practice(
        tmp_path: Path, out_dir: Path, taxonomy: Taxonomy) -> None:
    text = ("# Learning from Child V\n\n"
            "| Learning Point | How to enhance your practice |\n|---|---|\n"
            "| Plans ended without checking change. | Check what has changed before closing. |\n")
    doc, _ = _ingest(tmp_path, out_dir, taxonomy, text)
    assert [(lp.text, lp.section) for lp in doc.learning_points] == [
        ("Plans ended without checking change.", "Learning Point"),
        ("Check what has changed before closing.", "How to enhance your practice"),
    ]


def test_text_sections_keep_all_narrative(tmp_path: Path, out_dir: Path, taxonomy: Taxonomy,
                                          load_draft: Callable[[Path], Document]) -> None:
    text = ("Learning Summary Child Z\n\nIntroductory words before any heading.\n\n"
            "Case summary\n\nFirst paragraph.\n\nSecond paragraph.\n\n"
            "Invisible fathers\n\nFather was rarely seen.\n")
    doc, _ = _ingest(tmp_path, out_dir, taxonomy, text, "z.txt")
    assert [(s.heading, s.kind, s.text) for s in doc.sections] == [
        (None, "introduction", "Introductory words before any heading."),
        ("Case summary", "case-summary", "First paragraph.\n\nSecond paragraph."),
        ("Invisible fathers", "topic", "Father was rarely seen."),
    ]


# --- learning written as prose (ingest.statements) ------------------------------------------------

PROSE_BRIEFING = """Learning from a review: Baby M

Baby M lived with his mother and her partner in a flat above a shop. He was seen by the health
visitor twice before he was admitted to hospital.

The review found that the family's move between two areas was not known to the health visitor.
Practitioners should check where a baby is living at every contact. It is important that records
follow a family when they move. Mum often missed appointments, which were rebooked.

Research has shown that babies are most at risk in the first months of life. In busy teams with
many new families, consideration should be given to how moves are flagged.
"""


def test_prose_learning_sentences_become_learning_points(
        tmp_path: Path, out_dir: Path, taxonomy: Taxonomy) -> None:
    doc, checks = _ingest(tmp_path, out_dir, taxonomy, PROSE_BRIEFING, "prose.txt")
    texts = [lp.text for lp in doc.learning_points]
    assert texts == [
        "The review found that the family's move between two areas was not known to the health "
        "visitor.",
        "Practitioners should check where a baby is living at every contact.",
        "It is important that records follow a family when they move.",
        "Research has shown that babies are most at risk in the first months of life.",
        "In busy teams with many new families, consideration should be given to how moves are "
        "flagged.",
    ]
    # The case history stays in the section text, and nothing is there twice.
    narrative = " ".join(s.text or "" for s in doc.sections)
    assert "Mum often missed appointments" in narrative
    assert "Practitioners should" not in narrative
    assert any("sentence(s) that state learning" in c for c in checks)


def test_a_sentence_listing_what_a_review_considered_gives_one_point_each(
        tmp_path: Path, out_dir: Path, taxonomy: Taxonomy) -> None:
    text = ("Practice note: Child R\n\nChild R was 2 when she was hurt at home. The review considers "
            "how the nursery raised concerns; the part of the GP in sharing what was known; "
            "support offered to her older brother; and the use of the neglect toolkit.\n")
    doc, _checks = _ingest(tmp_path, out_dir, taxonomy, text, "listing.txt")
    assert [lp.text for lp in doc.learning_points] == [
        "The review considers how the nursery raised concerns.",
        "the part of the GP in sharing what was known.",
        "support offered to her older brother.",
        "the use of the neglect toolkit.",
    ]


def test_case_history_in_prose_is_not_learning(tmp_path: Path, out_dir: Path,
                                                 taxonomy: Taxonomy) -> None:
    text = ("Child T\n\nChild T was 9 when the school noticed he was often hungry. His mother said "
            "that money was short. The school offered breakfast club and told the family worker.\n")
    doc, _checks = _ingest(tmp_path, out_dir, taxonomy, text, "history.txt")
    assert not doc.learning_points


@pytest.mark.parametrize(("sentence", "learning"), [
    ("Health visitors should ask about sleeping arrangements at each visit.", True),
    ("Never assume that another agency has made the referral.", True),
    ("We need to hear from fathers as well as from mothers.", True),
    ("Ensure that every plan names who will see the child.", True),
    ("It is widely recognised that neglect harms every part of a child's development.", True),
    ("Learning: a baby's bruise always needs a second look.", True),
    ("Dad took the baby to the GP the next morning.", False),
    ("The family moved twice in the year before the review.", False),
    ("Should the plan have ended sooner?", False),  # a question, found elsewhere
    ("Practitioners should ask.", False),  # too short to stand alone as learning
])
def test_sentences_that_state_learning(sentence: str, learning: bool) -> None:
    from scrbrowse.ingest.statements import is_learning
    assert is_learning(sentence) is learning


_OPENINGS = ["Practitioners should", "The review found that", "It is important that", "Mum said",
             "Research has shown that", "The family", "Ensure that", "Records show", "We need to"]


@given(st.lists(st.tuples(st.sampled_from(_OPENINGS),
                          st.lists(st.sampled_from(["the", "baby", "was", "seen", "often", "by",
                                                    "staff", "at", "home", "school"]),
                                   min_size=0, max_size=8)),
                min_size=1, max_size=6))
def test_prose_learning_loses_no_words(parts: list[tuple[str, list[str]]]) -> None:
    from scrbrowse.ingest.statements import learning_in
    text = " ".join(f"{opening} {' '.join(words)}.".replace(" .", ".") for opening, words in parts)
    found, rest = learning_in(text)
    assert sorted(" ".join([*found, rest]).split()) == sorted(text.split())
