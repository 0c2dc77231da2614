"""The only place the bench reaches into Textual's private parts (Textual 8.2.8 is pinned).

The app phases time what a person sees, and Textual has no public hook for any of it:
- a paint is a call of `App._display` (the compositor has an update for the terminal);
- keys go in through the app's driver (`App._driver`) from a thread of their own, as a terminal's
  input thread sends them, made with `textual.keys._character_to_key`;
- the screen's compositor (`Screen._compositor`) is timed while it renders an update.
`tests/core/test_bench_hooks.py` checks every name here, so a Textual upgrade that changes one fails
there rather than leaving the bench's numbers silently wrong.
"""

from __future__ import annotations

from typing import Any

from textual import keys
from textual.app import App

# (class, private method, its parameters after self): what the test checks.
PAINT_METHOD: tuple[type, str, tuple[str, ...]] = (App, "_display", ("screen", "renderable"))


def driver_of(app: App[Any]) -> Any:
    """The running app's driver: `send_message` on it is how a terminal's keys arrive."""
    return app._driver


def compositor_of(screen: Any) -> Any:
    """The screen's compositor, whose `render_update` makes each repaint."""
    return screen._compositor


def key_name(character: str) -> str:
    """Textual's name for the key that types `character` ("a", "space", "full_stop"...)."""
    return keys._character_to_key(character)
