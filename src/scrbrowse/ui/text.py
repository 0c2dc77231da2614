"""Turning untrusted text (corpus records, the user's query) into literal `Content`.

Every string from the corpus or the query goes through here before it reaches a widget: it is cleaned
of terminal control sequences (`textsafe.clean`) and wrapped in `Content`, which Textual never parses as
markup. A plain `str` handed to a Label, Static, Option or notification *would* be parsed as markup, so
no widget in this package is given one built from corpus text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from textual.content import Content
from textual.style import Style
from textual.widget import Widget

from ..textsafe import clean

_SPACES = re.compile(r"\s+")
Spans = Sequence[tuple[int, int]]


def component_style(widget: Widget, name: str, *, background: bool = False) -> Style:
    """A component class's look for spans of Content: colours already blended against the widget,
    and no background unless asked, so a list's highlight bar shows through the text."""
    style = widget.get_visual_style(name)
    return style if background else replace(style, background=None)


def literal(text: str | None, *, one_line: bool = False, limit: int | None = None) -> Content:
    """`text` exactly as written (minus terminal controls), never interpreted as markup."""
    out = clean(text or "")
    if one_line:
        out = _SPACES.sub(" ", out).strip()
    if limit is not None and len(out) > limit:
        out = out[: max(0, limit - 1)].rstrip() + "…"
    return Content(out)


def normalise_spans(spans: Iterable[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    """Sorted, clipped, non-overlapping spans (the engine's spans are data from another module)."""
    out: list[tuple[int, int]] = []
    for start, end in sorted((max(0, int(s)), min(length, int(e))) for s, e in spans):
        if end <= start:
            continue
        if out and start < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def highlighted(text: str | None, spans: Iterable[tuple[int, int]], style: Style | str,
                *, one_line: bool = False, base: Style | str | None = None) -> Content:
    """Literal text with the character ranges in `spans` styled.

    Cleaning can remove characters, which would shift the spans; so each stretch between span
    boundaries is cleaned on its own and the pieces are reassembled with their styles.
    """
    raw = text or ""
    parts: list[tuple[str, Style | str | None]] = []
    pos = 0
    for start, end in normalise_spans(spans, len(raw)):
        parts.append((raw[pos:start], base))
        parts.append((raw[start:end], style))
        pos = end
    parts.append((raw[pos:], base))
    cleaned: list[tuple[str, Style | str | None]] = []
    for piece, piece_style in parts:
        piece = clean(piece)
        if one_line:
            piece = _SPACES.sub(" ", piece)
        if piece:
            cleaned.append((piece, piece_style))
    if one_line and cleaned:
        cleaned[0] = (cleaned[0][0].lstrip(), cleaned[0][1])
        cleaned[-1] = (cleaned[-1][0].rstrip(), cleaned[-1][1])
    content = Content("")
    for piece, piece_style in cleaned:
        chunk = Content(piece)
        content = content + (chunk.stylize(piece_style) if piece_style else chunk)
    return content


def join(parts: Iterable[Content | str], separator: str = " · ") -> Content:
    """Join pieces; plain `str` pieces here are our own fixed wording, still taken literally."""
    return Content(separator).join(p if isinstance(p, Content) else Content(p) for p in parts if p)


# The same words wherever a restricted or unchecked document appears (results, document pane, related).
DRAFT_MARK = "DRAFT — not yet checked"


def restriction_mark(label: str | None) -> Content:
    """" ▲ PROFESSIONALS ONLY ": the restriction as the results list and the document pane show it."""
    return Content(" ▲ ") + literal((label or "Restricted").upper(), one_line=True) + Content(" ")


def plural(count: int, noun: str, plural_form: str | None = None) -> str:
    """"1 document", "2 documents"."""
    return f"{count:,} {noun if count == 1 else plural_form or noun + 's'}"
