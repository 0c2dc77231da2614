"""Opening the app from the command line (kept apart so the CLI never imports Textual otherwise)."""

from __future__ import annotations

import argparse

from .context import CliContext


def launch_app(ctx: CliContext, args: argparse.Namespace) -> int:
    try:
        from ..ui.app import run_app
    except ModuleNotFoundError as exc:
        if not (exc.name or "").startswith("scrbrowse.ui"):
            raise
        # Until the browser exists, show the corpus check so `make run` still does something useful.
        from .validate import run as run_validate

        return run_validate(ctx, argparse.Namespace(json=False, strict=False))
    return run_app(ctx, args)
