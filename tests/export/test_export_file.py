"""export_to_file: never overwrites without force, writes atomically, keeps exports private."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from scrbrowse import yamlio
from scrbrowse.export import ExportExistsError, export_to_file


def test_writes_new_file_private(tmp_path: Path) -> None:
    path = export_to_file("hello\n", tmp_path / "out.md")
    assert path.read_text() == "hello\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    target = tmp_path / "out.html"
    target.write_text("precious")
    with pytest.raises(ExportExistsError) as info:
        export_to_file("new", target)
    assert isinstance(info.value, FileExistsError)
    assert str(target) in str(info.value) and "--force" in str(info.value)
    assert target.read_text() == "precious"
    export_to_file("new", target, force=True)
    assert target.read_text() == "new"


def test_refuses_a_dangling_symlink(tmp_path: Path) -> None:
    link = tmp_path / "link.md"
    link.symlink_to(tmp_path / "nowhere.md")
    with pytest.raises(ExportExistsError):
        export_to_file("x", link)


def test_missing_folder_and_directory_target(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="does not exist"):
        export_to_file("x", tmp_path / "no" / "such" / "out.md")
    with pytest.raises(IsADirectoryError):
        export_to_file("x", tmp_path, force=True)


def test_crash_mid_write_leaves_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old contents")

    def boom(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(yamlio.os, "fsync", boom)
    with pytest.raises(OSError, match="No space"):
        export_to_file("new contents " * 1000, target, force=True)
    assert target.read_text() == "old contents"
    assert sorted(os.listdir(tmp_path)) == ["out.txt"]  # no temporary file left behind


def test_new_file_crash_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:

    def boom(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(yamlio.os, "fsync", boom)
    with pytest.raises(OSError, match="No space"):
        export_to_file("x" * 10_000, tmp_path / "new.md")
    assert os.listdir(tmp_path) == []


def test_file_appearing_meanwhile_is_not_overwritten(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:

    target = tmp_path / "race.md"
    real_link = os.link

    def someone_else_first(src: str, dst: str) -> None:
        target.write_text("theirs")
        real_link(src, dst)

    monkeypatch.setattr(yamlio.os, "link", someone_else_first)
    with pytest.raises(ExportExistsError):
        export_to_file("mine", target)
    assert target.read_text() == "theirs"
    assert os.listdir(tmp_path) == ["race.md"]
