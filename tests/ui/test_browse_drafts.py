"""An unchecked ingest draft is marked "DRAFT — not yet checked" in the results list and in the document
pane, and a restricted document carries the same restriction mark in both (issue 14, item 6)."""

from __future__ import annotations

from pathlib import Path

from scrbrowse.ui.screens.browse import BrowseScreen
from scrbrowse.ui.text import DRAFT_MARK
from scrbrowse.ui.widgets.detail import DraftBanner, RestrictionBanner

from .conftest import AppFactory, rendered, search, settle

CHILD_S = "child-s-learning-briefing"
DRAFT = "drafted-review-learning"


def _write_draft(corpus: Path) -> None:
    (corpus / f"{DRAFT}.yaml").write_text(
        "schema_version: 1\n"
        f"id: {DRAFT}\n"
        "title: Drafted learning about sofa sleeping\n"
        "doc_type: learning-summary\nsource: drafted.txt\n"
        "review:\n  id: drafted-review\n  child: Child D\n  review_type: scr\n"
        "learning_points:\n  - id: lp-1\n    text: Ask where the baby sleeps, sofa included.\n"
        "draft:\n  made_by: scrbrowse ingest\n  checks: ['review.child: taken from the title']\n",
        encoding="utf-8")


async def test_drafts_are_marked_in_results_and_document(make_app: AppFactory, corpus_copy: Path) -> None:
    _write_draft(corpus_copy)
    app = make_app(corpus_copy)
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, BrowseScreen)
        await search(pilot, "sofa sleeping")
        hit = next(h for h in screen.results.hits if h.doc_id == DRAFT)
        assert hit.draft
        assert DRAFT_MARK in str(screen.results.render_hit(hit))
        others = [h for h in screen.results.hits if h.doc_id != DRAFT]
        assert all(DRAFT_MARK not in str(screen.results.render_hit(h)) for h in others)
        screen.open_document(DRAFT)
        await settle(pilot)
        view = screen.detail.view
        assert view is not None
        banner = view.query_one(DraftBanner)
        assert banner.display and banner.region.height > 0 and DRAFT_MARK in rendered(banner)
        screen.open_document(CHILD_S)  # the same view, another document: no draft mark left over
        await settle(pilot)
        assert not view.query_one(DraftBanner).display


async def test_the_restriction_mark_is_the_same_in_results_and_document(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, BrowseScreen)
        hit = next(h for h in screen.results.hits if h.doc_id == CHILD_S)
        in_results = str(screen.results.render_hit(hit)).splitlines()[0]
        screen.open_document(CHILD_S)
        await settle(pilot)
        view = screen.detail.view
        assert view is not None
        banner = rendered(view.query_one(RestrictionBanner))
        assert in_results.strip() == "▲ PROFESSIONALS ONLY"
        assert banner.startswith(" ▲ PROFESSIONALS ONLY ")
        results_style = screen.results.get_visual_style("results--restricted")
        banner_style = view.query_one(RestrictionBanner).get_visual_style("banner--mark")
        assert (results_style.foreground, results_style.background, results_style.bold) == \
            (banner_style.foreground, banner_style.background, banner_style.bold)
