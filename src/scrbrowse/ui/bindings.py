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
                          "Help and warnings screens")

SPECS: tuple[KeySpec, ...] = (
    # App-wide.
    KeySpec("focus_search", "slash", "focus_search", "Go to the search box", "Anywhere", show=True,
            key_display="/", footer="Search"),
    KeySpec("help", "question_mark,f1", "help", "Help: every key", "Anywhere", show=True,
            key_display="?", footer="Help"),
    KeySpec("command_palette", "ctrl+p", "command_palette", "Commands (jump to a review, theme, agency)",
            "Anywhere", priority=True, footer="Commands"),  # the footer shows it on the right
    KeySpec("toggle_sidebar", "f,ctrl+t", "toggle_sidebar", "Show or hide the filters", "Anywhere",
            show=True, key_display="f", footer="Filters"),
    KeySpec("show_warnings", "w", "show_warnings", "Corpus and settings warnings", "Anywhere",
            footer="Warnings"),
    KeySpec("next_pane", "tab", "next_pane", "Next pane", "Anywhere"),
    KeySpec("previous_pane", "shift+tab", "previous_pane", "Previous pane", "Anywhere"),
    KeySpec("back", "escape", "back", "Back out; in the search box, clear it", "Anywhere",
            show=True, footer="Back"),
    KeySpec("quit", "q", "quit", "Quit (Ctrl+Q also quits, even from the search box)", "Anywhere",
            show=True, footer="Quit"),
    # The search box.
    KeySpec("accept_suggestion", "ctrl+y", "accept_suggestion", "Search for the suggested spelling",
            "Searching"),
    KeySpec("to_results", "down", "to_results", "Go to the results", "Searching"),
    KeySpec("clear_filters", "x", "clear_filters", "Remove every filter", "Searching"),
    # Results, facet and related lists.
    KeySpec("cursor_down", "down,j", "cursor_down", "Move down (lists, and passages of a document)",
            "Lists"),
    KeySpec("cursor_up", "up,k", "cursor_up", "Move up (lists, and passages of a document)", "Lists"),
    KeySpec("open", "enter", "select", "Open the highlighted review", "Lists"),
    # Facets.
    KeySpec("toggle_facet", "space,enter", "toggle_value", "Tick or untick the highlighted filter; "
            "on a heading, fold or unfold it", "Filters", key_display="space"),
    # The detail pane.
    KeySpec("next_tab", "right,right_square_bracket", "next_tab", "Next tab", "Reading a document",
            key_display="→"),
    KeySpec("previous_tab", "left,left_square_bracket", "previous_tab", "Previous tab",
            "Reading a document", key_display="←"),
    KeySpec("next_match", "n", "next_match", "Next matched passage", "Reading a document"),
    KeySpec("previous_match", "N", "previous_match", "Previous matched passage", "Reading a document"),
    # Help and warnings screens.
    KeySpec("close", "escape,q,question_mark", "dismiss", "Close this screen",
            "Help and warnings screens"),
)

BY_ID: dict[str, KeySpec] = {spec.id: spec for spec in SPECS}


def bindings(*ids: str) -> list[BindingType]:
    """The Binding objects for these ids (for a class's BINDINGS)."""
    return [BY_ID[i].binding() for i in ids]


def unknown_ids(keymap: dict[str, str]) -> list[str]:
    return sorted(k for k in keymap if k not in BY_ID)
