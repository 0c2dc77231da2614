"""The scrbrowse app: config, theme, keymap, opening the index; the screens do the rest."""

from __future__ import annotations

import argparse
import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import App
from textual.screen import ModalScreen, Screen
from textual.worker import Worker, get_current_worker

from ..config import Config, load_config, save_config
from ..problems import Problem, Severity
from . import gc_tuning
from .backend import Engine, EngineFactory, open_engine
from .bindings import bindings, unknown_ids
from .commands import ScrbrowseCommands
from .errors import describe, report_worker_failure
from .messages import EngineFailed, EngineReady, IndexProgress
from .screens.browse import BrowseScreen
from .screens.help import HelpScreen
from .screens.ingest import Added, IngestScreen
from .screens.pack import PackScreen
from .screens.packs import PacksScreen
from .screens.questions import QuestionBankScreen
from .screens.review import Reviewed, open_review
from .screens.themes import ThemesScreen
from .screens.warnings import WarningsScreen
from .session import PackSession
from .terminal_watch import CHECK_EVERY, TerminalWatch, stdin_fd
from .theme import CYCLE, DEFAULT_THEME, HIGH_CONTRAST_THEME, limit_themes

if TYPE_CHECKING:
    from ..cli.context import CliContext

log = logging.getLogger("scrbrowse")

TERMINAL_GONE = 129  # the exit status: 128 + the hang-up signal's number, as if it had arrived


class ScrbrowseApp(App[int]):
    CSS_PATH = "scrbrowse.tcss"
    TITLE = "scrbrowse"
    SUB_TITLE = "learning from child safeguarding reviews"
    BINDINGS = bindings("quit", "help", "command_palette", "show_warnings", "show_pack",
                        "question_bank", "themes_overview", "ingest", "review_draft")
    COMMANDS = App.COMMANDS | {ScrbrowseCommands}

    def __init__(self, corpus_dir: Path, index_dir: Path | None = None, *,
                 config: Config | None = None, engine_factory: EngineFactory | None = None) -> None:
        super().__init__()
        self.corpus_dir = Path(corpus_dir)
        self.index_dir = index_dir
        self.config = config if config is not None else load_config()
        self.engine: Engine | None = None
        self._last_progress = 0.0
        self._engine_factory: EngineFactory = engine_factory or open_engine
        self.keymap_overrides: dict[str, str] = dict(self.config.bindings)
        self.session = PackSession(self)  # the session pack; packs live in the user data folder
        self.setting_problems: list[Problem] = list(self.config.problems)
        self.register_theme(HIGH_CONTRAST_THEME)
        limit_themes(self)  # only the app's own themes in the palette (issue 14, defect 5)
        theme = self.config.theme or DEFAULT_THEME
        if theme not in self.available_themes:
            self._setting_problem(f"unknown theme '{theme}'; using {DEFAULT_THEME}",
                                  f"themes are: {', '.join(CYCLE)}", "theme")
            theme = DEFAULT_THEME
        self.theme = theme
        for bid in unknown_ids(self.keymap_overrides):
            self._setting_problem(f"unknown binding id '{bid}' (ignored)",
                                  "the help screen (?) lists every id", f"bindings.{bid}")

    def _setting_problem(self, message: str, hint: str, field: str) -> None:
        where = str(self.config.path) if self.config.path else "config.yaml"
        self.setting_problems.append(Problem(where, message, None, field, hint, Severity.WARNING))

    def get_default_screen(self) -> Screen[None]:
        return BrowseScreen()

    def on_mount(self) -> None:
        self.set_keymap(self.keymap_overrides)
        self.theme_changed_signal.subscribe(self, lambda _theme: self._remember_theme())
        if self.setting_problems:
            self.notify(f"Your settings file has {len(self.setting_problems)} problem(s); "
                        "defaults are used for those. Press F6 to see them.",
                        severity="warning", timeout=8, markup=False)
        self._open_pack()
        self.open_index()
        watch = TerminalWatch(stdin_fd())
        if not self.is_headless and watch.watching:
            self.set_interval(CHECK_EVERY, lambda: self._check_terminal(watch), name="terminal-watch")

    def _open_pack(self) -> None:
        """Open the current session pack, so the browser can show what is in it."""
        try:
            self.session.open_current()  # never raises for a damaged file: it explains instead
        except Exception:  # a pack problem must never stop the app from starting
            log.exception("opening the current pack failed")
            self.notify("The session pack could not be opened; details are in the log.",
                        severity="error", timeout=8, markup=False)

    # ----- the index

    @work(thread=True, exclusive=True, group="index", exit_on_error=False)
    def open_index(self) -> None:
        engine = self._engine_factory(self.corpus_dir, self.index_dir, self._progress)
        if get_current_worker().is_cancelled:
            engine.close()
            return
        self.call_from_thread(self._engine_opened, engine)

    def _progress(self, done: int, total: int, _what: str) -> None:
        """Called from the index worker's thread while the index is built (post_message is safe)."""
        now = time.monotonic()
        if done < total and now - self._last_progress < 0.2:
            return  # a few updates a second are plenty
        self._last_progress = now
        for screen in self.screen_stack:
            screen.post_message(IndexProgress(done, total))

    def _engine_opened(self, engine: Engine) -> None:
        self.engine = engine
        for message in engine.status.messages:
            self.notify(message, timeout=6, markup=False)
        problems = list(engine.problems)
        if problems:
            skipped = sum(1 for p in problems if p.skipped)
            text = f"The corpus has {len(problems)} problem(s)"
            if skipped:
                text += f"; {skipped} document(s) could not be loaded"
            self.notify(text + ". Press F6 to see them.", severity="warning", timeout=8, markup=False)
        for screen in self.screen_stack:
            screen.post_message(EngineReady(engine))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if report_worker_failure(self, event.worker, event.state) and event.worker.group == "index":
            reason = describe(event.worker.error)
            for screen in self.screen_stack:
                screen.post_message(EngineFailed(reason))

    async def action_quit(self) -> None:
        # Quit is a priority key, so it reaches the app even from a dialog or the palette; a screen
        # holding unwritten work (the draft review) is asked first and may ask the user.
        ask = getattr(self.screen, "action_quit", None)
        if ask is not None:
            ask()
            return
        self.exit(0)

    def _check_terminal(self, watch: TerminalWatch) -> None:
        if watch.gone():
            self.terminal_gone()

    def terminal_gone(self) -> None:
        """The terminal has closed, so nobody can answer a question now: keep what a screen holds
        unwritten (each screen with such work has `keep_unwritten`), then leave."""
        log.warning("the terminal has closed; scrbrowse is leaving")
        for screen in self.screen_stack:
            keep = getattr(screen, "keep_unwritten", None)
            if keep is not None:
                keep()
        self.exit(TERMINAL_GONE)

    def on_unmount(self) -> None:
        gc_tuning.release()
        if self.engine is not None:
            try:
                self.engine.close()
            except Exception:  # closing must never stop the app from exiting
                log.exception("closing the index failed")

    # ----- screens and themes

    @property
    def browse(self) -> BrowseScreen:
        for screen in self.screen_stack:
            if isinstance(screen, BrowseScreen):
                return screen
        raise RuntimeError("the browser screen is not running")

    def back_to_browser(self, then: Callable[[BrowseScreen], object] | None = None) -> None:
        """Close the screens above the browser, then (once it is showing) call `then` on it."""
        browse = self.browse
        while len(self.screen_stack) > 1 and self.screen is not browse:
            self.pop_screen()
        if then is not None:
            browse.call_later(then, browse)

    def _open_screen(self, kind: type[Screen[None]]) -> None:
        """Show one of the session screens over the browser (never stacked on one another)."""
        if isinstance(self.screen, (ModalScreen, kind)):
            return  # a dialog or the help screen has the keys; the screen is already there
        self.back_to_browser()
        self.push_screen(kind())

    def action_show_pack(self) -> None:
        self._open_screen(PackScreen)

    def action_show_pack_list(self) -> None:
        self._open_screen(PackScreen)
        if isinstance(self.screen, PackScreen):
            self.push_screen(PacksScreen())

    def action_question_bank(self) -> None:
        self._open_screen(QuestionBankScreen)

    def action_themes_overview(self) -> None:
        self._open_screen(ThemesScreen)

    def action_ingest(self) -> None:
        if isinstance(self.screen, ModalScreen):
            return
        self.push_screen(IngestScreen(), self._ingested)

    def _ingested(self, added: object) -> None:
        if not isinstance(added, Added):
            return
        checks = f"{added.checks} thing{'s' if added.checks != 1 else ''} to check"
        self.notify(f"Added a draft record: {added.path.name} ({checks}). It is open in the browser; "
                    f"{self.browse.key_display('review_draft')} reviews it beside its source.",
                    timeout=10, markup=False)
        self.back_to_browser(lambda browse: browse.show_new_document(added.doc_id))

    def action_review_draft(self) -> None:
        if not isinstance(self.screen, BrowseScreen):
            return
        screen = open_review(self.browse.shown_document(), self.engine)
        if isinstance(screen, str):
            self.notify(screen, timeout=5, markup=False)
            return
        self.push_screen(screen, self._reviewed)

    def _reviewed(self, done: object) -> None:
        if not isinstance(done, Reviewed):
            return
        self.notify(f"Marked as checked: {done.path.name}. The draft was kept in "
                    f"{done.draft_copy.parent.name}/.", timeout=8, markup=False)
        self.back_to_browser(lambda browse: browse.show_new_document(done.doc_id))

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_show_warnings(self) -> None:
        if isinstance(self.screen, WarningsScreen):
            return
        problems = [*self.setting_problems, *(self.engine.problems if self.engine else ())]
        messages = list(self.engine.status.messages) if self.engine else []
        self.push_screen(WarningsScreen(problems, messages))

    def action_toggle_dark(self) -> None:
        self.theme = "textual-light" if self.current_theme.dark else "textual-dark"

    def action_use_theme(self, name: str) -> None:
        if name in self.available_themes:
            self.theme = name

    def _remember_theme(self) -> None:
        """Keep the chosen theme in config.yaml (never over a file that had problems)."""
        if self.config.problems or self.config.theme == self.theme:
            return
        self.config.theme = self.theme
        try:
            save_config(self.config)
        except OSError as exc:
            log.warning("could not save the theme to the config file: %s", exc)


def run_app(ctx: CliContext, args: argparse.Namespace) -> int:
    app = ScrbrowseApp(ctx.corpus_dir, ctx.index_dir)
    result = app.run()
    return result if isinstance(result, int) else 0
