"""Density (issue 14): all five bundled documents on the start screen at 120x40, a compact mode with at
least 12 results there (remembered), a results pane that grows with the terminal and resizes by keys,
and filter labels shown in full."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scrbrowse.ui.screens.browse import BrowseScreen
from scrbrowse.ui.view_settings import ViewSettings

from .conftest import AppFactory, settle


def _many(corpus: Path, count: int) -> None:
    for i in range(count):
        (corpus / f"generated-review-{i:03d}.yaml").write_text(
            f"schema_version: 1\nid: generated-review-{i:03d}\n"
            f"title: Learning from the review of Child G{i} about supervision and neglect\n"
            "doc_type: learning-summary\nsource: generated.txt\npublished: '2020-01'\n"
            f"review:\n  id: generated-{i:03d}\n  child: Child G{i}\n  area: Testshire\n  review_type: scr\n"
            "themes: [neglect]\n"
            "learning_points:\n  - id: lp-1\n    text: Supervision helps practitioners notice neglect early.\n",
            encoding="utf-8")


def _fits(screen: BrowseScreen) -> bool:
    results = screen.results
    return results.virtual_size.height <= results.scrollable_content_region.height


async def test_the_start_screen_shows_all_five_documents(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, BrowseScreen)
        assert len(screen.results.hits) == 5 and not screen.results.compact_mode
        assert _fits(screen), (screen.results.virtual_size, screen.results.size)


async def test_compact_mode_shows_at_least_twelve_and_is_remembered(make_app: AppFactory,
                                                                    corpus_copy: Path) -> None:
    _many(corpus_copy, 30)
    app = make_app(corpus_copy)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, BrowseScreen)
        screen.results.focus()
        await pilot.press("f8")
        await settle(pilot)
        results = screen.results
        assert results.compact_mode
        assert results.option_count == len(results.hits)  # no rules between entries
        assert results.virtual_size.height == 2 * len(results.hits)  # two lines each
        assert results.scrollable_content_region.height // 2 >= 12
        assert len(results.hits) >= 12
    assert ViewSettings.load().compact
    app = make_app(corpus_copy)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, BrowseScreen) and screen.results.compact_mode


async def test_the_results_pane_grows_with_the_terminal_and_resizes_by_keys(make_app: AppFactory) -> None:
    widths = {}
    for size in ((120, 40), (200, 60)):
        app = make_app()
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, BrowseScreen)
            pane = screen.query_one("#results-pane")
            widths[size] = pane.region.width
            if size == (200, 60):
                screen.results.focus()
                await pilot.press("ctrl+right")
                await pilot.pause()
                assert pane.region.width == widths[size] + 4
                await pilot.press("ctrl+left", "ctrl+left")
                await pilot.pause()
                assert pane.region.width == widths[size] - 4
    assert widths[(200, 60)] > widths[(120, 40)] > 42


@pytest.mark.parametrize("size", [(140, 45), (200, 60)])
async def test_filter_labels_are_shown_in_full(make_app: AppFactory, size: tuple[int, int]) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, BrowseScreen)
        facets = screen.facets
        prompts = [str(facets.get_option_at_index(i).prompt) for i in range(facets.option_count)]
        # Labels longer than the sidebar is wide (they were cut at 14 characters).
        labels = ["Child protection processes", "Parental substance misuse", "Children's social care"]
        # Each value's prompt, its count (a number after the first line) left out.
        shown = " ".join(" ".join(re.sub(r" \d+(\n|$)", r"\1", p) for p in prompts).split())
        for label in labels:
            assert " ".join(label.split()) in shown, label
        if size[0] >= 180:  # a wide terminal has room for them on one line, beside a wide document
            wrapped = [p for p in prompts if "Child protection" in p]
            assert wrapped and all("\n" not in p for p in wrapped), wrapped
            assert screen.query_one("#detail").region.width >= 90
