"""Extractors: one module per format, each turning a source's bytes into blocks.

`extract(source)` never raises anything but `Unreadable`: a library failing on a damaged file is
turned into one line for the user (details go to the log), so the batch goes on.

`extract_bounded(source, limits, should_stop)` is what ingest uses: PDF and Word files are read in a
separate process (see `sandbox.py`) that is killed when the time limit passes or the person cancels;
plain text is read here (it is small and cheap to read).
"""

from __future__ import annotations

from collections.abc import Callable

from ...logs import log
from ..limits import DEFAULT_LIMITS, Limits
from ..sources import Source, Unreadable
from .base import MAX_TEXT_CHARS, Extraction
from .pdf import extract_pdf
from .text import extract_markdown, extract_text
from .word import extract_docx

__all__ = ["MAX_TEXT_CHARS", "Extraction", "extract", "extract_bounded", "read_format"]

_READERS: dict[str, Callable[[bytes, Limits], Extraction]] = {
    "pdf": extract_pdf, "docx": extract_docx,
    "markdown": lambda data, _limits: extract_markdown(data),
    "text": lambda data, _limits: extract_text(data),
}
# Formats read in a separate process: their libraries can be made to work for minutes on a small file.
ISOLATED = frozenset({"pdf", "docx"})


def read_format(fmt: str, name: str, data: bytes, limits: Limits = DEFAULT_LIMITS) -> Extraction:
    """The blocks of `data` read as `fmt`, uncut; raises only Unreadable (or MemoryError)."""
    try:
        return _READERS[fmt](data, limits)
    except Unreadable:
        raise
    except RecursionError:
        raise Unreadable("the file is nested too deeply to read; it may be damaged") from None
    except MemoryError:
        raise Unreadable("there was not enough memory to read the file") from None
    except Exception as exc:  # a damaged file can make any library raise anything
        log.warning("extracting %s failed: %r", name, exc, exc_info=True)
        what = {"pdf": "PDF", "docx": "Word document"}.get(fmt, "file")
        raise Unreadable(f"the {what} could not be read; it may be damaged "
                         f"({exc.__class__.__name__})") from None


def extract(source: Source, limits: Limits = DEFAULT_LIMITS) -> Extraction:
    """Read `source` in this process (no time limit): for tools and tests; ingest uses extract_bounded."""
    return cap(read_format(source.format, source.name, source.data, limits), limits)


def extract_bounded(source: Source, limits: Limits = DEFAULT_LIMITS,
                    should_stop: Callable[[], bool] | None = None) -> Extraction:
    """Read `source` within `limits`; raises Unreadable (LimitReached for a limit) or Cancelled."""
    if source.format not in ISOLATED:
        return extract(source, limits)
    from .sandbox import run_isolated

    return cap(run_isolated(source.format, source.name, source.data, limits, should_stop), limits)


def cap(result: Extraction, limits: Limits = DEFAULT_LIMITS) -> Extraction:
    total = 0
    for i, b in enumerate(result.blocks):
        total += len(b.text)
        if total > limits.max_text_chars:
            del result.blocks[i:]
            if not any(n.startswith("text: the") and "characters" in n for n in result.notes):
                result.notes.append(f"text: the source has more than {limits.max_text_chars:,} "
                                    "characters; only the beginning was read")
            break
    if not any(b.text.strip() for b in result.blocks):
        raise Unreadable("no text found in the file")
    return result
