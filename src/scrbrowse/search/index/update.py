"""Bringing the index in line with the corpus folder: full builds and incremental updates.

Staleness is decided per file: a file whose size and modification time are unchanged is trusted;
otherwise it is hashed, and only a changed hash makes it re-read. Only changed, added and removed
files touch the index (documents are deleted by id and re-added). A changed taxonomy or index
schema means a full build, since tags are validated against the taxonomy.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import math
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, wait
from dataclasses import dataclass, field, replace
from itertools import count
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from whoosh.filedb.filestore import FileStorage
from whoosh.reading import SegmentReader

from ...corpus import TAXONOMY_FILE, duplicate_id, load_record_bytes, review_mismatches
from ...model import Document
from ...portable import can_fork
from ...problems import Problem
from ...taxonomy import Taxonomy, load_taxonomy
from ...yamlio import MAX_FILE_BYTES
from ..text.synonyms import SynonymIndex
from .catalogue import DocMeta, FileState, Meta, doc_files
from .codec import ScrCodec
from .passage_rows import index_record
from .schema import DOC_ID, SCHEMA_TAG
from .segment_writer import SegmentBuilder, commit_segments, delete_segment_files

log = logging.getLogger("scrbrowse.search")

Progress = Callable[[int, int, str], None]
# Worker processes pay off only past a few dozen files.
POOL_MIN_FILES = 48
WORKERS = 2
# Files per segment of a full build. A segment's postings are held in memory until it is written
# (a worker peaks near 40 MB per 1,000 documents of the benchmark corpus), and fewer segments
# search faster.
SEGMENT_FILES = 2500
# Whoosh's posting pool, used only when an update merges small segments; spills to disk past this.
WRITER_MB = 64
# The merge policy of updates: each update adds a small segment; once there are more than
# MAX_SMALL_SEGMENTS with fewer than SMALL_SEGMENT_DOCS live documents, Whoosh's writer merges
# them into one (cheap, since they are small). A segment with more than half its documents
# deleted is rewritten too. Whoosh's own MERGE_SMALL was not used: at 50,000 documents (20
# segments of 2,500) its Fibonacci rule chose to merge 19 of them, 45,000 documents, on the first
# update after a build (250 s).
SMALL_SEGMENT_DOCS = 100
MAX_SMALL_SEGMENTS = 8


@dataclass
class Diff:
    """How the corpus folder differs from what the sidecar says was indexed."""

    stats: dict[str, os.stat_result]  # every record file, in corpus order
    full_reason: str | None = None  # set when only a full build will do
    changed: list[str] = field(default_factory=list)  # content changed, or new
    removed: list[str] = field(default_factory=list)
    touched: dict[str, str] = field(default_factory=dict)  # stat changed, same content: name -> sha

    @property
    def stale(self) -> bool:
        return bool(self.full_reason or self.changed or self.removed)


@dataclass
class UpdateResult:
    meta: Meta
    rebuilt: bool
    updated: list[str]  # files re-read and re-indexed
    removed: list[str]
    indexed_docs: list[str]  # documents written to the index this time
    deleted_docs: list[str]
    problems: list[Problem]
    seconds: float = 0.0


def _stat(path: Path) -> os.stat_result | None:
    try:
        return path.stat()
    except OSError:
        return None


def scan_records(corpus_dir: Path) -> dict[str, os.stat_result]:
    """Record files (as `corpus.record_files` chooses them) with their size and time, in corpus
    order, from one directory listing: a launch stats every file, so this is kept lean."""
    found: dict[str, os.stat_result] = {}
    try:
        with os.scandir(corpus_dir) as entries:
            for entry in entries:
                name = entry.name
                if (name.startswith(".") or name == TAXONOMY_FILE
                        or not name.lower().endswith((".yaml", ".yml"))):
                    continue
                try:
                    if entry.is_file():
                        found[name] = entry.stat()
                except OSError:
                    continue
    except OSError:
        return {}
    return {name: found[name] for name in sorted(found)}


def sha256_file(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def compute_diff(meta: Meta | None, corpus_dir: Path) -> Diff:
    """Compare the folder with the sidecar; reads only files whose size or time changed."""
    stats = scan_records(corpus_dir)
    diff = Diff(stats)
    if meta is None:
        diff.full_reason = "new"
        return diff
    # A moved or copied corpus folder needs no rebuild: files are compared by name and content.
    old_tax = meta.taxonomy_state
    if old_tax is not None and (old_tax.size, old_tax.mtime_ns, old_tax.sha256) == (0, 0, ""):
        old_tax = None  # read_taxonomy's record of a missing file
    tax = _stat(corpus_dir / TAXONOMY_FILE)
    if (old_tax is None) != (tax is None) or (
        tax is not None and old_tax is not None
        and (tax.st_size, tax.st_mtime_ns) != (old_tax.size, old_tax.mtime_ns)
        and sha256_file(corpus_dir / TAXONOMY_FILE) != old_tax.sha256
    ):
        diff.full_reason = "The taxonomy changed, so the index was rebuilt."
        return diff
    for name, st in stats.items():
        old = meta.files.get(name)
        if old is None:
            diff.changed.append(name)
        elif (st.st_size, st.st_mtime_ns) != (old.size, old.mtime_ns):
            sha = (sha256_file(corpus_dir / name) if st.st_size <= MAX_FILE_BYTES
                   else f"size:{st.st_size}")
            if sha is None or sha != old.sha256:
                diff.changed.append(name)
            else:
                diff.touched[name] = sha
    diff.removed = [n for n in meta.files if n not in stats]
    return diff


def parse_file(corpus_dir: Path, name: str, taxonomy: Taxonomy,
               ) -> tuple[FileState, Document | None]:
    """Read, hash and validate one record file: its state, and its document if usable. Never
    raises for a bad file."""
    path = corpus_dir / name
    display = str(path)
    st = _stat(path)
    if st is None:
        return FileState(0, -1, "unreadable", None,
                         [Problem(display, "cannot read file", skipped=True)]), None
    if st.st_size > MAX_FILE_BYTES:
        return FileState(st.st_size, st.st_mtime_ns, f"size:{st.st_size}", None, [Problem(
            display, f"file is {st.st_size:,} bytes; the limit is {MAX_FILE_BYTES:,}",
            hint="split it into smaller files", skipped=True)]), None
    try:
        data = path.read_bytes()
    except OSError as exc:
        # mtime -1: retried on every check, so fixing the permissions is noticed.
        return FileState(st.st_size, -1, "unreadable", None, [Problem(
            display, f"cannot read file: {exc.strerror or exc}", skipped=True)]), None
    doc, problems = load_record_bytes(data, display, taxonomy)
    return FileState(len(data), st.st_mtime_ns, hashlib.sha256(data).hexdigest(),
                     doc.id if doc else None, problems), doc


# Worker-process side of parallel parsing and building.
_WORKER: dict[str, Any] = {}
PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
PARENT_POLL = 1.0  # seconds between checks that the parent is still there


def die_with_parent(parent: int) -> None:
    """Make this worker process end when its parent does, however the parent ends.

    Killed alone (`kill -9`, the OOM killer), the parent left its workers running for good,
    holding the index's write locks through the files they inherited. Linux kills the worker
    at once when asked with prctl(PR_SET_PDEATHSIG); elsewhere, and should that call fail, a
    thread notices the worker was handed to another parent and ends it."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes  # here: only worker processes need it, and launch stays lean

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)  # portable: Linux branch only
        except (OSError, AttributeError):
            log.debug("prctl(PR_SET_PDEATHSIG) unavailable", exc_info=True)
    if os.getppid() != parent:  # the parent died before we could ask
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent,), name="scrbrowse-parent-watch",
                     daemon=True).start()


def _watch_parent(parent: int) -> None:
    while True:
        time.sleep(PARENT_POLL)
        if os.getppid() != parent:
            os._exit(1)


def _worker_init(parent: int, corpus_dir: Path, taxonomy: Taxonomy, storage: FileStorage,
                 schema: Any, counter: Any) -> None:
    # (Forked: the arguments are the parent's objects, not pickled copies.)
    die_with_parent(parent)
    _WORKER.update(dir=corpus_dir, tax=taxonomy, storage=storage, schema=schema, counter=counter)


def _worker_build(names: list[str]) -> Built:
    counter = _WORKER["counter"]

    def tick(_name: str) -> None:
        with counter.get_lock():
            counter.value += 1

    return build_segment(_WORKER["dir"], names, _WORKER["tax"], _WORKER["storage"],
                         _WORKER["schema"], tick)


@dataclass
class Built:
    """A run of corpus files, read and written as one new segment."""

    files: list[tuple[str, FileState]]
    docs: list[DocMeta]  # in the segment's order: a document's number is its position
    segment: Any  # None when no file held a usable document


def build_segment(corpus_dir: Path, names: list[str], taxonomy: Taxonomy, storage: Any,
                  schema: Any, tick: Callable[[str], None]) -> Built:
    """Read these files and write their documents as one segment (not yet in the index), with
    its fast postings (see `index/codec.py`).
    A duplicate id within the run keeps the first file; duplicates across runs are the caller's."""
    synonyms = SynonymIndex.for_taxonomy(taxonomy)
    builder = SegmentBuilder(storage, schema)
    files: list[tuple[str, FileState]] = []
    docs: list[DocMeta] = []
    seen: set[str] = set()
    try:
        for name in names:
            state, doc = parse_file(corpus_dir, name, taxonomy)
            files.append((name, state))
            if doc is not None and doc.id not in seen:
                seen.add(doc.id)
                builder.add(index_record(doc, synonyms))
                docs.append(DocMeta.from_document(doc, name))
            tick(name)
        segment = builder.finish() if docs else None
    finally:
        builder.cancel()  # (does nothing once finished)
    return Built(files, docs, segment)


def _runs(names: list[str], parallel: bool) -> list[list[str]]:
    """Split the files into runs of at most SEGMENT_FILES, in corpus order; in parallel, a multiple
    of WORKERS runs of equal size so the workers finish together."""
    n = len(names)
    k = max(1, math.ceil(n / SEGMENT_FILES))
    if parallel:
        k = WORKERS * math.ceil(k / WORKERS)
    size = math.ceil(n / k) if n else 1
    return [names[i:i + size] for i in range(0, n, size)]


def _can_fork() -> bool:
    """Worker processes only where forking is safe: Linux, and no other threads running.

    Not "spawn": it re-runs the host program's main module in each worker, which would start
    a second build in a script that lacks an `if __name__ == "__main__"` guard. So the app
    (which runs threads) indexes in one process, while `scrbrowse index` uses both cores.
    """
    return can_fork() and threading.active_count() == 1 and (os.cpu_count() or 1) > 1


def _no_taxonomy(corpus_dir: Path) -> Problem:
    return Problem(str(corpus_dir / TAXONOMY_FILE), "taxonomy.yaml not found",
                   hint="every corpus folder needs a taxonomy.yaml; tags cannot be checked")


def read_taxonomy(corpus_dir: Path) -> tuple[Taxonomy, FileState | None]:
    path = corpus_dir / TAXONOMY_FILE
    st = _stat(path)
    if st is None:
        state = FileState(0, 0, "", None, [_no_taxonomy(corpus_dir)])
        return Taxonomy(), state if corpus_dir.is_dir() else None
    taxonomy, problems = load_taxonomy(path)
    return taxonomy, FileState(st.st_size, st.st_mtime_ns, sha256_file(path) or "", None, problems)


def corpus_problems(corpus_dir: Path, meta: Meta) -> list[Problem]:
    """Every problem of the corpus, in file order, as `load_corpus` would report them."""
    if not corpus_dir.is_dir():
        return [Problem(str(corpus_dir), "corpus folder not found",
                        hint="pass --corpus DIR or set SCRBROWSE_CORPUS")]
    out: list[Problem] = []
    if meta.taxonomy_state is not None:
        tax_display = str(corpus_dir / TAXONOMY_FILE)
        out.extend(replace(p, file=tax_display) for p in meta.taxonomy_state.problems)
    else:
        out.append(_no_taxonomy(corpus_dir))
    first_of_review: dict[str, DocMeta] = {}
    root = str(corpus_dir)
    sep = os.sep
    for name, state in meta.files.items():
        display = root + sep + name  # cheaper than a Path per file on a big corpus
        # Stored problems name the file where it was when read; name it where it is now.
        if state.problems:
            out.extend(replace(p, file=display) for p in state.problems)
        did = state.doc_id
        if did is None:
            continue
        winner = meta.docs.get(did)
        if winner is None or winner.file != name:
            out.append(duplicate_id(display, did, str(corpus_dir / winner.file) if winner else "another file"))
            continue
        first = first_of_review.setdefault(winner.review_id, winner)
        if first is not winner:
            out += review_mismatches(display, winner.review_id, winner, first, corpus_dir / first.file)
    return out


class Updater:
    """Applies a Diff to an open Whoosh index and produces the new sidecar."""

    def __init__(self, corpus_dir: Path, corpus_key: str, progress: Progress | None = None) -> None:
        self.corpus_dir = corpus_dir
        self.corpus_key = corpus_key
        self._progress = progress

    def progress(self, done: int, total: int, message: str) -> None:
        """Report progress; a failing progress display never stops the indexing."""
        if self._progress is None:
            return
        try:
            self._progress(done, total, message)
        except Exception:
            log.warning("progress callback failed", exc_info=True)
            self._progress = None

    def run(self, ix: Any, old: Meta | None, diff: Diff) -> UpdateResult:
        """A full build (no sidecar `old`: every file read into an empty index) or an update
        (the changed files read into new segments, the documents they replace deleted)."""
        started = time.perf_counter()
        full = old is None
        if old is None:
            taxonomy, tax_state = read_taxonomy(self.corpus_dir)
            old_files, old_docs, base = {}, {}, None
            to_read = list(diff.stats)
        else:
            taxonomy, tax_state = old.taxonomy, old.taxonomy_state
            old_files, old_docs, base = old.files, old.docs, old.base
            to_read = list(diff.changed)
        self.progress(0, len(to_read), f"{'Reading' if full else 'Updating'} {len(to_read)} "
                                       "corpus files")
        files = {name: st for name, st in old_files.items() if name in diff.stats}
        for name, sha in diff.touched.items():
            cur, st = diff.stats[name], files[name]
            files[name] = FileState(cur.st_size, cur.st_mtime_ns, sha, st.doc_id, st.problems)
        docs = dict(old_docs)
        delete: list[str] = []
        written: list[str] = []
        if full or to_read or diff.removed:
            # Our codec: what Whoosh merges gets its fast postings too. Holds Whoosh's lock
            # while the segments are written.
            writer = ix.writer(limitmb=WRITER_MB, compound=False, codec=ScrCodec())
            built: list[Built] = []
            committed = False
            try:
                for b in self._build(ix, to_read, taxonomy):
                    built.append(b)
                    files.update(b.files)
                files = {n: files[n] for n in diff.stats if n in files}  # corpus order
                winners = doc_files(files)
                reread = set(to_read)
                # A duplicate that became the winner when the first copy went away: read again.
                for b in self._build(ix, [f for d, f in winners.items() if f not in reread and (
                        d not in old_docs or old_docs[d].file != f)], taxonomy):
                    built.append(b)
                    files.update(b.files)
                delete = [d for d, m in old_docs.items()
                          if winners.get(d) != m.file or m.file in reread]
                for did in delete:
                    writer.delete_by_term(DOC_ID, did)
                    del docs[did]
                for b in built:
                    for docnum, dm in enumerate(b.docs):
                        if winners.get(dm.id) != dm.file:  # a duplicate id: the first file wins
                            b.segment.delete_document(docnum)
                            continue
                        docs[dm.id] = dm
                        written.append(dm.id)
                if full or delete or written:  # (else only duplicates were read: nothing new)
                    # Small segments of earlier updates are merged (merge_small).
                    commit_segments(writer, [b.segment for b in built if b.segment is not None],
                                    merge_small)
                    committed = True
            finally:
                # Failed (a full disk, say: Whoosh's writer then kept its lock, and every later
                # update in this process found the index busy), or nothing to write.
                if not committed:
                    _cancel(writer)
                    for b in built:
                        if b.segment is not None:
                            delete_segment_files(ix.storage, b.segment)
        docs = {d: docs[d] for d in doc_files(files) if d in docs}  # corpus order, as a sidecar's
        meta = Meta(SCHEMA_TAG, self.corpus_key, tax_state, taxonomy, files, docs,
                    ix.latest_generation(), base=base)  # the sidecar on disk: see save_meta
        return UpdateResult(meta, full, to_read, [] if full else list(diff.removed), written,
                            delete, corpus_problems(self.corpus_dir, meta),
                            time.perf_counter() - started)

    def _build(self, ix: Any, names: list[str], taxonomy: Taxonomy) -> Iterator[Built]:
        """Every file read and written into new segments, run by run in corpus order: by worker
        processes when that is safe and worth it, otherwise here."""
        total = len(names)
        if not names:
            return
        # Worker processes write their segments in the index's folder: an index in memory
        # (RamStorage) is built here.
        parallel = total >= POOL_MIN_FILES and isinstance(ix.storage, FileStorage) and _can_fork()
        runs = _runs(names, parallel)
        if parallel:
            ctx = get_context("fork")  # portable: only if can_fork()
            counter = ctx.Value("l", 0)
            try:
                pool = ProcessPoolExecutor(max_workers=WORKERS, mp_context=ctx,
                                           initializer=_worker_init,
                                           initargs=(os.getpid(), self.corpus_dir, taxonomy,
                                                     ix.storage, ix.schema, counter))
            except Exception as exc:  # no processes allowed: carry on here
                log.warning("worker processes unavailable (%s); indexing in one process", exc)
            else:
                with pool:
                    futures = [pool.submit(_worker_build, run) for run in runs]
                    for future in futures:
                        while not future.done():
                            wait([future], timeout=0.2)
                            self.progress(counter.value, total, "Indexing")
                        yield future.result()
                self.progress(total, total, "Indexing")
                return
        done = count(1)

        def tick(name: str) -> None:
            self.progress(next(done), total, name)

        for run in runs:
            yield build_segment(self.corpus_dir, run, taxonomy, ix.storage, ix.schema, tick)


def merge_small(writer: Any, segments: list[Any]) -> list[Any]:
    """A Whoosh merge policy (see SMALL_SEGMENT_DOCS): merges the small or mostly deleted
    segments into the writer's new segment, through Whoosh's writer and our codec; returns the
    segments kept as they are."""
    small = [s for s in segments if s.doc_count() < SMALL_SEGMENT_DOCS]
    merge = small if len(small) > MAX_SMALL_SEGMENTS else []
    merge += [s for s in segments
              if s not in merge and (s.deleted_count() * 2 > s.doc_count_all() or not s.doc_count())]
    for seg in merge:
        if not seg.doc_count():
            # Every document deleted: the segment just goes. Read in, it would still make
            # Whoosh's writer keep a new segment, of no documents and no columns.
            continue
        reader = SegmentReader(writer.storage, writer.schema, seg)
        try:
            writer.add_reader(reader)
        finally:
            reader.close()
    return [s for s in segments if s not in merge]


def _cancel(writer: Any) -> None:
    """Cancel a writer and let go of Whoosh's write lock even when cancelling fails: on a full
    disk, `cancel` itself raises while closing its segment, and the lock stayed held."""
    with contextlib.suppress(Exception):
        writer.cancel()
    lock = getattr(writer, "writelock", None)
    if lock is not None:
        with contextlib.suppress(Exception):
            lock.release()
