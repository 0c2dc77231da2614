"""The facet sidebar: theme, agency, board/area, year and document type, with counts and tick boxes.

One keyboard stop for all facets (a single option list with fold-able headings), so Tab moves between
panes rather than through five lists. Ticking posts `FacetList.Toggled`; the screen re-searches.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from ...search.api import FACETS, FacetValue, Filters
from ..bindings import bindings
from ..text import component_style, literal
from .steady import SteadyOptionList

FACET_LABELS: dict[str, str] = {
    "theme": "Themes",
    "agency": "Agencies",
    "board": "Board / area",
    "year": "Year",
    "doc_type": "Document type",
}
# Long facets show their most frequent values first and fold the rest behind "more".
SHORT_LIST = 8


@dataclass(frozen=True, slots=True)
class Row:
    kind: str  # "heading", "value", "more"
    facet: str
    value: str = ""

    @property
    def key(self) -> str:
        return f"{self.kind}\x1f{self.facet}\x1f{self.value}"


class FacetList(SteadyOptionList):
    BINDINGS = bindings("cursor_down", "cursor_up", "toggle_facet")
    COMPONENT_CLASSES: ClassVar[set[str]] = {"facet--heading", "facet--count", "facet--more", "facet--ticked"}
    DEFAULT_CSS = """
    FacetList, FacetList:focus { border: none; padding: 0; background: transparent; }
    FacetList > .facet--heading { text-style: bold; color: $text-primary; }
    FacetList > .facet--count { color: $text-muted; }
    FacetList > .facet--more { color: $text-muted; text-style: italic; }
    FacetList > .facet--ticked { text-style: bold; }
    """

    class Toggled(Message):
        def __init__(self, facet: str, value: str) -> None:
            super().__init__()
            self.facet = facet
            self.value = value

    def __init__(self, *, id: str | None = None, names: tuple[str, ...] = FACETS) -> None:
        super().__init__(id=id)
        self._names = names  # which facets to list (the question bank has themes and agencies)
        self._facets: dict[str, tuple[FacetValue, ...]] = {}
        self._filters = Filters()
        self._rows: list[Row] = []
        self._folded: set[str] = set()
        self._expanded: set[str] = set()
        self._built_width = 0

    @property
    def rows(self) -> list[Row]:
        return list(self._rows)

    def show_facets(self, facets: dict[str, tuple[FacetValue, ...]], filters: Filters) -> None:
        if facets == self._facets and filters == self._filters and self._rows:
            return  # unchanged: rebuilding would only repaint the same rows
        self._facets = facets
        self._filters = filters
        self._rebuild()

    def value_rows(self, facet: str) -> list[tuple[FacetValue, bool]]:
        """(value, ticked) as currently listed, for tests and the command palette."""
        out = []
        for row in self._rows:
            if row.kind == "value" and row.facet == facet:
                fv = self._find(facet, row.value)
                if fv is not None:
                    out.append((fv, row.value in self._filters.get(facet)))
        return out

    def _find(self, facet: str, value: str) -> FacetValue | None:
        for fv in self._facets.get(facet, ()):
            if fv.value == value:
                return fv
        return None

    def _visible_values(self, facet: str) -> tuple[list[FacetValue], int]:
        ticked = self._filters.get(facet)
        values = [fv for fv in self._facets.get(facet, ()) if fv.count > 0 or fv.value in ticked]
        # Ticked values the engine did not return still need a row, so they can be unticked.
        listed = {fv.value for fv in values}
        values += [FacetValue(v, v, 0, True) for v in sorted(ticked - listed)]
        if facet in self._expanded or len(values) <= SHORT_LIST + 1:
            return values, 0
        keep = [fv for i, fv in enumerate(values) if i < SHORT_LIST or fv.value in ticked]
        return keep, len(values) - len(keep)

    def _rebuild(self) -> None:
        highlighted = self.highlighted
        old_key = self._rows[highlighted].key if highlighted is not None and \
            highlighted < len(self._rows) else None
        heading_style = component_style(self, "facet--heading")
        count_style = component_style(self, "facet--count")
        more_style = component_style(self, "facet--more")
        ticked_style = component_style(self, "facet--ticked")
        self._built_width = self.scrollable_content_region.width
        width = (self._built_width or 26) - 2
        rows: list[Row] = []
        options: list[Option | None] = []
        for facet in self._names:
            values, hidden = self._visible_values(facet)
            folded = facet in self._folded
            n_ticked = len(self._filters.get(facet))
            title = FACET_LABELS.get(facet, facet)
            heading = Content(("▸ " if folded else "▾ ") + title).stylize(heading_style)
            if n_ticked:
                heading = heading + Content(f"  {n_ticked} ticked").stylize(count_style)
            if rows:
                options.append(None)
            rows.append(Row("heading", facet))
            options.append(Option(heading, id=rows[-1].key))
            if folded:
                continue
            if not values:
                rows.append(Row("more", facet, "\x00none"))
                options.append(Option(Content("  (none)").stylize(more_style), id=rows[-1].key,
                                      disabled=True))
                continue
            for fv in values:
                ticked = fv.value in self._filters.get(facet)
                box = Content("[x] " if ticked else "[ ] ")
                count = f" {fv.count}"
                # The whole label, wrapped under itself; the count at the right edge of its first line.
                room = max(6, width - len(box.plain) - len(count))
                text = literal(fv.label or fv.value, one_line=True).plain
                pieces = textwrap.wrap(text, room, break_long_words=True) or [""]
                first = Content(pieces[0])
                rest = [Content(" " * len(box.plain) + piece) for piece in pieces[1:]]
                if ticked:
                    first = first.stylize(ticked_style)
                    rest = [r.stylize(ticked_style) for r in rest]
                pad = Content(" " * max(0, room - len(first.plain)))
                prompt = Content("\n").join([box + first + pad + Content(count).stylize(count_style), *rest])
                rows.append(Row("value", facet, fv.value))
                options.append(Option(prompt, id=rows[-1].key))
            if hidden:
                rows.append(Row("more", facet))
                options.append(Option(Content(f"  … {hidden} more").stylize(more_style),
                                      id=rows[-1].key))
        self._rows = rows
        self.clear_options()
        self.add_options(options)
        if old_key is not None:
            for i, row in enumerate(rows):
                if row.key == old_key:
                    self.highlighted = i
                    break
            else:
                self.highlighted = min(highlighted or 0, len(rows) - 1) if rows else None

    def on_resize(self) -> None:
        width = self.scrollable_content_region.width
        if self._facets and width != self._built_width:  # labels are cut to the width
            self._rebuild()

    def action_toggle_value(self) -> None:
        index = self.highlighted
        if index is None or index >= len(self._rows):
            return
        row = self._rows[index]
        if row.kind == "heading":
            self._folded ^= {row.facet}
            self._rebuild()
        elif row.kind == "more":
            self._expanded.add(row.facet)
            self._rebuild()
        else:
            self.post_message(self.Toggled(row.facet, row.value))

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        # A mouse click selects: treat it like Space.
        event.stop()
        self.action_toggle_value()


class FacetSidebar(Vertical):
    DEFAULT_CSS = """
    FacetSidebar { height: 1fr; }
    FacetSidebar > Label { padding: 0 1; text-style: bold; color: $text-muted; }
    """

    def compose(self) -> ComposeResult:
        yield Label(Content("Filters"), id="facets-title")
        yield FacetList(id="facet-list")

    @property
    def list(self) -> FacetList:
        return self.query_one(FacetList)
