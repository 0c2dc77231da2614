"""Reviewing a draft: item and tag operations with undo, the details, validation, and mark-as-checked
(atomic write, the draft kept in .drafts, the corpus loading the checked record once, not as a draft)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scrbrowse.corpus import load_corpus
from scrbrowse.ingest import Outcome, ingest_file
from scrbrowse.ingest.review import DRAFTS_FOLDER, DraftReview, ReviewError
from scrbrowse.ingest.sourcetext import locate, parse_pointer
from scrbrowse.taxonomy import Taxonomy
from scrbrowse.yamlio import dump_yaml, read_yaml_file

BRIEFING = """Child Q Learning Briefing
Northshire Safeguarding Children Partnership

Published March 2023

Learning points
- Practitioners should always ask where the baby sleeps, at every visit.
- Fathers and male carers must be included in assessments.
- Listen to the voice of the child when planning support.

Reflective questions
1. How do I check where the baby sleeps?
2. Who else lives in the household?
"""


@pytest.fixture
def draft(out_dir: Path, tmp_path: Path, taxonomy: Taxonomy) -> Path:
    source = tmp_path / "child-q-briefing.txt"
    source.write_text(BRIEFING, encoding="utf-8")
    result = ingest_file(source, out_dir, taxonomy=taxonomy)
    assert result.outcome is Outcome.WRITTEN and result.written is not None
    return result.written


def _with_suggestions(path: Path, suggested: dict[str, Any], sources: dict[str, str]) -> None:
    """The draft block the extraction helper writes: suggestions with evidence, item pointers."""
    data = read_yaml_file(path)
    data["draft"]["suggested_tags"] = suggested
    data["draft"]["sources"] = sources
    path.write_text(dump_yaml(data), encoding="utf-8")


def test_ingest_keeps_the_source_text_beside_the_draft(draft: Path, taxonomy: Taxonomy) -> None:
    review = DraftReview.load(draft, taxonomy)
    lines = review.source_lines()
    assert lines is not None and lines[0] == "Child Q Learning Briefing"
    assert review.source_text_path() == draft.with_name(f"{draft.stem}.source.txt")
    corpus = load_corpus(draft.parent)  # the text file is never read as a record
    assert [d.id for d in corpus.documents.values()] == [review.doc_id]


def test_source_pointers_and_the_fallback_to_the_items_words() -> None:
    lines = BRIEFING.split("\n")
    assert parse_pointer("page 2, line 7") == (2, 7)
    assert parse_pointer("line 7") == (None, 7)
    assert parse_pointer("somewhere") is None
    assert locate(lines, "line 7", "anything") == 6
    # A PDF's page pointer, or none: the item's words are found instead.
    assert locate(lines, "page 3, line 1", "Fathers and male carers must be included") == 7
    assert locate(lines, None, "nothing like this at all anywhere") is None
    # A pointer onto a line without the item's words is checked against the words.
    assert locate(lines, "line 1", "Fathers and male carers must be included") == 7
    assert locate(lines, "line 1", "nothing like this at all anywhere") == 0


def test_accept_and_reject_suggested_tags_then_undo(draft: Path, taxonomy: Taxonomy) -> None:
    _with_suggestions(draft, {
        "neglect": {"kind": "theme", "confidence": 0.4, "evidence": ["neglect (line 3)"]},
        "police": {"kind": "agency", "confidence": 0.3, "evidence": ["officer"]},
    }, {"lp-1": "line 7"})
    review = DraftReview.load(draft, taxonomy)
    suggested = {t.id: t for t in review.tags() if t.suggested}
    assert suggested["neglect"].evidence == ("neglect (line 3)",)
    assert suggested["neglect"].confidence == 0.4
    assert "neglect" not in review.record["themes"]
    review.accept_tag("neglect")
    assert "neglect" in review.record["themes"]
    assert "neglect" not in review.draft["suggested_tags"]
    review.reject_tag("police")
    assert "police" not in review.record["agencies"] and review.draft["suggested_tags"] == {}
    assert review.undo() == "reject suggested tag police"
    assert review.undo() == "accept tag neglect"
    assert "neglect" not in review.record["themes"]
    assert set(review.draft["suggested_tags"]) == {"neglect", "police"}
    assert review.undo() is None


def test_old_drafts_tags_are_words_and_can_be_removed_everywhere(draft: Path,
                                                                taxonomy: Taxonomy) -> None:
    review = DraftReview.load(draft, taxonomy)
    visible = [t for t in review.tags() if not t.suggested]
    assert visible and all(isinstance(t.evidence, tuple) for t in visible)
    tag = next(t for t in visible if t.kind == "theme")
    review.reject_tag(tag.id)
    assert tag.id not in review.record["themes"]
    for entry in review.record["learning_points"]:
        assert tag.id not in entry["themes"]
    with pytest.raises(ReviewError, match="not a suggested tag"):
        review.accept_tag(tag.id)


def test_drop_split_merge_and_edit_items(draft: Path, taxonomy: Taxonomy) -> None:
    review = DraftReview.load(draft, taxonomy)
    lps = [i for i in review.items() if i.list_key == "learning_points"]
    assert [i.id for i in lps] == ["lp-1", "lp-2", "lp-3"]
    review.drop_item("learning_points", 1)
    assert [e["id"] for e in review.record["learning_points"]] == ["lp-1", "lp-3"]
    review.split_item("learning_points", 0, ["Ask where the baby sleeps.", "Ask at every visit."])
    assert [e["id"] for e in review.record["learning_points"]] == ["lp-1", "lp-4", "lp-3"]
    assert review.record["learning_points"][1]["text"] == "Ask at every visit."
    review.merge_with_next("learning_points", 0)
    assert review.record["learning_points"][0]["text"] == "Ask where the baby sleeps. Ask at every visit."
    review.edit_item("learning_points", 1, "Listen to the child.")
    assert review.record["learning_points"][1]["text"] == "Listen to the child."
    with pytest.raises(ReviewError):
        review.edit_item("learning_points", 1, "   ")
    with pytest.raises(ReviewError, match="last item"):
        review.merge_with_next("learning_points", 1)
    for _ in range(4):
        review.undo()
    assert [e["id"] for e in review.record["learning_points"]] == ["lp-1", "lp-2", "lp-3"]


def test_dropping_a_learning_point_unlinks_its_questions(draft: Path, taxonomy: Taxonomy) -> None:
    review = DraftReview.load(draft, taxonomy)
    review.record["reflective_questions"][0]["learning_point"] = "lp-2"
    review.drop_item("learning_points", 1)
    assert "learning_point" not in review.record["reflective_questions"][0]
    assert review.problems() == []


def test_details_are_checked_before_they_are_set(draft: Path, taxonomy: Taxonomy) -> None:
    review = DraftReview.load(draft, taxonomy)
    review.set_field("title", "Child Q: learning briefing")
    review.set_field("area", "Northshire")
    review.set_field("published", "2023-03")
    assert review.record["review"]["area"] == "Northshire"
    with pytest.raises(ReviewError, match="not a date"):
        review.set_field("published", "March 2023")
    with pytest.raises(ReviewError, match="not a usable id"):
        review.set_field("id", "Child Q")
    with pytest.raises(ReviewError, match="cannot be empty"):
        review.set_field("title", " ")
    review.set_field("area", "")
    assert review.record["review"]["area"] is None


def test_mark_checked_writes_the_record_and_keeps_the_draft(draft: Path, taxonomy: Taxonomy) -> None:
    before = draft.read_text(encoding="utf-8")
    review = DraftReview.load(draft, taxonomy)
    review.drop_item("learning_points", 2)
    done = review.mark_checked(today="2026-12-06")
    assert done.path == draft
    data = read_yaml_file(draft)
    assert "draft" not in data
    assert [e["id"] for e in data["learning_points"]] == ["lp-1", "lp-2"]
    assert list(data)[:3] == ["schema_version", "id", "title"]  # the record's order is kept
    assert draft.read_text(encoding="utf-8").startswith("# Made by scrbrowse")
    assert done.draft_copy.parent == draft.parent / DRAFTS_FOLDER
    assert done.draft_copy.read_text(encoding="utf-8") == before
    assert not draft.with_name(f"{draft.stem}.source.txt").exists()
    assert list((draft.parent / DRAFTS_FOLDER).glob("*.source.txt"))
    corpus = load_corpus(draft.parent)
    doc = corpus.get(review.doc_id)
    assert doc is not None and not doc.draft and len(corpus.documents) == 1
    assert not [p for p in corpus.problems if "draft" in p.message]
    with pytest.raises(ReviewError, match="already a checked record"):
        DraftReview.load(draft, taxonomy)


def test_mark_checked_refuses_invalid_records_and_writes_nothing(draft: Path,
                                                                 taxonomy: Taxonomy) -> None:
    before = draft.read_bytes()
    review = DraftReview.load(draft, taxonomy)
    review.record["doc_type"] = "not-a-doc-type"
    assert review.problems()
    with pytest.raises(ReviewError, match="problem"):
        review.mark_checked()
    assert draft.read_bytes() == before
    assert not (draft.parent / DRAFTS_FOLDER).exists()


def test_mark_checked_refuses_a_duplicate_id(draft: Path, taxonomy: Taxonomy) -> None:
    other = draft.with_name("other.yaml")
    other.write_text("schema_version: 1\nid: taken-id\n", encoding="utf-8")
    review = DraftReview.load(draft, taxonomy)
    review.set_field("id", "taken-id")
    assert any("already used" in p.message for p in review.problems())
    review.set_field("id", "appears-later")
    assert review.problems() == []
    draft.with_name("later.yaml").write_text("schema_version: 1\nid: appears-later\n", encoding="utf-8")
    with pytest.raises(ReviewError, match=r"already used by later\.yaml"):
        review.mark_checked()  # the folder is read again just before writing


def test_mark_checked_refuses_when_the_file_changed_meanwhile(draft: Path, taxonomy: Taxonomy) -> None:
    review = DraftReview.load(draft, taxonomy)
    changed = draft.read_text(encoding="utf-8") + "\n# someone's edit\n"
    draft.write_text(changed, encoding="utf-8")
    with pytest.raises(ReviewError, match="changed by someone else"):
        review.mark_checked()
    assert draft.read_text(encoding="utf-8") == changed


def test_loading_refuses_what_is_not_a_draft(tmp_path: Path, taxonomy: Taxonomy) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("a: *alias\n", encoding="utf-8")
    with pytest.raises(ReviewError, match="alias"):
        DraftReview.load(bad, taxonomy)
    with pytest.raises(ReviewError, match="cannot read"):
        DraftReview.load(tmp_path / "missing.yaml", taxonomy)
    listing = tmp_path / "list.yaml"
    listing.write_text("- 1\n", encoding="utf-8")
    with pytest.raises(ReviewError, match="not a corpus record"):
        DraftReview.load(listing, taxonomy)


def test_details_set_together_are_one_change_or_none(draft: Path, taxonomy: Taxonomy) -> None:
    review = DraftReview.load(draft, taxonomy)
    title = review.get_field("title")
    with pytest.raises(ReviewError, match="not a date"):
        review.set_fields({"title": "New title", "published": "soon"})
    assert review.get_field("title") == title and not review.can_undo
    review.set_fields({"title": "New title", "board": "Northshire SCP", "published": "2023"})
    assert (review.get_field("title"), review.get_field("board")) == ("New title", "Northshire SCP")
    assert review.undo() == "set details"
    assert review.get_field("title") == title and not review.can_undo


_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20))
_values = st.recursive(_scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=10), inner, max_size=4)), max_leaves=12)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(block=st.dictionaries(st.sampled_from(["tags", "suggested_tags", "sources", "checks",
                                              "source_text"]), _values, max_size=5),
       pointer=_values, text=st.text(max_size=40))
def test_any_draft_block_is_read_without_crashing(draft: Path, taxonomy: Taxonomy, block: dict[str, Any],
                                                   pointer: Any, text: str) -> None:
    """The draft block is written by other tools and by hand: odd shapes are ignored, never fatal,
    and a source_text that is not a plain file name beside the record is never followed."""
    data = read_yaml_file(draft)
    data["draft"] = block
    review = DraftReview(draft, data, taxonomy, "x")
    review.tags()
    review.items()
    review.checks  # noqa: B018
    path = review.source_text_path()
    assert path is None or (path.parent == draft.parent and path.suffix == ".txt")
    for bad in ("../x.txt", "..", "/etc/passwd", ".hidden.txt", "sub/x.txt"):
        review.draft["source_text"] = bad
        assert review.source_text_path() is None
    assert isinstance(locate(["a line", text], pointer, text), int | None)


def test_unfinished_changes_are_kept_in_a_copy_and_the_draft_is_untouched(
        draft: Path, taxonomy: Taxonomy) -> None:
    """The app closing without asking (its terminal went away) keeps what the reviewer changed."""
    before = draft.read_bytes()
    review = DraftReview.load(draft, taxonomy)
    review.drop_item("learning_points", 2)
    kept = review.keep_unfinished()
    again = review.keep_unfinished()  # a second copy in the same second gets a name of its own
    assert draft.read_bytes() == before
    assert kept != again and kept.parent == again.parent == draft.parent / DRAFTS_FOLDER
    assert kept.name.startswith(draft.stem) and kept.name.endswith(".unfinished.yaml")
    assert kept.read_text(encoding="utf-8").startswith("# ")
    reopened = DraftReview.load(kept, taxonomy)  # still a draft: it can be reviewed again
    assert [e["id"] for e in reopened.record["learning_points"]] == ["lp-1", "lp-2"]
    assert reopened.record["draft"] == review.record["draft"]
    corpus = load_corpus(draft.parent)  # the kept copy is never read as a second record
    assert [d.id for d in corpus.documents.values()] == [review.doc_id]


def test_keeping_unfinished_changes_says_why_it_could_not(draft: Path, taxonomy: Taxonomy) -> None:
    review = DraftReview.load(draft, taxonomy)
    review.drop_item("learning_points", 2)
    (draft.parent / DRAFTS_FOLDER).write_text("a file where the folder should be", encoding="utf-8")
    with pytest.raises(ReviewError, match="cannot keep"):
        review.keep_unfinished()
