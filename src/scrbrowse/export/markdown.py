"""Markdown (CommonMark/GFM) rendering.

Corpus and user text can never become Markdown structure: every character that can start emphasis,
code, a link, an image, a table, raw HTML or an entity is escaped with a backslash (`&` only where
it could start an entity), and each line's start is escaped where it could open a heading, list, quote or
setext underline. Addresses are put in code spans, which no renderer turns into links (GFM would
auto-link a bare URL even after escaping). The output contains no links and no HTML.
"""

from __future__ import annotations

import re

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
from .common import one_line, paragraphs, split_addresses

# Backslash escapes (CommonMark allows one before any ASCII punctuation) keep the raw file readable:
# "Police & health" stays "Police & health", not "Police &amp; health". An ampersand is escaped only
# where it could start an entity ("&amp;", "&#60;"), the one place a renderer would change it.
_INLINE = {"\\": "\\\\", "`": "\\`", "*": "\\*", "_": "\\_", "[": "\\[", "]": "\\]", "~": "\\~",
           "|": "\\|", "$": "\\$", "<": "\\<", ">": "\\>", "&": "\\&"}
# An underscore between two letters or digits can never open or close emphasis (CommonMark's
# flanking rules), so "000_3b68.txt" stays readable; every other special character is escaped.
_INLINE_RE = re.compile(r"[\\`*\[\]~|$<>]|&(?=#?[A-Za-z0-9]+;)|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])")
_ORDERED_START = re.compile(r"^(\d{1,9})([.)])")
HARD_BREAK = "\\\n"  # CommonMark hard line break: a backslash at the end of a line


def _code_span(text: str) -> str:
    runs = [len(r) for r in re.findall(r"`+", text)]
    fence = "`" * (max(runs, default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def inline(line: str, *, line_start: bool = True) -> str:
    """One line of raw text as literal Markdown (no newlines in `line`). With line_start, the line
    may begin a block, so block markers at its start are escaped."""
    out = []
    for segment, is_address in split_addresses(line):
        if is_address:
            out.append(_code_span(segment))
        else:
            out.append(_INLINE_RE.sub(lambda m: _INLINE[m.group()], segment))
    text = "".join(out).strip()
    if not line_start:
        return text
    # Line starts that would open a block: heading, list, setext underline, ordered list.
    if text[:1] in ("#", "+", "-", "="):
        text = "\\" + text
    m = _ORDERED_START.match(text)
    if m:
        text = f"{m.group(1)}\\{m.group(2)}{text[m.end():]}"
    return text


def _lines(text: str, indent: str = "") -> str:
    """Raw text as Markdown paragraphs; lines inside a paragraph kept with hard breaks. `indent`
    prefixes continuation lines (inside list items)."""
    paras = [(HARD_BREAK + indent).join(inline(ln) for ln in p) for p in paragraphs(text)]
    return f"\n{indent.rstrip()}\n{indent}".join(paras)


def _item(item: ListItem, marker: str) -> str:
    indent = " " * len(marker)
    body = _lines(item.text, indent)
    if item.lead:
        lead = inline(one_line(item.lead))
        if body.startswith(lead):
            body = f"**{lead}**{body[len(lead):]}"
    if item.tag:
        body += f" *({inline(one_line(item.tag))})*"
    for label, value in item.details:
        body += HARD_BREAK + indent
        body += (f"**{inline(one_line(label))}:** " if label else "") + _lines(value, indent)
    out = [marker + body]
    for sub in item.sub:
        out.append(f"{indent}- {_lines(sub, indent + '  ')}")
    return "\n".join(out)


def _list(block: ItemList) -> str:
    if not block.numbered:
        return "\n".join(_item(it, "- ") for it in block.items)
    numbers = [it.marker or "" for it in block.items]
    if all(n.isdigit() for n in numbers):
        first = int(numbers[0])
        if [int(n) for n in numbers] == list(range(first, first + len(numbers))):
            # Markdown renumbers ordered lists from the first number: fine when consecutive.
            return "\n".join(_item(it, f"{n}. ") for it, n in zip(block.items, numbers, strict=True))
    # Otherwise show the source's numbers as text, so no renderer changes them.
    return "\n".join(_item(it, "- ").replace("- ", f"- **{inline(n)}** ", 1)
                     for it, n in zip(block.items, numbers, strict=True))


def _block(block: Block) -> str:
    if isinstance(block, Heading):
        text = inline(one_line(block.text), line_start=False)
        if text.endswith("#"):  # would be read as the heading's optional closing sequence
            text = text[:-1] + "\\#"
        return "#" * block.level + " " + text
    if isinstance(block, Banner):
        return "> **" + inline(one_line(block.label)) + "** — " + _lines(block.text, "> ")
    if isinstance(block, RestrictionMark):
        return "**" + inline(one_line(block.label)) + "** — " + _lines(block.text)
    if isinstance(block, Meta):
        return "\n".join(f"- **{inline(one_line(k))}:** {inline(one_line(v))}"
                         for k, v in block.rows)
    if isinstance(block, Text):
        body = _lines(block.text)
        if block.style == "citation":
            return f"**Source:** {body}"
        if block.style == "note":
            return f"*{body}*"
        return body
    if isinstance(block, Labelled):
        return f"**{inline(one_line(block.label))}:** {_lines(block.text)}"
    if isinstance(block, ItemList):
        return _list(block)
    if isinstance(block, Entry):
        return "\n\n".join(_block(b) for b in block.blocks)
    raise TypeError(f"unknown block {block!r}")


def render(doc: ExportDoc) -> str:
    parts = [_block(b) for b in doc.blocks]
    if doc.footer:
        parts += ["---", f"*{_lines(doc.footer)}*"]
    return "\n\n".join(p for p in parts if p) + "\n"
