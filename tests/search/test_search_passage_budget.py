"""Past PAGE_SECONDS a search returns its hits without matched passages, and says so."""

from __future__ import annotations

import pytest

from scrbrowse.search import engine as engine_module
from scrbrowse.search.api import SearchRequest
from scrbrowse.search.engine import NOTE_PASSAGES, SearchEngine


def test_hits_past_the_page_budget_come_without_passages(engine: SearchEngine,
                                                          monkeypatch: pytest.MonkeyPatch):
    request = SearchRequest("fathers", limit=5)
    quick = engine.search(request)
    assert quick.hits and any(h.passages for h in quick.hits)
    assert NOTE_PASSAGES not in quick.notes
    monkeypatch.setattr(engine_module, "PAGE_SECONDS", -1.0)  # every hit is past the budget
    late = engine.search(request)
    assert [h.doc_id for h in late.hits] == [h.doc_id for h in quick.hits]
    assert not any(h.passages for h in late.hits)
    assert NOTE_PASSAGES in late.notes


def test_a_browse_page_never_notes_skipped_passages(engine: SearchEngine,
                                                    monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(engine_module, "PAGE_SECONDS", -1.0)
    assert NOTE_PASSAGES not in engine.search(SearchRequest("", limit=5)).notes
