"""Printed exports keep the restriction on every page: the HTML export of a restricted document and
of a pack holding a restricted item, printed to PDF by headless Chromium, carry "PROFESSIONALS ONLY"
on each page's text (issue 14, defect 2: page 2 of Child S once printed without it).

Skipped only where no Chromium is installed; CI installs it (.ci/run).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from scrbrowse.corpus import Corpus
from scrbrowse.export import export_document, export_pack
from scrbrowse.packs import Pack, item_from_document

pypdf = pytest.importorskip("pypdf")

MARK = "PROFESSIONALS ONLY"
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def _browser() -> str | None:
    for name in BROWSERS:
        path = shutil.which(name)
        if path:
            return path
    return None


needs_chromium = pytest.mark.skipif(_browser() is None, reason="Chromium is not installed")


def print_to_pdf(html: str, tmp_path: Path, name: str) -> list[str]:
    """Each printed page's text."""
    browser = _browser()
    assert browser is not None
    source = tmp_path / f"{name}.html"
    source.write_text(html, encoding="utf-8")
    pdf = tmp_path / f"{name}.pdf"
    subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={tmp_path / 'chromium-profile'}", "--no-pdf-header-footer",
         f"--print-to-pdf={pdf}", source.as_uri()],
        check=True, capture_output=True, timeout=180)
    return [page.extract_text() or "" for page in pypdf.PdfReader(pdf).pages]


def _flat(text: str) -> str:
    return " ".join(text.split())


@needs_chromium
def test_child_s_export_marks_every_printed_page(corpus: Corpus, tmp_path: Path) -> None:
    doc = corpus.get("child-s-learning-briefing")
    assert doc is not None and doc.restriction is not None
    pages = print_to_pdf(export_document(doc, "html", taxonomy=corpus.taxonomy), tmp_path, "child-s")
    assert len(pages) >= 3, "the export should run to several pages for this test to mean anything"
    unmarked = [n for n, text in enumerate(pages, 1) if MARK not in _flat(text)]
    assert unmarked == []


@needs_chromium
def test_pack_with_a_restricted_item_marks_every_printed_page(corpus: Corpus,
                                                              tmp_path: Path) -> None:
    pack = Pack("print-test", "Print test session", "2026-12-06")
    restricted = corpus.get("child-s-learning-briefing")
    assert restricted is not None and restricted.restriction is not None
    pack.add(item_from_document(restricted, restricted.reflective_questions[0].id))
    # Unrestricted material after it, long enough for several pages: the later pages hold no
    # restricted item, and must still be marked (the pack as a whole is restricted).
    for doc in corpus.documents.values():
        if doc.restriction is None:
            for passage in doc.passages():
                pack.add(item_from_document(doc, passage.item_id))
    pages = print_to_pdf(export_pack(pack, "html"), tmp_path, "pack")
    assert len(pages) >= 3
    unmarked = [n for n, text in enumerate(pages, 1) if MARK not in _flat(text)]
    assert unmarked == []


@needs_chromium
def test_unrestricted_pack_prints_without_the_mark(corpus: Corpus, tmp_path: Path) -> None:
    pack = Pack("print-plain", "Unrestricted session", "2026-12-06")
    doc = corpus.get("hampshire-child-k-learning-summary")
    assert doc is not None and doc.restriction is None
    for passage in list(doc.passages())[:3]:
        pack.add(item_from_document(doc, passage.item_id))
    pages = print_to_pdf(export_pack(pack, "html"), tmp_path, "plain")
    assert all(MARK not in _flat(text) for text in pages)
