"""Extractors: one module per format, each turning a source's bytes into blocks.

`extract(source)` never raises anything but `Unreadable`: a library failing on a damaged file is
turned into one line for the user (details go to the log), so the batch goes on.
"""

from __future__ import annotations

from ...logs import log
from ..sources import Source, Unreadable
from .base import MAX_TEXT_CHARS, Extraction
from .pdf import extract_pdf
from .text import extract_markdown, extract_text
from .word import extract_docx

__all__ = ["MAX_TEXT_CHARS", "Extraction", "extract"]

_READERS = {"pdf": extract_pdf, "docx": extract_docx, "markdown": extract_markdown,
            "text": extract_text}


def extract(source: Source) -> Extraction:
    try:
        result = _READERS[source.format](source.data)
    except Unreadable:
        raise
    except RecursionError:
        raise Unreadable("the file is nested too deeply to read; it may be damaged") from None
    except MemoryError:
        raise Unreadable("the file is too large to read in memory") from None
    except Exception as exc:  # a damaged file can make any library raise anything
        log.warning("extracting %s failed: %r", source.name, exc, exc_info=True)
        what = {"pdf": "PDF", "docx": "Word document"}.get(source.format, "file")
        raise Unreadable(f"the {what} could not be read; it may be damaged "
                         f"({exc.__class__.__name__})") from None
    return _cap(result)


def _cap(result: Extraction) -> Extraction:
    total = 0
    for i, b in enumerate(result.blocks):
        total += len(b.text)
        if total > MAX_TEXT_CHARS:
            del result.blocks[i:]
            result.notes.append(f"text: the source has more than {MAX_TEXT_CHARS:,} characters; "
                                "only the beginning was read")
            break
    if not any(b.text.strip() for b in result.blocks):
        raise Unreadable("no text found in the file")
    return result
