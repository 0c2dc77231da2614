"""Shared fixtures. Every test runs with its own config/data/cache folders, never the user's."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from scrbrowse.corpus import Corpus, load_corpus

ROOT = Path(__file__).resolve().parents[1]
BUNDLED_CORPUS = ROOT / "corpus"
SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    base = tmp_path_factory.mktemp("userdirs")
    for name in ("CONFIG", "DATA", "CACHE"):
        monkeypatch.setenv(f"SCRBROWSE_{name}_DIR", str(base / name.lower()))
    monkeypatch.delenv("SCRBROWSE_CORPUS", raising=False)
    monkeypatch.delenv("SCRBROWSE_INDEX", raising=False)


@pytest.fixture(scope="session")
def bundled_corpus_dir() -> Path:
    return BUNDLED_CORPUS


@pytest.fixture(scope="session")
def corpus() -> Corpus:
    c = load_corpus(BUNDLED_CORPUS)
    assert not c.errors, "\n".join(p.format() for p in c.errors)
    return c


@pytest.fixture
def tmp_corpus(tmp_path: Path) -> Path:
    """A writable copy of the bundled corpus."""
    dest = tmp_path / "corpus"
    shutil.copytree(BUNDLED_CORPUS, dest)
    return dest
