"""Search-only phrasings in the taxonomy (issue 13): everyday wording ("no money", "rolled onto the
baby") expands a query like a synonym, at a lower weight, but is never evidence for tagging a
document at ingest, where it would mis-tag (a daughter's "low mood" is not parental mental health)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from scrbrowse.ingest.evidence import FINDINGS, Evidence
from scrbrowse.ingest.tagging import tagger_for
from scrbrowse.search.api import Filters, SearchRequest
from scrbrowse.search.engine import SearchEngine
from scrbrowse.search.query.plan import EXPANSION_WEIGHT, Syn, make_plan
from scrbrowse.search.text.analysis import analyse
from scrbrowse.search.text.synonyms import SynonymIndex
from scrbrowse.taxonomy import MAX_PHRASING_WORDS, Taxonomy, parse_taxonomy

SAFE_SLEEP_CHILD = "hampshire-child-k-learning-summary"


def _entries(syn: SynonymIndex, text: str) -> set[tuple[str, str]]:
    """The taxonomy entries a typed phrase names."""
    return syn.expansion(tuple(analyse(text)), lambda _t: True)[0]


def _taxonomy(phrasings: Any, synonyms: Any = ("poverty", "debt")) -> tuple[Taxonomy, list[Any]]:
    entry = {"id": "poverty-and-deprivation", "label": "Poverty and deprivation",
             "synonyms": list(synonyms), "phrasings": phrasings}
    tax, problems = parse_taxonomy({"themes": [entry], "agencies": []}, "taxonomy.yaml")
    return tax, [p.message for p in problems]


def test_phrasings_are_kept_beside_synonyms() -> None:
    tax, problems = _taxonomy(["no money", "skipping meals"])
    assert problems == []
    term = tax.themes["poverty-and-deprivation"]
    assert term.phrasings == ("no money", "skipping meals")
    assert term.synonyms == ("poverty", "debt")


def test_bad_phrasings_are_reported_specifically_and_left_out() -> None:
    assert _taxonomy("no money")[1] == ["must be a list of strings"]
    tax, problems = _taxonomy(["dad not around", "debt", "no money", "No money",
                               "one two three four five six seven"])
    assert tax.themes["poverty-and-deprivation"].phrasings == ("no money",)
    assert problems[0] == "'dad not around' contains 'not'"
    assert problems[1].startswith("'debt' is already")  # a synonym
    assert problems[2].startswith("'No money' is already")  # listed twice
    assert problems[3] == f"'one two three four five six seven' is longer than {MAX_PHRASING_WORDS} words"


@settings(max_examples=150, deadline=None)
@given(st.none() | st.text(max_size=20) | st.integers() | st.dictionaries(st.text(max_size=5), st.text(max_size=5))
       | st.lists(st.text(max_size=60) | st.integers() | st.none(), max_size=8))
def test_any_phrasings_value_loads_or_is_reported(value: Any) -> None:
    tax, problems = _taxonomy(value)
    term = tax.themes["poverty-and-deprivation"]  # the entry itself is always kept
    assert all(isinstance(p, str) and p.strip() and "\x1b" not in p for p in term.phrasings)
    assert all(len(p.split()) <= MAX_PHRASING_WORDS for p in term.phrasings)
    well_formed = value is None or (isinstance(value, list) and all(isinstance(v, str) for v in value))
    if not well_formed:
        assert "must be a list of strings" in problems


def test_ingest_never_tags_with_a_phrasing() -> None:
    text = "There was no money in the house and the children were skipping meals."
    for tax in (_taxonomy(["no money", "skipping meals"])[0],
                _taxonomy([], synonyms=["no money", "skipping meals"])[0]):
        ev = Evidence(tagger_for(tax))
        ev.add(text, FINDINGS, "line 1")
        found = {j.term_id for j in ev.judgements()}
        tagged = "poverty-and-deprivation" in tagger_for(tax).tag(text).ids("themes")
        # The same words as synonyms are evidence: the phrasings' absence is not an accident.
        as_synonyms = bool(tax.themes["poverty-and-deprivation"].synonyms[0] == "no money")
        assert tagged == as_synonyms
        assert ("poverty-and-deprivation" in found) == as_synonyms


def test_a_query_with_a_phrasing_expands_to_its_entry_at_a_lower_weight() -> None:
    syn = SynonymIndex.build(_taxonomy(["no money"])[0])
    plan = make_plan("no money", syn, lambda p: ((), False))
    assert isinstance(plan.root, Syn)
    assert plan.root.concepts.keys == ("themes:poverty-and-deprivation",)
    assert plan.root.weight == EXPANSION_WEIGHT < 1.0
    assert {"poverty", "debt"} <= set(plan.expanded)  # shown under "Also searched"
    # Only as a whole phrase: "money" alone names nothing.
    assert not isinstance(make_plan("money", syn, lambda p: ((), False)).root, Syn)
    # and it marks passages with the entry, as a synonym does, so "poverty" finds them.
    assert syn.concepts_in(analyse("she had no money left")) == {"themes:poverty-and-deprivation": 1}


def _add_phrasing(corpus: Path, entry: str, phrasing: str) -> None:
    path = corpus / "taxonomy.yaml"
    text = path.read_text(encoding="utf-8")
    block = re.search(rf"- id: {entry}\n(?:    .*\n)+", text)
    assert block is not None
    body = block.group()
    if "    phrasings: [" in body:
        body = body.replace("    phrasings: [", f"    phrasings: [{phrasing}, ")
    else:
        body += f"    phrasings: [{phrasing}]\n"
    path.write_text(text[:block.start()] + body + text[block.end():], encoding="utf-8")


def test_a_saved_index_keeps_the_phrasings(own_corpus: Path, tmp_path: Path) -> None:
    _add_phrasing(own_corpus, "safe-sleep", "slept squashed together")
    SearchEngine.open(own_corpus, tmp_path / "index").close()
    # Reopened, the index's stored taxonomy is what search expands with.
    eng = SearchEngine.open(own_corpus, tmp_path / "index")
    try:
        assert eng.taxonomy.themes["safe-sleep"].phrasings[0] == "slept squashed together"
        r = eng.search(SearchRequest(query="slept squashed together", filters=Filters()))
        assert "co-sleeping" in r.expanded
        assert SAFE_SLEEP_CHILD in [h.doc_id for h in r.hits]
    finally:
        eng.close()


def _bundled() -> Taxonomy:
    from scrbrowse.taxonomy import load_taxonomy
    tax, problems = load_taxonomy(Path(__file__).resolve().parents[2] / "corpus" / "taxonomy.yaml")
    assert problems == []
    return tax


def test_the_bundled_phrasings_expand_a_query_and_never_tag_a_document() -> None:
    tax = _bundled()
    syn, tagger = SynonymIndex.build(tax), tagger_for(tax)
    for phrasing, entry in (("no money", "poverty-and-deprivation"),
                            ("rolled onto the baby", "safe-sleep"),
                            ("family tree", "family-history")):
        assert phrasing in tax.themes[entry].phrasings
        assert ("themes", entry) in _entries(syn, phrasing)
        assert entry not in tagger.tag(f"They said {phrasing}.").ids("themes"), phrasing


def test_a_wording_holding_a_is_searched() -> None:
    # "a" is dropped by the analyser harmlessly; such wordings were left out of search entirely.
    syn = SynonymIndex.build(_bundled())
    assert ("themes", "infant-deaths") in _entries(syn, "death of a baby")
    assert ("themes", "child-protection-processes") in _entries(syn, "strat meeting")
    assert _entries(syn, "e-safety") == set()  # "e" would leave only "safety"
