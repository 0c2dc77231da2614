"""The reflective question bank: every question with its review and restriction, the documented
theme/agency filter rule, search through the same core, and Enter to read a question in place.
(Adding questions to the pack from the bank is in test_pack.py; the rule itself, on the engine, in
tests/search/test_search_documents.py.)"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from scrbrowse.corpus import Corpus
from scrbrowse.model import PassageKind
from scrbrowse.search.api import NO_FILTERS, BankResult, Filters
from scrbrowse.ui.backend import Engine
from scrbrowse.ui.screens.browse import BrowseScreen
from scrbrowse.ui.screens.questions import QuestionBankScreen

from .conftest import AppFactory, rendered
from .enginekit import WrappedEngine, as_engine
from .sessionkit import browse_of, settle_all


async def _bank(pilot: object, app: object) -> QuestionBankScreen:
    browse_of(app).results.focus()  # type: ignore[arg-type]
    await pilot.press("f3")  # type: ignore[attr-defined]
    await settle_all(pilot)  # type: ignore[arg-type]
    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, QuestionBankScreen)
    return screen


def bank_keys(app: Any, query: str = "", themes: tuple[str, ...] = (),
              agencies: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """The engine's answer (the UI must show just that, in that order)."""
    filters = Filters(theme=frozenset(themes), agency=frozenset(agencies))
    engine = app.engine.inner if isinstance(app.engine, WrappedEngine) else app.engine
    return [q.key for q in engine.question_bank(query, filters, limit=10_000).questions]


def everything_in_order(app: Any) -> list[tuple[str, str]]:
    return bank_keys(app)


async def test_every_question_filtered_and_searched(make_app: AppFactory, corpus: Corpus) -> None:
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await settle_all(pilot)
        bank = await _bank(pilot, app)
        everything = [(d.id, q.id) for d in corpus.documents.values()
                      for q in d.reflective_questions]
        rows = bank.questions.rows
        assert [r.key for r in rows] == everything_in_order(app) and len(rows) == bank.total
        assert sorted(everything) == sorted(r.key for r in rows)
        assert "15 of 15 reflective questions" in rendered(bank.query_one("#bank-summary"))
        for i, row in enumerate(rows):
            shown = str(bank.questions.render_row(i, row))
            assert shown.startswith(f"{i + 1}. ") and row.review in shown
            assert ("PROFESSIONALS ONLY" in shown) == (row.doc_id == "child-s-learning-briefing")
        assert any("Child K (Wiltshire)" in str(bank.questions.render_row(i, r)) for i, r in enumerate(rows))

        # Tick a theme with the keyboard: the list follows the documented rule.
        facets = bank.facets
        facets.focus()
        target = next(i for i, row in enumerate(facets.rows)
                      if row.kind == "value" and row.facet == "theme")
        theme = facets.rows[target].value
        facets.highlighted = target
        await pilot.press("space")
        await settle_all(pilot)
        expected = bank_keys(app, themes=(theme,))
        assert [r.key for r in bank.questions.rows] == expected and 0 < len(expected) < 15
        counts = {fv.value: fv.count for fv, _ in facets.value_rows("agency")}
        for agency, n in counts.items():
            assert n == len(bank_keys(app, themes=(theme,), agencies=(agency,)))
        await pilot.press("ctrl+r")
        await settle_all(pilot)
        # Safe sleep: only the question that asks about it, not every question of Child S
        # (issue 14: each question inherited all of its document's themes).
        bank.set_filter("theme", "safe-sleep")
        await settle_all(pilot)
        assert [r.key for r in bank.questions.rows] == [("child-s-learning-briefing", "q-1")]
        bank.set_filter("agency", "police")
        await settle_all(pilot)
        assert [r.key for r in bank.questions.rows] == \
            bank_keys(app, themes=("safe-sleep",), agencies=("police",))
        await pilot.press("ctrl+r")  # every filter off
        await settle_all(pilot)
        assert len(bank.questions.rows) == 15

        # Search: typed for real, through the same engine call, matches marked.
        bank.input.focus()
        await pilot.press(*"fathers")
        await settle_all(pilot)
        engine = app.engine
        assert engine is not None
        keys = [r.key for r in bank.questions.rows]
        assert keys and keys == bank_keys(app, "fathers")
        assert all(r.spans or "father" not in r.text.lower() for r in bank.questions.rows)
        assert "matching “fathers”" in rendered(bank.query_one("#bank-summary"))
        await pilot.press("escape")  # clears the search
        await settle_all(pilot)
        assert len(bank.questions.rows) == 15

        # Enter reads the question in its document, on its tab, with the focus on it.
        index = next(i for i, r in enumerate(bank.questions.rows)
                     if r.key == ("wiltshire-child-k-briefing-note", "q-3"))
        bank.questions.focus()
        bank.questions.highlighted = index
        await pilot.press("enter")
        await settle_all(pilot)
        browse = app.screen
        assert isinstance(browse, BrowseScreen)
        view = browse.detail.view
        assert view is not None and view.doc_id == "wiltshire-child-k-briefing-note"
        assert view.active_tab == "questions"
        assert browse.focused_passage() == ("wiltshire-child-k-briefing-note", "q-3",
                                            PassageKind.QUESTION)


async def test_theme_counts_are_the_questions_own(make_app: AppFactory, corpus: Corpus) -> None:
    """Every theme's count is how many questions carry it themselves (or through their learning
    point); none is the whole bank, as "Fathers and unknown men 15 (of 15)" once was."""
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await settle_all(pilot)
        bank = await _bank(pilot, app)
        counts = {fv.value: fv.count for fv, _ in bank.facets.value_rows("theme")}
        assert counts
        for theme, n in counts.items():
            assert n == len(bank_keys(app, themes=(theme,))), theme
            assert n < bank.total, theme


async def test_down_then_enter_opens_the_new_searchs_best_match(make_app: AppFactory) -> None:
    """↓ from the search box goes to the results of what was typed, on its first row; a row left
    highlighted in the list before the search is never what Enter opens."""
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await settle_all(pilot)
        bank = await _bank(pilot, app)
        engine = app.engine
        assert engine is not None
        ranked = bank_keys(app, "professionals")
        assert len(ranked) >= 2
        stale = ranked[1]  # in the new results, but not their best match
        for typed_then in ("settled", "at once"):
            bank.search_for("")
            await settle_all(pilot)
            bank.questions.focus()
            bank.questions.highlighted = [r.key for r in bank.questions.rows].index(stale)
            bank.input.focus()
            await pilot.press(*"professionals")
            if typed_then == "settled":
                await settle_all(pilot)
            await pilot.press("down")
            await settle_all(pilot)
            assert bank.focused is bank.questions
            current = bank.questions.current
            assert current is not None and current.key == ranked[0], typed_then
        await pilot.press("enter")
        await settle_all(pilot)
        browse = app.screen
        assert isinstance(browse, BrowseScreen)
        assert browse.focused_passage()[:2] == ranked[0]  # type: ignore[index]


class _SmallPages(WrappedEngine):
    """The real engine, answering the bank 5 questions at a time (as 60 of 135,000 at 10k)."""

    def __init__(self, engine: Engine) -> None:
        super().__init__(engine)
        self.asked: list[tuple[str, int]] = []

    def question_bank(self, query: str = "", filters: Filters = NO_FILTERS, *, offset: int = 0,
                      limit: int = 200, only: frozenset[tuple[str, str | None]] | None = None,
                      scope: str = "question",
                      should_stop: Callable[[], bool] | None = None) -> BankResult:
        self.asked.append((query, offset))
        return super().question_bank(query, filters, offset=offset, limit=min(limit, 5), only=only,
                                     scope=scope, should_stop=should_stop)


async def test_the_list_holds_a_page_and_fetches_more_on_the_way_down(make_app: AppFactory) -> None:
    engines: list[_SmallPages] = []

    def wrap(engine: Engine) -> Engine:
        engines.append(_SmallPages(engine))
        return as_engine(engines[-1])

    app = make_app(wrap=wrap)
    async with app.run_test(size=(140, 45)) as pilot:
        await settle_all(pilot)
        engines[0].asked.clear()  # the browser's read ahead (ui2): the bank's own pages from here
        bank = await _bank(pilot, app)
        everything = bank_keys(app)
        assert len(everything) == 15
        assert [r.key for r in bank.questions.rows] == everything[:5]
        summary = rendered(bank.query_one("#bank-summary"))
        assert "15 of 15 reflective questions" in summary and "the first 5 listed" in summary
        await pilot.resize_terminal(120, 45)  # the rows are drawn again for the new width
        await settle_all(pilot)
        bank.questions.focus()
        for _ in range(14):  # to the last question (one more would wrap to the first)
            await pilot.press("down")
            await settle_all(pilot)
        assert [r.key for r in bank.questions.rows] == everything  # in order, each once
        assert bank.questions.option_count == 15 and bank.questions.highlighted == 14
        assert sorted(o for q, o in engines[0].asked if q == "") == [0, 5, 10]  # each page once
        assert "listed" not in rendered(bank.query_one("#bank-summary"))
        # A new search starts again from its first page.
        bank.search_for("fathers")
        await settle_all(pilot)
        assert [r.key for r in bank.questions.rows] == bank_keys(app, "fathers")[:5]


class _LongPage(WrappedEngine):
    """The real engine, its first page of the bank repeated to a full page of 60 rows."""

    def question_bank(self, query: str = "", filters: Filters = NO_FILTERS, *, offset: int = 0,
                      limit: int = 200, only: frozenset[tuple[str, str | None]] | None = None,
                      scope: str = "question",
                      should_stop: Callable[[], bool] | None = None) -> BankResult:
        got = super().question_bank(query, filters, offset=offset, limit=limit, only=only,
                                    scope=scope, should_stop=should_stop)
        rows = (got.questions * limit)[:limit] if got.questions else ()
        return dataclasses.replace(got, questions=rows, total=len(rows))


async def test_the_first_rows_shown_are_a_screenful(make_app: AppFactory, monkeypatch: Any) -> None:
    """A new page is drawn a screenful first, the rest after that has been painted (each row is
    wrapped and measured on the UI thread: a page of 60 delayed the first paint), and no animated
    loading indicator repaints the screen while the engine reads the questions."""
    from textual.widgets import LoadingIndicator

    first: list[int] = []
    original = QuestionBankScreen.on_bank_ready

    def recording(self: QuestionBankScreen, message: Any) -> None:
        original(self, message)
        first.append(self.questions.shown)

    monkeypatch.setattr(QuestionBankScreen, "on_bank_ready", recording)
    app = make_app(wrap=lambda engine: as_engine(_LongPage(engine)))
    async with app.run_test(size=(140, 45)) as pilot:
        await settle_all(pilot)
        bank = await _bank(pilot, app)
        assert not bank.query(LoadingIndicator)
        height = bank.questions.size.height
        assert first and 0 < first[0] <= height // 2 + 1 < 60
        assert bank.questions.shown == len(bank.questions.rows) == 60
