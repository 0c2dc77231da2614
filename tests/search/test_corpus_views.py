"""The corpus-wide views served from the index (search/corpus_overview.py): the themes overview and
the question bank, the data behind the app's F4/F3 screens and `scrbrowse themes` / `questions`."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from scrbrowse.cli import main
from scrbrowse.corpus import Corpus, load_corpus
from scrbrowse.search.api import BankQuestion, Filters, TagStats
from scrbrowse.search.corpus_overview import QuestionTable, tag_stats
from scrbrowse.search.engine import SearchEngine
from scrbrowse.search.index.catalogue import DocMeta
from scrbrowse.search.text.analysis import analyse_sentences
from scrbrowse.stats import bar, close_terms, resolve_term

from .conftest import passage_matches


def theme_stats(engine: SearchEngine, *, include_unused: bool = False) -> TagStats:
    return engine.tag_stats("themes", include_unused=include_unused)


def question_bank(engine: SearchEngine, *, themes: tuple[str, ...] = (),
                  agencies: tuple[str, ...] = (), scope: str = "question") -> list[BankQuestion]:
    filters = Filters(theme=frozenset(themes), agency=frozenset(agencies))
    return list(engine.question_bank("", filters, limit=10_000, scope=scope).questions)


def test_counts_are_by_review_not_document(engine: SearchEngine) -> None:
    stats = theme_stats(engine)
    assert stats.total_reviews == 4 and stats.total_documents == 5
    safe = stats.term("safe-sleep")
    assert safe is not None
    # Hampshire's two documents both raise it, but it is one review
    assert safe.reviews == ("child-s-scr", "hampshire-child-k-scr")
    assert safe.documents == ("child-s-learning-briefing", "hampshire-child-k-board-response",
                              "hampshire-child-k-learning-summary")
    assert safe.count == 2 and safe.label == "Safe sleep"


def test_passage_tags_count(engine: SearchEngine, corpus: Corpus) -> None:
    # domestic-abuse is only on a section of Hampshire's learning summary, not at document level
    doc = corpus.get("hampshire-child-k-learning-summary")
    assert doc is not None and "domestic-abuse" not in doc.themes
    term = theme_stats(engine).term("domestic-abuse")
    assert term is not None and term.reviews == ("hampshire-child-k-scr",)


def test_order_and_pairs(engine: SearchEngine) -> None:
    stats = theme_stats(engine)
    counts = [t.count for t in stats.terms]
    assert counts == sorted(counts, reverse=True)
    assert stats.terms[0].id == "child-protection-processes" and stats.max_count == 4
    pair_counts = [p.count for p in stats.pairs]
    assert pair_counts == sorted(pair_counts, reverse=True)
    for p in stats.pairs:
        a, b = stats.term(p.first), stats.term(p.second)
        assert a and b and set(p.reviews) <= set(a.reviews) & set(b.reviews)
    partners = dict((i, n) for i, _, n in stats.partners("safe-sleep"))
    assert partners["parental-substance-misuse"] == 2
    assert "safe-sleep" not in partners


def test_some_documents_and_unused(corpus: Corpus) -> None:
    docs = [DocMeta.from_document(d, f"{d.id}.yaml") for d in corpus.documents.values()
            if d.review.id == "child-s-scr"]
    stats = tag_stats(docs, corpus.taxonomy)
    assert stats.total_reviews == 1 and stats.term("safe-sleep").label == "Safe sleep"  # type: ignore[union-attr]
    assert stats.reviews["child-s-scr"].restriction is not None
    with_unused = tag_stats(docs, corpus.taxonomy, include_unused=True)
    assert len(with_unused.terms) == len(corpus.taxonomy.themes)
    assert with_unused.terms[-1].count == 0


def test_agencies(engine: SearchEngine) -> None:
    stats = engine.tag_stats("agencies")
    assert stats.vocabulary == "agencies"
    assert stats.term("mash").reviews == ("child-s-scr", "wiltshire-child-k-scr")  # type: ignore[union-attr]


@pytest.mark.parametrize("count,maximum,width,expected", [
    (4, 4, 10, "█" * 10), (0, 4, 10, ""), (2, 4, 10, "█" * 5), (3, 4, 10, "███████▌"),
    (1, 1000, 10, "▏"), (5, 0, 10, ""),
])
def test_bar(count: int, maximum: int, width: int, expected: str) -> None:
    assert bar(count, maximum, width) == expected


def test_question_bank_rule(engine: SearchEngine, corpus: Corpus) -> None:
    everything = question_bank(engine)
    assert len(everything) == sum(len(d.reflective_questions) for d in corpus.documents.values())
    # A question's own tags decide: Child S is about safe sleep, but only its q-1 asks about it
    # (issue 14: every question once inherited all its document's themes).
    own = question_bank(engine, themes=("safe-sleep",))
    assert [e.key for e in own] == [("child-s-learning-briefing", "q-1")]
    # the document's tags count only when asked for
    by_doc = question_bank(engine, themes=("safe-sleep",), scope="document")
    assert {e.key for e in by_doc} == {("child-s-learning-briefing", f"q-{n}") for n in range(1, 10)}
    # its own tags, not its learning point's too: q-1's learning point is about babies, q-1 not
    assert question_bank(engine, themes=("vulnerability-of-babies",)) == []
    # OR within themes, AND with agencies
    both = question_bank(engine, themes=("safe-sleep", "early-help"), agencies=("gp",))
    assert [e.key for e in both] == []
    gp = question_bank(engine, agencies=("gp",))
    assert [e.key for e in gp] == [("child-s-learning-briefing", "q-4")]
    entry = gp[0]
    assert entry.restricted and entry.review == "Child S (area not stated)"


def test_an_untagged_question_takes_its_learning_points_tags_not_its_documents(
        tmp_corpus: Path, tmp_path: Path) -> None:
    """The index stores an untagged passage with its document's tags (for passage filters); the
    bank instead lists an untagged question under the tags of the learning point it belongs to,
    and under none when it has neither, as `scrbrowse questions` always has."""
    path = tmp_corpus / "wiltshire-child-k-briefing-note.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("reflective_questions:")
    head, tail = text[:start], text[start:]
    first, rest = tail.split("\n  - id: q-2", 1)
    bare = "\n".join(line for line in first.splitlines()
                     if not line.lstrip().startswith(("themes:", "agencies:", "- ")) or "id: q-1" in line
                     or line.startswith("reflective_questions"))
    # q-2 keeps its tags but loses its learning point: with its tags gone too, it has none.
    rest = rest.replace("    learning_point: lp-2\n", "", 1)
    path.write_text(head + bare + "\n  - id: q-2" + rest, encoding="utf-8")
    corpus = load_corpus(tmp_corpus)
    doc = corpus.documents["wiltshire-child-k-briefing-note"]
    q1 = doc.reflective_questions[0]
    assert q1.id == "q-1" and not q1.themes and not q1.agencies and q1.learning_point == "lp-1"
    lp1 = next(lp for lp in doc.learning_points if lp.id == "lp-1")
    assert lp1.themes and set(lp1.themes) != set(doc.themes)
    engine = SearchEngine.open(tmp_corpus, tmp_path / "index")
    try:
        got = {e.key: e for e in question_bank(engine)}
        entry = got[(doc.id, "q-1")]
        assert entry.themes == tuple(lp1.themes) and entry.agencies == tuple(lp1.agencies)
        assert entry.doc_themes == tuple(doc.themes)
        assert (doc.id, "q-1") in {e.key for e in question_bank(engine, themes=(lp1.themes[0],))}
        # Questions with tags of their own keep them, in their order.
        for q in doc.reflective_questions[1:]:
            assert got[(doc.id, q.id)].themes == tuple(q.themes)
    finally:
        engine.close()


def test_question_tags_are_its_own(engine: SearchEngine, corpus: Corpus) -> None:
    got = {e.key: e for e in question_bank(engine)}
    for doc in corpus.documents.values():
        for q in doc.reflective_questions:
            entry = got[(doc.id, q.id)]
            assert entry.themes == tuple(q.themes), (doc.id, q.id)
            assert entry.agencies == tuple(q.agencies), (doc.id, q.id)
            assert entry.number == q.number
            assert entry.doc_themes == tuple(doc.themes)


def test_one_passage_is_the_table_of_one(engine: SearchEngine, corpus: Corpus) -> None:
    """The bank's bulk evaluation over every question gives what the plan gives one question at a
    time (`passage_matches`, the same leaves and the same composition)."""
    doc_meta = {d.id: DocMeta.from_document(d, "") for d in corpus.documents.values()}
    view = engine._view  # the engine's own plans and synonyms for this corpus
    assert view is not None
    for query in ["fathers", "protocol supported", "parents -GP", "fath*", "safe sleep",
                  "theme:unknown-men", "year:2018 OR information", '"wider family"',
                  "(GP OR police) AND NOT fathers", "type:learning-summary"]:
        plan = view.plan(query)
        assert plan.root is not None
        bank = {e.key for e in engine.question_bank(query, limit=10_000).questions}
        one_by_one = set()
        for doc in corpus.documents.values():
            for q in doc.reflective_questions:
                terms = " ".join(t for _w, t in analyse_sentences(q.text))
                concepts = view.synonyms.concepts_in(
                    tuple(t for _w, t in analyse_sentences(q.text)))
                if passage_matches(plan.root, f" {terms} ", set(concepts), q.themes, q.agencies,
                                   doc_meta[doc.id]):
                    one_by_one.add((doc.id, q.id))
        assert bank == one_by_one, query


def test_resolve_terms(corpus: Corpus) -> None:
    tax = corpus.taxonomy
    assert resolve_term(tax, "themes", "Safe sleep") == "safe-sleep"
    assert resolve_term(tax, "themes", "co-sleeping") == "safe-sleep"
    assert resolve_term(tax, "agencies", "MASH") == "mash"
    assert resolve_term(tax, "themes", "nonsense") is None
    assert "safe-sleep" in close_terms(tax, "themes", "safe slep")


def test_themes_cli(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["themes"]) == 0
    out = capsys.readouterr().out
    assert "4 reviews" in out and "Safe sleep" in out and "█" in out
    assert "most often raised together" in out
    assert main(["themes", "--json", "--pairs", "3"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["total_reviews"] == 4 and len(data["pairs"]) == 3
    assert main(["themes", "--agencies"]) == 0
    assert "Agencies involved in" in capsys.readouterr().out


def test_questions_cli(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["questions", "--theme", "co-sleeping"]) == 0
    out = capsys.readouterr().out
    assert "PROFESSIONALS ONLY" in out and "[q-1]" in out and "1 question from 1 document" in out
    assert main(["questions", "--json", "--agency", "gp"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {d["item_id"] for d in data} >= {"q-4"}
    assert all(d["restriction"] for d in data if d["doc_id"] == "child-s-learning-briefing")
    assert main(["questions", "--theme", "slep"]) == 1
    assert "unknown theme 'slep'" in capsys.readouterr().err


def test_the_banks_table_is_read_without_decoding_passage_rows(
        engine: SearchEngine, corpus: Corpus, monkeypatch: pytest.MonkeyPatch) -> None:
    """The bank's first opening reads each document's compact question column, not its stored
    passage rows (every section and learning point, decoded only to find the questions: 1.4 s of
    the 1.55 s first opening at 10,000 documents)."""
    view = engine._view
    assert view is not None
    decoded: list[str] = []

    def counting(original: Callable[[str], object]) -> Callable[[str], object]:
        def wrapper(doc_id: str) -> object:
            decoded.append(doc_id)
            return original(doc_id)
        return wrapper

    monkeypatch.setattr(view, "raw_rows", counting(view.raw_rows))
    monkeypatch.setattr(view.fast, "rows", counting(view.fast.rows))
    table = QuestionTable(view)
    assert decoded == []
    assert table.size == sum(len(d.reflective_questions) for d in corpus.documents.values())


def test_the_bank_after_an_update_lists_what_a_fresh_build_lists(
        indexed: tuple[Path, Path], tmp_path: Path) -> None:
    """Documents written by Whoosh's own writer (an update) and merged carry the same question
    column as the fast full build."""
    corpus_dir, index_dir = indexed
    path = corpus_dir / "wiltshire-child-k-briefing-note.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("reflective_questions:", "reflective_questions:\n"
                                 "  - id: q-new\n    number: 99\n"
                                 "    text: What would a quiet father have told us?\n"
                                 "    themes: [safe-sleep]", 1), encoding="utf-8")

    def listed(engine: SearchEngine) -> list[tuple[object, ...]]:
        return [(q.key, q.number, q.text, q.themes, q.agencies, q.section)
                for q in engine.question_bank("", limit=10_000).questions]

    engine = SearchEngine.open(corpus_dir, index_dir)
    try:
        assert engine.status.updated and not engine.status.rebuilt
        updated = listed(engine)
        found = [q.key for q in engine.question_bank("quiet father", limit=100).questions]
    finally:
        engine.close()
    fresh = SearchEngine.open(corpus_dir, tmp_path / "fresh", rebuild=True)
    try:
        assert updated == listed(fresh)
    finally:
        fresh.close()
    assert ("wiltshire-child-k-briefing-note", "q-new") in {key for key, *_ in updated}
    assert found == [("wiltshire-child-k-briefing-note", "q-new")]


def test_the_bank_still_lists_every_question_after_the_same_file_is_edited_twice(
        indexed: tuple[Path, Path], tmp_path: Path) -> None:
    """The second update merges the first one's segment, all of whose documents are deleted by
    then. Whoosh's writer turned that into a segment of no documents and so no question column,
    and reading it broke the bank ("could not be read just now") until a rebuild."""
    corpus_dir, index_dir = indexed
    path = corpus_dir / "wiltshire-child-k-briefing-note.yaml"
    text = path.read_text(encoding="utf-8")
    engine = SearchEngine.open(corpus_dir, index_dir)
    try:
        for n in (1, 2, 3):
            path.write_text(text.replace("reflective_questions:", "reflective_questions:\n"
                                         f"  - id: q-edit-{n}\n    text: Edit number {n}?", 1),
                            encoding="utf-8")
            engine.refresh()
        got = engine.question_bank("", limit=10_000)
    finally:
        engine.close()
    assert got.notes == ()
    assert ("wiltshire-child-k-briefing-note", "q-edit-3") in {q.key for q in got.questions}
    fresh = SearchEngine.open(corpus_dir, tmp_path / "fresh", rebuild=True)
    try:
        assert got.total == fresh.question_bank("", limit=1).total
    finally:
        fresh.close()
