"""Limits on what one source file may cost (issue 16 item 10): pages, unpacked XML, text and time.

The hostile files are built here: a PDF whose pages share one dense content stream (minutes of
parsing from a few hundred KB) and a Word file that unpacks to far more than it weighs. Each refusal
names the limit and the option that raises it; reading happens in a reader process that the time
limit and Cancel kill."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from scrbrowse.ingest import Outcome, ingest_file
from scrbrowse.ingest.extract import sandbox
from scrbrowse.ingest.limits import Limits
from scrbrowse.taxonomy import Taxonomy

DensePdf = Callable[..., Path]  # the `dense_pdf` fixture of tests/conftest.py


def docx_bomb(path: Path, word_doc: Callable[[], Any], inflated_mb: int) -> Path:
    """A real Word document whose main part is padded (in an XML comment) to unpack to
    `inflated_mb` MB while the file stays small."""
    doc = word_doc()
    doc.add_heading("Learning Summary Child B", level=0)
    doc.add_paragraph("Always see the baby.", style="List Bullet")
    plain = io.BytesIO()
    doc.save(plain)
    with zipfile.ZipFile(io.BytesIO(plain.getvalue())) as src, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "word/document.xml":
                head, sep, rest = data.partition(b"?>")
                data = head + sep + b"<!--" + b" " * (inflated_mb * 1024 * 1024) + b"-->" + rest
            out.writestr(info.filename, data)
    return path


@pytest.fixture(autouse=True)
def _no_reader_left() -> Any:
    sandbox.shutdown()
    yield
    sandbox.shutdown()


def test_a_pdf_with_too_many_pages_is_refused_before_reading(dense_pdf: DensePdf, tmp_path: Path, out_dir: Path,
                                                             taxonomy: Taxonomy) -> None:
    src = dense_pdf(tmp_path / "pages.pdf", 1_000)
    assert src.stat().st_size < 300_000  # small on disk
    result = ingest_file(src, out_dir, taxonomy=taxonomy)
    assert result.outcome is Outcome.UNREADABLE and result.limit == "max_pages"
    assert result.skipped == ("the PDF has 1,000 pages; the limit is 300 (ingest the learning summary "
                              "rather than the whole report) (raise it with --max-pages if the file "
                              "is genuine)")
    assert sorted(p.name for p in out_dir.iterdir()) == ["taxonomy.yaml"]


def test_a_pdf_that_takes_too_long_is_stopped_and_its_reader_killed(
        dense_pdf: DensePdf, tmp_path: Path, out_dir: Path, taxonomy: Taxonomy) -> None:
    # Within the page limit, but each page parses the same 20,000 operations: minutes of work.
    src = dense_pdf(tmp_path / "slow.pdf", 250)
    result = ingest_file(src, out_dir, taxonomy=taxonomy, limits=Limits(max_seconds=2))
    assert result.outcome is Outcome.UNREADABLE and result.limit == "max_seconds"
    assert result.skipped == ("reading the file took longer than 2 seconds, the limit, and was "
                              "stopped; it may be damaged or built to be slow to read (raise it "
                              "with --max-seconds if the file is genuine)")
    assert sandbox.running() == 0  # the reader was killed, not left parsing
    assert sorted(p.name for p in out_dir.iterdir()) == ["taxonomy.yaml"]


def test_cancel_stops_the_reader_and_writes_nothing(dense_pdf: DensePdf, tmp_path: Path, out_dir: Path,
                                                    taxonomy: Taxonomy) -> None:
    src = dense_pdf(tmp_path / "slow.pdf", 250)
    asked: list[int] = []

    def should_stop() -> bool:
        # Cancel once the reader has been at work for a while (it is asked every 50 ms).
        asked.append(sandbox.running())
        return sum(1 for n in asked if n) > 10

    result = ingest_file(src, out_dir, taxonomy=taxonomy, should_stop=should_stop)
    assert result.outcome is Outcome.CANCELLED
    assert result.skipped == "cancelled; nothing was written"
    assert sandbox.running() == 0
    assert sorted(p.name for p in out_dir.iterdir()) == ["taxonomy.yaml"]


def test_a_long_pdf_stops_reading_at_the_text_limit(briefing: Any, tmp_path: Path, out_dir: Path,
                                                    taxonomy: Taxonomy) -> None:
    b = briefing().title("Learning Briefing Child L").heading("Key learning")
    for page in range(40):
        b.para(f"Page {page} says: " + "Practitioners should always see the baby and ask who "
               "lives in the home. " * 30)
        b.new_page()
    src = b.save(tmp_path / "long.pdf")
    result = ingest_file(src, out_dir, taxonomy=taxonomy, limits=Limits(max_text_chars=20_000))
    assert result.outcome is Outcome.WRITTEN, result.skipped
    notes = [c for c in result.checks if "characters of text" in c]
    assert len(notes) == 1 and "only pages 1-" in notes[0] and "of 41 were read" in notes[0]


def test_a_word_zip_bomb_is_refused_before_it_is_unpacked(word_doc: Callable[[], Any], tmp_path: Path,
                                                          out_dir: Path, taxonomy: Taxonomy) -> None:
    src = docx_bomb(tmp_path / "bomb.docx", word_doc, inflated_mb=60)
    assert src.stat().st_size < 1_000_000
    result = ingest_file(src, out_dir, taxonomy=taxonomy)
    assert result.outcome is Outcome.UNREADABLE and result.limit == "max_xml_mb"
    assert result.skipped is not None
    assert re.fullmatch(r"the Word document's text parts unpack to 60\.\d MB of XML; the limit is "
                        r"50 MB \(it may be damaged or built to exhaust memory\) \(raise it with "
                        r"--max-xml-mb if the file is genuine\)", result.skipped)


def test_limits_can_be_raised(word_doc: Callable[[], Any], tmp_path: Path, out_dir: Path,
                              taxonomy: Taxonomy) -> None:
    src = docx_bomb(tmp_path / "padded.docx", word_doc, inflated_mb=2)
    refused = ingest_file(src, out_dir, taxonomy=taxonomy, limits=Limits(max_xml_mb=1))
    assert refused.limit == "max_xml_mb"
    result = ingest_file(src, out_dir, taxonomy=taxonomy, limits=Limits(max_xml_mb=3))
    assert result.outcome is Outcome.WRITTEN, result.skipped


def test_limits_must_be_positive() -> None:
    with pytest.raises(ValueError, match="max_seconds must be more than 0"):
        Limits(max_seconds=0)


def test_the_reader_answers_only_with_extraction_types() -> None:
    import pickle

    hostile = pickle.dumps(("ok", __import__("os").system))
    with pytest.raises(pickle.UnpicklingError, match="unexpected type"):
        sandbox._Restricted(io.BytesIO(hostile)).load()


def _gone(pid: int) -> bool:
    import os

    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            return any(line.startswith("State:") and "Z" in line.split()[1] for line in fh)
    except FileNotFoundError:
        return True
    except OSError:  # no /proc: ask the system
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        return False


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc")
def test_a_reader_dies_with_its_parent(dense_pdf: DensePdf, tmp_path: Path) -> None:
    """kill -9 of scrbrowse (as the OOM killer does) must not leave a reader parsing forever."""
    import os
    import signal
    import subprocess
    import sys
    import time

    slow = dense_pdf(tmp_path / "slow.pdf", 250)
    # A parent that hands the reader a slow file, then is killed while the reader is parsing it.
    parent = subprocess.Popen(
        [sys.executable, "-c",
         "import pickle, sys, time\n"
         "from pathlib import Path\n"
         "from scrbrowse.ingest.extract import sandbox\n"
         "from scrbrowse.ingest.extract.child import read_frame, write_frame\n"
         "from scrbrowse.ingest.limits import Limits\n"
         "child = sandbox._Child()\n"
         "read_frame(child.proc.stdout)\n"
         "data = Path(sys.argv[1]).read_bytes()\n"
         "write_frame(child.proc.stdin, pickle.dumps(('pdf', 'slow.pdf', data, Limits())))\n"
         "print(child.proc.pid, flush=True)\n"
         "time.sleep(120)\n", str(slow)],
        stdout=subprocess.PIPE, text=True)
    assert parent.stdout is not None
    reader = int(parent.stdout.readline())
    assert not _gone(reader)
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait()
    for _ in range(200):  # polled: the reader checks every half second
        if _gone(reader):
            break
        time.sleep(0.05)
    assert _gone(reader)
