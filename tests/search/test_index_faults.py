"""Issue 16 items 8 and 9: the index under faults, on a corpus big enough for worker processes.

The five-document corpus never starts workers, which is why these faults went unseen."""

from __future__ import annotations

import contextlib
import gc
import importlib
import logging
import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from scrbrowse.search.api import SearchRequest
from scrbrowse.search.engine import SearchEngine
from scrbrowse.search.index import folder as store
from scrbrowse.search.index import opening as lifecycle
from scrbrowse.search.index import update as indexer

ROOT = Path(__file__).resolve().parents[2]
DOCS = indexer.POOL_MIN_FILES + 12


def generate_corpus(out: Path, docs: int = DOCS) -> Path:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    importlib.import_module("bench.generate").generate(out, docs, 1)
    return out


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate_corpus(tmp_path_factory.mktemp("faults") / "corpus")


def test_nothing_writable_builds_a_big_corpus_in_memory(corpus: Path, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch,
                                                        caplog: pytest.LogCaptureFixture) -> None:
    corpus = Path(shutil.copytree(corpus, tmp_path / "corpus"))  # this test removes a file
    monkeypatch.setattr(store, "is_writable", lambda _folder: False)
    with caplog.at_level(logging.WARNING, logger="scrbrowse"):
        engine = SearchEngine.open(corpus, tmp_path / "nowhere")
    try:
        assert engine.status.location == "memory"
        assert engine.status.documents == DOCS
        assert engine.search(SearchRequest("neglect")).total > 0
        # Built in this process, quietly: no worker was asked to open an index it cannot see.
        assert not [r for r in caplog.records if r.levelno >= logging.WARNING], caplog.text
        (corpus / sorted(p.name for p in corpus.glob("*.yaml") if p.name != "taxonomy.yaml")[0]
         ).unlink()
        engine.refresh()
        assert engine.status.documents == DOCS - 1
    finally:
        engine.close()


# -- processes killed alone (issue 16 item 9)

def _gone(pid: int) -> bool:
    return not store.pid_alive(pid)


def _wait_until(check: Callable[[], bool], limit: float = 30.0) -> bool:
    """Poll until check() holds (a generous limit: this waits for the OS, it measures nothing)."""
    end = time.monotonic() + limit
    while time.monotonic() < end:
        if check():
            return True
        time.sleep(0.1)
    return check()


_STUCK_BUILD = """
import os, sys, time
from pathlib import Path
from scrbrowse.search.index import update as indexer
from scrbrowse.search.engine import SearchEngine

marks = Path(sys.argv[3])

def stuck(names):  # a worker that would run for ten minutes
    (marks / str(os.getpid())).write_text("")
    time.sleep(600)

indexer._worker_build = stuck
SearchEngine.open(Path(sys.argv[1]), Path(sys.argv[2]))
"""


def test_workers_die_with_a_killed_parent_and_the_index_is_usable_after(
        corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if not indexer._can_fork():
        pytest.skip("no worker processes on this platform")
    index, marks = tmp_path / "index", tmp_path / "marks"
    marks.mkdir()
    parent = subprocess.Popen([sys.executable, "-c", _STUCK_BUILD, str(corpus), str(index),
                               str(marks)])
    workers: list[int] = []
    try:
        assert _wait_until(lambda: len(list(marks.iterdir())) >= indexer.WORKERS)
        workers = [int(p.name) for p in marks.iterdir()]
        os.kill(parent.pid, signal.SIGKILL)  # the parent alone, as the OOM killer does
        parent.wait()
        assert _wait_until(lambda: all(_gone(w) for w in workers)), "workers outlived the parent"
        # The next open must not wait for a dead build, nor fall back to memory.
        monkeypatch.setattr(lifecycle, "WAIT_FOR_OTHER_BUILDER", 5.0)
        engine = SearchEngine.open(corpus, index)
        try:
            assert engine.status.location == str(index), engine.status
            assert engine.status.documents == DOCS
        finally:
            engine.close()
    finally:
        for pid in [parent.pid, *workers]:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
        parent.wait()


_ORPHANED_LOCK = """
import os, sys, time
from pathlib import Path
from scrbrowse.search.index import folder as store

folder = Path(sys.argv[1])
lock = store.WriteLock(folder)
assert lock.acquire()
lock.mark_busy()
child = os.fork()  # inherits the locked file, as a worker process did
if child == 0:
    time.sleep(600)
    os._exit(0)
(folder / "orphan").write_text(str(child))
time.sleep(600)
"""


def test_a_lock_whose_holder_died_is_broken(tmp_path: Path) -> None:
    folder = tmp_path / "index"
    folder.mkdir()
    holder = subprocess.Popen([sys.executable, "-c", _ORPHANED_LOCK, str(folder)])
    orphan = 0
    try:
        assert _wait_until(lambda: (folder / "orphan").is_file()
                           and (folder / "orphan").read_text().isdigit())
        orphan = int((folder / "orphan").read_text())
        assert not store.WriteLock(folder).acquire(), "held by a live process: not ours to take"
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait()
        assert store.pid_alive(orphan)  # still holds the OS lock on the file
        lock = store.WriteLock(folder)
        assert lock.acquire(), "a lock whose recorded holder is dead was not broken"
        assert lock.interrupted and lock.broke_stale  # the dead holder was mid-update
        lock.release()
    finally:
        for pid in (holder.pid, orphan):
            if pid:
                with contextlib.suppress(OSError):
                    os.kill(pid, signal.SIGKILL)
        holder.wait()


def test_an_update_that_never_finished_stays_marked(tmp_path: Path) -> None:
    """Releasing the lock without `done()` (the update failed) keeps the mark for the next writer,
    and a finished update leaves no holder behind to be mistaken for a dead one."""
    first = store.WriteLock(tmp_path)
    assert first.acquire() and not first.interrupted
    first.mark_busy()
    first.release()
    second = store.WriteLock(tmp_path)
    assert second.acquire() and second.interrupted
    second.mark_busy()
    second.done()
    second.release()
    assert (tmp_path / store.LOCK_FILE).read_text() == ""


def test_an_index_in_memory_spills_only_to_a_private_folder_of_its_own(
        corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Whoosh's RamStorage spills its writer's temporary files to `<tmp>/MAIN.tmp`, one folder
    shared by every process of the machine: two in-memory builds at once deleted each other's
    files (FileNotFoundError), and the text written there was open to other users, or to
    whoever made that name first."""
    shared_tmp = tmp_path / "tmp"
    shared_tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(shared_tmp))
    (shared_tmp / "MAIN.tmp").write_text("someone else's file\n")  # the name is taken
    monkeypatch.setattr(store, "is_writable", lambda _folder: False)
    engine = SearchEngine.open(corpus, tmp_path / "nowhere")
    try:
        assert engine.status.location == "memory" and engine.status.documents == DOCS
        storage = engine._opened.ix.storage
        first, second = storage.temp_storage("MAIN.tmp"), storage.temp_storage("MAIN.tmp")
        try:
            assert first.folder != second.folder
            for st in (first, second):
                assert stat.S_IMODE(os.stat(st.folder).st_mode) == 0o700
        finally:
            first.destroy()
            second.destroy()
    finally:
        engine.close()
    assert (shared_tmp / "MAIN.tmp").read_text() == "someone else's file\n"


def test_an_index_in_memory_leaves_no_folder_behind(
        corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Whoosh's per-document writer asks for a spill folder and never removes it: each in-memory
    build and update left an empty `scrbrowse-index-*.tmp` in the system's temporary folder."""
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp))
    monkeypatch.setattr(store, "is_writable", lambda _folder: False)
    engine = SearchEngine.open(corpus, tmp_path / "nowhere")
    assert engine.status.location == "memory"
    first = next(corpus.glob("*.yaml"))
    first.write_text(first.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    engine.refresh()  # an update writes a segment too
    engine.close()
    del engine
    gc.collect()
    assert list(tmp.iterdir()) == []
