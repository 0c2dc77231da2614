"""Option lists that repaint less, for lists refilled while the user types (see `ui/compat.py`)."""

from __future__ import annotations

from ..compat import SteadyOptionList

__all__ = ["SteadyOptionList"]
