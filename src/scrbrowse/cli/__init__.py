"""The `scrbrowse` command line: global options, then one module per sub-command.

Each sub-command module has `register(subparsers)` which adds its parser and sets `func(ctx, args)`.
With no sub-command, the app opens.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from .. import __version__
from ..logs import log, setup_logging
from ..textsafe import one_line
from .context import CliContext, guarded_output

# Sub-command modules, in help order. A module that is not present yet is skipped.
COMMAND_MODULES: tuple[str, ...] = (
    "validate", "index", "search", "export", "pack", "questions", "themes", "ingest", "review", "paths",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="scrbrowse",
        description="Browse and search the published learning from child-safeguarding case reviews.",
        epilog="With no command, the browser opens. Nothing is ever sent over the network.",
    )
    parser.add_argument("--version", action="version", version=f"scrbrowse {__version__}")
    add_global_options(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"scrbrowse.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"scrbrowse.cli.{name}":
                continue
            raise
        module.register(sub)
    return parser


def add_global_options(parser: argparse.ArgumentParser, *, suppress: bool = False) -> None:
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument("--corpus", metavar="DIR", default=default,
                        help="corpus folder (default: $SCRBROWSE_CORPUS, config, or the bundled corpus)")
    parser.add_argument("--index", metavar="DIR", default=default,
                        help="index folder (default: $SCRBROWSE_INDEX, or index/ with a cache fallback)")
    parser.add_argument("--debug", action="store_true", default=argparse.SUPPRESS if suppress else False,
                        help="print details of errors (they always go to the log file)")


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    with guarded_output():  # argparse echoes arguments (file names) in its messages
        args = parser.parse_args(argv)
    setup_logging(debug=getattr(args, "debug", False))
    ctx = CliContext.from_args(args)
    func = getattr(args, "func", None)
    try:
        if func is None:
            from .app_launch import launch_app

            return launch_app(ctx, args)
        with guarded_output():
            result: int = func(ctx, args)
        return result
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # the last line of defence: one plain line, details in the log
        log.exception("unexpected error in %s", args.command or "app")
        with guarded_output():  # the exception's text may quote a file name or a value
            print(f"scrbrowse: {exc.__class__.__name__}: {one_line(str(exc))}", file=sys.stderr)
            print(f"details were written to {one_line(ctx.log_hint())}; run with --debug to "
                  "print them", file=sys.stderr)
            if getattr(args, "debug", False):
                import traceback

                traceback.print_exc()
        return 1
