"""PDFs the suite makes itself with fpdf2: headings from fonts, two columns, no headings, and bad PDFs."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pypdf import PdfReader, PdfWriter

from scrbrowse.ingest import Outcome, ingest_file
from scrbrowse.model import Document
from scrbrowse.taxonomy import Taxonomy


def _briefing(briefing: Any, path: Path) -> Path:
    b = briefing()
    b.title("7 Minute Briefing: Child T")
    b.line("Published: June 2021")
    b.heading("1. Background")
    b.para("Child T was four months old when he was admitted to hospital with a fractured skull. Both "
           "parents were known to the drug and alcohol service. The Leeds Safeguarding Children "
           "Partnership (LSCP) commissioned a Child Safeguarding Practice Review.")
    b.heading("2. Why it matters")
    b.para("Babies who are not yet mobile very rarely injure themselves. Any bruise or injury to a "
           "baby who cannot crawl must be taken seriously and referred.")
    b.heading("Key learning")
    b.bullet("Practitioners should see the baby at every visit and record what they see, including "
             "where the baby sleeps and who else lives in the home.")
    b.bullet("Professional curiosity about fathers and new partners is essential.", lead="Be curious.")
    b.bullet("Do you know how to escalate a concern? Are you confident to challenge?")
    b.heading("Questions for reflection")
    b.numbered(1, "How do you make sure you see the baby undressed?")
    b.numbered(2, "What would help you ask about new partners?")
    return b.save(path)


def test_pdf_briefing_headings_items_and_metadata(
        briefing: Any, tmp_path: Path, out_dir: Path, taxonomy: Taxonomy,
        load_draft: Callable[[Path], Document]) -> None:
    src = _briefing(briefing, tmp_path / "briefing.pdf")
    result = ingest_file(src, out_dir, taxonomy=taxonomy)
    assert result.outcome is Outcome.WRITTEN, result.skipped
    assert result.written is not None
    doc = load_draft(result.written)
    assert doc.title == "7 Minute Briefing: Child T"
    assert doc.doc_type == "seven-minute-briefing"
    assert doc.published == "2021-06"
    assert doc.review.child == "Child T"
    assert doc.review.area == "Leeds"
    assert doc.review.board == "Leeds Safeguarding Children Partnership"
    assert doc.review.review_type == "cspr"
    assert doc.id == "leeds-child-t-seven-minute-briefing"
    assert [s.heading for s in doc.sections] == ["1. Background", "2. Why it matters"]
    # A bullet's wrapped second line stays with it; the bold lead is kept.
    assert [lp.text for lp in doc.learning_points] == [
        "Practitioners should see the baby at every visit and record what they see, including "
        "where the baby sleeps and who else lives in the home.",
        "Be curious. Professional curiosity about fathers and new partners is essential.",
    ]
    assert doc.learning_points[1].lead == "Be curious."
    assert doc.learning_points[0].audience == "practitioners"
    assert [(q.number, q.text) for q in doc.reflective_questions] == [
        (None, "Do you know how to escalate a concern?"),
        (None, "Are you confident to challenge?"),
        (1, "How do you make sure you see the baby undressed?"),
        (2, "What would help you ask about new partners?"),
    ]
    # The footer ("... - Page 1") is not text of the document.
    assert not any("Page 1" in p.text for p in doc.passages())
    assert "non-accidental-injury" in doc.themes
    assert any("two columns" in c or "extracted from a PDF" in c for c in result.checks)


def test_two_column_pdf_is_read_column_by_column(
        briefing: Any, tmp_path: Path, out_dir: Path, taxonomy: Taxonomy,
        load_draft: Callable[[Path], Document]) -> None:
    b = briefing()
    b.title("Learning Briefing: Child M")
    b.para("This briefing sets out what went well and what must improve.")
    b.two_columns(
        ["Good practice", "- The health visitor shared information", "  with the GP promptly.",
         "- The school escalated concerns."],
        ["Areas to strengthen", "- Recording of fathers' details needs", "  to improve in all agencies.",
         "- Early help assessments were not", "  started when they were needed."],
    )
    b.heading("Resources")
    b.para("Safer sleep advice: https://www.lullabytrust.org.uk/safer-sleep-advice/")
    src = b.save(tmp_path / "columns.pdf")

    # What plain extraction gives: left and right column lines glued together.
    plain = PdfReader(src).pages[0].extract_text()
    assert "- The health visitor shared information - Recording of fathers' details needs" in plain

    result = ingest_file(src, out_dir, taxonomy=taxonomy)
    assert result.outcome is Outcome.WRITTEN, result.skipped
    assert result.written is not None
    doc = load_draft(result.written)
    assert [i.text for i in doc.good_practice] == [
        "The health visitor shared information with the GP promptly.",
        "The school escalated concerns.",
    ]
    assert [i.text for i in doc.areas_to_strengthen] == [
        "Recording of fathers' details needs to improve in all agencies.",
        "Early help assessments were not started when they were needed.",
    ]
    assert [(r.title, r.url) for r in doc.resources] == [
        ("Safer sleep advice", "https://www.lullabytrust.org.uk/safer-sleep-advice/")]
    assert any("two columns" in c for c in result.checks)


def test_pdf_with_no_recognisable_headings(
        briefing: Any, tmp_path: Path, out_dir: Path, taxonomy: Taxonomy,
        load_draft: Callable[[Path], Document]) -> None:
    b = briefing(footer=None)
    b.para("Notes from a practice discussion held after the death of a baby in the county.")
    b.para("The group agreed that everyone working with the family had been told about the risks of "
           "co-sleeping after drinking alcohol, but nobody had checked what the parents understood.")
    b.bullet("Ask parents to show you where the baby sleeps.")
    b.bullet("Talk to both parents about safer sleep, not only the mother.")
    src = b.save(tmp_path / "notes.pdf")
    result = ingest_file(src, out_dir, taxonomy=taxonomy)
    assert result.outcome is Outcome.WRITTEN, result.skipped
    assert result.written is not None
    doc = load_draft(result.written)
    # With no heading to go by, the list items are offered as learning points, with a check.
    assert [lp.text for lp in doc.learning_points] == [
        "Ask parents to show you where the baby sleeps.",
        "Talk to both parents about safer sleep, not only the mother.",
    ]
    assert any("no learning heading was recognised" in c for c in result.checks)
    assert any("no pseudonym" in c for c in result.checks)
    assert doc.review.child  # required: filled with a placeholder and listed as a check
    assert "safe-sleep" in doc.themes
    assert any("co-sleeping" in p.text for p in doc.passages())


def _encrypted(src: Path, dest: Path, user_password: str) -> Path:
    writer = PdfWriter(clone_from=str(src))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="RC4-128")
    buf = io.BytesIO()
    writer.write(buf)
    dest.write_bytes(buf.getvalue())
    return dest


def test_password_protected_pdf_is_skipped_with_a_clear_message(
        briefing: Any, tmp_path: Path, out_dir: Path, taxonomy: Taxonomy) -> None:
    src = _encrypted(_briefing(briefing, tmp_path / "plain.pdf"), tmp_path / "locked.pdf", "secret")
    result = ingest_file(src, out_dir, taxonomy=taxonomy)
    assert result.outcome is Outcome.UNREADABLE
    assert result.skipped == ("the PDF is password-protected; save a copy without a password and "
                              "ingest that")
    assert list(out_dir.glob("*.yaml")) == [out_dir / "taxonomy.yaml"]


def test_pdf_with_only_an_owner_password_is_read(
        briefing: Any, tmp_path: Path, out_dir: Path, taxonomy: Taxonomy) -> None:
    """Permissions-only encryption (empty user password) opens for everyone, so it is read."""
    src = _encrypted(_briefing(briefing, tmp_path / "plain.pdf"), tmp_path / "perms.pdf", "")
    result = ingest_file(src, out_dir, taxonomy=taxonomy)
    assert result.outcome is Outcome.WRITTEN, result.skipped
    assert result.counts["learning_points"] == 2


def test_scanned_pdf_without_text_is_skipped(tmp_path: Path, out_dir: Path, taxonomy: Taxonomy) -> None:
    from fpdf import FPDF
    from PIL import Image

    image = tmp_path / "scan.png"
    Image.new("RGB", (400, 560), "white").save(image)
    pdf: Any = FPDF()
    pdf.add_page()
    pdf.image(str(image), x=10, y=10, w=180)
    src = tmp_path / "scanned.pdf"
    pdf.output(str(src))
    result = ingest_file(src, out_dir, taxonomy=taxonomy)
    assert result.outcome is Outcome.UNREADABLE
    assert result.skipped is not None
    assert result.skipped.startswith("no text in the PDF: it looks like a scanned image")


def test_damaged_pdf_is_skipped(briefing: Any, tmp_path: Path, out_dir: Path,
                                taxonomy: Taxonomy) -> None:
    good = _briefing(briefing, tmp_path / "good.pdf").read_bytes()
    src = tmp_path / "damaged.pdf"
    src.write_bytes(good[: len(good) // 3])  # cut short, as an interrupted download is
    result = ingest_file(src, out_dir, taxonomy=taxonomy)
    assert result.outcome in (Outcome.UNREADABLE, Outcome.WRITTEN)
    if result.outcome is Outcome.UNREADABLE:
        assert result.skipped and "\n" not in result.skipped
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 20)
    result = ingest_file(junk, out_dir, taxonomy=taxonomy)
    assert result.outcome is Outcome.UNREADABLE
    assert result.skipped and "\n" not in result.skipped
