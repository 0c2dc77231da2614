"""Property tests: whatever bytes or text arrive, ingest gives a valid draft or a clean one-line skip.

`ingest_file` catches unexpected errors so a batch never dies, reporting them as FAILED; these tests
hold the code to more than that: FAILED (an internal error, or a draft that did not validate) must
never happen. A dry run does everything a real run does, validation included, except the write.
"""

from __future__ import annotations

import io
import os
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scrbrowse.ingest import IngestResult, Outcome, ingest_file
from scrbrowse.ingest.headings import HEADING_RULES
from scrbrowse.model import Document
from scrbrowse.taxonomy import Taxonomy, load_taxonomy

# SCRBROWSE_FUZZ_EXAMPLES=2000 for a deeper run than the suite's.
EXAMPLES = int(os.environ.get("SCRBROWSE_FUZZ_EXAMPLES", "60"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


# Loaded once here rather than as a fixture: Hypothesis prints a failing example's arguments.
TAXONOMY: Taxonomy = load_taxonomy(Path(__file__).resolve().parents[2] / "corpus" / "taxonomy.yaml")[0]


def _run(data: bytes, suffix: str, *, dry_run: bool = True) -> IngestResult:
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / f"source{suffix}"
        src.write_bytes(data)
        out = Path(tmp) / "out"
        result = ingest_file(src, out, taxonomy=TAXONOMY, dry_run=dry_run)
        assert src.read_bytes() == data  # never modified
        return result


def _check(result: IngestResult) -> None:
    assert result.outcome is not Outcome.FAILED, (result.skipped, result.problems)
    if result.ok:
        assert result.doc_id and result.written is not None
    else:
        assert result.outcome is Outcome.UNREADABLE
        assert result.skipped and "\n" not in result.skipped and len(result.skipped) < 300


@SETTINGS
@given(data=st.binary(max_size=4096), suffix=st.sampled_from([".pdf", ".docx", ".txt", ".md"]))
def test_arbitrary_bytes_never_crash(data: bytes, suffix: str) -> None:
    _check(_run(data, suffix))


@SETTINGS
@given(data=st.binary(max_size=4096))
def test_pdf_shaped_junk_never_crashes(data: bytes) -> None:
    _check(_run(b"%PDF-1.7\n" + data, ".pdf"))


@SETTINGS
@given(xml=st.one_of(st.binary(max_size=2048), st.text(max_size=500).map(str.encode)))
def test_zip_shaped_junk_never_crashes(xml: bytes) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("[Content_Types].xml", xml)
        zf.writestr("word/document.xml", xml)
    _check(_run(buf.getvalue(), ".docx"))


@pytest.fixture(scope="module")
def real_pdf(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    from fpdf import FPDF

    pdf: Any = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 18)
    pdf.cell(0, 10, "Learning Briefing Child Y", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 11)
    pdf.multi_cell(0, 6, "Learning points\n- See the baby.\n- Ask about fathers.")
    return bytes(pdf.output())


@SETTINGS
@given(flips=st.lists(st.tuples(st.integers(min_value=0), st.integers(0, 255)), min_size=1, max_size=8))
def test_damaged_real_pdf_never_crashes(flips: list[tuple[int, int]], real_pdf: bytes) -> None:
    data = bytearray(real_pdf)
    for pos, value in flips:
        data[pos % len(data)] = value
    _check(_run(bytes(data), ".pdf"))


@SETTINGS
@given(text=st.text(max_size=3000), suffix=st.sampled_from([".txt", ".md"]))
def test_arbitrary_text_never_crashes(text: str, suffix: str) -> None:
    result = _run(text.encode("utf-8"), suffix)
    _check(result)
    if not result.ok:
        # Text can look like another format ("%PDF-", a NUL byte): a refusal naming it is right.
        assert result.skipped is not None
        assert (result.skipped in ("the file is empty", "no text found in the file")
                or result.skipped.startswith(f"the name ends {suffix} but the content is "))


_HEADINGS = [r.pattern.split("|")[0].replace("( .*)?", "").replace("\\b.*", "").replace("?", "")
             for r in HEADING_RULES]
_LINE = st.one_of(
    st.sampled_from(_HEADINGS).map(str.capitalize),
    st.sampled_from(_HEADINGS).map(lambda h: f"{h.title()}:"),
    st.text(min_size=1, max_size=80).map(lambda t: f"- {t}"),
    st.text(min_size=1, max_size=80).map(lambda t: f"1. {t}?"),
    st.text(min_size=1, max_size=40).map(lambda t: f"- **{t}** Do you {t}? Are you {t}?"),
    st.text(min_size=1, max_size=40).map(lambda t: f"- ✓ {t}"),
    st.text(min_size=1, max_size=40).map(lambda t: f"[{t}](http://x.example/{len(t)})"),
    st.sampled_from(["Child K", "Hampshire Safeguarding Children Board (HSCB)", "March 2018",
                     "| Learning Point | How to enhance your practice |", "|---|---|",
                     "| a | b |", "# Heading", "**Bold line**", "===", "---", "",
                     "\x1b[31m[b]red[/b]\x1b[0m", "shared with professionals only",
                     "1) To invite all partner agencies:", "The report makes these recommendations:"]),
    st.text(max_size=200),
)


@SETTINGS
@given(lines=st.lists(_LINE, max_size=40), suffix=st.sampled_from([".txt", ".md"]))
def test_briefing_shaped_text_gives_valid_drafts(lines: list[str], suffix: str) -> None:
    result = _run("\n".join(lines).encode("utf-8"), suffix)
    _check(result)


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(lines=st.lists(_LINE, min_size=1, max_size=30))
def test_written_drafts_load_without_errors(lines: list[str],
                                            load_draft: Callable[[Path], Document]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "doc.md"
        src.write_text("\n".join(lines), encoding="utf-8")
        result = ingest_file(src, Path(tmp) / "out", taxonomy=TAXONOMY)
        _check(result)
        if result.outcome is Outcome.WRITTEN:
            assert result.written is not None
            load_draft(result.written)
