"""The review screen's two lists: the draft's items, and its tags and suggested tags.

Every label is literal `Content` built from the draft's text (corpus text: never markup).
"""

from __future__ import annotations

from typing import ClassVar

from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...ingest.review import ItemRef, TagRef
from ..bindings import bindings
from ..text import component_style, literal

ITEM_TEXT_MAX = 160


class ReviewList(OptionList):
    """An OptionList that keeps the highlight on the same row when it is refilled."""

    BINDINGS = bindings("cursor_down", "cursor_up")
    COMPONENT_CLASSES: ClassVar[set[str]] = {"review--mark", "review--meta", "review--suggested"}
    DEFAULT_CSS = """
    ReviewList { height: 1fr; border: none; padding: 0; background: transparent; }
    ReviewList:focus { border: none; background: transparent; }
    ReviewList > .review--mark { color: $success; text-style: bold; }
    ReviewList > .review--meta { color: $text-muted; }
    ReviewList > .review--suggested { color: $warning; text-style: bold; }
    """

    def refill(self, options: list[Option]) -> None:
        keep = self.highlighted
        with self.prevent(OptionList.OptionHighlighted):
            self.clear_options()
            self.add_options(options)
        if options:
            self.highlighted = min(keep or 0, len(options) - 1)


class ReviewItemList(ReviewList):
    """Learning points, questions, recommendations, ... in record order."""


    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.items: list[ItemRef] = []

    @property
    def current(self) -> ItemRef | None:
        i = self.highlighted
        return self.items[i] if i is not None and 0 <= i < len(self.items) else None

    def show_items(self, items: list[ItemRef], accepted: set[str]) -> None:
        self.items = items
        mark = component_style(self, "review--mark")
        meta = component_style(self, "review--meta")
        options = []
        for it in items:
            tick = Content("✓ " if it.id in accepted else "  ").stylize(mark)
            head = Content(f"{it.id} · {it.label}").stylize(meta)
            where = Content(f" · {it.source}").stylize(meta) if it.source else Content("")
            body = literal(it.text, one_line=True, limit=ITEM_TEXT_MAX)
            options.append(Option(Content.assemble(tick, head, where, Content("\n  "), body)))
        self.refill(options)


class ReviewTagList(ReviewList):
    """The record's tags (✓, seen in the search filters) then the suggestions (?, not until accepted)."""


    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.tags: list[TagRef] = []

    @property
    def current(self) -> TagRef | None:
        i = self.highlighted
        return self.tags[i] if i is not None and 0 <= i < len(self.tags) else None

    def show_tags(self, tags: list[TagRef]) -> None:
        self.tags = tags
        mark = component_style(self, "review--mark")
        suggested = component_style(self, "review--suggested")
        meta = component_style(self, "review--meta")
        options = []
        for t in tags:
            sign = (Content("? suggested ").stylize(suggested) if t.suggested
                    else Content("✓ ").stylize(mark))
            conf = f" {t.confidence:.2f}" if t.confidence is not None else ""
            evidence = "; ".join(t.evidence[:4])
            options.append(Option(Content.assemble(
                sign, literal(t.label, one_line=True), Content(f" ({t.kind}{conf})").stylize(meta),
                Content(" · ").stylize(meta) if evidence else Content(""),
                literal(evidence, one_line=True, limit=70).stylize(meta))))
        self.refill(options)
