"""index/whoosh_compat.py relies on private details of whoosh-reloaded's W3 codec (for build speed).
These tests fail loudly if a whoosh-reloaded release renames or changes them, instead of an
index being written wrong. (test_search_segments.py compares whole segments with Whoosh's own
writer's, posting by posting.)"""

from __future__ import annotations

import inspect
from typing import Any

from whoosh.codec.whoosh3 import W3PostingsWriter
from whoosh.fields import TEXT, Schema
from whoosh.filedb.filestore import RamStorage

from scrbrowse.search.index import whoosh_compat
from scrbrowse.search.index.codec import ScrCodec


def _field_writer() -> tuple[Any, Any, Any]:
    storage = RamStorage()
    codec = ScrCodec()
    segment = codec.new_segment(storage, "MAIN")
    return storage, segment, codec.field_writer(storage, segment)


def test_the_private_names_used_still_exist():
    _storage, _segment, fw = _field_writer()
    fw.start_field("concept", TEXT().subfields().__next__()[1])  # postings in Whoosh's file
    for name in whoosh_compat.FIELD_WRITER_ATTRS:
        assert hasattr(fw, name), f"W3FieldWriter.{name} is gone"
    fw.start_term(b"word")
    pw = fw._postwriter
    assert isinstance(pw, W3PostingsWriter)
    for name in whoosh_compat.POSTINGS_WRITER_ATTRS:
        assert hasattr(pw, name), f"W3PostingsWriter.{name} is gone"
    for name in whoosh_compat.POSTINGS_WRITER_METHODS:
        method = getattr(W3PostingsWriter, name, None)
        assert callable(method), f"W3PostingsWriter.{name} is gone"
        assert list(inspect.signature(method).parameters) == ["self", "last"], name


def test_postings_written_directly_read_as_whooshs_own():
    """Three blocks' worth of postings, written by `write_postings` and by Whoosh's
    `add_posting`, read back the same."""
    schema = Schema(concept=TEXT())  # not a positional field: its postings are Whoosh's
    field = schema["concept"]
    docs = list(range(0, 600, 2))
    weights = [float(1 + d % 3) for d in docs]
    values = [field.format.encode(list(range(int(w)))) for w in weights]
    readers = []
    for direct in (True, False):
        storage = RamStorage()
        codec = ScrCodec()
        segment = codec.new_segment(storage, "MAIN")
        segment.set_doc_count(600)
        fw = codec.field_writer(storage, segment)
        fw.start_field("concept", field)
        fw.start_term(b"word")
        if direct:
            whoosh_compat.write_postings(fw, docs, weights, values, None)
        else:
            for d, w, v in zip(docs, weights, values, strict=True):
                fw.add(d, w, v, 0)
        fw.finish_term()
        fw.finish_field()
        fw.close()
        tr = codec.terms_reader(storage, segment)
        m = tr.matcher("concept", b"word", field.format)
        got = []
        while m.is_active():
            got.append((m.id(), m.weight(), m.value()))
            m.next()
        readers.append((got, tr.term_info("concept", b"word").doc_frequency()))
    assert readers[0] == readers[1]
    assert readers[0][1] == len(docs)
    assert [g[0] for g in readers[0][0]] == docs
