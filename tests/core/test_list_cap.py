"""A record may hold at most MAX_LIST_ITEMS entries per list (issue 16, item 11: 10,000 learning points
froze the browser): more is an error with a clear message, and the first MAX_LIST_ITEMS are kept."""

from __future__ import annotations

from scrbrowse.corpus import MAX_LIST_ITEMS, load_record_bytes
from scrbrowse.problems import Severity
from scrbrowse.taxonomy import Taxonomy

HEAD = """\
schema_version: 1
id: huge-doc
title: A huge record
doc_type: learning-summary
source: huge.txt
review:
  id: huge-review
  child: Child H
  review_type: scr
"""


def _record(key: str, count: int) -> bytes:
    lines = [HEAD, f"{key}:"]
    lines += [f"  - id: x-{i}\n    text: Point number {i}." for i in range(count)]
    return "\n".join(lines).encode("utf-8")


def test_a_list_over_the_cap_is_an_error_and_is_cut() -> None:
    doc, problems = load_record_bytes(_record("learning_points", 10_000), "huge.yaml", Taxonomy())
    assert doc is not None and len(doc.learning_points) == MAX_LIST_ITEMS
    errors = [p for p in problems if p.severity == Severity.ERROR and p.field == "learning_points"]
    assert len(errors) == 1
    assert errors[0].field == "learning_points"
    assert "10,000 entries" in errors[0].message and f"at most {MAX_LIST_ITEMS:,}" in errors[0].message


def test_questions_are_capped_too_and_the_cap_itself_is_fine() -> None:
    doc, problems = load_record_bytes(_record("reflective_questions", MAX_LIST_ITEMS + 1), "q.yaml", Taxonomy())
    assert doc is not None and len(doc.reflective_questions) == MAX_LIST_ITEMS
    assert any("entries; a list may hold" in p.message for p in problems)
    doc, problems = load_record_bytes(_record("learning_points", MAX_LIST_ITEMS), "ok.yaml", Taxonomy())
    assert doc is not None and len(doc.learning_points) == MAX_LIST_ITEMS
    assert not any("entries; a list may hold" in p.message for p in problems)
