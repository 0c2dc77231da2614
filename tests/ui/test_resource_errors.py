"""Out of memory, out of file descriptors (issue 16 item 12): under `ulimit -v` and `prlimit
--nofile` the app froze with nothing logged. Here the engine raises MemoryError or OSError(EMFILE)
from every call once the app is up; each view must say so in a notice (and the log), and quitting
must always work."""

from __future__ import annotations

import errno
import logging
from typing import Any

import pytest

from scrbrowse.ui.backend import Engine

from .conftest import AppFactory, search
from .enginekit import WrappedEngine
from .sessionkit import messages, settle_all


class StarvedEngine(WrappedEngine):
    """The real engine, until `starve()`: then every search and document read raises `error`."""

    def __init__(self, engine: Engine, error: BaseException) -> None:
        super().__init__(engine)
        self._error = error
        self.starved = False

    def _check(self) -> None:
        if self.starved:
            raise self._error

    def search(self, *args: Any, **kwargs: Any) -> Any:
        self._check()
        return super().search(*args, **kwargs)

    def question_bank(self, *args: Any, **kwargs: Any) -> Any:
        self._check()
        return super().question_bank(*args, **kwargs)

    def tag_stats(self, *args: Any, **kwargs: Any) -> Any:
        self._check()
        return super().tag_stats(*args, **kwargs)

    def document(self, *args: Any, **kwargs: Any) -> Any:
        self._check()
        return super().document(*args, **kwargs)

    def related(self, *args: Any, **kwargs: Any) -> Any:
        self._check()
        return super().related(*args, **kwargs)

    def linked(self, *args: Any, **kwargs: Any) -> Any:
        self._check()
        return super().linked(*args, **kwargs)


ERRORS = {
    "memory": (MemoryError(), "not enough memory"),
    "files": (OSError(errno.EMFILE, "Too many open files"), "too many files open"),
}


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture
def logged() -> Any:
    """Errors logged to the "scrbrowse" logger (which may not propagate once logging is set up)."""
    handler = _Records()
    logger = logging.getLogger("scrbrowse")
    logger.addHandler(handler)
    yield handler.records
    logger.removeHandler(handler)


@pytest.mark.parametrize("kind", sorted(ERRORS))
async def test_resource_errors_are_reported_and_quit_still_works(
        make_app: AppFactory, kind: str, logged: list[logging.LogRecord]) -> None:
    error, plain = ERRORS[kind]
    engines: list[StarvedEngine] = []

    def wrap(engine: Engine) -> Engine:
        engines.append(StarvedEngine(engine, error))
        return engines[-1]

    app = make_app(wrap=wrap)
    async with app.run_test(size=(140, 45)) as pilot:
        await settle_all(pilot)
        engines[0].starved = True
        await search(pilot, "fathers")
        assert any(m.startswith("Search failed:") and plain in m for m in messages(app)), messages(app)
        for key, what in (("f4", "Could not count the themes"), ("f3", "Could not list the questions")):
            await pilot.press("escape")
            app.browse.results.focus()
            await pilot.press(key)
            await settle_all(pilot)
            assert any(m.startswith(what) and plain in m for m in messages(app)), (key, messages(app))
        await pilot.press("escape")
        app.browse.results.focus()
        await pilot.press("ctrl+p")
        await settle_all(pilot)
        assert any(m.startswith("Could not list the reviews") and plain in m for m in messages(app))
        assert len(logged) >= 4  # each one logged
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0
