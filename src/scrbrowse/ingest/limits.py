"""How much work one source file may cost: pages, unpacked XML, extracted text and time.

The defaults are far above any real learning briefing (a long overview report is 60-120 pages and
a few MB of XML, read in seconds) and far below what a crafted file can demand (a 164 KB PDF with
1,000 pages sharing one dense drawing, a 677 KB Word file that unpacks to 190 MB). Each limit can be
raised from the command line (`scrbrowse ingest --max-pages ...`), and every refusal names the
limit, the number found and the option that raises it.
"""

from __future__ import annotations

from dataclasses import dataclass

from .sources import MIB, Unreadable


@dataclass(frozen=True, slots=True)
class Limits:
    max_pages: int = 300  # PDF pages
    max_xml_mb: int = 50  # what a Word file's XML parts unpack to, as the zip declares it
    max_text_chars: int = 600_000  # extracted text kept (the rest is cut, and a check says so)
    max_seconds: float = 60.0  # reading one file (PDF and Word: in a separate process, then killed)

    @property
    def max_xml_bytes(self) -> int:
        return self.max_xml_mb * MIB

    def __post_init__(self) -> None:
        for name in ("max_pages", "max_xml_mb", "max_text_chars", "max_seconds"):
            if getattr(self, name) <= 0:
                raise ValueError(f"{name} must be more than 0")


DEFAULT_LIMITS = Limits()

# The command-line option that raises each limit, for the messages.
OPTION: dict[str, str] = {
    "max_pages": "--max-pages", "max_xml_mb": "--max-xml-mb", "max_text_chars": "--max-text-chars",
    "max_seconds": "--max-seconds",
}


class LimitReached(Unreadable):
    """A source refused because it would cost more than a limit allows. `limit` is the Limits field."""

    def __init__(self, limit: str, reason: str) -> None:
        super().__init__(f"{reason} (raise it with {OPTION[limit]} if the file is genuine)")
        self.limit = limit

    @classmethod
    def worded(cls, limit: str, reason: str) -> LimitReached:
        """One whose reason is already complete (as reported by the reader process)."""
        exc = cls.__new__(cls)
        Unreadable.__init__(exc, reason)
        exc.limit = limit
        return exc


class Cancelled(Exception):
    """The person cancelled (Esc in the app, or quitting) while the file was being read."""
