"""Our codec (index/codec.py) keeps the positional fields' postings only in its arrays (`.fpx`)
and serves them to Whoosh from there: Whoosh's postings file holds none for those fields (nor for
the spelling field's words), yet Whoosh reads every posting, positions included, as if it did,
whichever writer made the segment and after a merge (which reads postings through the reader)."""

from __future__ import annotations

from typing import Any

import pytest
from whoosh.codec.whoosh3 import W3Codec
from whoosh.reading import TermNotFound

from scrbrowse.search.index.codec import ScrCodec
from scrbrowse.search.index.opening import PrivateRamStorage
from scrbrowse.search.index.postings import POSITIONAL
from scrbrowse.search.index.schema import SPELL, build_schema
from scrbrowse.search.index.segment_writer import SegmentBuilder, commit_segments

from .conftest import assert_same_term_stats
from .test_search_segments import _records


def _whoosh_written(records: list[dict[str, Any]], codec: Any, batches: int = 1) -> Any:
    # Not RamStorage: its writer spills to `<tmp>/MAIN.tmp`, shared by every process (flaky).
    ix = PrivateRamStorage().create_index(build_schema())
    size = -(-len(records) // batches)
    for start in range(0, len(records), size):
        writer = ix.writer(codec=codec, compound=False)
        for record in records[start:start + size]:
            writer.add_document(**record)
        writer.commit(merge=False)
    return ix


def _built(records: list[dict[str, Any]]) -> Any:
    ix = PrivateRamStorage().create_index(build_schema())
    builder = SegmentBuilder(ix.storage, ix.schema)
    for record in records:
        builder.add(record)
    commit_segments(ix.writer(codec=ScrCodec()), [builder.finish()])
    return ix


def _merged(records: list[dict[str, Any]]) -> Any:
    ix = _whoosh_written(records, ScrCodec(), batches=3)
    ix.writer(codec=ScrCodec()).commit(optimize=True)
    return ix


WRITERS = {"builder": _built, "whoosh": lambda r: _whoosh_written(r, ScrCodec()),
           "merged": _merged}


def _postings(reader: Any, field: str, term: bytes) -> list[tuple[int, float, bytes]]:
    m = reader.postings(field, term)
    out = []
    while m.is_active():
        out.append((m.id(), m.weight(), m.value()))
        m.next()
    return out


@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_whooshs_postings_file_holds_nothing_of_the_positional_fields(writer: str):
    ix = WRITERS[writer](_records()[:60])
    with ix.reader() as reader:
        assert len(list(reader.leaf_readers())) == 1
        seen = {True: 0, False: 0}
        for field, term in reader.all_terms():
            if field not in {*POSITIONAL, SPELL, "concept", "theme", "agency"}:
                continue
            info = reader.term_info(field, term)
            positional = field in POSITIONAL or field == SPELL
            length = info.extent()[1]  # W3TermInfo.from_bytes reads it as a 1-tuple
            length = length[0] if isinstance(length, tuple) else length
            assert not info.is_inlined() and (length == 0) == positional, (field, term)
            seen[positional] += 1
        assert seen[True] > 100 and seen[False] > 10
        word = next(iter(reader.lexicon(SPELL)))
        assert _postings(reader, SPELL, word) == [(0, 1.0, b"\0\0\0\1")]  # as W3 gave it


@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_whoosh_reads_the_positional_postings_from_the_arrays(writer: str):
    """Every posting of every positional term, and its statistics, as Whoosh's own codec
    (positions in its postings file) gives them; 150 documents make lists longer than one of
    Whoosh's blocks."""
    records = _records()
    ours = WRITERS[writer](records)
    theirs = _whoosh_written(records, W3Codec())
    compared = 0
    with ours.reader() as a, theirs.reader() as b:
        assert list(a.lexicon(SPELL)) == list(b.lexicon(SPELL))
        for field in POSITIONAL:
            terms = list(b.lexicon(field))
            assert list(a.lexicon(field)) == terms
            for term in terms:
                assert_same_term_stats(a, b, field, term)
                assert _postings(a, field, term) == _postings(b, field, term), (field, term)
                compared += 1
        with pytest.raises(TermNotFound):
            a.postings("body", b"nosuchword")
    assert compared > 300


def test_the_array_matcher_skips_as_whooshs_does():
    records = _records()
    with _built(records).reader() as a, _whoosh_written(records, W3Codec()).reader() as b:
        ma, mb = a.postings("body", b"child"), b.postings("body", b"child")
        for target in (3, 40, 41, 130):
            ma.skip_to(target)
            mb.skip_to(target)
            assert (ma.id(), ma.value()) == (mb.id(), mb.value())
            assert ma.value_as("positions") == mb.value_as("positions")
            assert [s.start for s in ma.spans()] == [s.start for s in mb.spans()]
