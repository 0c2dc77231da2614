"""Static guarantees: the core never imports Textual, and nothing imports a network client."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "scrbrowse"

# Modules that make up the core: they must work (and be timed) without a terminal.
CORE_PACKAGES = ("corpus", "model", "taxonomy", "yamlio", "problems", "textsafe", "paths", "config",
                 "search", "export", "packs", "stats", "ingest", "cli")
NETWORK_MODULES = {"socket", "ssl", "http", "urllib", "urllib3", "requests", "httpx", "aiohttp", "ftplib",
                   "smtplib", "poplib", "imaplib", "telnetlib", "xmlrpc", "webbrowser", "socketserver",
                   "asyncssh", "paramiko", "websockets", "websocket", "grpc"}


def _python_files() -> list[Path]:
    return sorted(SRC.rglob("*.py"))


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_no_network_client_is_imported_anywhere() -> None:
    offenders = {str(p.relative_to(SRC)): sorted(_imports(p) & NETWORK_MODULES) for p in _python_files()}
    assert {k: v for k, v in offenders.items() if v} == {}


def test_core_modules_never_import_textual() -> None:
    core_files = [p for p in _python_files()
                  if p.relative_to(SRC).parts[0].removesuffix(".py") in CORE_PACKAGES
                  and p.name != "app_launch.py"]
    assert core_files
    offenders = [str(p.relative_to(SRC)) for p in core_files if {"textual", "rich"} & _imports(p)]
    assert offenders == []


def test_importing_the_core_loads_no_textual() -> None:
    """At run time too (harlequin-style): importing every core module pulls in neither Textual nor Rich."""
    modules = []
    for p in _python_files():
        rel = p.relative_to(SRC)
        if rel.parts[0].removesuffix(".py") not in CORE_PACKAGES or p.name in ("app_launch.py", "__main__.py"):
            continue
        dotted = ".".join(("scrbrowse", *rel.with_suffix("").parts)).removesuffix(".__init__")
        modules.append(dotted)
    code = ("import importlib, sys\n"
            f"for m in {modules!r}: importlib.import_module(m)\n"
            "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
            "print(bad); sys.exit(1 if bad else 0)\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
