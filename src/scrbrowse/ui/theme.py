"""Themes: Textual's dark and light themes plus a high-contrast theme for low vision and bright rooms."""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.color import Color
from textual.content import Content
from textual.style import Style
from textual.theme import Theme

from ..model import Restriction
from ..textsafe import clean

HIGH_CONTRAST = "scrbrowse-high-contrast"
DEFAULT_THEME = "textual-dark"

# Pure black and white with saturated accents: every foreground/background pair is well above WCAG AAA.
HIGH_CONTRAST_THEME = Theme(
    name=HIGH_CONTRAST,
    primary="#FFFF00",
    secondary="#00FFFF",
    accent="#FFFF00",
    warning="#FFB000",
    error="#FF5555",
    success="#00FF66",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#1A1A1A",
    boost="#222222",
    dark=True,
    luminosity_spread=0.0,
    text_alpha=1.0,
    variables={
        "block-cursor-foreground": "#000000",
        "block-cursor-background": "#FFFF00",
        "block-cursor-text-style": "bold",
        "block-cursor-blurred-foreground": "#FFFFFF",
        "block-cursor-blurred-background": "#333333",
        "block-cursor-blurred-text-style": "bold",
        "block-hover-background": "#1A1A1A",
        "input-selection-background": "#FFFF00 60%",
        "footer-key-foreground": "#FFFF00",
        "border": "#FFFFFF",
        "border-blurred": "#AAAAAA",
    },
)

# The themes offered by the "toggle theme" command, in order.
CYCLE: tuple[str, ...] = ("textual-dark", "textual-light", HIGH_CONTRAST)


def limit_themes(app: App[Any]) -> None:
    """Offer only the app's own themes (the palette's "Theme" command lists every registered one).

    Textual's other built-in themes were never checked against the app's colours: in some the red
    restriction banner turned dark-on-grey. Called once, after HIGH_CONTRAST_THEME is registered."""
    for name in list(app.available_themes):
        if name not in CYCLE:
            app.unregister_theme(name)


# ---------------------------------------------------------------------------------------------
# Marks that must look the same in every place and every theme: fixed colours, not theme variables,
# so no theme can soften them. White on dark red and black on amber are both above WCAG AA.

RESTRICTION_STYLE = Style(foreground=Color.parse("#FFFFFF"), background=Color.parse("#A00000"),
                          bold=True)
DRAFT_STYLE = Style(foreground=Color.parse("#000000"), background=Color.parse("#FFB000"), bold=True)
DRAFT_LABEL = "DRAFT — not yet checked"


def restriction_label(restriction: Restriction | str) -> str:
    """"PROFESSIONALS ONLY": the one wording of a restriction's label on screen."""
    label = restriction if isinstance(restriction, str) else restriction.label
    return " ".join(clean(label).split()).upper() or "RESTRICTED"


def restriction_mark(restriction: Restriction | str) -> Content:
    """" ▲ PROFESSIONALS ONLY " in the fixed restriction style, literal whatever the label holds."""
    return Content(f" ▲ {restriction_label(restriction)} ").stylize(RESTRICTION_STYLE)


def draft_mark() -> Content:
    return Content(f" {DRAFT_LABEL} ").stylize(DRAFT_STYLE)


def copy_text(app: App[Any], text: str, what: str = "the text") -> None:
    """Copy through the terminal (OSC 52). No terminal says whether it allowed it, so the message
    says what to do if nothing pastes."""
    app.copy_to_clipboard(clean(text))
    app.notify(f"Copied {what} to the clipboard through the terminal. If nothing pastes, this "
               "terminal does not allow it: select the text with the mouse (Shift+drag in most "
               "terminals), or export.", timeout=6, markup=False)
