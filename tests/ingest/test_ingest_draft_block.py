"""The `draft:` key: a draft loads and is searchable, and validation warns that it awaits checking."""

from __future__ import annotations

from pathlib import Path

import pytest

from scrbrowse.cli import main
from scrbrowse.corpus import load_corpus, load_record_bytes
from scrbrowse.problems import Severity
from scrbrowse.taxonomy import Taxonomy

RECORD = """\
schema_version: 1
draft:
  source_sha256: abc
  checks:
    - "review.child: guessed from the title"
    - "published: no date found"
id: leeds-child-t-learning-summary
title: Learning Summary Child T
doc_type: learning-summary
source: t.pdf
review: {id: leeds-child-t-scr, child: Child T, review_type: scr}
learning_points:
  - {id: lp-1, text: See the baby at every visit.}
"""


def test_a_draft_loads_with_one_warning(taxonomy: Taxonomy) -> None:
    doc, problems = load_record_bytes(RECORD.encode(), "t.yaml", taxonomy)
    assert doc is not None and doc.learning_points[0].text == "See the baby at every visit."
    assert [p.format() for p in problems] == [
        "t.yaml:2: warning: draft: draft record awaiting checking (2 items under draft: checks) "
        "(hint: check it against its source, then delete the whole 'draft:' block)"]


def test_a_draft_block_must_be_a_mapping(taxonomy: Taxonomy) -> None:
    text = RECORD.replace("draft:\n  source_sha256: abc\n  checks:\n    - \"review.child: guessed "
                          "from the title\"\n    - \"published: no date found\"\n",
                          "draft: yes please\n")
    doc, problems = load_record_bytes(text.encode(), "t.yaml", taxonomy)
    assert doc is not None
    assert [(p.severity, p.field, p.message) for p in problems] == [
        (Severity.ERROR, "draft", "must be a mapping, not str")]


def test_checked_record_has_no_draft_warning(taxonomy: Taxonomy) -> None:
    text = RECORD.split("draft:")[0] + RECORD.split("- \"published: no date found\"\n")[1]
    doc, problems = load_record_bytes(text.encode(), "t.yaml", taxonomy)
    assert doc is not None and problems == []


def test_validate_warns_per_draft_and_passes(tmp_corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_corpus / "leeds-child-t-learning-summary.yaml").write_text(RECORD, encoding="utf-8")
    rc = main(["--corpus", str(tmp_corpus), "validate"])
    out = capsys.readouterr().out
    assert rc == 0
    assert "leeds-child-t-learning-summary.yaml:2: warning: draft: draft record awaiting checking" in out
    assert load_corpus(tmp_corpus).get("leeds-child-t-learning-summary") is not None
    assert main(["--corpus", str(tmp_corpus), "validate", "--strict"]) == 1
