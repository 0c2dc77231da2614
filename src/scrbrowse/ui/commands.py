"""The command palette (Ctrl+P): jump to a review, filter by a theme or an agency, app commands.

Every hit's display is built as literal `Content`: Textual's own `Matcher.highlight` parses its input
as markup, and the palette parses a hit's `help` string as markup, so neither is ever given corpus
text (help strings here are our own fixed words and numbers).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content

from ..search.api import SearchRequest
from .errors import WHAT_FAILED, report
from .screens.browse import BrowseScreen
from .screens.present import present_document
from .text import literal
from .theme import draft_mark, restriction_mark

log = logging.getLogger("scrbrowse")
MAX_DOCUMENTS = 2000  # the palette lists reviews from one request; a huge corpus is searched instead


@dataclass(frozen=True, slots=True)
class Entry:
    text: str  # plain text the fuzzy matcher sees
    kind: str  # shown before the text: "Open", "Theme", ...
    help: str
    command: Callable[[], object]
    restriction: str | None = None  # the document's restriction label: shown as the one mark
    draft: bool = False


def highlight(matcher: Matcher, kind: str, text: str) -> Content:
    """`kind: text` with the fuzzy-matched characters of `text` styled, all literal."""
    body = literal(text, one_line=True)
    _score, offsets = matcher.fuzzy_search.match(matcher.query, body.plain)
    for offset in offsets:
        if offset < len(body.plain) and not body.plain[offset].isspace():
            body = body.stylize(matcher.match_style, offset, offset + 1)
    return Content(f"{kind}: ").stylize("dim") + body


class ScrbrowseCommands(Provider):
    """Reviews, themes, agencies and app commands."""

    _entries: list[Entry]

    async def startup(self) -> None:
        self._entries = self._app_entries()
        engine = getattr(self.app, "engine", None)
        if engine is None:
            return
        try:
            result = await asyncio.to_thread(
                engine.search, SearchRequest(limit=MAX_DOCUMENTS, with_passages=False, with_facets=True))
        except Exception as exc:  # the palette still offers the app commands; say why not the rest
            report(self.app, WHAT_FAILED["palette"], exc, "command palette could not list documents")
            return
        browse = self._browse()
        for hit in result.hits:
            label = f"{hit.review} — {hit.title}"
            restriction = (hit.restriction_label or "Restricted") if hit.restricted else None
            self._entries.append(Entry(label, "Open", "open this document",
                                       partial(self._open, hit.doc_id), restriction,
                                       hit.draft))
        if browse is None:
            return
        for facet, kind in (("theme", "Theme"), ("agency", "Agency")):
            for fv in result.facets.get(facet, ()):
                if fv.count:
                    noun = "document" if fv.count == 1 else "documents"
                    self._entries.append(Entry(
                        fv.label, kind, f"filter by this {kind.lower()} ({fv.count} {noun})",
                        partial(browse.set_filter, facet, fv.value, True)))

    def _browse(self) -> BrowseScreen | None:
        screen = self.screen
        return screen if isinstance(screen, BrowseScreen) else None

    def _open(self, doc_id: str) -> None:
        browse = self._browse()
        if browse is not None:
            browse.open_document(doc_id)

    def _app_entries(self) -> list[Entry]:
        app = self.app
        entries = [
            Entry("Show corpus warnings", "Command", "documents that could not be loaded, and why",
                  partial(app.run_action, "show_warnings")),
            Entry("Toggle light / dark theme", "Command", "switch between the dark and light themes",
                  partial(app.run_action, "toggle_dark")),
            Entry("High-contrast theme", "Command", "black and white with strong highlights",
                  partial(app.run_action, "use_theme('scrbrowse-high-contrast')")),
            Entry("Help: every key", "Command", "the key list", partial(app.run_action, "help")),
            Entry("Session pack", "Command", "the pack's items and notes: reorder, annotate, export",
                  partial(app.run_action, "show_pack")),
            Entry("All session packs", "Command", "open another pack, start a new one, rename, delete",
                  partial(app.run_action, "show_pack_list")),
            Entry("Reflective question bank", "Command", "every reflective question, by theme and agency",
                  partial(app.run_action, "question_bank")),
            Entry("Themes overview", "Command", "how many reviews raise each theme, as a bar chart",
                  partial(app.run_action, "themes_overview")),
            Entry("Add a review from a file (ingest)", "Command",
                  "PDF, Word, Markdown or text: a draft record, opened in the browser",
                  partial(app.run_action, "ingest")),
        ]
        browse = self._browse()
        if browse is not None:
            entries += [
                Entry("Show or hide the filters", "Command", "the facet sidebar",
                      partial(browse.run_action, "toggle_sidebar")),
                Entry("Remove every filter", "Command", "clear the ticked themes, agencies, ...",
                      partial(browse.run_action, "clear_filters")),
                Entry("Export this document", "Command", "Markdown, plain text or printable HTML",
                      partial(browse.run_action, "export")),
                Entry("Review this draft and mark it as checked", "Command",
                      "the draft's items and tags beside its source text",
                      partial(app.run_action, "review_draft")),
                Entry("Add this document to the session pack", "Command",
                      "the whole document; again removes it",
                      partial(browse.run_action, "add_document_to_pack")),
                Entry("Present this document's questions", "Command",
                      "one at a time, large, for reading aloud or a shared screen (F5 in the pack "
                      "and the question bank)", partial(self._present, browse)),
            ]
        return entries

    def _present(self, browse: BrowseScreen) -> None:
        """The open document's questions (its learning points if it has none), from the passage
        with focus when that is one of them."""
        passage = browse.focused_passage()
        doc_id = passage[0] if passage else getattr(getattr(browse, "detail", None), "doc_id", None)
        if doc_id is None:
            hit = browse.results.current
            doc_id = hit.doc_id if hit is not None else None
        engine = getattr(self.app, "engine", None)
        if doc_id is None or not present_document(self.app, engine, doc_id,
                                                  passage[1] if passage else None):
            self.app.notify("Open a review first, then present its questions.", timeout=4,
                            markup=False)

    async def discover(self) -> Hits:
        for entry in self._entries:
            if entry.kind == "Command":
                yield DiscoveryHit(Content(entry.text), entry.command, text=entry.text, help=entry.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for entry in self._entries:
            score = matcher.match(f"{entry.text}")
            if score > 0:
                shown = highlight(matcher, entry.kind, entry.text)
                if entry.restriction:
                    shown = restriction_mark(entry.restriction) + Content(" ") + shown
                if entry.draft:
                    shown = draft_mark() + Content(" ") + shown
                yield Hit(score, shown, entry.command,
                          text=f"{entry.kind}: {entry.text}", help=entry.help)
