"""Keys that are safe (issue 14, defect 3): a word typed with the focus in any pane of the browser goes to
the search box and never changes the pack or the filters or opens a screen; / selects the old query so
typing replaces it; the footer lists only keys that work where the focus is."""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Footer

from scrbrowse.ui.screens.browse import BrowseScreen
from scrbrowse.ui.session import session_of

from .conftest import AppFactory, search, settle, wait_until

CHILD_S = "child-s-learning-briefing"
WORDS = ["father", "co-sleeping", "bruise on a baby", "Dad? a e p b t i q w x f A"]


def footer_keys(screen: BrowseScreen) -> set[str]:
    """The binding ids the footer shows now."""
    return {b.binding.id for b in screen.active_bindings.values()
            if b.binding.show and b.enabled and b.binding.id and screen.app.app_focus is not None}


async def _focus(pilot: Pilot[Any], screen: BrowseScreen, pane: str) -> None:
    if pane == "sidebar" and not screen.sidebar_visible:
        screen.action_toggle_sidebar()
    if pane == "detail":
        screen.open_document(CHILD_S)
        await settle(pilot)
    else:
        screen.focus_pane(pane)
    await pilot.pause()
    assert screen._pane_of(screen.focused) == pane if screen.focused else False


@pytest.mark.parametrize("pane", ["results", "sidebar", "detail"])
async def test_words_typed_in_a_pane_go_to_the_search_box(make_app: AppFactory, pane: str) -> None:
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, BrowseScreen)
        for word in WORDS:
            await _focus(pilot, screen, pane)
            pack_before = set(session_of(app).keys)
            filters_before = screen.filters
            sidebar_before = screen.sidebar_visible
            await pilot.press(*word)
            await settle(pilot)
            assert app.screen is screen, f"{word!r} in {pane} opened {app.screen}"
            assert set(session_of(app).keys) == pack_before
            assert screen.filters == filters_before
            assert screen.sidebar_visible == sidebar_before
            expected = word[1:] if pane == "detail" and word[0] in "nN" else word
            assert screen.search_bar.value == expected, (pane, word)
            screen.search_bar.set_query("")
            await settle(pilot)


async def test_slash_selects_the_old_query_so_typing_replaces_it(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, BrowseScreen)
        await search(pilot, "co-sleeping after alcohol")
        screen.results.focus()
        await pilot.press("slash")
        await pilot.press(*"bruise")
        await settle(pilot)
        assert screen.search_bar.value == "bruise"
        screen.results.focus()
        await pilot.press("ctrl+l")
        await pilot.press(*"MASH")
        await settle(pilot)
        assert screen.search_bar.value == "MASH"


async def test_the_footer_shows_only_keys_that_work_there(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, BrowseScreen)
        await pilot.pause()
        in_box = footer_keys(screen)
        assert "focus_search" not in in_box  # "/" types a slash there
        assert "add_to_pack" not in in_box
        assert {"toggle_sidebar", "help", "quit"} <= in_box
        screen.results.focus()
        await pilot.pause()
        await pilot.pause()
        in_list = footer_keys(screen)
        assert "focus_search" in in_list and "add_to_pack" not in in_list
        screen.open_document(CHILD_S)
        await settle(pilot)
        await pilot.pause()
        in_document = footer_keys(screen)
        assert {"focus_search", "add_to_pack"} <= in_document
        assert all(app.query_one(Footer).display for _ in [0])
        # Every key shown is a Ctrl or function key or "/" (no letter a word could trigger).
        for key_id in in_box | in_list | in_document:
            spec_keys = [b.binding.key for b in screen.active_bindings.values() if b.binding.id == key_id]
            assert all(not (len(k) == 1 and k.isalpha()) for k in spec_keys), key_id


async def test_a_pack_removal_can_be_undone(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, BrowseScreen)
        screen.open_document(CHILD_S)
        await settle(pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        added = set(session_of(app).keys)
        assert added
        await pilot.press("ctrl+s")  # again: removed
        await pilot.pause()
        assert set(session_of(app).keys) == set()
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert set(session_of(app).keys) == added


def footer_shows(app: Any) -> set[str]:
    """The actions of the keys the footer has drawn (its widgets, not what it would draw now)."""
    return {str(getattr(key, "action", "")) for key in app.query_one(Footer).query("FooterKey")}


async def test_results_arriving_while_typing_leave_the_footer_alone(make_app: AppFactory) -> None:
    """A results list arrives on every key typed; redrawing the footer's keys for each (Textual's
    Footer mounts them all again) made typing at 10k three times slower (issue 12, ui2)."""
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, BrowseScreen)
        await search(pilot, "father")
        keys = list(app.query_one(Footer).children)
        assert keys
        for word in ("bruise", "co-sleeping", "neglect"):
            await search(pilot, word)
            assert screen.results.hits, word
        assert list(app.query_one(Footer).children) == keys


async def test_the_drawn_footer_follows_the_focus_between_results(make_app: AppFactory) -> None:
    """The footer is redrawn only when a key's availability changes: it still changes with the focus,
    also after results arrived in between."""
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, BrowseScreen)
        await search(pilot, "father")
        assert not footer_shows(app) & {"focus_search", "add_to_pack"}  # "/" types a slash here
        screen.results.focus()
        await wait_until(pilot, lambda: "focus_search" in footer_shows(app))
        assert "focus_search" in footer_shows(app) and "add_to_pack" not in footer_shows(app)
        screen.open_document(CHILD_S)
        await settle(pilot)
        await wait_until(pilot, lambda: "add_to_pack" in footer_shows(app))
        assert {"focus_search", "add_to_pack"} <= footer_shows(app)
        screen.action_focus_search()
        await wait_until(pilot, lambda: "focus_search" not in footer_shows(app))
        assert not footer_shows(app) & {"focus_search", "add_to_pack"}
