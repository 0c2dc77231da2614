"""A record with the most learning points a list may hold opens at once: the document pane mounts a
page of passages, more as the reader goes on, and End still reaches the last one (issue 16, item 11)."""

from __future__ import annotations

from pathlib import Path

from scrbrowse.corpus import MAX_LIST_ITEMS
from scrbrowse.ui.screens.browse import BrowseScreen
from scrbrowse.ui.widgets.detail import PAGE
from scrbrowse.ui.widgets.passage import PassageView

from .conftest import AppFactory, settle, wait_until
from .test_browse_reach import on_screen

HUGE = "huge-learning-record"


def _write_huge(corpus: Path, count: int) -> None:
    lines = ["schema_version: 1", f"id: {HUGE}", "title: A record with very many learning points",
             "doc_type: learning-summary", "source: huge.txt", "review:", "  id: huge-review",
             "  child: Child H", "  review_type: scr", "learning_points:"]
    lines += [f"  - id: lp-{i}\n    text: Learning point number {i} about supervision." for i in range(count)]
    (corpus / f"{HUGE}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


async def test_a_huge_record_opens_a_page_at_a_time(make_app: AppFactory, corpus_copy: Path) -> None:
    _write_huge(corpus_copy, MAX_LIST_ITEMS)
    app = make_app(corpus_copy)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, BrowseScreen)
        screen.open_document(HUGE)
        await settle(pilot)
        view = screen.detail.view
        assert view is not None and view.doc_id == HUGE and view.active_tab == "learning"
        assert len(view.passages("learning")) == PAGE  # not 2,000 widgets
        # The first passage takes focus after the next refresh; End before that would scroll the
        # pane (mounting page after page) instead of going to the last passage.
        await wait_until(pilot, lambda: isinstance(app.focused, PassageView))
        await pilot.press("end")
        await settle(pilot)
        await pilot.pause()
        passages = view.passages("learning")
        assert len(passages) <= 2 * PAGE  # the last page, not everything before it
        assert passages[-1].ref.item_id == f"lp-{MAX_LIST_ITEMS - 1}"
        assert app.focused is passages[-1] and on_screen(passages[-1], -1)
        # Up from the first passage shown brings the one before it.
        passages[0].focus()
        first = passages[0].ref.item_id
        await pilot.press("up")
        await settle(pilot)
        await pilot.pause()
        focused = app.focused
        assert isinstance(focused, PassageView) and focused.ref.item_id == f"lp-{int(first[3:]) - 1}"
        assert on_screen(focused, 0)
        # Home: the first passage again.
        await pilot.press("home")
        await settle(pilot)
        focused = app.focused
        assert isinstance(focused, PassageView) and focused.ref.item_id == "lp-0"
        # Typing while it is open searches; it never acts on the document.
        await pilot.press(*"apple")
        await settle(pilot)
        assert screen.search_bar.value == "apple"
