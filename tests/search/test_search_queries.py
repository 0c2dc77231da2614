"""The query language and ranking, on the real corpus."""

from __future__ import annotations

from scrbrowse.search.api import SearchResult

HANTS_LS = "hampshire-child-k-learning-summary"
HANTS_BR = "hampshire-child-k-board-response"
CHILD_S = "child-s-learning-briefing"
WILTS = "wiltshire-child-k-briefing-note"
OXON = "oxfordshire-child-n-learning-summary"
ALL = {HANTS_LS, HANTS_BR, CHILD_S, WILTS, OXON}


def ids(result: SearchResult) -> list[str]:
    return [h.doc_id for h in result.hits]


def passage_ids(result: SearchResult, doc_id: str) -> list[str]:
    hit = next(h for h in result.hits if h.doc_id == doc_id)
    return [p.item_id for p in hit.passages]


def test_overlaying_finds_hampshire_child_k_learning_summary_first(search):
    r = search("overlaying")
    assert ids(r)[0] == HANTS_LS
    hit = r.hits[0]
    assert hit.review == "Child K (Hampshire)"
    # The learning point that says it comes first among the passages, with the word marked.
    first = hit.passages[0]
    assert first.item_id == "lp-6"
    start, end = first.snippet.spans[0]
    assert first.snippet.text[start:end] == "overlaying"
    assert "2 learning points" in hit.match_summary() or "learning point" in hit.match_summary()


def test_co_sleeping_finds_child_s_and_through_synonyms_hampshire_child_k(search):
    r = search("co-sleeping")
    found = ids(r)
    assert CHILD_S in found and HANTS_LS in found
    assert "overlaying" in r.expanded and "bed sharing" in r.expanded
    # Child S says "co-sleeping" itself, so it ranks above the learning summary (a synonym).
    assert found.index(CHILD_S) < found.index(HANTS_LS)
    assert "q-1" in passage_ids(r, CHILD_S)
    assert "lp-6" in passage_ids(r, HANTS_LS)  # "overlaying"
    assert "co sleep" in r.terms


def test_fathers_finds_both_child_ks_and_child_s_with_matched_passages(search):
    r = search("fathers")
    found = ids(r)
    assert WILTS in found and CHILD_S in found
    assert found[0] == WILTS  # "Invisible fathers" is its topic
    wilts = passage_ids(r, WILTS)
    for item in ("s-5", "lp-3", "lp-4", "q-4"):
        assert item in wilts
    assert "ats-1" in passage_ids(r, CHILD_S)
    assert "learning point" in r.hits[0].match_summary()


def test_plain_words_rank_and_explicit_and_is_strict(search):
    # "windows" is only in Wiltshire's case summary; "Heasman" only in Hampshire's board response.
    assert ids(search("windows")) == [WILTS]
    assert ids(search("Heasman")) == [HANTS_BR]
    # Words side by side rank: a document with either is found, none is dropped for missing one.
    assert set(ids(search("windows Heasman"))) == {WILTS, HANTS_BR}
    # An explicit AND needs both: no document has both, so the fallback shows some, and says so.
    both = search("windows AND Heasman")
    assert set(ids(both)) == {WILTS, HANTS_BR}
    assert any("some of them" in n for n in both.notes)
    assert ids(search("windows AND Wiltshire")) == [WILTS]


def test_or(search):
    assert set(ids(search("windows OR Heasman"))) == {WILTS, HANTS_BR}
    assert not search("windows OR Heasman").notes


def test_not_and_minus_exclude(search):
    assert set(ids(search("child NOT Hampshire"))) == ALL - {HANTS_LS, HANTS_BR}
    assert set(ids(search("child -hampshire"))) == ALL - {HANTS_LS, HANTS_BR}
    assert WILTS not in ids(search("fathers -wiltshire"))
    # Only an exclusion: everything else.
    assert set(ids(search("NOT windows"))) == ALL - {WILTS}


def test_quoted_phrase_is_stricter_than_words(search):
    words = set(ids(search("mother father")))
    phrase = set(ids(search('"mother and the father"')))
    assert phrase == {OXON, WILTS}  # "...between the mother and the father" / "Mother and Father"
    assert phrase < words


def test_brackets_group(search):
    assert set(ids(search("(windows OR Heasman) AND child"))) == {WILTS, HANTS_BR}
    # Without AND the bracket's words only rank: every document about a child is found, the two
    # holding the bracket's words first.
    assert set(ids(search("(windows OR Heasman) child"))[:2]) == {WILTS, HANTS_BR}


def test_field_prefixes(search):
    assert set(ids(search("board:hampshire"))) == {HANTS_LS, HANTS_BR}
    assert set(ids(search("board: wiltshire"))) == {WILTS}
    assert ids(search("child:S")) == [CHILD_S]
    assert set(ids(search('child:"Child K"'))) == {HANTS_LS, HANTS_BR, WILTS}
    assert ids(search("year:2018")) == [HANTS_LS]
    assert set(ids(search("year:undated"))) == ALL - {HANTS_LS}
    assert set(ids(search("year:2016-2019"))) == {HANTS_LS}
    assert ids(search("type:board-response")) == [HANTS_BR]
    assert set(ids(search('type:"learning summary"'))) == {HANTS_LS, OXON}
    assert set(ids(search("type:SCR"))) == ALL  # a review type, by its acronym


def test_theme_and_agency_prefixes_take_ids_labels_and_synonyms(search):
    safe_sleep = {CHILD_S, HANTS_BR, HANTS_LS}
    assert set(ids(search("theme:safe-sleep"))) == safe_sleep
    assert set(ids(search('theme:"Safe sleep"'))) == safe_sleep
    assert set(ids(search("theme:co-sleeping"))) == safe_sleep
    assert set(ids(search("agency:HV"))) == {HANTS_LS, WILTS}
    assert set(ids(search("agency:mash"))) == {CHILD_S, WILTS}
    assert set(ids(search("theme:safe-sleep agency:mash"))) == {CHILD_S}
    r = search("theme:nosuchthing")
    assert any("No theme called" in n for n in r.notes)


def test_prefix_wildcard(search):
    r = search("fath*")
    assert {WILTS, CHILD_S, OXON} <= set(ids(r))
    assert "father" in r.terms
    short = search("c*")
    assert any("at least 2 letters" in n for n in short.notes)
    middle = search("fa*er")
    assert any("only at the end" in n for n in middle.notes)


def test_acronyms_expand_to_their_taxonomy_entry(search):
    r = search("CSC")
    assert "social worker" in r.expanded or "Children's social care" in r.expanded
    assert r.total >= 3
    alte = search("ALTE")
    assert CHILD_S in ids(alte)


def test_multi_word_synonym_typed_as_words(search):
    r = search("bed sharing")
    assert "co-sleeping" in r.expanded
    assert CHILD_S in ids(r)


def test_negated_words_are_not_expanded(search):
    r = search("child -overlaying")
    assert HANTS_LS not in ids(r)
    assert CHILD_S in ids(r)  # says co-sleeping, a synonym of overlaying, which is not excluded
    assert r.expanded == ()


def test_misspellings_get_a_suggestion(search, engine):
    r = search("brusing")
    assert r.total == 0
    assert r.suggestion == "bruising"
    assert search("neglet").suggestion == "neglect"
    assert engine.suggest("bedsharing") == "bed-sharing"  # two words run together
    assert engine.suggest("cosleeping") is None  # a synonym of Safe sleep: understood as typed
    assert engine.suggest("fathers") is None
    assert search("fathers").suggestion is None
    # A correction is offered only if it would find something.
    assert search("zzzzqqqq").suggestion is None


def test_a_word_that_names_a_taxonomy_entry_is_not_corrected(search):
    # "dad" is not in the five reviews, but it names fathers, so the search understood it:
    # offering "day not around" would only mislead.
    r = search("dad not around")
    assert r.expanded and r.total > 0
    assert r.suggestion is None
    assert search("fathres not around").suggestion == "fathers not around"  # a misspelling still is
    # The same for every word of a phrase that names one ("rolled onto the baby": overlaying).
    assert search("parent rolled onto the baby in their sleep").suggestion is None


def test_everyday_words_are_not_corrected_into_nonsense(search):
    # Words the five reviews happen not to use are not misspellings: a short word ("let") or a
    # word two letters off a shorter one ("wouldnt" -> "would") is left as typed.
    assert search("mum wouldnt let the HV in").suggestion is None
    # Typing slips still are: one letter missing, wrong or swapped, or two in a long word.
    assert search("neglet").suggestion == "neglect"
    assert search("safegaurding").suggestion == "safeguarding"
    assert search("safguardng").suggestion == "safeguarding"


def test_browse_mode_lists_newest_first_undated_last(search):
    r = search("")
    assert [h.doc_id for h in r.hits] == [HANTS_LS, CHILD_S, HANTS_BR, OXON, WILTS]
    assert r.total == r.corpus_total == 5
    assert all(h.passages == () for h in r.hits)
    assert r.hits[0].snippet.text.startswith("Child K died at eleven weeks")


def test_hits_carry_what_lists_show(search):
    r = search("co-sleeping")
    s = next(h for h in r.hits if h.doc_id == CHILD_S)
    assert s.restricted and s.restriction and "professionals only" in s.restriction
    assert s.restriction_label == "Professionals only"
    assert s.review == "Child S (area not stated)" and s.board is None and s.year is None
    assert s.doc_type == "learning-briefing" and s.doc_type_label == "Learning briefing"
    k = next(h for h in r.hits if h.doc_id == HANTS_LS)
    assert (k.year, k.published, k.board) == ("2018", "2018-03",
                                             "Hampshire Safeguarding Children Board")
    assert not k.restricted and k.restriction is None


def test_snippet_spans_point_at_matched_words(search):
    r = search("overlaying")
    for hit in r.hits:
        for span in hit.snippet.spans:
            assert 0 <= span[0] < span[1] <= len(hit.snippet.text)
        for p in hit.passages:
            for start, end in p.snippet.spans:
                assert p.snippet.text[start:end].strip()


def test_only_the_best_passage_is_marked_later_ones_show_their_opening(search):
    hit = next(h for h in search("father").hits if len(h.passages) > 1)
    assert hit.passages[0].snippet.spans
    later = hit.passages[1]
    assert later.marked is None and not later.snippet.spans
    opening = later.snippet.text.removesuffix(" …")
    assert opening and " ".join(later.text.split()).startswith(opening)


def test_paging(search):
    first = search("child", limit=2)
    second = search("child", limit=2, offset=2)
    assert first.total == second.total == 5
    assert len(first.hits) == 2 and len(second.hits) == 2
    assert not set(ids(first)) & set(ids(second))


def test_stop_words_alone(search):
    r = search("the of and")
    assert r.total == 5  # nothing to search for: all documents, with a note saying why
    assert any("too common" in n for n in r.notes)


def test_a_group_of_common_words_leaves_the_words_beside_it_deciding(search):
    # "(after AND before)" is all common words and is dropped; the word beside it then decides
    # what matches again, as if typed alone (it only ranked while the group was there).
    assert search("zzzqqq (after AND before)").total == search("zzzqqq").total == 0
    assert set(ids(search("overlaying (after AND before)"))) == set(ids(search("overlaying")))
    assert search("overlaying (after AND before)").total < len(ALL)


def test_unicode_quotes_and_dashes(search):
    assert set(ids(search("\u201cmother and the father\u201d"))) == {OXON, WILTS}
    assert ids(search("co\u2011sleeping"))  # non-breaking hyphen


def test_long_input_is_cut_with_a_note(search):
    r = search("fathers " * 2000)
    assert any("first 500 characters" in n for n in r.notes)
    assert WILTS in ids(r)
