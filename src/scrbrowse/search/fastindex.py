"""The fast postings: a compact, memory-mapped copy of the index's terms, read at C speed.

Why: Whoosh keeps each term's postings as pickled blocks holding positions for every posting, so
reading one common term costs 2-4 microseconds a posting in Python (20-40 ms for a word in every
document at 10,000 documents), before any scoring. Here each field's postings are flat arrays of
32-bit ints in one file per segment, sliced from an mmap with `memoryview.cast` (no copy), so a
term's postings cost a bisect and a slice, and queries are scored in simple loops (see
`evaluate.py`). Whoosh stays the index of record: its stored passages are what these files are
made from, and the spelling list and stored fields are still read from it.

Derived data, always safe to delete: `FastIndex.sync` compares each document's stamp (its file's
SHA-256 with the taxonomy's and the index schema's) with what the segments hold, and writes a new
segment for the documents that are missing or changed. Documents are numbered in segment order
(like Whoosh's docnums); a slot whose document was changed or removed since is dead and masked
out. Where the index folder cannot be written, the segments are built in memory for the session.
"""

from __future__ import annotations

import contextlib
import json
import logging
import mmap
import os
import re
import secrets
import struct
import sys
import zlib
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from ..yamlio import atomic_write_text
from .analysis import SENTENCE_GAP, WORD_RE, analyse, normalise
from .meta import DocMeta
from .rows import UNDATED

log = logging.getLogger("scrbrowse.search")

# 3: a CRC-32 of the header and of every section, checked when a segment is opened.
FORMAT = 3
FOLDER = "fast"
MANIFEST = "manifest.json"
MAGIC = b"SCRFAST3"
# Checked when a segment is opened, unless asked for a full check (`scrbrowse index`): the
# passages, near half the bytes, carry zlib's own checksum per document, checked on every read.
LAZY_SECTIONS = frozenset({"rows.data"})
SEGMENT_DOCS = 4000  # documents per written segment: bounds the memory a build holds at once
SMALL_SEGMENT_DOCS = 100  # segments smaller than this are merged once there are too many
MAX_SMALL_SEGMENTS = 8

# Field names in the fast index. Positions are kept only where phrases are searched.
F_BODY = "body"
F_TITLE = "title"
F_CONCEPT = "concept"
F_THEME = "theme"
F_AGENCY = "agency"
F_BOARD = "board"
F_CHILD = "child"
F_YEAR = "year"
F_DOC_TYPE = "doc_type"
F_REVIEW_TYPE = "review_type"
POSITIONAL = (F_BODY, F_TITLE, F_BOARD, F_CHILD)
FIELDS = (F_BODY, F_TITLE, F_CONCEPT, F_THEME, F_AGENCY, F_BOARD, F_CHILD, F_YEAR, F_DOC_TYPE,
          F_REVIEW_TYPE)

# A 4-byte unsigned typecode, whatever this platform calls it.
U32: Literal["I", "L"] = "I" if array("I").itemsize == 4 else "L"
_BYTEORDER = sys.byteorder


class FastIndexError(Exception):
    """A segment file is missing, short, of another format or otherwise unreadable."""


# ---------------------------------------------------------------------------------------------
# What one document contributes


@dataclass
class DocTerms:
    """One document's terms per field: positional fields as term sequences (None marks a break
    that no phrase may cross), the others as term counts."""

    doc_id: str
    stamp: str
    sequences: dict[str, list[str | None]]
    counts: dict[str, Counter[str]]
    rows: bytes = b""  # the stored passage rows (rows.encode_rows), as zlib-compressed JSON


def name_words(text: str) -> list[str]:
    return [w.lower() for w in WORD_RE.findall(normalise(text))]


def doc_terms(meta: DocMeta, stamp: str, rows: list[list[Any]],
              concepts_in: Callable[[Sequence[str]], Counter[str]]) -> DocTerms:
    """The fast-index terms of a document, from its stored passage rows (`rows.encode_rows`:
    each row's analysed terms, space-separated, and the taxonomy entries it mentions)."""
    body: list[str | None] = []
    title_terms = analyse(meta.title)
    for part in (title_terms, analyse(meta.review), analyse(meta.board or ""),
                 analyse(meta.area or "")):
        if part:
            body.extend(part)
            body.append(None)
    concepts: Counter[str] = Counter(concepts_in(title_terms))
    for r in rows:
        split = r[6].split()
        if split:
            # A sentence end takes a position but holds no term, like the gap between passages.
            body.extend([None if t == SENTENCE_GAP else t for t in split])
            body.append(None)
        concepts.update(r[7])
    board_words: list[str | None] = list(name_words(meta.board or ""))
    if meta.area:
        board_words += [None, *name_words(meta.area)]
    return DocTerms(
        meta.id, stamp,
        {F_BODY: body, F_TITLE: list(title_terms), F_BOARD: board_words,
         F_CHILD: list(name_words(meta.child))},
        {F_CONCEPT: concepts, F_THEME: Counter(set(meta.themes)),
         F_AGENCY: Counter(set(meta.agencies)), F_YEAR: Counter([meta.year or UNDATED]),
         F_DOC_TYPE: Counter([meta.doc_type]), F_REVIEW_TYPE: Counter([meta.review_type])},
        zlib.compress(json.dumps(rows, ensure_ascii=False, separators=(",", ":")).encode("utf-8"),
                      1))


# ---------------------------------------------------------------------------------------------
# Writing a segment


class _FieldBuilder:
    __slots__ = ("lengths", "positional", "terms")

    def __init__(self, positional: bool) -> None:
        self.positional = positional
        # term -> [doc ordinals, term frequencies, positions (positional fields), ends of each
        # posting's positions]
        self.terms: dict[str, list[array[int]]] = {}
        self.lengths = array(U32)


def _new_entry(positional: bool) -> list[array[int]]:
    return [array(U32), array(U32), array(U32), array(U32)] if positional else [array(U32),
                                                                                  array(U32)]


def build_segment(docs: Sequence[DocTerms]) -> bytes:
    """One segment file's bytes, for these documents (numbered 0.. in this order)."""
    builders = {f: _FieldBuilder(f in POSITIONAL) for f in FIELDS}
    # Positions count on from one document to the next (with a gap), so a phrase can be found
    # across a whole segment with set operations; `.dstart` says where each document starts.
    offsets = {f: 0 for f in POSITIONAL}
    dstart = {f: array(U32) for f in POSITIONAL}
    no_counts: Counter[str] = Counter()
    for n, doc in enumerate(docs):
        for f in POSITIONAL:
            seq = doc.sequences.get(f, ())
            fb = builders[f]
            where: dict[str, list[int]] = {}
            pos = offsets[f]
            dstart[f].append(pos)
            for t in seq:
                # None is a gap: it takes a position, so no phrase matches across passages.
                if t is not None:
                    got = where.get(t)
                    if got is None:
                        where[t] = [pos]
                    else:
                        got.append(pos)
                pos += 1
            offsets[f] = pos + 1
            fb.lengths.append(len(seq) - seq.count(None))
            terms = fb.terms
            for t, poses in where.items():
                entry = terms.get(t)
                if entry is None:
                    entry = terms[t] = _new_entry(True)
                entry[0].append(n)
                entry[1].append(len(poses))
                entry[2].extend(poses)
                entry[3].append(len(entry[2]))
        for f in FIELDS:
            if f in POSITIONAL:
                continue
            counts = doc.counts.get(f, no_counts)
            fb = builders[f]
            fb.lengths.append(sum(counts.values()))
            terms = fb.terms
            for t, c in counts.items():
                entry = terms.get(t)
                if entry is None:
                    entry = terms[t] = _new_entry(False)
                entry[0].append(n)
                entry[1].append(c)
    row_ends = array(U32)
    for d in docs:
        row_ends.append((row_ends[-1] if row_ends else 0) + len(d.rows))
    sections: list[tuple[str, bytes]] = [
        ("docids", "\n".join(d.doc_id for d in docs).encode("utf-8")),
        ("stamps", "\n".join(d.stamp for d in docs).encode("utf-8")),
        ("rows.end", row_ends.tobytes()),
        ("rows.data", b"".join(d.rows for d in docs)),
    ]
    for f, fb in builders.items():
        names = sorted(fb.terms)
        start = array(U32, [0])
        ids, tfs, allpos, pend = array(U32), array(U32), array(U32), array(U32)
        for t in names:
            entry = fb.terms[t]
            base = len(allpos)
            ids.extend(entry[0])
            tfs.extend(entry[1])
            if fb.positional:
                allpos.extend(entry[2])
                pend.extend(e + base for e in entry[3])
            start.append(len(ids))
        sections += [
            (f"{f}.terms", "\n".join(_clean(t) for t in names).encode("utf-8")),
            (f"{f}.start", start.tobytes()), (f"{f}.ids", ids.tobytes()),
            (f"{f}.tf", tfs.tobytes()), (f"{f}.len", fb.lengths.tobytes()),
        ]
        if fb.positional:
            starts = dstart[f]
            starts.append(offsets[f])
            sections += [(f"{f}.pos", allpos.tobytes()), (f"{f}.pend", pend.tobytes()),
                         (f"{f}.dstart", starts.tobytes())]
    return _pack(sections, len(docs))


def _clean(term: str) -> str:
    return term.replace("\n", " ")


def _pack(sections: list[tuple[str, bytes]], ndocs: int) -> bytes:
    # Sections start at multiples of 8 so every array slice is aligned for `memoryview.cast`.
    table: dict[str, list[int]] = {}
    offset = 0
    for name, data in sections:
        table[name] = [offset, len(data)]
        offset += (len(data) + 7) // 8 * 8
    # A flipped bit anywhere must be noticed, not searched: a facet id changed in place gave
    # silently wrong counts, and a damaged term list made every search find nothing.
    crcs = {name: zlib.crc32(data) for name, data in sections}
    header = json.dumps({"format": FORMAT, "byteorder": _BYTEORDER, "itemsize": 4,
                         "docs": ndocs, "sections": table, "crc32": crcs}).encode("utf-8")
    head_len = (len(MAGIC) + 8 + len(header) + 7) // 8 * 8
    out = bytearray(MAGIC + struct.pack("<II", len(header), zlib.crc32(header)) + header)
    out += b"\0" * (head_len - len(out))
    for _name, data in sections:
        out += data
        out += b"\0" * ((len(data) + 7) // 8 * 8 - len(data))
    return bytes(out)


# ---------------------------------------------------------------------------------------------
# Reading a segment


class Segment:
    """One segment file, memory-mapped (or held as bytes when built in memory)."""

    def __init__(self, name: str, data: bytes | mmap.mmap, *, full_check: bool = False) -> None:
        self.name = name
        self.full_check = full_check
        self._data = data
        self._view = memoryview(data)
        self._terms: dict[str, list[str]] = {}
        self._arrays: dict[str, memoryview] = {}
        self.users = 1  # FastIndex objects sharing it (segments held in memory carry over)
        self.closed = False
        try:
            self._read_header()
        except FastIndexError:
            self._view.release()
            raise
        except Exception as exc:  # anything a damaged file can throw at the parser
            self._view.release()
            raise FastIndexError(f"{name}: unreadable ({exc.__class__.__name__})") from exc

    def _read_header(self) -> None:
        name, view = self.name, self._view
        if len(view) < len(MAGIC) + 8 or bytes(view[:len(MAGIC)]) != MAGIC:
            raise FastIndexError(f"{name}: not a fast-index segment of this version")
        hlen, hcrc = struct.unpack("<II", view[len(MAGIC):len(MAGIC) + 8])
        raw_header = bytes(view[len(MAGIC) + 8:len(MAGIC) + 8 + hlen])
        if len(raw_header) != hlen or zlib.crc32(raw_header) != hcrc:
            raise FastIndexError(f"{name}: damaged (header checksum)")
        header = json.loads(raw_header)
        if (not isinstance(header, dict) or header.get("format") != FORMAT
                or header.get("byteorder") != _BYTEORDER or header.get("itemsize") != 4):
            raise FastIndexError(f"{name}: another format")
        body = (len(MAGIC) + 8 + hlen + 7) // 8 * 8
        self._sections: dict[str, tuple[int, int]] = {}
        crcs = header["crc32"]
        for key, (off, length) in header["sections"].items():
            if body + off + length > len(view):
                raise FastIndexError(f"{name}: cut short")
            self._sections[key] = (body + off, length)
            if key in LAZY_SECTIONS and not self.full_check:
                continue
            # zlib.crc32 runs at gigabytes a second: about 2 ms per 1,000 documents.
            if zlib.crc32(view[body + off:body + off + length]) != crcs[key]:
                raise FastIndexError(f"{name}: damaged (checksum of {key})")
        self.ndocs = int(header["docs"])
        self.doc_ids = self._text("docids")
        self.stamps = self._text("stamps")
        if len(self.doc_ids) != self.ndocs or len(self.stamps) != self.ndocs:
            raise FastIndexError(f"{name}: document list does not match")
        for field in FIELDS:  # cheap consistency checks; deeper damage shows when searching
            if len(self.ints(f"{field}.len")) != self.ndocs:
                raise FastIndexError(f"{name}: lengths of {field} do not match")
            start = self.ints(f"{field}.start")
            raw = self._raw(f"{field}.terms")
            # Counted without splitting: the term lists are read when first searched.
            n_terms = bytes(raw).count(b"\n") + 1 if len(raw) else 0
            if start[-1] != len(self.ints(f"{field}.ids")) or len(start) != n_terms + 1:
                raise FastIndexError(f"{name}: postings of {field} do not match")
        self._arrays.clear()

    def _raw(self, key: str) -> memoryview:
        try:
            off, length = self._sections[key]
        except KeyError:
            raise FastIndexError(f"{self.name}: no section {key}") from None
        return self._view[off:off + length]

    def _text(self, key: str) -> list[str]:
        raw = bytes(self._raw(key)).decode("utf-8")
        return raw.split("\n") if raw else []

    def ints(self, key: str) -> memoryview:
        got = self._arrays.get(key)
        if got is None:
            got = self._arrays[key] = self._raw(key).cast(U32)
        return got

    def terms(self, field: str) -> list[str]:
        got = self._terms.get(field)
        if got is None:
            got = self._terms[field] = self._text(f"{field}.terms")
        return got

    def lookup(self, field: str, term: str) -> tuple[int, int] | None:
        """The posting range of a term, if this segment has it."""
        terms = self.terms(field)
        i = bisect_left(terms, term)
        if i < len(terms) and terms[i] == term:
            start = self.ints(f"{field}.start")
            return start[i], start[i + 1]
        return None

    def rows(self, local: int) -> list[list[Any]]:
        """A document's stored passage rows (as `rows.encode_rows` made them)."""
        ends = self.ints("rows.end")
        start = ends[local - 1] if local else 0
        blob = self._raw("rows.data")[start:ends[local]]
        try:
            data = json.loads(zlib.decompress(blob))
        except (zlib.error, ValueError) as exc:
            raise FastIndexError(f"{self.name}: damaged passages") from exc
        if not isinstance(data, list):
            raise FastIndexError(f"{self.name}: damaged passages")
        return data

    def prefixed(self, field: str, prefix: str) -> list[str]:
        terms = self.terms(field)
        i = bisect_left(terms, prefix)
        out = []
        while i < len(terms) and terms[i].startswith(prefix):
            out.append(terms[i])
            i += 1
        return out

    def close(self) -> None:
        self.users -= 1
        if self.users > 0:
            return
        self.closed = True
        self._arrays.clear()
        self._view.release()
        if isinstance(self._data, mmap.mmap):
            # A slice may still be referenced; the map then goes with the last one.
            with contextlib.suppress(BufferError):
                self._data.close()


def open_segment(path: Path, *, full_check: bool = False) -> Segment:
    try:
        with open(path, "rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            if size == 0:
                raise FastIndexError(f"{path.name}: empty")
            data = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
    except OSError as exc:
        raise FastIndexError(f"{path.name}: {exc.strerror or exc}") from exc
    try:
        return Segment(path.name, data, full_check=full_check)
    except FastIndexError:
        with contextlib.suppress(BufferError):
            data.close()
        raise


# ---------------------------------------------------------------------------------------------
# The index: segments in order, with the live documents


@dataclass
class Posting:
    """A term's postings in one segment, as global document numbers (local + base)."""

    seg: Segment
    base: int
    start: int
    end: int


_SEG_NAME = re.compile(r"^seg-[0-9a-f]{16}\.fpx$")


class FastIndex:
    """The segments of one index, numbered in order; documents not current are masked out."""

    def __init__(self, segments: list[Segment], current: dict[str, str]) -> None:
        self.segments = segments
        self.bases: list[int] = []
        self.doc_ids: list[str | None] = []  # global number -> document id, None when dead
        self.number: dict[str, int] = {}
        base = 0
        placed: dict[str, int] = {}
        # The newest copy of a document wins; older copies and removed documents are dead.
        for seg in segments:
            self.bases.append(base)
            for local, (did, stamp) in enumerate(zip(seg.doc_ids, seg.stamps, strict=True)):
                g = base + local
                self.doc_ids.append(None)
                if current.get(did) != stamp:
                    continue
                old = placed.get(did)
                if old is not None:
                    self.doc_ids[old] = None
                placed[did] = g
                self.doc_ids[g] = did
            base += seg.ndocs
        self.size = base
        self.number = placed
        self.missing = [d for d in current if d not in placed]
        flags = bytearray((base + 7) // 8)
        for g in placed.values():
            flags[g >> 3] |= 1 << (g & 7)
        self.live = int.from_bytes(flags, "little")
        self.live_count = len(placed)
        self._lengths: dict[str, list[int]] = {}
        # Per segment, the local numbers of its dead slots (old copies of edited documents,
        # removed ones), in order: document frequencies leave them out (see doc_frequency).
        doc_ids = self.doc_ids
        self.dead: list[list[int]] = [
            [local for local in range(seg.ndocs) if doc_ids[b + local] is None]
            for seg, b in zip(segments, self.bases, strict=True)]
        self._dead_sets: dict[str, frozenset[int]] = {}
        self.repaired: list[str] = []  # segment files found damaged or missing, and made again
        self.folder: Path | None = None  # where the segment files are (None: in memory)
        self._df: dict[tuple[str, str], int] = {}

    # -- reading

    def postings(self, field: str, term: str) -> list[Posting]:
        out = []
        for seg, base in zip(self.segments, self.bases, strict=True):
            got = seg.lookup(field, term)
            if got is not None and got[1] > got[0]:
                out.append(Posting(seg, base, got[0], got[1]))
        return out

    def rows(self, doc_id: str) -> list[list[Any]] | None:
        g = self.number.get(doc_id)
        if g is None:
            return None
        i = bisect_right(self.bases, g) - 1
        return self.segments[i].rows(g - self.bases[i])

    def doc_frequency(self, field: str, term: str) -> int:
        """Live documents holding the term. Dead copies are left out: counting them while N
        counts live documents drove idf negative after an ordinary update, and a ranking must
        not depend on the update history (an incremental update ranks as a rebuild does)."""
        key = (field, term)
        got_df = self._df.get(key)
        if got_df is not None:
            return got_df
        total = 0
        for seg, dead in zip(self.segments, self.dead, strict=True):
            got = seg.lookup(field, term)
            if got is None or got[1] <= got[0]:
                continue
            start, end = got
            total += end - start
            if not dead:
                continue
            ids = seg.ints(f"{field}.ids")
            if len(dead) * 8 < end - start:
                # Postings are in document order: each dead slot is found by bisection, so a
                # segment with few dead slots costs a few look-ups, not a scan.
                for local in dead:
                    i = bisect_left(ids, local, start, end)
                    if i < end and ids[i] == local:
                        total -= 1
            else:
                dead_set = self._dead_sets.get(seg.name)
                if dead_set is None:
                    dead_set = self._dead_sets[seg.name] = frozenset(dead)
                total -= sum(1 for d in ids[start:end] if d in dead_set)
        if len(self._df) >= 100_000:
            self._df.clear()
        self._df[key] = total
        return total

    def lengths(self, field: str) -> list[int]:
        """Field length per global document number."""
        got = self._lengths.get(field)
        if got is None:
            got = []
            for seg in self.segments:
                got.extend(seg.ints(f"{field}.len"))
            self._lengths[field] = got
        return got

    def average_length(self, field: str) -> float:
        lengths = self.lengths(field)
        total = sum(lengths[g] for g in self.number.values())
        return total / max(1, self.live_count) or 1.0

    def prefixed(self, field: str, prefix: str) -> list[str]:
        found: set[str] = set()
        for seg in self.segments:
            found.update(seg.prefixed(field, prefix))
        return sorted(found)

    def close(self) -> None:
        for seg in self.segments:
            seg.close()
        if self.folder is not None:
            # Now unmapped: delete what an update replaced while we still held it (Windows
            # refuses to delete a mapped file, so the update had to leave it).
            _remove_replaced(self.folder, [s.name for s in self.segments if s.closed])


def _remove_replaced(folder: Path, names: list[str]) -> None:
    """Delete these segment files if the manifest no longer lists them; never fails."""
    names = [n for n in names if _SEG_NAME.match(n)]
    if not names:
        return
    listed = set(_read_manifest(folder))
    if not listed:
        return  # no readable manifest to go by: leave everything
    for name in names:
        if name not in listed:
            with contextlib.suppress(OSError):
                (folder / name).unlink()


def stamp_of(file_sha: str, taxonomy_sha: str, schema: str) -> str:
    return f"{file_sha}/{taxonomy_sha}/{schema}"


def _read_manifest(folder: Path) -> list[str]:
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return []
    names = data.get("segments")
    if not isinstance(names, list):
        return []
    return [n for n in names if isinstance(n, str) and _SEG_NAME.match(n)]


def _write_manifest(folder: Path, names: list[str]) -> None:
    atomic_write_text(folder / MANIFEST, json.dumps({"format": FORMAT, "segments": names}),
                      mode=0o600)


def write_segment(folder: Path, docs: Sequence[DocTerms]) -> str | None:
    """Write a segment of these documents into the folder (not yet listed); its name, or None
    when it could not be written (it is then made again when the index is opened)."""
    try:
        if not _prepare(folder):
            return None
        return _write_segment(folder, build_segment(docs))
    except OSError as exc:
        log.warning("fast index segment not written: %s", exc)
        return None


def set_segments(folder: Path, names: list[str]) -> None:
    """List exactly these segments (after a full build) and remove any others."""
    try:
        if _prepare(folder):
            _write_manifest(folder, names)
            _remove_unlisted(folder, set(names))
    except OSError as exc:
        log.warning("fast index manifest not written: %s", exc)


def _write_segment(folder: Path, data: bytes) -> str:
    name = f"seg-{secrets.token_hex(8)}.fpx"
    path = folder / name
    tmp = folder / f".{name}.tmp"
    # Owner-only from the start: the segment holds the full text of restricted documents.
    with open(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0),
                      0o600), "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    return name


Loader = Callable[[list[str]], Iterable[DocTerms]]


def sync(folder: Path | None, current: dict[str, str], load: Loader,
         progress: Callable[[int, int], None] | None = None,
         previous: FastIndex | None = None, *, fresh: bool = False,
         full_check: bool = False) -> FastIndex:
    """The fast index for these documents (id -> stamp), bringing the folder up to date.

    `load` gives the terms of the listed documents (from the Whoosh index). With `folder` None,
    or when it cannot be written, what is missing is built in memory, starting from the
    `previous` index's segments held in memory, so an update there costs what changed. `fresh`:
    trust nothing that exists (after a search found something damaged). `full_check`: check
    every byte against its checksum, the passages too (`scrbrowse index`).

    Listed segments that are damaged or missing are made again and dropped from the folder;
    they are named in the result's `repaired`.

    Files are never replaced in place: each write is a new segment file, and the manifest (the
    one file replaced, written atomically, never mapped) says which are current. A reader
    holding an old mapping never blocks a writer (Windows refuses to delete a mapped file):
    old segments are closed before they are deleted, a deletion that fails is left for a later
    update to retry.
    """
    segments: list[Segment] = []
    names: list[str] = []
    repaired: list[str] = []
    if (folder is None or not _prepare(folder)) and not fresh:
        for seg in previous.segments if previous is not None else ():
            if seg.name.startswith("memory-") and not seg.closed:
                seg.users += 1
                segments.append(seg)
                names.append(seg.name)
    if folder is not None and not fresh:
        for name in _read_manifest(folder):
            try:
                segments.append(open_segment(folder / name, full_check=full_check))
                names.append(name)
            except FastIndexError as exc:
                log.warning("fast index segment skipped (it is made again): %s", exc)
                repaired.append(name)
    fast = FastIndex(segments, current)
    keep = _segments_to_keep(fast)
    if not fast.missing and len(keep) == len(segments):
        fast.repaired = repaired
        fast.folder = folder
        return fast
    kept_docs = {fast.doc_ids[g] for i in keep
                 for g in range(fast.bases[i], fast.bases[i] + segments[i].ndocs)} - {None}
    todo = [d for d in current if d not in kept_docs]
    writable = folder is not None and _prepare(folder)
    new_segments: list[Segment] = [segments[i] for i in keep]
    new_names: list[str] = [names[i] for i in keep]
    done = 0
    for chunk_start in range(0, len(todo), SEGMENT_DOCS):
        chunk = todo[chunk_start:chunk_start + SEGMENT_DOCS]
        data = build_segment(list(_counted(load(chunk), done, len(todo), progress)))
        done += len(chunk)
        if progress is not None:
            progress(done, len(todo))
        if writable and folder is not None:
            try:
                name = _write_segment(folder, data)
                new_segments.append(open_segment(folder / name))
                new_names.append(name)
                continue
            except (OSError, FastIndexError) as exc:
                log.warning("fast index not written (%s); kept in memory", exc)
                writable = False
        new_segments.append(Segment(f"memory-{secrets.token_hex(8)}", data))
    for i, seg in enumerate(segments):
        if i not in keep:
            seg.close()  # before its file is deleted
    if writable and folder is not None and len(new_names) == len(new_segments):
        try:
            _write_manifest(folder, new_names)
            _remove_unlisted(folder, set(new_names))
        except OSError as exc:
            log.warning("fast index manifest not written: %s", exc)
    result = FastIndex(new_segments, current)
    result.repaired = repaired
    result.folder = folder
    return result


def _segments_to_keep(fast: FastIndex) -> list[int]:
    """Segments worth keeping as they are: mostly alive, and not one of too many small ones.

    Updates add small segments (one per refresh); once there are more than MAX_SMALL_SEGMENTS,
    they are merged into one, which costs little because they are small. A segment where a
    quarter of the documents have changed since is rewritten with its live documents.
    """
    alive = []
    for i, seg in enumerate(fast.segments):
        base = fast.bases[i]
        n = sum(1 for g in range(base, base + seg.ndocs) if fast.doc_ids[g] is not None)
        alive.append(n >= 0.75 * seg.ndocs and n > 0)
    small = [i for i, seg in enumerate(fast.segments) if seg.ndocs < SMALL_SEGMENT_DOCS]
    merge_small = len(small) > MAX_SMALL_SEGMENTS
    return [i for i, seg in enumerate(fast.segments)
            if alive[i] and not (merge_small and seg.ndocs < SMALL_SEGMENT_DOCS)]


def _counted(docs: Iterable[DocTerms], done: int, total: int,
             progress: Callable[[int, int], None] | None) -> Iterator[DocTerms]:
    for i, doc in enumerate(docs, 1):
        if progress is not None and not i % 200:
            progress(done + i, total)
        yield doc


def _prepare(folder: Path) -> bool:
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        return os.access(folder, os.W_OK)
    except OSError:
        return False


def _remove_unlisted(folder: Path, keep: set[str]) -> None:
    for path in folder.iterdir():
        if path.name in keep or path.name == MANIFEST:
            continue
        if _SEG_NAME.match(path.name) or path.name.startswith(".seg-"):
            with contextlib.suppress(OSError):
                path.unlink()

