"""Option lists that repaint less, for lists refilled while the user types (Textual 8.2).

`ScrollView._size_updated` compares the sizes the compositor passes on each layout pass with its own
virtual size (the list's lines), which differ whenever the list is longer than its view, so every pass
(a key typed in the search box was one) refreshed the list's scrollbar and with it every screen line
beside it. The sizes are compared with the ones passed last time instead.

(Keeping OptionList's laid-out lines over a height-only resize was tried too: it left the scrollbar
drawn for the old line count.)
"""

from __future__ import annotations

from textual.geometry import Size
from textual.widgets import OptionList


class SteadyOptionList(OptionList):
    _passed_sizes: tuple[Size, Size, Size] | None = None

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        sizes = (size, virtual_size, container_size)
        if sizes == self._passed_sizes and size == self.size:
            return False  # nothing moved: the scrollbars are as they were
        self._passed_sizes = sizes
        return super()._size_updated(size, virtual_size, container_size, layout)
