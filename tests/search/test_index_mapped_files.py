"""Issue 17 (portability): memory-mapped index files are closed before they are deleted, and a
reader holding an old mapping never blocks a writer.

Windows refuses to delete (or replace) a file that is mapped. The fast postings never replace a
file in place (each write is a new segment file; the manifest, read whole and never mapped, is
the one file replaced), and a file that could not be deleted is deleted once it is unmapped. The
test runs anywhere by giving `Path.unlink` Windows' rule."""

from __future__ import annotations

from pathlib import Path

import pytest

from scrbrowse.search import fastindex
from scrbrowse.search.api import SearchRequest
from scrbrowse.search.engine import SearchEngine

HANTS_LS = "hampshire-child-k-learning-summary"


@pytest.fixture
def windows_rule(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Segment files mapped now; deleting or replacing one of them fails as on Windows."""
    mapped: dict[str, int] = {}
    real_open, real_close = fastindex.open_segment, fastindex.Segment.close
    real_unlink, real_replace = Path.unlink, Path.replace

    def open_segment(path: Path, **kwargs: bool) -> fastindex.Segment:
        seg = real_open(path, **kwargs)
        mapped[str(path)] = mapped.get(str(path), 0) + 1
        seg.path_for_test = str(path)  # type: ignore[attr-defined]
        return seg

    def close(self: fastindex.Segment) -> None:
        was_open = not self.closed
        real_close(self)
        key = getattr(self, "path_for_test", None)
        if was_open and self.closed and key in mapped:
            mapped[key] -= 1
            if not mapped[key]:
                del mapped[key]

    def unlink(self: Path, missing_ok: bool = False) -> None:
        if str(self) in mapped:
            raise PermissionError(13, "The process cannot access the file because it is being "
                                      "used by another process", str(self))
        real_unlink(self, missing_ok=missing_ok)

    def replace(self: Path, target: str | Path) -> Path:
        if str(target) in mapped:
            raise PermissionError(13, "mapped", str(target))
        return real_replace(self, target)

    monkeypatch.setattr(fastindex, "open_segment", open_segment)
    monkeypatch.setattr(fastindex.Segment, "close", close)
    monkeypatch.setattr(Path, "unlink", unlink)
    monkeypatch.setattr(Path, "replace", replace)
    return mapped


def edit(corpus: Path, n: int) -> None:
    for path in sorted(p for p in corpus.glob("*.yaml") if p.name != "taxonomy.yaml")[:n]:
        path.write_text(path.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")


def listed(index: Path) -> set[str]:
    return {p.name for p in (index / fastindex.FOLDER).glob("seg-*.fpx")}


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
    old = before - set(fastindex._read_manifest(index / fastindex.FOLDER))
    assert old, "the update was meant to replace a segment"
    assert old <= listed(index)  # still mapped by the reader: left for later, no error
    reader.search(SearchRequest("overlaying"))  # the reader goes on with its old mapping
    writer.close()
    reader.close()
    assert not old & listed(index)  # deleted once nobody maps it


def test_an_update_in_one_engine_deletes_what_it_replaced_once_unmapped(
        indexed: tuple[Path, Path], windows_rule: dict[str, int]) -> None:
    corpus, index = indexed
    engine = SearchEngine.open(corpus, index)
    before = listed(index)
    edit(corpus, 3)
    engine.refresh()  # the old view maps the old segment until the new one replaces it
    assert not before & listed(index)
    engine.close()
