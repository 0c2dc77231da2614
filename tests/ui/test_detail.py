"""The detail pane: tabs, the restriction banner, highlighted matches, n/N, focused passages."""

from __future__ import annotations

from textual.widgets import Tabs

from scrbrowse.model import PassageKind
from scrbrowse.ui.reading import TABS
from scrbrowse.ui.screens.browse import BrowseScreen
from scrbrowse.ui.widgets.detail import DocumentView, RestrictionBanner
from scrbrowse.ui.widgets.passage import PassageView

from .conftest import AppFactory, rendered, search, settle

CHILD_S = "child-s-learning-briefing"


async def test_opening_a_document_and_visiting_every_tab(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, BrowseScreen)
        screen.results.focus()
        index = next(i for i, h in enumerate(screen.results.hits)
                     if h.doc_id == "wiltshire-child-k-briefing-note")
        screen.results.highlighted = index
        await pilot.press("enter")
        await settle(pilot)
        view = screen.detail.view
        assert isinstance(view, DocumentView) and view.doc_id == "wiltshire-child-k-briefing-note"
        assert isinstance(app.focused, PassageView)  # Enter puts the reader in the document
        seen = []
        for _ in TABS:
            seen.append(view.active_tab)
            pane = view.query_one(f"#scroll-{view.active_tab}")
            if view.active_tab == "related":
                assert "Other documents of this review" in str(
                    view.query_one("#related-list").get_option_at_index(0).prompt)
            else:
                assert pane.query(PassageView) or pane.query(".empty-tab")
            await pilot.press("right")
            await pilot.pause()
        assert seen == [t for t, _ in TABS], seen
        # Questions are numbered for reading aloud; learning points are grouped by audience.
        view.query_one(Tabs).active = "tab-questions"
        await pilot.pause()
        questions = view.passages("questions")
        assert questions and rendered(questions[0]).startswith("1. ")
        headings = [rendered(h) for h in view.query(".group-heading")]
        assert any("for practitioners" in h for h in headings)


async def test_restricted_document_shows_its_banner_on_every_tab(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, BrowseScreen)
        screen.open_document(CHILD_S)
        await settle(pilot)
        view = screen.detail.view
        assert view is not None and view.doc_id == CHILD_S
        tabs = view.query_one(Tabs)
        for tab, _label in TABS:
            tabs.active = f"tab-{tab}"
            await pilot.pause()
            banner = view.query_one(RestrictionBanner)
            assert banner.region.height > 0 and banner.visible
            text = rendered(banner)
            assert "PROFESSIONALS ONLY" in text and "shared with professionals only" in text


async def test_matches_are_highlighted_and_n_moves_between_them(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, BrowseScreen)
        await search(pilot, "parents")
        screen.results.focus()
        await pilot.press("enter")
        await settle(pilot)
        view = screen.detail.view
        assert view is not None
        # Every matched passage in reading order, tab by tab (a tab's passages are built when first opened).
        matched = [b.ref.item_id for tab, _ in TABS for b in view.reading.matched if b.tab == tab]
        assert len(matched) >= 2
        first = app.focused
        assert isinstance(first, PassageView) and first.matched
        await pilot.press("n")
        await settle(pilot)
        second = app.focused
        assert isinstance(second, PassageView) and second.matched and second is not first
        assert view.passages().index(second) > view.passages().index(first) or \
            second.ref.item_id == matched[0]
        await pilot.press("N")
        await settle(pilot)
        assert app.focused is first
        status = rendered(view.query_one("#match-status"))
        assert f"of {len(matched)} matched passages" in status


async def test_focused_passage_names_the_document_item_and_kind(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, BrowseScreen)
        screen.open_document(CHILD_S)
        await settle(pilot)
        view = screen.detail.view
        assert view is not None
        view.query_one(Tabs).active = "tab-questions"
        await pilot.pause()
        view.passages("questions")[0].focus()
        await pilot.press("down")
        assert screen.focused_passage() == (CHILD_S, "q-2", PassageKind.QUESTION)
        assert app.focused is not None and app.focused.id == "passage-q-2"
        await pilot.press("up")
        assert screen.focused_passage() == (CHILD_S, "q-1", PassageKind.QUESTION)
