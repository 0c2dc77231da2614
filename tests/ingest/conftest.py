"""Fixtures for ingest tests: a writable corpus folder, a draft loader, and builders that make the
PDF and Word files the tests read (generated here, so no binary fixture of unknown origin)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from scrbrowse.corpus import load_record_bytes
from scrbrowse.model import Document
from scrbrowse.problems import Severity
from scrbrowse.taxonomy import Taxonomy, load_taxonomy

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "corpus"
SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.fixture(scope="session")
def taxonomy() -> Taxonomy:
    tax, problems = load_taxonomy(BUNDLED / "taxonomy.yaml")
    assert not problems
    return tax


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    """An empty corpus folder (taxonomy only) to ingest into."""
    d = tmp_path / "corpus"
    d.mkdir()
    shutil.copy(BUNDLED / "taxonomy.yaml", d / "taxonomy.yaml")
    return d


@pytest.fixture
def load_draft(taxonomy: Taxonomy) -> Callable[[Path], Document]:
    """Load a written draft with the corpus loader, failing the test on any validation error."""
    def _load(path: Path) -> Document:
        doc, problems = load_record_bytes(path.read_bytes(), str(path), taxonomy)
        errors = [p.format() for p in problems if p.severity is Severity.ERROR]
        assert errors == [], errors
        assert doc is not None
        return doc
    return _load


class Briefing:
    """A learning briefing laid out the way publishing tools do: a big bold title, bold headings,
    wrapped body text, bullets drawn in a symbol font with a hanging indent, page footers."""

    def __init__(self, footer: str | None = "Example Safeguarding Children Partnership") -> None:
        from fpdf import FPDF

        footer_text = footer

        class _Pdf(FPDF):  # type: ignore[misc]
            def footer(self) -> None:
                if footer_text:
                    self.set_y(-15)
                    self.set_font("Helvetica", "", 8)
                    self.cell(0, 10, f"{footer_text} - Page {self.page_no()}", align="C")

        self.pdf: Any = _Pdf(format="A4")
        self.pdf.set_auto_page_break(True, 20)
        self.pdf.add_page()

    def title(self, text: str) -> Briefing:
        self.pdf.set_font("Helvetica", "B", 20)
        self.pdf.multi_cell(0, 10, text, new_x="LMARGIN", new_y="NEXT")
        return self

    def line(self, text: str, size: int = 11) -> Briefing:
        self.pdf.set_font("Helvetica", "", size)
        self.pdf.cell(0, 7, text, new_x="LMARGIN", new_y="NEXT")
        return self

    def heading(self, text: str) -> Briefing:
        self.pdf.ln(4)
        self.pdf.set_font("Helvetica", "B", 14)
        self.pdf.multi_cell(0, 8, text, new_x="LMARGIN", new_y="NEXT")
        self.pdf.ln(1)
        return self

    def para(self, text: str) -> Briefing:
        self.pdf.set_font("Helvetica", "", 11)
        self.pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
        self.pdf.ln(3)
        return self

    def bullet(self, text: str, lead: str | None = None) -> Briefing:
        pdf = self.pdf
        y = pdf.get_y()
        pdf.set_font("ZapfDingbats", "", 8)  # a filled circle from the symbol font, as Word does
        pdf.set_xy(14, y)
        pdf.cell(5, 6, "l")
        pdf.set_xy(20, y)
        pdf.set_left_margin(20)
        if lead:
            pdf.set_font("Helvetica", "B", 11)
            pdf.write(6, lead + " ")
        pdf.set_font("Helvetica", "", 11)
        pdf.write(6, text)
        pdf.ln(7)
        pdf.set_left_margin(10)
        return self

    def numbered(self, number: int, text: str) -> Briefing:
        self.pdf.set_font("Helvetica", "", 11)
        self.pdf.multi_cell(0, 6, f"{number}. {text}", new_x="LMARGIN", new_y="NEXT")
        return self

    def two_columns(self, left: list[str], right: list[str]) -> Briefing:
        """Two columns drawn row by row, left cell then right cell, as some tools export tables and
        newsletters: plain text extraction then glues the two columns' lines together."""
        pdf = self.pdf
        y = pdf.get_y() + 2
        for i in range(max(len(left), len(right))):
            for x, cells in ((10, left), (110, right)):
                text = cells[i] if i < len(cells) else ""
                heading = i == 0
                pdf.set_font("Helvetica", "B" if heading else "", 14 if heading else 11)
                pdf.set_xy(x, y)
                pdf.cell(90, 7, text)
            y += 7
        pdf.set_xy(10, y + 6)
        return self

    def new_page(self) -> Briefing:
        self.pdf.add_page()
        return self

    def save(self, path: Path) -> Path:
        self.pdf.output(str(path))
        return path


@pytest.fixture
def briefing() -> type[Briefing]:
    return Briefing


@pytest.fixture
def word_doc() -> Callable[[], Any]:
    def _new() -> Any:
        import docx

        return docx.Document()
    return _new
