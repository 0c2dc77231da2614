"""The fast postings: each Whoosh segment's terms again as flat arrays, read at C speed.

Why: Whoosh keeps each term's postings as pickled blocks holding positions for every posting, so
reading one common term costs 2-4 microseconds a posting in Python (20-40 ms for a word in every
document at 10,000 documents), before any scoring. Here each field's postings are flat arrays of
32-bit ints, sliced from an mmap with `memoryview.cast` (no copy), so a term's postings cost a
bisect and a slice, and queries are scored in simple loops (see `evaluation/evaluator.py`).

They are part of the Whoosh index, a `.fpx` file in each segment (written by our codec,
`index/codec.py`): one numbering (Whoosh's document numbers), one list of segments and one
generation, and Whoosh's own deletion lists. Every section carries a CRC-32, checked when the
file is opened: a damaged or missing file means the index is rebuilt from the corpus.
"""

from __future__ import annotations

import contextlib
import json
import mmap
import os
import struct
import sys
import zlib
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain
from typing import Any, Literal

from .passage_rows import decode_rows
from .schema import DOC_ID, PASSAGES

# 4: one file per Whoosh segment (`<segment>.fpx`), numbered as Whoosh numbers; no passages;
#    term frequencies as 16 bits (capped: BM25 saturates long before), positions found per term.
FORMAT = 4
EXT = ".fpx"
MAGIC = b"SCRFAST4"

# Field names, the same as the Whoosh schema's. Positions are kept only where phrases are searched.
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
U16: Literal["H"] = "H"
TF_MAX = 0xFFFF
_BYTEORDER = sys.byteorder


class FastIndexError(Exception):
    """A segment file is missing, short, of another format or otherwise unreadable."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.file = message.split(":", 1)[0]  # every message starts with the file's name


# ---------------------------------------------------------------------------------------------
# Writing a segment's arrays


class _Field:
    __slots__ = ("extent", "ids", "lengths", "pos", "positional", "start", "terms", "tfs")

    def __init__(self, positional: bool) -> None:
        self.positional = positional
        self.terms: list[str] = []
        self.start = array(U32, [0])
        self.ids = array(U32)
        self.tfs = array(U16)
        self.lengths: dict[int, int] = {}
        # Positional fields: each posting's positions (local to its document) until the end,
        # when each document's first position in the segment is known.
        self.pos: list[Sequence[int]] = []
        self.extent: dict[int, int] = {}  # document -> its last position + 1


class FastWriter:
    """Collects one segment's postings, term by term in order, field by field."""

    def __init__(self) -> None:
        self.fields = {f: _Field(f in POSITIONAL) for f in FIELDS}

    def add_term(self, field: str, term: str, docs: Sequence[int], tfs: Sequence[int],
                 positions: Sequence[Sequence[int]] | None = None) -> None:
        fb = self.fields[field]
        fb.terms.append(term)
        fb.ids.extend(docs)
        fb.tfs.extend([min(tf, TF_MAX) for tf in tfs])
        fb.start.append(len(fb.ids))
        lengths = fb.lengths
        for d, tf in zip(docs, tfs, strict=True):
            lengths[d] = lengths.get(d, 0) + tf
        if fb.positional:
            assert positions is not None
            extent = fb.extent
            for d, poses in zip(docs, positions, strict=True):
                if poses and extent.get(d, 0) <= poses[-1]:
                    extent[d] = poses[-1] + 1
            fb.pos.extend(positions)

    def data(self, n: int) -> bytes:
        """The file's bytes, for a segment of `n` documents."""
        sections: list[tuple[str, bytes]] = []
        for f, fb in self.fields.items():
            lengths = array(U32, [0]) * n
            for d, length in fb.lengths.items():
                lengths[d] = length
            sections += [
                (f"{f}.terms", "\n".join(t.replace("\n", " ") for t in fb.terms).encode("utf-8")),
                (f"{f}.start", fb.start.tobytes()), (f"{f}.ids", fb.ids.tobytes()),
                (f"{f}.tf", fb.tfs.tobytes()), (f"{f}.len", lengths.tobytes()),
            ]
            if fb.positional:
                # Positions run on from one document to the next (with a gap), so a phrase can
                # be found across a whole segment with set operations; `.dstart` says where
                # each document starts.
                dstart = array(U32, [0])
                for d in range(n):
                    dstart.append(dstart[-1] + fb.extent.get(d, 0) + 1)
                # Each term's positions, in document order; `.pstart` says where each term's
                # positions start (per term, not per posting: a phrase needs only the ranges).
                allpos = array(U32)
                before = [0]  # positions before each posting
                for d, poses in zip(fb.ids, fb.pos, strict=True):
                    base = dstart[d]
                    allpos.extend([base + p for p in poses])
                    before.append(len(allpos))
                pstart = array(U32, [before[i] for i in fb.start])
                sections += [(f"{f}.pos", allpos.tobytes()), (f"{f}.pstart", pstart.tobytes()),
                             (f"{f}.dstart", dstart.tobytes())]
        return _pack(sections, n)


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


def write_segment(storage: Any, segment: Any, writer: FastWriter) -> None:
    with segment.create_file(storage, EXT) as f:
        f.write(writer.data(segment.doc_count_all()))


# ---------------------------------------------------------------------------------------------
# Reading a segment


class Segment:
    """One segment's arrays, memory-mapped (or held as bytes for an index in memory)."""

    def __init__(self, name: str, data: bytes | mmap.mmap, ndocs: int) -> None:
        self.name = name
        self._data = data
        self._view = memoryview(data)
        self._terms: dict[str, list[str]] = {}
        self._arrays: dict[str, memoryview] = {}
        self.users = 1  # FastIndex objects sharing it (an update keeps unchanged segments)
        self.doc_ids: list[str | None] | None = None  # local number -> id, read when first needed
        self.closed = False
        self.ndocs = ndocs
        try:
            self._read_header()
        except Exception as exc:  # anything a damaged file can throw at the parser
            self.close()  # (and the map with it)
            if isinstance(exc, FastIndexError):
                raise
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
            # zlib.crc32 runs at gigabytes a second: about 2 ms per 1,000 documents.
            if zlib.crc32(view[body + off:body + off + length]) != crcs[key]:
                raise FastIndexError(f"{name}: damaged (checksum of {key})")
        if int(header["docs"]) != self.ndocs:
            raise FastIndexError(f"{name}: document count does not match the segment's")
        for field in FIELDS:  # cheap consistency checks; deeper damage shows when searching
            if len(self.ints(f"{field}.len")) != self.ndocs:
                raise FastIndexError(f"{name}: lengths of {field} do not match")
            start = self.ints(f"{field}.start")
            raw = self._raw(f"{field}.terms")
            # Counted without splitting: the term lists are read when first searched.
            n_terms = bytes(raw).count(b"\n") + 1 if len(raw) else 0
            if (start[-1] != len(self.ints(f"{field}.ids")) or len(start) != n_terms + 1
                    or len(self.ints(f"{field}.tf")) != start[-1]):
                raise FastIndexError(f"{name}: postings of {field} do not match")
            if field in POSITIONAL:
                pstart = self.ints(f"{field}.pstart")
                if len(pstart) != n_terms + 1 or pstart[-1] != len(self.ints(f"{field}.pos")):
                    raise FastIndexError(f"{name}: positions of {field} do not match")
        self._arrays.clear()

    def _raw(self, key: str) -> memoryview:
        try:
            off, length = self._sections[key]
        except KeyError:
            raise FastIndexError(f"{self.name}: no section {key}") from None
        return self._view[off:off + length]

    def ints(self, key: str) -> memoryview:
        got = self._arrays.get(key)
        if got is None:
            got = self._arrays[key] = self._raw(key).cast(U16 if key.endswith(".tf") else U32)
        return got

    def terms(self, field: str) -> list[str]:
        got = self._terms.get(field)
        if got is None:
            raw = bytes(self._raw(f"{field}.terms")).decode("utf-8")
            got = self._terms[field] = raw.split("\n") if raw else []
        return got

    def lookup(self, field: str, term: str, key: str = "start") -> tuple[int, int] | None:
        """The posting range of a term, if this segment has it (`key="pstart"`: the range of
        its positions)."""
        terms = self.terms(field)
        i = bisect_left(terms, term)
        if i < len(terms) and terms[i] == term:
            start = self.ints(f"{field}.{key}")
            return start[i], start[i + 1]
        return None

    def positions(self, field: str, term: str) -> memoryview | None:
        """Every position of a term in this segment (positional fields), in document order;
        positions run on across the segment's documents (see `.dstart`)."""
        got = self.lookup(field, term, "pstart")
        return None if got is None else self.ints(f"{field}.pos")[got[0]:got[1]]

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


def open_segment(storage: Any, segment: Any) -> Segment:
    """The arrays of one Whoosh segment, checked against their checksums."""
    name = segment.make_filename(EXT)
    folder = getattr(storage, "folder", None)
    data: bytes | mmap.mmap
    try:
        if folder and not segment.is_compound():
            # Mapped, not read: the arrays stay in the page cache, shared with other processes.
            with open(os.path.join(folder, name), "rb") as fh:
                if os.fstat(fh.fileno()).st_size == 0:
                    raise FastIndexError(f"{name}: empty")
                data = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        else:
            with segment.open_file(storage, EXT) as f:  # in memory, or inside a compound file
                data = bytes(f.read())
    except (OSError, NameError, KeyError) as exc:
        raise FastIndexError(f"{name}: {getattr(exc, 'strerror', None) or exc}") from exc
    return Segment(name, data, segment.doc_count_all())


# ---------------------------------------------------------------------------------------------
# The index: Whoosh's segments in order, with Whoosh's document numbers and deletions


@dataclass
class Posting:
    """A term's postings in one segment, as global document numbers (local + base)."""

    seg: Segment
    base: int
    start: int
    end: int


class FastIndex:
    """The arrays of every segment of one Whoosh reader, numbered as Whoosh numbers documents.
    Deleted documents (Whoosh's deletion lists) are masked out."""

    def __init__(self, reader: Any, storage: Any, previous: FastIndex | None = None, *,
                 owns_reader: bool = False) -> None:
        self.reader = reader
        self._owns_reader = owns_reader
        self.segments: list[Segment] = []
        self.bases: list[int] = []
        self.leaves: list[Any] = []
        self.doc_ids: list[str | None] = []  # number -> id, None when deleted
        # Per segment, the local numbers of its deleted documents: document frequencies leave
        # them out (see doc_frequency).
        self.dead: list[frozenset[int]] = []
        # An update keeps most segments: their arrays, already checked, are shared.
        reuse = {s.name: s for s in previous.segments} if previous is not None else {}
        try:
            for leaf, base in reader.leaf_readers() if reader.doc_count_all() else []:
                wseg = leaf.segment()
                seg = reuse.get(wseg.make_filename(EXT))
                if seg is not None and not seg.closed and seg.ndocs == wseg.doc_count_all():
                    seg.users += 1
                else:
                    seg = open_segment(storage, wseg)
                self.segments.append(seg)
                self.bases.append(base)
                self.leaves.append(leaf)
                # Every id of the segment (deleted ones too; every document has one in the id
                # column, as text), read once and kept with its arrays: they never change (its
                # deletions do), and an update at 50k read all 50,000 again.
                if seg.doc_ids is None:
                    seg.doc_ids = list(leaf.column_reader(DOC_ID))
                ids, dead = list(seg.doc_ids), frozenset(wseg.deleted_docs())
                for local in dead:
                    ids[local] = None
                self.doc_ids.extend(ids)
                self.dead.append(dead)
        except BaseException:
            self.close()
            raise
        self.size = reader.doc_count_all()
        self.number = {d: g for g, d in enumerate(self.doc_ids) if d is not None}
        flags = bytearray((self.size + 7) // 8)
        for g in self.number.values():
            flags[g >> 3] |= 1 << (g & 7)
        self.live = int.from_bytes(flags, "little")
        self.live_count = len(self.number)
        self._lengths: dict[str, list[int]] = {}
        self._df: dict[tuple[str, str], int] = {}

    # -- reading

    def postings(self, field: str, term: str) -> list[Posting]:
        out = []
        for seg, base in zip(self.segments, self.bases, strict=True):
            got = seg.lookup(field, term)
            if got is not None and got[1] > got[0]:
                out.append(Posting(seg, base, got[0], got[1]))
        return out

    def rows(self, doc_id: str) -> list[tuple[Any, ...]] | None:
        """A document's passage rows (`passage_rows.decode_rows`), from Whoosh's stored fields:
        the passages are stored once, there. Not kept: kept documents cost the cycle collector
        about what reading them again costs (measured, see docs/performance.md)."""
        if doc_id not in self.number:
            return None
        i, local = self.locate(doc_id)
        try:
            return decode_rows(self.leaves[i].stored_fields(local)[PASSAGES])
        except Exception as exc:
            raise FastIndexError(f"{self.segments[i].name}: damaged passages") from exc

    def locate(self, doc_id: str) -> tuple[int, int]:
        """A live document's segment (its place in `segments`) and number within it."""
        g = self.number[doc_id]
        i = bisect_right(self.bases, g) - 1
        return i, g - self.bases[i]

    def doc_frequency(self, field: str, term: str) -> int:
        """Live documents holding the term. Deleted ones are left out: counting them while N
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
                total -= sum(1 for d in ids[start:end] if d in dead)
        if len(self._df) >= 100_000:
            self._df.clear()
        self._df[key] = total
        return total

    def lengths(self, field: str) -> list[int]:
        """Field length per global document number."""
        got = self._lengths.get(field)
        if got is None:
            got = self._lengths[field] = list(chain.from_iterable(
                seg.ints(f"{field}.len") for seg in self.segments))
        return got

    def average_length(self, field: str) -> float:
        lengths = self.lengths(field)
        total = sum(lengths[g] for g in self.number.values())
        return total / max(1, self.live_count) or 1.0

    def close(self) -> None:
        for seg in self.segments:
            seg.close()
        self.segments = []
        if self._owns_reader:
            self._owns_reader = False
            with contextlib.suppress(Exception):
                self.reader.close()
