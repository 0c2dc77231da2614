"""Issue 16 item 3: indexed text is brought to NFKC, as queries are, and highlight offsets still
point into the original text.

Before, a record with "signiﬁcant ofﬁcer" (ligatures, common in text from PDFs) could not be
found by "significant", "officer" or the pasted ligature, and "Zoë" composed and decomposed found
different documents."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from scrbrowse.search.api import SearchRequest
from scrbrowse.search.engine import SearchEngine
from scrbrowse.search.index.passage_rows import _name_words as name_words
from scrbrowse.search.index.schema import INDEX_VERSION
from scrbrowse.search.text.analysis import ANALYZER, analyse, normalise, spans_and_terms

HANTS_LS = "hampshire-child-k-learning-summary"
DECOMPOSED = "Zoe\u0308"


def test_ligatures_and_decomposed_letters_analyse_as_typed() -> None:
    assert analyse("signiﬁcant ofﬁcer") == analyse("significant officer")
    assert analyse(DECOMPOSED) == analyse("Zoë") == analyse(unicodedata.normalize("NFKC", DECOMPOSED))
    assert analyse("ＦＡＴＨＥＲＳ") == analyse("fathers")
    assert [t.text for t in ANALYZER("ofﬁcer", no_morph=True)] == ["officer"]  # the spelling field
    assert name_words("Child Zoe\u0308") == ["child", "zoë"]
    assert [t.text for t in ANALYZER("the ofﬁcer")] == analyse("officer")
    assert INDEX_VERSION >= 9  # indexes made before are rebuilt


def test_highlight_offsets_stay_on_the_original_text() -> None:
    text = "The ofﬁcer met Zoe\u0308 … at ＡＢＣ\u3000ＤＥＦ home."
    spans = {text[a:b] for a, b in spans_and_terms(text)[0]}
    assert {"ofﬁcer", DECOMPOSED, "ＡＢＣ", "ＤＥＦ", "home"} <= spans
    chars = [(t.startchar, t.endchar) for t in ANALYZER(text, chars=True)]
    assert [text[a:b] for a, b in chars] == [text[a:b] for a, b in spans_and_terms(text)[0]]


PIECES = st.sampled_from(["a", "b", "e", "Z", " ", "ﬁ", "ﬂ", "e\u0308", "é", "Ａ", "…", "\u00a0",
                          "ß", "\u0301", "½", "ℌ", ".", "-", "o"])


@given(st.lists(PIECES, max_size=40).map("".join))
def test_every_span_holds_the_term_it_is_reported_for(text: str) -> None:
    last = -1
    spans, terms = spans_and_terms(text)
    for (a, b), term in zip(spans, terms, strict=True):
        # Two words may share one original character ("a½a" is "a1⁄2a"), never go backwards.
        assert 0 <= a < b <= len(text) and a >= last
        last = a
        assert term in analyse(text[a:b])


@given(st.lists(PIECES | st.characters(codec="utf-8"), max_size=30).map("".join))
def test_normal_form_is_nfkc(text: str) -> None:
    assert normalise(text) == unicodedata.normalize("NFKC", text)


def test_a_record_with_ligatures_and_decomposed_letters_is_found(own_corpus: Path,
                                                                   tmp_path: Path) -> None:
    path = own_corpus / f"{HANTS_LS}.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "overlaying", f"overlaying signiﬁcant ofﬁcer {DECOMPOSED}", 1), encoding="utf-8")
    engine = SearchEngine.open(own_corpus, tmp_path / "index")
    try:
        for query in ("significant", "officer", "ofﬁcer", "Zoë", DECOMPOSED, "zoe\u0308"):
            found = [h.doc_id for h in engine.search(SearchRequest(query)).hits]
            assert HANTS_LS in found, query
        hit = next(h for h in engine.search(SearchRequest("officer Zoë")).hits
                   if h.doc_id == HANTS_LS)
        marked = {p.snippet.text[a:b] for p in hit.passages for a, b in p.snippet.spans}
        assert {"ofﬁcer", DECOMPOSED} <= marked, marked
    finally:
        engine.close()
