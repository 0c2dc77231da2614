"""The only place scrbrowse reaches into Textual's private methods (Textual 8.2.8 is pinned).

Each override here saves repaint work while the user types; nothing breaks without them, the app just
does more work per key. `tests/ui/test_compat.py` checks every private name and signature used here,
so a Textual upgrade that changes them fails that test instead of silently dropping the saving.
"""

from __future__ import annotations

from typing import Self

from textual.geometry import Region, Size
from textual.widgets import Input, OptionList

# (class, private method, its parameters after self): what test_compat checks.
OVERRIDDEN: tuple[tuple[type, str, tuple[str, ...]], ...] = (
    (Input, "_watch_value", ("value",)),
    (OptionList, "_size_updated", ("size", "virtual_size", "container_size", "layout")),
)


class QuietInput(Input):
    """An Input whose keys repaint only the box.

    A key grows the text's virtual size, which asks for a layout of the whole screen (and a repaint of
    much of it) on every key; a box of fixed size needs only its own repaint. `_watch_value` is where
    Textual reacts to the new value, so the layout request is dropped only while it runs."""

    _in_value_change = False

    def _watch_value(self, value: str) -> None:
        self._in_value_change = True
        try:
            super()._watch_value(value)
        finally:
            self._in_value_change = False

    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False,
                recompose: bool = False) -> Self:
        if self._in_value_change and not self.styles.auto_dimensions:
            layout = False
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)


class SteadyOptionList(OptionList):
    """An option list that does not repaint its scrollbar (and every screen line beside it) on each
    layout pass: `ScrollView._size_updated` compares the compositor's sizes with its own virtual size,
    which differ whenever the list is longer than its view; here they are compared with the sizes passed
    last time instead."""

    _passed_sizes: tuple[Size, Size, Size] | None = None

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        sizes = (size, virtual_size, container_size)
        if sizes == self._passed_sizes and size == self.size:
            return False  # nothing moved: the scrollbars are as they were
        self._passed_sizes = sizes
        return super()._size_updated(size, virtual_size, container_size, layout)
