"""The help screen: every key, generated from the bindings table and the user's keymap."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from ..bindings import GROUPS, SPECS, bindings

INTRO = (
    "scrbrowse searches the published learning from child safeguarding case reviews. Type what is "
    "in front of you (for example “co-sleeping after alcohol” or “father not engaged”), read the "
    "learning points, and put the review's reflective questions to the practitioner."
)
REMAP = (
    "To change a key, add its id and the keys you want under “bindings:” in config.yaml in your "
    "scrbrowse config folder, for example:  focus_search: \"/,ctrl+f\" (docs/keys.md lists every id)."
)


def key_rows(app: App[object], keymap: dict[str, str]) -> list[tuple[str, str, str, str]]:
    """(group, keys as shown, description, id) for every binding, with the user's keymap applied."""
    get_display = app.get_key_display
    rows = []
    for spec in SPECS:
        keys = keymap.get(spec.id, spec.keys)
        shown = ", ".join(dict.fromkeys(get_display(Binding(k.strip(), "")) for k in keys.split(",")
                                        if k.strip()))
        rows.append((spec.group, shown, spec.description, spec.id))
    return rows


def keys_markdown(app: App[object]) -> str:
    """The key list as Markdown (docs/keys.md is this, with the default keys)."""
    rows = key_rows(app, {})
    out = ["# Keys", "", INTRO, "",
           "Every key can be changed in `config.yaml` (see below); the help screen (`F1`) always shows "
           "the keys in force.", ""]
    for group in GROUPS:
        out += [f"## {group}", "", "| Keys | What it does | Binding id |", "| --- | --- | --- |"]
        for g, keys, desc, bid in rows:
            if g == group:
                out.append(f"| `{keys}` | {desc} | `{bid}` |")
        out.append("")
    out += ["## Changing a key", "", REMAP.replace("“", "`").replace("”", "`"), "",
            "```yaml", "bindings:", '  focus_search: "/,ctrl+f"', '  quit: "ctrl+q,f10"', "```", ""]
    return "\n".join(out)


class HelpScreen(ModalScreen[None]):
    BINDINGS = bindings("close")
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > Vertical { width: 90%; max-width: 100; height: 90%; border: thick $primary;
                            background: $surface; padding: 0 1; }
    HelpScreen #help-title { text-style: bold; padding: 0 0 1 0; }
    HelpScreen .help-group { text-style: bold; color: $text-primary; padding-top: 1; }
    HelpScreen .help-note { color: $text-muted; padding-top: 1; }
    """

    def compose(self) -> ComposeResult:
        keymap: dict[str, str] = dict(getattr(self.app, "keymap_overrides", {}))
        rows = key_rows(self.app, keymap)
        width = max(len(r[1]) for r in rows) + 2
        with Vertical():
            close = next(r[1] for r in rows if r[3] == "close")
            yield Static(Content(f"Keys — press {close} to close"), id="help-title")
            with VerticalScroll(id="help-body"):
                yield Static(Content(INTRO), classes="help-note")
                for group in GROUPS:
                    group_rows = [r for r in rows if r[0] == group]
                    if not group_rows:
                        continue
                    yield Static(Content(group), classes="help-group")
                    # No binding ids here (they are for config.yaml, listed in docs/keys.md).
                    lines = [Content(keys.ljust(width)).stylize("bold") + Content(desc)
                             for _g, keys, desc, _bid in group_rows]
                    yield Static(Content("\n").join(lines), classes="help-keys")
                yield Static(Content("The mouse works too: click a result, a tab, a filter or a "
                                     "chip's ✕."), classes="help-note")
                yield Static(Content(REMAP), classes="help-note")
