"""Packs on disk: one YAML file per pack in a private folder, written atomically, backed up, and
never silently replaced when damaged.

`<root>/<name>.yaml` (mode 0600, folder 0700); each save first copies the previous *good* file to
`<name>.yaml.bak`. A damaged file is renamed to `<name>.yaml.corrupt-<timestamp>` before anything is
written in its place. Deleting moves files to `<root>/.trash/`. `<root>/.current` names the pack the
browser adds to. `PackStore.load` and `PackStore.list` never raise.

Every read-modify-write of a pack holds the inter-process lock `<root>/.locks/<name>.lock` (see
`scrbrowse.filelock`), so the app and any number of `scrbrowse pack add` at once never lose an item:
`update` loads, changes and saves under one lock; `save` checks for a conflict and writes under it,
then reads the file back, so a save is never reported done unless the file holds what was written.
"""

from __future__ import annotations

import contextlib
import difflib
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path

from ..filelock import LockTimeout, file_lock
from ..logs import log
from ..paths import data_dir
from ..problems import Problem
from ..yamlio import YamlFileError, atomic_write_text, decode_text, parse_yaml
from .fileformat import dump_pack, pack_from_data
from .model import (
    Pack,
    PackConflictError,
    PackError,
    PackExistsError,
    PackNameError,
    PackNotFoundError,
    is_valid_name,
    make_name,
    short_text,
    user_text,
)

PACK_SUFFIX = ".yaml"
BACKUP_SUFFIX = ".bak"
CORRUPT_MARK = ".corrupt-"
TRASH_DIR = ".trash"
CURRENT_FILE = ".current"
# `<root>/.locks/<name>.lock`: held while a pack is read, changed and written (`PackStore.update`).
LOCK_DIR = ".locks"
LOCK_SUFFIX = ".lock"
LOCK_TIMEOUT = 10.0
# A pack holds a few dozen snapshots; the limit keeps a runaway file from freezing the app, and
# `save` refuses to write anything `load` would refuse to read.
MAX_PACK_BYTES = 2 * 1024 * 1024
FILE_MODE = 0o600
DIR_MODE = 0o700


# ---------------------------------------------------------------------------------------------
# Loading results


class LoadStatus(StrEnum):
    OK = "ok"  # read as it is
    REPAIRED = "repaired"  # read, but some fields/items were dropped; the original is kept
    RECOVERED = "recovered"  # unreadable; the previous good copy (.bak) was loaded instead
    FAILED = "failed"  # unreadable and no good backup; the file was left untouched
    MISSING = "missing"  # no such pack


@dataclass
class LoadResult:
    name: str
    status: LoadStatus
    pack: Pack | None
    problems: list[Problem] = field(default_factory=list)
    # For the user: what was wrong and what was done about it. Empty when status is OK.
    message: str = ""
    # Where the damaged file was set aside (its bytes are never deleted), if it was.
    kept: Path | None = None

    @property
    def ok(self) -> bool:
        """A pack is available (possibly repaired or recovered: show `message` if there is one)."""
        return self.pack is not None


@dataclass(frozen=True, slots=True)
class PackInfo:
    """One line of the pack list."""

    name: str
    title: str
    items: int
    modified: datetime  # the file's modification time (local time)
    created: str | None = None
    restricted: bool = False
    # One line when the file cannot be read as it is (the pack screen shows it; load() explains).
    problem: str | None = None


# ---------------------------------------------------------------------------------------------
# The store


def _signature(path: Path) -> tuple[int, int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size, st.st_ino)


@dataclass
class _Parsed:
    pack: Pack | None
    problems: list[Problem]
    text: str | None = None
    newer: bool = False
    raw_items: int = 0  # entries under `items:` in the file, readable or not

    @property
    def good(self) -> bool:
        return self.pack is not None and not self.problems

    @property
    def lost_items(self) -> int:
        """Items in the file that could not be read."""
        return max(0, self.raw_items - len(self.pack.items)) if self.pack is not None else 0


class PackStore:
    """The packs in one folder (default: `<user data dir>/packs`).

    Names given to any method are normalised with `make_name`, so "Safe sleep" and "safe-sleep" are
    the same pack. Mutating methods raise `PackError` subclasses with messages fit for the screen;
    `load` and `list` never raise.
    """

    def __init__(self, root: Path | None = None, *,
                 clock: Callable[[], datetime] = datetime.now) -> None:
        self.root = Path(root) if root is not None else data_dir() / "packs"
        self._clock = clock

    # -- paths

    def path(self, name: str) -> Path:
        return self.root / f"{make_name(name)}{PACK_SUFFIX}"

    def backup_path(self, name: str) -> Path:
        return self.root / f"{make_name(name)}{PACK_SUFFIX}{BACKUP_SUFFIX}"

    @property
    def trash(self) -> Path:
        return self.root / TRASH_DIR

    def _ensure_dir(self, path: Path) -> None:
        path.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
        with contextlib.suppress(OSError):  # a folder we do not own keeps its mode
            os.chmod(path, DIR_MODE)

    def _stamp(self) -> str:
        return self._clock().strftime("%Y%m%d-%H%M%S")

    # -- the lock

    def lock_path(self, name: str) -> Path:
        return self.root / LOCK_DIR / f"{make_name(name)}{LOCK_SUFFIX}"

    @contextlib.contextmanager
    def locked(self, *names: str) -> Iterator[None]:
        """Hold the lock of each named pack (in a fixed order, so two holders never deadlock).
        Raises PackError if another process keeps a lock longer than LOCK_TIMEOUT seconds or the
        lock file cannot be made."""
        with contextlib.ExitStack() as stack:
            for name in sorted({make_name(n) for n in names}):
                try:
                    self._ensure_dir(self.root / LOCK_DIR)
                    stack.enter_context(file_lock(self.lock_path(name), LOCK_TIMEOUT))
                except LockTimeout as exc:
                    raise PackError(f"the pack '{name}' is being changed by another scrbrowse "
                                    f"({exc}); nothing was changed, try again") from exc
                except OSError as exc:
                    raise PackError(f"could not lock the pack '{name}' in {self.root}: "
                                    f"{exc.strerror or exc}; check the folder's permissions"
                                    ) from exc
            yield

    def update(self, name: str, change: Callable[[Pack], bool]) -> tuple[LoadResult, bool]:
        """Load a pack, apply `change` and save it, all under the pack's lock, so a change made
        meanwhile by another process is never overwritten. `change` returns whether it changed
        anything (nothing is written if not). Returns the load result (its message says about any
        repair) and whether the pack was saved; the pack is None if it could not be opened.
        Raises PackError (a save that failed, or a lock that could not be taken)."""
        with self.locked(name):
            result = self.load(name)
            if result.pack is None or not change(result.pack):
                return result, False
            self.save(result.pack)
            return result, True

    # -- listing

    def names(self) -> list[str]:
        """Every pack name, including packs of which only the backup is left."""
        out: set[str] = set()
        try:
            entries = list(self.root.iterdir())
        except OSError:
            return []
        for p in entries:
            n = p.name
            if n.startswith("."):
                continue
            for suffix in (PACK_SUFFIX, PACK_SUFFIX + BACKUP_SUFFIX):
                if n.endswith(suffix) and is_valid_name(n[: -len(suffix)]):
                    out.add(n[: -len(suffix)])
        return sorted(out)

    def exists(self, name: str) -> bool:
        try:
            return self.path(name).exists() or self.backup_path(name).exists()
        except PackNameError:
            return False

    def close_matches(self, name: str) -> list[str]:
        names = self.names()
        key = name.lower()
        near = difflib.get_close_matches(key, names, n=5, cutoff=0.5)
        near += [n for n in names if key and key in n and n not in near]
        return near[:5]

    def list(self) -> list[PackInfo]:
        """Every pack, sorted by name. Reads each file; never writes, never raises."""
        out = []
        for name in self.names():
            path = self.path(name)
            target = path if path.exists() else self.backup_path(name)
            try:
                modified = datetime.fromtimestamp(target.stat().st_mtime)
            except OSError:
                modified = datetime.fromtimestamp(0)
            parsed = self._parse(target, name)
            if not path.exists():
                problem: str | None = "only the backup copy is left; opening the pack restores it"
            elif parsed.pack is None or parsed.problems:
                first = parsed.problems[0] if parsed.problems else None
                problem = "cannot be read as it is" + (f": {first.message}" if first else "")
            else:
                problem = None
            p = parsed.pack
            out.append(PackInfo(name, p.title if p else name, len(p.items) if p else 0, modified,
                                p.created if p else None, bool(p and p.restricted), problem))
        return out

    # -- loading

    def _parse(self, path: Path, name: str) -> _Parsed:
        file = str(path)
        try:
            with path.open("rb") as fh:
                data = fh.read(MAX_PACK_BYTES + 1)
        except OSError as exc:
            return _Parsed(None, [Problem(file, f"cannot read the file: {exc.strerror or exc}",
                                          hint="check the file's permissions")])
        if len(data) > MAX_PACK_BYTES:
            return _Parsed(None, [Problem(
                file, f"the file is larger than {MAX_PACK_BYTES:,} bytes: not a pack scrbrowse wrote",
                hint="move it out of the packs folder")])
        try:
            text = decode_text(data, MAX_PACK_BYTES)
            parsed = parse_yaml(text)
        except YamlFileError as exc:
            hint = exc.hint
            if hint and ("corpus" in hint or "review record" in hint):
                hint = "fix the file in a text editor, or restore the .bak copy"
            return _Parsed(None, [Problem(file, exc.message, exc.line, None, hint)])
        except (ValueError, TypeError, OverflowError, RecursionError) as exc:
            # PyYAML's constructors raise these for values such as a 31st of February.
            return _Parsed(None, [Problem(file, f"a value cannot be read: {short_text(str(exc), 80)}",
                                          hint="fix the file in a text editor, or restore the "
                                          ".bak copy")])
        pack, problems, newer = pack_from_data(parsed, name, file)
        raw = parsed.get("items") if isinstance(parsed, dict) else None
        return _Parsed(pack, problems, text, newer, len(raw) if isinstance(raw, list) else 0)

    def load(self, name: str) -> LoadResult:
        """Open a pack. Never raises: a damaged file gives a result with a message saying what is
        wrong (file, line, field, how to fix) and what was done (see LoadStatus)."""
        try:
            with contextlib.ExitStack() as stack:
                # Under the lock, so a repair never overwrites a save made meanwhile. A bad name
                # is explained by _load; a folder we cannot write to needs no lock for reading
                # (and a repair cannot be written there anyway).
                if self.root.is_dir():
                    with contextlib.suppress(PackNameError, OSError):
                        self._ensure_dir(self.root / LOCK_DIR)
                        stack.enter_context(file_lock(self.lock_path(name), LOCK_TIMEOUT))
                return self._load(name)
        except LockTimeout as exc:
            return LoadResult(str(name), LoadStatus.FAILED, None, [],
                              f"The pack '{short_text(str(name))}' is being changed by another "
                              f"scrbrowse ({exc}). Nothing was changed; try again.")
        except Exception as exc:  # the last line of defence: loading a pack never crashes the app
            log.exception("unexpected error loading pack %r", name)
            return LoadResult(str(name), LoadStatus.FAILED, None,
                              [Problem(str(self.root), f"unexpected error: {exc}")],
                              f"The pack '{short_text(str(name))}' could not be opened because of an "
                              f"unexpected error ({exc.__class__.__name__}). Nothing was changed on "
                              "disk; details are in the log file.")

    def _load(self, name: str) -> LoadResult:
        try:
            name = make_name(name)
        except PackNameError as exc:
            return LoadResult(str(name), LoadStatus.FAILED, None, [], str(exc))
        path, bak = self.path(name), self.backup_path(name)
        if not path.exists() and not bak.exists():
            near = self.close_matches(name)
            msg = f"There is no pack called '{name}'."
            if near:
                msg += f" Did you mean: {', '.join(near)}?"
            return LoadResult(name, LoadStatus.MISSING, None, [], msg)

        if path.exists():
            sig = _signature(path)
            main = self._parse(path, name)
            if main.good and main.pack is not None:
                main.pack.disk_signature = sig
                return LoadResult(name, LoadStatus.OK, main.pack)
            if main.newer:
                return LoadResult(name, LoadStatus.FAILED, None, main.problems,
                                  _describe(path, main.problems, "could not be opened") +
                                  "\nThe file was left as it is.")
            if main.pack is not None:
                if main.lost_items and bak.exists():
                    # Some items could not be read: if the previous good copy has at least as
                    # many, it is the better pack to open (the damaged file is kept either way).
                    backup = self._parse(bak, name)
                    if backup.good and backup.pack is not None and \
                            len(backup.pack.items) >= len(main.pack.items):
                        why = (f"{_count(main.lost_items, 'item')} of {main.raw_items} could not be "
                               f"read; the previous good copy has {len(backup.pack.items)}.")
                        return self._recover(name, path, bak, main, why)
                return self._repair(name, path, main)
        else:
            main = _Parsed(None, [Problem(str(path), "the pack file is missing; its backup is not")])
        return self._recover(name, path, bak, main)

    def _repair(self, name: str, path: Path, main: _Parsed) -> LoadResult:
        """Most of the file is fine: set the original aside, write the readable part back."""
        pack = main.pack
        assert pack is not None
        lines = [_describe(path, main.problems, "had problems"),
                 f"The readable part was loaded ({_count(len(pack.items), 'item')})."]
        kept = self._set_aside(path)
        if kept is None:
            pack.read_only = True
            lines.append("The file could not be set aside, so the pack is open read-only and the "
                         "file was left as it is: fix it in a text editor.")
            return LoadResult(name, LoadStatus.REPAIRED, pack, main.problems, "\n".join(lines))
        try:
            self._write(path, dump_pack(pack))
            pack.disk_signature = _signature(path)
            lines.append(f"The file as it was is kept as {kept.name}.")
        except OSError as exc:
            pack.read_only = True
            aside = kept
            try:
                os.replace(aside, path)  # put it back rather than leave no pack file at all
                kept = None
                lines.append(f"The repaired pack could not be saved ({exc.strerror or exc}); it is "
                             "open read-only and the file was left as it is.")
            except OSError:
                lines.append(f"The repaired pack could not be saved ({exc.strerror or exc}); it is "
                             f"open read-only. The file as it was is kept as {aside.name}.")
        if self.backup_path(name).exists():
            lines.append(f"The previous good copy is still at {self.backup_path(name).name}.")
        return LoadResult(name, LoadStatus.REPAIRED, pack, main.problems, "\n".join(lines), kept)

    def _recover(self, name: str, path: Path, bak: Path, main: _Parsed,
                 why: str | None = None) -> LoadResult:
        """The file is unusable (or worse than its backup): load the previous good copy, with the
        damaged file set aside."""
        lines = [_describe(path, main.problems, "could not be opened" if why is None else
                           "had problems")]
        if why:
            lines.append(why)
        backup = self._parse(bak, name) if bak.exists() else None
        if backup is None or not backup.good or backup.pack is None or backup.text is None:
            if backup is None:
                why = "there is no backup copy"
            else:
                first = backup.problems[0].message if backup.problems else "unreadable"
                why = f"the backup {bak.name} cannot be used either ({first})"
            lines.append(f"It cannot be recovered automatically: {why}. The file was left as it "
                         "is: fix it in a text editor using the hints above, or delete the pack.")
            return LoadResult(name, LoadStatus.FAILED, None,
                              main.problems + (backup.problems if backup else []), "\n".join(lines))
        pack = backup.pack
        try:
            saved = datetime.fromtimestamp(bak.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
        except OSError:
            saved = "earlier"
        kept: Path | None = None
        if path.exists():
            kept = self._set_aside(path)
            if kept is None:
                pack.read_only = True
                lines.append(f"The previous good copy ({bak.name}, saved {saved}) is open "
                             "read-only; the damaged file could not be set aside and was left as "
                             "it is.")
                return LoadResult(name, LoadStatus.RECOVERED, pack, main.problems,
                                  "\n".join(lines))
            lines.append(f"The damaged file is kept as {kept.name}.")
        lines.append(f"The previous good copy ({bak.name}, saved {saved}) was loaded; changes "
                     "made after it was saved are only in the kept file.")
        try:
            self._write(path, backup.text)
            pack.disk_signature = _signature(path)
        except OSError as exc:
            pack.read_only = True
            lines.append(f"It could not be written back ({exc.strerror or exc}) and is open "
                         "read-only.")
        return LoadResult(name, LoadStatus.RECOVERED, pack, main.problems, "\n".join(lines), kept)

    def _set_aside(self, path: Path) -> Path | None:
        """Rename a damaged file to <name>.yaml.corrupt-<timestamp>; None if that fails."""
        base = f"{path.name}{CORRUPT_MARK}{self._stamp()}"
        target = path.with_name(base)
        n = 2
        while target.exists():
            target = path.with_name(f"{base}-{n}")
            n += 1
        try:
            os.replace(path, target)
        except OSError:
            log.exception("could not set aside damaged pack file %s", path)
            return None
        # info, not warning: the user is told through LoadResult.message, never via stderr.
        log.info("damaged pack file %s kept as %s", path, target)
        return target

    # -- writing

    def _write(self, path: Path, text: str) -> None:
        self._ensure_dir(path.parent)
        atomic_write_text(path, text, mode=FILE_MODE)

    def save(self, pack: Pack, *, force: bool = False) -> None:
        """Write the pack atomically (0600), keeping the previous good copy as <name>.yaml.bak.

        Raises PackConflictError if the file changed on disk since this pack was loaded or saved
        (or, for a new Pack object, if a pack of that name exists), unless force; PackError if the
        pack is read-only, too large, or the disk refuses."""
        if pack.read_only:
            raise PackError(f"the pack '{pack.name}' is open read-only because its file could not "
                            "be set aside; fix the file first (see the message shown when opening)")
        name = make_name(pack.name)
        # Cheap lower bound first, so a runaway note is refused without dumping megabytes.
        chars = len(pack.title) + len(pack.notes) + sum(len(i.text) + len(i.notes)
                                                        for i in pack.items)
        text = "" if chars > MAX_PACK_BYTES else dump_pack(pack)
        if chars > MAX_PACK_BYTES or len(text.encode("utf-8")) > MAX_PACK_BYTES:
            raise PackError(f"the pack '{name}' is too large to save ({MAX_PACK_BYTES:,} bytes at "
                            "most); remove some items or shorten the notes")
        with self.locked(name):
            self._save_locked(pack, name, text, force)
        pack.name = name

    def _save_locked(self, pack: Pack, name: str, text: str, force: bool) -> None:
        path, bak = self.path(name), self.backup_path(name)
        try:
            if path.exists():
                sig = _signature(path)
                if not force and sig != pack.disk_signature:
                    what = ("changed on disk since it was opened (another window or the command "
                            "line?)" if pack.disk_signature else "already exists")
                    raise PackConflictError(f"the pack '{name}' {what}; reload it, or save anyway "
                                            "to replace it")
                current = self._parse(path, name)
                if current.good and current.text is not None:
                    self._write(bak, current.text)
                # Never back a damaged file up over the good backup, and never lose it.
                elif self._set_aside(path) is None:
                    raise PackError(f"the pack file {path} is damaged and could not be set "
                                    "aside; nothing was saved")
            self._write(path, text)
            sig = _signature(path)
            # Read it back: a program that ignores the lock (a text editor, an older scrbrowse)
            # may have replaced it meanwhile, and a save is only reported done if it holds.
            with path.open("rb") as fh:
                written = fh.read(MAX_PACK_BYTES + 1)
        except OSError as exc:
            raise PackError(f"could not save the pack '{name}' to {path}: {exc.strerror or exc}. "
                            "Your changes are still open: free some space or check the folder's "
                            "permissions, then save again") from exc
        if written != text.encode("utf-8"):
            raise PackConflictError(f"the pack '{name}' was changed by another program while it "
                                    "was being saved, so this save may not have kept; reload it "
                                    "to see what is on disk, or save again to replace it")
        pack.disk_signature = sig

    def create(self, name: str, title: str | None = None, *, today: date | None = None) -> Pack:
        """A new empty pack, saved at once. `name` may be what the user typed ("Safe sleep"); the
        title defaults to it. Raises PackNameError, PackExistsError, PackError."""
        slug = make_name(name)
        with self.locked(slug):  # two creators of one name: the second is told it exists
            if self.exists(slug):
                raise PackExistsError(f"there is already a pack called '{slug}'; choose another "
                                      "name")
            created = (today or self._clock().date()).isoformat()
            pack = Pack(slug, user_text(title or name).strip() or slug, created)
            self.save(pack)
        return pack

    def rename(self, old: str, new: str, *, title: str | None = None) -> str:
        """Give a pack a new name (and optionally a new title). Returns the new name."""
        old_name, new_name = make_name(old), make_name(new)
        with self.locked(old_name, new_name):
            return self._rename_locked(old, old_name, new_name, title)

    def _rename_locked(self, old: str, old_name: str, new_name: str, title: str | None) -> str:
        if not self.exists(old_name):
            raise PackNotFoundError(f"there is no pack called '{old_name}'", self.close_matches(old))
        if new_name != old_name and self.exists(new_name):
            raise PackExistsError(f"there is already a pack called '{new_name}'")
        if new_name != old_name:
            try:
                self._ensure_dir(self.root)
                for src, dst in ((self.path(old_name), self.path(new_name)),
                                 (self.backup_path(old_name), self.backup_path(new_name))):
                    if src.exists():
                        os.replace(src, dst)
            except OSError as exc:
                raise PackError(f"could not rename '{old_name}': {exc.strerror or exc}") from exc
            if self._read_current() == old_name:
                self.set_current(new_name)
        if title is not None:
            result = self.load(new_name)
            if result.pack is None:
                raise PackError(result.message)
            result.pack.title = user_text(title).strip() or new_name
            self.save(result.pack)
        return new_name

    def delete(self, name: str) -> Path:
        """Move the pack's files (and its backups) to <root>/.trash/; nothing is unlinked.
        Returns the trashed pack file. The UI asks for confirmation before calling this."""
        name = make_name(name)
        with self.locked(name):
            return self._delete_locked(name)

    def _delete_locked(self, name: str) -> Path:
        if not self.exists(name):
            raise PackNotFoundError(f"there is no pack called '{name}'", self.close_matches(name))
        stamp = self._stamp()
        moved: list[Path] = []
        try:
            self._ensure_dir(self.trash)
            for src in sorted(self.root.glob(f"{name}{PACK_SUFFIX}*")):
                dst = self.trash / f"{stamp}-{src.name}"
                n = 2
                while dst.exists():
                    dst = self.trash / f"{stamp}-{n}-{src.name}"
                    n += 1
                os.replace(src, dst)
                moved.append(dst)
        except OSError as exc:
            raise PackError(f"could not move the pack '{name}' to the trash: "
                            f"{exc.strerror or exc}") from exc
        if self._read_current() == name:
            self.set_current(None)
        main = [p for p in moved if p.name.endswith(f"-{name}{PACK_SUFFIX}")]
        return main[0] if main else moved[0]

    # -- the current pack

    def _read_current(self) -> str | None:
        try:
            value = (self.root / CURRENT_FILE).read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError):
            return None
        return value if is_valid_name(value) else None

    def current(self) -> str | None:
        """The name of the pack the browser adds to, if it still exists."""
        value = self._read_current()
        return value if value and self.exists(value) else None

    def set_current(self, name: str | None) -> None:
        pointer = self.root / CURRENT_FILE
        try:
            if name is None:
                pointer.unlink(missing_ok=True)
            else:
                self._write(pointer, make_name(name) + "\n")
        except OSError as exc:
            raise PackError(f"could not remember the current pack: {exc.strerror or exc}") from exc

    def ensure_current(self, *, today: date | None = None) -> LoadResult:
        """The current pack, or a new "Session YYYY-MM-DD" pack made current. Raises PackError only
        if a new pack cannot be saved; a damaged current pack comes back as its LoadResult."""
        name = self.current()
        if name is not None:
            return self.load(name)
        day = (today or self._clock().date()).isoformat()
        base, n = f"session-{day}", 2
        slug = base
        while True:
            while self.exists(slug):
                slug = f"{base}-{n}"
                n += 1
            try:
                pack = self.create(slug, f"Session {day}", today=today)
                break
            except PackExistsError:  # another process made that one just now: take the next
                continue
        self.set_current(pack.name)
        return LoadResult(pack.name, LoadStatus.OK, pack)


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _describe(path: Path, problems: list[Problem], what: str) -> str:
    lines = [f"The pack file {path} {what}:"]
    lines += [f"  {p.format()}" for p in problems[:10]]
    if len(problems) > 10:
        lines.append(f"  ... and {len(problems) - 10} more")
    return "\n".join(lines)
