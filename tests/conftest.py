"""Shared fixtures. Every test runs with its own config/data/cache folders, never the user's."""

from __future__ import annotations

import io
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

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


def _dense_pdf(path: Path, pages: int, ops: int = 20_000) -> Path:
    """`pages` pages that all draw one shared, compressed content stream of `ops` text operations:
    small on disk, minutes of work for a reader that parses the stream once per page."""
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter()
    font = DictionaryObject({NameObject("/Type"): NameObject("/Font"),
                             NameObject("/Subtype"): NameObject("/Type1"),
                             NameObject("/BaseFont"): NameObject("/Helvetica")})
    font_ref = writer._add_object(font)
    stream = DecodedStreamObject()
    stream.set_data(b"BT /F1 9 Tf 10 800 Td " + b"(a) Tj 0 0 Td " * ops + b"ET")
    content = writer._add_object(stream.flate_encode())
    resources = DictionaryObject({NameObject("/Font"): DictionaryObject({NameObject("/F1"): font_ref})})
    for _ in range(pages):
        page: Any = writer.add_blank_page(595, 842)
        page[NameObject("/Contents")] = content
        page[NameObject("/Resources")] = resources
    buf = io.BytesIO()
    writer.write(buf)
    path.write_bytes(buf.getvalue())
    return path


@pytest.fixture
def dense_pdf() -> Callable[..., Path]:
    """The crafted PDF of issue 16 item 10, for the ingest limit tests and the app's cancel tests."""
    return _dense_pdf
