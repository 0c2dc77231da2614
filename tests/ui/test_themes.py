"""The themes overview: reviews per theme as bars, most first, the themes that occur with the
highlighted one, and Enter to filter the browser by it."""

from __future__ import annotations

from typing import Any

from scrbrowse.corpus import Corpus
from scrbrowse.search.api import TagStats
from scrbrowse.ui.screens.browse import BrowseScreen
from scrbrowse.ui.screens.themes import ThemesScreen

from .conftest import AppFactory, rendered
from .sessionkit import browse_of, settle_all


def by_review(corpus: Corpus, theme: str) -> set[str]:
    """The reviews raising a theme, counted from the documents themselves."""
    return {d.review.id for d in corpus.documents.values() if theme in d.all_themes()}


def engine_stats(app: object) -> TagStats:
    stats: TagStats = app.engine.tag_stats("themes", include_unused=True)  # type: ignore[attr-defined]
    return stats



async def open_themes(pilot: Any) -> ThemesScreen:
    """From the browser, as a reader would: the results focused, F4, the counts made."""
    await settle_all(pilot)
    browse_of(pilot.app).results.focus()
    await pilot.press("f4")
    await settle_all(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ThemesScreen)
    return screen

async def test_bars_partners_and_enter_filters_the_browser(make_app: AppFactory, corpus: Corpus) -> None:
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await settle_all(pilot)
        stats = engine_stats(app)
        assert stats.term("safe-sleep").count == len(by_review(corpus, "safe-sleep"))  # type: ignore[union-attr]
        browse_of(app).results.focus()
        await pilot.press("f4")
        await settle_all(pilot)
        screen = app.screen
        assert isinstance(screen, ThemesScreen)
        themes = screen.themes
        assert [(t.id, t.count) for t in themes.terms] == [(t.id, t.count) for t in stats.terms]
        counts = [t.count for t in themes.terms]
        assert counts == sorted(counts, reverse=True)
        raised_terms = [t for t in themes.terms if t.count]
        top, last = (str(themes.render_term(t)) for t in (raised_terms[0], raised_terms[-1]))
        assert top.startswith(themes.terms[0].label) and top.rstrip().endswith(f" {counts[0]}")
        assert top.count("█") > last.count("█") > 0  # longer bar for more reviews
        assert f"of the {stats.total_reviews} reviews" in rendered(screen.query_one("#themes-summary"))

        # Move to "Safe sleep": the detail names its reviews and the themes raised with it.
        index = next(i for i, t in enumerate(themes.terms) if t.id == "safe-sleep")
        themes.highlighted = index - 1
        await pilot.press("down")
        await pilot.pause()
        assert rendered(screen.query_one("#themes-detail-title")).startswith("Safe sleep")
        raised = rendered(screen.query_one("#themes-detail-reviews"))
        assert f"Raised by {stats.term('safe-sleep').count} of" in raised  # type: ignore[union-attr]
        partners = rendered(screen.query_one("#themes-detail-partners"))
        best = stats.partners("safe-sleep", 1)[0]
        assert partners.startswith(best[1][:20])

        await pilot.press("enter")
        await settle_all(pilot)
        browse = app.screen
        assert isinstance(browse, BrowseScreen)
        assert browse.filters.theme == frozenset({"safe-sleep"})
        assert browse.result is not None
        tagged = {d for d in stats.term("safe-sleep").documents}  # type: ignore[union-attr]
        assert {h.doc_id for h in browse.results.hits} == tagged


async def test_unused_theme_and_restricted_reviews(make_app: AppFactory, corpus: Corpus) -> None:
    """A taxonomy theme no review raises is listed as "none" and says so, instead of opening an
    empty browser; restricted reviews carry the one restriction mark (issue 14, defects 5 and 6)."""
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await settle_all(pilot)
        unused = next(t for t in engine_stats(app).terms if t.count == 0)
        assert not by_review(corpus, unused.id)
        browse_of(app).results.focus()
        await pilot.press("f4")
        await settle_all(pilot)
        screen = app.screen
        assert isinstance(screen, ThemesScreen)
        themes = screen.themes
        index = next(i for i, t in enumerate(themes.terms) if t.id == unused.id)
        assert str(themes.render_term(themes.terms[index])).rstrip().endswith(" none")
        themes.highlighted = index
        await pilot.pause()
        assert "No review in the corpus raises this theme" in \
            rendered(screen.query_one("#themes-detail-reviews"))
        await pilot.press("enter")
        await settle_all(pilot)
        assert app.screen is screen  # nothing empty opened
        assert any("nothing to show" in str(n.message) for n in app._notifications)

        safe = next(i for i, t in enumerate(themes.terms) if t.id == "safe-sleep")
        themes.highlighted = safe
        await pilot.pause()
        raised = rendered(screen.query_one("#themes-detail-reviews"))
        child_s = next(line for line in raised.splitlines() if "Child S" in line)
        assert "▲ PROFESSIONALS ONLY" in child_s
        assert all("PROFESSIONALS" not in line for line in raised.splitlines() if "Child K" in line)


async def test_a_theme_raised_by_many_reviews_names_the_first_few(make_app: AppFactory,
                                                                  monkeypatch: Any) -> None:
    """At 10k documents a common theme is raised by thousands of reviews: the detail names the
    first few and says how many more the browser shows (laying out them all froze the UI)."""
    import scrbrowse.ui.screens.themes as themes_module

    monkeypatch.setattr(themes_module, "REVIEWS_SHOWN", 1)
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_themes(pilot)
        themes = screen.themes
        themes.highlighted = next(i for i, t in enumerate(themes.terms) if t.id == "safe-sleep")
        await pilot.pause()
        raised = rendered(screen.query_one("#themes-detail-reviews"))
        assert "Raised by 2 of 4 reviews" in raised
        assert raised.count("• ") == 1 and "… and 1 more: Enter shows them all" in raised


async def test_opening_draws_each_bar_and_the_detail_once(make_app: AppFactory, monkeypatch: Any) -> None:
    """Opening the overview draws every bar once and lays out the highlighted theme's detail once
    (it was twice each: the first highlight and the first resize did it again), with no animated
    loading indicator repainting while the counts are made (the summary line says so)."""
    from textual.widgets import LoadingIndicator

    from scrbrowse.ui.screens.themes import ThemeList

    calls = {"render_term": 0, "show_detail": 0}

    def counting(cls: type, name: str) -> None:
        original = getattr(cls, name)

        def wrapper(self: object, *args: Any, **kwargs: Any) -> Any:
            calls[name] += 1
            return original(self, *args, **kwargs)

        monkeypatch.setattr(cls, name, wrapper)

    counting(ThemeList, "render_term")
    counting(ThemesScreen, "show_detail")
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_themes(pilot)
        assert not screen.query(LoadingIndicator)
        assert calls == {"render_term": len(screen.themes.terms), "show_detail": 1}
        assert screen.themes.terms


async def test_every_bar_fits_the_list_with_its_scrollbar(make_app: AppFactory) -> None:
    """The bars are drawn for the list's width: once the list holds more themes than fit and a
    scrollbar takes two columns, every bar and count still fits (the top bar's count was cut)."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_themes(pilot)
        themes = screen.themes
        width = themes.scrollable_content_region.width
        assert themes.max_scroll_y > 0  # more themes than fit: a scrollbar is shown
        for i, term in enumerate(themes.terms):
            shown = str(themes.get_option_at_index(i).prompt)
            assert len(shown) <= width and shown.rstrip().endswith(f" {term.count or 'none'}"), shown
