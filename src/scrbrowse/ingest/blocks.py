"""The one shape every extractor produces: a list of blocks (headings, paragraphs, list items).

PDF, Word, Markdown and text differ in how they mark structure (fonts, styles, `#`, bullets typed
as characters); each extractor turns what its format knows into `Block`s, and everything after
that (structure, metadata, tagging) is format-free. Text reaching a block has been through
`textsafe.clean`, so no control or escape character survives extraction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from ..textsafe import clean
from .dates import date_line
from .furniture import furniture_line
from .headings import match_heading


class Kind(StrEnum):
    HEADING = "heading"
    PARA = "para"
    ITEM = "item"


@dataclass(frozen=True, slots=True)
class Link:
    label: str
    url: str | None  # None when the source only had a placeholder ("#") or no address


@dataclass(slots=True)
class Block:
    kind: Kind
    text: str  # plain text: link markup resolved to its label, bold markers removed
    lead: str | None = None  # bold opening words of a paragraph or item
    marker: str | None = None  # the bullet glyph of an item ("•", "✓", "✚")
    number: str | None = None  # "1", "b", "iv" for a numbered item
    level: int = 0  # heading level the format gave (1 = top), 0 when unknown
    hinted: bool = False  # the format itself marked this as a heading (style, '#', font size)
    title_hint: bool = False  # the format marked it as the title (Word "Title", biggest PDF font)
    links: list[Link] = field(default_factory=list)
    line_break: bool = False  # the block spans several short lines (kept as lines, not joined)
    # Where the block starts in the source, so a reviewer can check each extracted item: the
    # 1-based line of a text file, or the page of a PDF (None when the format does not say).
    line: int | None = None
    page: int | None = None


# --- text normalisation ------------------------------------------------------------------------

# Ligatures and invisible characters PDFs and Word leave in text. Zero-width characters split words
# for search; ligatures make "ﬁrst" unsearchable.
_REPLACE = str.maketrans({
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ", "\u3000": " ",
    "\t": " ", "\u00ad": None, "\u200b": None, "\u200c": None, "\u200d": None, "\u2060": None,
    "\ufeff": None, "\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi",
    "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st", "\u2028": "\n", "\u2029": "\n",
})
# Private-use characters are symbol-font glyphs (Wingdings bullets and ticks); outside a bullet
# position they mean nothing to a reader.
_PRIVATE_USE = re.compile(r"[\ue000-\uf8ff]")
_SPACES = re.compile(r"[ ]{2,}")


def normalise(text: str) -> str:
    """Clean (no escape/control/bidi characters) and tidy one piece of extracted text."""
    text = clean(text).translate(_REPLACE)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return "\n".join(lines).strip()


def strip_private_use(text: str) -> str:
    return _PRIVATE_USE.sub("", text).strip()


# --- bullets and numbers -----------------------------------------------------------------------

# Ticks and crosses mark good practice and areas to strengthen in some briefings ("✓", "✚"). Symbol
# fonts leave them as Latin letters in extracted text: Wingdings' tick is "ü", its cross "û".
GOOD_MARKS = frozenset("✓✔☑ü\uf0fc")
STRENGTHEN_MARKS = frozenset("✚➕✗✘û\uf0fb")
_BULLET_CHARS = "-*+•●○◦▪■□►▶➢➤➔→·–—§Ø\uf0a7\uf0b7\uf0d8\uf076\uf0a8" + "".join(GOOD_MARKS | STRENGTHEN_MARKS)
_BULLET = re.compile(rf"^\s*([{re.escape(_BULLET_CHARS)}])\s+(?=\S)")
_NUMBER = re.compile(r"^\s*\(?(\d{1,2}|[a-hA-H]|[ivxIVX]{1,4})[.)]\s+(?=\S)")
_MARK_AFTER_BULLET = re.compile(rf"^([{re.escape(''.join(GOOD_MARKS | STRENGTHEN_MARKS))}])\s+")


def split_marker(line: str) -> tuple[str | None, str | None, str]:
    """(bullet glyph, number, rest) for a line that starts a list item; (None, None, line) if not."""
    m = _BULLET.match(line)
    if m:
        marker, rest = m.group(1), line[m.end():]
        # "- ✓ Good quality care": the tick after the bullet is what carries meaning.
        m2 = _MARK_AFTER_BULLET.match(rest)
        if m2:
            marker, rest = m2.group(1), rest[m2.end():]
        if marker == "*" and rest.startswith("*"):  # "**bold**" opening a paragraph, not a bullet
            return None, None, line
        return marker, None, rest
    m = _NUMBER.match(line)
    if m:
        return None, m.group(1), line[m.end():]
    return None, None, line


# --- inline markup (Markdown links and bold, bare addresses) ------------------------------------

_MD_LINK = re.compile(r"\[([^\[\]\n]{1,500})\]\(([^()\s]{0,2000})\)")
_ANGLE_URL = re.compile(r"<((?:https?://|www\.)[^<>\s]{1,2000})>")
_BARE_URL = re.compile(r"(?<![\w/])((?:https?://|www\.)[^\s<>\"'\]\)]{2,2000})")
_LEAD = re.compile(r"^\*\*(.+?)\*\*")


def parse_inline(text: str) -> tuple[str, list[Link], str | None]:
    """Markdown-ish inline text -> (plain text, links, bold lead).

    `[label](#)` becomes `label`; `<http://...>` becomes the address; `**bold**` markers go, and bold
    opening words are returned as the lead. Link addresses are kept as text, never fetched.
    """
    links: list[Link] = []
    lead: str | None = None
    m = _LEAD.match(text.strip())
    if m:
        lead = m.group(1).strip() or None

    def _link(m: re.Match[str]) -> str:
        label, url = m.group(1).strip(), m.group(2).strip()
        links.append(Link(label, url if url and url != "#" else None))
        return label

    text = _MD_LINK.sub(_link, text)

    def _angle(m: re.Match[str]) -> str:
        links.append(Link(m.group(1), m.group(1)))
        return m.group(1)

    text = _ANGLE_URL.sub(_angle, text)
    seen = {link.url for link in links}
    for m2 in _BARE_URL.finditer(text):
        url = m2.group(1).rstrip(".,;:")
        if url not in seen:
            links.append(Link(url, url))
            seen.add(url)
    text = text.replace("**", "").replace("__", "")
    if lead is not None:
        lead = parse_inline(lead)[0] if "[" in lead else lead.replace("__", "")
    return text.strip(), links, lead


def is_link_only(text: str, links: list[Link]) -> bool:
    """Every line is nothing but a link label or address ("[Published SCRs](#)")."""
    if not links:
        return False
    labels = {link.label for link in links} | {link.url for link in links if link.url}
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    return bool(lines) and all(line in labels for line in lines)


# --- from plain lines to blocks (text files, and text found inside Word table cells) ------------

_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_SETEXT = re.compile(r"^(=+|-+)\s*$")
_RULE = re.compile(r"^(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,})$")
_BOLD_LINE = re.compile(r"^\*\*([^*]{1,200})\*\*\s*:?\s*$")
_TABLE_ROW = re.compile(r"^\|.*\|\s*$")
_TABLE_SEPARATOR = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")


def make_block(kind: Kind, raw: str, **kw: object) -> Block | None:
    """A block from raw (possibly Markdown) text; None when nothing readable is left."""
    text, links, lead = parse_inline(normalise(raw))
    text = strip_private_use(text)  # bullets were read before this; what is left is noise
    if not text:
        return None
    return Block(kind, text, lead=lead, links=links, **kw)  # type: ignore[arg-type]


# --- which lines carry on the one above --------------------------------------------------------

NO_WRAP_OVER = 160  # a line this long means the text was not wrapped at a width
UNWRAPPED = 0  # the width of text whose lines are not wrapped: a line per paragraph, item or label
# A line ending like this cannot end a paragraph, an item or a header line.
_JOINING_END = re.compile(r"(?:[,;(&/\u2013\u2014-]|\b(?:a|an|and|as|at|by|for|from|in|into|of|on|or|"
                          r"the|to|with))$", re.IGNORECASE)


def wrap_width(lines: list[str]) -> int:
    """The width hard-wrapped text was wrapped at (most of its lines reach it: the 90th percentile
    of their lengths), or UNWRAPPED when a line is longer than any wrap: text copied from a web
    page puts each paragraph, item or header line on a line of its own."""
    lengths = sorted(len(s.strip()) for s in lines if s.strip())
    if not lengths or lengths[-1] >= NO_WRAP_OVER:
        return UNWRAPPED
    return lengths[(len(lengths) - 1) * 9 // 10]


def continues(prev: str, line: str, width: int) -> bool:
    """Whether `line` carries on the paragraph or item that `prev` ends, rather than starting a
    block of its own (a title over its board's name and date, learning points without bullets)."""
    if date_line(prev) or date_line(line):
        return False  # a date standing alone is a header line, not part of a sentence
    if not (line[:1].isupper() or line[:1].isdigit()) or _JOINING_END.search(prev):
        return True  # mid-sentence: "...each held part" / "of the picture"
    # A capital after a line that stops well short of the width is a new start; in a text with
    # no width, every line is one.
    return width != UNWRAPPED and len(prev) >= 0.7 * width


def lines_to_blocks(lines: list[str], *, markdown: bool = True, join_all: bool = False
                    ) -> list[Block]:
    """Group text lines into blocks: blank lines end paragraphs, bullets and numbers start items.

    Continuation lines join the paragraph or item above them where the text was hard-wrapped
    (`continues`; with `join_all`, always: the lines of a table cell), except that a line which is
    itself a known heading ("Learning points:") always stands alone.
    """
    width = wrap_width(lines)
    blocks: list[Block] = []
    cur: list[str] = []
    cur_kind = Kind.PARA
    cur_kw: dict[str, object] = {}
    table: list[list[str]] = []
    start = 0  # the 1-based line the open paragraph, item or table began on
    table_start = 0

    def close() -> None:
        nonlocal cur, cur_kw, table
        if table:
            for tb in table_to_blocks(table):
                tb.line = table_start  # cells number their own lines from 1
                blocks.append(tb)
            table = []
        if cur:
            # A run of link lines is a list of links: keep one per line rather than run together.
            keep_lines = (cur_kind is Kind.PARA and len(cur) > 1
                          and all(is_link_only(*parse_inline(ln)[:2]) for ln in cur))
            raw = "\n".join(cur) if keep_lines else _join_wrapped(cur)
            b = make_block(cur_kind, raw, **cur_kw)
            if b is not None:
                b.line_break = keep_lines
                b.line = start
                blocks.append(b)
        cur, cur_kw = [], {}

    def begin() -> None:
        nonlocal start
        if not cur:
            start = number

    for number, raw_line in enumerate(lines, 1):
        line = raw_line.rstrip()
        s = line.strip()
        if not s:
            close()
            continue
        if markdown and _TABLE_ROW.match(s):
            if cur:
                close()
            if not table:
                table_start = number
            if not _TABLE_SEPARATOR.match(s):
                table.append([c.strip() for c in s.strip().strip("|").split("|")])
            continue
        if table:
            close()
        if markdown:
            m = _MD_HEADING.match(s)
            if m:
                close()
                b = make_block(Kind.HEADING, m.group(2), level=len(m.group(1)), hinted=True,
                               line=number)
                if b is not None:
                    blocks.append(b)
                continue
            if _SETEXT.match(s) and len(cur) == 1 and cur_kind is Kind.PARA:
                b = make_block(Kind.HEADING, cur[0], level=1 if s[0] == "=" else 2, hinted=True,
                               line=start)
                cur = []
                if b is not None:
                    blocks.append(b)
                continue
            if _RULE.match(s):
                close()
                continue
            m = _BOLD_LINE.match(s)
            if m and len(m.group(1).split()) <= 12:
                close()
                b = make_block(Kind.HEADING, m.group(1), hinted=True, line=number)
                if b is not None:
                    blocks.append(b)
                continue
        marker, item_number, rest = split_marker(s)
        if marker is not None or item_number is not None:
            close()
            begin()
            cur, cur_kind = [rest], Kind.ITEM
            cur_kw = {"marker": marker, "number": item_number}
            continue
        if (match_heading(s) is not None or (cur and match_heading(" ".join(cur)) is not None)
                or (cur_kind is Kind.PARA and (furniture_line(s) or (cur and furniture_line(cur[-1]))))):
            # Known headings and site menu lines ("Skip to content") stand alone: joined to the
            # line below, a menu line would become part of the title.
            close()
        if cur and not join_all and not continues(cur[-1], s, width):
            close()
        if not cur:
            cur_kind = Kind.PARA
        begin()
        cur.append(s)
    close()
    return blocks


def _join_wrapped(lines: list[str]) -> str:
    """Join hard-wrapped lines; a word broken with a hyphen at a line end keeps its hyphen."""
    out = lines[0]
    for line in lines[1:]:
        if out.endswith("-") and line[:1].islower():
            out += line
        else:
            out += " " + line
    return out


def table_to_blocks(rows: list[list[str]]) -> list[Block]:
    """A table as blocks, column by column when its header row holds known headings.

    A "Learning point | How to enhance your practice" table reads best as two lists, each under its
    heading; reading it row by row would interleave them, as two-column PDF text does.
    """
    rows = [_dedupe_cells(r) for r in rows if any(c.strip() for c in r)]
    if not rows:
        return []
    header = rows[0]
    width = max(len(r) for r in rows)
    if width > 1 and all(c.strip() and match_heading(c) is not None for c in header):
        out: list[Block] = []
        for col, head in enumerate(header):
            b = make_block(Kind.HEADING, head, hinted=True)
            if b is not None:
                out.append(b)
            for row in rows[1:]:
                if col < len(row) and row[col].strip():
                    out.extend(_cell_blocks(row[col], as_items=True))
        return out
    out = []
    for row in rows:
        for cell in row:
            out.extend(_cell_blocks(cell, as_items=False))
    return out


def _dedupe_cells(row: list[str]) -> list[str]:
    """Merged cells come back once per grid column; keep one copy."""
    out: list[str] = []
    for cell in row:
        if not out or cell != out[-1]:
            out.append(cell)
    return out


def _cell_blocks(cell: str, *, as_items: bool) -> list[Block]:
    blocks = lines_to_blocks(cell.split("\n"), markdown=False, join_all=True)
    if as_items:
        for b in blocks:
            if b.kind is Kind.PARA:
                b.kind = Kind.ITEM
    return blocks
