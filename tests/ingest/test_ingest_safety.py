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


def test_a_checked_record_is_never_replaced(tmp_corpus: Path, taxonomy: Taxonomy) -> None:
    """The hand-checked Hampshire record was made from this seed: ingest recognises its text and
    never replaces it, --force or not (it has no draft: block)."""
    seed = SEEDS / "000_3b68539907c6e6f2.txt"
    if not seed.is_file():
        pytest.skip("seed documents not available")
    record = tmp_corpus / "hampshire-child-k-learning-summary.yaml"
    before = _listing(tmp_corpus)
    for force in (False, True):
        result = ingest_file(seed, tmp_corpus, taxonomy=taxonomy, force=force)
        assert result.outcome is Outcome.EXISTS
        assert result.written == record
        assert result.skipped == (
            f"already in the corpus as {record} (the same text); it is a checked record, which "
            "ingest never replaces (to make a new draft, move that record out of the corpus folder "
            "first)")
    assert _listing(tmp_corpus) == before


def _check(record: Path) -> None:
    """What accepting a draft does: the draft: block goes, the rest stays."""
    data = yamlio.read_yaml_file(record)
    del data["draft"]
    record.write_text(yamlio.dump_yaml(dict(data)), encoding="utf-8")


SUMMARY_A = ("Learning Summary Child A\n\nNorthshire Safeguarding Children Partnership\n\n"
             "Learning points\n\n- Always see the baby at every visit.\n- Ask who else lives in the "
             "home and record it.\n")
SUMMARY_B = ("Learning Summary Child D\n\nSouthshire Safeguarding Children Partnership\n\n"
             "Learning points\n\n- Share concerns about neglect with the school nurse.\n- Hear the "
             "voice of the child in every assessment.\n")


def test_force_never_gives_a_different_document_a_checked_records_id(
        tmp_path: Path, out_dir: Path, taxonomy: Taxonomy) -> None:
    """Two partnerships' summary.txt (issue 16 item 4): the checked record stays byte for byte, and
    the other document becomes a new record with its own id."""
    (tmp_path / "north").mkdir()
    (tmp_path / "south").mkdir()
    first, second = tmp_path / "north" / "summary.txt", tmp_path / "south" / "summary.txt"
    first.write_text(SUMMARY_A, encoding="utf-8")
    second.write_text(SUMMARY_B, encoding="utf-8")
    checked = ingest_file(first, out_dir, taxonomy=taxonomy)
    assert checked.written is not None and checked.doc_id is not None
    _check(checked.written)
    kept = checked.written.read_bytes()

    plain = ingest_file(second, out_dir, taxonomy=taxonomy)
    assert plain.outcome is Outcome.EXISTS
    assert plain.skipped == (
        f"a record made from a file of the same name is in the corpus: {checked.written}; its text "
        "differs. If this is a different document, use --force to add it as a new record (the "
        "existing one is never replaced)")
    forced = ingest_file(second, out_dir, taxonomy=taxonomy, force=True)
    assert forced.outcome is Outcome.WRITTEN and not forced.replaced
    assert forced.doc_id != checked.doc_id and forced.written != checked.written
    assert any(c.startswith(f"source: another record, {checked.written.name}, was made from a file "
                            "of the same name") for c in forced.checks)
    assert checked.written.read_bytes() == kept
    assert not (out_dir / ".replaced").exists()


def test_a_same_named_draft_of_another_document_is_left_alone(
        tmp_path: Path, out_dir: Path, taxonomy: Taxonomy) -> None:
    (tmp_path / "north").mkdir()
    (tmp_path / "south").mkdir()
    first, second = tmp_path / "north" / "summary.txt", tmp_path / "south" / "summary.txt"
    first.write_text(SUMMARY_A, encoding="utf-8")
    second.write_text(SUMMARY_B, encoding="utf-8")
    a = ingest_file(first, out_dir, taxonomy=taxonomy)
    assert a.written is not None
    kept = a.written.read_bytes()
    # The draft records its source's hash, so a different file is known to be different: no
    # --force needed, and --force does not make it a replacement either.
    for force in (False, True):
        b = ingest_file(second, out_dir, taxonomy=taxonomy, force=force)
        assert b.outcome is Outcome.WRITTEN and not b.replaced
        assert b.doc_id != a.doc_id
        assert b.written is not None
        b.written.unlink()
    assert a.written.read_bytes() == kept


def test_force_remakes_a_draft_and_keeps_a_backup(tmp_path: Path, out_dir: Path,
                                                  taxonomy: Taxonomy) -> None:
    src = tmp_path / "a.txt"
    src.write_text(GOOD_TEXT, encoding="utf-8")
    first = ingest_file(src, out_dir, taxonomy=taxonomy)
    assert first.written is not None
    first.written.write_text(first.written.read_text(encoding="utf-8") + "# my note\n",
                             encoding="utf-8")
    edited = first.written.read_bytes()
    again = ingest_file(src, out_dir, taxonomy=taxonomy)
    assert again.outcome is Outcome.EXISTS
    assert again.skipped == (f"already in the corpus as {first.written} (made from a file with the "
                             "same content); use --force to make the draft again (the old draft is "
                             "kept in .replaced/)")
    forced = ingest_file(src, out_dir, taxonomy=taxonomy, force=True)
    assert forced.outcome is Outcome.WRITTEN and forced.replaced
    assert (forced.written, forced.doc_id) == (first.written, first.doc_id)  # same id: packs keep working
    assert forced.backup is not None and forced.backup.parent == out_dir / ".replaced"
    assert forced.backup.read_bytes() == edited  # the edits are kept, byte for byte
    assert f"the old draft is kept as {forced.backup}" in forced.describe()
    assert load_corpus(out_dir).errors == []  # the backup folder is not read as records


def test_near_identical_text_is_the_same_document(tmp_path: Path, out_dir: Path,
                                                  taxonomy: Taxonomy) -> None:
    points = [f"- Point {n}: practitioners should record who lives in the home and see the baby "
              f"in its sleeping place at visit number {n}." for n in range(1, 25)]
    text = "Learning Summary Child N\n\nLearning points\n\n" + "\n".join(points) + "\n"
    original, redownload = tmp_path / "child-n.txt", tmp_path / "child-n (1).txt"
    original.write_text(text, encoding="utf-8")
    redownload.write_text(text.replace("Point 7:", "Point seven:"), encoding="utf-8")
    first = ingest_file(original, out_dir, taxonomy=taxonomy)
    assert first.outcome is Outcome.WRITTEN
    again = ingest_file(redownload, out_dir, taxonomy=taxonomy)
    assert again.outcome is Outcome.EXISTS and again.written == first.written
    assert again.skipped is not None and again.skipped.startswith(
        f"already in the corpus as {first.written} (near-identical text: 9")
    # A different document in the same layout is not a duplicate.
    other = tmp_path / "child-m.txt"
    other.write_text(text.replace("Child N", "Child M").replace("see the baby", "speak to the "
                     "school nurse about"), encoding="utf-8")
    assert ingest_file(other, out_dir, taxonomy=taxonomy).outcome is Outcome.WRITTEN


def test_same_file_again_is_recognised_by_content(tmp_path: Path, out_dir: Path,
                                                  taxonomy: Taxonomy) -> None:
    src = tmp_path / "a.txt"
    src.write_text(GOOD_TEXT, encoding="utf-8")
    first = ingest_file(src, out_dir, taxonomy=taxonomy)
    renamed = tmp_path / "renamed.txt"
    shutil.copy(src, renamed)
    again = ingest_file(renamed, out_dir, taxonomy=taxonomy)
    assert again.outcome is Outcome.EXISTS
    assert again.skipped is not None and "made from a file with the same content" in again.skipped
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
    assert (result.outcome, result.skipped) == (Outcome.UNREADABLE,
                                                "not a regular file: it is a named pipe (FIFO)")


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_symbolic_links_are_refused_unless_asked(tmp_path: Path, out_dir: Path,
                                                 taxonomy: Taxonomy) -> None:
    """passwd.txt -> a private file (issue 16 item 14): never read unless the person says so."""
    private = tmp_path / "private" / "passwords"
    private.parent.mkdir()
    private.write_text("Learning Summary Child P\n\nroot:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    folder = tmp_path / "in"
    folder.mkdir()
    link = folder / "passwd.txt"
    link.symlink_to(private)
    result = ingest_file(link, out_dir, taxonomy=taxonomy)
    assert result.outcome is Outcome.UNREADABLE
    assert result.skipped == (f"a symbolic link to {private}; ingest does not follow links unless "
                              "asked: name the file itself, or use --follow-symlinks")
    # In a folder too: listed with its reason, not silently read or silently dropped.
    results = ingest_paths([folder], out_dir, taxonomy=taxonomy)
    assert [(r.source.name, r.outcome) for r in results] == [("passwd.txt", Outcome.UNREADABLE)]
    assert results[0].skipped == result.skipped
    dangling = folder / "gone.txt"
    dangling.symlink_to(tmp_path / "nothing-here.txt")
    assert ingest_file(dangling, out_dir, taxonomy=taxonomy, follow_symlinks=True).skipped == (
        f"a symbolic link to {tmp_path / 'nothing-here.txt'}, which does not exist")
    assert sorted(p.name for p in out_dir.iterdir()) == ["taxonomy.yaml"]
    followed = ingest_file(link, out_dir, taxonomy=taxonomy, follow_symlinks=True)
    assert followed.outcome is Outcome.WRITTEN
    # Following a link still reads only regular files.
    if hasattr(os, "mkfifo"):
        fifo = tmp_path / "pipe"
        os.mkfifo(fifo)
        (folder / "pipe.txt").symlink_to(fifo)
        assert ingest_file(folder / "pipe.txt", out_dir, taxonomy=taxonomy,
                           follow_symlinks=True).skipped == "not a regular file: it is a named pipe (FIFO)"


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
