"""Helpers every format shares: cleaning, paragraphs, and finding addresses in text.

Addresses (http/https/ftp URLs, "www." names, e-mail addresses) are found so each format can show
them as plain text that no viewer turns into a link: the workstation is offline and a source's
addresses may be stale or hostile.
"""

from __future__ import annotations

import re

from ..textsafe import clean

_ADDRESS = re.compile(
    r"""(?:\b(?:https?|ftp)://|\bwww\.)[^\s<>"]+    # URLs and www. names
      | \b[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+  # e-mail addresses
    """,
    re.VERBOSE | re.IGNORECASE,
)
_TRAILING = ".,;:!?)]}'\""


def paragraphs(text: str) -> list[list[str]]:
    """Cleaned text as paragraphs (split on blank lines), each a list of non-empty stripped lines."""
    out: list[list[str]] = []
    current: list[str] = []
    for line in clean(text).split("\n"):
        line = line.strip()
        if line:
            current.append(line)
        elif current:
            out.append(current)
            current = []
    if current:
        out.append(current)
    return out


def one_line(text: str) -> str:
    """Cleaned and on one line (headings, labels, table cells)."""
    return clean(text, keep_newlines=False)


def split_addresses(line: str) -> list[tuple[str, bool]]:
    """[(segment, is_address)], in order; trailing punctuation stays outside an address."""
    out: list[tuple[str, bool]] = []
    pos = 0
    for m in _ADDRESS.finditer(line):
        start, end = m.start(), m.end()
        while end > start and line[end - 1] in _TRAILING:
            end -= 1
        if end <= start:
            continue
        if start > pos:
            out.append((line[pos:start], False))
        out.append((line[start:end], True))
        pos = end
    if pos < len(line):
        out.append((line[pos:], False))
    return out
