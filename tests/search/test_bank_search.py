"""The question bank's search (search/corpus_overview.py) on a generated corpus of thousands of
questions, against plain references: which questions match (one question at a time, the plan's own
meaning), their order (best documents first, as the browser ranks them; questions in source order),
pages, theme ticks, starred questions and facet counts. And the substring search under it, `Lines`,
against a test line by line."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scrbrowse.corpus import Corpus, load_corpus
from scrbrowse.search.api import BankQuestion, Filters
from scrbrowse.search.corpus_overview import NEEDLES_KEPT, Lines
from scrbrowse.search.engine import SearchEngine
from scrbrowse.search.evaluation.passages import padded
from scrbrowse.search.index.catalogue import DocMeta
from scrbrowse.search.query.plan import without_negations
from scrbrowse.search.text.analysis import analyse_sentences

from .conftest import passage_matches

ROOT = Path(__file__).resolve().parents[2]
QUERIES = ["fathers", "safe sleep", "professional curiosity", "parents -GP", "negl*", "theme:neglect",
           "information sharing", '"information sharing"', "neglect -school", "year:2019 OR fathers",
           "-fathers"]
Key = tuple[str, str]
NO_FILTERS = Filters()


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[SearchEngine, Corpus]]:
    out = tmp_path_factory.mktemp("bank")
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    importlib.import_module("bench.generate").generate(out / "corpus", 300, 1)
    engine = SearchEngine.open(out / "corpus", out / "index")
    yield engine, load_corpus(out / "corpus")
    engine.close()


def bank(engine: SearchEngine, query: str, filters: Filters = NO_FILTERS, **kwargs: object,
         ) -> list[BankQuestion]:
    return list(engine.question_bank(query, filters, limit=1_000_000, **kwargs).questions)  # type: ignore[arg-type]


def expected_order(engine: SearchEngine, corpus: Corpus, query: str) -> list[Key]:
    """Every question the plan matches, one at a time; ordered by its document's place in the
    browser's ranking of the query without its negations (documents it leaves out after it, in
    browse order), then in source order."""
    view = engine._view
    assert view is not None
    plan = view.plan(query)
    browse = {d: i for i, d in enumerate(view.browse_order)}
    matched: list[tuple[Key, int]] = []
    for doc in corpus.documents.values():
        meta = DocMeta.from_document(doc, "")
        for i, q in enumerate(doc.reflective_questions):
            lp = next((p for p in doc.learning_points if p.id == q.learning_point), None)
            themes = tuple(q.themes) or (tuple(lp.themes) if lp else ())
            agencies = tuple(q.agencies) or (tuple(lp.agencies) if lp else ())
            stems = tuple(t for _w, t in analyse_sentences(q.text))
            if plan.root is None or passage_matches(plan.root, padded(" ".join(stems)),
                                                    set(view.synonyms.concepts_in(stems)), themes,
                                                    agencies, meta):
                matched.append(((doc.id, q.id), i))
    pre = without_negations(plan.root)
    position: dict[str, int] = {}
    if pre is not None:
        ranked = view.rank((query, "test"), pre, float("inf"))
        position = {d: n for n, d in enumerate(view.order(ranked))}
    return [key for key, _i in sorted(matched, key=lambda m: (
        position.get(m[0][0], len(position)), browse[m[0][0]], m[1]))]


@pytest.mark.parametrize("query", QUERIES)
def test_the_bank_matches_and_orders_as_the_plan_and_the_ranking_say(
        generated: tuple[SearchEngine, Corpus], query: str) -> None:
    engine, corpus = generated
    everything = bank(engine, query)
    assert [e.key for e in everything] == expected_order(engine, corpus, query)
    assert len(everything) > 20 or query in ('"information sharing"', "year:2019 OR fathers")
    # Pages are slices of the whole list.
    for offset, limit in ((0, 7), (5, 13), (40, 25), (len(everything) - 3, 10)):
        page = engine.question_bank(query, offset=offset, limit=limit)
        assert page.total == len(everything)
        assert list(page.questions) == everything[max(0, offset):max(0, offset) + limit]


@pytest.mark.parametrize("query", ["", "fathers", "parents -GP", "information sharing"])
@pytest.mark.parametrize("scope", ["question", "document"])
def test_ticked_themes_and_agencies_keep_the_order_and_count_as_the_tags_say(
        generated: tuple[SearchEngine, Corpus], query: str, scope: str) -> None:
    engine, _corpus = generated
    everything = bank(engine, query)

    def tags(e: BankQuestion, facet: str) -> set[str]:
        own = e.themes if facet == "theme" else e.agencies
        doc = e.doc_themes if facet == "theme" else e.doc_agencies
        return set(own) | (set(doc) if scope == "document" else set())

    result = engine.question_bank(query, limit=0, scope=scope)
    for facet in ("theme", "agency"):
        counts = {v.value: v.count for v in result.facets[facet]}
        assert counts == {t: n for t in {t for e in everything for t in tags(e, facet)}
                          if (n := sum(t in tags(e, facet) for e in everything))}
    themes = sorted(counts_theme := {v.value for v in result.facets["theme"]})[:2]
    agencies = sorted(v.value for v in result.facets["agency"])[:1]
    assert counts_theme
    for chosen in (Filters(theme=frozenset(themes)), Filters(agency=frozenset(agencies)),
                   Filters(theme=frozenset(themes), agency=frozenset(agencies))):
        want = [e for e in everything
                if (not chosen.theme or chosen.theme & tags(e, "theme"))
                and (not chosen.agency or chosen.agency & tags(e, "agency"))]
        assert bank(engine, query, chosen, scope=scope) == want


def test_starred_questions_keep_the_search_order(generated: tuple[SearchEngine, Corpus]) -> None:
    engine, _corpus = generated
    everything = bank(engine, "fathers")
    starred = frozenset(e.key for e in everything[::9]) | {("no-such-document", "q-1")}
    got = bank(engine, "fathers", only=starred)
    assert got == [e for e in everything if e.key in starred]


LINE_WORDS = st.lists(st.sampled_from(["a", "b", "ab", "ba", "c", "ca"]), max_size=5)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(LINE_WORDS, min_size=1, max_size=30), min_size=1, max_size=8),
       st.lists(st.sampled_from([" a ", " b ", " ab ", " a b ", " c ", " x ", " c", " b a "]),
                min_size=1, max_size=3))
def test_lines_holding_is_a_substring_test_line_by_line(documents: list[list[list[str]]],
                                                        wanted: list[str]) -> None:
    """Hits close together and far apart (the line of a hit is looked for among the next few
    lines first), in the first and the last line, in documents of one line or many."""
    lines = Lines()
    every: list[str] = []
    for doc in documents:
        doc_lines = [padded(" ".join(words)) for words in doc]
        lines.add("\n".join(doc_lines))
        every += doc_lines
    lines.close()
    expected = sum(1 << i for i, line in enumerate(every) if any(n in line for n in wanted))
    assert lines.holding(tuple(wanted)) == expected
    assert lines.holding(tuple(wanted)) == expected  # kept


def test_lines_keeps_only_the_last_needles() -> None:
    lines = Lines()
    lines.add("\n".join(f" w{i} " for i in range(NEEDLES_KEPT + 10)))
    lines.close()
    for i in range(NEEDLES_KEPT + 10):
        assert lines.holding((f" w{i} ",)) == 1 << i
    assert len(lines._found) == NEEDLES_KEPT
    assert lines.holding((" w0 ", " w1 ")) == 0b11  # forgotten, found again
