"""`scrbrowse paths`: where this copy reads and writes everything, for support staff.

Nothing is created or changed: the folders are worked out the same way the app works them out.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from .. import __version__, paths
from ..config import config_path
from ..logs import log_path
from ..textsafe import one_line
from .context import CliContext


def register(sub: Any) -> None:
    from . import add_global_options

    p: argparse.ArgumentParser = sub.add_parser(
        "paths", help="where the corpus, index, settings, packs and log file are",
        description="Print where this copy of scrbrowse reads the corpus and keeps its index, settings, "
                    "session packs and log file. Nothing is created or changed.")
    add_global_options(p, suppress=True)
    p.add_argument("--json", action="store_true", help="print the paths as JSON")
    p.set_defaults(func=run)


def collect(ctx: CliContext) -> dict[str, str]:
    from ..search.index import folder as store

    index = ctx.index_dir if ctx.index_dir is not None else store.default_location(ctx.corpus_dir)
    out = {
        "version": __version__,
        "install": "source checkout" if paths.is_checkout() else "installed package",
        "python": sys.executable,
        "corpus": str(ctx.corpus_dir),
        "index": str(index),
        "index_fallback": str(store.cache_location(ctx.corpus_dir)),
        "config": str(config_path()),
        "packs": str(paths.data_dir() / "packs"),
        "log": str(log_path()),
    }
    if ctx.index_dir is not None or out["index_fallback"] == out["index"]:
        del out["index_fallback"]
    return out


LABELS = {
    "version": "scrbrowse", "install": "running from", "python": "python", "corpus": "corpus",
    "index": "index", "index_fallback": "index if that cannot be written", "config": "settings",
    "packs": "session packs", "log": "log file",
}


def run(ctx: CliContext, args: argparse.Namespace) -> int:
    data = collect(ctx)
    if args.json:
        ctx.print_json(data)
        return 0
    width = max(len(LABELS[k]) for k in data)
    for key, value in data.items():
        # Paths come from the environment and the user's config: shown literally, never as controls.
        print(f"{LABELS[key]:<{width}}  {one_line(value)}")
    return 0
