"""Opening the index: choose its folder, check it, update or rebuild it, and explain in one line.

Every ordinary fault ends in a usable index and a plain message, never an exception: a damaged,
half-written or outdated index is rebuilt; an unwritable folder falls back to the user cache
folder, then to a read-only open of what exists, then to an index held in memory; another
scrbrowse writing means searching the index as it was.
"""

from __future__ import annotations

import contextlib
import logging
import shutil
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from whoosh import index as windex
from whoosh.filedb.filestore import FileStorage, RamStorage
from whoosh.writing import LockError

from . import folder as store
from . import postings as fastindex
from .catalogue import META_FILE, Meta, load_meta, save_meta, sidecar_files, sidecar_schema
from .passage_rows import decode_rows
from .schema import CONCEPT, DOC_ID, PASSAGES, SCHEMA_TAG, SPELL, build_schema
from .segment_writer import changed_index_file, index_file_sizes
from .update import Progress, Updater, UpdateResult, compute_diff, corpus_problems

log = logging.getLogger("scrbrowse.search")

LEGACY_FAST_FOLDER = "fast"
WAIT_FOR_OTHER_BUILDER = 120.0  # seconds to wait when another process is building a first index

MSG_OTHER_VERSION = "The index was made by another version of scrbrowse, so it was rebuilt."
MSG_BUSY = "Another scrbrowse is updating the index; searching the index as it was."
MSG_MEMORY = ("No folder for the index could be written, so it was built in memory for this "
              "session only.")


@dataclass
class Opened:
    """An index ready to search, and what it took to get there."""

    ix: Any
    meta: Meta
    location: str
    folder: Path | None  # None: in memory
    writable: bool
    fell_back: bool = False
    read_only: bool = False
    messages: list[str] = field(default_factory=list)
    result: UpdateResult | None = None  # what was read and written this time, if anything
    repaired: list[str] = field(default_factory=list)  # damaged index files found and rebuilt
    # The fast postings as checked on opening, for the first view to share (then closed by it).
    checked: fastindex.FastIndex | None = None

    @property
    def rebuilt(self) -> bool:
        return self.result is not None and self.result.rebuilt

    @property
    def updated(self) -> list[str]:
        return self.result.updated if self.result is not None else []

    @property
    def removed(self) -> list[str]:
        return self.result.removed if self.result is not None else []


class PrivateRamStorage(RamStorage):
    """An index in memory whose writer spills to a private folder of its own.

    `RamStorage.temp_storage` uses `<tmp>/<indexname>.tmp`, one folder shared by every process
    of the machine: two in-memory builds at once deleted each other's files, and the document
    text spilled there was open to other users (or to whoever created that name first).
    `mkdtemp` makes a new folder each time, readable by us only. Whoosh's writer removes its
    own, but its per-document writer never removes the one it asks for, so they are all made in
    one private folder of this storage's, removed with it (or when the process ends)."""

    _private: tempfile.TemporaryDirectory[str] | None = None

    def temp_storage(self, name: str | None = None) -> FileStorage:
        if self._private is None:
            self._private = tempfile.TemporaryDirectory(prefix="scrbrowse-index-", suffix=".tmp")
        return FileStorage(tempfile.mkdtemp(prefix="spill-", dir=self._private.name)).create()


def _short(exc: BaseException) -> str:
    text = f"{exc.__class__.__name__}: {exc}"
    return text if len(text) <= 80 else text[:79] + "…"


def check_index(ix: Any, meta: Meta) -> fastindex.FastIndex:
    """Touch every segment's parts so damage shows now, not in the middle of a search: every
    byte of the fast postings (checksums), a little of each of Whoosh's files. Returns the
    checked fast postings, with a reader of their own, to be closed by the caller (a view
    opened meanwhile shares their arrays)."""
    fast = fastindex.FastIndex(ix.reader(), ix.storage, owns_reader=True)  # closed if it fails
    try:
        if fast.reader.doc_count() != len(meta.docs):
            raise ValueError(f"holds {fast.reader.doc_count()} documents, the record says "
                             f"{len(meta.docs)}")
        for reader in fast.leaves:  # (none without documents: see merge_small)
            # A field whose postings are in Whoosh's file (the positional ones are in the
            # arrays, checked above).
            first = next(iter(reader.lexicon(CONCEPT)), None)
            if first is not None:
                next(iter(reader.postings(CONCEPT, first).all_ids()), None)
            next(iter(reader.lexicon(SPELL)), None)
            for docnum in {0, reader.doc_count_all() - 1}:
                if not reader.is_deleted(docnum):
                    decode_rows(reader.stored_fields(docnum)[PASSAGES])
                    reader.column_reader(DOC_ID)[docnum]
    except BaseException:
        fast.close()
        raise
    return fast


def _open_existing(folder: Path, *, readonly: bool) -> tuple[Any, Meta | None, str | None]:
    """(ix, meta, problem) for an index folder; problem explains why it cannot be used."""
    meta = load_meta(folder / META_FILE)
    # Before Whoosh unpickles its table of contents, which names our codec's and analysers'
    # modules: an index of another version may name modules that no longer exist.
    schema = meta.schema if meta is not None else sidecar_schema(folder / META_FILE)
    if schema is not None and schema != SCHEMA_TAG:
        return None, meta, MSG_OTHER_VERSION
    try:
        if not windex.exists_in(str(folder)):
            return None, meta, "missing"
        ix = windex.open_dir(str(folder), schema=build_schema(), readonly=readonly)
    except Exception as exc:  # any damage to the table of contents
        log.warning("cannot open index in %s: %s", folder, exc, exc_info=True)
        return None, meta, f"The index could not be read ({_short(exc)}), so it was rebuilt."
    return ix, meta, None


def _usable(ix: Any, meta: Meta | None, damaged: list[str],
            checked: list[fastindex.FastIndex] | None = None) -> str | None:
    """Why this index cannot be searched as it is, or None. `damaged` gets the name of a file
    found damaged; `checked` the checked fast postings, when usable (else they are closed)."""
    if meta is None:  # (one of another version is turned away by _open_existing)
        return "The index's record of its contents was missing, so the index was rebuilt."
    try:
        if ix.latest_generation() != meta.generation:
            return "The index did not match its record of contents, so it was rebuilt."
        bad = changed_index_file(ix, meta.index_files)
        if bad is not None:
            damaged.append(bad)
            return f"The index was damaged (file {bad} missing or cut short), so it was rebuilt."
        fast = check_index(ix, meta)
        if checked is not None:
            checked.append(fast)
        else:
            fast.close()
    except fastindex.FastIndexError as exc:
        log.warning("index check failed: %s", exc)
        damaged.append(exc.file)
        return f"The index was damaged ({exc}), so it was rebuilt."
    except Exception as exc:
        log.warning("index check failed: %s", exc, exc_info=True)
        return f"The index was damaged ({_short(exc)}), so it was rebuilt."
    return None


class Opener:
    def __init__(self, corpus_dir: Path, progress: Progress | None) -> None:
        self.corpus_dir = corpus_dir
        self.corpus_key = str(corpus_dir.expanduser().resolve())
        self.progress = progress

    # -- entry points

    def open(self, index_dir: Path | None, *, rebuild: bool) -> Opened:
        primary = index_dir if index_dir is not None else store.default_location(self.corpus_dir)
        if store.is_writable(primary):
            return self.open_writable(primary, rebuild=rebuild, messages=[])
        # A read-only install may ship an up-to-date index: use it as it is.
        fresh = self._try_read_only(primary, [f"The index folder {primary} is read-only; using "
                                              "the index there as it is."], require_fresh=True)
        if fresh is not None and not rebuild:
            return fresh
        cache = store.cache_location(self.corpus_dir)
        if cache != primary and store.is_writable(cache):
            opened = self.open_writable(cache, rebuild=rebuild, messages=[
                f"The index folder {primary} cannot be written, so the index is kept in {cache} "
                "instead."])
            opened.fell_back = True
            return opened
        for folder in (primary, cache):
            stale = self._try_read_only(folder, [f"The index folder {folder} cannot be written; "
                                                 "searching the index there, which may be out of "
                                                 "date."])
            if stale is not None:
                return stale
        return self.in_memory([MSG_MEMORY])

    def open_writable(self, folder: Path, *, rebuild: bool, messages: list[str],
                      known: Opened | None = None) -> Opened:
        """Open, update or rebuild the index in a folder we can write. `known`: the index this
        process already has open, trusted if nobody has written since (a cheap refresh)."""
        lock = store.WriteLock(folder)
        if not lock.acquire():
            existing = self._try_read_only(folder, [MSG_BUSY, *messages], busy=True)
            if existing is not None:
                return existing
            if self.progress:
                self.progress(0, 0, "Waiting for another scrbrowse to finish building the index")
            if not lock.acquire(wait=WAIT_FOR_OTHER_BUILDER):
                return self.in_memory([*messages, MSG_BUSY, MSG_MEMORY])
        try:
            return self._ensure(folder, lock, rebuild=rebuild, messages=messages, known=known)
        finally:
            lock.release()
            # Whoosh creates its files with the default mode: made owner-only here, after every
            # writable open (a few dozen files), which also fixes indexes made before.
            store.make_private(folder)

    def in_memory(self, messages: list[str]) -> Opened:
        ix = PrivateRamStorage().create_index(build_schema())
        diff = compute_diff(None, self.corpus_dir)
        result = Updater(self.corpus_dir, self.corpus_key, self.progress).run(ix, None, diff)
        return Opened(ix, result.meta, "memory", None, writable=False, messages=messages,
                      result=result)

    # -- steps

    def _try_read_only(self, folder: Path, messages: list[str], *, require_fresh: bool = False,
                       busy: bool = False) -> Opened | None:
        """The index in this folder as it is, with these messages first, if it can be searched."""
        ix, meta, problem = _open_existing(folder, readonly=True)
        if ix is None or meta is None or problem:
            return None
        # Busy: a writer may be mid-commit, so its files are not checked (the sidecar names this
        # version, see _open_existing). Read-only: the view checks its arrays itself.
        if not busy and _usable(ix, meta, []) is not None:
            return None
        diff = compute_diff(meta, self.corpus_dir)
        if require_fresh and diff.stale:
            return None
        opened = Opened(ix, meta, str(folder), folder, writable=False, read_only=not busy,
                        messages=messages)
        if diff.stale and not busy:
            n = len(diff.changed) + len(diff.removed)
            opened.messages.append(f"{n} corpus file(s) changed since the index was made; they "
                                   "are not searched as changed." if n else
                                   "The corpus changed since the index was made.")
        return opened

    def _ensure(self, folder: Path, lock: store.WriteLock, *, rebuild: bool,
                messages: list[str], known: Opened | None = None) -> Opened:
        trusted: Opened | None = None
        if known is not None and not rebuild and not lock.interrupted:
            with contextlib.suppress(Exception):
                if known.ix.latest_generation() == known.meta.generation:
                    trusted = known
        reason: str | None = None
        damaged: list[str] = []
        checked: list[fastindex.FastIndex] = []
        ix: Any
        meta: Meta | None
        if trusted is not None:
            ix, meta = trusted.ix, trusted.meta
        else:
            ix, meta, reason = _open_existing(folder, readonly=False)
            if reason == "missing":  # no index: a first build, unless its sidecar is there
                reason = None if meta is None else ("The index files were missing, so the index "
                                                    "was rebuilt.")
            if ix is not None or reason is not None:  # (a first build has no reason to give)
                if rebuild:
                    reason = "Rebuilt the index, as asked."
                elif lock.interrupted:
                    reason = "An earlier index update was interrupted, so the index was rebuilt."
                elif reason is None:
                    reason = _usable(ix, meta, damaged, checked)
        diff = compute_diff(None if reason or ix is None else meta, self.corpus_dir)
        if reason is None and diff.full_reason and diff.full_reason != "new":
            reason = diff.full_reason
        full = reason is not None or ix is None or meta is None
        if trusted is not None and not full and not (diff.stale or diff.touched):
            return replace(trusted, messages=list(messages), result=None)
        lock.mark_busy()
        result: UpdateResult | None = None
        try:
            if full:
                for sidecar in sidecar_files(folder / META_FILE):  # none = "rebuild" if we die
                    with contextlib.suppress(OSError):
                        sidecar.unlink()
                # Index version 10 and before kept the fast postings in a folder of their own.
                shutil.rmtree(folder / LEGACY_FAST_FOLDER, ignore_errors=True)
                if ix is not None:
                    with contextlib.suppress(Exception):
                        ix.close()
                ix = windex.create_in(str(folder), build_schema())
            if full or diff.stale or diff.touched:
                result = Updater(self.corpus_dir, self.corpus_key, self.progress).run(
                    ix, None if full else meta, diff)
                result.meta.index_files = index_file_sizes(ix)
                save_meta(folder / META_FILE, result.meta)
                meta = result.meta
        except LockError:
            # A writer that is not scrbrowse (or an old one) holds Whoosh's own lock.
            lock.done()
            return (self._try_read_only(folder, [*messages, MSG_BUSY], busy=True)
                    or self.in_memory([*messages, MSG_BUSY, MSG_MEMORY]))
        lock.done()
        assert meta is not None
        opened = Opened(ix, meta, str(folder), folder, writable=True, messages=messages,
                        result=result, repaired=damaged,
                        checked=checked[0] if checked and result is None else None)
        if checked and opened.checked is None:
            checked[0].close()
        if result is not None:
            took = f"({len(result.meta.docs)} documents, {result.seconds:.1f} s)"
            if full and reason:
                opened.messages.append(f"{reason[:-1]} {took}.")
            elif full:
                opened.messages.append(f"Built the search index {took}.")
            elif result.updated or result.removed:
                bits = [f"{len(result.updated)} file(s) changed or added"] if result.updated else []
                bits += [f"{len(result.removed)} removed"] if result.removed else []
                opened.messages.append("Updated the index: " + ", ".join(bits) + ".")
        return opened


def problems_of(opened: Opened, corpus_dir: Path) -> list[Any]:
    if opened.result is not None:
        return list(opened.result.problems)
    return corpus_problems(corpus_dir, opened.meta)
