"""`scrbrowse pack ...` through the real entry point."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scrbrowse.cli import main
from scrbrowse.packs import PackStore


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def built(capsys: pytest.CaptureFixture[str]) -> PackStore:
    assert run(capsys, "pack", "create", "Safe sleep", "--title", "Safe sleep: Sam")[0] == 0
    assert run(capsys, "pack", "add", "safe-sleep", "child-s-learning-briefing", "q-1",
               "--note", "ask about dad")[0] == 0
    assert run(capsys, "pack", "add", "safe-sleep", "hampshire-child-k-learning-summary",
               "lp-6")[0] == 0
    return PackStore()


def test_create_add_show(built: PackStore, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "pack", "show", "safe-sleep")
    assert code == 0
    assert "Safe sleep: Sam" in out
    assert "1. Question 1 — Child S (area not stated)   [PROFESSIONALS ONLY]" in out
    assert "2. Learning point — Child K (Hampshire)" in out
    assert "Notes: ask about dad" in out


def test_add_twice_and_unknown_item(built: PackStore, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "pack", "add", "safe-sleep", "child-s-learning-briefing", "q-1")
    assert code == 0 and "already in" in out
    code, _, err = run(capsys, "pack", "add", "safe-sleep", "child-s-learning-briefing", "q-99")
    assert code == 1 and "has no item 'q-99'" in err
    code, _, err = run(capsys, "pack", "add", "safe-sleep", "child-s-learning", "q-1")
    assert code == 1 and "did you mean: child-s-learning-briefing" in err
    assert len(built.load("safe-sleep").pack.items) == 2  # type: ignore[union-attr]


def test_list(built: PackStore, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "pack", "list")
    assert code == 0 and "safe-sleep" in out and "2 items" in out and "restricted" in out
    code, out, _ = run(capsys, "pack", "list", "--json")
    data = json.loads(out)
    assert [p["name"] for p in data["packs"]] == ["safe-sleep"]


def test_show_json(built: PackStore, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "pack", "show", "safe-sleep", "--json")
    data = json.loads(out)
    assert data["name"] == "safe-sleep" and len(data["items"]) == 2
    assert data["items"][0]["restriction"]["level"] == "professionals-only"
    assert out.isascii()


@pytest.mark.parametrize("fmt", ["md", "txt", "html"])
def test_export_to_stdout(built: PackStore, capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    code, out, err = run(capsys, "pack", "export", "safe-sleep", "--format", fmt)
    assert code == 0 and "PROFESSIONALS ONLY" in out and "restricted items" in err


def test_export_refuses_to_overwrite(built: PackStore, tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "session.html"
    assert run(capsys, "pack", "export", "safe-sleep", "-o", str(target))[0] == 0
    assert target.read_text().startswith("<!DOCTYPE html>")
    target.write_text("keep me")
    code, _, err = run(capsys, "pack", "export", "safe-sleep", "-o", str(target))
    assert code == 1 and "already exists" in err and target.read_text() == "keep me"
    assert run(capsys, "pack", "export", "safe-sleep", "-o", str(target), "--force")[0] == 0
    assert "PROFESSIONALS ONLY" in target.read_text()


def test_unknown_pack(built: PackStore, capsys: pytest.CaptureFixture[str]) -> None:
    for action in ("show", "export"):
        code, out, err = run(capsys, "pack", action, "safe-slep")
        assert code == 1 and out == ""
        assert "no pack called 'safe-slep'" in err and "Did you mean: safe-sleep?" in err


def test_damaged_pack_is_reported_not_a_traceback(built: PackStore,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    built.path("safe-sleep").write_bytes(b"title: [broken\n")
    code, out, err = run(capsys, "pack", "show", "safe-sleep")
    assert code == 0  # recovered from the backup (one item: the state before the second add)
    assert "could not be opened" in err and "kept as" in err and "Traceback" not in err
    assert "1. Question 1" in out
    built.backup_path("safe-sleep").write_bytes(b"\x00")
    built.path("safe-sleep").write_bytes(b"title: [broken again\n")
    code, out, err = run(capsys, "pack", "show", "safe-sleep")
    assert code == 1 and "cannot be recovered automatically" in err


def test_delete_needs_confirmation(built: PackStore, capsys: pytest.CaptureFixture[str],
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    code, _, err = run(capsys, "pack", "delete", "safe-sleep")
    assert code == 1 and "--yes" in err and built.exists("safe-sleep")

    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt: "n")
    code, out, _ = run(capsys, "pack", "delete", "safe-sleep")
    assert code == 1 and "not deleted" in out and built.exists("safe-sleep")

    prompts: list[str] = []

    def answer_yes(prompt: str) -> str:
        prompts.append(prompt)
        return "y"

    monkeypatch.setattr("builtins.input", answer_yes)
    code, out, _ = run(capsys, "pack", "delete", "safe-sleep")
    assert code == 0 and "trash" in out and not built.exists("safe-sleep")
    assert prompts == ["Move pack 'safe-sleep' (2 items) to the trash? [y/N] "]
    assert list(built.trash.iterdir())


def test_delete_yes_and_unknown(built: PackStore, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "pack", "delete", "nope", "--yes")[0] == 1
    assert run(capsys, "pack", "delete", "safe-sleep", "--yes")[0] == 0
    assert not built.exists("safe-sleep")


def test_rename_and_bad_names(built: PackStore, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "pack", "rename", "safe-sleep", "sleep-2", "--title", "Two")[0] == 0
    assert built.load("sleep-2").pack.title == "Two"  # type: ignore[union-attr]
    code, _, err = run(capsys, "pack", "create", "../evil")
    assert code == 1 and "must not contain" in err


def test_empty_list(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "pack", "list")
    assert code == 0 and "No packs yet" in out


def test_current_flag(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "pack", "create", "today", "--current")[0] == 0
    assert PackStore().current() == "today"
    assert "* today" in run(capsys, "pack", "list")[1]
