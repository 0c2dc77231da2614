"""A draft never outranks a checked record on equal relevance (issue 13, item 5)."""

from __future__ import annotations

from pathlib import Path

from scrbrowse.search.api import SearchRequest
from scrbrowse.search.engine import SearchEngine

WILTS = "wiltshire-child-k-briefing-note"


def test_checked_record_before_an_equally_relevant_draft(own_corpus: Path, tmp_path: Path):
    text = (own_corpus / f"{WILTS}.yaml").read_text(encoding="utf-8")
    # The same text under an id that browses first, marked as an unchecked draft.
    copy = text.replace(f"id: {WILTS}", "id: aa-wiltshire-copy", 1)
    copy += "draft:\n  made_by: test\n  checks: ['title: check it']\n"
    (own_corpus / "aa-wiltshire-copy.yaml").write_text(copy, encoding="utf-8")
    engine = SearchEngine.open(own_corpus, tmp_path / "index")
    try:
        hits = engine.search(SearchRequest(query="windows")).hits
        assert [h.doc_id for h in hits] == [WILTS, "aa-wiltshire-copy"]
        assert hits[0].score == hits[1].score and hits[1].draft and not hits[0].draft
        # Browsing (no query) keeps its own order.
        browse = [h.doc_id for h in engine.search(SearchRequest(query="")).hits]
        assert browse.index("aa-wiltshire-copy") < browse.index(WILTS)
    finally:
        engine.close()
