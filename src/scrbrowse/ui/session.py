"""The session pack as the app sees it: which pack is current, adding and removing items, saving after
every change, and what to tell the user when a pack file is damaged or was changed by someone else.

All pack I/O of the app goes through here (the core, `scrbrowse.packs`, does the real work). Saves
run on the UI thread: a pack is a few kilobytes written atomically, and doing it in order, at once,
means a change is on disk before the next key is handled.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..packs import (
    LoadResult,
    LoadStatus,
    Pack,
    PackConflictError,
    PackError,
    PackItem,
    PackStore,
    make_name,
)
from ..textsafe import one_line
from .messages import PackChanged
from .screens.dialogs import ChoiceScreen

if TYPE_CHECKING:
    from textual.app import App

log = logging.getLogger("scrbrowse")

Keys = set[tuple[str, str | None]]


def item_phrase(item: PackItem) -> str:
    """"question 3", "learning point", "the whole document": for "Added … to …" messages."""
    label = item.label
    return "the whole document" if label == "Whole document" else label[:1].lower() + label[1:]


class PackSession:
    """The current pack of one running app."""

    def __init__(self, app: App[Any], store: PackStore | None = None) -> None:
        self.app = app
        self.store = store if store is not None else PackStore()
        self.pack: Pack | None = None
        # The last load of the current pack: its status and message stay on the pack screen until
        # another pack is opened, so a damaged file is explained where the user will look.
        self.load_result: LoadResult | None = None
        self._conflict_open = False

    # ----- what the screens show

    @property
    def keys(self) -> Keys:
        return self.pack.keys() if self.pack is not None else set()

    def label(self) -> str | None:
        """"Pack: Safe sleep session (5)", or None when no pack is open."""
        if self.pack is None:
            return None
        return f"Pack: {one_line(self.pack.title, 40)} ({len(self.pack.items)})"

    @property
    def message(self) -> str:
        result = self.load_result
        return result.message if result is not None and result.status != LoadStatus.OK else ""

    def changed(self) -> None:
        for screen in self.app.screen_stack:
            screen.post_message(PackChanged())

    # ----- opening

    def open_current(self) -> None:
        """At start-up: open the current pack if there is one (never create one here)."""
        name = self.store.current()
        if name is not None:
            self._take(self.store.load(name))

    def open(self, name: str) -> bool:
        """Make `name` the current pack and open it. False (after saying why) if it cannot be."""
        try:
            self.store.set_current(name)
        except PackError as exc:
            self._error(str(exc))
            return False
        self._take(self.store.load(name))
        return self.pack is not None

    def reload(self) -> None:
        if self.pack is not None:
            self._take(self.store.load(self.pack.name))
        elif self.load_result is not None:
            self._take(self.store.load(self.load_result.name))

    def ensure(self) -> Pack | None:
        """The pack to add to: the open one, else the current one, else a new "Session <date>"."""
        if self.pack is not None:
            return self.pack
        try:
            result = self.store.ensure_current()
        except PackError as exc:
            self._error(f"Could not start a session pack: {exc}")
            return None
        self._take(result)  # a damaged current pack is announced there, with what to do
        return self.pack

    def _take(self, result: LoadResult, *, announce: bool = True) -> None:
        self.load_result = result
        self.pack = result.pack
        if announce and result.status != LoadStatus.OK:
            self._announce(result)
        self.changed()

    def _announce(self, result: LoadResult) -> None:
        if result.status == LoadStatus.FAILED:
            text = (f"The session pack '{result.name}' could not be opened, and nothing was changed. "
                    "Press F2 to read why and what to do.")
            self.app.notify(text, severity="error", timeout=12, markup=False)
        elif result.status in (LoadStatus.REPAIRED, LoadStatus.RECOVERED):
            what = "was repaired" if result.status == LoadStatus.REPAIRED else \
                "was recovered from its backup copy"
            text = (f"The session pack '{result.name}' {what}; the damaged file was kept. "
                    "Press F2 to read what happened.")
            self.app.notify(text, severity="warning", timeout=12, markup=False)
        elif result.status == LoadStatus.MISSING:
            self.app.notify(one_line(result.message, 200), severity="warning", markup=False)

    # ----- changing

    def toggle(self, item: PackItem) -> bool | None:
        """Add the item, or remove it if it is already in the pack. True: now in the pack; False:
        removed; None: nothing could be done (the user has been told why)."""
        pack = self.ensure()
        if pack is None or not self.writable(pack):
            return None
        now_in = pack.toggle(item)
        self.save()
        title = one_line(pack.title, 40)
        count = f"{len(pack.items)} item{'s' if len(pack.items) != 1 else ''}"
        if now_in:
            text = f"Added {item_phrase(item)} to “{title}” ({count})."
            if item.restriction is not None:
                text += (f" It is marked {item.restriction.label.upper()}; the mark goes with it into "
                         "the pack and every export.")
        else:
            text = f"Removed {item_phrase(item)} from “{title}” ({count}). Ctrl+Z puts it back."
        self.app.notify(text, timeout=4, markup=False)
        return now_in

    def writable(self, pack: Pack) -> bool:
        if pack.read_only:
            self._error("This pack is open read-only because its damaged file could not be set "
                        "aside; fix the file first (press F2 to read the message).")
            return False
        return True

    def update(self, change: Callable[[Pack], object]) -> bool:
        """Apply a change to the open pack and save it. False if there is no writable pack."""
        pack = self.pack
        if pack is None or not self.writable(pack):
            return False
        change(pack)
        self.save()
        return True

    def save(self, *, force: bool = False) -> bool:
        """Save the open pack. On a conflict (the file changed on disk) ask what to do."""
        pack = self.pack
        if pack is None:
            return False
        try:
            self.store.save(pack, force=force)
        except PackConflictError as exc:
            self.changed()  # the screens show what is in memory, which is not yet saved
            self._ask_about_conflict(str(exc))
            return False
        except PackError as exc:
            self.changed()
            self._error(str(exc))
            return False
        except OSError as exc:  # the core turns these into PackError; this is a last resort
            log.exception("saving pack %s failed", pack.name)
            self.changed()
            self._error(f"Could not save the pack: {exc}")
            return False
        self.changed()
        return True

    def _ask_about_conflict(self, message: str) -> None:
        if self._conflict_open:
            return  # one question at a time; the next save asks again if still needed
        self._conflict_open = True

        def answered(choice: object) -> None:
            self._conflict_open = False
            if choice == "reload":
                self.reload()
                self.app.notify("Reloaded the pack as it is on disk.", timeout=4, markup=False)
            elif choice == "force":
                if self.save(force=True):
                    self.app.notify("Saved your version of the pack.", timeout=4, markup=False)
            else:
                self.app.notify("Not saved yet: your changes are kept on screen; the next change "
                                "asks again.", severity="warning", timeout=6, markup=False)

        body = (f"The pack file changed on disk since it was opened here (another scrbrowse window, "
                f"or the command line).\n\n{message[:1].upper()}{message[1:]}.\n\n"
                "Reload it to see the other version (your last change here is dropped), or save "
                "yours over it.")
        self.app.push_screen(ChoiceScreen("The pack changed elsewhere", body,
                                          [("reload", "Reload from disk"),
                                           ("force", "Save mine anyway"),
                                           ("cancel", "Decide later")]), answered)

    # ----- packs

    def create(self, title: str) -> bool:
        try:
            pack = self.store.create(title)
            self.store.set_current(pack.name)
        except PackError as exc:
            self._error(str(exc))
            return False
        self._take(LoadResult(pack.name, LoadStatus.OK, pack))
        self.app.notify(f"Started the pack “{one_line(pack.title, 40)}”; the browser adds to it now.",
                        timeout=4, markup=False)
        return True

    def rename(self, name: str, title: str) -> str | None:
        """Give pack `name` a new title (and the file name that goes with it)."""
        try:
            new_name = self.store.rename(name, make_name(title), title=title)
        except PackError as exc:
            self._error(str(exc))
            return None
        current = self.pack.name if self.pack is not None else \
            (self.load_result.name if self.load_result else None)
        if current == name:
            self._take(self.store.load(new_name), announce=False)
        return new_name

    def delete(self, name: str) -> bool:
        try:
            trashed = self.store.delete(name)
        except PackError as exc:
            self._error(str(exc))
            return False
        current = self.pack.name if self.pack is not None else \
            (self.load_result.name if self.load_result else None)
        if current == name:
            self.pack = None
            self.load_result = None
            self.changed()
        self.app.notify(f"Deleted the pack '{name}'. Its file was moved to {trashed.parent}; move it "
                        "back to restore it.", timeout=6, markup=False)
        return True

    def _error(self, text: str) -> None:
        self.app.notify(one_line(text, 300), severity="error", timeout=10, markup=False)


def session_of(app: object) -> PackSession:
    """The running app's pack session (every scrbrowse screen runs inside ScrbrowseApp)."""
    session = getattr(app, "session", None)
    if not isinstance(session, PackSession):
        raise RuntimeError("this screen needs the scrbrowse app's pack session")
    return session
