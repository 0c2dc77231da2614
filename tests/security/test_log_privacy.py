"""The log file can quote restricted text and file names: owner-only, like packs and exports
(issue 16 item 14, the log half)."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from scrbrowse.logs import log, log_path, setup_logging
from scrbrowse.paths import cache_dir

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes (best effort on Windows)")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_log_and_the_folders_made_for_it_are_owner_only(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCRBROWSE_CACHE_DIR", str(tmp_path / "made" / "for" / "cache"))
    old = os.umask(0o000)  # the loosest umask: modes must not depend on it
    try:
        path = setup_logging()
    finally:
        os.umask(old)
    assert path == log_path() and path is not None
    log.info("restricted detail")
    assert mode(path) == 0o600
    assert mode(cache_dir()) == 0o700
    assert mode(tmp_path / "made") == mode(tmp_path / "made" / "for") == 0o700


def test_an_older_world_readable_log_is_tightened() -> None:
    path = log_path()
    path.parent.mkdir(parents=True)
    path.write_text("older lines\n", encoding="utf-8")
    os.chmod(path, 0o644)
    assert setup_logging() == path
    assert mode(path) == 0o600
    assert path.read_text(encoding="utf-8").startswith("older lines\n")  # appended, never lost


def test_an_existing_folder_keeps_its_mode(tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    shared = tmp_path / "shared-cache"
    shared.mkdir(mode=0o755)
    os.chmod(shared, 0o755)
    monkeypatch.setenv("SCRBROWSE_CACHE_DIR", str(shared))
    path = setup_logging()
    assert path is not None and mode(path) == 0o600
    assert mode(shared) == 0o755  # not ours to change
