"""Our Whoosh codec: Whoosh's own (W3Codec) plus the fast postings of each segment.

This is Whoosh's extension point for what a segment holds (`whoosh.codec.base`). Every segment
written through it, by Whoosh's writer (an update's merge) or by our builder (`index/segment_writer.py`),
gets a `<segment>.fpx` file of flat arrays (`index/postings.py`) made from the very postings Whoosh
writes, with Whoosh's document numbers. Whoosh pickles each segment with its codec in the table
of contents, so a segment reopens with this codec, and Whoosh's merges, deletions and clean-up
of old files cover the arrays as they cover Whoosh's own files.

The positional fields' postings (`postings.POSITIONAL`: ids, frequencies, positions) are held
only in the arrays: Whoosh's postings file gets none for them, only their statistics in its
term index, and this codec's terms reader serves Whoosh those postings from the arrays
(`ArrayMatcher`), positions encoded by the field's own format. So Whoosh still answers every
query, phrases included, and a merge (which reads postings through the reader) carries the
positions on. Holding them twice was most of the index's size. Likewise the spelling field, of
which only the word list is ever read: each word's entry holds no posting (Whoosh pickled one
per word, 70 bytes), and the reader serves the one posting Whoosh's writer gives a word.

Its per-document reader also fixes two costs of W3's, by overriding public methods (no patch):
- Speed: when a segment is committed, Whoosh asks for the length of every posting's field; for
  fields that keep no lengths (IDs, keywords, the spelling field) W3's reader checks the disk for
  a column file on every posting, one `stat()` each, about half of the commit time here. Segment
  files never change once written, so the column files are listed once.
- Safety: W3 opens a segment's column files (stored passages, lengths, ids) only when first
  asked. An update that merges segments deletes their files, which broke a reader of the previous
  generation still in use (the app's open view, or another scrbrowse) the first time it needed a
  column. So this reader opens all its column files at once: an open file outlives its deletion.
"""

from __future__ import annotations

import contextlib
from array import array
from bisect import bisect_left
from collections.abc import Sequence
from typing import Any

from whoosh.codec.whoosh3 import (
    W3Codec,
    W3FieldWriter,
    W3PerDocReader,
    W3TermInfo,
    W3TermsReader,
)
from whoosh.matching import LeafMatcher, ListMatcher, ReadTooFar
from whoosh.system import pack_uint

from . import postings
from .postings import FIELDS, POSITIONAL, FastIndexError, FastWriter, Segment, write_segment
from .schema import SPELL
from .whoosh_compat import add_term_info, write_postings


class ScrCodec(W3Codec):
    """W3Codec, whose segments also carry the fast postings."""

    def field_writer(self, storage: Any, segment: Any) -> ScrFieldWriter:
        return ScrFieldWriter(self, storage, segment)

    def per_document_reader(self, storage: Any, segment: Any) -> ScrPerDocReader:
        return ScrPerDocReader(storage, segment)

    def terms_reader(self, storage: Any, segment: Any) -> ScrTermsReader:
        return ScrTermsReader(self, storage, segment)


class ScrFieldWriter(W3FieldWriter):
    """Writes Whoosh's term index and postings, and the same postings as flat arrays; a
    positional field's postings go only in the arrays (see the module's docstring)."""

    def __init__(self, codec: Any, storage: Any, segment: Any) -> None:
        super().__init__(codec, storage, segment)
        self.fast = FastWriter()
        self._scr_storage = storage
        self._scr_segment = segment
        self._field = ""
        self._own = False  # a field whose postings Whoosh's postings file does not hold
        self._fmt: Any = None
        self._term = b""
        self._docs: list[int] = []
        self._weights: list[float] = []
        self._lengths: list[int] = []
        self._poses: list[Sequence[int]] = []

    def start_field(self, fieldname: str, fieldobj: Any) -> None:
        super().start_field(fieldname, fieldobj)
        self._field = fieldname
        self._own = fieldname in POSITIONAL or fieldname == SPELL
        self._fmt = fieldobj.format

    def start_term(self, btext: bytes) -> None:
        if not self._own:
            super().start_term(btext)
        self._term = btext
        self._docs, self._weights, self._lengths, self._poses = [], [], [], []

    def add(self, docnum: int, weight: float, vbytes: bytes, length: int) -> None:
        if not self._own:
            super().add(docnum, weight, vbytes, length)
        elif self._field in POSITIONAL:
            self._poses.append(self._fmt.decode_positions(vbytes))
            self._lengths.append(length)
        self._docs.append(docnum)
        self._weights.append(weight)

    def finish_term(self) -> None:
        field, term = self._field, self._term
        if field == SPELL:
            self.add_spelling_words([term])
        elif field in POSITIONAL:
            self.add_positional_term(term.decode("utf-8"), self._docs,
                                     [int(w) for w in self._weights], self._poses, self._lengths)
        else:
            super().finish_term()
            if field in FIELDS:
                self.fast.add_term(field, term.decode("utf-8"), self._docs,
                                   [int(w) for w in self._weights])

    def write_term(self, btext: bytes, docs: list[int], weights: list[float],
                   values: list[bytes], lengths: array[int] | None) -> None:
        """A term of a field without positions, its postings written block by block
        (`whoosh_compat.write_postings`: how `index/segment_writer.py` writes them)."""
        self.start_term(btext)
        write_postings(self, docs, weights, values, lengths)
        self._docs, self._weights = docs, weights
        self.finish_term()

    def add_positional_term(self, term: str, docs: Sequence[int], tfs: Sequence[int],
                            positions: Sequence[Sequence[int]], lengths: Sequence[int]) -> None:
        """A positional field's term: its statistics in Whoosh's term index (as W3's postings
        writer takes them: lengths of 0 are not counted; a posting's weight is its frequency),
        its postings in the arrays only."""
        known = [n for n in lengths if n]
        add_term_info(self, term.encode("utf-8"), W3TermInfo(
            float(sum(tfs)), len(docs), min(known, default=None), max(known, default=0),
            float(max(tfs)), docs[0], docs[-1]))
        self.fast.add_term(self._field, term, docs, tfs, positions)

    def add_spelling_words(self, words: Sequence[bytes]) -> None:
        """The spelling field's words (sorted), each with the statistics of one posting."""
        info = W3TermInfo(1.0, 1, None, 0, 1.0, 0, 0)
        for btext in words:
            add_term_info(self, btext, info)

    def close(self) -> None:
        super().close()
        write_segment(self._scr_storage, self._scr_segment, self.fast)
        self.fast = FastWriter()


class ScrTermsReader(W3TermsReader):
    """W3's terms reader, serving the positional fields' postings from the segment's arrays
    (opened, and so checked, when first needed)."""

    def __init__(self, codec: Any, storage: Any, segment: Any) -> None:
        name = segment.make_filename(W3Codec.TERMS_EXT)
        super().__init__(codec, storage.open_file(name), storage.file_length(name),
                         segment.open_file(storage, W3Codec.POSTS_EXT))
        self._scr_storage = storage
        self._scr_segment = segment
        self._scr_fast: Segment | None = None

    def matcher(self, fieldname: str, tbytes: bytes, format_: Any, scorer: Any = None) -> Any:
        if fieldname not in POSITIONAL and fieldname != SPELL:
            return super().matcher(fieldname, tbytes, format_, scorer=scorer)
        info = self.term_info(fieldname, tbytes)  # TermNotFound, as W3's
        if fieldname == SPELL:  # Whoosh's writer gives a word one posting, in document 0
            return ListMatcher([0], [1.0], [pack_uint(1)], format_, scorer=scorer,
                               term=(fieldname, tbytes), terminfo=info)
        if self._scr_fast is None:  # (through the module: the mapped-files test follows it)
            self._scr_fast = postings.open_segment(self._scr_storage, self._scr_segment)
        return ArrayMatcher(self._scr_fast, fieldname, tbytes, format_, scorer, info)

    def close(self) -> None:
        super().close()
        if self._scr_fast is not None:
            self._scr_fast.close()
            self._scr_fast = None


class ArrayMatcher(LeafMatcher):
    """Whoosh's matcher over one positional field's postings of a term in one segment, read
    from the arrays. A posting's value (its positions, encoded by the field's format) is made
    only when asked for: a phrase asks for the documents holding every word, a merge for all.
    The whole list is one block, with the term's statistics."""

    def __init__(self, seg: Segment, field: str, tbytes: bytes, format_: Any, scorer: Any,
                 terminfo: Any) -> None:
        term = tbytes.decode("utf-8")
        got, positions = seg.lookup(field, term), seg.positions(field, term)
        if got is None or positions is None:
            raise FastIndexError(f"{seg.name}: term {field}:{term!r} of Whoosh's index missing")
        start, end = got
        self._ids, self._tfs = seg.ints(f"{field}.ids")[start:end], seg.ints(f"{field}.tf")[start:end]
        self._positions, self._dstart = positions, seg.ints(f"{field}.dstart")
        self.format = format_
        self.scorer = scorer
        self._term = (field, tbytes)
        self._terminfo = terminfo
        self._i = 0

    def is_active(self) -> bool:
        return self._i < len(self._ids)

    def reset(self) -> None:
        self._i = 0

    def id(self) -> int:
        return self._ids[self._i]

    def next(self) -> None:
        self._i += 1

    def skip_to(self, id: int) -> None:
        if not self.is_active():
            raise ReadTooFar
        self._i = bisect_left(self._ids, id, self._i)

    def weight(self) -> float:
        # The frequency as the arrays hold it (capped at postings.TF_MAX, far past where BM25
        # saturates), as Whoosh's Positions format weighs it.
        return float(self._tfs[self._i]) * self.format.field_boost

    def value(self) -> bytes:
        doc, positions = self._ids[self._i], self._positions
        base = self._dstart[doc]
        lo = bisect_left(positions, base)
        hi = bisect_left(positions, self._dstart[doc + 1], lo)
        return bytes(self.format.encode([p - base for p in positions[lo:hi]]))

    def block_min_length(self) -> int:
        return int(self._terminfo.min_length())

    def block_max_length(self) -> int:
        return int(self._terminfo.max_length())

    def block_max_weight(self) -> float:
        return float(self._terminfo.max_weight())

    def skip_to_quality(self, minquality: float) -> int:
        if self.block_quality() > minquality:
            return 0
        self._i = len(self._ids)
        return 1


class ScrPerDocReader(W3PerDocReader):
    """W3's per-document reader with every column file opened at once (see the module's
    docstring)."""

    def __init__(self, storage: Any, segment: Any) -> None:
        super().__init__(storage, segment)
        self._scr_doccount = segment.doc_count_all()
        # The fields with a column file in this segment (`<segment>.<field>.col`): field -> (open
        # file, its length). A file that cannot be opened fails the reader, as W3's would later.
        self._scr_columns: dict[str, tuple[Any, int]] = {}
        prefix, ext = segment.make_filename("."), W3Codec.COLUMN_EXT
        try:
            for name in segment.list_files(storage):
                if name.startswith(prefix) and name.endswith(ext):
                    self._scr_columns[name[len(prefix):-len(ext)]] = (
                        storage.open_file(name), storage.file_length(name))
        except BaseException:
            self.close()
            raise

    def has_column(self, fieldname: str) -> bool:
        return fieldname in self._scr_columns

    def column_reader(self, fieldname: str, column: Any) -> Any:
        colfile, length = self._scr_columns[fieldname]
        return column.reader(colfile, 0, length, self._scr_doccount)

    def close(self) -> None:
        super().close()
        for colfile, _length in self._scr_columns.values():
            with contextlib.suppress(Exception):
                colfile.close()
        self._scr_columns = {}
