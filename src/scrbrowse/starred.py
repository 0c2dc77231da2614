"""The personal question bank: reflective questions a supervisor starred, kept between sessions.

Stored like a pack (the same file format, so the same checks and snapshots: a starred question keeps
its wording, citation and restriction if the corpus changes), but in its own file beside the packs
folder, so it never shows up as a session pack: `<user data dir>/starred.yaml`, written atomically,
mode 0600, the previous copy kept as `starred.yaml.bak`. A damaged file is set aside (never deleted)
and the bank starts empty, with a message saying where the old file went. No Textual here.
"""

from __future__ import annotations

import contextlib
import logging
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .packs import Pack, PackItem, dump_pack, pack_from_data
from .paths import data_dir
from .yamlio import YamlFileError, atomic_write_text, read_yaml_file

log = logging.getLogger("scrbrowse")

FILE_NAME = "starred.yaml"
FILE_MODE = 0o600
NAME = "starred"
TITLE = "Starred questions"


@dataclass
class StarredLoad:
    bank: Pack
    message: str = ""  # for the user when the file could not be read; "" when all was well


class StarredStore:
    def __init__(self, root: Path | None = None) -> None:
        self.root = Path(root) if root is not None else data_dir()

    @property
    def path(self) -> Path:
        return self.root / FILE_NAME

    def load(self) -> StarredLoad:
        """Never raises: a missing file is an empty bank; a damaged one is set aside."""
        path = self.path
        empty = Pack(NAME, TITLE, None)
        if not path.exists():
            return StarredLoad(empty)
        try:
            data = read_yaml_file(path)
            bank, problems, newer = pack_from_data(data, NAME, str(path))
        except YamlFileError as exc:
            bank, problems, newer = None, [], False
            reason = str(exc)
        else:
            reason = "; ".join(p.message for p in problems[:3])
        if newer:
            bank = None
            reason = "written by a newer scrbrowse"
        if bank is not None:
            return StarredLoad(bank, f"Starred questions: {reason}" if problems else "")
        kept = self._set_aside(path)
        where = f" It was kept as {kept.name}." if kept else ""
        return StarredLoad(empty, f"The starred questions could not be read ({reason}); starting "
                                  f"an empty list.{where}")

    def save(self, bank: Pack) -> None:
        path = self.path
        self.root.mkdir(parents=True, exist_ok=True)
        if path.exists():
            with contextlib.suppress(OSError):  # the backup is a courtesy; the save must go on
                atomic_write_text(path.with_name(FILE_NAME + ".bak"),
                                  path.read_text(encoding="utf-8"), mode=FILE_MODE)
        atomic_write_text(path, dump_pack(bank), mode=FILE_MODE)

    def _set_aside(self, path: Path) -> Path | None:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        target = path.with_name(f"{FILE_NAME}.damaged-{stamp}")
        try:
            os.replace(path, target)
        except OSError:
            log.exception("could not set aside the damaged starred file")
            return None
        return target


def toggle(bank: Pack, item: PackItem) -> bool:
    """Star or unstar; True when the question is now starred."""
    return bank.toggle(item)
