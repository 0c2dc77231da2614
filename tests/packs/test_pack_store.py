"""PackStore: round trips, private files, backups, rename, trash, the current pack, conflicts."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from scrbrowse import yamlio
from scrbrowse.corpus import Corpus, load_corpus
from scrbrowse.packs import (
    LoadStatus,
    Pack,
    PackConflictError,
    PackError,
    PackExistsError,
    PackItem,
    PackNameError,
    PackNotFoundError,
    PackStore,
    item_from_document,
)
from scrbrowse.paths import data_dir


def test_default_root_is_the_user_data_folder() -> None:
    assert PackStore().root == data_dir() / "packs"


def test_round_trip(store: PackStore, saved_pack: Pack) -> None:
    saved_pack.notes = "Whole-pack notes\nwith two lines, 'quotes', : colons and # hashes"
    saved_pack.set_notes(0, "  leading spaces, trailing spaces  \n\n- not a list\n")
    store.save(saved_pack)
    result = store.load("safe-sleep")
    assert result.status is LoadStatus.OK and result.message == ""
    assert result.pack == saved_pack


def test_files_are_private(store: PackStore, saved_pack: Pack) -> None:
    assert stat.S_IMODE(store.root.stat().st_mode) == 0o700
    for path in (store.path("safe-sleep"), store.backup_path("safe-sleep")):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


def test_an_existing_folder_is_made_private(tmp_path: Path) -> None:
    root = tmp_path / "packs"
    root.mkdir(mode=0o755)
    os.chmod(root, 0o755)
    PackStore(root).create("x")
    assert stat.S_IMODE(root.stat().st_mode) == 0o700


def test_backup_is_the_previous_good_copy(store: PackStore, saved_pack: Pack,
                                          q1: PackItem) -> None:
    before = store.path("safe-sleep").read_text()
    saved_pack.remove(0)
    store.save(saved_pack)
    assert store.backup_path("safe-sleep").read_text() == before
    assert len(store.load("safe-sleep").pack.items) == 1  # type: ignore[union-attr]


def test_create_refuses_existing_and_bad_names(store: PackStore, saved_pack: Pack) -> None:
    with pytest.raises(PackExistsError):
        store.create("Safe Sleep")  # same name once made safe
    with pytest.raises(PackNameError):
        store.create("../escape")
    assert not (store.root.parent / "escape.yaml").exists()


def test_create_uses_the_typed_text_as_title(store: PackStore) -> None:
    pack = store.create("Safe sleep – Sam, May")
    assert (pack.name, pack.title, pack.created) == ("safe-sleep-sam-may", "Safe sleep – Sam, May",
                                                     "2024-05-14")


def test_list(store: PackStore, saved_pack: Pack) -> None:
    store.create("Empty one", "An empty pack")
    infos = store.list()
    assert [(i.name, i.title, i.items, i.restricted, i.problem) for i in infos] == [
        ("empty-one", "An empty pack", 0, False, None),
        ("safe-sleep", "Safe sleep", 2, True, None)]


def test_rename_moves_files_and_current(store: PackStore, saved_pack: Pack) -> None:
    store.set_current("safe-sleep")
    assert store.rename("safe-sleep", "Sleep and alcohol", title="Sleep & alcohol") == \
        "sleep-and-alcohol"
    assert not store.exists("safe-sleep")
    assert store.current() == "sleep-and-alcohol"
    result = store.load("sleep-and-alcohol")
    assert result.pack is not None and result.pack.title == "Sleep & alcohol"
    assert len(result.pack.items) == 2
    assert store.backup_path("sleep-and-alcohol").exists()


def test_rename_refusals(store: PackStore, saved_pack: Pack) -> None:
    store.create("other")
    with pytest.raises(PackExistsError):
        store.rename("safe-sleep", "other")
    with pytest.raises(PackNotFoundError):
        store.rename("nope", "new")
    with pytest.raises(PackNameError):
        store.rename("safe-sleep", "a/b")
    assert store.exists("safe-sleep")


def test_delete_moves_everything_to_the_trash(store: PackStore, saved_pack: Pack) -> None:
    store.set_current("safe-sleep")
    contents = store.path("safe-sleep").read_bytes()
    trashed = store.delete("safe-sleep")
    assert trashed.parent == store.trash and trashed.read_bytes() == contents
    assert stat.S_IMODE(store.trash.stat().st_mode) == 0o700
    assert sorted(p.name for p in store.trash.iterdir()) == [
        "20240514-100000-safe-sleep.yaml", "20240514-100000-safe-sleep.yaml.bak"]
    assert not store.exists("safe-sleep") and store.current() is None
    assert store.list() == []
    with pytest.raises(PackNotFoundError):
        store.delete("safe-sleep")


def test_deleting_twice_in_the_same_second_keeps_both(store: PackStore) -> None:
    store.create("a")
    first = store.delete("a")
    store.create("a")
    second = store.delete("a")
    assert first != second and first.exists() and second.exists()


def test_current_pointer(store: PackStore, saved_pack: Pack) -> None:
    assert store.current() is None
    store.set_current("Safe sleep")
    assert store.current() == "safe-sleep"
    assert PackStore(store.root).current() == "safe-sleep"  # persisted
    (store.root / ".current").write_text("../../etc/passwd")
    assert store.current() is None
    store.set_current(None)
    assert store.current() is None


def test_ensure_current_creates_a_session_pack(store: PackStore) -> None:
    result = store.ensure_current()
    assert result.pack is not None and result.pack.name == "session-2024-05-14"
    assert result.pack.title == "Session 2024-05-14"
    assert store.current() == "session-2024-05-14"
    assert store.ensure_current().pack == result.pack  # the same one next time
    store.set_current(None)
    assert store.ensure_current().pack.name == "session-2024-05-14-2"  # type: ignore[union-attr]


def test_missing_pack_suggests(store: PackStore, saved_pack: Pack) -> None:
    result = store.load("safe-slep")
    assert result.status is LoadStatus.MISSING and result.pack is None
    assert "Did you mean: safe-sleep?" in result.message


def test_bad_name_is_a_result_not_an_exception(store: PackStore) -> None:
    result = store.load("../../etc/passwd")
    assert result.status is LoadStatus.FAILED and "must not contain" in result.message


def test_conflict_with_another_writer(store: PackStore, saved_pack: Pack, lp6: PackItem) -> None:
    other = store.load("safe-sleep").pack
    assert other is not None
    other.notes = "written by the command line"
    store.save(other)
    saved_pack.notes = "written by the app"
    with pytest.raises(PackConflictError, match="changed on disk"):
        store.save(saved_pack)
    store.save(saved_pack, force=True)
    assert store.load("safe-sleep").pack.notes == "written by the app"  # type: ignore[union-attr]
    # and the other writer's version is the backup, not lost
    assert "written by the command line" in store.backup_path("safe-sleep").read_text()


def test_a_new_pack_object_never_replaces_an_existing_file(store: PackStore,
                                                           saved_pack: Pack) -> None:
    with pytest.raises(PackConflictError, match="already exists"):
        store.save(Pack("safe-sleep", "Impostor", None))


def test_crash_mid_write_keeps_the_old_file(store: PackStore, saved_pack: Pack,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    path = store.path("safe-sleep")
    before = path.read_bytes()
    saved_pack.title = "Changed"
    real_replace = os.replace

    def crash(src: str | Path, dst: str | Path) -> None:
        if Path(dst) == path:
            raise OSError(28, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(yamlio.os, "replace", crash)
    with pytest.raises(PackError, match=r"No space left on device.*still open"):
        store.save(saved_pack)
    assert path.read_bytes() == before
    assert not [p for p in store.root.iterdir() if p.name.endswith(".tmp")]
    monkeypatch.undo()
    assert store.load("safe-sleep").pack.title == "Safe sleep"  # type: ignore[union-attr]


def test_too_large_to_save(store: PackStore, saved_pack: Pack) -> None:
    saved_pack.notes = "x" * (3 * 1024 * 1024)
    with pytest.raises(PackError, match="too large"):
        store.save(saved_pack)


def test_snapshot_survives_corpus_changes(tmp_corpus: Path, store: PackStore) -> None:
    corpus = load_corpus(tmp_corpus)
    doc = corpus.get("hampshire-child-k-learning-summary")
    assert doc is not None
    pack = store.create("snap")
    pack.add(item_from_document(doc, "lp-6"))
    store.save(pack)
    record = tmp_corpus / "hampshire-child-k-learning-summary.yaml"
    record.write_text(record.read_text().replace("Awareness of the criminal offence", "CHANGED"))
    changed: Corpus = load_corpus(tmp_corpus)
    assert "CHANGED" in changed.get("hampshire-child-k-learning-summary").passage("lp-6").text  # type: ignore[union-attr]
    loaded = store.load("snap").pack
    assert loaded is not None
    assert loaded.items[0].text.startswith("Awareness of the criminal offence")
