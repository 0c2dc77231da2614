"""Each private Textual name the bench's app phases use (`bench/textual_hooks.py`) is still there:
a Textual upgrade that renames or reshapes one fails here, not as wrong numbers in the bench."""

from __future__ import annotations

import inspect

from bench.textual_hooks import PAINT_METHOD, compositor_of, driver_of, key_name
from textual.app import App, ComposeResult
from textual.widgets import Input


def test_the_paint_method_is_still_there() -> None:
    cls, name, params = PAINT_METHOD
    method = getattr(cls, name, None)
    assert callable(method), f"{cls.__name__}.{name} is gone: review bench/textual_hooks.py"
    assert tuple(inspect.signature(method).parameters)[1:] == params


def test_key_names_for_typed_characters() -> None:
    assert [key_name(c) for c in "a ."] == ["a", "space", "full_stop"]


class _Typing(App[None]):
    def compose(self) -> ComposeResult:
        yield Input()


async def test_the_driver_takes_keys_and_the_compositor_renders() -> None:
    from textual import events

    app = _Typing()
    async with app.run_test() as pilot:
        driver = driver_of(app)
        assert callable(getattr(driver, "send_message", None))
        assert callable(getattr(compositor_of(app.screen), "render_update", None))
        key = events.Key(key_name("x"), "x")
        driver.send_message(key)
        await pilot.pause()
        assert app.query_one(Input).value == "x"
