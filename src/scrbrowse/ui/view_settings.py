"""How the browser is laid out (compact results, the results pane's width), remembered between runs.

Kept in `view.yaml` beside `config.yaml`, not in it: these change with a key press, and config.yaml is
the user's own file (with their comments), only written when they change a setting there. Nothing
about what was searched or read is kept.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from ..paths import config_dir
from ..yamlio import YamlFileError, atomic_write_text, dump_yaml, read_yaml_file

VIEW_FILE = "view.yaml"
MIN_WIDTH, MAX_WIDTH = -30, 40  # how far the keys move the results pane from its automatic width
log = logging.getLogger("scrbrowse")


@dataclass
class ViewSettings:
    compact: bool = False
    results_width: int = 0  # columns added to (or taken from) the automatic width

    @staticmethod
    def path() -> Path:
        return config_dir() / VIEW_FILE

    @classmethod
    def load(cls, path: Path | None = None) -> ViewSettings:
        path = path or cls.path()
        try:
            data = read_yaml_file(path, max_bytes=16 * 1024) if path.exists() else None
        except (YamlFileError, OSError) as exc:  # a damaged file only loses the layout
            log.warning("view settings not read (%s): %s", path, exc)
            return cls()
        if not isinstance(data, dict):
            return cls()
        compact = data.get("compact") is True
        width = data.get("results_width")
        width = width if isinstance(width, int) and not isinstance(width, bool) else 0
        return cls(compact, max(MIN_WIDTH, min(MAX_WIDTH, width)))

    def save(self, path: Path | None = None) -> None:
        path = path or self.path()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_text(path, dump_yaml({"compact": self.compact, "results_width": self.results_width}),
                              mode=0o600)
        except OSError as exc:
            log.warning("view settings not saved (%s): %s", path, exc)


SIDEBAR_WIDTH = 26  # the filters' width in the stylesheet (scrbrowse.tcss)
# From this many columns the filters widen, so a long theme or agency name ("Child protection
# processes") keeps to one line: there is room to spare beside the document then.
WIDE_SIDEBAR_FROM = 180
WIDE_SIDEBAR_WIDTH = 38


def sidebar_width(total: int) -> int | None:
    """The filters' width for a terminal `total` columns wide; None: the stylesheet's."""
    return WIDE_SIDEBAR_WIDTH if total >= WIDE_SIDEBAR_FROM else None


def results_width(total: int, sidebar: bool, adjust: int) -> int:
    """The results pane's width for a terminal `total` columns wide: about 38% of what the sidebar
    leaves (never under 36 or over 80 columns), plus the user's adjustment, leaving the document 40."""
    room = total - ((sidebar_width(total) or SIDEBAR_WIDTH) + 1 if sidebar else 0)  # + its border
    width = round(room * 0.38) + adjust
    return max(28, min(width, 80 + adjust, room - 40))
