"""Each private Textual method that `ui/compat.py` overrides still exists with the parameters it expects:
a Textual upgrade that renames or reshapes one fails here, not silently in the app."""

from __future__ import annotations

import inspect

import pytest

from scrbrowse.ui.compat import OVERRIDDEN, QuietInput, SteadyOptionList


@pytest.mark.parametrize(("cls", "name", "params"), OVERRIDDEN, ids=lambda v: getattr(v, "__name__", str(v)))
def test_the_private_method_is_still_there(cls: type, name: str, params: tuple[str, ...]) -> None:
    method = getattr(cls, name, None)
    assert callable(method), f"{cls.__name__}.{name} is gone: review ui/compat.py"
    assert tuple(inspect.signature(method).parameters)[1:] == params


def test_every_override_is_declared() -> None:
    overridden = {(base, name) for base, name, _ in OVERRIDDEN}
    for cls in (QuietInput, SteadyOptionList):
        private = {n for n in vars(cls) if n.startswith("_") and not n.startswith("__") and callable(vars(cls)[n])}
        for name in private:
            assert any(issubclass(cls, base) and name == n for base, n in overridden), name
