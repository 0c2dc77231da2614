"""The Related tab's list: other documents of the same review, then related reviews."""

from __future__ import annotations

from typing import ClassVar

from textual.content import Content
from textual.message import Message
from textual.style import Style
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...search.api import DocumentHit
from ..bindings import bindings
from ..text import DRAFT_MARK, component_style, join, literal, restriction_mark


class RelatedList(OptionList):
    BINDINGS = bindings("cursor_down", "cursor_up", "open")
    COMPONENT_CLASSES: ClassVar[set[str]] = {"related--heading", "related--meta", "related--restricted",
                                             "related--draft"}
    DEFAULT_CSS = """
    RelatedList, RelatedList:focus { border: none; padding: 0; background: transparent;
                                     height: auto; max-height: 100%; }
    RelatedList > .related--heading { text-style: bold; color: $text-primary; }
    RelatedList > .related--meta { color: $text-muted; }
    RelatedList > .related--restricted { text-style: bold; color: $text-error; background: $error-muted; }
    RelatedList > .related--draft { text-style: bold; color: $text-warning; }
    """

    class OpenDocument(Message):
        def __init__(self, doc_id: str) -> None:
            super().__init__()
            self.doc_id = doc_id

    def __init__(self, linked: list[DocumentHit], related: list[DocumentHit], *,
                 id: str | None = None) -> None:
        super().__init__(id=id)
        self.linked = linked
        self.related = related

    def on_mount(self) -> None:
        def style(name: str) -> Style:
            return component_style(self, name)

        options: list[Option | None] = []
        seen: set[str] = set()
        for heading, hits, empty in (
            ("Other documents of this review", self.linked, "None in this corpus."),
            ("Related reviews", self.related, "None found."),
        ):
            if options:
                options.append(None)
            options.append(Option(Content(heading).stylize(style("related--heading")), disabled=True))
            if not hits:
                options.append(Option(Content("  " + empty).stylize(style("related--meta")),
                                      disabled=True))
            for hit in hits:
                if hit.doc_id in seen:
                    continue  # a linked document can also come back as "related"
                seen.add(hit.doc_id)
                line = Content("  ") + literal(hit.title, one_line=True)
                if hit.restricted:  # the same mark, words and colours as the results list
                    line = Content("  ") + restriction_mark(hit.restriction_label).stylize(
                        component_style(self, "related--restricted", background=True)) + \
                        Content(" ") + literal(hit.title, one_line=True)
                if hit.draft:
                    line = line + Content(" · ") + Content(DRAFT_MARK).stylize(style("related--draft"))
                meta = Content("    ") + join([literal(hit.review, one_line=True),
                                               hit.year or "undated",
                                               literal(hit.doc_type_label, one_line=True)])
                options.append(Option(line + Content("\n") + meta.stylize(style("related--meta")),
                                      id=hit.doc_id))
        self.add_options(options)

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.OpenDocument(event.option.id))
