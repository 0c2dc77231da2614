"""The browser says how a query was read (issue 13): which words rank and which must all be there."""

from __future__ import annotations

from .conftest import AppFactory, rendered, search
from .sessionkit import browse_of, settle_all


async def test_the_summary_says_how_plain_words_were_read(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle_all(pilot)
        await search(pilot, "dad not seen at home")
        summary = rendered(browse_of(app).query_one("#summary"))
        assert "not all needed" in summary, summary
        await search(pilot, '"both parents" AND sleep')
        summary = rendered(browse_of(app).query_one("#summary"))
        assert "not all needed" not in summary, summary
