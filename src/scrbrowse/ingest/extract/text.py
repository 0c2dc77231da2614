"""Markdown and plain text: decode safely, then group lines into blocks."""

from __future__ import annotations

from ..blocks import lines_to_blocks
from ..hyphens import mend_hyphens
from ..sources import Unreadable
from .base import Extraction


def decode(data: bytes) -> tuple[str, str | None]:
    """(text, note): UTF-8 (with or without BOM), UTF-16 with a BOM, else Windows-1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError:
            raise Unreadable("the file says it is UTF-16 text but is not; re-save it as UTF-8") from None
    if b"\x00" in data:
        raise Unreadable("the file contains NUL bytes: it looks binary, not text")
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    # Text saved on Windows is usually cp1252; latin-1 decodes anything, so nothing is refused here.
    for encoding in ("cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return text, (f"text: the file is not UTF-8; it was read as {encoding}: check quotes, dashes "
                      "and accented letters")
    raise Unreadable("the text encoding could not be read; re-save it as UTF-8")  # pragma: no cover


def extract_markdown(data: bytes) -> Extraction:
    text, note = decode(data)
    # Text copied from a PDF keeps its line-break hyphens ("anony- mous"); mended here, with the
    # line count kept, so source line pointers still match the file.
    text = mend_hyphens(text)
    return Extraction(lines_to_blocks(text.splitlines(), markdown=True), [note] if note else [])


def extract_text(data: bytes) -> Extraction:
    # Plain text exported from briefings often carries Markdown-ish marks (**bold**, [link](#), "- "
    # bullets); reading them as Markdown loses nothing for text that has none.
    return extract_markdown(data)
