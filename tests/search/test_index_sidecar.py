"""The sidecar after an update: only what changed is written (`scrbrowse-index.delta.json`),
and reading the full file with the changes applied gives exactly the sidecar a full write would.

At 50,000 documents the full sidecar is 57 MB of JSON; writing it took half of an update."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from scrbrowse.search.api import SearchRequest
from scrbrowse.search.engine import SearchEngine
from scrbrowse.search.index import catalogue as meta_module
from scrbrowse.search.index.catalogue import META_FILE, delta_path, load_meta

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
