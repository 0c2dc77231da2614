"""The neutral shape of an export: a title and a list of blocks, built once from a Document or a
Pack and rendered by each format. Keeping reading order and content in one place means Markdown,
text and HTML can never disagree about what is in an export.

Every string in a block is raw (corpus or user) text; renderers clean and escape it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Heading:
    level: int  # 1 = the export's title, 2 = a part, 3 = a group within a part
    text: str


@dataclass(frozen=True, slots=True)
class Banner:
    """The restriction banner at the top: "PROFESSIONALS ONLY — <wording>"."""

    label: str  # e.g. "PROFESSIONALS ONLY"
    text: str


@dataclass(frozen=True, slots=True)
class RestrictionMark:
    """The restriction next to one item of a pack."""

    label: str
    text: str


@dataclass(frozen=True, slots=True)
class Meta:
    """Label/value rows: the document's details."""

    rows: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class Text:
    """Source text: blank lines separate paragraphs; single newlines are kept as line breaks.
    `style` is "citation" for a citation line, "note" for small print, "" otherwise."""

    text: str
    style: str = ""


@dataclass(frozen=True, slots=True)
class Labelled:
    """A labelled paragraph: "Response (Board): ...", "Notes: ..."."""

    label: str
    text: str


@dataclass(frozen=True, slots=True)
class ListItem:
    text: str
    lead: str | None = None  # bold opening words that `text` starts with
    marker: str | None = None  # the source's number, for numbered lists
    tag: str | None = None  # a short qualifier shown after the text, e.g. "for managers"
    sub: tuple[str, ...] = ()  # sub-bullets
    details: tuple[tuple[str, str], ...] = ()  # labelled lines under the item ("Address", url)


@dataclass(frozen=True, slots=True)
class ItemList:
    items: tuple[ListItem, ...]
    numbered: bool = False


@dataclass(frozen=True, slots=True)
class Entry:
    """One item of a pack: kept together (HTML: one <article>, never split across printed pages)."""

    blocks: tuple[Block, ...]
    restricted: bool = False


Block = Heading | Banner | RestrictionMark | Meta | Text | Labelled | ItemList | Entry


@dataclass(frozen=True, slots=True)
class ExportDoc:
    title: str
    blocks: tuple[Block, ...]
    footer: str = ""
    # The restriction's label ("PROFESSIONALS ONLY") when any of it is restricted: printed HTML
    # repeats it at the top and bottom of every page, so no printed page goes out unmarked.
    mark: str | None = None
