"""Hostile text: markup, escape sequences and control characters in corpus records never act.

The fixture record `tests/fixtures/hostile-record.yaml` carries Rich/Textual markup, OSC 52 clipboard
writes, OSC 8 links, CSI screen clears, bell, backspace and bidi overrides. Every command's output and
every export must show the markup literally and carry none of the control sequences.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from scrbrowse.cli import main
from scrbrowse.corpus import load_corpus

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "hostile-record.yaml"
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture
def hostile_corpus(tmp_corpus: Path) -> Path:
    shutil.copy(FIXTURE, tmp_corpus / "hostile.yaml")
    big = tmp_corpus / "big.yaml"
    # A very large field (150k characters) in an otherwise ordinary record.
    big.write_text(
        "schema_version: 1\nid: big-record\ntitle: Big record\ndoc_type: learning-summary\nsource: big.txt\n"
        "review: {id: big-review, child: Child B, area: Bigshire, review_type: scr}\n"
        "themes: [neglect]\nagencies: [police]\n"
        "learning_points:\n  - id: lp-1\n    text: \"" + ("neglect and more words " * 6500) + "\"\n",
        encoding="utf-8")
    return tmp_corpus


def assert_clean(text: str) -> None:
    bad = CONTROL.findall(text.replace("\n", "").replace("\t", ""))
    assert not bad, f"control characters in output: {sorted(set(bad))!r}"
    assert "\x1b" not in text


def test_hostile_record_loads_with_warnings_not_errors(hostile_corpus: Path) -> None:
    corpus = load_corpus(hostile_corpus)
    assert "hostile-markup-test" in corpus.documents and "big-record" in corpus.documents
    doc = corpus.documents["hostile-markup-test"]
    assert doc.title.startswith("[b]Bold[/b] [@click=app.quit]Quit[/]")  # markup kept, literally
    for p in doc.passages():
        assert_clean(p.text)
    warnings = [p for p in corpus.problems if p.file.endswith("hostile.yaml")]
    assert warnings and all("control characters" in p.message for p in warnings)


@pytest.mark.parametrize("argv", [
    ["search", "neglect"],
    ["search", "neglect", "--json"],
    ["search", "[b]Bold"],
    ["search", "\x1b[31mneglect"],
    ["questions", "--theme", "neglect"],
    ["questions", "--json"],
    ["export", "hostile-markup-test", "--format", "md"],
    ["export", "hostile-markup-test", "--format", "txt"],
    ["export", "hostile-markup-test", "--format", "html"],
    ["validate"],
])
def test_cli_output_is_literal_and_clean(hostile_corpus: Path, tmp_path: Path, argv: list[str],
                                         capsys: pytest.CaptureFixture[str]) -> None:
    main(["--corpus", str(hostile_corpus), "--index", str(tmp_path / "ix"), *argv])
    out, err = capsys.readouterr()
    assert_clean(out)
    assert_clean(err)
    if argv[0] == "export" or argv == ["search", "neglect"]:
        assert "@click=app.quit" in out  # the markup is shown as text (escaped for the format), not dropped


def test_html_export_escapes_hostile_markup(hostile_corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "h.html"
    assert main(["--corpus", str(hostile_corpus), "export", "hostile-markup-test", "--format", "html",
                 "-o", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img" not in html
    assert 'href="javascript' not in html
    assert_clean(html)
