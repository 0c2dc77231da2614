"""The disk filling up while the index is being built: the app still opens and tells the user."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from whoosh.filedb.filestore import FileStorage

from scrbrowse.search.api import SearchRequest
from scrbrowse.search.engine import SearchEngine


class _FullDisk:
    """A file that takes a little data and then reports ENOSPC, as a filling disk does."""

    budget = 4096

    def __init__(self, inner: Any) -> None:
        self._inner = inner

    def write(self, data: bytes) -> int:
        _FullDisk.budget -= len(data)
        if _FullDisk.budget < 0:
            raise OSError(28, "No space left on device")
        return int(self._inner.write(data))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


def test_disk_full_while_building(monkeypatch: pytest.MonkeyPatch, bundled_corpus_dir: Path,
                                  tmp_path: Path) -> None:
    real_create = FileStorage.create_file

    def create_file(self: FileStorage, name: str, **kwargs: Any) -> Any:
        f = real_create(self, name, **kwargs)
        f.file = _FullDisk(f.file)
        return f

    monkeypatch.setattr(FileStorage, "create_file", create_file)
    engine = SearchEngine.open(bundled_corpus_dir, tmp_path / "index")  # must not raise
    try:
        assert any("No space left on device" in m for m in engine.status.messages), engine.status.messages
        assert not any("Traceback" in m for m in engine.status.messages)
        assert all("\n" not in m for m in engine.status.messages)  # one line each
        result = engine.search(SearchRequest("overlaying"))
        assert result.hits and result.hits[0].doc_id == "hampshire-child-k-learning-summary"
    finally:
        engine.close()


    # Once there is space again, the next launch (a new process, as a real restart is) builds a proper
    # index on disk.
    code = ("import sys; from scrbrowse.search.engine import SearchEngine; "
            f"e = SearchEngine.open({str(bundled_corpus_dir)!r}, {str(tmp_path / 'index')!r}); "
            "print(e.status.location, e.status.messages); sys.exit(0 if e.status.location != 'memory' else 1)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
