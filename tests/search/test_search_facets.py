"""Facet counts: exact numbers on the real corpus, multi-select, zero counts."""

from __future__ import annotations

from collections import Counter

from scrbrowse.corpus import Corpus
from scrbrowse.search.api import FACETS, NO_BOARD, UNDATED, Filters, SearchResult


def counts(result: SearchResult, facet: str) -> dict[str, int]:
    return {v.value: v.count for v in result.facets[facet]}


def ids(result: SearchResult) -> set[str]:
    return {h.doc_id for h in result.hits}


def test_counts_without_query_match_the_corpus(search, corpus: Corpus):
    r = search("")
    assert set(r.facets) == set(FACETS)
    want_themes: Counter[str] = Counter()
    want_agencies: Counter[str] = Counter()
    for doc in corpus.documents.values():
        want_themes.update(doc.all_themes())
        want_agencies.update(doc.all_agencies())
    assert counts(r, "theme") == dict(want_themes)
    assert counts(r, "agency") == dict(want_agencies)
    assert counts(r, "year") == {"2018": 1, UNDATED: 4}
    assert counts(r, "board") == {
        "Hampshire Safeguarding Children Board": 2, "Wiltshire Safeguarding Children Board": 1,
        "Oxfordshire Safeguarding Children Board": 1, NO_BOARD: 1}
    assert counts(r, "doc_type") == {"learning-summary": 2, "board-response": 1,
                                     "learning-briefing": 1, "briefing-note": 1}
    # Hand-checked numbers.
    assert counts(r, "theme")["safe-sleep"] == 3
    assert counts(r, "theme")["unknown-men"] == 2
    assert counts(r, "agency")["mash"] == 2
    assert counts(r, "agency")["childrens-social-care"] == 4


def test_labels_come_from_the_taxonomy(search):
    r = search("")
    theme = {v.value: v.label for v in r.facets["theme"]}
    assert theme["unknown-men"] == "Fathers and unknown men"
    agency = {v.value: v.label for v in r.facets["agency"]}
    assert agency["mash"] == "Multi-agency safeguarding hub (MASH)"
    doc_type = {v.value: v.label for v in r.facets["doc_type"]}
    assert doc_type["board-response"] == "Board response"
    years = [v.value for v in r.facets["year"]]
    assert years == ["2018", UNDATED]  # newest first, undated last


def test_theme_filter_narrows_and_counts(search):
    r = search("", Filters(theme=frozenset({"safe-sleep"})))
    assert r.total == 3
    assert ids(r) == {"child-s-learning-briefing", "hampshire-child-k-board-response",
                      "hampshire-child-k-learning-summary"}
    # The theme facet's own counts ignore the theme selection (siblings keep their counts) ...
    assert counts(r, "theme")["unknown-men"] == 2
    assert counts(r, "theme")["safe-sleep"] == 3
    # ... while other facets count within it.
    assert counts(r, "agency")["mash"] == 1
    assert counts(r, "agency")["health-visiting"] == 1
    assert counts(r, "year") == {"2018": 1, UNDATED: 2}
    selected = [v.value for v in r.facets["theme"] if v.selected]
    assert selected == ["safe-sleep"]


def test_or_within_a_facet_and_across_facets(search):
    either = search("", Filters(theme=frozenset({"safe-sleep", "unknown-men"})))
    assert either.total == 4
    both = search("", Filters(theme=frozenset({"safe-sleep"}), agency=frozenset({"mash"})))
    assert ids(both) == {"child-s-learning-briefing"}
    assert both.total == 1
    # Within the AND, each facet counts with the other's selection.
    assert counts(both, "theme")["unknown-men"] == 2  # docs with mash: Child S and Wiltshire
    assert counts(both, "agency")["health-visiting"] == 1  # docs with safe-sleep: Hampshire LS


def test_agency_filter_with_a_query(search):
    r = search("fathers", Filters(agency=frozenset({"health-visiting"})))
    assert ids(r) == {"wiltshire-child-k-briefing-note", "hampshire-child-k-learning-summary"}
    assert counts(r, "agency")["health-visiting"] == 2


def test_board_year_and_type_filters(search):
    assert search("", Filters(board=frozenset({NO_BOARD}))).total == 1
    assert search("", Filters(year=frozenset({UNDATED}))).total == 4
    assert search("", Filters(year=frozenset({"2018"}), doc_type=frozenset(
        {"learning-summary"}))).total == 1
    r = search("", Filters(board=frozenset({"Hampshire Safeguarding Children Board"})))
    assert r.total == 2


def test_zero_counts_are_listed(search):
    r = search("", Filters(theme=frozenset({"neglect"})))
    assert r.total == 1
    agency = counts(r, "agency")
    # Every agency used in the corpus is listed, absent ones at 0.
    assert agency["mash"] == 0 and agency["midwifery"] == 0
    assert agency["childrens-social-care"] == 1
    assert len(agency) == 12
    assert counts(r, "doc_type")["board-response"] == 0
    # A selected value no document has is listed too, selected, at 0.
    r2 = search("", Filters(theme=frozenset({"radicalisation"})))
    rad = next(v for v in r2.facets["theme"] if v.value == "radicalisation")
    assert rad.selected and rad.count == 0 and rad.label == "Radicalisation"
    assert r2.total == 0
    # Themes of the taxonomy that the corpus never uses stay out of the list.
    assert "online-abuse" not in counts(search(""), "theme")


def test_values_are_listed_most_first_ties_by_label_years_newest_first(search):
    for r in (search(""), search("fathers", Filters(year=frozenset({"1999"}),
                                                    theme=frozenset({"radicalisation"})))):
        for facet in FACETS:
            got = list(r.facets[facet])
            if facet == "year":
                assert [v.value for v in got] == sorted(
                    (v.value for v in got), key=lambda y: (y == UNDATED, -int(y) if y.isdigit() else 0))
            else:
                assert got == sorted(got, key=lambda v: (-v.count, v.label.lower(), v.value))
        assert any(v.value == "1999" and v.selected for v in r.facets["year"]) == ("fathers" in r.request.query)


def test_facets_can_be_skipped(search):
    r = search("fathers", with_facets=False)
    assert r.facets == {}
    assert r.total == 5
