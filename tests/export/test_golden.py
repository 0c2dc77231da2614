"""Exports of the real corpus compared byte for byte with reviewed golden files.

To regenerate after a deliberate change: SCRBROWSE_UPDATE_GOLDEN=1 pytest tests/export, then read
every changed file (git diff) before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from scrbrowse.corpus import Corpus
from scrbrowse.export import FORMATS, export_document, export_pack
from scrbrowse.packs import Pack

GOLDEN = Path(__file__).resolve().parent / "golden"

DOC_IDS = (
    "child-s-learning-briefing",
    "hampshire-child-k-board-response",
    "hampshire-child-k-learning-summary",
    "oxfordshire-child-n-learning-summary",
    "wiltshire-child-k-briefing-note",
)
UPDATE = os.environ.get("SCRBROWSE_UPDATE_GOLDEN") == "1"


def _check(path: Path, actual: str) -> None:
    if UPDATE:
        path.write_text(actual, encoding="utf-8", newline="\n")
    assert path.is_file(), f"missing golden file {path.name}; run with SCRBROWSE_UPDATE_GOLDEN=1"
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"{path.name} differs from the reviewed golden file"


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_document_export_matches_golden(corpus: Corpus, doc_id: str, fmt: str) -> None:
    doc = corpus.get(doc_id)
    assert doc is not None
    out = export_document(doc, fmt, taxonomy=corpus.taxonomy, linked=corpus.linked(doc))
    _check(GOLDEN / f"{doc_id}.{fmt}", out)


@pytest.mark.parametrize("fmt", FORMATS)
def test_pack_export_matches_golden(session_pack: Pack, fmt: str) -> None:
    _check(GOLDEN / f"safe-sleep-session.{fmt}", export_pack(session_pack, fmt))


@pytest.mark.parametrize("fmt", FORMATS)
def test_exports_are_deterministic(corpus: Corpus, session_pack: Pack, fmt: str) -> None:
    doc = corpus.get("child-s-learning-briefing")
    assert doc is not None
    assert export_document(doc, fmt) == export_document(doc, fmt)
    assert export_pack(session_pack, fmt) == export_pack(session_pack, fmt)


@pytest.mark.parametrize("fmt", FORMATS)
def test_generated_stamp_only_when_passed(corpus: Corpus, fmt: str) -> None:
    doc = corpus.get("hampshire-child-k-learning-summary")
    assert doc is not None
    assert "Exported 2024-05-14 10:00" not in export_document(doc, fmt)
    stamped = " ".join(export_document(doc, fmt, generated="2024-05-14 10:00").split())
    assert "Exported 2024-05-14 10:00." in stamped
