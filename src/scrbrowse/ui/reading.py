"""What the detail pane shows for a document, as plain data (no widgets), built in a worker thread.

Each `Block` is one passage as displayed: which tab it sits on, the group heading above it, and the
exact text shown, with the spans of the query's terms in that text (so highlighting matches what is
on screen, not what was indexed).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ..model import Document, PassageKind
from ..search.api import DocumentHit
from ..taxonomy import Taxonomy

# (tab id, tab label), in the order the tabs appear.
TABS: tuple[tuple[str, str], ...] = (
    ("learning", "Learning"),
    ("questions", "Questions"),
    ("summary", "Summary"),
    ("recommendations", "Recommendations"),
    ("practice", "Practice"),
    ("resources", "Resources"),
    ("related", "Related"),
)
TAB_LABELS = dict(TABS)
EMPTY_TAB: dict[str, str] = {
    "learning": "This document has no learning points of its own. Try the Summary and Practice tabs.",
    "questions": "This document has no reflective questions.",
    "summary": "This document has no narrative sections.",
    "recommendations": "This document has no recommendations.",
    "practice": "This document lists no good practice, areas to strengthen or key messages.",
    "resources": "This document lists no resources.",
}
_PRACTICE_GROUPS: tuple[tuple[str, str, PassageKind], ...] = (
    ("good_practice", "Good practice", PassageKind.GOOD_PRACTICE),
    ("areas_to_strengthen", "Areas to strengthen", PassageKind.AREA_TO_STRENGTHEN),
    ("key_messages", "Key messages", PassageKind.KEY_MESSAGE),
    ("one_thing", "If you do one thing", PassageKind.ONE_THING),
    ("common_themes", "Themes in common with other reviews", PassageKind.COMMON_THEME),
)

SpanFinder = Callable[[str, Sequence[str]], list[tuple[int, int]]]


@dataclass(frozen=True, slots=True)
class PassageRef:
    """Which passage: what a key acting on "the passage I am on" needs."""

    doc_id: str
    item_id: str
    kind: PassageKind


@dataclass(frozen=True, slots=True)
class Block:
    tab: str
    ref: PassageRef
    body: str
    group: str | None = None
    title: str | None = None
    number: str | None = None
    note: str | None = None
    spans: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class Reading:
    """Everything the detail pane needs to show one document."""

    document: Document
    blocks: tuple[Block, ...]
    about: tuple[tuple[str, str], ...]  # (label, value) lines for the Summary tab
    linked: tuple[DocumentHit, ...] = ()
    related: tuple[DocumentHit, ...] = ()
    terms: tuple[str, ...] = ()
    focus_item: str | None = None  # the passage to show first (the best match)
    doc_type_label: str = ""
    tab_counts: dict[str, int] = field(default_factory=dict)

    def first_tab(self) -> str:
        if self.focus_item:
            for b in self.blocks:
                if b.ref.item_id == self.focus_item:
                    return b.tab
        for tab, _label in TABS:
            if any(b.tab == tab for b in self.blocks):
                return tab
        return "summary"

    @property
    def matched(self) -> list[Block]:
        return [b for b in self.blocks if b.spans]


def build_reading(doc: Document, taxonomy: Taxonomy, *, terms: Sequence[str] = (),
                  find_spans: SpanFinder | None = None, preferred_item: str | None = None,
                  linked: Sequence[DocumentHit] = (), related: Sequence[DocumentHit] = ()) -> Reading:
    blocks = _blocks(doc, taxonomy)
    if terms and find_spans is not None:
        blocks = [Block(b.tab, b.ref, b.body, b.group, b.title, b.number, b.note,
                        tuple(find_spans(b.body, terms))) for b in blocks]
    matched_ids = [b.ref.item_id for b in blocks if b.spans]
    focus = preferred_item if preferred_item in matched_ids else (matched_ids[0] if matched_ids else None)
    counts: dict[str, int] = {}
    for b in blocks:
        counts[b.tab] = counts.get(b.tab, 0) + 1
    return Reading(doc, tuple(blocks), _about(doc, taxonomy), tuple(linked), tuple(related),
                   tuple(terms), focus, taxonomy.label("doc_types", doc.doc_type), counts)


def _for_audience(heading: str, audience: str | None, taxonomy: Taxonomy) -> str:
    """"Learning points — for managers", unless the heading already says who it is for (the
    source's "Learning points for Managers" must not become "... for Managers — for managers")."""
    if not audience:
        return heading
    who = taxonomy.label("audiences", audience).lower()
    if who in heading.lower() or audience.lower() in heading.lower():
        return heading
    return f"{heading} — for {who}"


def _ref(doc: Document, item_id: str, kind: PassageKind) -> PassageRef:
    return PassageRef(doc.id, item_id, kind)


def _blocks(doc: Document, taxonomy: Taxonomy) -> list[Block]:
    out: list[Block] = []
    for lp in doc.learning_points:
        group = _for_audience(lp.section or "Learning points", lp.audience, taxonomy)
        out.append(Block("learning", _ref(doc, lp.id, PassageKind.LEARNING_POINT), lp.text,
                         group=group, title=lp.lead))
    for i, q in enumerate(doc.reflective_questions, 1):
        out.append(Block("questions", _ref(doc, q.id, PassageKind.QUESTION), q.text,
                         group=q.section or "Reflective questions",
                         number=str(q.number if q.number is not None else i)))
    for s in doc.sections:
        body = s.text.strip()
        if s.items:
            body = (body + "\n\n" if body else "") + "\n".join(f"• {item}" for item in s.items)
        out.append(Block("summary", _ref(doc, s.id, PassageKind.SECTION), body, title=s.heading))
    for r in doc.recommendations:
        parts = [r.text, *(f"• {p}" for p in r.points)]
        for resp in r.responses:
            parts.append(f"\nResponse from {resp.by}:\n{resp.text}")
        title = f"Recommendation {r.number}" if r.number else "Recommendation"
        if r.addressed_to:
            title += f" — to {r.addressed_to}"
        out.append(Block("recommendations", _ref(doc, r.id, PassageKind.RECOMMENDATION),
                         "\n".join(parts), title=title))
    for attr, heading, kind in _PRACTICE_GROUPS:
        for item in getattr(doc, attr):
            group = _for_audience(heading, item.audience, taxonomy)
            out.append(Block("practice", _ref(doc, item.id, kind), item.text, group=group,
                             title=item.lead))
    for res in doc.resources:
        lines = [res.title]
        if res.description:
            lines.append(res.description)
        if res.url:
            lines.append(res.url)
        out.append(Block("resources", _ref(doc, res.id, PassageKind.RESOURCE), "\n".join(lines)))
    return out


def _about(doc: Document, taxonomy: Taxonomy) -> tuple[tuple[str, str], ...]:
    review = doc.review
    rows = [
        ("Review", review.display),
        ("Board", review.board or "not stated"),
        ("Review type", taxonomy.label("review_types", review.review_type)),
    ]
    if review.methodology:
        rows.append(("Method", review.methodology))
    rows.append(("Document", taxonomy.label("doc_types", doc.doc_type)))
    rows.append(("Published", doc.published or "undated"))
    if doc.date_note:
        rows.append(("Date note", doc.date_note))
    if doc.themes:
        rows.append(("Themes", ", ".join(taxonomy.label("themes", t) for t in doc.themes)))
    if doc.agencies:
        rows.append(("Agencies", ", ".join(taxonomy.label("agencies", a) for a in doc.agencies)))
    return tuple(rows)
