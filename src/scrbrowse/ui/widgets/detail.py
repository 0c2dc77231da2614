"""The detail pane: one document in tabs, with the restriction banner above every tab, query terms
highlighted, and `n`/`N` moving between matched passages.

One `DocumentView` lives as long as the pane: showing another document updates its header and
refills its tabs, it is never taken down and mounted again. The tab strip is a plain `Tabs` over a
`ContentSwitcher` of `TabScroll`s; each scroll is given the height left under the header (`1fr`), so
its last line can always be scrolled into view, whatever the terminal size and whatever is shown
above it (restriction banner, draft mark, pack line).

Tabs are filled lazily and in pages of `PAGE` passages: a tab is built when first shown, and a long
one (a record may hold up to `corpus.MAX_LIST_ITEMS` items in a list) gets its next page when the
reader nears the end of what is mounted, presses End, or `n`/`N` goes past it. A 2,000-item list thus
costs one page at first, not 2,000 widgets.
"""

from __future__ import annotations

import asyncio
from typing import Any, ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import ContentSwitcher, Static, Tab, Tabs

from ...model import Restriction
from ..bindings import bindings
from ..reading import EMPTY_TAB, TABS, Block, PassageRef, Reading
from ..text import DRAFT_MARK, join, literal, restriction_mark
from .passage import PassageView
from .related import RelatedList

DOCUMENT_IN_PACK = "● The whole document is in the session pack (Ctrl+D removes it)"
NO_DOCUMENT = ("Choose a review from the list to read its learning points and reflective questions.\n\n"
               "Type to search, Ctrl+T shows or hides the filters, F1 lists every key.")
PAGE = 60  # passages mounted at a time in one tab (a tab holds a few pages at most)


class RestrictionBanner(Static):
    """Shown above the tabs, so it is on screen whichever tab is open. The mark is the one the results
    list shows (`text.restriction_mark`), in the same colours."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"banner--mark"}
    DEFAULT_CSS = """
    RestrictionBanner { background: $error-muted; color: $text; border-left: thick $error;
                        padding: 0 1 0 0; }
    RestrictionBanner > .banner--mark { text-style: bold; color: $text-error; background: $error-muted; }
    """

    def __init__(self) -> None:
        super().__init__(id="restriction-banner")
        self.restriction: Restriction | None = None

    def show_restriction(self, restriction: Restriction | None) -> None:
        self.restriction = restriction
        self.display = restriction is not None
        self.refresh()

    def render(self) -> Content:
        if self.restriction is None:
            return Content("")
        mark = restriction_mark(self.restriction.label).stylize(self.get_visual_style("banner--mark"))
        return mark + Content(" ") + literal(self.restriction.wording, one_line=True)


class DraftBanner(Static):
    """An unchecked ingest draft: the same words as in the results list."""

    DEFAULT_CSS = """
    DraftBanner { color: $text-warning; background: $warning-muted; text-style: bold;
                  border-left: thick $warning; padding: 0 1 0 0; }
    """


class TabScroll(VerticalScroll, can_focus=False, inherit_bindings=False):
    """Scrolls a tab; arrows belong to the document view (they move between passages)."""

    # The scrollbar's columns are kept from the start: a scrollbar appearing after the first
    # layout would narrow the text, add lines, and move a match already scrolled to the top.
    DEFAULT_CSS = "TabScroll { scrollbar-gutter: stable; }"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
    ]

    class NearEnd(Message):
        """The reader has scrolled close to the last mounted passage: mount the next page."""

        def __init__(self, tab: str) -> None:
            super().__init__()
            self.tab = tab

    def __init__(self, tab: str) -> None:
        super().__init__(id=f"scroll-{tab}")
        self.tab = tab

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if self.max_scroll_y - new_value <= self.size.height:
            self.post_message(self.NearEnd(self.tab))


class DocumentView(Vertical):
    """The document shown: header, tab strip and one scroll per tab, refilled by `show`."""

    BINDINGS = bindings("cursor_down", "cursor_up", "next_tab", "previous_tab", "first_passage",
                        "last_passage")
    DEFAULT_CSS = """
    DocumentView { height: 1fr; }
    DocumentView > #doc-title { text-style: bold; padding: 0 1; }
    DocumentView > #doc-meta { color: $text-muted; padding: 0 1; }
    DocumentView > #match-status { height: 1; color: $text-muted; padding: 0 1; background: $panel; }
    DocumentView > #match-status.-none { display: none; }
    DocumentView > #doc-pack { color: $text-success; text-style: bold; padding: 0 1; }
    DocumentView > #doc-pack.-none { display: none; }
    DocumentView > #doc-switcher { height: 1fr; }
    DocumentView Tab { padding: 0 0 0 1; }  /* all seven labels fit a 72-column pane */
    DocumentView TabScroll { height: 1fr; }
    DocumentView .group-heading { text-style: bold; color: $text-primary; padding: 0 1; }
    DocumentView .empty-tab { color: $text-muted; padding: 1 1; }
    DocumentView .about { color: $text-muted; padding: 0 1 1 1; }
    DocumentView .more-below { color: $text-muted; text-style: italic; padding: 0 1 1 1; }
    """

    def __init__(self) -> None:
        super().__init__(id="document-view")
        self.reading: Reading | None = None
        self._current: PassageView | None = None
        self._in_pack: set[tuple[str, str | None]] = set()
        self._generation = 0  # bumped by every `show`: work for an older document stops
        self._order: list[Block] = []  # every passage, tab by tab, for n/N across unbuilt pages
        self._tab_blocks: dict[str, list[Block]] = {}
        self._window: dict[str, tuple[int, int]] = {}  # tab -> passages mounted [lo, hi) (absent: not built)
        self._build_lock = asyncio.Lock()
        self._target: str | None = None  # the passage n/N is on its way to

    @property
    def doc_id(self) -> str:
        return self.reading.document.id if self.reading else ""

    @property
    def ready(self) -> bool:
        return self.reading is not None and self.is_mounted

    def compose(self) -> ComposeResult:
        yield Static(Content(""), id="doc-title")
        yield Static(Content(""), id="doc-meta")
        yield RestrictionBanner()
        yield DraftBanner(Content(f" {DRAFT_MARK} "), id="draft-banner")
        yield Static(Content(DOCUMENT_IN_PACK), id="doc-pack", classes="-none")
        # Above the tabs, not at the bottom: notifications (bottom right) would cover it there.
        yield Static(Content(""), id="match-status", classes="-none")
        yield Tabs(*(Tab(label, id=f"tab-{tab}") for tab, label in TABS), id="doc-tabs")
        with ContentSwitcher(initial=f"scroll-{TABS[0][0]}", id="doc-switcher"):
            for tab, _label in TABS:
                yield TabScroll(tab)

    def on_mount(self) -> None:
        self.query_one(RestrictionBanner).display = False
        self.query_one(DraftBanner).display = False

    # ----- showing a document

    def forget(self) -> None:
        """No document: hidden, and any page still being built for the last one stops."""
        self._generation += 1
        self.reading = None
        self._current, self._target = None, None
        self.display = False

    async def show(self, reading: Reading, in_pack: set[tuple[str, str | None]]) -> None:
        """Show another document (or the same one with other matches): header, tabs, first page."""
        self._generation += 1
        self.reading = reading
        self._in_pack = set(in_pack)
        self._current, self._target = None, None
        self._order = [b for tab, _ in TABS for b in reading.blocks if b.tab == tab]
        self._tab_blocks = {tab: [b for b in self._order if b.tab == tab] for tab, _ in TABS}
        doc = reading.document
        self.query_one("#doc-title", Static).update(literal(doc.title, one_line=True))
        self.query_one("#doc-meta", Static).update(join([
            literal(doc.review.display, one_line=True),
            literal(doc.review.board, one_line=True) if doc.review.board else "board not stated",
            literal(reading.doc_type_label, one_line=True),
            doc.published or "undated"]))
        self.query_one(RestrictionBanner).show_restriction(doc.restriction)
        self.query_one(DraftBanner).display = doc.draft
        self.query_one("#doc-pack").set_class((doc.id, None) not in self._in_pack, "-none")
        matched_tabs = {b.tab for b in reading.matched}
        tabs = self.query_one(Tabs)
        for tab, label in TABS:
            title = Content(label)
            if tab in matched_tabs:
                title = title.stylize("underline")  # a tab with matches (no extra width)
            tabs.query_one(f"#tab-{tab}", Tab).label = title
        async with self._build_lock:
            for scroll in self.query(TabScroll):
                await scroll.remove_children()
                scroll.scroll_home(animate=False)
            self._window = {}
        first = reading.first_tab()
        self._activate(first)
        upto = self._index_in_tab(reading.focus_item) if reading.focus_item else 0
        await self._ensure(first, upto or 0)
        self._update_match_status()

    def _index_in_tab(self, item_id: str | None) -> int | None:
        for blocks in self._tab_blocks.values():
            for i, block in enumerate(blocks):
                if block.ref.item_id == item_id:
                    return i
        return None

    def _scroll(self, tab: str) -> TabScroll:
        return self.query_one(f"#scroll-{tab}", TabScroll)

    async def _ensure(self, tab: str, index: int) -> bool:
        """Mount the passage at `index` of a tab (with its page); False if the document changed.

        A tab shows a window of passages [lo, hi). A passage just below it extends the window (the
        reader reading on); one just above, or far away (End, Home, n/N), moves the window there, so a
        tab never holds more than a few pages, however long its list."""
        generation = self._generation
        async with self._build_lock:
            if generation != self._generation or self.reading is None:
                return False
            scroll = self._scroll(tab)
            if tab not in self._window:
                await scroll.mount_all(self._head(tab))
                self._window[tab] = (0, 0)
            blocks = self._tab_blocks.get(tab, [])
            lo, hi = self._window[tab]
            index = max(0, min(index, len(blocks) - 1))
            if not blocks or lo <= index < hi:
                return True
            if lo == hi or hi <= index < hi + 2 * PAGE:  # reading on: add pages below
                new_lo, new_hi = lo, min(len(blocks), max(hi + PAGE, (index // PAGE + 1) * PAGE))
                if lo == hi:
                    new_lo = (index // PAGE) * PAGE
                    new_hi = min(len(blocks), max(new_hi, new_lo + PAGE))
                if new_lo == lo and lo != hi:
                    await self._remove_markers(scroll)
                    await scroll.mount_all(self._widgets(blocks, hi, new_hi, continuing=True))
                    await self._mount_markers(scroll, tab, new_lo, new_hi)
                    self._window[tab] = (new_lo, new_hi)
                    return generation == self._generation
            elif lo - 2 * PAGE <= index < lo:  # going back up: the page before, and what is shown
                new_lo = (index // PAGE) * PAGE
                new_hi = min(hi, new_lo + 3 * PAGE)
            else:  # far away: that page alone
                new_lo = (index // PAGE) * PAGE
                new_hi = min(len(blocks), new_lo + PAGE)
            await scroll.remove_children(".in-window, .more-above, .more-below")
            await scroll.mount_all(self._widgets(blocks, new_lo, new_hi))
            await self._mount_markers(scroll, tab, new_lo, new_hi)
            self._window[tab] = (new_lo, new_hi)
            return generation == self._generation

    def _widgets(self, blocks: list[Block], start: int, end: int, *, continuing: bool = False) -> list[Widget]:
        """Passages start..end-1, each group heading above its first passage (and above the first
        passage of a window, which may be in the middle of a group)."""
        widgets: list[Widget] = []
        group = blocks[start - 1].group if continuing and start else None
        for block in blocks[start:end]:
            if block.group and block.group != group:
                widgets.append(Static(literal(block.group, one_line=True), classes="group-heading in-window"))
            group = block.group
            widgets.append(self._passage(block))
        return widgets

    @staticmethod
    async def _remove_markers(scroll: TabScroll) -> None:
        await scroll.remove_children(".more-above, .more-below")

    async def _mount_markers(self, scroll: TabScroll, tab: str, lo: int, hi: int) -> None:
        total = len(self._tab_blocks.get(tab, []))
        if lo > 0:
            above = Static(Content(f"{lo:,} earlier passages: ↑ or Home shows them."), classes="more-above")
            first = scroll.query(".in-window")
            await scroll.mount(above, before=first.first() if first else None)
        if hi < total:
            await scroll.mount(Static(Content(f"Showing {lo + 1:,}–{hi:,} of {total:,}: more appear as you "
                                              "read on (End goes to the last)."), classes="more-below"))

    def _head(self, tab: str) -> list[Widget]:
        """What a tab shows before its passages."""
        assert self.reading is not None
        if tab == "related":
            return [RelatedList(list(self.reading.linked), list(self.reading.related), id="related-list")]
        head: list[Widget] = []
        if tab == "summary":
            head.append(Static(Content("\n").join(
                Content(f"{label}: ").stylize("bold") + literal(value, one_line=True)
                for label, value in self.reading.about), classes="about"))
        if not self._tab_blocks.get(tab):
            head.append(Static(Content(EMPTY_TAB[tab]), classes="empty-tab"))
        return head

    def _passage(self, block: Block) -> PassageView:
        classes = "-question" if block.tab == "questions" else ""
        return PassageView(block.ref, block.body, list(block.spans), title=block.title,
                           number=block.number, note=block.note, classes=f"{classes} in-window",
                           in_pack=(block.ref.doc_id, block.ref.item_id) in self._in_pack)

    async def build_tab(self, tab: str) -> bool:
        """Build a tab's first page if that has not been done; True once it is mounted."""
        return await self._ensure(tab, 0)

    @on(TabScroll.NearEnd)
    async def _near_end(self, message: TabScroll.NearEnd) -> None:
        window = self._window.get(message.tab)
        if window is not None and window[0] < window[1] < len(self._tab_blocks.get(message.tab, [])):
            await self._ensure(message.tab, window[1])

    @on(Tabs.TabActivated, "#doc-tabs")
    async def _tab_activated(self, event: Tabs.TabActivated) -> None:
        # A tab opened any way at all (click, the strip's own keys, code): show and fill its scroll.
        event.stop()
        if event.tab.id is None:
            return
        tab = event.tab.id.removeprefix("tab-")
        self.query_one(ContentSwitcher).current = f"scroll-{tab}"
        if self.reading is not None:
            await self.build_tab(tab)

    def mark_pack(self, in_pack: set[tuple[str, str | None]]) -> None:
        """Show which passages (and whether the whole document) are in the session pack."""
        self._in_pack = set(in_pack)  # pages built later read it too
        for passage in self.passages():
            passage.in_pack = (passage.ref.doc_id, passage.ref.item_id) in self._in_pack
        self.query_one("#doc-pack").set_class((self.doc_id, None) not in self._in_pack, "-none")

    def goto_item(self, item_id: str, *, focus: bool = True) -> bool:
        """Show (and focus) the passage with this item id, on its tab. False if there is none."""
        block = next((b for b in self._order if b.ref.item_id == item_id), None)
        if block is None:
            return False
        self._target = item_id
        self.call_later(self._reach, block, focus, self._generation)
        return True

    # ----- where am I

    def _activate(self, tab: str) -> None:
        tabs = self.query_one(Tabs)
        if tabs.active != f"tab-{tab}":
            tabs.active = f"tab-{tab}"
        self.query_one(ContentSwitcher).current = f"scroll-{tab}"

    @property
    def active_tab(self) -> str:
        current = self.query_one(ContentSwitcher).current
        return (current or "scroll-summary").removeprefix("scroll-")

    def passages(self, tab: str | None = None) -> list[PassageView]:
        """The passages mounted so far (of one tab, or of all)."""
        if tab is None:
            return list(self.query(PassageView))
        return list(self._scroll(tab).query(PassageView))

    def _passage_for(self, item_id: str) -> PassageView | None:
        for passage in self.query(PassageView):
            if passage.ref.item_id == item_id:
                return passage
        return None

    @staticmethod
    def _tab_of(widget: Widget) -> str | None:
        for node in widget.ancestors:
            if isinstance(node, TabScroll):
                return node.tab
        return None

    def focused_passage(self) -> PassageRef | None:
        focused = self.screen.focused
        if isinstance(focused, PassageView) and self in focused.ancestors:
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
        if not self.ready:
            return
        current = self._current
        if current is not None and current.is_attached and self._tab_of(current) == self.active_tab:
            current.focus(scroll_visible=False)
            return
        assert self.reading is not None
        focus_item = self.reading.focus_item
        target = self._passage_for(focus_item) if focus_item else None
        if target is not None and self._tab_of(target) == self.active_tab:
            self.show_passage(target, focus=True)
            return
        self._focus_first_in_tab()

    def reveal_first_match(self) -> None:
        """Scroll (without taking focus) to the best match, on its tab."""
        if not self.ready:
            return
        assert self.reading is not None
        focus_item = self.reading.focus_item
        target = self._passage_for(focus_item) if focus_item else None
        if target is not None:
            self.show_passage(target, focus=False)
        self._update_match_status()

    def show_passage(self, passage: PassageView, *, focus: bool) -> None:
        tab = self._tab_of(passage)
        if not passage.is_attached or tab is None:
            return
        self._activate(tab)
        if focus:
            passage.focus(scroll_visible=False)
        else:
            self._current = passage
        # After the layout: a tab just shown, or a page just mounted, has no geometry yet.
        self.call_after_refresh(self._bring_to_top, passage)

    async def _reach(self, block: Block, focus: bool, generation: int) -> None:
        """Show a block's passage, mounting its tab's pages up to it first."""
        if generation != self._generation:
            return  # asked for on a document no longer shown
        index = self._tab_blocks[block.tab].index(block)
        if not await self._ensure(block.tab, index) or self._target != block.ref.item_id:
            return  # another document now, or a later n/N has gone on elsewhere
        self._target = None
        passage = self._passage_for(block.ref.item_id)
        if passage is not None:
            self._current = passage
            self.show_passage(passage, focus=focus)
            self._update_match_status()

    def _bring_to_top(self, passage: PassageView) -> None:
        # A match is read from its start: put it at the top rather than just inside the view.
        tab = self._tab_of(passage)
        if tab is not None and passage.is_attached:
            self._scroll(tab).scroll_to_widget(passage, top=True, animate=False)

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
            self.query_one(Tabs).focus()

    def action_cursor_down(self) -> None:
        self._step(+1)

    def action_cursor_up(self) -> None:
        self._step(-1)

    def _step(self, step: int) -> None:
        if not self.ready:
            return
        focused = self.screen.focused
        tab = self.active_tab
        passages = self.passages(tab)
        if not isinstance(focused, PassageView) or focused not in passages:
            if step > 0 or not passages:
                self._focus_first_in_tab()
            return
        index = passages.index(focused) + step
        lo, hi = self._window.get(tab, (0, 0))
        if 0 <= index < len(passages):
            passages[index].focus()
        elif index < 0 and lo > 0:
            self.call_later(self._step_to, tab, lo - 1)  # the passage above the window
        elif index < 0:
            self.query_one(Tabs).focus()  # up from the first passage: the tab strip
        elif hi < len(self._tab_blocks.get(tab, [])):
            self.call_later(self._step_to, tab, hi)
        else:
            self._scroll(tab).scroll_end(animate=False)  # at the last passage: show the end of the tab

    async def _step_to(self, tab: str, index: int) -> None:
        """Focus the passage at `index` of the tab (its page mounted first)."""
        if await self._ensure(tab, index):
            item_id = self._tab_blocks[tab][index].ref.item_id
            passage = self._passage_for(item_id)
            if passage is not None:
                passage.focus(scroll_visible=False)
                self.call_after_refresh(passage.scroll_visible, animate=False)

    async def action_first_passage(self) -> None:
        tab = self.active_tab
        if not await self._ensure(tab, 0):
            return
        self._scroll(tab).scroll_home(animate=False)
        passages = self.passages(tab)
        if passages:
            passages[0].focus(scroll_visible=False)

    async def action_last_passage(self) -> None:
        """End: the last passage of the tab (its page mounted) and the tab's last line."""
        tab = self.active_tab
        if not await self._ensure(tab, len(self._tab_blocks.get(tab, [])) - 1):
            return
        passages = self.passages(tab)
        if passages:
            passages[-1].focus(scroll_visible=False)
        scroll = self._scroll(tab)
        self.call_after_refresh(scroll.scroll_end, animate=False)

    async def action_next_tab(self) -> None:
        await self._switch_tab(+1)

    async def action_previous_tab(self) -> None:
        await self._switch_tab(-1)

    async def _switch_tab(self, step: int) -> None:
        if not self.ready:
            return
        ids = [tab for tab, _ in TABS]
        active = self.active_tab
        current = ids.index(active) if active in ids else 0
        target = ids[(current + step) % len(ids)]
        if not await self.build_tab(target):  # built before it is shown, so focus lands inside
            return
        self._current, self._target = None, None
        self._activate(target)
        self._focus_first_in_tab()

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
        block = self._order[target]
        self._target = block.ref.item_id
        self.call_later(self._reach, block, True, self._generation)
        return True

    def _current_index(self) -> int | None:
        """Where the last passage read (or the one n/N is going to) sits in `_order`."""
        current = self._current
        item_id = self._target or (current.ref.item_id if current is not None and current.is_attached else None)
        for i, block in enumerate(self._order):
            if block.ref.item_id == item_id:
                return i
        return None

    def _update_match_status(self) -> None:
        status = self.query_one("#match-status", Static)
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
        # Previews arrive while the user types: one refill at a time.
        self._show_lock = asyncio.Lock()
        self._document: DocumentView | None = None

    def compose(self) -> ComposeResult:
        yield Static(Content(NO_DOCUMENT), id="no-document")
        self._document = DocumentView()
        yield self._document

    def on_mount(self) -> None:
        self.query_one(DocumentView).display = False

    @property
    def view(self) -> DocumentView | None:
        """The document view, while it shows a document. Kept, not queried: the footer asks on every
        result and key, and a query walks every passage of the document shown."""
        view = self._document
        return view if view is not None and view.is_attached and view.ready and view.display else None

    @property
    def doc_id(self) -> str | None:
        view = self.view
        return view.doc_id if view else None

    async def show(self, reading: Reading, *, focus: bool,
                   in_pack: set[tuple[str, str | None]] | None = None) -> DocumentView:
        view = self.query_one(DocumentView)
        async with self._show_lock:
            self.query_one("#no-document").display = False
            view.display = True
            await view.show(reading, in_pack or set())
        if focus:
            view.call_after_refresh(view.focus_default)
        else:
            view.call_after_refresh(view.reveal_first_match)
        return view

    async def clear(self) -> None:
        async with self._show_lock:
            view = self.query_one(DocumentView)
            view.forget()
            self.query_one("#no-document").display = True

    def focused_passage(self) -> PassageRef | None:
        view = self.view
        return view.focused_passage() if view else None
