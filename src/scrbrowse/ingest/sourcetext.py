"""The source's plain text, kept beside a draft so a reviewer can check each item against it.

Ingest writes `<record stem>.source.txt` next to the draft and names it in the draft block
(`draft.source_text`). The corpus loader reads only `.yaml`/`.yml` files, so the text is never loaded
as a record. Item pointers in `draft.sources` ("line N", "page P, line N") count lines of this file:
for text and Markdown sources it is the source's own lines (cleaned of control characters); for PDF
and Word it is the extracted text, one block per line. When a pointer cannot be followed, the review
finds the item's words in the text instead.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..logs import log
from ..textsafe import clean
from ..yamlio import atomic_write_text
from .extract import Extraction
from .sources import Source

SUFFIX = ".source.txt"
MAX_SOURCE_TEXT_BYTES = 4 * 1024 * 1024  # what the review reads back; ingest caps text far below
_POINTER = re.compile(r"^\s*(?:page\s+(?P<page>\d+)\s*,\s*)?line\s+(?P<line>\d+)\s*$", re.IGNORECASE)
_WORD = re.compile(r"[a-z0-9]+")


def name_for(record_path: Path) -> str:
    """The file name of the source text kept beside the record at `record_path`."""
    return f"{record_path.stem}{SUFFIX}"


def text_of(source: Source, extraction: Extraction) -> str:
    """The plain text line pointers refer to."""
    if source.format in ("text", "markdown"):
        try:
            raw = source.data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raw = source.data.decode("latin-1")
        return clean(raw).rstrip("\n") + "\n"
    return "\n".join(clean(b.text, keep_newlines=False) for b in extraction.blocks) + "\n"


def write_beside(record_path: Path, source: Source, extraction: Extraction) -> Path | None:
    """Write the source text next to the record (atomically, replacing an older one).

    The draft is what matters: if the text cannot be written, the review says "source text not
    available" and the reason is in the log."""
    target = record_path.with_name(name_for(record_path))
    try:
        atomic_write_text(target, text_of(source, extraction))
    except OSError:
        log.warning("could not keep the source text beside %s", record_path, exc_info=True)
        return None
    return target


def read_lines(path: Path) -> list[str] | None:
    """The lines of a kept source text, or None if there is none (or it is unusable)."""
    try:
        if not path.is_file() or path.stat().st_size > MAX_SOURCE_TEXT_BYTES:
            return None
        text = path.read_bytes().decode("utf-8", errors="replace")
    except OSError:
        return None
    return clean(text).split("\n")


def parse_pointer(pointer: object) -> tuple[int | None, int] | None:
    """("page P, line N" | "line N") -> (page or None, line), else None."""
    if not isinstance(pointer, str):
        return None
    m = _POINTER.match(pointer)
    if not m:
        return None
    page = int(m["page"]) if m["page"] else None
    return page, int(m["line"])


def locate(lines: list[str], pointer: object, text: str) -> int | None:
    """The 0-based line an item came from: its pointer when it fits the text, else where its words are."""
    parsed = parse_pointer(pointer)
    words = _WORD.findall(text.lower())[:8]
    pointed = (parsed[1] - 1 if parsed is not None and parsed[0] is None
               and 1 <= parsed[1] <= len(lines) else None)
    # A pointer counted in another text than this one (an older ingest) lands on an unrelated
    # line: trust it only where the item's words are; else find them.
    if pointed is not None and (not words or set(words) & set(_WORD.findall(lines[pointed].lower()))):
        return pointed
    if not words:
        return None
    probe = " ".join(words[:6])
    best: tuple[int, int] | None = None
    for i, line in enumerate(lines):
        lw = _WORD.findall(line.lower())
        if probe and probe in " ".join(lw):
            return i
        shared = len(set(words) & set(lw))
        if shared >= 3 and (best is None or shared > best[0]):
            best = (shared, i)
    return best[1] if best else pointed


def window(lines: list[str], at: int, before: int = 6, after: int = 12) -> tuple[int, list[str]]:
    """(first line index, lines) around `at`."""
    start = max(0, at - before)
    return start, lines[start:at + after + 1]
