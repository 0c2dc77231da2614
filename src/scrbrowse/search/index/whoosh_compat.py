"""The one place that relies on whoosh-reloaded's private details (2.7.5), for speed.

`index/segment_writer.py` writes a segment's posting blocks directly: Whoosh's public route sends every
posting through `add_posting`, a Python call per posting with per-posting statistics, which made
a full build of 10,000 documents take minutes instead of about 45 s. Filling the posting
writer's block buffers (its `_ids`, `_weights`, `_values`, ...) and calling its `_write_block`
writes the same bytes. Term entries whose postings are not in Whoosh's postings file (the
positional fields' and the spelling field's: see `index/codec.py`) are added to the term index
directly (`add_term_info`).

`tests/search/test_whoosh_compat.py` checks that every name used here (listed below) still exists
and that a segment written this way reads exactly as one written by Whoosh's own writer: a
whoosh-reloaded release that changes them fails that test, not a user's index.
"""

from __future__ import annotations

from array import array
from typing import Any

from whoosh.codec.whoosh3 import W3TermInfo
from whoosh.system import pack_ushort

FIELD_WRITER_ATTRS = ("_postwriter", "_fieldid", "_tindex")
POSTINGS_WRITER_ATTRS = ("_blocklimit", "_compression", "_ids", "_weights", "_values",
                         "_maxweight", "_minlength", "_maxlength")
POSTINGS_WRITER_METHODS = ("_write_block",)

COMPRESSION = 1  # zlib level of a posting block: the fastest; Whoosh uses 3 for a few % smaller files
COMPRESS_MIN_POSTINGS = 16


def add_term_info(fw: Any, btext: bytes, info: W3TermInfo) -> None:
    """A term's entry in the field writer's term index (its current field), as `finish_term`
    adds it, for a term with nothing in Whoosh's postings file (see `ScrTermsReader`)."""
    info.set_extent(0, 0)
    fw._tindex.add(pack_ushort(fw._fieldid) + btext, info.to_bytes())


def write_postings(fw: Any, docs: list[int], weights: list[float], values: list[bytes],
                   lengths: array[int] | None) -> None:
    """Fill the field writer's posting writer block by block, between `start_term` and
    `finish_term`: what `add_posting` does per posting, with the block statistics taken per
    block (same blocks, same bytes)."""
    pw = fw._postwriter
    limit = pw._blocklimit
    for start in range(0, len(docs), limit):
        if start:
            pw._write_block()
        end = start + limit
        bdocs = docs[start:end]
        # The block records its own compression; compressing a few postings costs more than it
        # saves (most terms of a big corpus have only a few).
        pw._compression = COMPRESSION if len(bdocs) >= COMPRESS_MIN_POSTINGS else 0
        bweights = weights[start:end]
        pw._ids = array("I", bdocs)
        pw._weights = array("f", bweights)
        pw._values = [v for v in values[start:end] if v]
        pw._maxweight = max(0, max(bweights))
        blens = [x for x in (lengths[d] for d in bdocs) if x] if lengths is not None else []
        if blens:
            pw._minlength = min(blens)
            pw._maxlength = max(blens)
