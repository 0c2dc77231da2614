"""Writing Whoosh segments directly, with their postings held in memory.

Whoosh's `SegmentWriter` sends every posting through a generic pool: a size estimate per posting,
spilling to temporary files and merging back with one pickle per posting, then a per-posting
length lookup at commit. That was most of the indexing time. `SegmentBuilder` writes the same
segment files through the same codec (ours, `index/codec.py`, which also writes the fast postings; so
readers cannot tell the difference) but keeps each term's postings in plain lists, sorts only the
terms, and writes each posting block in one go (the private details that needs are all in
`index/whoosh_compat.py`).

One deliberate difference from `SegmentWriter`: segments are never compound (Whoosh copies every
part of a compound file into memory when it opens it).

Segments written by worker processes are added to the index by the parent in one commit
(`commit_segments`), so a full build uses both cores.
"""

from __future__ import annotations

import contextlib
from array import array
from collections import defaultdict
from collections.abc import Callable
from operator import itemgetter
from typing import Any

from whoosh.fields import Schema
from whoosh.reading import SegmentReader
from whoosh.util.numeric import byte_to_length, length_to_byte

from ..text.analysis import SENTENCE_GAP, Preanalysed
from .codec import ScrCodec
from .postings import POSITIONAL


class _Postings:
    """One term's postings in a segment being built: a positional field's have each posting's
    positions (its weight is their number), another field's each posting's weight and value."""

    __slots__ = ("docs", "poses", "values", "weights")

    def __init__(self, docnum: int) -> None:
        self.docs: list[int] = [docnum]
        self.poses: list[list[int]] = []
        self.weights: list[float] = []
        self.values: list[bytes] = []


class SegmentBuilder:
    """Builds one new segment of an index from index records (see `passage_rows.index_record`)."""

    def __init__(self, storage: Any, schema: Schema, indexname: str = "MAIN") -> None:
        self.storage = storage
        self.schema = schema
        self.codec = ScrCodec()
        self.segment = self.codec.new_segment(storage, indexname)
        self._pdw = self.codec.per_document_writer(storage, self.segment)
        # Per field, each term's postings: by its text in a positional field (as the codec and
        # the arrays take them), else by its bytes.
        self._terms: dict[str, dict[Any, _Postings]] = {}
        # Per field, each document's length as Whoosh's reader reports it (quantised to a byte),
        # for the blocks' length statistics.
        self._lengths: dict[str, array[int]] = {}
        self._spell: dict[str, set[str]] = {}
        self.docnum = 0
        self.closed = False

    def add(self, record: dict[str, Any]) -> None:
        """Add one document: an `index_record`, whose positional fields (and so the spelling
        field's source) are pre-analysed."""
        schema = self.schema
        pdw = self._pdw
        docnum = self.docnum
        pdw.start_doc(docnum)
        for fieldname in sorted(record):
            value = record[fieldname]
            if value is None:
                continue
            field = schema[fieldname]
            length = 0
            if field.indexed:
                terms = self._terms.setdefault(fieldname, {})
                if isinstance(value, Preanalysed):
                    length = self._add_preanalysed(terms, docnum, value)
                else:
                    for tbytes, freq, weight, vbytes in field.index(value):
                        if field.scorable:
                            length += freq
                        p = terms.get(tbytes)
                        if p is None:
                            p = terms[tbytes] = _Postings(docnum)
                        else:
                            p.docs.append(docnum)
                        p.weights.append(weight)
                        p.values.append(vbytes)
                if field.separate_spelling():
                    words = self._spell.setdefault(field.spelling_fieldname(fieldname), set())
                    words.update(map(itemgetter(0), value.tokens))
                    words.discard(SENTENCE_GAP)
                if length:
                    lengths = self._lengths.setdefault(fieldname, array("I"))
                    if len(lengths) < docnum:
                        lengths.extend([0] * (docnum - len(lengths)))
                    lengths.append(byte_to_length(length_to_byte(length)))
            pdw.add_field(fieldname, field, value if field.stored else None, length)
            column = field.column_type
            if column:
                pdw.add_column_value(fieldname, column, field.to_column_value(value))
        pdw.finish_doc()
        self.docnum += 1

    @staticmethod
    def _add_preanalysed(terms: dict[Any, _Postings], docnum: int, value: Preanalysed) -> int:
        # What `Positions.word_values` makes of the analyser's replay (only positional fields
        # are pre-analysed), without a token object per word: positions count from 0 (a gap
        # takes one), each term's weight is its frequency.
        poses: defaultdict[str, list[int]] = defaultdict(list)
        for pos, pair in enumerate(value.tokens):
            poses[pair[1]].append(pos)
        gaps = poses.pop(SENTENCE_GAP, ())
        get = terms.get
        for term, poslist in poses.items():
            p = get(term)
            if p is None:
                p = terms[term] = _Postings(docnum)
            else:
                p.docs.append(docnum)
            p.poses.append(poslist)
        return len(value.tokens) - len(gaps)

    def finish(self) -> Any:
        """Write the segment's files; returns the segment, to be added to the index's list."""
        self.closed = True
        self._pdw.close()
        n = self.docnum
        self.segment.set_doc_count(n)
        fw = self.codec.field_writer(self.storage, self.segment)
        for fieldname in sorted({*self._terms, *self._spell}):
            fw.start_field(fieldname, self.schema[fieldname])  # a spelling field's too
            words = self._spell.pop(fieldname, None)
            if words is not None:
                fw.add_spelling_words(sorted(w.encode("utf-8") for w in words))
            else:
                lengths = self._lengths.get(fieldname)
                if lengths is not None and len(lengths) < n:
                    lengths.extend([0] * (n - len(lengths)))
                terms = self._terms.pop(fieldname)  # let go of each field's postings once written
                positional = fieldname in POSITIONAL
                # (Text sorts as its UTF-8 bytes do: Whoosh's order of terms.)
                for key in sorted(terms):
                    p = terms[key]
                    if positional:  # postings in the arrays only (see index/codec.py)
                        fw.add_positional_term(key, p.docs, list(map(len, p.poses)), p.poses,
                                               [lengths[d] for d in p.docs] if lengths else [])
                        continue
                    fw.write_term(key, p.docs, p.weights, p.values, lengths)
            fw.finish_field()
        fw.close()
        self._lengths.clear()
        return self.segment

    def cancel(self) -> None:
        if not self.closed:
            self.closed = True
            try:
                self._pdw.close()
            finally:
                delete_segment_files(self.storage, self.segment)


def delete_segment_files(storage: Any, segment: Any) -> None:
    """Remove what was written of a segment that will not be committed. (Listing the files never
    fails: Whoosh's FileStorage lists an unreadable folder as empty.)"""
    for name in segment.list_files(storage):
        with contextlib.suppress(OSError):
            storage.delete_file(name)


def commit_segments(writer: Any, segments: list[Any],
                    policy: Callable[[Any, list[Any]], list[Any]] = lambda _w, old: old) -> None:
    """Commit a writer with these ready-made segments appended to the index's list, after the
    existing ones that Whoosh's merge `policy` keeps (by default all, merging none)."""
    writer.commit(mergetype=lambda w, existing: [*policy(w, existing), *segments])


def index_file_sizes(ix: Any) -> dict[str, int]:
    """The size of every file of the index's segments (empty for an index in memory).

    Kept in the sidecar: a segment is several files (Whoosh's and the fast postings), and a
    truncated or missing part would otherwise show only when a search reaches it."""
    storage = ix.storage
    if getattr(storage, "folder", None) is None:
        return {}
    with ix.reader() as reader:
        segments = [leaf.segment() for leaf, _base in reader.leaf_readers()
                    if isinstance(leaf, SegmentReader)]
    return {name: storage.file_length(name) for seg in segments
            for name in seg.list_files(storage)}


def changed_index_file(ix: Any, expected: dict[str, int]) -> str | None:
    """The first index file that is missing or not the size recorded, if any."""
    storage = ix.storage
    for name, size in expected.items():
        try:
            if storage.file_length(name) != size:
                return name
        except OSError:
            return name
    return None
