"""Issue 16 item 2: every fast-postings file (one per Whoosh segment, `<segment>.fpx`) carries
checksums; a flipped bit is found when the index is opened and the index is rebuilt from the
corpus, never searched.

Before, one low bit flipped in a facet's id array silently moved documents in and out of
`theme:safe-sleep`, and `scrbrowse index` said "up to date"; one bit in a term list made every
search find nothing until a manual `--rebuild`."""

from __future__ import annotations

import json
import struct
from pathlib import Path

import pytest

from scrbrowse.cli import main
from scrbrowse.search.api import Filters, SearchRequest
from scrbrowse.search.engine import SearchEngine
from scrbrowse.search.index import postings as fastindex

QUERIES = ["co-sleeping", "fathers", '"safe sleep"', "alcohol", "neglect -police", "health visitor"]
FILTERS = [Filters(), Filters().with_values("theme", ["safe-sleep"]),
           Filters().with_values("agency", ["police"])]
SECTIONS = ["header", "body.terms", "body.start", "body.ids", "body.tf", "body.len", "body.pos",
            "body.pstart", "body.dstart", "title.pos", "theme.ids", "theme.terms", "theme.start",
            "agency.tf", "concept.ids", "year.len", "board.dstart", "child.terms"]


def outcome(engine: SearchEngine) -> list[object]:
    out: list[object] = []
    for query in QUERIES:
        for filters in FILTERS:
            r = engine.search(SearchRequest(query, filters, with_passages=False))
            out.append((query, sorted(filters.items()), r.total, r.notes,
                        [(h.doc_id, round(h.score, 9)) for h in r.hits],
                        {k: [(v.value, v.count) for v in vs] for k, vs in r.facets.items()}))
    return out


def section_span(path: Path, section: str) -> tuple[int, int]:
    """(offset, length) of a section in a segment file (or of the header itself)."""
    data = path.read_bytes()
    head = 16
    (hlen,) = struct.unpack("<I", data[8:12])
    if section == "header":
        return head, hlen
    header = json.loads(data[head:head + hlen])
    body = (head + hlen + 7) // 8 * 8
    off, length = header["sections"][section]
    return body + off, length


def flip_bit(path: Path, section: str) -> None:
    off, length = section_span(path, section)
    assert length > 0, section
    data = bytearray(path.read_bytes())
    data[off + length // 2] ^= 0x01  # the lowest bit: a document number moves by one
    path.write_bytes(bytes(data))


def segment_files(index: Path) -> list[Path]:
    return sorted(index.glob("MAIN_*" + fastindex.EXT))


@pytest.mark.parametrize("section", SECTIONS)
def test_a_flipped_bit_is_found_and_the_index_rebuilt(indexed: tuple[Path, Path],
                                                            section: str) -> None:
    corpus, index = indexed
    engine = SearchEngine.open(corpus, index)
    before = outcome(engine)
    engine.close()
    damaged = segment_files(index)[0]
    flip_bit(damaged, section)
    engine = SearchEngine.open(corpus, index)
    try:
        assert outcome(engine) == before
        # Repaired for good, at once: the damaged file is gone from the folder.
        assert not damaged.exists(), "damage not noticed"
        assert engine.repaired == [damaged.name]
        assert any("damaged" in m for m in engine.status.messages)
    finally:
        engine.close()
    again = SearchEngine.open(corpus, index)
    assert again.repaired == []
    again.close()


@pytest.mark.parametrize("section", ["theme.ids", "body.pos"])
def test_scrbrowse_index_finds_and_repairs_damage(indexed: tuple[Path, Path], section: str,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    corpus, index = indexed
    argv = ["--corpus", str(corpus), "--index", str(index), "index"]
    assert main(argv) == 0
    assert "already up to date" in capsys.readouterr().out
    flip_bit(segment_files(index)[0], section)
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "repaired" in out and "up to date" not in out
    assert main(argv) == 0
    assert "already up to date" in capsys.readouterr().out
