"""Issue 16 item 14 (index half): the index holds the full text of restricted documents, so its
folder is owner-only (0700) and its files 0600, however they were made (Whoosh creates its own
files with the default mode) and for indexes made before this rule too."""

from __future__ import annotations

import os
import shutil
import stat
import sys
from pathlib import Path

import pytest

from scrbrowse.search.engine import SearchEngine

CORPUS = Path(__file__).resolve().parents[2] / "corpus"

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes only")


def loose(index: Path) -> list[str]:
    """Everything in the index that others could read or enter."""
    out = []
    for root, dirs, files in os.walk(index):
        for name in [*dirs, *files, ""]:
            path = Path(root, name)
            mode = stat.S_IMODE(path.lstat().st_mode)
            if mode & 0o077:
                out.append(f"{path.relative_to(index.parent)} {mode:o}")
    return out


def test_index_is_owner_only_after_build_and_update(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    index = tmp_path / "index"
    old_umask = os.umask(0o022)  # the usual default, which made the index world-readable
    try:
        SearchEngine.open(corpus, index).close()
        assert loose(index) == []
        path = next(p for p in corpus.glob("*.yaml") if p.name != "taxonomy.yaml")
        path.write_text(path.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
        engine = SearchEngine.open(corpus, index)
        assert engine.status.updated
        engine.close()
        assert loose(index) == []
    finally:
        os.umask(old_umask)


def test_an_index_made_before_is_made_owner_only(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    index = tmp_path / "index"
    SearchEngine.open(corpus, index).close()
    for root, dirs, files in os.walk(index):
        for name in dirs:
            Path(root, name).chmod(0o755)
        for name in files:
            Path(root, name).chmod(0o644)
    index.chmod(0o755)
    SearchEngine.open(corpus, index).close()  # nothing to update: still tightened
    assert loose(index) == []


def test_other_files_in_a_chosen_index_folder_are_left_alone(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    index = tmp_path / "index"
    index.mkdir()
    mine = index / "notes.txt"
    mine.write_text("not part of the index\n")
    mine.chmod(0o644)
    SearchEngine.open(corpus, index).close()
    assert stat.S_IMODE(mine.stat().st_mode) == 0o644
    assert [p for p in loose(index) if "notes.txt" not in p] == []
