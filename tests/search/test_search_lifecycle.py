"""The index's life: incremental updates, rebuilds after faults, fallbacks. Never an exception."""

from __future__ import annotations

import gzip
import json
import os
import shutil
from pathlib import Path

import pytest
from whoosh import index as windex

from scrbrowse import paths
from scrbrowse.search.api import SearchRequest
from scrbrowse.search.engine import SearchEngine
from scrbrowse.search.index import folder as store
from scrbrowse.search.index.catalogue import META_FILE

from .conftest import CORPUS

HANTS_LS = "hampshire-child-k-learning-summary"


def found(engine: SearchEngine, query: str) -> list[str]:
    return [h.doc_id for h in engine.search(SearchRequest(query)).hits]


def segment_files(index: Path, part: str) -> list[Path]:
    """The files of one kind of the index's segments (each segment is several files)."""
    return sorted(p for p in index.iterdir() if p.name.startswith("MAIN_") and p.name.endswith(part))


def test_first_open_builds(own_corpus: Path, tmp_path: Path):
    engine = SearchEngine.open(own_corpus, tmp_path / "index")
    assert engine.status.rebuilt and len(engine.last_update.indexed_docs) == 5
    assert engine.status.messages[0].startswith("Built the search index (5 documents")
    assert len(engine.status.updated) == 5
    engine.close()


def test_editing_one_file_reindexes_only_that_file(indexed: tuple[Path, Path]):
    own_corpus, index = indexed
    engine = SearchEngine.open(own_corpus, index)
    assert not engine.status.rebuilt and engine.status.updated == ()
    assert engine.last_update is None  # fresh: nothing was read
    path = own_corpus / "hampshire-child-k-learning-summary.yaml"
    path.write_text(path.read_text().replace("Promoting participation of both parents",
                                             "Promoting participation of zanzibarish parents"))
    status = engine.refresh()
    assert status.updated == ("hampshire-child-k-learning-summary.yaml",)
    assert status.removed == () and not status.rebuilt
    assert engine.last_update.indexed_docs == [HANTS_LS]  # nobody else was re-added
    assert engine.last_update.deleted_docs == [HANTS_LS]
    assert found(engine, "zanzibarish") == [HANTS_LS]
    assert any("Updated the index" in m for m in status.messages)
    # Nothing changed since: nothing is read again, and a new launch is quick and quiet.
    assert engine.refresh().updated == ()
    engine.close()
    again = SearchEngine.open(own_corpus, index)
    assert again.status.updated == () and again.status.messages == ()
    assert found(again, "zanzibarish") == [HANTS_LS]
    again.close()


def test_touching_a_file_without_changing_it_reads_nothing(indexed: tuple[Path, Path]):
    own_corpus, index = indexed
    engine = SearchEngine.open(own_corpus, index)
    path = own_corpus / "wiltshire-child-k-briefing-note.yaml"
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    assert engine.refresh().updated == ()
    engine.close()


def test_adding_and_removing_a_file(indexed: tuple[Path, Path]):
    own_corpus, index = indexed
    engine = SearchEngine.open(own_corpus, index)
    src = (own_corpus / "oxfordshire-child-n-learning-summary.yaml").read_text()
    new = own_corpus / "zz-extra.yaml"
    new.write_text(src.replace("id: oxfordshire-child-n-learning-summary", "id: extra-doc", 1)
                   .replace("Child N had been", "Child N (quokkaword) had been"))
    status = engine.refresh()
    assert status.updated == ("zz-extra.yaml",) and status.documents == 6
    assert engine.last_update.indexed_docs == ["extra-doc"]
    assert found(engine, "quokkaword") == ["extra-doc"]
    new.unlink()
    status = engine.refresh()
    assert status.removed == ("zz-extra.yaml",) and status.documents == 5
    assert found(engine, "quokkaword") == []
    engine.close()


def test_duplicate_ids_first_file_wins_until_it_goes(indexed: tuple[Path, Path]):
    own_corpus, index = indexed
    src = own_corpus / "oxfordshire-child-n-learning-summary.yaml"
    dup = own_corpus / "zz-duplicate.yaml"
    dup.write_text(src.read_text().replace("Child N had been", "Child N (dupmarker) had been"))
    engine = SearchEngine.open(own_corpus, index)
    assert engine.status.documents == 5
    assert any("duplicate document id" in p.message for p in engine.problems)
    assert found(engine, "dupmarker") == []
    src.unlink()  # now the duplicate is the only copy, and it is indexed
    engine.refresh()
    assert found(engine, "dupmarker") == ["oxfordshire-child-n-learning-summary"]
    assert not any("duplicate" in p.message for p in engine.problems)
    engine.close()


def test_problems_are_kept_across_launches(indexed: tuple[Path, Path]):
    own_corpus, index = indexed
    (own_corpus / "broken.yaml").write_text("id: [unclosed\n")
    engine = SearchEngine.open(own_corpus, index)
    assert engine.status.documents == 5
    problems = [p for p in engine.problems if p.file.endswith("broken.yaml")]
    assert problems and problems[0].skipped
    engine.close()
    again = SearchEngine.open(own_corpus, index)  # from the sidecar, nothing parsed
    assert again.status.updated == ()
    assert [p.message for p in again.problems] == [p.message for p in engine.problems]
    again.close()


def test_taxonomy_change_rebuilds(indexed: tuple[Path, Path]):
    own_corpus, index = indexed
    tax = own_corpus / "taxonomy.yaml"
    tax.write_text(tax.read_text().replace("synonyms: [safe sleeping,",
                                           "synonyms: [snoozeword, safe sleeping,"))
    engine = SearchEngine.open(own_corpus, index)
    assert engine.status.rebuilt
    assert any("taxonomy changed" in m for m in engine.status.messages)
    assert "snoozeword" in engine.taxonomy.themes["safe-sleep"].synonyms
    engine.close()


def test_deleting_the_index_folder_rebuilds(indexed: tuple[Path, Path]):
    own_corpus, index = indexed
    shutil.rmtree(index)
    engine = SearchEngine.open(own_corpus, index)
    assert engine.status.rebuilt and engine.status.documents == 5
    assert found(engine, "overlaying")[0] == HANTS_LS
    engine.close()


# Term index, postings, stored passages, and a column the opening check does not read (its size
# is checked against the sidecar).
PARTS = [".trm", ".pst", "._stored.col", "._body_len.col"]


@pytest.mark.parametrize("damage", ["garbage", "truncate", "delete", "empty"])
@pytest.mark.parametrize("part", PARTS)
def test_damaged_segment_rebuilds_with_a_message(indexed: tuple[Path, Path], damage: str, part: str):
    if damage == "garbage" and part == "._body_len.col":
        pytest.skip("scrambled lengths are not detected: they only change scores")
    own_corpus, index = indexed
    seg = segment_files(index, part)[0]
    if damage == "garbage":
        data = bytearray(seg.read_bytes())
        for i in range(0, len(data), 7):
            data[i] = (data[i] * 31 + 17) % 256
        seg.write_bytes(bytes(data))
    elif damage == "truncate":
        seg.write_bytes(seg.read_bytes()[: seg.stat().st_size // 2])
    elif damage == "delete":
        seg.unlink()
    else:
        seg.write_bytes(b"")
    engine = SearchEngine.open(own_corpus, index)
    assert engine.status.rebuilt, engine.status
    assert len(engine.status.messages) == 1
    assert "rebuilt" in engine.status.messages[0]
    assert found(engine, "overlaying")[0] == HANTS_LS
    engine.close()


def test_damaged_table_of_contents_or_sidecar_rebuilds(indexed: tuple[Path, Path]):
    own_corpus, index = indexed
    for toc in index.glob("_MAIN_*.toc"):
        toc.write_bytes(b"\x00garbage")
    engine = SearchEngine.open(own_corpus, index)
    assert engine.status.rebuilt and "rebuilt" in engine.status.messages[0]
    engine.close()
    (index / META_FILE).write_text("{ not json")
    engine = SearchEngine.open(own_corpus, index)
    assert engine.status.rebuilt and "record of its contents" in engine.status.messages[0]
    engine.close()


def test_stale_lock_from_a_killed_update_rebuilds(indexed: tuple[Path, Path]):
    own_corpus, index = indexed
    # A killed writer leaves its marker in our lock file, and Whoosh's lock file behind.
    (index / store.LOCK_FILE).write_text("update started by process 99999 at 0\n")
    (index / "MAIN_WRITELOCK").write_text("")
    engine = SearchEngine.open(own_corpus, index)
    assert engine.status.rebuilt
    assert engine.status.messages == (
        "An earlier index update was interrupted, so the index was rebuilt (5 documents, "
        + engine.status.messages[0].split("(5 documents, ")[1],)
    assert (index / store.LOCK_FILE).read_text() == ""
    engine.close()


def test_older_schema_version_rebuilds(indexed: tuple[Path, Path]):
    own_corpus, index = indexed
    meta = json.loads(gzip.decompress((index / META_FILE).read_bytes()))
    meta["schema"] = "index-0/records-1"
    (index / META_FILE).write_bytes(gzip.compress(json.dumps(meta).encode()))
    engine = SearchEngine.open(own_corpus, index)
    assert engine.status.rebuilt
    assert "another version of scrbrowse" in engine.status.messages[0]
    engine.close()


def test_another_writer_means_searching_the_index_as_it_was(indexed: tuple[Path, Path]):
    own_corpus, index = indexed
    path = own_corpus / "hampshire-child-k-learning-summary.yaml"
    path.write_text(path.read_text().replace("overlaying", "overlayingx"))
    other = store.WriteLock(index)
    assert other.acquire()
    try:
        engine = SearchEngine.open(own_corpus, index)
        assert engine.status.messages[0].startswith("Another scrbrowse is updating the index")
        assert engine.status.updated == ()
        assert found(engine, "overlaying")[0] == HANTS_LS  # the index as it was
    finally:
        other.release()
    # Once the other one is done, a refresh brings the change in.
    assert found(engine, "overlayingx") == []
    engine.refresh()
    assert found(engine, "overlayingx") == [HANTS_LS]
    engine.close()


def test_whoosh_lock_held_by_someone_else(indexed: tuple[Path, Path]):
    own_corpus, index = indexed
    path = own_corpus / "wiltshire-child-k-briefing-note.yaml"
    path.write_text(path.read_text().replace("Invisible fathers", "Invisible fathers zorbl"))
    writer = windex.open_dir(str(index)).writer()  # holds MAIN_WRITELOCK
    try:
        engine = SearchEngine.open(own_corpus, index)
        assert any("Another scrbrowse" in m for m in engine.status.messages)
        assert engine.search(SearchRequest("fathers")).total == 5
    finally:
        writer.cancel()
    engine.close()


def _unwritable(tmp_path: Path) -> Path:
    """A path no one can create, whoever runs the tests: it lies under a regular file."""
    blocker = tmp_path / "blocker"
    blocker.write_text("not a folder")
    return blocker / "index"


def test_unwritable_default_folder_falls_back_to_the_cache(own_corpus: Path, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(paths, "default_index_dir", lambda: _unwritable(tmp_path))
    engine = SearchEngine.open(own_corpus)
    status = engine.status
    assert status.fell_back and not status.read_only
    assert Path(status.location).is_relative_to(paths.cache_dir())
    assert "cannot be written" in status.messages[0]
    assert found(engine, "overlaying")[0] == HANTS_LS
    engine.close()
    again = SearchEngine.open(own_corpus)  # the cache copy is reused, not rebuilt
    assert again.status.fell_back and not again.status.rebuilt
    again.close()


def test_read_only_folder_by_permissions(indexed: tuple[Path, Path]):
    own_corpus, index = indexed
    index.chmod(0o555)
    try:
        if store.is_writable(index):
            pytest.skip("running as a user that can write anywhere (root)")
        engine = SearchEngine.open(own_corpus, index)
        assert engine.status.read_only and not engine.status.rebuilt
        assert found(engine, "overlaying")[0] == HANTS_LS
        engine.close()
    finally:
        index.chmod(0o755)


def test_nothing_writable_opens_an_existing_index_read_only(indexed: tuple[Path, Path],
                                                            monkeypatch: pytest.MonkeyPatch):
    own_corpus, index = indexed
    monkeypatch.setattr(store, "is_writable", lambda _folder: False)
    engine = SearchEngine.open(own_corpus, index)
    assert engine.status.read_only and not engine.status.rebuilt
    assert "read-only" in engine.status.messages[0]
    assert found(engine, "overlaying")[0] == HANTS_LS
    # Stale and unwritable: still searched, and the user is told it may be out of date.
    path = own_corpus / "hampshire-child-k-learning-summary.yaml"
    path.write_text(path.read_text().replace("overlaying", "overlaid"))
    engine.close()
    stale = SearchEngine.open(own_corpus, index)
    assert stale.status.read_only
    assert any("out of date" in m or "changed since" in m for m in stale.status.messages)
    stale.close()


def test_nothing_writable_and_no_index_builds_in_memory(own_corpus: Path, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(store, "is_writable", lambda _folder: False)
    engine = SearchEngine.open(own_corpus, tmp_path / "nowhere")
    assert engine.status.location == "memory"
    assert "memory" in engine.status.messages[0]
    assert found(engine, "overlaying")[0] == HANTS_LS
    path = own_corpus / "hampshire-child-k-learning-summary.yaml"
    path.write_text(path.read_text().replace("overlaying", "overlayingz"))
    engine.refresh()
    assert found(engine, "overlayingz") == [HANTS_LS]
    engine.close()


def test_missing_corpus_folder(tmp_path: Path):
    engine = SearchEngine.open(tmp_path / "no-corpus", tmp_path / "index")
    assert engine.status.documents == 0
    assert any("corpus folder not found" in p.message for p in engine.problems)
    assert engine.search(SearchRequest("fathers")).total == 0
    engine.close()


def test_index_damaged_while_running_is_reported_then_rebuilt(indexed: tuple[Path, Path]):
    own_corpus, index = indexed
    engine = SearchEngine.open(own_corpus, index)
    view = engine._view
    assert view is not None
    view.searcher.close()  # simulate files vanishing under a running app
    view.fast.close()
    result = engine.search(SearchRequest("fathers -nothing"))
    assert result.total == 0 and "could not be read" in result.notes[0]
    status = engine.refresh()
    assert status.rebuilt
    assert engine.search(SearchRequest("fathers")).total == 5
    engine.close()


def test_an_update_of_many_files_reads_them_in_parallel_segments(
        own_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from scrbrowse.search.index import update as indexer

    src = (own_corpus / "oxfordshire-child-n-learning-summary.yaml").read_text()
    for i in range(3):
        (own_corpus / f"copy-{i}.yaml").write_text(
            src.replace("id: oxfordshire-child-n-learning-summary", f"id: copy-{i}", 1))
    engine = SearchEngine.open(own_corpus, tmp_path / "index")
    for i in range(3):  # an update past the (lowered) parallel threshold
        (own_corpus / f"copy-{i}.yaml").write_text(src.replace(
            "id: oxfordshire-child-n-learning-summary", f"id: copy-{i}", 1).replace(
            "Child N had been", f"Child N (copymarker{i}) had been"))
    monkeypatch.setattr(indexer, "POOL_MIN_FILES", 2)
    spy = []
    monkeypatch.setattr(indexer, "_runs", lambda names, parallel: spy.append(parallel) or [
        names[:2], names[2:]])
    status = engine.refresh()
    assert not status.rebuilt and status.documents == 8
    assert spy == [indexer._can_fork()]
    assert engine.last_update.indexed_docs == ["copy-0", "copy-1", "copy-2"]
    assert engine.last_update.deleted_docs == ["copy-0", "copy-1", "copy-2"]
    assert [found(engine, f"copymarker{i}") for i in range(3)] == [["copy-0"], ["copy-1"],
                                                                   ["copy-2"]]
    assert found(engine, "overlaying")[0] == HANTS_LS
    engine.close()


def test_parallel_build_in_several_segments_keeps_the_first_of_duplicate_ids(
        own_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from scrbrowse.search.index import update as indexer

    src = own_corpus / "oxfordshire-child-n-learning-summary.yaml"
    for i in range(3):
        (own_corpus / f"copy-{i}.yaml").write_text(
            src.read_text().replace("id: oxfordshire-child-n-learning-summary", f"id: copy-{i}", 1))
    # Sorted last, so it lands in a later segment than the file it duplicates.
    (own_corpus / "zz-duplicate.yaml").write_text(
        src.read_text().replace("Child N had been", "Child N (dupmarker) had been"))
    monkeypatch.setattr(indexer, "POOL_MIN_FILES", 2)
    monkeypatch.setattr(indexer, "SEGMENT_FILES", 3)
    engine = SearchEngine.open(own_corpus, tmp_path / "index")
    assert engine.status.documents == 8
    assert len({p.name.split(".")[0] for p in (tmp_path / "index").glob("MAIN_*.trm")}) >= 3
    assert any("duplicate document id" in p.message for p in engine.problems)
    assert found(engine, "dupmarker") == []
    assert engine.search(SearchRequest("fathers")).total == 8
    engine.close()
    src.unlink()  # now the duplicate is the only copy, and it is indexed
    engine = SearchEngine.open(own_corpus, tmp_path / "index")
    assert not engine.status.rebuilt
    assert found(engine, "dupmarker") == ["oxfordshire-child-n-learning-summary"]
    engine.close()


def test_a_reader_in_use_survives_an_update_deleting_its_segment_files(indexed: tuple[Path, Path]):
    """Segments are separate files, which W3's reader opens only when first needed; an update that
    replaces them must not break a reader of the previous generation (the app's view, another
    scrbrowse). Our codec's reader opens them all at once (no patch is applied first)."""
    from scrbrowse.search.index.schema import BODY, CONCEPT, DOC_ID, PASSAGES

    own_corpus, index = indexed
    old_files = {p.name for p in index.glob("MAIN_*.col")}
    ix = windex.open_dir(str(index))
    with ix.searcher() as searcher:
        SearchEngine.open(own_corpus, index, rebuild=True).close()
        assert not old_files & {p.name for p in index.glob("MAIN_*.col")}  # all replaced
        reader = searcher.reader()
        for docnum in range(searcher.doc_count_all()):
            assert searcher.stored_fields(docnum)[PASSAGES]
            assert reader.doc_field_length(docnum, BODY) > 0
            assert reader.doc_field_length(docnum, CONCEPT) >= 0
        assert len(list(reader.column_reader(DOC_ID))) == searcher.doc_count_all()


def test_a_corpus_without_a_taxonomy_is_not_rebuilt_on_every_refresh(own_corpus: Path,
                                                                       tmp_path: Path) -> None:
    """The missing taxonomy was recorded as an empty file's state, which never equalled "no file":
    every refresh, and every open, read the whole corpus again (minutes at 10,000 documents)."""
    (own_corpus / "taxonomy.yaml").unlink()
    engine = SearchEngine.open(own_corpus, tmp_path / "index")
    try:
        assert engine.last_update is not None and engine.last_update.rebuilt
        assert any("taxonomy" in p.message for p in engine.problems)
        engine.refresh()
        assert engine.last_update is None  # nothing changed: nothing was read
    finally:
        engine.close()
    again = SearchEngine.open(own_corpus, tmp_path / "index")
    try:
        assert again.last_update is None or not again.last_update.rebuilt
        assert again.status.documents == 5
    finally:
        again.close()
    (own_corpus / "taxonomy.yaml").write_text((CORPUS / "taxonomy.yaml").read_text(encoding="utf-8"),
                                              encoding="utf-8")
    back = SearchEngine.open(own_corpus, tmp_path / "index")  # a taxonomy arriving: rebuilt with it
    try:
        assert back.last_update is not None and back.last_update.rebuilt
    finally:
        back.close()
