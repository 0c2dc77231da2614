"""`scrbrowse review FILE` prints what to check (sanitised); `scrbrowse accept FILE` marks it checked,
or refuses and writes nothing while errors remain."""

from __future__ import annotations

from pathlib import Path

import pytest

from scrbrowse.cli import main
from scrbrowse.ingest import Outcome, ingest_file
from scrbrowse.taxonomy import Taxonomy
from scrbrowse.yamlio import dump_yaml, read_yaml_file

BRIEFING = ("Child R Learning Briefing\n\nLearning points\n\n- Always see the baby.\n"
            "- Ask who lives there.\n")


@pytest.fixture
def draft(out_dir: Path, tmp_path: Path, taxonomy: Taxonomy) -> Path:
    source = tmp_path / "r.txt"
    source.write_text(BRIEFING, encoding="utf-8")
    result = ingest_file(source, out_dir, taxonomy=taxonomy)
    assert result.outcome is Outcome.WRITTEN and result.written is not None
    data = read_yaml_file(result.written)
    data["draft"]["suggested_tags"] = {
        "neglect": {"kind": "theme", "confidence": 0.35, "evidence": ["unkempt \x1b[31mred"]}}
    data["draft"]["sources"] = {"lp-1": "line 5"}
    result.written.write_text(dump_yaml(data), encoding="utf-8")
    return result.written


def test_review_prints_checks_tags_and_items_safely(draft: Path, capsys: pytest.CaptureFixture[str],
                                                    out_dir: Path) -> None:
    assert main(["--corpus", str(out_dir), "review", str(draft)]) == 0
    out = capsys.readouterr().out
    assert "To check (" in out
    assert "neglect [theme, confidence 0.35]: unkempt red" in out
    assert "\x1b" not in out
    assert "lp-1 (learning point) [line 5]: Always see the baby." in out
    assert "Validation: no errors" in out


def test_accept_with_a_suggested_tag_marks_the_record_checked(
        draft: Path, capsys: pytest.CaptureFixture[str], out_dir: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("scrbrowse.cli.ingest._update_index", lambda ctx, out: None)
    assert main(["--corpus", str(out_dir), "accept", str(draft), "--accept-suggested", "neglect"]) == 0
    assert "is now a checked record" in capsys.readouterr().out
    data = read_yaml_file(draft)
    assert "draft" not in data and "neglect" in data["themes"]
    assert main(["--corpus", str(out_dir), "accept", str(draft)]) == 1
    assert "already a checked record" in capsys.readouterr().err


def test_accept_refuses_while_errors_remain(draft: Path, capsys: pytest.CaptureFixture[str],
                                            out_dir: Path) -> None:
    data = read_yaml_file(draft)
    data["review"]["review_type"] = "no-such-type"
    draft.write_text(dump_yaml(data), encoding="utf-8")
    before = draft.read_bytes()
    assert main(["--corpus", str(out_dir), "accept", str(draft)]) == 1
    captured = capsys.readouterr()
    assert "nothing was written" in captured.err and "review_type" in captured.out
    assert draft.read_bytes() == before
