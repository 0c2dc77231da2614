"""A Pack as export blocks: the session record. Works only from the pack's snapshots (no corpus), so
an export always shows what was gathered, with the citation and restriction it had when added.

Order: restriction banner (if any item is restricted), title, details, the pack's notes, each item
(label, restriction mark, where it sits in the source, text, citation, notes), then the sources.
"""

from __future__ import annotations

from ..model import Restriction
from ..packs import DOCUMENT, Pack, PackItem
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
from .document import DRAFT_LABEL, footer_text, restriction_label


def build_pack(pack: Pack, generated: str | None = None) -> ExportDoc:
    blocks: list[Block] = []
    banner = _banner(pack)
    if banner:
        blocks.append(banner)
    if pack.draft:
        drafts = [str(n) for n, it in enumerate(pack.items, 1) if it.draft]
        blocks.append(Banner(DRAFT_LABEL, f"{_items_phrase(drafts)} from records added from a file "
                                          "that nobody has checked against the source yet."))
    blocks.append(Heading(1, pack.title))
    rows = [("Session date", pack.session_date or pack.created or "not recorded")]
    if pack.practitioner:
        rows.append(("Practitioner", pack.practitioner))
    rows += [("Items", str(len(pack.items))), ("Pack", pack.name)]
    blocks.append(Meta(tuple(rows)))
    if pack.notes.strip():
        blocks.append(Labelled("Notes", pack.notes.strip()))
    if not pack.items:
        blocks.append(Text("This pack has no items yet.", style="note"))
    for n, item in enumerate(pack.items, 1):
        blocks.append(_entry(n, item))
    cited = pack.citations()
    if cited:
        restricted_docs = {it.doc_id for it in pack.items if it.restricted}
        blocks.append(Heading(2, "Sources"))
        blocks.append(ItemList(tuple(
            ListItem(c.line(), tag="professionals only" if c.doc_id in restricted_docs else None)
            for c in cited)))
    return ExportDoc(pack.title, tuple(blocks), footer_text(pack.restricted, generated),
                     banner.label if banner else None)


def _banner(pack: Pack) -> Banner | None:
    """One banner for the pack: which items are restricted, and each restriction's own words."""
    by_wording: dict[tuple[str, str], list[int]] = {}
    reviews: dict[tuple[str, str], list[str]] = {}
    for n, it in enumerate(pack.items, 1):
        if it.restriction is None:
            continue
        key = (it.restriction.level, it.restriction.wording)
        by_wording.setdefault(key, []).append(n)
        if it.citation.review not in reviews.setdefault(key, []):
            reviews[key].append(it.citation.review)
    if not by_wording:
        return None
    labels = {restriction_label(Restriction(level, wording)) for level, wording in by_wording}
    label = " / ".join(sorted(labels))
    parts = []
    for key, numbers in by_wording.items():
        which = f"Item {numbers[0]}, from" if len(numbers) == 1 else f"Items {_numbers(numbers)}, from"
        verb = "is" if len(numbers) == 1 else "are"
        parts.append(f"{which} {', '.join(reviews[key])}, {verb} restricted: {key[1]}")
    return Banner(label, "\n\n".join(parts))


def _items_phrase(numbers: list[str]) -> str:
    if len(numbers) == 1:
        return f"Item {numbers[0]} is"
    return f"Items {', '.join(numbers[:-1])} and {numbers[-1]} are"


def _numbers(numbers: list[int]) -> str:
    text = [str(n) for n in numbers]
    return text[0] if len(text) == 1 else ", ".join(text[:-1]) + " and " + text[-1]


def _entry(n: int, item: PackItem) -> Entry:
    if item.own:
        own: list[Block] = [Heading(2, f"{n}. {item.label}"), Text(item.text)]
        if item.notes.strip():
            own.append(Labelled("Notes", item.notes.strip()))
        return Entry(tuple(own), False)
    blocks: list[Block] = [Heading(2, f"{n}. {item.label} — {item.citation.review}")]
    if item.draft:
        blocks.append(RestrictionMark(DRAFT_LABEL, "this record has not been checked against its "
                                                   "source."))
    if item.restriction:
        blocks.append(RestrictionMark(restriction_label(item.restriction), item.restriction.wording))
    if item.kind == DOCUMENT:
        where = f"The whole document: {item.citation.document}."
        if item.heading:
            where += f" Its summary (\"{item.heading}\") follows."
        blocks.append(Text(where, style="note"))
    elif item.heading:
        blocks.append(Text(f"Under \"{item.heading}\"", style="note"))
    if item.text:
        blocks.append(Text(item.text))
    blocks.append(Text(item.citation.line(), style="citation"))
    if item.notes.strip():
        blocks.append(Labelled("Notes", item.notes.strip()))
    return Entry(tuple(blocks), item.restricted)
