"""The config file: read defensively, written atomically with a backup, private to the user."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scrbrowse import yamlio
from scrbrowse.config import Config, config_path, load_config, save_config


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_defaults_when_there_is_no_file() -> None:
    cfg = load_config()
    assert cfg.theme is None and cfg.bindings == {} and cfg.problems == []


def test_round_trip_is_private_and_keeps_a_backup() -> None:
    path = save_config(Config(theme="textual-light", bindings={"quit": "q,ctrl+q"}))
    assert path == config_path()
    assert mode(path) == 0o600
    assert load_config().theme == "textual-light"
    save_config(Config(theme="textual-dark"))
    backup = path.with_name("config.yaml.bak")
    assert mode(backup) == 0o600
    assert "textual-light" in backup.read_text(encoding="utf-8")
    assert load_config().theme == "textual-dark"


def test_a_crash_mid_write_leaves_the_old_file(monkeypatch: pytest.MonkeyPatch) -> None:
    path = save_config(Config(theme="textual-light"))

    real_fsync = os.fsync
    crashing = True

    def crash(fd: int) -> None:
        if crashing:
            raise OSError(28, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(yamlio.os, "fsync", crash)
    with pytest.raises(OSError):
        save_config(Config(theme="textual-dark"))
    crashing = False
    assert load_config().theme == "textual-light"
    leftovers = [p.name for p in path.parent.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []


@pytest.mark.parametrize(("text", "expected"), [
    ("theme: [unclosed\n", "YAML syntax error"),
    ("- a list\n", "the config must be a mapping"),
    ("colour: red\n", "unknown setting 'colour' (ignored)"),
    ("bindings: q\n", "must be a mapping of binding id to keys (ignored)"),
    ("theme: 3\n", "must be text (ignored)"),
])
def test_a_broken_file_is_reported_not_replaced(text: str, expected: str) -> None:
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    cfg = load_config()
    assert cfg.problems, "a problem must be reported"
    message = cfg.problems[0].format()
    assert expected in message
    assert message.startswith(str(path))
    assert path.read_text(encoding="utf-8") == text  # loading never rewrites the user's file


def test_binary_config_is_reported() -> None:
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\x00\xff\x00")
    cfg = load_config()
    assert "looks binary" in cfg.problems[0].message


def test_corpus_from_config_is_the_default(tmp_corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from scrbrowse.cli import main

    save_config(Config(corpus=str(tmp_corpus)))
    assert main(["validate"]) == 0
    assert str(tmp_corpus) in capsys.readouterr().out


def test_new_file_is_not_world_readable_even_with_a_loose_umask() -> None:
    old = os.umask(0o000)
    try:
        path = save_config(Config(theme="textual-dark"))
    finally:
        os.umask(old)
    assert mode(path) == 0o600


COMMENTED = """\
# My scrbrowse settings: the team's shared corpus, and keys I'm used to.
theme: textual-dark   # dark in the supervision room
corpus: /srv/reviews  # ask Sam before moving this

# Keys
bindings:
  quit: "q,ctrl+q"    # I press ctrl+q by habit
  help: f1
"""


def test_changing_the_theme_keeps_the_users_comments_and_backup() -> None:
    """Issue 16 item 6: the app's theme change edits only the theme line."""
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(COMMENTED, encoding="utf-8")
    cfg = load_config()
    cfg.theme = "textual-light"
    save_config(cfg)
    assert path.read_text(encoding="utf-8") == COMMENTED.replace(
        "theme: textual-dark   #", "theme: textual-light   #")
    assert path.with_name("config.yaml.bak").read_text(encoding="utf-8") == COMMENTED
    # A second change: the backup is the commented file before it, never a rewritten one.
    cfg.theme = "scrbrowse-high-contrast"
    save_config(cfg)
    backup = path.with_name("config.yaml.bak").read_text(encoding="utf-8")
    assert "# ask Sam before moving this" in backup and "theme: textual-light" in backup
    assert "# I press ctrl+q by habit" in path.read_text(encoding="utf-8")
    assert mode(path) == 0o600
    again = load_config()
    assert again.theme == "scrbrowse-high-contrast" and again.corpus == "/srv/reviews"
    assert again.bindings == {"quit": "q,ctrl+q", "help": "f1"}


def test_a_new_setting_is_added_without_touching_the_rest() -> None:
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    text = COMMENTED.replace("theme: textual-dark   # dark in the supervision room\n", "")
    path.write_text(text, encoding="utf-8")
    cfg = load_config()
    cfg.theme = "textual-light"
    cfg.bindings["focus_search"] = "/"
    cfg.bindings["quit"] = "ctrl+q"
    save_config(cfg)
    new = path.read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.startswith("#") or "ask Sam" in line:
            assert line in new
    assert '  quit: ctrl+q    # I press ctrl+q by habit' in new
    again = load_config()
    assert again.problems == []
    assert (again.theme, again.corpus) == ("textual-light", "/srv/reviews")
    assert again.bindings == {"quit": "ctrl+q", "help": "f1", "focus_search": "/"}


def test_a_setting_edited_by_hand_meanwhile_is_not_put_back() -> None:
    """Only what the program changed is written: a corpus line edited while the app ran stays."""
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(COMMENTED, encoding="utf-8")
    cfg = load_config()
    path.write_text(COMMENTED.replace("/srv/reviews", "/srv/new-reviews"), encoding="utf-8")
    cfg.theme = "textual-light"
    save_config(cfg)
    again = load_config()
    assert (again.theme, again.corpus) == ("textual-light", "/srv/new-reviews")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(theme=st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1,
                     max_size=30))
def test_any_theme_value_round_trips_and_keeps_comments(theme: str) -> None:
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(COMMENTED, encoding="utf-8")
    cfg = load_config()
    cfg.theme = theme
    save_config(cfg)
    again = load_config()
    assert again.problems == []
    assert again.theme == theme and again.corpus == "/srv/reviews"
    text = path.read_text(encoding="utf-8")
    assert "# ask Sam before moving this" in text and "# Keys" in text


def test_a_windows_file_keeps_its_line_endings_and_byte_order_mark() -> None:
    """Notepad writes CRLF (and, in older versions, a BOM): the edit keeps both, byte for byte."""
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    original = ("\ufeff" + COMMENTED.replace("\n", "\r\n")).encode("utf-8")
    path.write_bytes(original)
    cfg = load_config()
    assert cfg.theme == "textual-dark" and cfg.problems == []
    cfg.theme = "textual-light"
    save_config(cfg)
    assert path.read_bytes() == original.replace(b"theme: textual-dark ", b"theme: textual-light ")
    assert path.with_name("config.yaml.bak").read_bytes() == original
