"""The analyser, the query planner and taxonomy tagging, without an index."""

from __future__ import annotations

from whoosh.analysis import StemmingAnalyzer

from scrbrowse.corpus import Corpus
from scrbrowse.search.query.plan import AllOf, AnyOf, Neg, Prefix, Some, Syn, Words, make_plan
from scrbrowse.search.query.syntax import sanitize
from scrbrowse.search.text.analysis import ANALYZER, Preanalysed, analyse, analyse_words
from scrbrowse.search.text.synonyms import SynonymIndex


def test_fast_analyser_gives_whooshs_terms(corpus: Corpus):
    reference = StemmingAnalyzer()
    for doc in corpus.documents.values():
        for p in doc.passages():
            assert analyse(p.text) == [t.text for t in reference(p.text)]
            assert [w for w, _ in analyse_words(p.text)] == [
                t.text for t in reference(p.text, no_morph=True)]


def test_preanalysed_text_replays_the_same_tokens(corpus: Corpus):
    doc = corpus.documents["wiltshire-child-k-briefing-note"]
    text = "\n".join(p.text for p in doc.passages())
    pre = Preanalysed(text, analyse_words(text))
    fresh = [(t.text, t.pos) for t in ANALYZER(text, positions=True)]
    assert [(t.text, t.pos) for t in ANALYZER(pre, positions=True)] == fresh
    assert [t.text for t in ANALYZER(pre, no_morph=True)] == [w for w, _ in analyse_words(text)]


def test_taxonomy_mentions_are_found(corpus: Corpus):
    syn = SynonymIndex.build(corpus.taxonomy)
    found = syn.concepts_in(analyse("Both parents were co-sleeping; bed sharing after alcohol."))
    assert found["themes:safe-sleep"] == 2
    assert found["themes:unknown-men"] == 1
    assert found["themes:parental-substance-misuse"] == 1
    # "under 1" would stand for every "under": such phrasings are left out.
    assert not syn.concepts_in(analyse("under the bridge"))


def test_plans(corpus: Corpus):
    syn = SynonymIndex.build(corpus.taxonomy)

    def plan(q: str):  # type: ignore[no-untyped-def]
        return make_plan(q, syn, lambda p: ((p + "x",), False))

    assert plan("NOT NOT neglect").root == plan("neglect").root
    assert isinstance(plan("-neglect").root, Neg)
    or_root = plan("bruise baby OR infant").root
    # Words side by side rank (Some); an explicit AND keeps every part required.
    assert isinstance(or_root, Some) and isinstance(or_root.children[1], AnyOf)
    strict = plan("bruise AND baby").root
    assert isinstance(strict, AllOf) and len(strict.children) == 2
    assert isinstance(plan("fath*").root, Prefix)
    assert plan("").root is None and plan("   ").root is None
    # A multi-word synonym typed as words names its taxonomy entry.
    bed = plan("bed sharing").root
    assert isinstance(bed, Syn) and bed.concepts.keys == ("themes:safe-sleep",)
    assert isinstance(bed.original, Some)
    # Words under NOT are not widened.
    neg = plan("-overlaying").root
    assert isinstance(neg, Neg) and isinstance(neg.child, Words)
    # A strict group of common words goes; the words beside it are required again.
    assert plan("overlaying (after AND before)").root == plan("overlaying").root
    assert plan("bruise baby (the AND of)").root == plan("bruise baby").root
    words = plan("windows Heasman").root
    assert isinstance(words, Some) and all(isinstance(c, Words) for c in words.children)


def test_sanitize():
    text, notes = sanitize("\x1b[31mco\u2011sleeping\u202e \u201cbed sharing\u201d\x00")
    assert text == 'co-sleeping "bed sharing"'
    assert notes == []
    long_text, notes = sanitize("word " * 500)
    assert len(long_text) <= 500 and notes
    assert sanitize("\ud800x")[0] == "x"
    assert sanitize(None)[0] == ""
