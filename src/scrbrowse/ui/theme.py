"""Themes: Textual's dark and light themes plus a high-contrast theme for low vision and bright rooms."""

from __future__ import annotations

from textual.theme import Theme

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
