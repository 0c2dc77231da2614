"""An index written by the previous version (10: Whoosh's own codec, the fast postings in a
`fast/` folder beside it) is rebuilt once, with a one-line message, and its old files go."""

from __future__ import annotations

from pathlib import Path

from scrbrowse.search.api import SearchRequest
from scrbrowse.search.engine import SearchEngine
from scrbrowse.search.index.catalogue import META_FILE, save_meta
from scrbrowse.search.index.schema import INDEX_VERSION, SCHEMA_TAG
from scrbrowse.search.index.update import Updater, compute_diff

HANTS_LS = "hampshire-child-k-learning-summary"


def write_old_index(corpus: Path, index: Path) -> None:
    """A tiny index standing for one of version 10: its version's tag in the sidecar (what
    decides a rebuild) and a folder of fast postings beside Whoosh's files."""
    from whoosh import index as windex

    from scrbrowse.search.index.schema import build_schema

    index.mkdir()
    ix = windex.create_in(str(index), build_schema())
    key = str(corpus.resolve())
    result = Updater(corpus, key).run(ix, None, compute_diff(None, corpus))
    old_tag = SCHEMA_TAG.replace(f"index-{INDEX_VERSION}/", f"index-{INDEX_VERSION - 1}/")
    assert old_tag != SCHEMA_TAG
    result.meta.schema = old_tag
    save_meta(index / META_FILE, result.meta)
    (index / "fast").mkdir()
    (index / "fast" / "manifest.json").write_text('{"format": 3, "segments": []}')
    (index / "fast" / "seg-0123456789abcdef.fpx").write_bytes(b"SCRFAST3" + b"\0" * 64)


def test_an_index_of_the_previous_version_is_rebuilt_once(own_corpus: Path, tmp_path: Path):
    index = tmp_path / "index"
    write_old_index(own_corpus, index)
    engine = SearchEngine.open(own_corpus, index)
    assert engine.status.rebuilt
    assert len(engine.status.messages) == 1
    assert engine.status.messages[0].startswith(
        "The index was made by another version of scrbrowse, so it was rebuilt (5 documents")
    assert not (index / "fast").exists()
    assert HANTS_LS in {h.doc_id for h in engine.search(SearchRequest("overlaying")).hits}
    engine.close()
    again = SearchEngine.open(own_corpus, index)
    assert not again.status.rebuilt and again.status.messages == ()
    again.close()


def test_an_older_index_whose_contents_name_moved_modules_is_rebuilt_as_another_version(
        own_corpus: Path, tmp_path: Path):
    """Whoosh's table of contents pickles our codec's and analysers' module paths, which moved in
    version 12: an older table cannot even be unpickled. The sidecar's version tag is read first,
    so the user is told the index was of another version, not that it was damaged; a sidecar of
    an older format still names its version, and so does the plain JSON one (`scrbrowse-index.json`)
    that versions before 13 wrote, which the rebuild removes."""
    import gzip
    import json

    index = tmp_path / "index"
    write_old_index(own_corpus, index)
    for toc in index.glob("_MAIN_*.toc"):
        toc.write_bytes(b"\x80\x04cscrbrowse.search.schema\nGone\n.")  # names a module that is gone
    sidecar = index / META_FILE
    data = json.loads(gzip.decompress(sidecar.read_bytes()))
    data["format"] = 3
    sidecar.unlink()
    old_sidecar = index / "scrbrowse-index.json"
    old_sidecar.write_text(json.dumps(data))
    engine = SearchEngine.open(own_corpus, index)
    try:
        assert engine.status.messages[0].startswith(
            "The index was made by another version of scrbrowse, so it was rebuilt (5 documents")
        assert HANTS_LS in {h.doc_id for h in engine.search(SearchRequest("overlaying")).hits}
        assert sidecar.is_file() and not old_sidecar.exists()
    finally:
        engine.close()
