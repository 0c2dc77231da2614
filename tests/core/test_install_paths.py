"""Where an installed copy (not a checkout) reads its corpus and keeps its index (issue 17)."""

from __future__ import annotations

from pathlib import Path

import pytest

from scrbrowse import paths
from scrbrowse.cli import main


def test_a_checkout_keeps_its_index_beside_the_corpus() -> None:
    assert paths.is_checkout()
    assert paths.default_index_dir() == paths.project_root() / "index"
    assert paths.bundled_corpus() == paths.project_root() / "corpus"


def test_an_installed_copy_uses_the_packaged_corpus_and_the_user_cache(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # site-packages/scrbrowse/ two levels under lib/python3.x/: a stray corpus/ there must not count.
    fake_root = tmp_path / "lib"
    (fake_root / "corpus").mkdir(parents=True)
    (fake_root / "corpus" / "taxonomy.yaml").write_text("schema_version: 1\n", encoding="utf-8")
    monkeypatch.setattr(paths, "project_root", lambda: fake_root)
    assert not paths.is_checkout()
    assert paths.default_index_dir() == paths.cache_dir() / "index"
    assert paths.bundled_corpus().name == "_corpus"


def test_paths_command_names_every_location(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["paths"]) == 0
    out = capsys.readouterr().out
    for label in ("corpus", "index", "settings", "session packs", "log file", "source checkout"):
        assert label in out


def test_paths_json(capsys: pytest.CaptureFixture[str]) -> None:
    import json

    assert main(["paths", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {"version", "corpus", "index", "config", "packs", "log"} <= data.keys()
