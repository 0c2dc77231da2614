"""One passage of a document (a learning point, a question, a section, ...) as a focusable widget.

Each has a stable DOM id derived from the item id, and knows its (doc_id, item_id, kind), so a key
that acts on "the passage I am on" (for example adding it to a session pack) needs nothing else.
"""

from __future__ import annotations

import re
from typing import ClassVar

from textual.content import Content
from textual.style import Style
from textual.widgets import Static

from ..reading import PassageRef
from ..text import component_style, highlighted, literal

_UNSAFE = re.compile(r"[^A-Za-z0-9_-]")
IN_PACK = "● in pack"


def passage_dom_id(item_id: str) -> str:
    """A valid, stable DOM id for a passage (item ids are unique within a document)."""
    return "passage-" + _UNSAFE.sub("_", item_id)


# Component classes whose background is part of their look (a marked word, a restriction).
_OWN_BACKGROUND = frozenset({"passage--match"})


class PassageView(Static, can_focus=True):
    COMPONENT_CLASSES: ClassVar[set[str]] = {"passage--match", "passage--title", "passage--number", "passage--note",
                                             "passage--in-pack"}
    DEFAULT_CSS = """
    PassageView { padding: 0 1 1 1; border-left: blank; }
    PassageView:focus { background: $boost; border-left: thick $accent; }
    PassageView.-matched { border-left: tall $warning 60%; }
    PassageView.-matched:focus { border-left: thick $accent; }
    PassageView > .passage--match { text-style: bold underline; color: $text-warning;
                                    background: $warning-muted; }
    PassageView > .passage--title { text-style: bold; }
    PassageView > .passage--number { text-style: bold; color: $text-accent; }
    PassageView > .passage--note { color: $text-muted; }
    PassageView.-question { padding: 0 2 1 2; }
    PassageView > .passage--in-pack { text-style: bold; color: $text-success; }
    """

    def __init__(self, ref: PassageRef, body: str, spans: list[tuple[int, int]], *,
                 title: str | None = None, number: str | None = None, note: str | None = None,
                 classes: str = "", in_pack: bool = False) -> None:
        super().__init__(id=passage_dom_id(ref.item_id), classes=classes)
        self.ref = ref
        self.body = body
        self.spans = spans
        self.title = title
        self.number = number
        self.note = note
        self._in_pack = in_pack
        self.set_class(bool(spans), "-matched")
        self.set_class(in_pack, "-in-pack")

    @property
    def in_pack(self) -> bool:
        """In the current session pack: a "● in pack" line is shown under it."""
        return self._in_pack

    @in_pack.setter
    def in_pack(self, value: bool) -> None:
        if value != self._in_pack:
            self._in_pack = value
            self.set_class(value, "-in-pack")
            self.refresh(layout=True)  # one line more or less

    @property
    def matched(self) -> bool:
        return bool(self.spans)

    def render(self) -> Content:
        def style(name: str) -> Style:
            return component_style(self, name, background=name in _OWN_BACKGROUND)

        parts: list[Content] = []
        if self.title:
            parts.append(literal(self.title, one_line=True).stylize(style("passage--title")))
        text = highlighted(self.body, self.spans, style("passage--match"))
        if self.number:
            text = Content(f"{self.number}. ").stylize(style("passage--number")) + text
        parts.append(text)
        if self.note:
            parts.append(literal(self.note).stylize(style("passage--note")))
        if self._in_pack:
            parts.append(Content(IN_PACK).stylize(style("passage--in-pack")))
        return Content("\n").join(parts)
