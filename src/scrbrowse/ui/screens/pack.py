"""The pack screen: the current session pack's items in order, with their citations, restrictions and
notes; reorder, remove (with undo), annotate, export, and the pack's own notes.

Every change is saved at once through the app's `PackSession`. A pack whose file was damaged shows
the core's message here, in full, with what to do next.
"""

from __future__ import annotations

import re
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.events import Resize
from textual.screen import Screen
from textual.style import Style
from textual.timer import Timer
from textual.widgets import Footer, Header, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from ...export import export_pack
from ...packs import (
    OWN_KINDS,
    OWN_NOTE,
    OWN_QUESTION,
    LoadStatus,
    Pack,
    PackItem,
    clean_initials,
    own_item,
)
from ...packs.model import user_text
from ..bindings import bindings
from ..messages import PackChanged
from ..session import PackSession, session_of
from ..text import component_style, join, literal
from ..theme import copy_text, draft_mark, restriction_label, restriction_mark
from .dialogs import ChoiceScreen, NotesScreen, PromptScreen
from .export import ExportScreen
from .packs import PacksScreen
from .present import PresentScreen, slides_from_pack

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
NARROW_WIDTH = 110
SHORT_HEIGHT = 30  # below this many rows the notes box is folded until m
NOTES_LABEL = "Session notes (Ctrl+W to write here, Esc back to the items; saved as you type)"
NOTES_DELAY = 0.6  # seconds after the last keystroke before the pack's notes are saved
# Actions on letter keys that act on the items: off while the notes box has the focus.
_ITEM_KEYS = frozenset({"move_item", "remove_item", "undo_remove", "export", "pack_list"})

EMPTY = ("This pack is empty.\n\n"
         "In the browser, open a review, move to a learning point or a question and press Ctrl+S; "
         "Ctrl+D adds the whole document. In the question bank (F3), Ctrl+S adds the highlighted question.")
NO_PACK = ("No session pack yet.\n\n"
           "In the browser, press Ctrl+S on a learning point or a question and a pack called "
           "“Session <today's date>” is started for you; or press Ctrl+O to start one with a name of "
           "your own.")
FAILED = "Press Ctrl+O to open or start another pack, or to delete this one; or fix the file in a text editor."

_OWN_BACKGROUND: frozenset[str] = frozenset()


class PackItemList(OptionList):
    BINDINGS = bindings("cursor_down", "cursor_up", "edit_item_notes")
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "packitem--label", "packitem--heading", "packitem--citation",
        "packitem--notes", "packitem--no-notes",
    }
    DEFAULT_CSS = """
    PackItemList { height: 1fr; border: none; padding: 0; background: transparent; }
    PackItemList:focus { border: none; background: transparent; }
    PackItemList > .packitem--label { text-style: bold; }
    PackItemList > .packitem--heading { color: $text-muted; text-style: italic; }
    PackItemList > .packitem--citation { color: $text-secondary; }
    PackItemList > .packitem--notes { color: $text-accent; }
    PackItemList > .packitem--no-notes { color: $text-muted; text-style: italic; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.items: list[PackItem] = []

    def show_items(self, items: list[PackItem], highlight: int | None = None) -> None:
        previous = self.highlighted
        self.items = list(items)
        options: list[Option | None] = []
        for i, item in enumerate(self.items):
            if i:
                options.append(None)
            options.append(Option(self.render_item(i, item)))
        with self.prevent(OptionList.OptionHighlighted):
            self.clear_options()
            self.add_options(options)
        if not self.items:
            return
        index = highlight if highlight is not None else (previous or 0)
        self.highlighted = max(0, min(index, len(self.items) - 1))
        self.scroll_to_highlight()

    def render_item(self, index: int, item: PackItem) -> Content:
        def style(name: str) -> Style:
            return component_style(self, name, background=name in _OWN_BACKGROUND)

        first = Content(f"{index + 1}. {item.label}").stylize(style("packitem--label"))
        if item.restriction is not None:
            first = first + Content("  ") + restriction_mark(item.restriction)
        if item.draft:
            first = first + Content("  ") + draft_mark()
        lines = [first]
        if item.heading:
            lines.append(literal(item.heading, one_line=True).stylize(style("packitem--heading")))
        lines.append(literal(item.text))
        if not item.own:
            lines.append(literal(item.citation.line(with_id=False), one_line=True).stylize(
                style("packitem--citation")))
        if item.notes.strip():
            lines.append(Content("Notes: ").stylize("bold") + literal(item.notes).stylize(
                style("packitem--notes")))
        else:
            lines.append(Content("No notes yet: Enter to write some").stylize(
                style("packitem--no-notes")))
        return Content("\n").join(lines)


class PackScreen(Screen[None]):
    BINDINGS = bindings("back", "export_pack", "move_item_up", "move_item_down", "remove_item",
                        "undo_remove", "pack_notes", "pack_list", "present", "add_own_item",
                        "pack_header", "copy_text")
    DEFAULT_CSS = """
    PackScreen #pack-main { padding: 0 1; }
    PackScreen #pack-title { text-style: bold; }
    PackScreen #pack-meta { color: $text-muted; }
    PackScreen #pack-restricted { background: $error-muted; border-left: thick $error; padding: 0 1; }
    PackScreen #pack-message { height: auto; max-height: 12; border-left: thick $warning;
                               padding: 0 1; background: $warning-muted; }
    PackScreen #pack-message.-failed { border-left: thick $error; background: $error-muted; }
    PackScreen #pack-message.-none { display: none; }
    PackScreen #pack-empty { color: $text-muted; padding: 1 0; }
    PackScreen #pack-notes-label { color: $text-muted; border-top: hkey $foreground 20%; }
    PackScreen #pack-notes { height: 5; }
    PackScreen.-narrow #pack-notes { height: 4; }
    PackScreen.-short #pack-notes { display: none; }
    PackScreen.-short #pack-notes:focus { display: block; height: 6; }
    PackScreen .-hidden { display: none; }
    """

    def __init__(self) -> None:
        super().__init__(id="pack")
        self.sub_title = "Session pack"
        self._notes_timer: Timer | None = None
        self._shown: Pack | None = None  # the pack object shown: notes are reloaded when it changes
        self._removed: tuple[int, PackItem] | None = None
        # What the notes box holds, kept here as typed: when the screen closes its widgets are
        # gone before `on_unmount`, and the last words typed must still be saved.
        self._notes_text: str | None = None

    @property
    def session(self) -> PackSession:
        return session_of(self.app)

    @property
    def pack(self) -> Pack | None:
        return self.session.pack

    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        with Vertical(id="pack-main"):
            yield Static(Content(""), id="pack-title")
            yield Static(Content(""), id="pack-meta")
            yield Static(Content(""), id="pack-restricted", classes="-hidden")
            with VerticalScroll(id="pack-message", classes="-none"):
                yield Static(Content(""), id="pack-message-text")
            yield Static(Content(""), id="pack-empty", classes="-hidden")
            yield PackItemList(id="pack-items")
            yield Static(Content(NOTES_LABEL), id="pack-notes-label")
            yield TextArea("", id="pack-notes", soft_wrap=True)
        yield Footer()

    @property
    def items_list(self) -> PackItemList:
        return self.query_one(PackItemList)

    @property
    def notes_area(self) -> TextArea:
        return self.query_one("#pack-notes", TextArea)

    def on_resize(self, event: Resize) -> None:
        self.set_class(event.size.width < NARROW_WIDTH, "-narrow")
        # A short terminal (80x24): the notes box folds to its one-line label until m opens it,
        # so the items get the room (it showed 1.5 items with the box open).
        self.set_class(event.size.height < SHORT_HEIGHT, "-short")
        self._label_notes()

    def _label_notes(self) -> None:
        label = self.query_one("#pack-notes-label", Static)
        if not self.has_class("-short") or self.focused is self.notes_area:
            label.update(Content(NOTES_LABEL))
            return
        pack = self.pack
        notes = " ".join((pack.notes if pack else "").split())
        label.update(Content("Session notes: ") + (literal(notes, one_line=True, limit=50)
                                                   if notes else Content("none yet"))
                     + Content(" (Ctrl+W to write)"))

    def on_descendant_focus(self) -> None:
        self._label_notes()

    def on_descendant_blur(self) -> None:
        self._label_notes()

    def on_mount(self) -> None:
        if self.app.is_headless:
            self.notes_area.cursor_blink = False  # steady screenshots
        self.refresh_pack()
        self.items_list.focus()

    def on_pack_changed(self, _message: PackChanged) -> None:
        self.refresh_pack()

    def refresh_pack(self, highlight: int | None = None) -> None:
        pack = self.pack
        title = self.query_one("#pack-title", Static)
        meta = self.query_one("#pack-meta", Static)
        banner = self.query_one("#pack-restricted", Static)
        empty = self.query_one("#pack-empty", Static)
        self._show_message()
        if pack is None:
            failed = self.session.load_result
            title.update(Content("The session pack could not be opened") if failed is not None
                         and failed.status == LoadStatus.FAILED else Content("Session pack"))
            meta.update(Content(""))
            banner.add_class("-hidden")
            empty.update(Content(FAILED if failed is not None and failed.status == LoadStatus.FAILED
                                 else NO_PACK))
            empty.remove_class("-hidden")
            self.items_list.show_items([])
            self.notes_area.disabled = True
            self._shown = None
            return
        title.update(literal(pack.title, one_line=True))
        n = len(pack.items)
        bits: list[Content | str] = [f"Session date {pack.session_date or pack.created or 'not set'}"]
        if pack.practitioner:
            bits.append(Content("Practitioner ") + literal(pack.practitioner, one_line=True))
        bits.append(f"{n} item{'s' if n != 1 else ''}")
        if pack.read_only:
            bits.append("read-only: the damaged file could not be set aside")
        meta.update(join(bits))
        restricted = [i for i in pack.items if i.restriction is not None]
        if restricted:
            labels = sorted({restriction_label(i.restriction) for i in restricted if i.restriction})
            which = ", ".join(str(pack.items.index(i) + 1) for i in restricted)
            banner.update(restriction_mark(" / ".join(labels))
                          + Content(f" item{'s' if len(restricted) != 1 else ''} {which}. "
                                    "Exports carry the mark on every printed page."))
            banner.remove_class("-hidden")
        else:
            banner.add_class("-hidden")
        empty.update(Content(EMPTY))
        empty.set_class(bool(pack.items), "-hidden")
        # The list stays on screen when empty: hiding it would send the focus to the notes box,
        # where the next key would be typed into the notes.
        self.items_list.show_items(pack.items, highlight)
        self.notes_area.disabled = pack.read_only
        if self._shown is not pack:
            # Another pack (or a reload): show its notes. Our own saves keep the same object, so
            # typing is never interrupted by the text being set again.
            self._shown = pack
            self._cancel_notes_timer()
            self._notes_text = None
            with self.notes_area.prevent(TextArea.Changed):
                self.notes_area.load_text(pack.notes)
        self._label_notes()

    def _show_message(self) -> None:
        box = self.query_one("#pack-message", VerticalScroll)
        text = self.session.message
        result = self.session.load_result
        box.set_class(not text, "-none")
        box.set_class(result is not None and result.status == LoadStatus.FAILED, "-failed")
        if text:
            self.query_one("#pack-message-text", Static).update(literal(text))

    # ----- the items

    def _index(self) -> int | None:
        index = self.items_list.highlighted
        pack = self.pack
        if pack is None or index is None or not 0 <= index < len(pack.items):
            return None
        return index

    def action_move_item(self, delta: int) -> None:
        index = self._index()
        if index is None:
            return
        moved: list[int] = []
        if self.session.update(lambda p: moved.append(p.move(index, delta))) and moved:
            self.items_list.highlighted = moved[0]
            self.items_list.scroll_to_highlight()

    def action_remove_item(self) -> None:
        index = self._index()
        if index is None:
            return
        removed: list[PackItem] = []
        if self.session.update(lambda p: removed.append(p.remove(index))) and removed:
            self._removed = (index, removed[0])
            self.notify(f"Removed item {index + 1} ({removed[0].label.lower()}). Press Ctrl+Z to put it "
                        "back.", timeout=6, markup=False)

    def action_undo_remove(self) -> None:
        if self._removed is None or self.pack is None:
            self.notify("Nothing to put back.", timeout=3, markup=False)
            return
        index, item = self._removed
        if self.pack.contains(*item.key):
            self._removed = None
            return
        at = min(index, len(self.pack.items))
        if self.session.update(lambda p: p.items.insert(at, item)):
            self._removed = None
            self.items_list.highlighted = at
            self.notify(f"Put back item {at + 1}.", timeout=3, markup=False)

    @on(OptionList.OptionSelected, "#pack-items")
    def _edit_notes(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        index = self._index()
        pack = self.pack
        if index is None or pack is None:
            return
        item = pack.items[index]
        about = (Content(f"{index + 1}. {item.label} — ").stylize("bold")
                 + literal(item.text, one_line=True, limit=200) + Content("\n")
                 + (Content("Your own words") if item.own
                    else literal(item.citation.line(with_id=False), one_line=True)))

        def done(notes: object) -> None:
            if not isinstance(notes, str) or self.pack is None:
                return
            where = self.pack.index_of(*item.key)  # by key: the list may have changed meanwhile
            if where is not None and self.pack.items[where].notes != notes:
                self.session.update(lambda p: p.set_notes(where, user_text(notes)))

        self.app.push_screen(NotesScreen(Content(f"Notes on item {index + 1}"), about, item.notes),
                             done)

    # ----- the pack's own notes

    def action_pack_notes(self) -> None:
        if not self.notes_area.disabled:
            self.notes_area.focus()

    @on(TextArea.Changed, "#pack-notes")
    def _notes_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self._notes_text = event.text_area.text
        self._cancel_notes_timer()
        self._notes_timer = self.set_timer(NOTES_DELAY, self.save_notes)

    def _cancel_notes_timer(self) -> None:
        if self._notes_timer is not None:
            self._notes_timer.stop()
            self._notes_timer = None

    @property
    def pending(self) -> bool:
        """Notes typed but not yet saved (tests wait on this)."""
        return self._notes_timer is not None

    def save_notes(self) -> None:
        self._cancel_notes_timer()
        pack = self.pack
        if pack is None or pack is not self._shown or self._notes_text is None:
            return
        text = user_text(self._notes_text)
        if text != pack.notes:
            self.session.update(lambda p: setattr(p, "notes", text))

    def on_unmount(self) -> None:
        self.save_notes()

    # ----- leaving, exporting, other packs

    def action_back(self) -> None:
        if self.focused is self.notes_area:
            self.save_notes()
            self.items_list.focus()
            return
        self.save_notes()
        self.dismiss()

    def action_export(self) -> None:
        pack = self.pack
        if pack is None:
            self.notify("There is no pack to export yet.", timeout=4, markup=False)
            return
        self.save_notes()
        labels = sorted({i.restriction.label for i in pack.items if i.restriction is not None})
        self.app.push_screen(ExportScreen(Content("the pack “") + literal(pack.title, one_line=True)
                                          + Content("”"), pack.name,
                                          lambda fmt: export_pack(pack, fmt),
                                          restricted=" / ".join(labels) or None))

    def action_copy_text(self) -> None:
        index = self._index()
        if index is None or self.pack is None:
            self.notify("Move to an item first.", timeout=3, markup=False)
            return
        item = self.pack.items[index]
        copy_text(self.app, item.text, f"item {index + 1}")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # In the notes box letters are typed, not keys: the footer must not offer K, J, d, ...
        return not (action in _ITEM_KEYS and self.focused is self.notes_area)

    def action_present(self) -> None:
        pack = self.pack
        if pack is None or not pack.items:
            self.notify("The pack has nothing to present yet.", timeout=4, markup=False)
            return
        self.save_notes()
        start = self._index() or 0
        self.app.push_screen(PresentScreen(slides_from_pack(pack), start=start, title=pack.title))

    def action_add_own_item(self) -> None:
        """The supervisor's own question or note, added at the end of the pack."""
        if self.pack is None or self.pack.read_only:
            self.notify("Open or start a pack first (l).", timeout=4, markup=False)
            return

        def chosen(kind: object) -> None:
            if kind not in OWN_KINDS:
                return
            title = "Your own question" if kind == OWN_QUESTION else "A note"

            def typed(text: object) -> None:
                if not isinstance(text, str) or not text.strip():
                    return
                item = own_item(str(kind), text)
                if self.session.update(lambda p: p.add(item)) and self.pack is not None:
                    self.refresh_pack(highlight=len(self.pack.items) - 1)

            self.app.push_screen(NotesScreen(Content(title), Content(
                "Added at the end of the pack, in your words; exports show it as yours, with no "
                "source."), ""), typed)

        self.app.push_screen(ChoiceScreen("Add to the pack", "Add your own question or a note?",
                                          [(OWN_QUESTION, "Own question"), (OWN_NOTE, "Note")]),
                             chosen)

    def action_pack_header(self) -> None:
        """Optional practitioner initials and session date: nothing else about anyone is asked."""
        pack = self.pack
        if pack is None or pack.read_only:
            self.notify("Open or start a pack first (l).", timeout=4, markup=False)
            return

        def date_ok(text: str) -> str | None:
            if text and not _DATE.match(text):
                return "Write the date as YYYY-MM-DD, e.g. 2024-05-20, or leave it empty."
            return None

        def got_date(text: object) -> None:
            if isinstance(text, str) and text != (pack.session_date or ""):
                self.session.update(lambda p: setattr(p, "session_date", text or None))

        def got_initials(text: object) -> None:
            if not isinstance(text, str):
                return
            initials = clean_initials(text)
            if initials != pack.practitioner:
                self.session.update(lambda p: setattr(p, "practitioner", initials))
            self.app.push_screen(PromptScreen(
                "Session date", "The date of the supervision session (YYYY-MM-DD; empty for none).",
                pack.session_date or "", placeholder="YYYY-MM-DD", check=date_ok), got_date)

        self.app.push_screen(PromptScreen(
            "Practitioner", "The practitioner's initials, if you want them on the pack and its "
            "exports (optional; initials only, no names).", pack.practitioner,
            placeholder="e.g. AB", check=lambda t: None if len(t) <= 12 else "Initials only: at "
            "most 12 characters."), got_initials)

    def action_pack_list(self) -> None:
        self.save_notes()
        self.app.push_screen(PacksScreen())
