"""A Document as export blocks: every part, in the reading order of the detail view.

Order: restriction banner, title, citation, details; narrative sections; learning points (grouped
by their source heading, or audience); reflective questions (numbered); recommendations with the
board's responses; good practice; areas to strengthen; key messages; one thing; themes in common;
resources.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Document, Item, Question, Restriction
from ..packs import Citation
from ..taxonomy import Taxonomy
from .blocks import (
    Banner,
    Block,
    ExportDoc,
    Heading,
    ItemList,
    Labelled,
    ListItem,
    Meta,
    Text,
)

SECTION_FALLBACK_HEADINGS = {
    "case-summary": "Case summary",
    "background": "Background",
    "about-review": "About the review",
    "findings": "Findings",
    "topic": "Topic",
    "learning-method": "How the learning was achieved",
    "introduction": "Introduction",
    "response": "Response",
    "other": "Further information",
}

FOOTER = ("Exported from scrbrowse. The text is the source's own wording. Addresses are shown as "
          "text; they were not checked and may be out of date.")


DRAFT_LABEL = "DRAFT — not yet checked"
DRAFT_TEXT = ("this record was added from a file and nobody has checked it against the source yet: "
              "its wording, dates and tags may be wrong.")


def restriction_label(r: Restriction) -> str:
    """"PROFESSIONALS ONLY" (or the level itself, upper-cased, for any future level)."""
    return r.label.upper()


def footer_text(restricted: bool, generated: str | None) -> str:
    bits = []
    if restricted:
        bits.append("PROFESSIONALS ONLY: see the restriction at the top.")
    bits.append(FOOTER)
    if generated:
        bits.append(f"Exported {generated}.")
    return " ".join(bits)


def build_document(doc: Document, taxonomy: Taxonomy | None = None,
                   linked: Sequence[Document] = (), generated: str | None = None) -> ExportDoc:
    tax = taxonomy or Taxonomy()
    blocks: list[Block] = []
    if doc.restriction:
        blocks.append(Banner(restriction_label(doc.restriction), doc.restriction.wording))
    if doc.draft:
        blocks.append(Banner(DRAFT_LABEL, DRAFT_TEXT))
    blocks.append(Heading(1, doc.title))
    blocks.append(Text(Citation.of(doc).line(), style="citation"))
    blocks.append(_details(doc, tax, linked))
    for s in doc.sections:
        blocks.append(Heading(2, s.heading or SECTION_FALLBACK_HEADINGS.get(s.kind, "Section")))
        if s.text:
            blocks.append(Text(s.text))
        if s.items:
            blocks.append(ItemList(tuple(ListItem(i) for i in s.items)))
    blocks += _items_part("Learning points", doc.learning_points, tax)
    blocks += _questions(doc.reflective_questions)
    blocks += _recommendations(doc)
    blocks += _items_part("Good practice", doc.good_practice, tax)
    blocks += _items_part("Areas to strengthen", doc.areas_to_strengthen, tax)
    blocks += _items_part("Key messages", doc.key_messages, tax)
    blocks += _items_part("One thing", doc.one_thing, tax)
    blocks += _items_part("Themes in common", doc.common_themes, tax)
    blocks += _resources(doc)
    return ExportDoc(doc.title, tuple(blocks), footer_text(doc.restricted, generated),
                     restriction_label(doc.restriction) if doc.restriction else None)


def _details(doc: Document, tax: Taxonomy, linked: Sequence[Document]) -> Meta:
    r = doc.review
    published = doc.published or "undated"
    if doc.date_note:
        published += f" — {doc.date_note}"
    rows = [
        ("Review", r.display),
        ("Board", r.board or "not stated"),
        ("Document type", tax.label("doc_types", doc.doc_type)),
        ("Review type", tax.label("review_types", r.review_type)),
    ]
    if r.methodology:
        rows.append(("Methodology", r.methodology))
    rows += [("Published", published), ("Document id", doc.id), ("Source file", doc.source)]
    if doc.themes:
        rows.append(("Themes", ", ".join(tax.label("themes", t) for t in doc.themes)))
    if doc.agencies:
        rows.append(("Agencies", ", ".join(tax.label("agencies", a) for a in doc.agencies)))
    for other in linked:
        rows.append(("Same review", f"{other.title} ({other.id})"))
    return Meta(tuple(rows))


def _same_heading(a: str, b: str) -> bool:
    def norm(s: str) -> str:
        return s.lower().rstrip(" .:").strip()

    return norm(a) == norm(b)


def _items_part(title: str, items: Sequence[Item], tax: Taxonomy) -> list[Block]:
    """A part made of items, grouped by the source's heading for them (consecutive runs), or by
    audience where the source gives no heading."""
    if not items:
        return []
    groups: list[tuple[str | None, list[Item]]] = []
    for it in items:
        key = it.section or (f"For {tax.label('audiences', it.audience).lower()}"
                             if it.audience else None)
        if groups and groups[-1][0] == key:
            groups[-1][1].append(it)
        else:
            groups.append((key, [it]))
    out: list[Block] = [Heading(2, title)]
    for heading, group in groups:
        if heading and not _same_heading(heading, title):
            out.append(Heading(3, heading))
        # Say who an item is for only when its group mixes audiences (else the heading says it).
        mixed = len({g.audience for g in group}) > 1
        out.append(ItemList(tuple(
            ListItem(g.text, lead=_lead(g),
                     tag=(f"for {tax.label('audiences', g.audience).lower()}"
                          if mixed and g.audience else None))
            for g in group)))
    return out


def _lead(it: Item) -> str | None:
    return it.lead if it.lead and it.text.startswith(it.lead) else None


def _questions(questions: Sequence[Question]) -> list[Block]:
    if not questions:
        return []
    # The source's numbers when every question has one; otherwise count them in reading order.
    numbered = all(q.number is not None for q in questions)
    out: list[Block] = [Heading(2, "Reflective questions")]
    current: str | None = None
    run: list[ListItem] = []
    for n, q in enumerate(questions, 1):
        if run and q.section != current:
            out.append(ItemList(tuple(run), numbered=True))
            run = []
        if not run and q.section and q.section != current:
            out.append(Heading(3, q.section))
        current = q.section
        run.append(ListItem(q.text, marker=str(q.number if numbered else n)))
    out.append(ItemList(tuple(run), numbered=True))
    return out


def _recommendations(doc: Document) -> list[Block]:
    if not doc.recommendations:
        return []
    out: list[Block] = [Heading(2, "Recommendations")]
    for r in doc.recommendations:
        out.append(Heading(3, f"Recommendation {r.number}" if r.number else "Recommendation"))
        out.append(Text(r.text))
        if r.points:
            out.append(ItemList(tuple(ListItem(p) for p in r.points)))
        if r.addressed_to:
            out.append(Labelled("Addressed to", r.addressed_to))
        for resp in r.responses:
            out.append(Labelled(f"Response ({resp.by})", resp.text))
    return out


def _resources(doc: Document) -> list[Block]:
    if not doc.resources:
        return []
    items = []
    for res in doc.resources:
        details: list[tuple[str, str]] = []
        if res.description:
            details.append(("", res.description))
        if res.url:
            details.append(("Address", res.url))
        items.append(ListItem(res.title, details=tuple(details)))
    return [Heading(2, "Resources"), ItemList(tuple(items))]
