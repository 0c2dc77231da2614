"""A record that still carries ingest's `draft:` block is known as a draft from the loader to the hit,
so every view can say "DRAFT — not yet checked" without loading the document."""

from __future__ import annotations

from pathlib import Path

from scrbrowse.corpus import load_corpus
from scrbrowse.search.api import Filters, SearchRequest
from scrbrowse.search.engine import SearchEngine


def _make_draft(corpus: Path, name: str) -> None:
    path = corpus / name
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "draft:\n  made_by: test\n  checks: ['title: check it']\n", encoding="utf-8")


def test_loader_marks_drafts(own_corpus: Path) -> None:
    _make_draft(own_corpus, "child-s-learning-briefing.yaml")
    docs = load_corpus(own_corpus).documents
    assert docs["child-s-learning-briefing"].draft is True
    assert docs["wiltshire-child-k-briefing-note"].draft is False


def test_hits_carry_the_draft_flag_through_the_index(own_corpus: Path, tmp_path: Path) -> None:
    _make_draft(own_corpus, "child-s-learning-briefing.yaml")
    eng = SearchEngine.open(own_corpus, tmp_path / "index")
    try:
        hits = {h.doc_id: h for h in eng.search(SearchRequest(query="", filters=Filters())).hits}
    finally:
        eng.close()
    assert hits["child-s-learning-briefing"].draft is True
    assert not any(h.draft for k, h in hits.items() if k != "child-s-learning-briefing")
