"""Plain text rendering, wrapped at 78 columns for printing, e-mail and terminals.

All text goes through `textsafe.clean`, so an export shown with `cat` can never act on the terminal
(escape sequences, control characters and bidi overrides are removed). Nothing else is escaped:
plain text has no markup, so `[b]` or `<script>` are just characters.
"""

from __future__ import annotations

import textwrap

from .blocks import (
    Banner,
    Block,
    Entry,
    ExportDoc,
    Heading,
    ItemList,
    Labelled,
    ListItem,
    Meta,
    RestrictionMark,
    Text,
)
from .common import one_line, paragraphs

WIDTH = 78
_UNDERLINE = {1: "=", 2: "-", 3: "~"}


def _wrap(text: str, first: str = "", rest: str | None = None) -> str:
    return textwrap.fill(text, WIDTH, initial_indent=first,
                         subsequent_indent=first if rest is None else rest,
                         break_long_words=False, break_on_hyphens=False) or first.rstrip()


def _paras(text: str, first: str = "", rest: str | None = None) -> str:
    """Wrapped paragraphs; each source line wrapped on its own so line breaks are kept. Only the
    very first line gets `first`; the rest are indented with `rest`."""
    rest = first if rest is None else rest
    out = []
    lead = first
    for para in paragraphs(text):
        out.append("\n".join(_wrap(line, lead if i == 0 else rest, rest)
                             for i, line in enumerate(para)))
        lead = rest
    return "\n\n".join(out)


def _item(item: ListItem, marker: str) -> str:
    pad = " " * len(marker)
    text = item.text
    if item.tag:
        text = text.rstrip() + f" ({one_line(item.tag)})"
    out = [_paras(text, marker, pad)]
    for label, value in item.details:
        prefix = f"{one_line(label)}: " if label else ""
        out.append(_paras(prefix + value, pad, pad + "  "))
    for sub in item.sub:
        out.append(_paras(sub, pad + "- ", pad + "  "))
    return "\n".join(out)


def _list(block: ItemList) -> str:
    if not block.numbered:
        return "\n".join(_item(it, "  - ") for it in block.items)
    markers = [f"{one_line(it.marker or '')}." for it in block.items]
    width = max(len(m) for m in markers)
    return "\n".join(_item(it, f"  {m.rjust(width)} ")
                     for it, m in zip(block.items, markers, strict=True))


def _block(block: Block) -> str:
    if isinstance(block, Heading):
        text = one_line(block.text)
        return f"{text}\n{_UNDERLINE.get(block.level, '~') * min(len(text), WIDTH)}"
    if isinstance(block, Banner):
        rule = "*" * WIDTH
        body = _paras(f"{one_line(block.label)} — {block.text}")
        return f"{rule}\n{body}\n{rule}"
    if isinstance(block, RestrictionMark):
        return _paras(f"[{one_line(block.label)}] {block.text}", "", "  ")
    if isinstance(block, Meta):
        width = max(len(one_line(k)) for k, _ in block.rows) + 2
        return "\n".join(_wrap(one_line(v), f"{one_line(k) + ':':<{width}}", " " * width)
                         for k, v in block.rows)
    if isinstance(block, Text):
        if block.style == "citation":
            return _paras(f"Source: {block.text}", "", "  ")
        return _paras(block.text)
    if isinstance(block, Labelled):
        return _paras(f"{one_line(block.label)}: {block.text}", "", "  ")
    if isinstance(block, ItemList):
        return _list(block)
    if isinstance(block, Entry):
        return "\n\n".join(_block(b) for b in block.blocks)
    raise TypeError(f"unknown block {block!r}")


def render(doc: ExportDoc) -> str:
    parts = [_block(b) for b in doc.blocks]
    if doc.footer:
        parts += ["-" * WIDTH, _paras(doc.footer)]
    return "\n\n".join(p for p in parts if p) + "\n"
