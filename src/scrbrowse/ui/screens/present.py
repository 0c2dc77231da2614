"""Presentation mode: one reflective question or learning point at a time, large and centred, for
reading aloud in supervision or showing on a shared screen.

A terminal has one font size, so "large" means: the text alone in the middle of the screen, bold,
with wide margins and short lines, its review under it and any restriction or draft mark above it in
the app's fixed marks. → (or space, Page Down) and ← (Page Up) step through the pack's items, the
listed questions of the bank, or a document's questions; Esc goes back to where you were.

The slides are built by plain functions (no Textual) from a pack, the bank's questions (those
listed so far) or a document.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from textual.app import App, ComposeResult
from textual.containers import Center, Vertical, VerticalScroll
from textual.content import Content
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import Footer, Static

from ...model import Document, Restriction
from ...packs import Pack
from ...search.api import BankQuestion
from ..backend import Engine
from ..bindings import bindings
from ..text import literal
from ..theme import draft_mark, restriction_mark

TEXT_MAX = 72  # the longest line a slide's text is set to: short lines read aloud better
MARGIN_MIN = 2


@dataclass(frozen=True, slots=True)
class Slide:
    label: str  # "Question 3", "Learning point", "Own question"
    text: str
    source: str  # the citation line ("Child K (Hampshire) · Board · Title · 2018-03"), or ""
    restriction: Restriction | None = None
    draft: bool = False


def slides_from_pack(pack: Pack) -> list[Slide]:
    """Every item of the pack, in the pack's order (whole documents show their summary)."""
    return [Slide(item.label, item.text, "" if item.own else item.citation.line(with_id=False),
                  item.restriction, item.draft) for item in pack.items]


def slides_from_questions(entries: Iterable[BankQuestion]) -> list[Slide]:
    out = []
    for e in entries:
        label = f"Question {e.number}" if e.number is not None else "Question"
        source = " · ".join(b for b in (e.review, e.board, e.document, e.published or "undated") if b)
        out.append(Slide(label, e.text, source, e.restriction, e.draft))
    return out


def slides_from_document(doc: Document) -> list[Slide]:
    """A document's reflective questions; a document with none shows its learning points."""
    source = doc.citation()
    if doc.reflective_questions:
        return [Slide(f"Question {q.number if q.number is not None else n}", q.text, source,
                      doc.restriction, doc.draft)
                for n, q in enumerate(doc.reflective_questions, 1)]
    return [Slide("Learning point", lp.text, source, doc.restriction, doc.draft)
            for lp in doc.learning_points]


class PresentScreen(Screen[None]):
    BINDINGS = bindings("present_next", "present_previous", "present_close")
    DEFAULT_CSS = """
    PresentScreen { background: $background; }
    PresentScreen #present-top { height: auto; padding: 0 2; }
    PresentScreen #present-where { color: $text-muted; width: 1fr; }
    PresentScreen #present-marks { height: auto; width: auto; padding-bottom: 1; }
    PresentScreen #present-body { height: 1fr; align: center middle; }
    PresentScreen #present-slide { height: auto; width: 100%; align: center middle; }
    PresentScreen #present-label { width: auto; color: $text-accent; text-style: bold;
                                   padding-bottom: 1; }
    PresentScreen #present-text { width: auto; text-style: bold; color: $text; padding: 1 0;
                                  text-align: center; }
    PresentScreen #present-source { width: auto; color: $text-muted; padding-top: 1;
                                    text-align: center; }
    """

    def __init__(self, slides: Sequence[Slide], *, start: int = 0, title: str = "") -> None:
        super().__init__(id="present")
        self.slides = list(slides)
        self.index = max(0, min(start, len(self.slides) - 1)) if self.slides else 0
        self.title_text = title
        self.sub_title = "Presenting"

    def compose(self) -> ComposeResult:
        with Vertical(id="present-top"):
            yield Static(Content(""), id="present-where")
        with VerticalScroll(id="present-body", can_focus=False), Vertical(id="present-slide"):
            with Center():
                yield Static(Content(""), id="present-marks")
            with Center():
                yield Static(Content(""), id="present-label")
            with Center():
                yield Static(Content(""), id="present-text")
            with Center():
                yield Static(Content(""), id="present-source")
        yield Footer()

    def on_mount(self) -> None:
        self.show()

    def on_resize(self, _event: Resize) -> None:
        self.show()

    @property
    def current(self) -> Slide | None:
        return self.slides[self.index] if self.slides else None

    def _measure(self) -> int:
        """The width of the slide's text: at most TEXT_MAX, with a margin of a fifth each side."""
        width = self.size.width or 80
        margin = max(MARGIN_MIN, width // 5)
        return max(20, min(TEXT_MAX, width - 2 * margin))

    def show(self) -> None:
        slide = self.current
        where = self.query_one("#present-where", Static)
        marks = self.query_one("#present-marks", Static)
        label = self.query_one("#present-label", Static)
        text = self.query_one("#present-text", Static)
        source = self.query_one("#present-source", Static)
        measure = self._measure()
        for widget in (label, text, source):
            widget.styles.max_width = measure
        if slide is None:
            where.update(literal(self.title_text, one_line=True))
            marks.update(Content(""))
            label.update(Content(""))
            text.update(Content("Nothing to present: there are no questions or points here."))
            source.update(Content(""))
            return
        heading = Content(f"{self.index + 1} of {len(self.slides)}")
        if self.title_text:
            heading = heading + Content(" · ") + literal(self.title_text, one_line=True)
        where.update(heading + Content("   → next · ← previous · Esc back"))
        bits = []
        if slide.restriction is not None:
            bits.append(restriction_mark(slide.restriction))
        if slide.draft:
            bits.append(draft_mark())
        marks.update(Content("  ").join(bits))
        marks.display = bool(bits)
        label.update(literal(slide.label, one_line=True))
        text.update(literal(slide.text))
        source.update(literal(slide.source, one_line=True))
        self.query_one("#present-body", VerticalScroll).scroll_home(animate=False)

    def action_step(self, delta: int) -> None:
        if not self.slides:
            return
        new = max(0, min(len(self.slides) - 1, self.index + delta))
        if new == self.index:
            self.app.bell()  # the first or last: say so without words on the shared screen
            return
        self.index = new
        self.show()

    def action_next_slide(self) -> None:
        self.action_step(1)

    def action_previous_slide(self) -> None:
        self.action_step(-1)

    def action_close(self) -> None:
        self.dismiss()


def present_document(app: App[Any], engine: Engine | None, doc_id: str,
                     item_id: str | None = None) -> bool:
    """Present one document's questions (or points), from `item_id` when it is one of them."""
    doc = engine.document(doc_id) if engine is not None else None
    if doc is None:
        return False
    slides = slides_from_document(doc)
    ids = [q.id for q in doc.reflective_questions] or [lp.id for lp in doc.learning_points]
    start = ids.index(item_id) if item_id in ids else 0
    app.push_screen(PresentScreen(slides, start=start, title=doc.title))
    return True
