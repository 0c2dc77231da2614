"""Phrases and proximity never cross a sentence end (issue 13: "CAF" hit "[family. To support]").

The stored passage terms mark sentence ends (`analysis.SENTENCE_GAP`); the fast postings give
them a position without a term; highlighting checks the text between a phrase's words."""

from __future__ import annotations

from pathlib import Path

from scrbrowse.search.api import SearchRequest
from scrbrowse.search.engine import SearchEngine
from scrbrowse.search.text.analysis import SENTENCE_GAP, analyse_sentences
from scrbrowse.search.text.highlight import find_spans, first_word


def test_sentence_ends_are_marked_in_passage_terms():
    got = [t for _w, t in analyse_sentences("We met the family. To support them we planned.")]
    assert got[:3] == ["met", "famili", SENTENCE_GAP]
    # Decimals and one-sentence text are left alone.
    assert SENTENCE_GAP not in [t for _w, t in analyse_sentences("rose to 41.8 per cent")]


def test_highlight_does_not_mark_a_phrase_across_a_full_stop():
    assert find_spans("the family. To support them", ["famili support"]) == []
    assert find_spans("family support was offered", ["famili support"]) == [(0, 14)]


def test_first_word_does_not_count_sentence_ends():
    assert first_word(f" one {SENTENCE_GAP} two three ", ["three"]) == 2


def test_phrase_does_not_match_across_sentences(own_corpus: Path, tmp_path: Path):
    path = own_corpus / "wiltshire-child-k-briefing-note.yaml"
    text = path.read_text(encoding="utf-8")
    # A passage where "gazebo" ends one sentence and "trampoline" starts the next, and another
    # document where they sit side by side.
    text = text.replace("Child K lived with his mother", "They sat in the gazebo. Trampoline "
                        "safety came later. Child K lived with his mother", 1)
    path.write_text(text, encoding="utf-8")
    other = own_corpus / "oxfordshire-child-n-learning-summary.yaml"
    o = other.read_text(encoding="utf-8")
    other.write_text(o.replace("The child was found dead", "A gazebo trampoline stood there. "
                               "The child was found dead", 1), encoding="utf-8")
    engine = SearchEngine.open(own_corpus, tmp_path / "index")
    try:
        hits = engine.search(SearchRequest(query='"gazebo trampoline"')).hits
        assert [h.doc_id for h in hits] == ["oxfordshire-child-n-learning-summary"]
        # Both words still find both documents when not asked as a phrase.
        both = engine.search(SearchRequest(query="gazebo trampoline")).hits
        assert {h.doc_id for h in both} == {"oxfordshire-child-n-learning-summary",
                                            "wiltshire-child-k-briefing-note"}
        assert both[0].doc_id == "oxfordshire-child-n-learning-summary"  # side by side first
    finally:
        engine.close()
