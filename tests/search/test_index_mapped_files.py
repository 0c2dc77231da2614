"""Issue 17 (portability): memory-mapped index files are closed before they are deleted, and a
reader holding an old mapping never blocks a writer.

Windows refuses to delete a file that is mapped. The fast postings are part of Whoosh's
segments (`<segment>.fpx`), never replaced in place: an update writes new segments and a new
table of contents, and Whoosh deletes the files of segments no longer listed, leaving any it
cannot delete for a later update. The test runs anywhere by giving `os.remove` Windows' rule."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from scrbrowse.search.api import SearchRequest
from scrbrowse.search.engine import SearchEngine
from scrbrowse.search.index import postings as fastindex

HANTS_LS = "hampshire-child-k-learning-summary"


@pytest.fixture
def windows_rule(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Segment files mapped now; deleting one of them fails as on Windows."""
    mapped: dict[str, int] = {}
    real_open, real_close = fastindex.open_segment, fastindex.Segment.close
    real_remove = os.remove

    def open_segment(storage: Any, segment: Any) -> fastindex.Segment:
        seg = real_open(storage, segment)
        key = os.path.join(storage.folder, segment.make_filename(fastindex.EXT))
        mapped[key] = mapped.get(key, 0) + 1
        seg.path_for_test = key  # type: ignore[attr-defined]
        return seg

    def close(self: fastindex.Segment) -> None:
        was_open = not self.closed
        real_close(self)
        key = getattr(self, "path_for_test", None)
        if was_open and self.closed and key in mapped:
            mapped[key] -= 1
            if not mapped[key]:
                del mapped[key]

    def remove(path: Any, *args: Any, **kwargs: Any) -> None:
        if str(path) in mapped:
            raise PermissionError(13, "The process cannot access the file because it is being "
                                      "used by another process", str(path))
        real_remove(path, *args, **kwargs)

    monkeypatch.setattr(fastindex, "open_segment", open_segment)
    monkeypatch.setattr(fastindex.Segment, "close", close)
    monkeypatch.setattr(os, "remove", remove)
    return mapped


def edit(corpus: Path, n: int, mark: str = "edited") -> None:
    for path in sorted(p for p in corpus.glob("*.yaml") if p.name != "taxonomy.yaml")[:n]:
        path.write_text(path.read_text(encoding="utf-8") + f"# {mark}\n", encoding="utf-8")


def listed(index: Path) -> set[str]:
    return {p.name for p in index.glob("MAIN_*" + fastindex.EXT)}


def current(engine: SearchEngine) -> set[str]:
    view = engine._view
    assert view is not None
    return {s.name for s in view.fast.segments}


def test_a_reader_holding_old_mappings_never_blocks_an_update(indexed: tuple[Path, Path],
                                                               windows_rule: dict[str, int]) -> None:
    corpus, index = indexed
    reader = SearchEngine.open(corpus, index)  # another window, holding the old segments
    writer = SearchEngine.open(corpus, index)
    before = listed(index)
    edit(corpus, 3)  # most of the segment changes: it is rewritten, the old file is dropped
    status = writer.refresh()
    assert status.updated and not any("could not" in m for m in status.messages), status
    assert HANTS_LS in [h.doc_id for h in writer.search(SearchRequest("overlaying")).hits]
    old = before - current(writer)
    assert old, "the update was meant to replace a segment"
    assert old <= listed(index)  # still mapped by the reader: left for later, no error
    assert reader.search(SearchRequest("overlaying")).total  # the reader goes on as it was
    reader.close()
    edit(corpus, 1, "again")
    assert writer.refresh().updated
    assert not old & listed(index)  # deleted by the next update, once nobody maps it
    writer.close()


def test_an_update_in_one_engine_deletes_what_it_replaced_once_unmapped(
        indexed: tuple[Path, Path], windows_rule: dict[str, int]) -> None:
    corpus, index = indexed
    engine = SearchEngine.open(corpus, index)
    before = listed(index)
    edit(corpus, 3)
    engine.refresh()  # the old view maps the old segment while the update commits
    assert before - current(engine)
    edit(corpus, 1, "again")
    engine.refresh()
    assert not (before - current(engine)) & listed(index)
    assert listed(index) == current(engine)
    engine.close()
