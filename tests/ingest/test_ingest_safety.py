"""Safety: sources untouched, nothing overwritten without force, atomic writes, bad files reported
in one line while the batch goes on, and hostile text made harmless but kept literal."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from scrbrowse import yamlio
from scrbrowse.corpus import load_corpus
from scrbrowse.ingest import Outcome, ingest_file, ingest_paths
from scrbrowse.ingest.outdir import AlreadyExists, write_new
from scrbrowse.ingest.sources import MAX_SOURCE_BYTES
from scrbrowse.model import Document
from scrbrowse.problems import Severity
from scrbrowse.taxonomy import Taxonomy

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
GOOD_TEXT = ("Learning Summary Child J\n\nLearning points\n\n- Always see the baby.\n"
             "- Ask who else lives in the home.\n")


def _fingerprint(path: Path) -> tuple[str, int, int, int]:
    st = path.stat()
    return hashlib.sha256(path.read_bytes()).hexdigest(), st.st_size, st.st_mtime_ns, st.st_mode


def _listing(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.fixture
def sources(tmp_path: Path, briefing: Any, word_doc: Callable[[], Any]) -> list[Path]:
    src = tmp_path / "src"
    src.mkdir()
    (src / "notes.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (src / "notes2.md").write_text("# Learning from Child H\n\n## Key learning\n\n- See the child "
                                   "alone.\n", encoding="utf-8")
    b = briefing()
    b.title("Learning Briefing Child G").heading("Key learning").bullet("Record who lives there.")
    b.save(src / "g.pdf")
    d = word_doc()
    d.add_heading("Learning Summary Child F", level=0)
    d.add_heading("Learning points", level=1)
    d.add_paragraph("Check the family history.", style="List Bullet")
    d.save(str(src / "f.docx"))
    return sorted(src.iterdir())


def test_sources_are_never_modified(sources: list[Path], out_dir: Path, taxonomy: Taxonomy) -> None:
    before = {p: _fingerprint(p) for p in sources}
    for kwargs in ({"dry_run": True}, {}, {"force": True}, {}):
        ingest_paths(sources, out_dir, taxonomy=taxonomy, **kwargs)
    assert {p: _fingerprint(p) for p in sources} == before


def test_dry_run_writes_nothing(sources: list[Path], out_dir: Path, taxonomy: Taxonomy) -> None:
    before = _listing(out_dir)
    results = ingest_paths(sources, out_dir, dry_run=True, taxonomy=taxonomy)
    assert [r.outcome for r in results] == [Outcome.PLANNED] * 4
    assert all(r.written is not None and not r.written.exists() for r in results)
    assert _listing(out_dir) == before  # no record, no temporary file


def test_existing_record_is_not_overwritten_without_force(
        tmp_corpus: Path, taxonomy: Taxonomy) -> None:
    seed = SEEDS / "000_3b68539907c6e6f2.txt"
    if not seed.is_file():
        pytest.skip("seed documents not available")
    record = tmp_corpus / "hampshire-child-k-learning-summary.yaml"
    before = record.read_bytes()
    result = ingest_file(seed, tmp_corpus, taxonomy=taxonomy)
    assert result.outcome is Outcome.EXISTS
    assert result.skipped == (f"{record} already exists (made from a file of this name); "
                              "use --force to replace it")
    assert record.read_bytes() == before

    forced = ingest_file(seed, tmp_corpus, taxonomy=taxonomy, force=True)
    assert forced.outcome is Outcome.WRITTEN and forced.replaced
    assert forced.written == record  # the same file and id: links and packs keep working
    assert forced.doc_id == "hampshire-child-k-learning-summary"
    assert record.read_bytes() != before
    assert b"\ndraft:\n" in record.read_bytes()


def test_same_file_again_is_recognised_by_content(tmp_path: Path, out_dir: Path,
                                                  taxonomy: Taxonomy) -> None:
    src = tmp_path / "a.txt"
    src.write_text(GOOD_TEXT, encoding="utf-8")
    first = ingest_file(src, out_dir, taxonomy=taxonomy)
    renamed = tmp_path / "renamed.txt"
    shutil.copy(src, renamed)
    again = ingest_file(renamed, out_dir, taxonomy=taxonomy)
    assert again.outcome is Outcome.EXISTS
    assert again.skipped is not None and "made from this file" in again.skipped
    assert again.written == first.written


def test_ids_are_made_unique(tmp_path: Path, out_dir: Path, taxonomy: Taxonomy,
                             load_draft: Callable[[Path], Document]) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(GOOD_TEXT, encoding="utf-8")
    b.write_text(GOOD_TEXT + "- A third point.\n", encoding="utf-8")
    results = ingest_paths([a, b], out_dir, taxonomy=taxonomy)
    assert [r.doc_id for r in results] == ["child-j-learning-summary", "child-j-learning-summary-2"]
    second = results[1]
    assert second.written is not None and second.written.name == "child-j-learning-summary-2.yaml"
    assert load_draft(second.written).id == "child-j-learning-summary-2"
    assert any("was taken" in c for c in second.checks)
    # Same child, same (absent) area: the second document joins the first one's review.
    assert load_corpus(out_dir).errors == []


def test_new_document_joins_an_existing_review(tmp_corpus: Path, taxonomy: Taxonomy) -> None:
    """The Hampshire board response ingested next to the hand-made learning summary is linked to
    the same review, with an identical review block (the loader checks that they agree)."""
    seed = SEEDS / "001_52b955c7169f962b.txt"
    if not seed.is_file():
        pytest.skip("seed documents not available")
    (tmp_corpus / "hampshire-child-k-board-response.yaml").unlink()
    result = ingest_file(seed, tmp_corpus, taxonomy=taxonomy)
    assert result.outcome is Outcome.WRITTEN
    corpus = load_corpus(tmp_corpus)
    assert corpus.errors == []
    doc = corpus.documents["hampshire-child-k-board-response"]
    summary = corpus.documents["hampshire-child-k-learning-summary"]
    assert doc.review == summary.review
    assert [d.id for d in corpus.linked(doc)] == ["hampshire-child-k-learning-summary"]
    assert any("linked to the review" in c for c in result.checks)
    drafts = [p for p in corpus.problems if p.field == "draft"]
    assert [p.severity for p in drafts] == [Severity.WARNING]


def test_write_new_never_replaces_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "rec.yaml"
    write_new(target, "one\n")
    with pytest.raises(AlreadyExists):
        write_new(target, "two\n")
    assert target.read_text() == "one\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rec.yaml"]


def test_a_failed_write_leaves_nothing_behind(tmp_path: Path, out_dir: Path, taxonomy: Taxonomy,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    src = tmp_path / "a.txt"
    src.write_text(GOOD_TEXT, encoding="utf-8")
    before = _listing(out_dir)

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(yamlio.os, "fsync", disk_full)
    result = ingest_file(src, out_dir, taxonomy=taxonomy)
    assert result.outcome is Outcome.FAILED
    assert result.skipped is not None and "No space left on device" in result.skipped
    monkeypatch.undo()
    assert _listing(out_dir) == before


def _bad_files(tmp_path: Path, briefing: Any) -> dict[str, Path]:
    from pypdf import PdfWriter

    d = tmp_path / "bad"
    d.mkdir()
    files: dict[str, Path] = {}
    files["empty"] = d / "empty.txt"
    files["empty"].write_bytes(b"")
    files["pdf named txt"] = d / "really-a-pdf.txt"
    b = briefing()
    b.title("Learning Briefing Child E").para("Some text.")
    b.save(files["pdf named txt"])
    files["text named pdf"] = d / "not-a-pdf.pdf"
    files["text named pdf"].write_text(GOOD_TEXT, encoding="utf-8")
    files["old word"] = d / "old.doc"
    files["old word"].write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
    files["binary text"] = d / "binary.txt"
    files["binary text"].write_bytes(b"abc\x00\x01\x02def")
    files["huge"] = d / "huge.txt"
    with files["huge"].open("wb") as fh:  # sparse: big to stat, costs no disk
        fh.truncate(MAX_SOURCE_BYTES[".txt"] + 1)
    files["locked"] = d / "locked.pdf"
    w = PdfWriter(clone_from=str(files["pdf named txt"]))
    w.encrypt(user_password="pw", algorithm="RC4-128")
    w.write(str(files["locked"]))
    files["missing"] = d / "missing.pdf"
    files["no text"] = d / "blank.md"
    files["no text"].write_text("\n\n   \n\x1b[2J\n", encoding="utf-8")
    return files


def test_bad_files_get_one_line_each_and_the_batch_goes_on(
        tmp_path: Path, out_dir: Path, taxonomy: Taxonomy, briefing: Any) -> None:
    bad = _bad_files(tmp_path, briefing)
    good = tmp_path / "good.txt"
    good.write_text(GOOD_TEXT, encoding="utf-8")
    paths = [*list(bad.values())[:4], good, *list(bad.values())[4:]]
    results = ingest_paths(paths, out_dir, taxonomy=taxonomy)
    by_name = {r.source.name: r for r in results}
    assert by_name["good.txt"].outcome is Outcome.WRITTEN
    expected = {
        "empty.txt": "the file is empty",
        "really-a-pdf.txt": "the name ends .txt but the content is a PDF; rename it to .pdf",
        "not-a-pdf.pdf": "the name ends .pdf but the content is plain text; rename it to .txt",
        "old.doc": "this is an old-format Word file: open it in Word and save it as .docx "
                   "(ingest reads .pdf, .docx, .md and .txt)",
        "binary.txt": "the name ends .txt but the content is binary data; save it as .pdf, .docx or .txt",
        "huge.txt": "the file is 5.0 MB; the limit for .txt files is 5 MB (split it, or save the "
                    "learning pages on their own)",
        "locked.pdf": "the PDF is password-protected; save a copy without a password and ingest that",
        "missing.pdf": "file not found",
        "blank.md": "no text found in the file",
    }
    assert {name: by_name[name].skipped for name in expected} == expected
    assert all(not r.ok for name, r in by_name.items() if name != "good.txt")
    assert sorted(p.name for p in out_dir.iterdir()) == [
        "child-j-learning-summary.source.txt", "child-j-learning-summary.yaml", "taxonomy.yaml"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX feature")
def test_special_files_are_refused(tmp_path: Path, out_dir: Path, taxonomy: Taxonomy) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)  # reading it would block forever
    result = ingest_file(fifo, out_dir, taxonomy=taxonomy)
    assert (result.outcome, result.skipped) == (Outcome.UNREADABLE, "not a regular file")


HOSTILE = (
    "Learning Briefing Child X \x1b]52;c;ZXZpbA==\x07\x1b[31m[b]bold[/b]\n\n"
    "Learning points\n\n"
    "- Press [@click=app.quit]here[/] and \x1b]8;;http://evil.example\x1b\\a link\x1b]8;;\x1b\\.\n"
    "- Reversed \u202egnirts\u202c text, a bell\x07, backspace\x08 and DEL\x7f.\n"
    "- key: value &anchor *alias !!python/object:os.system [x] {y: 1}\n"
    "- " + "very long line " * 2000 + "\n"
    "- null\n- yes\n- 2018-03\n- '--- \n"
)


def test_hostile_text_is_cleaned_and_kept_literal(tmp_path: Path, out_dir: Path, taxonomy: Taxonomy,
                                                  load_draft: Callable[[Path], Document]) -> None:
    src = tmp_path / "hostile.txt"
    src.write_text(HOSTILE, encoding="utf-8")
    result = ingest_file(src, out_dir, taxonomy=taxonomy)
    assert result.outcome is Outcome.WRITTEN, result.skipped
    assert result.written is not None
    raw = result.written.read_text(encoding="utf-8")
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", raw)
    doc = load_draft(result.written)
    assert doc.title == "Learning Briefing Child X [b]bold[/b]"
    texts = [lp.text for lp in doc.learning_points]
    assert texts[0] == "Press [@click=app.quit]here[/] and a link."
    assert texts[1] == "Reversed gnirts text, a bell, backspace and DEL."
    assert texts[2] == "key: value &anchor *alias !!python/object:os.system [x] {y: 1}"
    assert texts[3].startswith("very long line very long line")
    assert texts[4:] == ["null", "yes", "2018-03", "'---"]  # strings, never null/true/dates


def test_file_name_cannot_break_the_record(tmp_path: Path, out_dir: Path, taxonomy: Taxonomy,
                                           load_draft: Callable[[Path], Document]) -> None:
    src = tmp_path / "evil\nid: hacked\n\x1b[2J.txt"
    src.write_text(GOOD_TEXT, encoding="utf-8")
    result = ingest_file(src, out_dir, taxonomy=taxonomy)
    assert result.outcome is Outcome.WRITTEN, result.skipped
    assert result.written is not None
    doc = load_draft(result.written)
    assert doc.id == "child-j-learning-summary"
    assert doc.source == "evil id: hacked .txt"
    header = result.written.read_text(encoding="utf-8").splitlines()[0]
    assert header == "# DRAFT made by `scrbrowse ingest` from evil id: hacked .txt."


def test_drafts_load_with_the_corpus_and_are_searchable_text(
        tmp_corpus: Path, tmp_path: Path, taxonomy: Taxonomy) -> None:
    src = tmp_path / "j.txt"
    src.write_text(GOOD_TEXT, encoding="utf-8")
    ingest_file(src, tmp_corpus, taxonomy=taxonomy)
    corpus = load_corpus(tmp_corpus)
    assert corpus.errors == []
    doc = corpus.documents["child-j-learning-summary"]
    assert [p.text for p in doc.passages() if p.kind == "learning_point"] == [
        "Always see the baby.", "Ask who else lives in the home."]
    assert len(corpus.documents) == 6


def test_a_draft_that_fails_validation_is_never_written(
        tmp_path: Path, out_dir: Path, taxonomy: Taxonomy, monkeypatch: pytest.MonkeyPatch) -> None:
    from scrbrowse.ingest import pipeline

    src = tmp_path / "a.txt"
    src.write_text(GOOD_TEXT, encoding="utf-8")
    before = _listing(out_dir)
    monkeypatch.setattr(pipeline, "render", lambda record, name: "schema_version: 1\nid: Not An Id\n")
    result = ingest_file(src, out_dir, taxonomy=taxonomy)
    assert result.outcome is Outcome.FAILED
    assert result.skipped is not None and result.skipped.startswith("the draft did not pass validation")
    assert _listing(out_dir) == before


def test_no_usable_taxonomy(tmp_path: Path) -> None:
    from scrbrowse.taxonomy import Taxonomy as Empty

    src = tmp_path / "a.txt"
    src.write_text(GOOD_TEXT, encoding="utf-8")
    result = ingest_file(src, tmp_path / "out", taxonomy=Empty())
    assert result.outcome is Outcome.FAILED
    assert result.skipped == (f"no usable taxonomy.yaml in {tmp_path / 'out'} or the corpus; "
                              "drafts cannot be checked")


def test_folders_give_their_supported_files(tmp_path: Path, out_dir: Path, taxonomy: Taxonomy) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (folder / "picture.png").write_bytes(b"\x89PNG")
    (folder / ".hidden.txt").write_text(GOOD_TEXT, encoding="utf-8")
    empty = tmp_path / "empty-folder"
    empty.mkdir()
    results = ingest_paths([folder, empty], out_dir, taxonomy=taxonomy)
    assert [(r.source.name, r.outcome) for r in results] == [
        ("a.txt", Outcome.WRITTEN), ("empty-folder", Outcome.UNREADABLE)]
    assert results[1].skipped == "a folder with no .pdf, .docx, .md or .txt files in it"
