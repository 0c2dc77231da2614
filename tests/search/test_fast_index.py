"""The fast postings (index/postings.py, written by the codec in index/codec.py as part of each Whoosh
segment) and the evaluator over them (evaluation/evaluator.py).

Whoosh is the oracle: for any query, the documents the evaluator finds must be those the same
plan finds as a Whoosh query (`whoosh_oracle.to_whoosh`) over THE SAME index files: the engine's
own searcher. Gaps between passages and sentences take a position in Whoosh too, so phrases agree.
Whoosh reads the positional fields' postings from the same arrays as the evaluator (the codec
serves them), so after a merge too.

Since issue 13 plain words side by side are ranked retrieval (`query.Some`): they match when any
of them does (Whoosh `Or`; coordination only changes scores), and beside a strict part (a
quoted phrase, a field, an explicit AND) they only rank, so the strict part alone decides what
matches (`Every` in the oracle). An explicit AND needs every part (`And`), as before.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scrbrowse.search.api import SearchRequest
from scrbrowse.search.engine import NOTE_STOPPED, SearchEngine
from scrbrowse.search.evaluation.evaluator import ids_of
from scrbrowse.search.index import postings as fastindex
from scrbrowse.search.index.codec import ScrCodec
from scrbrowse.search.index.schema import DOC_ID

from .whoosh_oracle import root_query

HANTS_LS = "hampshire-child-k-learning-summary"

WORDS = ["overlaying", "co-sleeping", "fathers", "father", "bruising", "baby", "alcohol", "neglect",
         "health", "visitor", "police", "safe", "sleep", "domestic", "abuse", "housing", "GP",
         "midwife", "information", "sharing", "assessment", "cannabis", "ambulance", "school"]
PARTS = [*WORDS, '"safe sleep"', '"domestic abuse"', '"health visitor"', "fath*", "negl*",
         "theme:neglect", "theme:safe-sleep", "agency:police", "agency:health-visiting",
         "year:2018", "type:scr", "child:k", "board:hampshire", "OR", "AND", "NOT", "-police", "(",
         ")"]


def found_by_whoosh(engine: SearchEngine, query: str) -> set[str] | None:
    view = engine._view
    assert view is not None
    plan = view.plan(query)
    if plan.root is None:
        return None
    hits = view.searcher.search(root_query(plan.root), limit=None)
    return {view.searcher.stored_fields(h.docnum)[DOC_ID] for h in hits}


def found_fast(engine: SearchEngine, query: str) -> set[str]:
    view = engine._view
    assert view is not None
    plan = view.plan(query)
    assert plan.root is not None
    bits, _scores = view.evaluator.ranked(plan.root)
    return {d for d in (view.fast.doc_ids[g] for g in ids_of(bits)) if d is not None}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(PARTS), min_size=1, max_size=5))
def test_matches_what_whoosh_matches(engine: SearchEngine, parts: list[str]):
    query = " ".join(parts)
    expected = found_by_whoosh(engine, query)
    if expected is None:
        return
    assert found_fast(engine, query) == expected, query


def test_the_oracle_searches_the_engines_own_index_files(engine: SearchEngine):
    view = engine._view
    assert view is not None
    assert view.searcher.reader().doc_count_all() == view.fast.size
    segments = [leaf.segment() for leaf, _base in view.reader.leaf_readers()]
    assert [s.name for s in view.fast.segments] == [s.make_filename(fastindex.EXT)
                                                    for s in segments]
    assert all(isinstance(s.codec(), ScrCodec) for s in segments)


@pytest.mark.parametrize("query", ["co-sleeping after alcohol", '"safe sleep"', "fathers -police",
                                   "NOT neglect", "theme:safe-sleep OR agency:police", "negl*",
                                   "bruising non-mobile baby", "overlaying"])
def test_known_queries_match_whoosh_exactly(engine: SearchEngine, query: str):
    assert found_fast(engine, query) == found_by_whoosh(engine, query)


def test_segment_round_trip():
    w = fastindex.FastWriter()
    # Doc 0: "safe sleep . sleep safe" (a gap at 2); doc 1: "safe safe sleep".
    w.add_term(fastindex.F_BODY, "safe", [0, 1], [2, 2], [[0, 4], [0, 1]])
    w.add_term(fastindex.F_BODY, "sleep", [0, 1], [2, 1], [[1, 3], [2]])
    w.add_term(fastindex.F_THEME, "neglect", [0], [1])
    w.add_term(fastindex.F_THEME, "safe-sleep", [1], [1])
    seg = fastindex.Segment("x", w.data(2), 2)
    start, end = seg.lookup(fastindex.F_BODY, "safe") or (0, 0)
    assert list(seg.ints("body.ids")[start:end]) == [0, 1]
    assert list(seg.ints("body.tf")[start:end]) == [2, 2]
    assert list(seg.ints("body.len")) == [4, 3]
    assert list(seg.ints("theme.len")) == [1, 1]
    assert seg.lookup(fastindex.F_BODY, "missing") is None
    # Positions run on across documents: doc 1 starts after doc 0's last position and a gap.
    assert list(seg.positions(fastindex.F_BODY, "safe") or []) == [0, 4, 6, 7]
    assert list(seg.positions(fastindex.F_BODY, "sleep") or []) == [1, 3, 8]
    assert list(seg.ints("body.dstart")) == [0, 6, 10]
    with pytest.raises(fastindex.FastIndexError, match="document count"):
        fastindex.Segment("x", w.data(2), 3)


def _phrase_ids(engine_like: Any, terms: tuple[str, ...]) -> list[int]:
    from scrbrowse.search.evaluation.evaluator import Evaluator

    return Evaluator(engine_like).phrase(fastindex.F_BODY, terms).ids


def test_phrases_stop_at_gaps_and_at_document_ends(tmp_path: Path):
    """Positions run on across a segment's documents: a phrase never joins the end of one
    document to the start of the next, nor the words either side of a gap."""
    from whoosh import index as windex

    from scrbrowse.search.index.schema import build_schema
    from scrbrowse.search.index.segment_writer import SegmentBuilder, commit_segments
    from scrbrowse.search.text.analysis import Preanalysed

    ix = windex.create_in(str(tmp_path), build_schema())
    builder = SegmentBuilder(ix.storage, ix.schema)
    gap = (".", ".")
    for did, pairs in (("a", [("safe", "safe"), ("sleep", "sleep"), gap, ("sleep", "sleep"),
                              ("safe", "safe")]),
                       ("b", [("safe", "safe"), ("safe", "safe"), ("sleep", "sleep")])):
        builder.add({"doc_id": did, "body": Preanalysed(" ", pairs), "year": "2020"})
    commit_segments(ix.writer(codec=ScrCodec()), [builder.finish()])
    with ix.reader() as reader:
        fast = fastindex.FastIndex(reader, ix.storage)
        assert fast.doc_ids == ["a", "b"]
        assert _phrase_ids(fast, ("safe", "sleep")) == [0, 1]
        assert _phrase_ids(fast, ("sleep", "sleep")) == []  # across the gap
        assert _phrase_ids(fast, ("sleep", "safe")) == [0]
        assert _phrase_ids(fast, ("sleep", "sleep", "safe")) == []  # across the gap
        assert _phrase_ids(fast, ("safe", "safe")) == [1]  # not a's end and b's start
        assert _phrase_ids(fast, ("safe", "safe", "sleep")) == [1]
        assert fast.lengths(fastindex.F_BODY) == [4, 3]
        fast.close()


def _fpx_bytes(ix: Any) -> list[bytes]:
    with ix.reader() as reader:
        return [ix.storage.open_file(leaf.segment().make_filename(fastindex.EXT)).read()
                for leaf, _base in reader.leaf_readers()]


def test_whooshs_writer_and_our_builder_write_the_same_arrays():
    """The codec writes the arrays whichever way a segment is written: Whoosh's own writer (as
    in a merge, posting by posting) or our builder (directly); the bytes are the same."""
    from scrbrowse.search.index.opening import PrivateRamStorage
    from scrbrowse.search.index.schema import build_schema
    from scrbrowse.search.index.segment_writer import SegmentBuilder, commit_segments

    from .test_search_segments import _records

    records = _records()[:40]
    # Not RamStorage: its writer spills to `<tmp>/MAIN.tmp`, shared by every process (flaky).
    ours = PrivateRamStorage().create_index(build_schema())
    theirs = PrivateRamStorage().create_index(build_schema())
    writer = theirs.writer(codec=ScrCodec(), compound=False)
    for record in records:
        writer.add_document(**record)
    writer.commit()
    builder = SegmentBuilder(ours.storage, ours.schema)
    for record in records:
        builder.add(record)
    commit_segments(ours.writer(codec=ScrCodec()), [builder.finish()])
    a, b = _fpx_bytes(ours), _fpx_bytes(theirs)
    assert len(a) == len(b) == 1 and len(a[0]) > 1000
    assert a == b


def test_a_merge_writes_the_arrays_of_the_merged_segment(indexed: tuple[Path, Path],
                                                         monkeypatch: pytest.MonkeyPatch):
    """Whoosh merges small segments on update (its writer, our codec): the merged segment has
    its arrays, numbered as Whoosh numbers, and searches as a fresh build does."""
    from scrbrowse.search.index import update as indexer

    monkeypatch.setattr(indexer, "MAX_SMALL_SEGMENTS", 2)
    corpus, index = indexed
    engine = SearchEngine.open(corpus, index)
    path = corpus / f"{HANTS_LS}.yaml"
    for i in range(4):  # each refresh adds a small segment; Whoosh merges them as it goes
        path.write_text(path.read_text().replace("overlaying", f"overlaying mark{i}x"))
        engine.refresh()
    view = engine._view
    assert view is not None
    assert {h.doc_id for h in engine.search(SearchRequest("mark3x")).hits} == {HANTS_LS}
    segments = [leaf.segment() for leaf, _base in view.reader.leaf_readers()]
    assert len(segments) < 4, "nothing was merged"
    # Whoosh read the positions through the codec to merge, and reads them back from the arrays.
    assert found_by_whoosh(engine, '"overlaying mark3x mark2x"') == {HANTS_LS}
    for query in ('"safe sleep"', '"health visitor"', '"domestic abuse"', "overlaying"):
        assert found_by_whoosh(engine, query) == found_fast(engine, query), query
    assert sorted(p.name for p in index.glob("MAIN_*" + fastindex.EXT)) == sorted(
        s.make_filename(fastindex.EXT) for s in segments)
    for did, g in view.fast.number.items():  # one numbering: Whoosh's
        assert view.searcher.stored_fields(g)["doc_id"] == did
    updated = [(h.doc_id, round(h.score, 9)) for h in engine.search(SearchRequest("overlaying")).hits]
    engine.close()
    fresh = SearchEngine.open(corpus, index, rebuild=True)
    assert [(h.doc_id, round(h.score, 9))
            for h in fresh.search(SearchRequest("overlaying")).hits] == updated
    fresh.close()


def test_updates_leave_no_segment_without_documents(indexed: tuple[Path, Path]):
    """Each update merges the segment the previous one wrote, whose document it replaced: that
    segment goes. Whoosh's writer kept it as a new segment of no documents (and no columns), one
    more with every edit."""
    corpus, index = indexed
    engine = SearchEngine.open(corpus, index)
    try:
        path = corpus / f"{HANTS_LS}.yaml"
        for i in range(3):
            path.write_text(path.read_text().replace("overlaying", f"overlaying edit{i}x"))
            engine.refresh()
        view = engine._view
        assert view is not None
        counts = [leaf.doc_count_all() for leaf, _base in view.reader.leaf_readers()]
    finally:
        engine.close()
    assert 0 not in counts, counts


def test_damaged_segments_are_rebuilt(indexed: tuple[Path, Path]):
    corpus, index = indexed
    engine = SearchEngine.open(corpus, index)
    before = engine.search(SearchRequest("co-sleeping after alcohol"))
    engine.close()
    for damage in ("garbage", "truncate", "delete", "empty"):
        segs = sorted(index.glob("MAIN_*" + fastindex.EXT))
        assert segs
        if damage == "garbage":
            segs[0].write_bytes(b"\x00garbage" * 100)
        elif damage == "truncate":
            segs[0].write_bytes(segs[0].read_bytes()[:200])
        elif damage == "delete":
            segs[0].unlink()
        else:
            segs[0].write_bytes(b"")
        engine = SearchEngine.open(corpus, index)
        assert engine.status.rebuilt and engine.repaired == [segs[0].name], damage
        after = engine.search(SearchRequest("co-sleeping after alcohol"))
        assert [h.doc_id for h in after.hits] == [h.doc_id for h in before.hits], damage
        assert after.total == before.total
        engine.close()


def test_edit_rewrites_only_what_changed(indexed: tuple[Path, Path]):
    corpus, index = indexed
    engine = SearchEngine.open(corpus, index)
    first = set(index.glob("MAIN_*" + fastindex.EXT))
    path = corpus / f"{HANTS_LS}.yaml"
    path.write_text(path.read_text().replace("overlaying", "overlayingq"))
    engine.refresh()
    assert {h.doc_id for h in engine.search(SearchRequest("overlayingq")).hits} == {HANTS_LS}
    assert engine.search(SearchRequest("overlaying")).total >= 0
    now = set(index.glob("MAIN_*" + fastindex.EXT))
    assert first <= now and len(now - first) == 1  # one small segment added, nothing rewritten
    view = engine._view
    assert view is not None
    # The old copy is deleted in Whoosh's deletion list, and so masked out here.
    assert view.fast.doc_ids.count(HANTS_LS) == 1 and view.fast.size == 6
    assert view.fast.live_count == 5 and len(view.fast.dead[0]) == 1
    (corpus / f"{HANTS_LS}.yaml").unlink()
    engine.refresh()
    assert engine.search(SearchRequest("overlayingq")).total == 0
    engine.close()


def test_an_index_in_memory_has_its_fast_postings(own_corpus: Path):
    from scrbrowse.search.index.opening import Opener

    opened = Opener(own_corpus, None).in_memory(["in memory"])
    engine = SearchEngine(own_corpus, opened, [])
    assert engine._view is not None and engine._view.fast.live_count == 5
    assert {h.doc_id for h in engine.search(SearchRequest("overlaying")).hits} >= {HANTS_LS}
    engine.close()


def test_a_superseded_search_stops_and_is_not_kept(engine: SearchEngine):
    stopped = engine.search(SearchRequest("fathers engagement"), should_stop=lambda: True)
    assert stopped.total == 0 and stopped.notes == (NOTE_STOPPED,)
    again = engine.search(SearchRequest("fathers engagement"))
    assert again.total > 0 and NOTE_STOPPED not in again.notes


def test_term_cache_is_bounded_by_postings(engine: SearchEngine):
    from scrbrowse.search.evaluation.evaluator import Evaluator

    view = engine._view
    assert view is not None
    ev = Evaluator(view.fast, cache_postings=8)
    for word in ("father", "babi", "sleep", "alcohol", "polic", "neglect", "health", "school"):
        ev.term(fastindex.F_BODY, word)
        assert sum(len(r.ids) for r in ev.cache.values()) <= 8
    assert ev.cache  # the latest small ones are kept
    ev.cache.clear()  # as the benchmark does between queries
    ev.term(fastindex.F_BODY, "father")
    assert sum(len(r.ids) for r in ev.cache.values()) <= 8


@given(st.sets(st.integers(min_value=0, max_value=3000)))
def test_ids_of_lists_the_set_bits(numbers: set[int]):
    bits = 0
    for n in numbers:
        bits |= 1 << n
    assert ids_of(bits) == sorted(numbers)


def test_an_unforeseen_fault_opening_the_index_does_not_stop_a_launch(
        indexed: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch):
    corpus, index = indexed
    real = fastindex.FastIndex.__init__
    calls: list[int] = []

    def flaky(self: fastindex.FastIndex, *args: Any, **kwargs: Any) -> None:
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("something nobody foresaw")
        real(self, *args, **kwargs)

    monkeypatch.setattr(fastindex.FastIndex, "__init__", flaky)
    engine = SearchEngine.open(corpus, index)
    assert len(calls) >= 2 and engine.status.rebuilt
    assert {h.doc_id for h in engine.search(SearchRequest("overlaying")).hits} >= {HANTS_LS}
    engine.close()
