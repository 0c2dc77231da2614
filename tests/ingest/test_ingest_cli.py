"""`scrbrowse ingest`: per-file lines, the summary, exit status, and handing new drafts to the index."""

from __future__ import annotations

import sys
import types
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from scrbrowse.cli import main
from scrbrowse.search.api import IndexStatus

GOOD = "Learning Summary Child J\n\nLearning points\n\n- Always see the baby.\n- Ask who lives there.\n"


@pytest.fixture
def good(tmp_path: Path) -> Path:
    p = tmp_path / "j.txt"
    p.write_text(GOOD, encoding="utf-8")
    return p


@dataclass
class _Engine:
    status: IndexStatus


class _FakeEngineModule(types.ModuleType):
    """Stands in for scrbrowse.search.engine (another module's work) and records how it was used."""

    def __init__(self, fail: bool = False) -> None:
        super().__init__("scrbrowse.search.engine")
        self.calls: list[tuple[Path, Path | None]] = []
        fake = self

        class SearchEngine:
            @staticmethod
            def open(corpus_dir: Path, index_dir: Path | None) -> _Engine:
                fake.calls.append((corpus_dir, index_dir))
                if fail:
                    raise RuntimeError("index locked")
                return _Engine(IndexStatus(location="/idx", documents=6,
                                           updated=("child-j-learning-summary.yaml",)))

        self.SearchEngine = SearchEngine


@pytest.fixture
def engine(monkeypatch: pytest.MonkeyPatch) -> _FakeEngineModule:
    module = _FakeEngineModule()
    monkeypatch.setitem(sys.modules, "scrbrowse.search.engine", module)
    return module


def test_ingest_writes_into_the_corpus_and_updates_the_index(
        out_dir: Path, good: Path, engine: _FakeEngineModule, capsys: pytest.CaptureFixture[str]) -> None:
    rc = main(["--corpus", str(out_dir), "--index", str(out_dir.parent / "idx"), "ingest", str(good)])
    out = capsys.readouterr().out
    assert rc == 0
    record = out_dir / "child-j-learning-summary.yaml"
    assert record.is_file()
    lines = out.splitlines()
    assert lines[0].startswith(f"{good}: wrote {record} (2 learning points, 0 questions; ")
    assert "ingest: 1 written, 0 skipped" in out
    assert engine.calls == [(out_dir, out_dir.parent / "idx")]
    assert lines[-1] == "index: 6 documents in /idx; re-indexed 1 file"


def test_failures_are_listed_and_set_the_exit_status(
        out_dir: Path, good: Path, tmp_path: Path, engine: _FakeEngineModule,
        capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    rc = main(["--corpus", str(out_dir), "ingest", str(empty), str(good), str(tmp_path / "nope.docx")])
    out = capsys.readouterr().out
    assert rc == 1
    assert f"{empty}: skipped: the file is empty" in out
    assert "ingest: 1 written, 2 skipped" in out
    assert f"  skipped {empty}: the file is empty" in out
    assert f"  skipped {tmp_path / 'nope.docx'}: file not found" in out
    assert (out_dir / "child-j-learning-summary.yaml").is_file()


def test_existing_record_needs_force(out_dir: Path, good: Path, engine: _FakeEngineModule,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--corpus", str(out_dir), "ingest", str(good)]) == 0
    capsys.readouterr()
    assert main(["--corpus", str(out_dir), "ingest", str(good)]) == 1
    out = capsys.readouterr().out
    assert "(made from a file with the same content); use --force to make the draft again" in out
    assert main(["--corpus", str(out_dir), "ingest", "--force", str(good)]) == 0
    assert f"{good}: replaced {out_dir / 'child-j-learning-summary.yaml'}" in capsys.readouterr().out


def test_dry_run_writes_nothing_and_leaves_the_index(
        out_dir: Path, good: Path, engine: _FakeEngineModule, capsys: pytest.CaptureFixture[str]) -> None:
    rc = main(["--corpus", str(out_dir), "ingest", "--dry-run", str(good)])
    out = capsys.readouterr().out
    assert rc == 0
    assert f"{good}: would write {out_dir / 'child-j-learning-summary.yaml'}" in out
    assert "(dry run: nothing was written)" in out
    assert sorted(p.name for p in out_dir.iterdir()) == ["taxonomy.yaml"]
    assert engine.calls == []


def test_out_folder_other_than_the_corpus(out_dir: Path, good: Path, tmp_path: Path,
                                          engine: _FakeEngineModule,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    elsewhere = tmp_path / "drafts"
    rc = main(["--corpus", str(out_dir), "ingest", "--out", str(elsewhere), str(good)])
    out = capsys.readouterr().out
    assert rc == 0
    assert (elsewhere / "child-j-learning-summary.yaml").is_file()
    assert not (out_dir / "child-j-learning-summary.yaml").exists()
    assert engine.calls == []
    assert f"index: not updated: {elsewhere} is not the corpus in use" in out


def test_without_a_search_engine_the_drafts_are_still_written(
        out_dir: Path, good: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setitem(sys.modules, "scrbrowse.search.engine", None)  # import raises ImportError
    assert main(["--corpus", str(out_dir), "ingest", str(good)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == (
        "index: it will pick up the new drafts the next time the app or a search opens it")


def test_an_index_failure_is_one_line_not_a_traceback(
        out_dir: Path, good: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setitem(sys.modules, "scrbrowse.search.engine", _FakeEngineModule(fail=True))
    assert main(["--corpus", str(out_dir), "ingest", str(good)]) == 0
    captured = capsys.readouterr()
    assert captured.out.splitlines()[-1] == (
        "index: not updated now (RuntimeError); it catches up the next time the app or a search "
        "opens it")
    assert "Traceback" not in captured.out + captured.err


def test_help_lists_the_options(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["ingest", "--help"])
    out: Any = capsys.readouterr().out
    for option in ("--out DIR", "--force", "--dry-run", "PATH"):
        assert option in out


def test_the_real_engine_picks_up_new_drafts(tmp_corpus: Path, good: Path, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    """With the search engine present, only the new file is indexed and it is found at once."""
    engine_module = pytest.importorskip("scrbrowse.search.engine")
    index = tmp_path / "idx"
    engine_module.SearchEngine.open(tmp_corpus, index).close()  # built before the ingest
    assert main(["--corpus", str(tmp_corpus), "--index", str(index), "ingest", str(good)]) == 0
    last = capsys.readouterr().out.splitlines()[-1]
    assert last.startswith(f"index: 6 documents in {index}")
    engine = engine_module.SearchEngine.open(tmp_corpus, index)
    try:
        assert engine.status.updated == ()  # nothing left to do: ingest already indexed it
        assert engine.document("child-j-learning-summary") is not None
    finally:
        engine.close()
