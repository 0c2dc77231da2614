"""Damaged or hand-edited pack files: a clear message (file, line, what, how to fix), recovery from
the previous good copy, never a traceback, and never a silent loss: the damaged bytes stay on disk."""

from __future__ import annotations

from pathlib import Path

import pytest

from scrbrowse.packs import LoadStatus, Pack, PackError, PackStore
from scrbrowse.packs import store as store_module

BAD_FILES: dict[str, bytes] = {
    "bad YAML": b"title: Safe sleep\nitems:\n  - kind: question\n   doc_id: [unclosed\n",
    "binary": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
    "not UTF-8": b"title: caf\xe9\nitems: []\n",
    "a list, not a mapping": b"- one\n- two\n",
    "empty": b"",
    "items not a list": b"schema_version: 1\ntitle: T\nitems: {a: 1}\n",
    "alias bomb": b"a: &a [x, x]\nb: &b [*a, *a]\nitems: *b\n",
    "impossible date": b"schema_version: 1\ntitle: T\ncreated: 2024-02-30\nitems: []\n",
    "python tag": b"title: !!python/object/apply:os.system ['echo hi']\nitems: []\n",
}


def _all_bytes(root: Path) -> bytes:
    """Every byte stored under the packs folder (to check nothing was lost)."""
    return b"".join(p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file())


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_unreadable_file_recovers_from_backup(store: PackStore, saved_pack: Pack,
                                              case: str) -> None:
    path = store.path("safe-sleep")
    good = path.read_text()
    saved_pack.notes = "second save"
    store.save(saved_pack)  # now .bak holds `good`
    path.write_bytes(BAD_FILES[case])

    result = store.load("safe-sleep")

    assert result.status is LoadStatus.RECOVERED, result.message
    assert result.pack is not None and len(result.pack.items) == 2
    assert str(path) in result.message and "previous good copy" in result.message
    assert result.problems and result.problems[0].file == str(path)
    # the damaged file is kept, byte for byte, next to the pack, and named in the message
    assert result.kept is not None and result.kept.read_bytes() == BAD_FILES[case]
    assert result.kept.name.startswith("safe-sleep.yaml.corrupt-20240514-100000")
    assert result.kept.name in result.message
    # the recovered copy is back in place and loads cleanly next time
    assert path.read_text() == good
    assert store.load("safe-sleep").status is LoadStatus.OK
    # and saving the recovered pack works (the signature was taken)
    store.save(result.pack)


def test_message_names_file_line_and_fix(store: PackStore, saved_pack: Pack) -> None:
    store.path("safe-sleep").write_text("title: x\nitems:\n  - kind: question\n   doc_id: [unclosed\n")
    result = store.load("safe-sleep")
    first = result.problems[0]
    assert first.line == 4
    assert f"{store.path('safe-sleep')}:4" in result.message
    assert "hint:" in result.message


def test_without_a_backup_the_file_is_left_untouched(store: PackStore) -> None:
    store.root.mkdir(parents=True)
    path = store.path("hand-made")
    path.write_bytes(b"title: [broken\n")
    result = store.load("hand-made")
    assert result.status is LoadStatus.FAILED and result.pack is None
    assert "no backup copy" in result.message and "left as it is" in result.message
    assert path.read_bytes() == b"title: [broken\n"
    # Nothing written beside it (the lock folder only holds the pack's lock file).
    assert sorted(p.name for p in store.root.iterdir() if p.name != ".locks") == ["hand-made.yaml"]
    # list() reports it without raising
    (info,) = store.list()
    assert info.name == "hand-made" and info.problem and "cannot be read" in info.problem


def test_a_bad_backup_is_not_used(store: PackStore, saved_pack: Pack) -> None:
    store.save(saved_pack)
    store.path("safe-sleep").write_bytes(b"\x00binary")
    store.backup_path("safe-sleep").write_bytes(b"items: 3\n")
    result = store.load("safe-sleep")
    assert result.status is LoadStatus.FAILED
    assert "cannot be used either" in result.message
    assert store.path("safe-sleep").read_bytes() == b"\x00binary"


def test_hand_edit_with_bad_fields_is_repaired_and_the_original_kept(store: PackStore,
                                                                      saved_pack: Pack) -> None:
    path = store.path("safe-sleep")
    text = path.read_text()
    edited = (text.replace("notes: ''\nitems:", "note: typo for notes\nnotes: ''\nitems:", 1)
              .replace("kind: learning_point", "kind: learning-point-typo", 1))
    edited += "- just a string, not an item\n"
    path.write_text(edited)

    result = store.load("safe-sleep")

    assert result.status is LoadStatus.REPAIRED
    assert result.pack is not None and [i.kind for i in result.pack.items] == ["question"]
    messages = " | ".join(p.format() for p in result.problems)
    assert "unknown field 'note'" in messages and "did you mean 'notes'?" in messages
    assert "unknown kind 'learning-point-typo'" in messages
    assert "must be a mapping, not str" in messages
    assert result.kept is not None and result.kept.read_text() == edited
    assert "kept as" in result.message and "previous good copy is still at" in result.message
    assert store.load("safe-sleep").status is LoadStatus.OK


def test_wrong_types_and_missing_fields(store: PackStore) -> None:
    store.root.mkdir(parents=True)
    store.path("typed").write_text(
        "schema_version: 1\n"
        "title: [not, text]\n"
        "created: 2024-05-14\n"
        "notes: 12\n"
        "items:\n"
        "  - kind: question\n"  # no doc_id, no citation
        "    text: orphan\n"
        "  - kind: question\n"
        "    doc_id: d\n"
        "    item_id: q-1\n"
        "    text: 42\n"
        "    citation: {review: R, document: D, published: 2020}\n"
        "    restriction: yes please\n")
    result = store.load("typed")
    assert result.status is LoadStatus.REPAIRED
    pack = result.pack
    assert pack is not None
    assert pack.title == "typed" and pack.created == "2024-05-14" and pack.notes == "12"
    (item,) = pack.items
    assert item.text == "42" and item.citation.published == "2020"
    # an unreadable restriction still restricts (fail safe)
    assert item.restriction is not None and item.restriction.wording == "yes please"
    fields = {p.field for p in result.problems}
    assert {"title", "items[0].doc_id", "items[0].citation", "items[1].restriction"} <= fields


def test_newer_version_is_left_alone(store: PackStore, saved_pack: Pack) -> None:
    path = store.path("safe-sleep")
    text = path.read_text().replace("schema_version: 1", "schema_version: 7")
    path.write_text(text)
    result = store.load("safe-sleep")
    assert result.status is LoadStatus.FAILED and "newer scrbrowse" in result.message
    assert path.read_text() == text
    assert not list(store.root.glob("*.corrupt-*"))


def test_huge_file(store: PackStore, saved_pack: Pack) -> None:
    path = store.path("safe-sleep")
    huge = b"# " + b"x" * (3 * 1024 * 1024) + b"\n"
    path.write_bytes(huge)
    result = store.load("safe-sleep")
    assert result.status is LoadStatus.RECOVERED and "larger than" in result.message
    assert result.kept is not None and result.kept.stat().st_size == len(huge)


def test_only_the_backup_left(store: PackStore, saved_pack: Pack) -> None:
    store.save(saved_pack)
    store.path("safe-sleep").unlink()
    (info,) = store.list()
    assert info.problem and "only the backup" in info.problem
    result = store.load("safe-sleep")
    assert result.status is LoadStatus.RECOVERED and result.pack is not None
    assert store.path("safe-sleep").exists()


def test_cannot_set_aside_means_read_only(store: PackStore, saved_pack: Pack,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    store.save(saved_pack)
    path = store.path("safe-sleep")
    path.write_bytes(b"{broken")

    def refuse(src: object, dst: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(store_module.os, "replace", refuse)
    result = store.load("safe-sleep")
    monkeypatch.undo()
    assert result.status is LoadStatus.RECOVERED and result.pack is not None
    assert result.pack.read_only and "read-only" in result.message
    assert path.read_bytes() == b"{broken"
    with pytest.raises(PackError, match="read-only"):
        store.save(result.pack)


def test_saving_over_a_damaged_file_keeps_it(store: PackStore, saved_pack: Pack) -> None:
    store.save(saved_pack)
    good_backup = store.backup_path("safe-sleep").read_bytes()
    path = store.path("safe-sleep")
    path.write_bytes(b"damaged by hand")
    saved_pack.notes = "new"
    store.save(saved_pack, force=True)
    assert store.backup_path("safe-sleep").read_bytes() == good_backup  # not the damaged file
    kept = list(store.root.glob("safe-sleep.yaml.corrupt-*"))
    assert [k.read_bytes() for k in kept] == [b"damaged by hand"]


def test_nothing_is_ever_lost(store: PackStore, saved_pack: Pack) -> None:
    store.save(saved_pack)
    for n, bad in enumerate(BAD_FILES.values()):
        marker = f"# marker {n}\n".encode()
        store.path("safe-sleep").write_bytes(marker + bad)
        store.load("safe-sleep")
        assert marker + bad in _all_bytes(store.root)


def test_backup_preferred_when_the_edit_loses_more_items(store: PackStore, saved_pack: Pack) -> None:
    store.save(saved_pack)  # the backup has both items
    path = store.path("safe-sleep")
    edited = path.read_text().replace("  citation:", "  citatoin:")  # a typo on every item
    path.write_text(edited)
    result = store.load("safe-sleep")
    assert result.status is LoadStatus.RECOVERED
    assert result.pack is not None and len(result.pack.items) == 2
    assert "2 items of 2 could not be read; the previous good copy has 2." in result.message
    assert result.kept is not None and result.kept.read_text() == edited
