"""The detail pane: one document in tabs, with the restriction banner above every tab, query terms
highlighted, and `n`/`N` moving between matched passages."""

from __future__ import annotations

import asyncio
from typing import Any, ClassVar, TypeVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widget import AwaitMount, Widget
from textual.widgets import Static, Tab, TabbedContent, TabPane, Tabs
from textual.widgets.tabbed_content import ContentTabs

from ...model import Restriction
from ..bindings import bindings
from ..reading import EMPTY_TAB, TABS, Block, PassageRef, Reading
from ..text import join, literal
from .passage import PassageView
from .related import RelatedList

_W = TypeVar("_W", bound=Widget)

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


class _DocumentTabBar(ContentTabs):
    """The tab bar of a document view, safe to take down before its tabs are mounted."""

    def _on_mount(self, event: events.Mount) -> None:
        # Removed (a newer preview, or quitting) while still being composed: Textual skips mounting a
        # pruned node's children, so the tabs never arrive and Tabs' own handler would raise
        # "No Tab with id ...". Nothing is left to activate; skip it.
        if not self.query(Tab):
            event.prevent_default()


class DocumentTabs(TabbedContent):
    """TabbedContent whose tab bar survives being taken down while it mounts."""

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if type(widget) is ContentTabs:
                # Textual builds the tab bar itself; swapping the class adds only the guard above
                # (same attributes; CSS type names include ContentTabs and Tabs).
                widget.__class__ = _DocumentTabBar
            yield widget

    def get_child_by_type(self, expect_type: type[_W]) -> _W:
        # TabbedContent finds its tab bar by exact type.
        if expect_type is ContentTabs:
            return super().get_child_by_type(_DocumentTabBar)  # type: ignore[return-value]
        return super().get_child_by_type(expect_type)


class PassageScroll(VerticalScroll, can_focus=False, inherit_bindings=False):
    """Scrolls a tab; arrows belong to the document view (they move between passages)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
    ]


class DocumentView(Vertical):
    """One document in tabs. Only the first tab shown is built with the view; the others are built
    when first opened (by a key, a click, or n/N reaching them), which keeps a preview cheap to mount.

    Every tab operation checks the view is `ready`: a view still mounting, or being taken down for a
    newer one, has a tab bar that may lack its tabs, and activating one there raises."""

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
        self._retired = False
        self._initial_tab = reading.first_tab()
        # The blocks in the order their passages appear (tab by tab), for n/N across unbuilt tabs.
        self._order = [b for tab, _ in TABS for b in reading.blocks if b.tab == tab]
        # Tabs built or being built; the value is the mount still to wait for, if any.
        self._built: dict[str, AwaitMount | None] = {}
        # Keys arrive while a tab is being built: switches wait their turn, and n/N counts from the
        # passage it is on its way to (`_target`), so no key press is lost.
        self._switch_lock = asyncio.Lock()
        self._target: str | None = None

    @property
    def doc_id(self) -> str:
        return self.reading.document.id

    @property
    def ready(self) -> bool:
        """Mounted, on screen and not being replaced: its tabs may be used."""
        return not self._retired and self.is_mounted and self.is_attached

    def retire(self) -> None:
        """About to be removed: from now on nothing touches its tabs."""
        self._retired = True

    def on_unmount(self) -> None:
        self._retired = True

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
        with DocumentTabs(initial=f"tab-{self._initial_tab}", id="doc-tabs"):
            for tab, label in TABS:
                title = Content(label)
                if tab in matched_tabs:
                    title = title.stylize("underline")  # a tab with matches (no extra width)
                with TabPane(title, id=f"tab-{tab}"):
                    if tab == self._initial_tab:
                        self._built[tab] = None
                        yield self._tab_body(tab)

    def _tab_body(self, tab: str) -> Widget:
        if tab == "related":
            return PassageScroll(RelatedList(list(self.reading.linked), list(self.reading.related),
                                             id="related-list"))
        blocks = [b for b in self._order if b.tab == tab]
        children: list[Widget] = []
        if tab == "summary":
            children.append(Static(Content("\n").join(
                Content(f"{label}: ").stylize("bold") + literal(value, one_line=True)
                for label, value in self.reading.about), classes="about"))
        if not blocks:
            children.append(Static(Content(EMPTY_TAB[tab]), classes="empty-tab"))
        group: str | None = None
        for block in blocks:
            if block.group and block.group != group:
                children.append(Static(literal(block.group, one_line=True), classes="group-heading"))
            group = block.group
            children.append(self._passage(block))
        return PassageScroll(*children, id=f"scroll-{tab}")

    def _passage(self, block: Block) -> PassageView:
        classes = "-question" if block.tab == "questions" else ""
        return PassageView(block.ref, block.body, list(block.spans), title=block.title,
                           number=block.number, note=block.note, classes=classes,
                           in_pack=(block.ref.doc_id, block.ref.item_id) in self._in_pack)

    async def build_tab(self, tab: str) -> bool:
        """Build a tab's passages if that has not been done; True once they are mounted."""
        if tab not in self._built:
            if not self.ready:
                return False
            panes = self.query(f"#tab-{tab}")
            if not panes:
                return False
            self._built[tab] = panes.first(TabPane).mount(self._tab_body(tab))
        pending = self._built[tab]
        if pending is not None:
            await pending
            self._built[tab] = None
        return self.ready

    async def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        # A tab opened any way at all (click, the tab bar's own keys, code) gets its passages.
        if event.pane.id:
            await self.build_tab(event.pane.id.removeprefix("tab-"))

    def mark_pack(self, in_pack: set[tuple[str, str | None]]) -> None:
        """Show which passages (and whether the whole document) are in the session pack."""
        self._in_pack = set(in_pack)  # tabs built later read it too
        for passage in self.passages():
            passage.in_pack = (passage.ref.doc_id, passage.ref.item_id) in self._in_pack
        found = self.query("#doc-pack")
        if found:
            found.first().set_class((self.doc_id, None) not in self._in_pack, "-none")

    def goto_item(self, item_id: str, *, focus: bool = True) -> bool:
        """Show (and focus) the passage with this item id, on its tab. False if there is none."""
        block = next((b for b in self._order if b.ref.item_id == item_id), None)
        if block is None:
            return False
        self._reach(block, focus=focus)
        return True

    # ----- where am I

    @property
    def tabbed(self) -> TabbedContent:
        return self.query_one(TabbedContent)

    def _tabbed(self) -> TabbedContent | None:
        """The TabbedContent, if its tabs may be switched now."""
        if not self.ready:
            return None
        found = self.query(TabbedContent)
        return found.first(TabbedContent) if found else None

    def _activate(self, tab: str) -> bool:
        tabbed = self._tabbed()
        if tabbed is None:
            return False
        if tabbed.active != f"tab-{tab}":
            tabbed.active = f"tab-{tab}"
        return True

    @property
    def active_tab(self) -> str:
        tabbed = self._tabbed()
        if tabbed is None:
            return self._initial_tab
        return (tabbed.active or "tab-summary").removeprefix("tab-")

    def passages(self, tab: str | None = None) -> list[PassageView]:
        """The passages built so far (of one tab, or of all)."""
        found = list(self.query(PassageView))
        if tab is None:
            return found
        return [p for p in found if self._tab_of(p) == tab]

    def _passage_for(self, item_id: str) -> PassageView | None:
        for passage in self.query(PassageView):
            if passage.ref.item_id == item_id:
                return passage
        return None

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
            self._target = None
            self._update_match_status()

    # ----- moving

    def focus_default(self) -> None:
        """Focus where reading should continue: the last passage, else the best match, else the tab."""
        if not self.ready:  # replaced by a newer preview before this callback ran
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
        return self._passage_for(self.reading.focus_item)

    def reveal_first_match(self) -> None:
        """Scroll (without taking focus) to the best match, on its tab."""
        if not self.ready:  # replaced by a newer preview before this callback ran
            return
        target = self._focus_item_passage()
        if target is not None:
            self.show_passage(target, focus=False)
        self._update_match_status()

    def show_passage(self, passage: PassageView, *, focus: bool) -> None:
        tab = self._tab_of(passage)
        if not passage.is_attached or (tab and not self._activate(tab)):
            return
        if focus:
            # At once: focus left behind on a now-hidden tab would wander to another passage.
            passage.focus(scroll_visible=False)
        else:
            self._current = passage
        # Twice: a tab that has just been shown is laid out on the next refresh, not this one.
        self.call_after_refresh(self.call_after_refresh, self._bring_to_top, passage)

    def _reach(self, block: Block, *, focus: bool) -> None:
        """Show a block's passage: at once if its tab is built, else once it is."""
        mounted = block.tab in self._built and self._built[block.tab] is None
        passage = self._passage_for(block.ref.item_id) if mounted else None
        if passage is not None:
            self._current, self._target = passage, None
            self.show_passage(passage, focus=focus)
            self._update_match_status()
        else:
            self._target = block.ref.item_id
            self.call_later(self._reach_built, block, focus)

    async def _reach_built(self, block: Block, focus: bool) -> None:
        if not await self.build_tab(block.tab) or self._target != block.ref.item_id:
            return  # taken down, or a later n/N has gone on elsewhere
        self._target = None
        passage = self._passage_for(block.ref.item_id)
        if passage is not None:
            self._current = passage
            self.show_passage(passage, focus=focus)
            self._update_match_status()

    @staticmethod
    def _bring_to_top(passage: PassageView) -> None:
        # A match is read from its start: put it at the top rather than just inside the view.
        container = passage.parent
        if isinstance(container, Widget) and passage.is_attached:
            container.scroll_to_widget(passage, top=True, animate=False)

    def _focus_first_in_tab(self) -> None:
        if not self.ready:
            return
        tab = self.active_tab
        if tab == "related":
            found = self.query(RelatedList)
            if found:
                found.first().focus()
            return
        passages = self.passages(tab)
        if passages:
            passages[0].focus()
        else:
            self._focus_tab_bar()

    def _focus_tab_bar(self) -> None:
        found = self.query(Tabs)
        if found:
            found.first().focus()

    def action_cursor_down(self) -> None:
        self._step(+1)

    def action_cursor_up(self) -> None:
        self._step(-1)

    def _step(self, step: int) -> None:
        if not self.ready:
            return
        focused = self.screen.focused
        passages = self.passages(self.active_tab)
        if not isinstance(focused, PassageView) or focused not in passages:
            if step > 0 or not passages:
                self._focus_first_in_tab()
            return
        index = passages.index(focused) + step
        if index < 0:
            self._focus_tab_bar()  # up from the first passage: the tab bar
        elif index < len(passages):
            passages[index].focus()
        else:
            parent = focused.parent  # at the last passage: show the end of the tab
            if isinstance(parent, Widget):
                parent.scroll_end(animate=False)

    async def action_next_tab(self) -> None:
        await self._switch_tab(+1)

    async def action_previous_tab(self) -> None:
        await self._switch_tab(-1)

    async def _switch_tab(self, step: int) -> None:
        async with self._switch_lock:
            await self._switch_tab_now(step)

    async def _switch_tab_now(self, step: int) -> None:
        tabbed = self._tabbed()
        if tabbed is None:
            return
        ids = [tab for tab, _ in TABS]
        active = tabbed.active.removeprefix("tab-")
        current = ids.index(active) if active in ids else 0
        target = ids[(current + step) % len(ids)]
        # Built before it is shown, so it appears whole and the focus lands on its first passage.
        if not await self.build_tab(target):
            return
        self._current, self._target = None, None
        # Leave the old pane first: focus left inside it would pull TabbedContent back to it.
        self._focus_tab_bar()
        if self._activate(target):
            self.call_after_refresh(self._focus_first_in_tab)

    def goto_match(self, step: int) -> bool:
        """Focus the next (step=1) or previous (step=-1) matched passage, across tabs."""
        if not self.ready:
            return False
        matches = [i for i, b in enumerate(self._order) if b.spans]
        if not matches:
            return False
        current = self._current_index()
        if current is None:
            target = matches[0] if step > 0 else matches[-1]
        elif current in matches:
            target = matches[(matches.index(current) + step) % len(matches)]
        else:
            after = [i for i in matches if i > current]
            before = [i for i in matches if i < current]
            wrapped = matches[0] if step > 0 else matches[-1]
            nearest = after[:1] if step > 0 else before[-1:]
            target = nearest[0] if nearest else wrapped
        self._reach(self._order[target], focus=True)
        return True

    def _current_index(self) -> int | None:
        """Where the last passage read sits in `_order`."""
        current = self._current
        item_id = self._target or (current.ref.item_id if current is not None and current.is_attached else None)
        for i, block in enumerate(self._order):
            if block.ref.item_id == item_id:
                return i
        return None

    def _update_match_status(self) -> None:
        found = self.query("#match-status")
        if not found or self._retired:  # the view is being taken down for a newer one
            return
        status = found.first(Static)
        matches = [b.ref.item_id for b in self._order if b.spans]
        status.set_class(not matches, "-none")
        if not matches:
            return
        where = ""
        current = self._current_index()
        if current is not None and self._order[current].spans:
            where = f"{matches.index(self._order[current].ref.item_id) + 1} of "
        noun = "passage matches" if len(matches) == 1 and not where else "matched passages"
        status.update(Content(f"{where}{len(matches)} {noun} · n next · N previous"))


class DetailPane(Vertical):
    DEFAULT_CSS = """
    DetailPane > #no-document { color: $text-muted; padding: 1 2; }
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Previews arrive while the user types: one swap at a time, so one view is mounted at once.
        self._swap_lock = asyncio.Lock()
        self._view: DocumentView | None = None

    def compose(self) -> ComposeResult:
        yield Static(Content(NO_DOCUMENT), id="no-document")

    @property
    def view(self) -> DocumentView | None:
        """The document shown, once it is fully mounted (None while one is mounting or leaving)."""
        view = self._view
        return view if view is not None and view.ready else None

    @property
    def doc_id(self) -> str | None:
        view = self.view
        return view.doc_id if view else None

    async def show(self, reading: Reading, *, focus: bool,
                   in_pack: set[tuple[str, str | None]] | None = None) -> DocumentView:
        async with self._swap_lock:
            await self._remove_views()
            self._show_placeholder(False)
            view = DocumentView(reading, in_pack)
            await self.mount(view)
            if view.ready:  # not if the pane itself is being taken down (the app quitting)
                self._view = view
        if focus:
            view.call_after_refresh(view.focus_default)
        else:
            view.call_after_refresh(view.reveal_first_match)
        return view

    async def clear(self) -> None:
        async with self._swap_lock:
            await self._remove_views()
            self._show_placeholder(True)

    def _show_placeholder(self, on: bool) -> None:
        found = self.query("#no-document")
        if found:
            found.first().display = on

    async def _remove_views(self) -> None:
        self._view = None
        views = list(self.query(DocumentView))
        for view in views:
            view.retire()  # before the removal starts: its tabs are taken down from now on
        if views:
            await self.remove_children(views)

    def focused_passage(self) -> PassageRef | None:
        view = self.view
        return view.focused_passage() if view else None
