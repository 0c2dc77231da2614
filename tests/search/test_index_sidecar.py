"""The sidecar after an update: only what changed is written (`scrbrowse-index.delta.json.gz`),
and reading the full file with the changes applied gives exactly the sidecar a full write would.

At 50,000 documents the full sidecar is 57 MB of JSON; writing it took half of an update. Both
files are stored gzip-compressed."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest

from scrbrowse.search.api import SearchRequest
from scrbrowse.search.engine import SearchEngine
from scrbrowse.search.index import catalogue as meta_module
from scrbrowse.search.index.catalogue import META_FILE, delta_path, load_meta
from scrbrowse.search.index.schema import SCHEMA_TAG

HANTS_LS = "hampshire-child-k-learning-summary"


@pytest.fixture
def small_changes(monkeypatch: pytest.MonkeyPatch) -> None:
    """The bundled corpus has five files: any change is past the usual share of them."""
    monkeypatch.setattr(meta_module, "DELTA_SHARE", 1.0)


def current_meta(engine: SearchEngine) -> dict[str, object]:
    view = engine._view
    assert view is not None
    return view.meta.to_json()


def test_an_update_writes_only_its_changes_and_reads_back_the_same(indexed: tuple[Path, Path],
                                                                   small_changes: None):
    corpus, index = indexed
    full = (index / META_FILE).read_bytes()
    engine = SearchEngine.open(corpus, index)
    path = corpus / f"{HANTS_LS}.yaml"
    path.write_text(path.read_text().replace("overlaying", "overlayingq"))
    extra = corpus / "zz-copy.yaml"  # a new file whose document id is already taken: a problem
    shutil.copy(path, extra)
    engine.refresh()
    assert (index / META_FILE).read_bytes() == full  # the full file is left as it was
    assert delta_path(index / META_FILE).is_file()
    expected = current_meta(engine)
    engine.close()
    loaded = load_meta(index / META_FILE)
    assert loaded is not None and loaded.to_json() == expected  # same content, same order
    again = SearchEngine.open(corpus, index)
    assert not again.status.rebuilt and not again.status.updated
    assert {h.doc_id for h in again.search(SearchRequest("overlayingq")).hits} == {HANTS_LS}
    assert any("duplicate document id" in p.message for p in again.problems)
    extra.unlink()
    (corpus / "child-s-learning-briefing.yaml").unlink()
    again.refresh()
    expected = current_meta(again)
    again.close()
    loaded = load_meta(index / META_FILE)
    assert loaded is not None and loaded.to_json() == expected


def test_many_changes_write_the_full_file_again(indexed: tuple[Path, Path]):
    corpus, index = indexed
    full = (index / META_FILE).read_bytes()
    engine = SearchEngine.open(corpus, index)
    for p in sorted(corpus.glob("*.yaml"))[:3]:
        if p.name != "taxonomy.yaml":
            p.write_text(p.read_text() + "# edited\n")
    assert meta_module.DELTA_SHARE < 0.4  # three of five files is past it
    engine.refresh()
    assert (index / META_FILE).read_bytes() != full
    assert not delta_path(index / META_FILE).exists()
    expected = current_meta(engine)
    engine.close()
    loaded = load_meta(index / META_FILE)
    assert loaded is not None and loaded.to_json() == expected


def test_a_damaged_changes_file_means_a_rebuild(indexed: tuple[Path, Path], small_changes: None):
    corpus, index = indexed
    engine = SearchEngine.open(corpus, index)
    path = corpus / f"{HANTS_LS}.yaml"
    path.write_text(path.read_text().replace("overlaying", "overlayingq"))
    engine.refresh()
    engine.close()
    delta_path(index / META_FILE).write_text("{ not json")
    engine = SearchEngine.open(corpus, index)
    assert engine.status.rebuilt
    assert {h.doc_id for h in engine.search(SearchRequest("overlayingq")).hits} == {HANTS_LS}
    engine.close()


def test_changes_left_from_before_a_full_write_are_ignored(indexed: tuple[Path, Path],
                                                           small_changes: None):
    corpus, index = indexed
    engine = SearchEngine.open(corpus, index)
    path = corpus / f"{HANTS_LS}.yaml"
    path.write_text(path.read_text().replace("overlaying", "overlayingq"))
    engine.refresh()
    stale = delta_path(index / META_FILE).read_bytes()
    engine.close()
    engine = SearchEngine.open(corpus, index, rebuild=True)  # a full write
    expected = current_meta(engine)
    engine.close()
    delta_path(index / META_FILE).write_bytes(stale)  # as if its deletion had failed
    loaded = load_meta(index / META_FILE)
    assert loaded is not None and loaded.to_json() == expected


def test_the_sidecar_is_stored_compressed_and_a_damaged_one_means_a_rebuild(
        indexed: tuple[Path, Path], small_changes: None):
    corpus, index = indexed
    sidecar = index / META_FILE
    raw = sidecar.read_bytes()
    assert raw[:2] == b"\x1f\x8b", "not gzip"
    data = json.loads(gzip.decompress(raw))
    assert data["schema"] == SCHEMA_TAG and len(data["docs"]) == 5
    engine = SearchEngine.open(corpus, index)
    path = corpus / f"{HANTS_LS}.yaml"
    path.write_text(path.read_text().replace("overlaying", "overlayingq"))
    engine.refresh()
    engine.close()
    assert json.loads(gzip.decompress(delta_path(sidecar).read_bytes()))["base_id"]
    for damage in ("cut short", "a flipped byte"):
        raw = sidecar.read_bytes()
        middle = len(raw) // 2
        sidecar.write_bytes(raw[:middle] if damage == "cut short" else
                            raw[:middle] + bytes([raw[middle] ^ 0x55]) + raw[middle + 1:])
        engine = SearchEngine.open(corpus, index)
        assert engine.status.rebuilt, damage
        assert engine.status.messages[0].startswith(
            "The index's record of its contents was missing, so the index was rebuilt"), damage
        assert {h.doc_id for h in engine.search(SearchRequest("overlayingq")).hits} == {HANTS_LS}
        engine.close()
