"""The garbage collector while the app runs (ui/gc_tuning.py): what lives as long as the app is out of
the full collections' way once the first results are shown, and all is as before once it exits."""

from __future__ import annotations

import gc

from scrbrowse.ui import gc_tuning
from scrbrowse.ui.gc_tuning import YOUNG_THRESHOLD

from .conftest import AppFactory, settle


async def test_the_collector_leaves_what_lives_long_alone_until_the_app_exits(make_app: AppFactory) -> None:
    gc_tuning.release()  # as Python starts, whatever an earlier test's app left
    before = gc.get_threshold()
    assert gc.get_freeze_count() == 0
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.browse.result is not None
        assert gc.get_freeze_count() > 0
        assert gc.get_threshold()[0] >= YOUNG_THRESHOLD
    assert gc.get_freeze_count() == 0
    assert gc.get_threshold() == before
