"""Messages the app sends to its screens (widgets' own messages live with the widgets)."""

from __future__ import annotations

from textual.message import Message

from .backend import Engine


class EngineReady(Message):
    """The index is open: screens may search."""

    def __init__(self, engine: Engine) -> None:
        super().__init__()
        self.engine = engine


class EngineFailed(Message):
    """The index could not be opened; the app keeps running so the user can read why."""

    def __init__(self, reason: str) -> None:
        super().__init__()
        self.reason = reason


class IndexProgress(Message):
    """The index is being built or updated: `done` of `total` files."""

    def __init__(self, done: int, total: int) -> None:
        super().__init__()
        self.done = done
        self.total = total


class PackChanged(Message):
    """The current session pack changed (items, notes, or another pack was opened): redraw counts and
    "in pack" markers."""
