"""One sanitiser before every terminal (issue 16 item 13).

`textsafe` strips escape sequences, C0/C1 controls, bidi controls, zero-width and invisible
fillers (Hangul fillers, soft hyphen, tag characters...) and lone surrogates; every command's
output passes it, including file paths (a corpus folder whose name carries escapes) and JSON.
"""

from __future__ import annotations

import json
import re
import shutil
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scrbrowse.cli import main
from scrbrowse.textsafe import clean, clean_data, one_line, terminal_text

# Defined here independently of textsafe: the characters that must never reach a terminal.
BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
INVISIBLE = set("\u115f\u1160\u3164\uffa0\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064"
                "\ufeff\u00ad\u034f\u180e\u2028\u2029") | {chr(c) for c in range(0xE0000, 0xE0080)}
HOSTILE = sorted(BIDI | INVISIBLE | {"\x1b", "\x9b", "\x9d", "\x90", "\x07", "\x08", "\r", "\x00",
                                     "\x7f", "\x85", chr(0xD800), chr(0xDCFF), "\ue000"})


def forbidden(text: str, *, newlines: bool = True) -> list[str]:
    allowed = {"\n", "\t"} if newlines else set()
    return sorted({ch for ch in text if ch not in allowed and (
        ch in BIDI or ch in INVISIBLE or unicodedata.category(ch) in ("Cc", "Cs"))})


hostile_text = st.text(st.one_of(st.characters(), st.sampled_from(HOSTILE)), max_size=200)


@settings(max_examples=400, deadline=None)
@given(hostile_text)
def test_the_sanitiser_leaves_none_of_the_classes(text: str) -> None:
    assert forbidden(clean(text)) == []
    assert forbidden(one_line(text), newlines=False) == []
    assert forbidden(terminal_text(text).lstrip("\r")) == []
    assert "\x1b" not in clean(text) and "\x9b" not in clean(text)
    # Cleaning is stable: what is shown once is shown the same way again.
    assert clean(clean(text)) == clean(text)


@settings(max_examples=200, deadline=None)
@given(st.lists(hostile_text, max_size=5))
def test_the_stream_guard_holds_however_output_is_split(chunks: list[str]) -> None:
    out = "".join(terminal_text(c) for c in chunks)
    assert forbidden(out.replace("\r", "")) == []


def test_ordinary_text_is_kept() -> None:
    text = "Zoë’s health visitor — “didn’t” see 3 of 4 visits; Ångström, naïve, 日本語, 🙂\n\tok"
    assert clean(text) == text


@pytest.mark.parametrize(("text", "shown"), [
    ("a\u115fb\u3164c\u200bd\U000e0041e\u00adf", "abcdef"),
    ("2019\x9b31m-02\u202e", "2019-02"),
    ("x\x9d8;;https://e.invalid\x9cy", "xy"),
    ("name\udcff.txt", "name\ufffd.txt"),
    ("over\rwrite", "over\nwrite"),
])
def test_examples(text: str, shown: str) -> None:
    assert clean(text) == shown


def test_clean_data_cleans_keys_and_values() -> None:
    assert clean_data({"a\u202e": ["b\x9b1m", 3, None, {"c": "d\u200b"}]}) == \
        {"a": ["b", 3, None, {"c": "d"}]}


# -- through the command line

FOLDER = "corpus \x1b]52;c;cHduZWQ=\x07\x9b2J\u202eevil\u202c\u115f\u200b\U000e0041\u00ad\udcff"
RECORD = r"""schema_version: 1
id: hostile-values
title: "Title \x9b31m with \u202e bidi and \u115f\u3164 fillers \U000E0041 tags"
doc_type: learning-briefing
published: "2020\x9b31m\u202e-01\x9d0;pwned\x07"
source: hostile.txt
review:
  id: hostile-values-review
  child: "Child \u200bZ"
  area: "Area\u00adshire"
  review_type: scr
themes: [neglect, "unknown\x9b2J\u202etheme\U000E0062"]
agencies: ["police\x9d8;;x\x9c"]
learning_points:
  - id: lp-1
    text: "Text with \x9b and \u2066isolate\u2069 and soft\u00adhyphen"
"""


@pytest.fixture
def hostile_corpus(tmp_path: Path, bundled_corpus_dir: Path) -> Path:
    folder = tmp_path / FOLDER
    try:
        shutil.copytree(bundled_corpus_dir, folder)
    except (OSError, UnicodeEncodeError) as exc:
        pytest.skip(f"this file system does not take such a folder name: {exc}")
    (folder / "hostile.yaml").write_text(RECORD, encoding="utf-8")
    return folder


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def assert_safe(*texts: str) -> None:
    for text in texts:
        assert "\x1b" not in text
        assert forbidden(text) == [], forbidden(text)


@pytest.mark.parametrize("argv", [
    ["validate"],
    ["validate", "--json"],
    ["export", "hostile-values"],
    ["export", "hostile-values", "--format", "txt"],
    ["export", "no-such-document"],
    ["questions", "--json"],
    ["themes"],
    ["themes", "--json"],
])
def test_hostile_folder_and_values_never_reach_the_terminal(
        hostile_corpus: Path, argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    _, out, err = run(capsys, "--corpus", str(hostile_corpus), *argv)
    assert_safe(out, err)
    assert "details were written to" not in err  # no unexpected error (e.g. an odd file name)
    if "--json" in argv:
        json.loads(out)
    elif argv == ["validate"]:
        assert "documents loaded from" in out
    elif "no-such-document" in argv:
        assert "no document 'no-such-document' in" in err


def test_validate_shows_the_folder_and_problems_cleaned(
        hostile_corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "--corpus", str(hostile_corpus), "validate")
    assert "corpus ]52;c;cHduZWQ=evil" not in out  # the OSC sequence is gone as a whole
    assert "corpus evil\ufffd" in out
    assert "unknowntheme" in out  # the tag value is named, cleaned
    _, out, _ = run(capsys, "--corpus", str(hostile_corpus), "validate", "--json")
    data = json.loads(out)
    assert data["corpus"].endswith("corpus evil\ufffd")
    messages = " ".join(p["message"] + " " + p["file"] for p in data["problems"])
    assert "unknowntheme" in messages
    assert_safe(messages)


def test_export_to_a_file_in_the_hostile_folder(hostile_corpus: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    target = hostile_corpus / "out\u202e.md"
    code, out, err = run(capsys, "--corpus", str(hostile_corpus), "export", "hostile-values",
                         "-o", str(target))
    assert code == 0 and target.exists()
    assert_safe(out, err)
    code, out, err = run(capsys, "--corpus", str(hostile_corpus), "export", "hostile-values",
                         "-o", str(target))
    assert code == 1 and "already exists" in err
    assert_safe(out, err)


def test_search_json_with_a_hostile_folder(hostile_corpus: Path, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--corpus", str(hostile_corpus), "--index",
                         str(tmp_path / "ix"), "search", "isolate", "--json")
    assert code == 0
    assert_safe(out, err)
    assert json.loads(out)["total"] >= 1


def test_pack_commands_with_a_hostile_data_folder(tmp_path: Path, bundled_corpus_dir: Path,
                                                  monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / ("data \x1b[2J\u202e\u200b" + "\udcff")
    try:
        data.mkdir()
    except (OSError, UnicodeEncodeError) as exc:
        pytest.skip(f"this file system does not take such a folder name: {exc}")
    monkeypatch.setenv("SCRBROWSE_DATA_DIR", str(data))
    corpus = ["--corpus", str(bundled_corpus_dir)]
    for argv in (["pack", "create", "Safe sleep", "--title", "T\x9b2J\u202eitle\u3164"],
                 ["pack", "add", "safe-sleep", "child-s-learning-briefing", "q-1",
                  "--note", "n\x9d0;x\x07ote\u00ad"],
                 ["pack", "list"], ["pack", "list", "--json"], ["pack", "show", "safe-sleep"],
                 ["pack", "show", "safe-sleep", "--json"], ["pack", "delete", "safe-sleep", "-y"]):
        code, out, err = run(capsys, *corpus, *argv)
        assert code == 0, err
        assert_safe(out, err)


def test_an_unexpected_error_quoting_a_hostile_value_is_cleaned(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import scrbrowse.cli.index as index

    def boom(*_: object, **__: object) -> None:
        raise RuntimeError("bad value \x9b2J\u202e\x1b]0;title\x07 here")

    monkeypatch.setattr(index, "open_engine", boom)  # what `scrbrowse themes` calls first
    code, out, err = run(capsys, "themes")
    assert code == 1 and "bad value" in err
    assert_safe(out, err)


def test_json_is_ascii_only() -> None:
    # Belt and braces: even a character the cleaning does not know is a \u escape in JSON.
    import contextlib
    import io

    from scrbrowse.cli.context import print_json

    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        print_json({"x": "ok \u0600 \U0001f642"})
    assert buf.getvalue().isascii()
    assert re.search(r"\\u0600", buf.getvalue())
