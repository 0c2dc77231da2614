"""`scrbrowse pack ...`: list, show, export, create, add to, rename and delete session packs.

Packs live in the user data folder (see docs/exports-and-packs.md). A damaged pack file is reported
on standard error with what was done about it; it never stops the command with a traceback.
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from typing import Any

from ..corpus import load_corpus
from ..export import export_pack
from ..packs import (
    LoadResult,
    LoadStatus,
    Pack,
    PackError,
    PackStore,
    item_from_document,
    make_name,
    pack_to_data,
)
from ..textsafe import clean, one_line
from .context import CliContext, print_json
from .export import add_output_options, chosen_format, find_document, write_export

WIDTH = 78


def register(sub: Any) -> None:
    from . import add_global_options

    p: argparse.ArgumentParser = sub.add_parser(
        "pack", help="session packs: list, show, export, create, add, rename, delete",
        description="Session packs gather learning points, questions and documents for a "
                    "supervision session. The app builds them; these commands list, show and "
                    "export them, and can build them too.")
    actions = p.add_subparsers(dest="pack_action", metavar="ACTION", required=True)

    def action(name: str, help_text: str) -> argparse.ArgumentParser:
        a: argparse.ArgumentParser = actions.add_parser(name, help=help_text, description=help_text)
        add_global_options(a, suppress=True)
        return a

    a = action("list", "list the packs")
    a.add_argument("--json", action="store_true", help="print the list as JSON")
    a.set_defaults(func=run_list)

    a = action("show", "show the items of a pack")
    a.add_argument("name", metavar="NAME")
    a.add_argument("--json", action="store_true", help="print the pack as JSON")
    a.set_defaults(func=run_show)

    a = action("export", "export a pack as Markdown, plain text or printable HTML")
    a.add_argument("name", metavar="NAME")
    add_output_options(a)
    a.set_defaults(func=run_export)

    a = action("create", "create an empty pack")
    a.add_argument("name", metavar="NAME", help="a name; 'Safe sleep' becomes safe-sleep")
    a.add_argument("--title", help="the title (default: NAME as typed)")
    a.add_argument("--current", action="store_true", help="make it the pack the app adds to")
    a.set_defaults(func=run_create)

    a = action("add", "add a whole document, or one of its items, to a pack")
    a.add_argument("name", metavar="NAME")
    a.add_argument("doc_id", metavar="DOC_ID")
    a.add_argument("item_id", metavar="ITEM_ID", nargs="?",
                   help="e.g. q-3 or lp-2 (see `scrbrowse questions`); omit for the whole document")
    a.add_argument("--note", default="", help="your notes for this item")
    a.set_defaults(func=run_add)

    a = action("rename", "give a pack a new name (and title)")
    a.add_argument("name", metavar="NAME")
    a.add_argument("new_name", metavar="NEW_NAME")
    a.add_argument("--title", help="a new title (default: unchanged)")
    a.set_defaults(func=run_rename)

    a = action("delete", "move a pack to the trash folder (asks first)")
    a.add_argument("name", metavar="NAME")
    a.add_argument("--yes", "-y", action="store_true", help="do not ask for confirmation")
    a.set_defaults(func=run_delete)


def _store() -> PackStore:
    return PackStore()


def _tell(ctx: CliContext, result: LoadResult) -> bool:
    """Say what loading did (a repair, a recovery, why it failed); False if there is no pack."""
    if result.status is LoadStatus.MISSING:
        ctx.err(one_line(result.message) + " (`scrbrowse pack list` shows them all)")
        return False
    if result.message:
        for line in clean(result.message).splitlines():
            print(f"scrbrowse: {line}", file=sys.stderr)
    return result.pack is not None


def _open(ctx: CliContext, store: PackStore, name: str) -> Pack | None:
    """Load a pack, telling the user about any repair or recovery. None after an error message."""
    result = store.load(name)
    return result.pack if _tell(ctx, result) else None


def run_list(ctx: CliContext, args: argparse.Namespace) -> int:
    store = _store()
    infos = store.list()
    current = store.current()
    if args.json:
        print_json({"folder": str(store.root), "current": current, "packs": [
            {"name": i.name, "title": i.title, "items": i.items, "created": i.created,
             "modified": i.modified.isoformat(timespec="seconds"), "restricted": i.restricted,
             "problem": i.problem} for i in infos]})
        return 0
    if not infos:
        print(f"No packs yet (folder: {one_line(str(store.root))}). "
              "Create one with `scrbrowse pack create NAME`.")
        return 0
    for i in infos:
        mark = "*" if i.name == current else " "
        bits = [f"{i.items} item{'s' if i.items != 1 else ''}",
                f"modified {i.modified:%Y-%m-%d %H:%M}"]
        if i.restricted:
            bits.append("has restricted items")
        print(f"{mark} {i.name:<24} {one_line(i.title, 40):<40} {', '.join(bits)}")
        if i.problem:
            print(f"    problem: {one_line(i.problem, 120)} (`scrbrowse pack show {i.name}` explains)")
    print(f"\n{len(infos)} pack{'s' if len(infos) != 1 else ''} in {one_line(str(store.root))}"
          + ("; * marks the current pack" if current else ""))
    return 0


def _wrap(text: str, indent: str) -> str:
    return textwrap.fill(one_line(text), WIDTH, initial_indent=indent, subsequent_indent=indent,
                         break_long_words=False, break_on_hyphens=False)


def run_show(ctx: CliContext, args: argparse.Namespace) -> int:
    pack = _open(ctx, _store(), args.name)
    if pack is None:
        return 1
    if args.json:
        print_json({"name": pack.name, **pack_to_data(pack)})
        return 0
    print(one_line(pack.title))
    who = f" · practitioner {one_line(pack.practitioner)}" if pack.practitioner else ""
    print(f"{pack.name} · session date {pack.session_date or pack.created or 'not recorded'}{who} · "
          f"{len(pack.items)} item{'s' if len(pack.items) != 1 else ''}")
    if pack.notes.strip():
        print(_wrap(f"Notes: {pack.notes}", ""))
    for n, it in enumerate(pack.items, 1):
        print()
        head = f"{n:>2}. {it.label}" + ("" if it.own else f" — {it.citation.review}")
        print(one_line(head) + ("   [" + one_line(it.restriction.label).upper() + "]"
                                if it.restriction else ""))
        print(_wrap(one_line(it.text, 300), "    "))
        ref = it.doc_id + (f" {it.item_id}" if it.item_id else "")
        if not it.own:  # the supervisor's own words cite nothing
            print(_wrap(f"{it.citation.line(with_id=False)} ({ref})", "    "))
        if it.notes.strip():
            print(_wrap(f"Notes: {it.notes}", "    "))
    if not pack.items:
        print("\nNo items yet: `scrbrowse pack add NAME DOC_ID [ITEM_ID]`, or press the add key "
              "in the app.")
    return 0


def run_export(ctx: CliContext, args: argparse.Namespace) -> int:
    pack = _open(ctx, _store(), args.name)
    if pack is None:
        return 1
    if pack.restricted:
        ctx.err("note: this pack has restricted items; the export carries the restriction")
    return write_export(ctx, export_pack(pack, chosen_format(args)), args.output, args.force)


def run_create(ctx: CliContext, args: argparse.Namespace) -> int:
    store = _store()
    try:
        pack = store.create(args.name, args.title)
        if args.current:
            store.set_current(pack.name)
    except PackError as exc:
        ctx.err(one_line(str(exc)))
        return 1
    print(f"created pack '{pack.name}' ({one_line(pack.title)}) in {one_line(str(store.root))}")
    return 0


def run_add(ctx: CliContext, args: argparse.Namespace) -> int:
    store = _store()
    if _open(ctx, store, args.name) is None:  # a missing pack is reported before reading the corpus
        return 1
    corpus = load_corpus(ctx.corpus_dir)
    doc = find_document(ctx, corpus, args.doc_id)
    if doc is None:
        return 1
    try:
        item = item_from_document(doc, args.item_id, notes=args.note)
        # Load, add and save under the pack's lock: another `pack add` or the app saving at the
        # same moment waits its turn instead of overwriting this item (or having it overwrite).
        result, saved = store.update(args.name, lambda pack: pack.add(item))
    except PackError as exc:
        ctx.err(one_line(str(exc)))
        return 1
    pack = result.pack
    if pack is None:
        _tell(ctx, result)
        return 1
    if not saved:
        print(f"already in '{pack.name}': {one_line(item.label)} from {one_line(doc.title)}")
        return 0
    print(f"added to '{pack.name}' as item {len(pack.items)}: {one_line(item.label)} — "
          f"{one_line(item.citation.review)}" + (" [restricted]" if item.restricted else ""))
    return 0


def run_rename(ctx: CliContext, args: argparse.Namespace) -> int:
    try:
        new = _store().rename(args.name, args.new_name, title=args.title)
    except PackError as exc:
        ctx.err(one_line(str(exc)))
        return 1
    print(f"renamed to '{new}'")
    return 0


def run_delete(ctx: CliContext, args: argparse.Namespace) -> int:
    store = _store()
    if not store.exists(args.name):
        near = store.close_matches(args.name)
        ctx.err(f"there is no pack called '{one_line(args.name, 60)}'"
                + (f"; did you mean: {', '.join(near)}?" if near else ""))
        return 1
    if not args.yes:
        if not sys.stdin.isatty():
            ctx.err("not deleting without confirmation: add --yes")
            return 1
        name = make_name(args.name)  # valid: exists() said so
        info = next((i for i in store.list() if i.name == name), None)
        count = f" ({info.items} items)" if info else ""
        try:
            answer = input(f"Move pack '{one_line(args.name, 60)}'{count} to the trash? [y/N] ")
        except EOFError:
            answer = ""
        if answer.strip().lower() not in ("y", "yes"):
            print("not deleted")
            return 1
    try:
        trashed = store.delete(args.name)
    except PackError as exc:
        ctx.err(one_line(str(exc)))
        return 1
    print(f"moved to the trash: {one_line(str(trashed))} (move it back to restore the pack)")
    return 0
