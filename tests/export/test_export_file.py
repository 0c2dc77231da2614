"""export_to_file: never overwrites without force, writes atomically, keeps exports private."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from scrbrowse import yamlio
from scrbrowse.export import ExportExistsError, ExportTargetError, export_to_file


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


# -- issue 16 item 7: --force replaces regular files only; anything else is refused and named.

needs_posix = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs and symlinks")


@needs_posix
@pytest.mark.parametrize("force", [False, True])
def test_a_fifo_is_refused_and_named(tmp_path: Path, force: bool) -> None:
    fifo = tmp_path / "out.md"
    os.mkfifo(fifo)
    with pytest.raises(ExportTargetError, match=r"is a named pipe \(FIFO\)"):
        export_to_file("x", fifo, force=force)
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


@needs_posix
@pytest.mark.parametrize("force", [False, True])
def test_a_symlink_is_refused_and_neither_it_nor_its_target_changes(tmp_path: Path,
                                                                     force: bool) -> None:
    real = tmp_path / "real.md"
    real.write_text("keep me")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    with pytest.raises(ExportTargetError, match="is a symbolic link") as info:
        export_to_file("x", link, force=force)
    assert str(real) in str(info.value)
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text() == "keep me"


@needs_posix
def test_a_dangling_symlink_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "link.md"
    link.symlink_to(tmp_path / "nowhere.md")
    with pytest.raises(ExportTargetError, match="is a symbolic link"):
        export_to_file("x", link, force=True)
    assert link.is_symlink() and not (tmp_path / "nowhere.md").exists()


def test_a_device_is_refused_even_with_force(tmp_path: Path) -> None:
    # A device node of our own (the null device's numbers), never a real /dev entry: run as
    # root without the fix, this test would replace the node it is given.
    node = tmp_path / "null"
    try:
        os.mknod(node, stat.S_IFCHR | 0o600, os.makedev(1, 3))
    except (AttributeError, PermissionError, OSError) as exc:
        pytest.skip(f"cannot make a device node here: {exc}")
    with pytest.raises(ExportTargetError, match="is a character device"):
        export_to_file("x", node, force=True)
    assert stat.S_ISCHR(node.lstat().st_mode)


@needs_posix
def test_a_socket_is_refused_even_with_force(tmp_path: Path) -> None:
    import socket

    path = tmp_path / "s.md"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(path))
        with pytest.raises(ExportTargetError, match="is a socket"):
            export_to_file("x", path, force=True)
        assert stat.S_ISSOCK(path.lstat().st_mode)


def test_a_folder_is_refused_and_named(tmp_path: Path) -> None:
    with pytest.raises(IsADirectoryError, match="is a folder"):
        export_to_file("x", tmp_path, force=True)


def test_the_exists_hint_says_force_replaces_regular_files_only(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    target.write_text("mine")
    with pytest.raises(ExportExistsError, match="regular file"):
        export_to_file("x", target)
