"""No network, ever: every command runs with internet sockets and name lookups blocked.

Unix-domain socket pairs stay allowed: asyncio (and so the app) uses one as its internal wake-up pipe,
and it never leaves the process.
"""

from __future__ import annotations

import shutil
import socket
from pathlib import Path

import pytest

from scrbrowse.cli import main

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"


def test_the_guard_itself_catches_a_connection(no_network: list[str]) -> None:
    with pytest.raises(AssertionError, match="network"):
        socket.create_connection(("127.0.0.1", 9))
    with pytest.raises(AssertionError, match="network"):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    a, b = socket.socketpair()  # local pipes are fine
    a.close()
    b.close()
    no_network.clear()


def _commands(corpus: Path, index: Path, out: Path) -> list[list[str]]:
    g = ["--corpus", str(corpus), "--index", str(index)]
    cmds = [
        [*g, "validate"],
        [*g, "index", "--rebuild"],
        [*g, "index"],
        [*g, "search", "co-sleeping"],
        [*g, "search", "fathers", "--json", "--theme", "unknown-men"],
        [*g, "search", "brusing"],
        [*g, "export", "child-s-learning-briefing", "--format", "html", "-o", str(out / "s.html")],
        [*g, "export", "hampshire-child-k-learning-summary", "--format", "md", "-o", str(out / "k.md")],
        [*g, "export", "oxfordshire-child-n-learning-summary", "--format", "txt"],
        [*g, "pack", "create", "net-test", "--title", "Network test"],
        [*g, "pack", "add", "net-test", "child-s-learning-briefing", "q-1"],
        [*g, "pack", "list"],
        [*g, "pack", "show", "net-test"],
        [*g, "pack", "export", "net-test", "--format", "html", "-o", str(out / "p.html")],
        [*g, "questions", "--theme", "safe-sleep", "--json"],
        [*g, "themes", "--json"],
    ]
    if SEEDS.is_dir():
        cmds.append([*g, "ingest", "--dry-run", "--out", str(out / "drafts"), str(SEEDS / "000_3b68539907c6e6f2.txt")])
    return cmds


def test_every_command_runs_without_network(no_network: list[str], tmp_corpus: Path, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    index = tmp_path / "index"
    out = tmp_path / "out"
    out.mkdir()
    for argv in _commands(tmp_corpus, index, out):
        code = main(argv)
        captured = capsys.readouterr()
        assert code == 0, f"{argv} exited {code}: {captured.out[-2000:]} {captured.err[-2000:]}"
    assert (out / "s.html").is_file() and (out / "p.html").is_file()


def test_ingest_writes_without_network(no_network: list[str], tmp_corpus: Path, tmp_path: Path) -> None:
    if not SEEDS.is_dir():
        pytest.skip("source documents not present")
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(SEEDS / "003_af510b5c5f9a0775.txt", src / "briefing.txt")
    assert main(["--corpus", str(tmp_corpus), "--index", str(tmp_path / "ix"), "ingest",
                 str(src / "briefing.txt"), "--out", str(tmp_path / "drafts")]) == 0
