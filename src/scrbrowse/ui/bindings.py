"""Every key binding of the app, in one table.

Each binding has a stable `id`, so the config file's `bindings:` map (id -> keys) can remap it through
Textual's keymap, and the help screen is generated from this table (plus the keymap), so it never
drifts from what the keys really do. Widgets and screens take their `BINDINGS` from here by id.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding, BindingType


@dataclass(frozen=True, slots=True)
class KeySpec:
    id: str
    keys: str  # Textual key names, comma-separated
    action: str
    description: str  # what the help screen says
    group: str  # heading on the help screen
    show: bool = False  # in the footer
    priority: bool = False
    key_display: str | None = None
    footer: str | None = None  # a short name for the footer

    def binding(self) -> Binding:
        return Binding(self.keys, self.action, self.footer or self.description, show=self.show,
                       id=self.id, priority=self.priority, key_display=self.key_display,
                       tooltip=self.description)


# Help screen headings, in order.
GROUPS: tuple[str, ...] = ("Anywhere", "Searching", "Lists", "Filters", "Reading a document",
                          "Session pack", "Pack screen", "List of packs", "Question bank",
                          "Themes overview", "Presenting", "Dialogs", "Help and warnings screens",
                          "Reviewing a draft")

SPECS: tuple[KeySpec, ...] = (
    # App-wide.
    # Letters typed anywhere but a text box go to the search box (as if typed there), so no action of a
    # list or the document is a bare letter that a word could trigger (issue 14): actions use Ctrl and
    # function keys. n/N (matches), space (filters) and / are the only printable keys bound, each only
    # where it does nothing harmful.
    KeySpec("focus_search", "slash,ctrl+l", "focus_search", "Go to the search box, its text selected "
            "(typing replaces it)", "Anywhere", show=True, key_display="/", footer="Search"),
    KeySpec("help", "f1", "help", "Help: every key", "Anywhere", show=True, footer="Help"),
    KeySpec("command_palette", "ctrl+p", "command_palette", "Commands (jump to a review, theme, agency)",
            "Anywhere", priority=True, footer="Commands"),  # the footer shows it on the right
    KeySpec("toggle_sidebar", "ctrl+t", "toggle_sidebar", "Show or hide the filters", "Anywhere",
            show=True, footer="Filters"),
    KeySpec("show_warnings", "f6", "show_warnings", "Corpus and settings warnings", "Anywhere",
            footer="Warnings"),
    KeySpec("next_pane", "tab", "next_pane", "Next pane", "Anywhere"),
    KeySpec("previous_pane", "shift+tab", "previous_pane", "Previous pane", "Anywhere"),
    KeySpec("back", "escape", "back", "Back out; in the search box, clear it", "Anywhere",
            show=True, footer="Back"),
    # Priority: quitting must work from anywhere, a dialog or the palette included (issue 16).
    KeySpec("quit", "ctrl+q", "quit", "Quit", "Anywhere", show=True, priority=True, footer="Quit"),
    # The session screens, reachable from anywhere (the palette has them too).
    KeySpec("show_pack", "f2", "show_pack", "The session pack: its items, notes, order and export",
            "Anywhere", show=True, footer="Pack"),
    KeySpec("question_bank", "f3", "question_bank", "The reflective question bank: every question "
            "in the corpus", "Anywhere", footer="Questions"),
    KeySpec("themes_overview", "f4", "themes_overview", "Themes overview: how many reviews raise "
            "each theme, and which occur together", "Anywhere", footer="Themes"),
    KeySpec("ingest", "f5", "ingest", "Add a review from a file (PDF, Word, Markdown or text) as a "
            "draft record", "Anywhere", footer="Add a review"),
    # The search box.
    KeySpec("accept_suggestion", "ctrl+y", "accept_suggestion", "Search for the suggested spelling",
            "Searching"),
    KeySpec("to_results", "down", "to_results", "Go to the results", "Searching"),
    KeySpec("clear_filters", "ctrl+r", "clear_filters", "Remove every filter", "Searching"),
    KeySpec("recent_search", "up", "recent_search", "In an empty search box: your recent searches "
            "(up again for older ones)", "Searching"),
    # Results, facet and related lists.
    KeySpec("toggle_compact", "f8", "toggle_compact", "Compact results: two lines a review, or full "
            "entries with the matching text (remembered)", "Lists", footer="Compact"),
    KeySpec("wider_results", "ctrl+right", "resize_results(4)", "Widen the results list (remembered)",
            "Lists"),
    KeySpec("narrower_results", "ctrl+left", "resize_results(-4)", "Narrow the results list "
            "(remembered)", "Lists"),
    KeySpec("cursor_down", "down", "cursor_down", "Move down (lists, and passages of a document)",
            "Lists"),
    KeySpec("cursor_up", "up", "cursor_up", "Move up (lists, and passages of a document)", "Lists"),
    KeySpec("open", "enter", "select", "Open the highlighted review", "Lists"),
    # Facets.
    KeySpec("toggle_facet", "space,enter", "toggle_value", "Tick or untick the highlighted filter; "
            "on a heading, fold or unfold it", "Filters", key_display="space"),
    # The detail pane.
    KeySpec("next_tab", "right", "next_tab", "Next tab", "Reading a document",
            key_display="→"),
    KeySpec("previous_tab", "left", "previous_tab", "Previous tab",
            "Reading a document", key_display="←"),
    KeySpec("first_passage", "home", "first_passage", "First passage of the tab", "Reading a document"),
    KeySpec("last_passage", "end", "last_passage", "Last passage of the tab (its last line)",
            "Reading a document"),
    KeySpec("next_match", "n", "next_match", "Next matched passage", "Reading a document"),
    KeySpec("previous_match", "N", "previous_match", "Previous matched passage", "Reading a document"),
    # The session pack, from the browser and the question bank.
    KeySpec("add_to_pack", "ctrl+s,insert", "add_to_pack", "Add the passage you are on (or the "
            "highlighted question) to the session pack; again removes it (Ctrl+Z puts it back)",
            "Session pack", show=True, footer="Add to pack"),
    KeySpec("add_document_to_pack", "ctrl+d", "add_document_to_pack", "Add the whole document to the "
            "session pack; again removes it (Ctrl+Z puts it back)", "Session pack", footer="Add document"),
    KeySpec("undo_pack_removal", "ctrl+z", "undo_pack_removal", "Put back what was just removed from "
            "the session pack", "Session pack", footer="Undo"),
    KeySpec("export", "ctrl+e,f7", "export", "Export the open document: Markdown, plain text or printable "
            "HTML", "Reading a document", footer="Export"),
    # The pack screen.
    KeySpec("edit_item_notes", "enter", "select", "Write notes on the highlighted item",
            "Pack screen", show=True, footer="Notes"),
    KeySpec("move_item_up", "K,ctrl+up", "move_item(-1)", "Move the highlighted item up",
            "Pack screen", show=True, key_display="K", footer="Up"),
    KeySpec("move_item_down", "J,ctrl+down", "move_item(1)", "Move the highlighted item down",
            "Pack screen", show=True, key_display="J", footer="Down"),
    # No bare letters on the pack screen either: a word typed there by mistake must not remove an
    # item or open a dialog (issue 14).
    KeySpec("remove_item", "delete,ctrl+x", "remove_item", "Remove the highlighted item (Ctrl+Z puts it "
            "back)", "Pack screen", show=True, key_display="Del", footer="Remove"),
    KeySpec("undo_remove", "ctrl+z", "undo_remove", "Put back the item just removed", "Pack screen"),
    KeySpec("pack_notes", "ctrl+w", "pack_notes", "Write the pack's own notes (Esc goes back to the "
            "items)", "Pack screen"),
    KeySpec("export_pack", "ctrl+e,f7", "export", "Export the pack: Markdown, plain text or printable "
            "HTML", "Pack screen", show=True, footer="Export"),
    KeySpec("pack_list", "ctrl+o", "pack_list", "Every pack: open another, make a new one, rename or "
            "delete", "Pack screen", show=True, footer="Packs"),
    # The list of packs.
    KeySpec("open_pack", "enter", "select", "Open the highlighted pack (the browser adds to it)",
            "List of packs"),
    KeySpec("new_pack", "ctrl+n", "new_pack", "Start a new pack", "List of packs", footer="New"),
    KeySpec("rename_pack", "f2", "rename_pack", "Rename the highlighted pack", "List of packs",
            footer="Rename"),
    KeySpec("delete_pack", "delete", "delete_pack", "Delete the highlighted pack (asks first; the "
            "files go to the trash folder)", "List of packs", key_display="Del", footer="Delete"),
    # The question bank and the themes overview.
    KeySpec("open_question", "enter", "select", "Read the highlighted question in its document",
            "Question bank"),
    KeySpec("filter_by_theme", "enter", "select", "Show the reviews that raise the highlighted "
            "theme in the browser", "Themes overview"),
    # Dialogs (export, notes, confirmations).
    KeySpec("cancel", "escape", "cancel", "Close the dialog without doing anything", "Dialogs"),
    KeySpec("keep_notes", "ctrl+s", "keep", "Notes editor: keep the notes and close (Esc, like "
            "every dialog's, cancels; it asks first if you changed the notes)", "Dialogs"),
    # Help and warnings screens.
    KeySpec("close", "escape,q,question_mark", "dismiss", "Close this screen",
            "Help and warnings screens"),
    # Reviewing a draft (the review screen, opened from a draft in the browser).
    KeySpec("review_draft", "f9", "review_draft", "Review the open draft record: its items and "
            "tags beside the source, then mark it as checked", "Reviewing a draft", footer="Review"),
    KeySpec("review_accept", "a", "accept", "Accept the highlighted item, or the highlighted "
            "suggested tag", "Reviewing a draft", show=True, footer="Accept"),
    KeySpec("review_drop", "d,delete", "drop", "Drop the highlighted item, or reject the highlighted "
            "tag", "Reviewing a draft", show=True, key_display="d", footer="Drop"),
    KeySpec("review_edit", "e", "edit", "Edit the highlighted item's text", "Reviewing a draft",
            show=True, footer="Edit"),
    KeySpec("review_split", "s", "split", "Split the highlighted item in two or more",
            "Reviewing a draft", footer="Split"),
    KeySpec("review_merge", "m", "merge", "Merge the highlighted item with the one below it",
            "Reviewing a draft", footer="Merge"),
    KeySpec("review_details", "r", "details", "Fix the title, child, area, board, review id and date",
            "Reviewing a draft", show=True, footer="Details"),
    KeySpec("review_undo", "u,ctrl+z", "undo", "Undo the last change", "Reviewing a draft",
            show=True, key_display="u", footer="Undo"),
    KeySpec("review_checked", "c", "mark_checked", "Mark as checked: write the record without its "
            "draft block (a copy of the draft is kept)", "Reviewing a draft", show=True,
            footer="Checked"),
    KeySpec("review_leave", "escape", "leave", "Leave the review (asks first if there are "
            "changes not written)", "Reviewing a draft", show=True, footer="Back"),
    # ----- The session screens' own keys (issue 14: presentation, starring, copying, own items).
    # Kept in this one block; they act only on the screens that bind them.
    KeySpec("export_format", "enter", "choose_and_export", "Export in the highlighted format",
            "Dialogs"),
    KeySpec("present", "f5", "present", "Present: one question or learning point at a time, "
            "large, for reading aloud or a shared screen", "Session pack", key_display="F5",
            footer="Present", show=True),
    KeySpec("present_next", "right,space,pagedown", "next_slide", "Next question or point", "Presenting",
            key_display="→", footer="Next", show=True),
    KeySpec("present_previous", "left,pageup", "previous_slide", "Previous question or point", "Presenting",
            key_display="←", footer="Previous", show=True),
    KeySpec("present_close", "escape", "close", "Back to where you were", "Presenting",
            footer="Back", show=True),
    KeySpec("star_question", "ctrl+f", "star", "Star the highlighted question into your own bank "
            "(again removes it)", "Question bank", footer="Star", show=True),
    KeySpec("starred_only", "ctrl+o", "starred_only", "Show only your starred questions, or all",
            "Question bank", footer="Starred"),
    KeySpec("copy_text", "ctrl+c", "copy_text", "Copy the question's (or item's) text",
            "Question bank", footer="Copy"),
    KeySpec("add_own_item", "ctrl+n", "add_own_item", "Add your own question or note to the pack",
            "Pack screen", footer="Own item", show=True),
    KeySpec("pack_header", "ctrl+g", "pack_header", "The pack's header: practitioner initials and "
            "session date (optional)", "Pack screen", footer="Header"),
)

BY_ID: dict[str, KeySpec] = {spec.id: spec for spec in SPECS}


def bindings(*ids: str) -> list[BindingType]:
    """The Binding objects for these ids (for a class's BINDINGS)."""
    return [BY_ID[i].binding() for i in ids]


def unknown_ids(keymap: dict[str, str]) -> list[str]:
    return sorted(k for k in keymap if k not in BY_ID)
