"""The detail pane: one document in tabs, with the restriction banner above every tab, query terms
highlighted, and `n`/`N` moving between matched passages."""

from __future__ import annotations

import asyncio
from typing import Any, ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static, TabbedContent, TabPane, Tabs

from ...model import Restriction
from ..bindings import bindings
from ..reading import EMPTY_TAB, TABS, Block, PassageRef, Reading
from ..text import join, literal
from .passage import PassageView
from .related import RelatedList

DOCUMENT_IN_PACK = "● The whole document is in the session pack (A removes it)"
NO_DOCUMENT = ("Choose a review from the list to read its learning points and reflective questions.\n\n"
               "Press / to search, f to show or hide the filters, ? for every key.")


class RestrictionBanner(Static):
    """Shown above the tabs, so it is on screen whichever tab is open."""

    DEFAULT_CSS = """
    RestrictionBanner { background: $error-muted; color: $text; border-left: thick $error;
                        padding: 0 1; }
    """

    def __init__(self, restriction: Restriction) -> None:
        label = literal(restriction.label.upper(), one_line=True).stylize("bold")
        super().__init__(Content("▲ ") + label + Content(" — ") + literal(restriction.wording, one_line=True),
                         id="restriction-banner")
        self.restriction = restriction


class PassageScroll(VerticalScroll, can_focus=False, inherit_bindings=False):
    """Scrolls a tab; arrows belong to the document view (they move between passages)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
    ]


class DocumentView(Vertical):
    BINDINGS = bindings("cursor_down", "cursor_up", "next_tab", "previous_tab")
    DEFAULT_CSS = """
    DocumentView { height: 1fr; }
    DocumentView > #doc-title { text-style: bold; padding: 0 1; }
    DocumentView > #doc-meta { color: $text-muted; padding: 0 1; }
    DocumentView > #match-status { dock: bottom; height: 1; color: $text-muted; padding: 0 1;
                                   background: $panel; }
    DocumentView > #match-status.-none { display: none; }
    DocumentView > #doc-pack { color: $text-success; text-style: bold; padding: 0 1; }
    DocumentView > #doc-pack.-none { display: none; }
    DocumentView .group-heading { text-style: bold; color: $text-primary; padding: 0 1; }
    DocumentView .empty-tab { color: $text-muted; padding: 1 1; }
    DocumentView .about { color: $text-muted; padding: 0 1 1 1; }
    DocumentView TabPane { padding: 0; }
    """

    def __init__(self, reading: Reading, in_pack: set[tuple[str, str | None]] | None = None) -> None:
        super().__init__(id="document-view")
        self.reading = reading
        self._current: PassageView | None = None
        self._in_pack = in_pack or set()

    @property
    def doc_id(self) -> str:
        return self.reading.document.id

    def compose(self) -> ComposeResult:
        doc = self.reading.document
        yield Static(literal(doc.title, one_line=True), id="doc-title")
        yield Static(join([literal(doc.review.display, one_line=True),
                           literal(doc.review.board, one_line=True) if doc.review.board
                           else "board not stated",
                           literal(self.reading.doc_type_label, one_line=True),
                           doc.published or "undated"]), id="doc-meta")
        if doc.restriction is not None:
            yield RestrictionBanner(doc.restriction)
        whole = (doc.id, None) in self._in_pack
        yield Static(Content(DOCUMENT_IN_PACK), id="doc-pack", classes="" if whole else "-none")
        yield Static(Content(""), id="match-status", classes="-none")
        matched_tabs = {b.tab for b in self.reading.matched}
        with TabbedContent(initial=f"tab-{self.reading.first_tab()}", id="doc-tabs"):
            for tab, label in TABS:
                title = Content(label)
                if tab in matched_tabs:
                    title = title.stylize("underline")  # a tab with matches (no extra width)
                with TabPane(title, id=f"tab-{tab}"):
                    yield from self._tab_body(tab)

    def _tab_body(self, tab: str) -> ComposeResult:
        if tab == "related":
            with PassageScroll():
                yield RelatedList(list(self.reading.linked), list(self.reading.related),
                                  id="related-list")
            return
        blocks = [b for b in self.reading.blocks if b.tab == tab]
        with PassageScroll(id=f"scroll-{tab}"):
            if tab == "summary":
                yield Static(Content("\n").join(
                    Content(f"{label}: ").stylize("bold") + literal(value, one_line=True)
                    for label, value in self.reading.about), classes="about")
            if not blocks:
                yield Static(Content(EMPTY_TAB[tab]), classes="empty-tab")
            group: str | None = None
            for block in blocks:
                if block.group and block.group != group:
                    yield Static(literal(block.group, one_line=True), classes="group-heading")
                group = block.group
                yield self._passage(block)

    def _passage(self, block: Block) -> PassageView:
        classes = "-question" if block.tab == "questions" else ""
        return PassageView(block.ref, block.body, list(block.spans), title=block.title,
                           number=block.number, note=block.note, classes=classes,
                           in_pack=(block.ref.doc_id, block.ref.item_id) in self._in_pack)

    def mark_pack(self, in_pack: set[tuple[str, str | None]]) -> None:
        """Show which passages (and whether the whole document) are in the session pack."""
        self._in_pack = set(in_pack)
        for passage in self.passages():
            passage.in_pack = (passage.ref.doc_id, passage.ref.item_id) in self._in_pack
        self.query_one("#doc-pack").set_class((self.doc_id, None) not in self._in_pack, "-none")

    def goto_item(self, item_id: str, *, focus: bool = True) -> bool:
        """Show (and focus) the passage with this item id, on its tab. False if there is none."""
        for passage in self.passages():
            if passage.ref.item_id == item_id:
                self.show_passage(passage, focus=focus)
                return True
        return False

    # ----- where am I

    @property
    def tabbed(self) -> TabbedContent:
        return self.query_one(TabbedContent)

    @property
    def active_tab(self) -> str:
        return (self.tabbed.active or "tab-summary").removeprefix("tab-")

    def passages(self, tab: str | None = None) -> list[PassageView]:
        found = list(self.query(PassageView))
        if tab is None:
            return found
        return [p for p in found if self._tab_of(p) == tab]

    @staticmethod
    def _tab_of(widget: Widget) -> str | None:
        for node in widget.ancestors:
            if isinstance(node, TabPane) and node.id:
                return node.id.removeprefix("tab-")
        return None

    def focused_passage(self) -> PassageRef | None:
        focused = self.screen.focused
        if isinstance(focused, PassageView) and focused in self.passages():
            return focused.ref
        return None

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if isinstance(event.widget, PassageView):
            self._current = event.widget
            self._update_match_status()

    # ----- moving

    def focus_default(self) -> None:
        """Focus where reading should continue: the last passage, else the best match, else the tab."""
        if not self.is_attached:  # replaced by a newer preview before this callback ran
            return
        if self._current is not None and self._current.is_attached and \
                self._tab_of(self._current) == self.active_tab:
            self._current.focus()
            return
        target = self._focus_item_passage()
        if target is not None and self._tab_of(target) == self.active_tab:
            self.show_passage(target, focus=True)
            return
        self._focus_first_in_tab()

    def _focus_item_passage(self) -> PassageView | None:
        if self.reading.focus_item is None:
            return None
        for p in self.passages():
            if p.ref.item_id == self.reading.focus_item:
                return p
        return None

    def reveal_first_match(self) -> None:
        """Scroll (without taking focus) to the best match, on its tab."""
        if not self.is_attached:  # replaced by a newer preview before this callback ran
            return
        target = self._focus_item_passage()
        if target is not None:
            self.show_passage(target, focus=False)
        self._update_match_status()

    def show_passage(self, passage: PassageView, *, focus: bool) -> None:
        tab = self._tab_of(passage)
        if tab and self.tabbed.active != f"tab-{tab}":
            self.tabbed.active = f"tab-{tab}"
        if focus:
            # At once: focus left behind on a now-hidden tab would wander to another passage.
            passage.focus(scroll_visible=False)
        else:
            self._current = passage
        # Twice: a tab that has just been shown is laid out on the next refresh, not this one.
        self.call_after_refresh(self.call_after_refresh, self._bring_to_top, passage)

    @staticmethod
    def _bring_to_top(passage: PassageView) -> None:
        # A match is read from its start: put it at the top rather than just inside the view.
        container = passage.parent
        if isinstance(container, Widget):
            container.scroll_to_widget(passage, top=True, animate=False)

    def _focus_first_in_tab(self) -> None:
        tab = self.active_tab
        if tab == "related":
            self.query_one(RelatedList).focus()
            return
        passages = self.passages(tab)
        if passages:
            passages[0].focus()
        else:
            self.query_one(Tabs).focus()

    def action_cursor_down(self) -> None:
        self._step(+1)

    def action_cursor_up(self) -> None:
        self._step(-1)

    def _step(self, step: int) -> None:
        focused = self.screen.focused
        passages = self.passages(self.active_tab)
        if not isinstance(focused, PassageView) or focused not in passages:
            if step > 0 or not passages:
                self._focus_first_in_tab()
            return
        index = passages.index(focused) + step
        if index < 0:
            self.query_one(Tabs).focus()  # up from the first passage: the tab bar
        elif index < len(passages):
            passages[index].focus()
        else:
            parent = focused.parent  # at the last passage: show the end of the tab
            if isinstance(parent, Widget):
                parent.scroll_end(animate=False)

    def action_next_tab(self) -> None:
        self._switch_tab(+1)

    def action_previous_tab(self) -> None:
        self._switch_tab(-1)

    def _switch_tab(self, step: int) -> None:
        ids = [f"tab-{tab}" for tab, _ in TABS]
        current = ids.index(self.tabbed.active) if self.tabbed.active in ids else 0
        self._current = None
        # Leave the old pane first: focus left inside it would pull TabbedContent back to it.
        self.query_one(Tabs).focus()
        self.tabbed.active = ids[(current + step) % len(ids)]
        self.call_after_refresh(self._focus_first_in_tab)

    def goto_match(self, step: int) -> bool:
        """Focus the next (step=1) or previous (step=-1) matched passage, across tabs."""
        everything = self.passages()
        matches = [p for p in everything if p.matched]
        if not matches:
            return False
        current = self._current if self._current in everything else None
        if current is None:
            target = matches[0] if step > 0 else matches[-1]
        elif current in matches:
            target = matches[(matches.index(current) + step) % len(matches)]
        else:
            pos = everything.index(current)
            after = [p for p in matches if everything.index(p) > pos]
            before = [p for p in matches if everything.index(p) < pos]
            wrapped = matches[0] if step > 0 else matches[-1]
            nearest = after[:1] if step > 0 else before[-1:]
            target = nearest[0] if nearest else wrapped
        self._current = target
        self.show_passage(target, focus=True)
        self._update_match_status()
        return True

    def _update_match_status(self) -> None:
        found = self.query("#match-status")
        if not found:  # the view is being taken down for a newer one
            return
        status = found.first(Static)
        matches = [p for p in self.passages() if p.matched]
        status.set_class(not matches, "-none")
        if not matches:
            return
        where = ""
        if self._current in matches:
            where = f"{matches.index(self._current) + 1} of "
        noun = "passage matches" if len(matches) == 1 and not where else "matched passages"
        status.update(Content(f"{where}{len(matches)} {noun} · n next · N previous"))


class DetailPane(Vertical):
    DEFAULT_CSS = """
    DetailPane > #no-document { color: $text-muted; padding: 1 2; }
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._swap_lock = asyncio.Lock()

    def compose(self) -> ComposeResult:
        yield Static(Content(NO_DOCUMENT), id="no-document")

    @property
    def view(self) -> DocumentView | None:
        found = self.query(DocumentView)
        return found.first() if found else None

    @property
    def doc_id(self) -> str | None:
        view = self.view
        return view.doc_id if view else None

    async def show(self, reading: Reading, *, focus: bool,
                   in_pack: set[tuple[str, str | None]] | None = None) -> DocumentView:
        # Previews arrive while the user types: without the lock two shows overlap, two views with the
        # same tab ids are mounted at once, and TabbedContent raises "No Tab with id ...".
        async with self._swap_lock:
            await self._remove_views()
            self.query_one("#no-document").display = False
            view = DocumentView(reading, in_pack)
            await self.mount(view)
        if focus:
            view.call_after_refresh(view.focus_default)
        else:
            view.call_after_refresh(view.reveal_first_match)
        return view

    async def clear(self) -> None:
        async with self._swap_lock:
            await self._remove_views()
            self.query_one("#no-document").display = True

    async def _remove_views(self) -> None:
        views = list(self.query(DocumentView))
        if views:
            await self.remove_children(views)

    def focused_passage(self) -> PassageRef | None:
        view = self.view
        return view.focused_passage() if view else None
