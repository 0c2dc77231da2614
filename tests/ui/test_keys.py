"""Keys: help generated from the bindings, the command palette, the config keymap, narrow layout."""

from __future__ import annotations

from textual.widgets import Input

from scrbrowse.config import Config
from scrbrowse.ui.bindings import SPECS
from scrbrowse.ui.screens.browse import BrowseScreen
from scrbrowse.ui.screens.help import HelpScreen
from scrbrowse.ui.screens.warnings import WarningsScreen

from .conftest import AppFactory, settle


def _help_text(screen: HelpScreen) -> str:
    return "\n".join(str(w.render()) for w in screen.query(".help-keys"))


async def test_help_screen_lists_every_binding(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        app.screen.query_one("#results").focus()
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        text = _help_text(app.screen)
        for spec in SPECS:
            assert spec.description in text
            assert f"({spec.id})" not in text  # ids are for config.yaml, not for reading
        await pilot.press("escape")
        assert isinstance(app.screen, BrowseScreen)


async def test_config_keymap_remaps_a_binding(make_app: AppFactory) -> None:
    config = Config(bindings={"focus_search": "ctrl+f", "help": "f9"})
    app = make_app(config=config)
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        screen = app.screen
        screen.query_one("#results").focus()
        await pilot.press("ctrl+l")  # no longer bound
        assert not isinstance(app.focused, Input)
        await pilot.press("ctrl+f")
        assert isinstance(app.focused, Input)
        await pilot.press("f9")
        assert isinstance(app.screen, HelpScreen)
        assert "^f" in _help_text(app.screen)


async def test_unknown_binding_ids_are_reported_not_fatal(make_app: AppFactory) -> None:
    app = make_app(config=Config(bindings={"no_such_binding": "z"}, theme="no-such-theme"))
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        assert app.theme == "textual-dark"
        messages = [p.message for p in app.setting_problems]
        assert any("no_such_binding" in m for m in messages)
        assert any("no-such-theme" in m for m in messages)
        app.screen.query_one("#results").focus()
        await pilot.press("f6")
        assert isinstance(app.screen, WarningsScreen)


async def test_command_palette_jumps_to_a_review(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Child S")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, BrowseScreen)
        assert screen.detail.doc_id == "child-s-learning-briefing"


async def test_command_palette_filters_by_a_theme(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Safe sleep")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, BrowseScreen)
        assert screen.filters.theme == frozenset({"safe-sleep"})


async def test_narrow_layout_stacks_the_panes(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, BrowseScreen)
        assert screen.narrow and not screen.sidebar_visible
        assert not screen.detail.display or screen.detail.region.width == 0
        screen.results.focus()
        await pilot.press("ctrl+t")
        assert screen.sidebar_visible and screen.query_one("#sidebar").region.width > 0
        await pilot.press("ctrl+t")
        assert not screen.sidebar_visible
        screen.results.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert screen.reading
        assert screen.detail.region.width == 80
        assert screen.query_one("#results-pane").region.width == 0
        await pilot.press("escape")
        assert not screen.reading and app.focused is screen.results


async def test_wide_layout_shows_three_panes(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, BrowseScreen)
        for pane in ("#sidebar", "#results-pane", "#detail"):
            assert screen.query_one(pane).region.width > 20
        # Tab moves between panes, Shift+Tab back.
        screen.search_bar.input.focus()
        await pilot.press("tab")
        assert screen._pane_of(app.focused) == "sidebar"  # type: ignore[arg-type]
        await pilot.press("tab")
        assert app.focused is screen.results
        await pilot.press("tab")
        assert screen._pane_of(app.focused) == "detail"  # type: ignore[arg-type]
        await pilot.press("shift+tab")
        assert app.focused is screen.results


async def test_ctrl_q_quits(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        app.screen.query_one("#results").focus()
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_value == 0
