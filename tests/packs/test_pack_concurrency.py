"""Two writers meeting on one pack: real processes at once, nothing lost, no lost update called a
success (issue 16 item 5)."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from scrbrowse.corpus import Corpus
from scrbrowse.filelock import LockTimeout, file_lock
from scrbrowse.packs import PackConflictError, PackError, PackStore, item_from_document

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
ITEMS = [("child-s-learning-briefing", f"q-{n}") for n in range(1, 10)] + [
    ("wiltshire-child-k-briefing-note", "q-1")]


def _cli(*argv: str) -> list[str]:
    return [sys.executable, "-m", "scrbrowse", "--corpus", str(CORPUS), *argv]


def test_ten_adds_at_once_keep_every_item() -> None:
    subprocess.run(_cli("pack", "create", "race"), check=True, capture_output=True)
    procs = [subprocess.Popen(_cli("pack", "add", "race", doc, item), stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for doc, item in ITEMS]
    outcomes = [(p.wait(60), *p.communicate()) for p in procs]
    pack = PackStore().load("race").pack
    assert pack is not None
    kept = {(i.doc_id, i.item_id) for i in pack.items}
    # A command that said "added" must never have lost its item.
    for (doc, item), (_, out, _) in zip(ITEMS, outcomes, strict=True):
        if "added" in out:
            assert (doc, item) in kept, f"{doc} {item} was reported added but is not in the pack"
    assert [code for code, _, _ in outcomes] == [0] * len(ITEMS), [e for _, _, e in outcomes]
    assert kept == set(ITEMS)


def test_an_open_pack_saved_after_another_process_changed_it_is_a_conflict(
        corpus: Corpus) -> None:
    """The app's copy of a pack and the command line: the second writer is told, never silent."""
    store = PackStore()
    app_copy = store.create("shared")
    subprocess.run(_cli("pack", "add", "shared", "child-s-learning-briefing", "q-1"), check=True,
                   capture_output=True)
    doc = corpus.get("child-s-learning-briefing")
    assert doc is not None
    app_copy.add(item_from_document(doc, "q-2"))
    with pytest.raises(PackConflictError):
        store.save(app_copy)
    pack = store.load("shared").pack
    assert pack is not None and [i.item_id for i in pack.items] == ["q-1"]


_HOLDER = """
import sys, time
from pathlib import Path
from scrbrowse.filelock import file_lock
with file_lock(Path(sys.argv[1])):
    print("held", flush=True)
    time.sleep(60)
"""


def test_the_lock_of_a_killed_holder_is_free_at_once(tmp_path: Path) -> None:
    """kill -9 (or the OOM killer) never leaves a stale lock behind: the OS drops it."""
    lock = tmp_path / "x.lock"
    holder = subprocess.Popen([sys.executable, "-c", _HOLDER, str(lock)], stdout=subprocess.PIPE,
                              text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(LockTimeout) as caught, file_lock(lock, timeout=0.2):
            pass
        assert f"process {holder.pid}" in str(caught.value)
        os.kill(holder.pid, signal.SIGKILL if hasattr(signal, "SIGKILL") else signal.SIGTERM)
        holder.wait(10)
        with file_lock(lock, timeout=5):
            pass
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait()


def test_a_pack_locked_by_another_process_is_not_saved_over(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch,
                                                             corpus: Corpus) -> None:
    store = PackStore(tmp_path / "packs")
    pack = store.create("busy")
    monkeypatch.setattr("scrbrowse.packs.store.LOCK_TIMEOUT", 0.2)
    holder = subprocess.Popen([sys.executable, "-c", _HOLDER, str(store.lock_path("busy"))],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        before = store.path("busy").read_bytes()
        doc = corpus.get("child-s-learning-briefing")
        assert doc is not None
        pack.add(item_from_document(doc, "q-1"))
        with pytest.raises(PackError, match="being changed by another scrbrowse"):
            store.save(pack)
        assert store.path("busy").read_bytes() == before
    finally:
        holder.kill()
        holder.wait()


def test_a_save_overwritten_by_a_program_without_the_lock_is_not_reported_done(
        tmp_path: Path, corpus: Corpus) -> None:
    """Re-checked after writing: a text editor (no lock) saving at the same moment is noticed."""

    class RacingEditor(PackStore):
        def _write(self, path: Path, text: str) -> None:
            super()._write(path, text)
            if path == self.path("edited"):
                path.write_text("title: the editor's version\nitems: []\n", encoding="utf-8")

    store = RacingEditor(tmp_path / "packs")
    pack = PackStore(tmp_path / "packs").create("edited")
    doc = corpus.get("child-s-learning-briefing")
    assert doc is not None
    pack.add(item_from_document(doc, "q-1"))
    with pytest.raises(PackConflictError, match="changed by another program while it was being"):
        store.save(pack)


def test_threads_share_the_lock_like_processes(tmp_path: Path) -> None:
    import threading

    lock = tmp_path / "t.lock"
    inside: list[int] = []
    overlaps: list[int] = []

    def work(n: int) -> None:
        for _ in range(20):
            with file_lock(lock), file_lock(lock):  # re-entrant for the holding thread
                inside.append(n)
                if len(inside) > 1:
                    overlaps.append(n)
                time.sleep(0.0005)
                inside.remove(n)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert overlaps == []


def test_a_cli_add_during_the_apps_save_is_not_lost(tmp_path: Path, corpus: Corpus) -> None:
    """The app vs the command line: a `pack add` that runs between the app's conflict check and
    its write must wait for the save (and then add to it), not be overwritten by it."""
    cli: list[subprocess.Popen[str]] = []

    class AppStore(PackStore):
        armed = False

        def _parse(self, path: Path, name: str) -> Any:
            parsed = super()._parse(path, name)
            if self.armed:  # inside save, after the conflict check and before the write
                self.armed = False
                cli.append(subprocess.Popen(
                    _cli("pack", "add", "both", "child-s-learning-briefing", "q-2"),
                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
                with contextlib.suppress(subprocess.TimeoutExpired):
                    cli[0].wait(3)  # with the lock it waits for this save; without, it is done
            return parsed

    store = AppStore()
    app_copy = store.create("both")
    doc = corpus.get("child-s-learning-briefing")
    assert doc is not None
    app_copy.add(item_from_document(doc, "q-1"))
    store.armed = True
    store.save(app_copy)
    code = cli[0].wait(60)
    out, err = cli[0].communicate()
    pack = PackStore().load("both").pack
    assert pack is not None
    assert code == 0 and "added" in out, err
    assert sorted(str(i.item_id) for i in pack.items) == ["q-1", "q-2"]


@pytest.mark.skipif(not hasattr(os, "O_NOFOLLOW"), reason="needs O_NOFOLLOW")
def test_a_lock_file_replaced_by_a_symlink_is_not_followed(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("important\n")
    lock = tmp_path / "x.lock"
    lock.symlink_to(victim)
    with pytest.raises(OSError), file_lock(lock, timeout=0.2):
        pass
    assert victim.read_text() == "important\n"
