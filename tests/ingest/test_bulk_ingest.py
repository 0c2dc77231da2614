"""Bulk ingest of a folder (issue 15 item 4): a progress line on a terminal, a table of every file
(items, tags, problems), and no document ingested twice, with the record it matches named."""

from __future__ import annotations

import io
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scrbrowse.cli import main
from scrbrowse.cli.ingest import table_rows
from scrbrowse.ingest import Outcome, ingest_paths
from scrbrowse.ingest.duplicates import SAME_DOCUMENT, Sketch, jaccard, record_text, shingles
from scrbrowse.taxonomy import Taxonomy
from scrbrowse.yamlio import read_yaml_file

CHILD_J = ("Learning Summary Child J\n\nThames Safeguarding Children Partnership\n\nLearning points\n\n"
           "- Always see the baby and where the baby sleeps.\n- Ask who else lives in the home.\n\n"
           "Reflective questions\n\n1. How do I hear the voice of the child?\n")
CHILD_K = ("Seven Minute Briefing Child K\n\nLearning points\n\n- Share information about domestic "
           "abuse with the school.\n- Record the names of fathers and male carers.\n")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    d = tmp_path / "briefings"
    d.mkdir()
    (d / "child-j.txt").write_text(CHILD_J, encoding="utf-8")
    (d / "child-k.md").write_text(CHILD_K, encoding="utf-8")
    (d / "empty.txt").write_bytes(b"")
    return d


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def no_index(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "scrbrowse.search.engine", None)


def test_a_folder_gives_a_table_of_every_file(folder: Path, out_dir: Path, no_index: None,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    rc = main(["--corpus", str(out_dir), "ingest", str(folder)])
    out = capsys.readouterr().out
    assert rc == 1  # one file was skipped
    table = out[out.index("\nfile "):].strip().splitlines()
    assert table[0].split() == ["file", "items", "tags", "problems"]
    rows = {line.split()[0]: line for line in table[1:4]}
    assert set(rows) == {"child-j.txt", "child-k.md", "empty.txt"}
    record = read_yaml_file(next(out_dir.glob("*child-j*.yaml")))
    tags = len(record["themes"]) + len(record["agencies"])
    assert rows["child-j.txt"].split()[1:3] == ["3", str(tags)]  # 2 learning points + 1 question
    assert rows["child-j.txt"].split()[4:6] == ["to", "check"]
    assert rows["empty.txt"].split()[1:] == ["-", "-", "skipped:", "the", "file", "is", "empty"]
    assert "ingest: 2 written, 1 skipped" in out


def test_nothing_is_ingested_twice_and_the_match_is_named(
        folder: Path, out_dir: Path, tmp_path: Path, taxonomy: Taxonomy) -> None:
    first = ingest_paths([folder], out_dir, taxonomy=taxonomy)
    made = {r.source.name: r.written for r in first if r.ok}
    # The same folder again, plus a renamed copy and a re-saved (different bytes, same words) copy.
    shutil.copy(folder / "child-j.txt", folder / "child-j (1).txt")
    (folder / "child-k-resaved.txt").write_text(CHILD_K.replace("\n", "\r\n"), encoding="utf-8")
    again = ingest_paths([folder], out_dir, taxonomy=taxonomy)
    by_name = {r.source.name: r for r in again}
    for name, original in (("child-j.txt", "child-j.txt"), ("child-j (1).txt", "child-j.txt"),
                           ("child-k.md", "child-k.md"), ("child-k-resaved.txt", "child-k.md")):
        r = by_name[name]
        assert r.outcome is Outcome.EXISTS, (name, r.skipped)
        assert r.written == made[original]
        assert r.skipped is not None and r.skipped.startswith(f"already in the corpus as {made[original]} (")
    assert sorted(p.name for p in out_dir.glob("*.yaml")) == sorted(
        [p.name for p in made.values() if p is not None] + ["taxonomy.yaml"])


def test_duplicates_within_one_batch_are_caught(folder: Path, out_dir: Path, taxonomy: Taxonomy) -> None:
    shutil.copy(folder / "child-j.txt", folder / "child-j-copy.txt")
    results = ingest_paths([folder], out_dir, taxonomy=taxonomy)
    outcomes = {r.source.name: r.outcome for r in results}
    assert outcomes["child-j-copy.txt"] is Outcome.WRITTEN  # sorted first: the copy is the one kept
    assert outcomes["child-j.txt"] is Outcome.EXISTS


def test_progress_goes_to_stderr_only_on_a_terminal(folder: Path, out_dir: Path, no_index: None,
                                                    monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    main(["--corpus", str(out_dir), "ingest", "--dry-run", str(folder)])
    assert capsys.readouterr().err == ""
    tty = _Tty()
    monkeypatch.setattr("sys.stderr", tty)
    main(["--corpus", str(out_dir), "ingest", "--dry-run", str(folder)])
    err = tty.getvalue()
    assert "] 1/3 reading child-j.txt" in err and "] 3/3 reading empty.txt" in err
    assert err.endswith("\r")  # the line is cleared before the results and at the end
    assert "reading" not in capsys.readouterr().out


def test_table_rows_are_plain_one_line_text(tmp_path: Path, out_dir: Path, taxonomy: Taxonomy) -> None:
    evil = tmp_path / "evil\x1b[2J\nname.txt"
    evil.write_bytes(b"")
    rows = table_rows(ingest_paths([evil], out_dir, taxonomy=taxonomy))
    assert rows == [("evil name.txt", "-", "-", "skipped: the file is empty")]


def test_limits_and_links_from_the_command_line(tmp_path: Path, out_dir: Path, no_index: None,
                                                briefing: Any, capsys: pytest.CaptureFixture[str]) -> None:
    b = briefing().title("Learning Briefing Child G").heading("Key learning").para("See the baby.")
    b.new_page().para("More.").new_page().para("Even more.")
    pdf = b.save(tmp_path / "three.pdf")
    assert main(["--corpus", str(out_dir), "ingest", "--max-pages", "2", str(pdf)]) == 1
    out = capsys.readouterr().out
    assert (f"{pdf}: skipped: the PDF has 3 pages; the limit is 2 (ingest the learning summary "
            "rather than the whole report) (raise it with --max-pages if the file is genuine)") in out
    with pytest.raises(SystemExit):
        main(["--corpus", str(out_dir), "ingest", "--max-seconds", "0", str(pdf)])
    assert "--max-seconds: must be more than 0" in capsys.readouterr().err
    link = tmp_path / "link.txt"
    target = tmp_path / "real-notes.txt"
    target.write_text(CHILD_K, encoding="utf-8")
    link.symlink_to(target)
    assert main(["--corpus", str(out_dir), "ingest", str(link)]) == 1
    assert "ingest does not follow links unless asked" in capsys.readouterr().out
    assert main(["--corpus", str(out_dir), "ingest", "--follow-symlinks", str(link)]) == 0

_values = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=200),
                       lambda inner: st.lists(inner, max_size=5)
                       | st.dictionaries(st.text(max_size=10), inner, max_size=5), max_leaves=30)


@given(_values)
def test_any_record_shape_gives_text_without_raising(value: object) -> None:
    sh = shingles(record_text(value))
    assert Sketch.of(sh).estimate(Sketch.of(sh)) == (1.0 if sh else 0.0)


@given(st.lists(st.sampled_from(["see", "the", "baby", "ask", "who", "lives", "home", "father",
                                 "school", "nurse", "neglect", "voice"]), min_size=40, max_size=300))
def test_a_document_always_matches_itself_and_sketches_agree(words: list[str]) -> None:
    text = " ".join(words)
    a = shingles(text)
    assert jaccard(a, a) == 1.0
    assert Sketch.of(a).could_match(Sketch.of(a))
    # One changed word moves at most five phrases: long texts stay near-identical.
    changed = shingles(" ".join(["different", *words[1:]]))
    if len(a) >= 100:
        assert jaccard(a, changed) >= SAME_DOCUMENT - 0.05
