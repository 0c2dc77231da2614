"""Hostile corpus text is shown literally and does nothing; a failing worker never stops the app."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.command import CommandList, CommandPalette
from textual.filter import Monochrome

from scrbrowse.search.api import SearchRequest, SearchResult
from scrbrowse.ui.screens.browse import BrowseScreen
from scrbrowse.ui.widgets.passage import PassageView

from .conftest import AppFactory, rendered, search, settle
from .enginekit import WrappedEngine, as_engine

DOC = "wiltshire-child-k-briefing-note"
HOSTILE_TITLE = "Child K [b]bold[/b] [@click=app.quit]quit[/] [link=http://x]link[/link] [/ end"
HOSTILE_LP = "[@click=app.quit]Press me[/] then [b]bold and [/ unbalanced \x1b]52;c;aGk=\x07 [link=http://x]l"
HOSTILE_Q = "Do I [link=http://x]click[/link] here? [@click=app.quit]quit[/] \x1b[2J[b]"


def _edit(corpus: Path) -> None:
    """Put markup and terminal escapes into one record's title, a learning point and a question."""
    import yaml

    path = corpus / f"{DOC}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["title"] = HOSTILE_TITLE
    data["learning_points"][0]["text"] = HOSTILE_LP
    data["reflective_questions"][0]["text"] = HOSTILE_Q
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


async def test_markup_in_corpus_text_is_shown_literally_and_does_nothing(
        make_app: AppFactory, corpus_copy: Path) -> None:
    _edit(corpus_copy)
    app = make_app(corpus_copy)
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, BrowseScreen)
        index = next(i for i, h in enumerate(screen.results.hits) if h.doc_id == DOC)
        entry = str(screen.results.render_hit(screen.results.hits[index]))
        assert "[b]bold[/b]" in entry and "[@click=app.quit]quit[/]" in entry and "[/ end" in entry
        assert "[link=http://x]link[/link]" in entry
        screen.results.focus()
        screen.results.highlighted = index
        await pilot.press("enter")
        await settle(pilot)
        view = screen.detail.view
        assert view is not None and view.doc_id == DOC
        assert "[@click=app.quit]quit[/]" in rendered(view.query_one("#doc-title"))
        lp = view.query_one("#passage-lp-1", PassageView)
        text = rendered(lp)
        assert "[@click=app.quit]Press me[/]" in text and "[b]bold and [/ unbalanced" in text
        assert "\x1b" not in text and "\x07" not in text  # terminal escapes are removed
        assert lp.region.height > 0
        await pilot.click(lp)  # clicking the would-be link does nothing
        assert app.screen is screen, app.screen
        await pilot.click("#doc-title")
        assert app.screen is screen, app.screen
        await pilot.press("right")  # to the Questions tab
        await pilot.pause()
        assert view.active_tab == "questions"
        question = view.query_one("#passage-q-1", PassageView)
        qtext = rendered(question)
        assert "[link=http://x]click[/link]" in qtext and "[@click=app.quit]quit[/]" in qtext
        assert "\x1b" not in qtext
        assert question.region.height > 0
        await pilot.click(question)
        await pilot.pause()
        assert app.screen is screen
        assert app.is_running and app.return_value is None
        # The command palette shows the title literally, and choosing it opens the document.
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Child K bold")
        await pilot.pause(0.5)
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        prompts = [str(o.prompt) for o in palette.query_one(CommandList).options]
        assert any("[b]bold[/b] [@click=app.quit]quit[/]" in p for p in prompts), prompts
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and app.is_running
        # The query is shown literally too, in the empty state.
        await search(pilot, "[@click=app.quit]zzzz")
        assert app.is_running
        assert "[@click=app.quit]zzzz" in rendered(screen.query_one("#empty"))


class FailingEngine(WrappedEngine):
    """The real engine, except that searching for "boom" raises."""

    def search(self, request: SearchRequest, *,
               should_stop: Callable[[], bool] | None = None) -> SearchResult:
        if request.query == "boom":
            raise RuntimeError("the index is on fire")
        return super().search(request, should_stop=should_stop)


async def test_a_failing_search_shows_a_notice_and_the_app_keeps_running(
        make_app: AppFactory) -> None:
    app = make_app(wrap=lambda engine: as_engine(FailingEngine(engine)))
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, BrowseScreen)
        await search(pilot, "boom")
        assert app.is_running
        messages = [n.message for n in app._notifications]
        assert any(m.startswith("Search failed: RuntimeError: the index is on fire") and
                   "details in the log" in m for m in messages)
        await search(pilot, "fathers")
        assert screen.result is not None and screen.result.request.query == "fathers"


async def test_no_color_is_honoured(make_app: AppFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.no_color
        assert any(isinstance(f, Monochrome) for f in app.get_line_filters())


async def test_themes_light_dark_and_high_contrast(make_app: AppFactory) -> None:
    from scrbrowse.config import Config, load_config

    app = make_app(config=Config(theme="scrbrowse-high-contrast"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.theme == "scrbrowse-high-contrast"
        app.action_toggle_dark()
        await pilot.pause()
        assert app.theme == "textual-light"
        assert load_config().theme == "textual-light"  # remembered for next time


def test_ui_code_never_hands_text_to_a_markup_parser() -> None:
    """Guard the rule that keeps corpus text literal: every notify() passes markup=False, and
    nothing calls the parsers that would read "[...]" in corpus text as markup."""
    import re

    ui = Path(__file__).resolve().parents[2] / "src" / "scrbrowse" / "ui"
    for path in sorted(ui.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        for match in re.finditer(r"\bnotify\(", source):
            call = source[match.start(): source.find(")\n", match.start()) + 1]
            assert "markup=False" in call, f"{path.name}: notify without markup=False: {call}"
        for banned in ("from_markup(", "matcher.highlight(", "Text.from_markup(", "markup=True"):
            assert banned not in source, f"{path.name} uses {banned}"
