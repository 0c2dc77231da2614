"""Fixtures for the browser's tests: the real engine on the bundled corpus, index in a temp folder."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from scrbrowse.config import Config
from scrbrowse.ui import backend
from scrbrowse.ui.app import ScrbrowseApp
from scrbrowse.ui.backend import Engine, Progress
from scrbrowse.ui.screens.browse import BrowseScreen

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"

AppFactory = Callable[..., ScrbrowseApp]


@pytest.fixture(scope="session")
def shared_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One index of the unchanged bundled corpus, built by the first test and reused by the rest."""
    return tmp_path_factory.mktemp("index")


@pytest.fixture
def make_app(shared_index: Path, tmp_path: Path) -> AppFactory:
    """ScrbrowseApp on a corpus (default: the bundled one) with the real engine and a temp index."""

    def make(corpus: Path | None = None, *, config: Config | None = None,
             wrap: Callable[[Engine], Engine] | None = None) -> ScrbrowseApp:
        corpus_dir = corpus or CORPUS
        index_dir = shared_index if corpus is None else tmp_path / "index"

        def factory(corpus_dir: Path, _index: Path | None, progress: Progress | None) -> Engine:
            engine = backend.open_engine(corpus_dir, index_dir, progress)
            return wrap(engine) if wrap else engine

        return ScrbrowseApp(corpus_dir, None, config=config or Config(), engine_factory=factory)

    return make


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    dest = tmp_path / "corpus"
    shutil.copytree(CORPUS, dest)
    return dest


async def settle(pilot: Pilot[Any]) -> None:
    """Let debounce timers fire and workers finish (search, then the detail preview)."""
    app = pilot.app
    browse = app.screen_stack[0]
    for _ in range(200):
        await pilot.pause(0.03)
        await app.workers.wait_for_complete()
        ready = app.engine is not None or any(w.group == "index" and w.is_finished for w in app.workers)
        if ready and not (isinstance(browse, BrowseScreen) and browse.pending):
            break
    await pilot.pause()


async def wait_until(pilot: Pilot[Any], ready: Callable[[], bool]) -> None:
    """Let the app run until `ready()` holds (e.g. focus placed after a refresh), a few seconds at most;
    the test's own assert then says what did not happen."""
    for _ in range(200):
        if ready():
            return
        await pilot.pause(0.03)


async def search(pilot: Pilot[Any], text: str) -> None:
    """Put `text` in the search box as if typed, and wait for the results."""
    browse = pilot.app.screen_stack[0]
    assert isinstance(browse, BrowseScreen)
    browse.action_focus_search()
    browse.search_bar.input.value = text
    await settle(pilot)


def rendered(widget: Any) -> str:
    """The plain text a widget shows (its Content, never re-parsed)."""
    return str(widget.render())
