"""Our Whoosh codec: Whoosh's own (W3Codec) plus the fast postings of each segment.

This is Whoosh's extension point for what a segment holds (`whoosh.codec.base`). Every segment
written through it, by Whoosh's writer (an update's merge) or by our builder (`index/segment_writer.py`),
gets a `<segment>.fpx` file of flat arrays (`index/postings.py`) made from the very postings Whoosh
writes, with Whoosh's document numbers. Whoosh pickles each segment with its codec in the table
of contents, so a segment reopens with this codec, and Whoosh's merges, deletions and clean-up
of old files cover the arrays as they cover Whoosh's own files.

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
from collections.abc import Sequence
from typing import Any

from whoosh.codec.whoosh3 import W3Codec, W3FieldWriter, W3PerDocReader

from .postings import FIELDS, POSITIONAL, FastWriter, write_segment


class ScrCodec(W3Codec):
    """W3Codec, whose segments also carry the fast postings."""

    def field_writer(self, storage: Any, segment: Any) -> ScrFieldWriter:
        return ScrFieldWriter(self, storage, segment)

    def per_document_reader(self, storage: Any, segment: Any) -> ScrPerDocReader:
        return ScrPerDocReader(storage, segment)


class ScrFieldWriter(W3FieldWriter):
    """Writes Whoosh's term index and postings, and the same postings as flat arrays."""

    def __init__(self, codec: Any, storage: Any, segment: Any) -> None:
        super().__init__(codec, storage, segment)
        self.fast = FastWriter()
        self._scr_storage = storage
        self._scr_segment = segment
        self._fast_field: str | None = None
        self._positional = False
        self._fmt: Any = None
        self._term: str = ""
        self._docs: list[int] = []
        self._tfs: list[int] = []
        self._poses: list[Sequence[int]] = []

    def start_field(self, fieldname: str, fieldobj: Any) -> None:
        super().start_field(fieldname, fieldobj)
        self._fast_field = fieldname if fieldname in FIELDS else None
        self._positional = fieldname in POSITIONAL
        self._fmt = fieldobj.format

    def start_term(self, btext: bytes) -> None:
        super().start_term(btext)
        if self._fast_field is not None:
            self._term = btext.decode("utf-8")
            self._docs, self._tfs, self._poses = [], [], []

    def add(self, docnum: int, weight: float, vbytes: bytes, length: int) -> None:
        super().add(docnum, weight, vbytes, length)
        if self._fast_field is not None:
            self._docs.append(docnum)
            self._tfs.append(int(weight))
            if self._positional:
                self._poses.append(self._fmt.decode_positions(vbytes))

    def finish_term(self) -> None:
        super().finish_term()
        if self._fast_field is not None and self._docs:  # else written by add_fast_term
            self.fast.add_term(self._fast_field, self._term, self._docs, self._tfs,
                               self._poses if self._positional else None)

    def add_fast_term(self, field: str, term: str, docs: Sequence[int], tfs: Sequence[int],
                      positions: Sequence[Sequence[int]] | None) -> None:
        """The arrays of a term whose Whoosh postings are written directly (`index/segment_writer.py`)."""
        if field in FIELDS:
            self.fast.add_term(field, term, docs, tfs, positions if field in POSITIONAL else None)

    def close(self) -> None:
        super().close()
        write_segment(self._scr_storage, self._scr_segment, self.fast)
        self.fast = FastWriter()


class ScrPerDocReader(W3PerDocReader):
    """W3's per-document reader with every column file opened at once (see the module's
    docstring)."""

    def __init__(self, storage: Any, segment: Any) -> None:
        super().__init__(storage, segment)
        self._scr_storage = storage
        self._scr_segment = segment
        self._scr_doccount = segment.doc_count_all()
        # fieldname -> (open file, its length); None when not listed (in memory or compound)
        self._scr_columns: dict[str, tuple[Any, int]] | None = None
        if getattr(storage, "folder", None) is None or getattr(segment, "compound", False):
            return
        columns: dict[str, tuple[Any, int]] = {}
        try:
            for fieldname in _column_names(storage, segment):
                name = W3Codec.column_filename(segment, fieldname)
                length = storage.file_length(name)
                columns[fieldname] = (storage.open_file(name), length)
        except OSError:
            for colfile, _length in columns.values():
                with contextlib.suppress(Exception):
                    colfile.close()
            return
        self._scr_columns = columns

    def has_column(self, fieldname: str) -> bool:
        if self._scr_columns is not None:
            return fieldname in self._scr_columns
        return bool(super().has_column(fieldname))

    def column_reader(self, fieldname: str, column: Any) -> Any:
        if self._scr_columns is None:
            return super().column_reader(fieldname, column)
        colfile, length = self._scr_columns[fieldname]
        return column.reader(colfile, 0, length, self._scr_doccount)

    def close(self) -> None:
        super().close()
        for colfile, _length in (self._scr_columns or {}).values():
            with contextlib.suppress(Exception):
                colfile.close()
        self._scr_columns = None


def _column_names(storage: Any, segment: Any) -> list[str]:
    """The fields with a column file in this segment (`<segment>.<field>.col`)."""
    prefix = segment.make_filename(".")
    ext = W3Codec.COLUMN_EXT
    return [name[len(prefix):-len(ext)] for name in segment.list_files(storage)
            if name.startswith(prefix) and name.endswith(ext)]
