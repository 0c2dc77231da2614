"""`scrbrowse export`: stdout, files, refusal to overwrite, unknown ids."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from scrbrowse.cli import main

DOC = "hampshire-child-k-learning-summary"


def test_markdown_to_stdout_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", DOC]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Learning Summary Child K SCR")
    assert (Path(__file__).parent / "golden" / f"{DOC}.md").read_text() == out


@pytest.mark.parametrize("fmt", ["txt", "html"])
def test_formats_to_stdout(capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    assert main(["export", DOC, "--format", fmt]) == 0
    out = capsys.readouterr().out
    assert (Path(__file__).parent / "golden" / f"{DOC}.{fmt}").read_text() == out


def test_to_file_infers_format_and_refuses_overwrite(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "child-s.html"
    assert main(["export", "child-s-learning-briefing", "-o", str(target)]) == 0
    captured = capsys.readouterr()
    assert "wrote" in captured.out and "restricted" in captured.err
    first = target.read_text()
    assert first.startswith("<!DOCTYPE html>") and "PROFESSIONALS ONLY" in first

    target.write_text("my own notes")
    assert main(["export", "child-s-learning-briefing", "-o", str(target)]) == 1
    err = capsys.readouterr().err
    assert "already exists" in err and "--force" in err
    assert target.read_text() == "my own notes"

    assert main(["export", "child-s-learning-briefing", "-o", str(target), "--force"]) == 0
    assert target.read_text() == first


def test_unknown_document_lists_close_matches(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "hampshire-child-k-learning-sumary"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "no document 'hampshire-child-k-learning-sumary'" in captured.err
    assert "did you mean: hampshire-child-k-learning-summary" in captured.err


def test_unknown_document_without_close_match_lists_ids(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "zzz"]) == 1
    assert "child-s-learning-briefing" in capsys.readouterr().err


def test_hostile_id_is_shown_safely(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "x\x1b]52;c;aGk=\x07y"]) == 1
    assert "\x1b" not in capsys.readouterr().err


def test_unwritable_folder_is_a_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", DOC, "-o", str(tmp_path / "missing" / "x.md")]) == 1
    assert "could not write" in capsys.readouterr().err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_force_never_replaces_a_fifo(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fifo = tmp_path / "out.md"
    os.mkfifo(fifo)
    assert main(["export", "child-s-learning-briefing", "-o", str(fifo), "--force"]) == 1
    err = capsys.readouterr().err
    assert "is a named pipe (FIFO)" in err and "regular file" in err
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
