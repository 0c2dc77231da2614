"""PDF: text with positions and fonts from pypdf, rebuilt into lines, columns and blocks.

pypdf's plain `extract_text()` follows the order text was drawn. Two-column briefings are often
drawn row by row, so a left-column line and a right-column line come out glued together
("- Practitioners should see the baby - The health visitor shared"). We ask pypdf for each piece of
text with its position, font and size instead, find the column gutter on each page, and read the
left column before the right. Font size and weight then tell headings from body text.
"""

from __future__ import annotations

import io
import itertools
import logging
import math
import re
import warnings
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from ...logs import log
from ..blocks import Block, Kind, make_block, normalise, split_marker
from ..limits import DEFAULT_LIMITS, LimitReached, Limits
from ..sources import Unreadable
from .base import Extraction


@dataclass(slots=True)
class _Frag:
    x: float
    y: float
    text: str
    size: float
    bold: bool


@dataclass(slots=True)
class _Line:
    text: str
    x: float
    y: float
    size: float
    bold: bool
    page: int
    column: int  # 0 full width / left, 1 right
    lead: str | None = None  # bold opening words when the rest of the line is not bold


@dataclass
class _Page:
    lines: list[_Line] = field(default_factory=list)
    height: float = 842.0
    two_column: bool = False


@contextmanager
def _quiet_pypdf() -> Iterator[None]:
    """pypdf reports damaged files through logging and warnings; send them to our log, not stderr."""
    logger = logging.getLogger("pypdf")
    saved = (logger.level, logger.propagate, list(logger.handlers))
    handler = _ToOurLog()
    logger.handlers = [handler]
    logger.propagate = False
    logger.setLevel(logging.WARNING)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(saved[0])
        logger.propagate = saved[1]
        logger.handlers = saved[2]


class _ToOurLog(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        log.debug("pypdf: %s", record.getMessage())


def extract_pdf(data: bytes, limits: Limits = DEFAULT_LIMITS) -> Extraction:
    with _quiet_pypdf():
        return _extract(data, limits)


def _extract(data: bytes, limits: Limits) -> Extraction:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

    notes: list[str] = []
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise Unreadable(f"the PDF could not be opened; it may be damaged ({exc.__class__.__name__})") \
            from None
    if reader.is_encrypted:
        try:
            opened = reader.decrypt("")
        except DependencyError:
            raise Unreadable("the PDF is encrypted (AES) and password-protected; save a copy without "
                             "a password and ingest that") from None
        except (PdfReadError, NotImplementedError, ValueError, KeyError) as exc:
            raise Unreadable(f"the PDF is encrypted in a way that cannot be read "
                             f"({exc.__class__.__name__}); save a copy without a password") from None
        if not opened:
            raise Unreadable("the PDF is password-protected; save a copy without a password and "
                             "ingest that")
    try:
        pages = reader.pages
        count = len(pages)
    except FileNotDecryptedError:
        raise Unreadable("the PDF is password-protected; save a copy without a password") from None
    if count == 0:
        raise Unreadable("the PDF has no pages")
    if count > limits.max_pages:
        raise LimitReached("max_pages", f"the PDF has {count:,} pages; the limit is "
                           f"{limits.max_pages:,} (ingest the learning summary rather than the "
                           "whole report)")
    hints = _metadata_hints(reader)
    read: list[_Page] = []
    failed: list[int] = []
    images = 0
    chars = 0
    for number in range(count):
        try:
            page = pages[number]
            read.append(_read_page(page, number))
            images += _image_count(page)
        except Exception as exc:  # one damaged page should not lose the others
            log.debug("pdf page %d: %r", number + 1, exc)
            failed.append(number + 1)
            continue
        chars += sum(len(line.text) + 1 for line in read[-1].lines)
        if chars > limits.max_text_chars and number + 1 < count:
            # Stop reading here: the rest would be cut anyway, and reading it can take minutes.
            notes.append(f"text: the PDF has more than {limits.max_text_chars:,} characters of "
                         f"text; only pages 1-{number + 1} of {count} were read")
            break
    if failed:
        notes.append(f"text: page(s) {_ranges(failed)} could not be read; check the source for "
                     "learning on those pages")
    if not any(line.text for page in read for line in page.lines):
        if images:
            raise Unreadable("no text in the PDF: it looks like a scanned image; run it through OCR "
                             "(text recognition) first")
        raise Unreadable("no text could be extracted from the PDF")
    _drop_running_lines(read)
    two_col = [i + 1 for i, p in enumerate(read) if p.two_column]
    if two_col:
        notes.append(f"text: page(s) {_ranges(two_col)} are laid out in two columns and were read "
                     "left column first; check the order of the text")
    notes.append("text: extracted from a PDF; check for words run together, missing symbols and "
                 "headings read as text")
    return Extraction(_to_blocks(read), notes, hints)


def _metadata_hints(reader: Any) -> dict[str, str]:
    hints: dict[str, str] = {}
    try:
        meta = reader.metadata
        if meta is None:
            return hints
        if meta.title:
            hints["title"] = str(meta.title)
        raw = meta.get("/CreationDate")
        m = re.match(r"D:(\d{4})(\d{2})(\d{2})", str(raw or ""))
        if m:
            hints["created"] = f"{m.group(1)}-{m.group(2)}-{m.group(3)}"
    except Exception:  # metadata is optional decoration; a damaged dictionary changes nothing
        pass
    return hints


def _image_count(page: Any) -> int:
    try:
        xobjects = page.get("/Resources", {}).get("/XObject", {})
        return sum(1 for x in xobjects.values() if x.get_object().get("/Subtype") == "/Image")
    except Exception:
        return 0


def _ranges(numbers: list[int]) -> str:
    out: list[str] = []
    start = prev = numbers[0]
    for n in [*numbers[1:], None]:
        if n is not None and n == prev + 1:
            prev = n
            continue
        out.append(str(start) if start == prev else f"{start}-{prev}")
        if n is not None:
            start = prev = n
    return ", ".join(out)


# --- one page: fragments -> rows -> columns -> lines -------------------------------------------

_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)


def _read_page(page: Any, number: int) -> _Page:
    frags: list[_Frag] = []

    def visit(text: str, cm: list[float], tm: list[float], font: Any, size: float) -> None:
        if not text or not text.strip():
            return
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        scale = math.hypot(tm[2], tm[3]) * math.hypot(cm[2], cm[3]) or 1.0
        eff = float(size or 0) * scale or 10.0
        name = ""
        try:
            name = str(font.get("/BaseFont", "")) if font else ""
        except Exception:
            name = ""
        bold = bool(_BOLD_FONT.search(name))
        # Text pypdf carried over a line break arrives as one piece; the pieces after a break sit
        # one line lower each.
        for i, piece in enumerate(text.split("\n")):
            if piece.strip():
                frags.append(_Frag(x, y - i * eff * 1.2, piece, eff, bold))

    page.extract_text(visitor_text=visit)
    try:
        width = float(page.mediabox.width)
        height = float(page.mediabox.height)
    except Exception:
        width, height = 595.0, 842.0
    result = _Page(height=height)
    rows = _rows(frags)
    gutter = _gutter(rows, width)
    result.two_column = gutter is not None
    result.lines = _reading_order(rows, gutter, number)
    return result


def _rows(frags: list[_Frag]) -> list[list[_Frag]]:
    """Fragments on the same baseline, top of the page first; drawing order kept within a row."""
    rows: list[tuple[float, list[_Frag]]] = []
    for f in frags:
        for y, row in rows:
            if abs(y - f.y) <= max(1.0, 0.3 * f.size):
                row.append(f)
                break
        else:
            rows.append((f.y, [f]))
    rows.sort(key=lambda r: -r[0])
    return [sorted(row, key=lambda f: f.x) for _, row in rows]


def _est_width(f: _Frag) -> float:
    # Without font metrics, an average glyph is about half the font size wide. Deliberately low, so
    # that a column line is not mistaken for a full-width line.
    return len(f.text.strip()) * f.size * 0.42


def _gutter(rows: list[list[_Frag]], width: float) -> float | None:
    """The x where a right-hand column starts, if the page has two columns.

    A right column shows as text starting at the same x, far from the left margin, on several rows
    where text also sits to its left (or where that row's left column is simply empty).
    """
    if not rows:
        return None
    left_margin = min(f.x for row in rows for f in row)
    starts: Counter[int] = Counter()
    for row in rows:
        for prev, f in itertools.pairwise(row):
            gap = f.x - (prev.x + _est_width(prev))
            if f.x > left_margin + 0.3 * width and gap > f.size:
                starts[round(f.x / 3)] += 1
    if not starts:
        return None
    key, support = starts.most_common(1)[0]
    if support < 3 or support < 0.15 * len(rows):
        return None
    return key * 3 - 3


def _reading_order(rows: list[list[_Frag]], gutter: float | None, page: int) -> list[_Line]:
    """Lines in reading order: full-width rows as they come, column bands left then right."""
    out: list[_Line] = []
    left: list[_Line] = []
    right: list[_Line] = []
    last_right_y: float | None = None

    def flush() -> None:
        out.extend(left)
        out.extend(right)
        left.clear()
        right.clear()

    for row in rows:
        if gutter is None:
            out.append(_line(row, page, 0))
            continue
        lpart = [f for f in row if f.x < gutter]
        rpart = [f for f in row if f.x >= gutter]
        crosses = bool(lpart) and not rpart and max(f.x + _est_width(f) for f in lpart) > gutter + 20
        # Left-only text well below where the right column ended is after the columns (a
        # full-width heading such as "Resources"), not more of the left column.
        below = (bool(lpart) and not rpart and right and last_right_y is not None
                 and last_right_y - lpart[0].y > 2.5 * lpart[0].size)
        if crosses or below:
            flush()
            out.append(_line(lpart, page, 0))
            continue
        if lpart:
            left.append(_line(lpart, page, 0))
        if rpart:
            right.append(_line(rpart, page, 1))
            last_right_y = rpart[0].y
    flush()
    return [line for line in out if line.text]


def _line(frags: list[_Frag], page: int, column: int) -> _Line:
    raw = "".join(f.text for f in frags)
    text = normalise(raw)
    # Some tools indent wrapped lines with spaces rather than by position; count them as indent.
    indent = (len(raw) - len(raw.lstrip(" "))) * frags[0].size * 0.25
    size = max(frags, key=lambda f: len(f.text)).size
    bold = all(f.bold for f in frags if f.text.strip())
    # Bold opening words, skipping a bullet glyph drawn in its own (symbol) font.
    words = [f for f in frags if f.text.strip()]
    if words and split_marker(words[0].text.strip() + " x")[2] == "x":
        words = words[1:]
    lead = None
    if words and words[0].bold and not bold:
        lead_parts = []
        for f in words:
            if not f.bold:
                break
            lead_parts.append(f.text)
        lead = split_marker(normalise("".join(lead_parts)))[2] or None
    return _Line(text, frags[0].x + indent, frags[0].y, size, bold, page, column, lead)


# --- across pages: running headers and footers --------------------------------------------------

_PAGE_NUMBER = re.compile(r"^\d{1,4}(\s*(of|/)\s*\d{1,4})?$|\bpage\s*\d{1,4}(\s*(of|/)\s*\d{1,4})?\b",
                          re.IGNORECASE)


def _drop_running_lines(pages: list[_Page]) -> None:
    """Remove page numbers, and lines repeated at the top or bottom of most pages."""
    def edge(page: _Page, line: _Line) -> bool:
        return line.y > page.height * 0.92 or line.y < page.height * 0.08

    def key(text: str) -> str:
        return re.sub(r"\d+", "#", text.lower())

    repeats: Counter[str] = Counter()
    for page in pages:
        repeats.update({key(ln.text) for ln in page.lines if edge(page, ln)})
    threshold = max(2, (len(pages) + 1) // 2) if len(pages) >= 2 else None
    for page in pages:
        page.lines = [
            ln for ln in page.lines
            if not (edge(page, ln) and (_PAGE_NUMBER.search(ln.text)
                                        or (threshold and repeats[key(ln.text)] >= threshold)))
        ]


# --- lines -> blocks ---------------------------------------------------------------------------

def _body_size(pages: list[_Page]) -> float:
    sizes: Counter[float] = Counter()
    for page in pages:
        for ln in page.lines:
            sizes[round(ln.size, 1)] += len(ln.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def _line_gap(pages: list[_Page], body: float) -> float:
    """The usual distance between lines of body text: more than this (and a bit) is a new paragraph."""
    gaps: Counter[int] = Counter()
    for page in pages:
        for a, b in itertools.pairwise(page.lines):
            dy = a.y - b.y
            if a.column == b.column and abs(a.size - body) < 0.5 and abs(b.size - body) < 0.5 \
                    and 0.8 * body < dy < 3 * body:
                gaps[round(dy)] += 1
    return float(gaps.most_common(1)[0][0]) if gaps else 1.2 * body


def _to_blocks(pages: list[_Page]) -> list[Block]:
    body = _body_size(pages)
    gap = _line_gap(pages, body)
    biggest = max((ln.size for p in pages for ln in p.lines), default=body)
    blocks: list[Block] = []
    raw: list[str] = []
    state: dict[str, Any] = {}
    prev: _Line | None = None
    item_x = 0.0

    def close() -> None:
        nonlocal raw, state
        if raw:
            text = raw[0]
            for more in raw[1:]:
                text = text + more if text.endswith("-") and more[:1].islower() else f"{text} {more}"
            kind = state.pop("kind")
            b = make_block(kind, text, **state)
            if b is not None:
                blocks.append(b)
        raw, state = [], {}

    for page in pages:
        for ln in page.lines:
            words = len(ln.text.split())
            big = ln.size >= body * 1.15
            heading_like = (big or (ln.bold and words <= 15)) and not ln.text.endswith((".", ","))
            new_para = (
                prev is None or prev.page != ln.page or prev.column != ln.column
                or (prev.y - ln.y) > max(gap * 1.25 + 0.5, 1.1 * max(prev.size, ln.size))
                or abs(prev.size - ln.size) > 0.5 or prev.bold != ln.bold
            )
            marker, number, rest = split_marker(ln.text)
            if heading_like and marker is None:
                if state.get("kind") is Kind.HEADING and not new_para:
                    raw.append(ln.text)  # a heading wrapped over two lines
                else:
                    close()
                    raw = [ln.text]
                    state = {"kind": Kind.HEADING, "hinted": True,
                             "title_hint": ln.page == 0 and ln.size >= biggest - 0.5 and big}
            elif marker is not None or number is not None:
                close()
                raw = [rest]
                state = {"kind": Kind.ITEM, "marker": marker, "number": number}
                item_x = ln.x
                if ln.lead:
                    raw = [f"**{ln.lead}**" + rest[len(ln.lead):] if rest.startswith(ln.lead) else rest]
            elif (new_para or state.get("kind") is Kind.HEADING
                  # a list item's wrapped lines hang to the right of its bullet; a line back at
                  # the bullet's x is the paragraph after the list
                  or (state.get("kind") is Kind.ITEM and ln.x <= item_x + 1.0)):
                close()
                raw = [f"**{ln.lead}**{ln.text[len(ln.lead):]}" if ln.lead and ln.text.startswith(ln.lead)
                       else ln.text]
                state = {"kind": Kind.PARA}
            else:
                raw.append(ln.text)
            prev = ln
    close()
    return blocks
