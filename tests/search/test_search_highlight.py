"""find_spans and snippets: offsets into plain text, never markup."""

from __future__ import annotations

from scrbrowse.search.engine import find_spans
from scrbrowse.search.text.highlight import make_snippet


def marked(text: str, spans: list[tuple[int, int]]) -> list[str]:
    return [text[s:e] for s, e in spans]


def test_find_spans_marks_every_form_of_a_stem():
    text = "Bruising was seen. Bruises and a bruise on a non-mobile baby."
    for terms in (["bruis"], ["bruise"], ["bruising"]):
        assert marked(text, find_spans(text, terms)) == ["Bruising", "Bruises", "bruise"]


def test_find_spans_phrases_and_merging():
    text = "Bed sharing, bed-sharing and sharing a bed."
    assert marked(text, find_spans(text, ["bed share"])) == ["Bed sharing", "bed-sharing"]
    # Overlapping marks merge into one span.
    assert marked(text, find_spans(text, ["bed share", "share"])) == [
        "Bed sharing", "bed-sharing", "sharing"]
    assert find_spans(text, []) == [] and find_spans("", ["bed"]) == []


def test_find_spans_with_result_terms(search):
    r = search("overlaying")
    text = "The risk of overlaying, and of co-sleeping after alcohol, and of bed sharing."
    got = marked(text, find_spans(text, r.terms))
    assert "overlaying" in got and "co-sleeping" in got and "bed sharing" in got
    assert "alcohol" not in got


def test_find_spans_ignores_odd_terms():
    assert find_spans("some text", ["", "   ", "the"]) == []
    assert find_spans("a \x1b[31m red", ["red"]) == [(8, 11)]


def test_snippet_is_one_line_around_the_first_match():
    text = ("Opening words that say nothing much at all. " * 12 + "\n\nThen the father was seen"
            " at home.\nMore text follows here. " * 3)
    snip = make_snippet(text, ["father"])
    assert "\n" not in snip.text
    assert len(snip.text) <= 240 + 4
    assert snip.text.startswith("… ")
    (start, end), *_ = snip.spans
    assert snip.text[start:end] == "father"


def test_short_text_snippet_is_whole():
    snip = make_snippet("Do I always speak to both parents?", ["both parent"])
    assert snip.text == "Do I always speak to both parents?"
    assert marked(snip.text, list(snip.spans)) == ["both parents"]
