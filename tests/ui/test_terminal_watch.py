"""The app leaves when its terminal goes away without a hang-up signal reaching it (run under
`make run`, a dropped SSH connection): Textual's input thread would otherwise read an ended stdin in
a loop and spin a core for ever. Unwritten review changes are kept first."""

from __future__ import annotations

import os
import select
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from scrbrowse.ingest.review import DRAFTS_FOLDER
from scrbrowse.ui.app import TERMINAL_GONE
from scrbrowse.ui.screens.review import ReviewScreen
from scrbrowse.ui.terminal_watch import TerminalWatch
from scrbrowse.yamlio import read_yaml_file

from .conftest import CORPUS, AppFactory
from .test_review_ui import make_draft, open_review


def test_the_watch_notices_a_terminal_that_has_gone() -> None:
    answers = iter([True, True, False])
    watch = TerminalWatch(0, isatty=lambda _fd: next(answers))
    assert watch.watching
    assert not watch.gone()
    assert watch.gone()


@pytest.mark.parametrize("fd", [None, 0])
def test_no_terminal_at_the_start_means_nothing_to_watch(fd: int | None) -> None:
    watch = TerminalWatch(fd, isatty=lambda _fd: False)
    assert not watch.watching and not watch.gone()


async def test_the_terminal_going_keeps_unwritten_review_changes(
        make_app: AppFactory, corpus_copy: Path, tmp_path: Path) -> None:
    doc_id, path = make_draft(corpus_copy, tmp_path, source_text=False)
    before = path.read_bytes()
    app = make_app(corpus_copy)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_review(pilot, doc_id)
        await pilot.press("d")
        assert screen.review.can_undo
        left = [e["id"] for e in screen.review.record["learning_points"]]
        assert len(left) == 1
        app.terminal_gone()  # nobody is there to answer "quit and lose them?"
        await pilot.pause()
        assert not isinstance(app.screen, ReviewScreen) or not app.is_running
    assert app.return_value == TERMINAL_GONE
    assert path.read_bytes() == before
    kept = list((corpus_copy / DRAFTS_FOLDER).glob("*.unfinished.yaml"))
    assert len(kept) == 1
    assert [e["id"] for e in read_yaml_file(kept[0])["learning_points"]] == left


@pytest.mark.skipif(sys.platform == "win32", reason="a pseudo-terminal is a POSIX thing")
def test_the_real_app_exits_when_its_terminal_closes(tmp_path: Path) -> None:
    import pty

    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    env = {**os.environ, "SCRBROWSE_CONFIG_DIR": str(tmp_path / "config"),
           "SCRBROWSE_DATA_DIR": str(tmp_path / "data"), "SCRBROWSE_CACHE_DIR": str(tmp_path / "cache"),
           "TERM": "xterm-256color"}
    main, child = pty.openpty()
    # The hang-up signal ignored, as under `make run` (make holds it) or a dropped connection.
    proc = subprocess.Popen(
        [sys.executable, "-m", "scrbrowse", "--corpus", str(corpus), "--index", str(tmp_path / "ix")],
        stdin=child, stdout=child, stderr=child, env=env, start_new_session=True,
        preexec_fn=lambda: signal.signal(signal.SIGHUP, signal.SIG_IGN))
    os.close(child)
    try:
        seen = b""
        deadline = time.monotonic() + 60
        while b"documents" not in seen and time.monotonic() < deadline:
            ready, _, _ = select.select([main], [], [], 0.5)
            if ready:
                try:
                    seen += os.read(main, 65536)
                except OSError:
                    break
        assert b"documents" in seen, "the app never drew its results"
        os.close(main)  # the terminal goes away
        assert proc.wait(timeout=30) == TERMINAL_GONE
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
