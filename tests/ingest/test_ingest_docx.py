"""Word documents the suite makes with python-docx: heading styles, list paragraphs, tables."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from scrbrowse.ingest import Outcome, ingest_file
from scrbrowse.ingest.extract import word
from scrbrowse.ingest.sources import Unreadable
from scrbrowse.model import Document
from scrbrowse.taxonomy import Taxonomy


def _rapid_review(word_doc: Callable[[], Any], path: Path) -> Path:
    d = word_doc()
    d.add_heading("Learning from the Rapid Review: Baby R", level=0)
    d.add_paragraph("Bristol Safeguarding Children Partnership (BSCP)")
    d.add_paragraph("Date: 12/03/2022")
    d.add_heading("Summary of the case", level=1)
    d.add_paragraph("Baby R was six weeks old when she was found unresponsive after co-sleeping with "
                    "her father on a sofa. The BSCP held a rapid review.")
    d.add_heading("Messages for practitioners", level=1)
    p = d.add_paragraph(style="List Bullet")
    p.add_run("Think family.").bold = True
    p.add_run(" Ask about every adult in the household, including new partners.")
    d.add_paragraph("Give safer sleep advice at every contact, not only at the new birth visit.",
                    style="List Bullet")
    d.add_heading("Consider the following", level=2)
    d.add_paragraph("Do I ask who lives in the home?", style="List Number")
    d.add_paragraph("Do I record sleeping arrangements?", style="List Number")
    t = d.add_table(rows=3, cols=2)
    t.cell(0, 0).text = "Learning Point"
    t.cell(0, 1).text = "How to enhance your practice"
    t.cell(1, 0).text = "Fathers were not seen."
    t.cell(1, 1).text = "Arrange visits when fathers are at home. Are you flexible about visit times?"
    t.cell(2, 0).text = "Records did not show the sleeping arrangements."
    t.cell(2, 1).text = "Record where the baby sleeps at every visit."
    d.add_heading("Good practice", level=1)
    d.add_paragraph("✓ The ambulance crew shared their concerns with the police.")
    d.save(str(path))
    return path


def test_docx_headings_lists_and_table(word_doc: Callable[[], Any], tmp_path: Path, out_dir: Path,
                                       taxonomy: Taxonomy, load_draft: Callable[[Path], Document]) -> None:
    src = _rapid_review(word_doc, tmp_path / "baby-r.docx")
    result = ingest_file(src, out_dir, taxonomy=taxonomy)
    assert result.outcome is Outcome.WRITTEN, result.skipped
    assert result.written is not None
    doc = load_draft(result.written)
    assert doc.title == "Learning from the Rapid Review: Baby R"
    assert doc.review.child == "Baby R"
    assert doc.review.board == "Bristol Safeguarding Children Partnership"
    assert doc.review.review_type == "rapid-review"
    assert doc.published == "2022-03-12"  # UK day/month order
    assert [s.heading for s in doc.sections] == ["Summary of the case"]
    lps = [(lp.text, lp.lead, lp.audience, lp.section) for lp in doc.learning_points]
    assert lps == [
        ("Think family. Ask about every adult in the household, including new partners.",
         "Think family.", "practitioners", "Messages for practitioners"),
        ("Give safer sleep advice at every contact, not only at the new birth visit.", None,
         "practitioners", "Messages for practitioners"),
        # The two-column table is read column by column, each column under its heading.
        ("Fathers were not seen.", None, None, "Learning Point"),
        ("Records did not show the sleeping arrangements.", None, None, "Learning Point"),
        ("Arrange visits when fathers are at home.", None, None, "How to enhance your practice"),
        ("Record where the baby sleeps at every visit.", None, None, "How to enhance your practice"),
    ]
    qs = [(q.number, q.text, q.learning_point) for q in doc.reflective_questions]
    assert qs == [
        (1, "Do I ask who lives in the home?", None),
        (2, "Do I record sleeping arrangements?", None),
        (None, "Are you flexible about visit times?", "lp-5"),
    ]
    assert [g.text for g in doc.good_practice] == [
        "The ambulance crew shared their concerns with the police."]
    assert {"safe-sleep", "unknown-men"} <= set(doc.themes)
    assert {"ambulance-service", "police"} <= set(doc.agencies)


def test_corrupt_docx_is_skipped(word_doc: Callable[[], Any], tmp_path: Path, out_dir: Path,
                                 taxonomy: Taxonomy) -> None:
    good = _rapid_review(word_doc, tmp_path / "good.docx").read_bytes()
    cut = tmp_path / "cut.docx"
    cut.write_bytes(good[: len(good) // 2])
    result = ingest_file(cut, out_dir, taxonomy=taxonomy)
    assert result.outcome is Outcome.UNREADABLE
    assert result.skipped is not None and "damaged" in result.skipped

    # A real zip with a broken document.xml inside.
    broken = tmp_path / "broken.docx"
    with zipfile.ZipFile(io.BytesIO(good)) as zin, zipfile.ZipFile(broken, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "word/document.xml":
                data = data[: len(data) // 2]
            zout.writestr(info, data)
    result = ingest_file(broken, out_dir, taxonomy=taxonomy)
    assert result.outcome is Outcome.UNREADABLE
    assert result.skipped is not None and "\n" not in result.skipped
    assert list(out_dir.glob("*.yaml")) == [out_dir / "taxonomy.yaml"]


def test_zip_that_is_not_a_word_document(tmp_path: Path, out_dir: Path, taxonomy: Taxonomy) -> None:
    src = tmp_path / "archive.docx"
    with zipfile.ZipFile(src, "w") as zf:
        zf.writestr("notes.txt", "not a Word document")
    result = ingest_file(src, out_dir, taxonomy=taxonomy)
    assert result.outcome is Outcome.UNREADABLE
    assert result.skipped == ("the name ends .docx but the content is a zip archive; "
                              "save it as .pdf, .docx or .txt")


def test_docx_that_unpacks_too_large_is_refused(word_doc: Callable[[], Any], tmp_path: Path,
                                                out_dir: Path, taxonomy: Taxonomy,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    src = _rapid_review(word_doc, tmp_path / "big.docx")
    total = sum(i.file_size for i in zipfile.ZipFile(src).infolist())
    monkeypatch.setattr(word, "MAX_UNZIPPED_BYTES", total - 1)  # the real limit is 200 MB
    # In this process: ingest reads Word files in a reader process, which the patch does not reach.
    with pytest.raises(Unreadable, match="unpacks to more than"):
        word.extract_docx(src.read_bytes())
