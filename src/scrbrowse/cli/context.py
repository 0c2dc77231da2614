"""What every sub-command gets: resolved corpus and index locations, and shared helpers."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..logs import log_path
from ..paths import resolve_corpus, resolve_index


@dataclass
class CliContext:
    corpus_dir: Path
    index_dir: Path | None  # None: default location with cache fallback
    debug: bool = False

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> CliContext:
        configured = None
        try:
            from ..config import load_config

            configured = load_config().corpus
        except Exception:  # a broken config never stops the command line; the app reports it
            configured = None
        return cls(
            corpus_dir=resolve_corpus(getattr(args, "corpus", None), configured),
            index_dir=resolve_index(getattr(args, "index", None)),
            debug=bool(getattr(args, "debug", False)),
        )

    def log_hint(self) -> str:
        return str(log_path())

    @staticmethod
    def print_json(data: Any) -> None:
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")

    @staticmethod
    def err(message: str) -> None:
        print(f"scrbrowse: {message}", file=sys.stderr)
