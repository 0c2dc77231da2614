"""Segments written by `SegmentBuilder` read exactly as Whoosh's own writer's do."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from scrbrowse.search.index.opening import PrivateRamStorage
from scrbrowse.search.index.passage_rows import index_record
from scrbrowse.search.index.schema import SPELL, build_schema
from scrbrowse.search.index.segment_writer import SegmentBuilder, commit_segments
from scrbrowse.search.index.update import parse_file, read_taxonomy, scan_records
from scrbrowse.search.text.synonyms import SynonymIndex

from .conftest import CORPUS, assert_same_term_stats


def _records() -> list[dict[str, Any]]:
    taxonomy, _state = read_taxonomy(CORPUS)
    synonyms = SynonymIndex.for_taxonomy(taxonomy)
    docs = [parse_file(CORPUS, name, taxonomy)[1] for name in scan_records(CORPUS)]
    # Enough documents for posting lists longer than one block (128 postings).
    return [index_record(doc, synonyms) for doc in docs if doc is not None] * 30


def _postings(reader: Any, field: str, term: bytes) -> list[tuple[Any, ...]]:
    m = reader.postings(field, term)
    out = []
    while m.is_active():
        out.append((m.id(), m.weight(), m.value(), m.block_min_length(), m.block_max_length(),
                    m.block_max_weight()))
        m.next()
    return out


def test_builder_segment_reads_like_whooshs_own() -> None:
    records = _records()
    ours = PrivateRamStorage().create_index(build_schema())
    theirs = PrivateRamStorage().create_index(build_schema())
    writer = theirs.writer()
    for record in records:
        writer.add_document(**record)
    writer.commit()
    builder = SegmentBuilder(ours.storage, ours.schema)
    for record in records:
        builder.add(record)
    commit_segments(ours.writer(), [builder.finish()])

    a, b = ours.reader(), theirs.reader()
    assert a.doc_count() == b.doc_count() == len(records)
    fields = {f for f, _t in b.all_terms()}
    assert {f for f, _t in a.all_terms()} == fields
    compared = 0
    for field in sorted(fields):
        terms = list(b.lexicon(field))
        assert list(a.lexicon(field)) == terms, field
        if field == SPELL:  # only its word list is read: one posting per word here
            continue
        for term in terms:
            assert_same_term_stats(a, b, field, term)
            assert _postings(a, field, term) == _postings(b, field, term), (field, term)
            compared += 1
    assert compared > 500
    for docnum in range(b.doc_count_all()):
        assert a.stored_fields(docnum) == b.stored_fields(docnum)
        for field in b.schema.scorable_names():
            assert a.doc_field_length(docnum, field) == b.doc_field_length(docnum, field)
    for field in b.schema.scorable_names():
        assert a.field_length(field) == b.field_length(field)
    assert list(a.column_reader("doc_id")) == list(b.column_reader("doc_id"))


def test_cancelled_builder_leaves_no_files(tmp_path: Path) -> None:
    from whoosh import index as windex

    ix = windex.create_in(str(tmp_path), build_schema())
    before = set(ix.storage.list())
    builder = SegmentBuilder(ix.storage, ix.schema)
    builder.add(_records()[0])
    builder.cancel()
    assert {n for n in ix.storage.list() if not n.endswith(".tmp")} <= before
