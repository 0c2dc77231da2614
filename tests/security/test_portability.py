"""Windows portability (issue 17): the write paths work without POSIX-only functions, and no
POSIX-only call is made outside a guarded place.

Supervisors mostly run Windows, where `os.fchmod`, `os.fork`, `fcntl`, ... do not exist (before
Python 3.13 for fchmod). CI runs Linux, so these tests take those functions away and run what saves
a pack, the settings, an export, an ingest draft, and builds and updates the index.
"""

from __future__ import annotations

import ast
import os
import shutil
from pathlib import Path

import pytest

from scrbrowse import portable

SRC = Path(__file__).resolve().parents[2] / "src" / "scrbrowse"
CORPUS = Path(__file__).resolve().parents[2] / "corpus"

# Functions and constants of `os` that Windows does not have (or that mean nothing there).
POSIX_ONLY_OS = frozenset({
    "fchmod", "fchown", "chown", "lchown", "getuid", "geteuid", "getgid", "getegid", "getgroups",
    "setuid", "setgid", "setsid", "getsid", "setpgid", "getpgid", "killpg", "fork", "forkpty",
    "mkfifo", "mknod", "statvfs", "fstatvfs", "sync", "fdatasync", "pipe2", "posix_fadvise",
    "sched_getaffinity", "O_NOFOLLOW", "O_DIRECTORY", "O_CLOEXEC", "WNOHANG", "getloadavg",
    "pread", "pwrite", "sendfile", "wait3", "wait4", "nice", "uname",
})
POSIX_ONLY_MODULES = frozenset({"fcntl", "termios", "tty", "pty", "pwd", "grp", "resource", "posix",
                                "syslog", "crypt", "spwd"})
POSIX_ONLY_SIGNALS = frozenset({"SIGKILL", "SIGHUP", "SIGALRM", "SIGCHLD", "SIGUSR1", "SIGUSR2",
                                "SIGQUIT", "SIGSTOP", "SIGCONT", "SIGPIPE", "alarm", "setitimer",
                                "pthread_kill", "siginterrupt"})
MARK = "# portable:"


def posix_only_uses(source: str, filename: str = "<src>") -> list[tuple[int, str]]:
    """(line, what) for every POSIX-only API used in `source` on a line without a `# portable:`
    note saying how it is guarded."""
    tree = ast.parse(source, filename)
    lines = source.splitlines()
    found: list[tuple[int, str]] = []

    def unguarded(node: ast.AST) -> bool:
        line = lines[node.lineno - 1] if 0 < node.lineno <= len(lines) else ""  # type: ignore[attr-defined]
        return MARK not in line

    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            mod, name = node.value.id, node.attr
            if ((mod == "os" and name in POSIX_ONLY_OS) or (mod == "signal" and name in POSIX_ONLY_SIGNALS)) \
                    and unguarded(node):
                found.append((node.lineno, f"{mod}.{name}"))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] in POSIX_ONLY_MODULES and unguarded(node):
                    found.append((node.lineno, f"import {alias.name}"))
        elif isinstance(node, ast.ImportFrom):
            if (node.module or "").split(".")[0] in POSIX_ONLY_MODULES and unguarded(node):
                found.append((node.lineno, f"from {node.module} import ..."))
            if node.module == "os":
                for alias in node.names:
                    if alias.name in POSIX_ONLY_OS and unguarded(node):
                        found.append((node.lineno, f"from os import {alias.name}"))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name | ast.Attribute):
            name = node.func.id if isinstance(node.func, ast.Name) else node.func.attr
            if name in ("get_context", "set_start_method") and any(
                    isinstance(a, ast.Constant) and a.value in ("fork", "forkserver") for a in node.args) \
                    and unguarded(node):
                found.append((node.lineno, f"{name}('fork')"))
    return found


def test_no_unguarded_posix_only_call_in_the_code() -> None:
    problems = []
    for path in sorted(SRC.rglob("*.py")):
        if path.name == "portable.py":  # the one module whose job is to guard them
            continue
        for line, what in posix_only_uses(path.read_text(encoding="utf-8"), str(path)):
            problems.append(f"{path.relative_to(SRC)}:{line}: {what}")
    assert problems == [], (
        "POSIX-only APIs used outside scrbrowse/portable.py without a '# portable: <how it is "
        "guarded>' note (they fail on Windows):\n" + "\n".join(problems))


@pytest.mark.parametrize("snippet", [
    "import os\nos.fchmod(fd, 0o600)\n",
    "import fcntl\n",
    "from os import getuid\n",
    "import signal\nsignal.alarm(3)\n",
    "from multiprocessing import get_context\nctx = get_context('fork')\n",
])
def test_the_check_catches_each_kind_of_posix_only_call(snippet: str) -> None:
    assert posix_only_uses(snippet)
    guarded = "\n".join(line + "  # portable: guarded" if line.strip() and not line.startswith("from multi")
                        and not line.startswith("import os") else line for line in snippet.splitlines())
    assert posix_only_uses(guarded) == []


@pytest.fixture
def windows_like_os(monkeypatch: pytest.MonkeyPatch) -> None:
    """Take away what Windows lacks. Code that needs one of these must go through `portable`."""
    for name in ("fchmod", "fchown", "chown", "lchown", "getuid", "geteuid", "getgid", "fork",
                 "forkpty", "killpg", "setsid", "getpgid", "mkfifo", "statvfs", "fstatvfs"):
        if hasattr(os, name):
            monkeypatch.delattr(os, name)


def _big_corpus(dest: Path, copies: int) -> Path:
    """The bundled corpus plus renamed copies, enough files to take the parallel build path."""
    shutil.copytree(CORPUS, dest)
    originals = [p for p in dest.glob("*.yaml") if p.name != "taxonomy.yaml"]
    for i in range(copies):
        src = originals[i % len(originals)]
        text = src.read_text(encoding="utf-8")
        doc_id = next(line.split(":", 1)[1].strip() for line in text.splitlines() if line.startswith("id:"))
        (dest / f"copy-{i:03d}-{src.name}").write_text(
            text.replace(f"id: {doc_id}", f"id: copy-{i:03d}-{doc_id}", 1), encoding="utf-8")
    return dest


def test_pack_config_export_and_draft_are_saved_without_posix_functions(
        windows_like_os: None, tmp_path: Path) -> None:
    from scrbrowse.config import Config, load_config, save_config
    from scrbrowse.export.files import export_to_file
    from scrbrowse.ingest.pipeline import ingest_file
    from scrbrowse.packs.model import Citation, PackItem
    from scrbrowse.packs.store import PackStore

    store = PackStore(tmp_path / "packs")
    pack = store.create("Safe sleep")
    pack.add(PackItem(kind="question", item_id="q-1", text="Do I speak to both parents?",
                      citation=Citation("child-s-learning-briefing", "Child S", "Learning briefing")))
    store.save(pack)
    assert store.load("safe-sleep").pack.items  # type: ignore[union-attr]
    store.save(store.load("safe-sleep").pack)  # type: ignore[arg-type]  # a second save keeps a .bak
    assert store.backup_path("safe-sleep").exists()

    cfg_path = tmp_path / "config.yaml"
    save_config(Config(theme="light"), cfg_path)
    save_config(Config(theme="dark"), cfg_path)
    assert load_config(cfg_path).theme == "dark"

    out = export_to_file("# export\n", tmp_path / "out.md")
    assert out.read_text(encoding="utf-8") == "# export\n"
    export_to_file("# again\n", out, force=True)

    src = tmp_path / "briefing.txt"
    src.write_text("Learning briefing: Child Z\n\nLearning points\n\n- Think family.\n"
                   "- Share information early.\n\nQuestions\n\n- How do you hear the child?\n",
                   encoding="utf-8")
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    shutil.copy2(CORPUS / "taxonomy.yaml", drafts / "taxonomy.yaml")
    result = ingest_file(src, drafts)
    assert result.written is not None and result.written.exists(), result


@pytest.mark.slow
def test_index_build_and_update_without_posix_functions(windows_like_os: None, tmp_path: Path) -> None:
    from scrbrowse.search.api import Filters, SearchRequest
    from scrbrowse.search.engine import SearchEngine
    from scrbrowse.search.index.update import POOL_MIN_FILES

    assert not portable.can_fork()  # the build must then work in one process
    corpus = _big_corpus(tmp_path / "corpus", POOL_MIN_FILES + 4)
    eng = SearchEngine.open(corpus, tmp_path / "index")
    try:
        assert eng.status.documents == POOL_MIN_FILES + 4 + 5
        edited = next(corpus.glob("copy-000-*.yaml"))
        edited.write_text(edited.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
        eng.refresh()
        hits = eng.search(SearchRequest(query="overlaying", filters=Filters())).hits
        assert hits
    finally:
        eng.close()
