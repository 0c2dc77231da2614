"""The corpus data model: plain, immutable records with no I/O and no UI.

Every other part of scrbrowse (index, search, app, exports, ingest) works on these types.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum

SCHEMA_VERSION = 1


class PassageKind(StrEnum):
    """What a searchable passage of a document is. Values are stable: they go into the index."""

    SECTION = "section"
    LEARNING_POINT = "learning_point"
    QUESTION = "question"
    RECOMMENDATION = "recommendation"
    GOOD_PRACTICE = "good_practice"
    AREA_TO_STRENGTHEN = "area_to_strengthen"
    KEY_MESSAGE = "key_message"
    ONE_THING = "one_thing"
    COMMON_THEME = "common_theme"
    RESOURCE = "resource"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self][0]

    @property
    def plural(self) -> str:
        return _KIND_LABELS[self][1]


_KIND_LABELS: dict[PassageKind, tuple[str, str]] = {
    PassageKind.SECTION: ("section", "sections"),
    PassageKind.LEARNING_POINT: ("learning point", "learning points"),
    PassageKind.QUESTION: ("question", "questions"),
    PassageKind.RECOMMENDATION: ("recommendation", "recommendations"),
    PassageKind.GOOD_PRACTICE: ("good practice", "good practice"),
    PassageKind.AREA_TO_STRENGTHEN: ("area to strengthen", "areas to strengthen"),
    PassageKind.KEY_MESSAGE: ("key message", "key messages"),
    PassageKind.ONE_THING: ("one thing", "one thing"),
    PassageKind.COMMON_THEME: ("common theme", "common themes"),
    PassageKind.RESOURCE: ("resource", "resources"),
}


@dataclass(frozen=True, slots=True)
class Restriction:
    level: str  # e.g. "professionals-only"
    wording: str

    @property
    def label(self) -> str:
        return "Professionals only" if self.level == "professionals-only" else self.level


@dataclass(frozen=True, slots=True)
class Review:
    id: str
    child: str
    review_type: str
    area: str | None = None
    board: str | None = None
    methodology: str | None = None

    @property
    def display(self) -> str:
        """The review's identity for people: two children called "Child K" never look alike."""
        return f"{self.child} ({self.area or 'area not stated'})"


@dataclass(frozen=True, slots=True)
class Section:
    id: str
    heading: str | None
    kind: str
    text: str = ""
    items: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    agencies: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Item:
    """A learning point, good-practice item, area to strengthen, key message, ..."""

    id: str
    text: str
    lead: str | None = None
    audience: str | None = None
    section: str | None = None
    themes: tuple[str, ...] = ()
    agencies: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Question:
    id: str
    text: str
    number: int | None = None
    section: str | None = None
    learning_point: str | None = None
    themes: tuple[str, ...] = ()
    agencies: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Response:
    by: str
    text: str


@dataclass(frozen=True, slots=True)
class Recommendation:
    id: str
    text: str
    number: str | None = None
    points: tuple[str, ...] = ()
    addressed_to: str | None = None
    responses: tuple[Response, ...] = ()
    themes: tuple[str, ...] = ()
    agencies: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Resource:
    id: str
    title: str
    url: str | None = None
    description: str | None = None


@dataclass(frozen=True, slots=True)
class Passage:
    """One searchable unit of a document, flattened for the index and for display."""

    doc_id: str
    item_id: str
    kind: PassageKind
    text: str
    heading: str | None = None
    audience: str | None = None
    number: int | str | None = None
    themes: tuple[str, ...] = ()
    agencies: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        return f"{self.doc_id}#{self.item_id}"


@dataclass(frozen=True, slots=True)
class Document:
    id: str
    title: str
    doc_type: str
    source: str
    review: Review
    published: str | None = None
    date_note: str | None = None
    restriction: Restriction | None = None
    themes: tuple[str, ...] = ()
    agencies: tuple[str, ...] = ()
    sections: tuple[Section, ...] = ()
    learning_points: tuple[Item, ...] = ()
    reflective_questions: tuple[Question, ...] = ()
    recommendations: tuple[Recommendation, ...] = ()
    good_practice: tuple[Item, ...] = ()
    areas_to_strengthen: tuple[Item, ...] = ()
    key_messages: tuple[Item, ...] = ()
    one_thing: tuple[Item, ...] = ()
    common_themes: tuple[Item, ...] = ()
    resources: tuple[Resource, ...] = ()
    # True while the record still carries ingest's `draft:` block: nobody has checked it against its
    # source yet, so every place that shows it says so.
    draft: bool = False
    # Where the record came from on disk (not part of the YAML); used in messages and staleness checks.
    path: str | None = field(default=None, compare=False)

    @property
    def year(self) -> str | None:
        return self.published[:4] if self.published else None

    @property
    def restricted(self) -> bool:
        return self.restriction is not None

    @property
    def sort_key(self) -> tuple[str, str]:
        """Newest first when sorted descending; undated documents sort last."""
        return (self.published or "", self.id)

    def all_themes(self) -> set[str]:
        """Document themes plus every theme tagged on any of its passages."""
        out = set(self.themes)
        for p in self.passages():
            out.update(p.themes)
        return out

    def all_agencies(self) -> set[str]:
        out = set(self.agencies)
        for p in self.passages():
            out.update(p.agencies)
        return out

    def passages(self) -> Iterator[Passage]:
        """Every searchable unit, in reading order of the detail view."""
        for s in self.sections:
            body = s.text
            if s.items:
                body = (body + "\n\n" if body else "") + "\n".join(f"- {i}" for i in s.items)
            yield Passage(self.id, s.id, PassageKind.SECTION, body, s.heading,
                          themes=s.themes, agencies=s.agencies)
        for lp in self.learning_points:
            yield Passage(self.id, lp.id, PassageKind.LEARNING_POINT, lp.text, lp.section,
                          lp.audience, themes=lp.themes, agencies=lp.agencies)
        for q in self.reflective_questions:
            yield Passage(self.id, q.id, PassageKind.QUESTION, q.text, q.section, None, q.number,
                          themes=q.themes, agencies=q.agencies)
        for r in self.recommendations:
            parts = [r.text, *(f"- {p}" for p in r.points)]
            parts += [f"Response ({resp.by}): {resp.text}" for resp in r.responses]
            yield Passage(self.id, r.id, PassageKind.RECOMMENDATION, "\n".join(parts),
                          r.addressed_to, None, r.number, themes=r.themes, agencies=r.agencies)
        for kind, items in (
            (PassageKind.GOOD_PRACTICE, self.good_practice),
            (PassageKind.AREA_TO_STRENGTHEN, self.areas_to_strengthen),
            (PassageKind.KEY_MESSAGE, self.key_messages),
            (PassageKind.ONE_THING, self.one_thing),
            (PassageKind.COMMON_THEME, self.common_themes),
        ):
            for it in items:
                yield Passage(self.id, it.id, kind, it.text, it.section, it.audience,
                              themes=it.themes, agencies=it.agencies)
        for res in self.resources:
            text = " ".join(x for x in (res.title, res.description, res.url) if x)
            yield Passage(self.id, res.id, PassageKind.RESOURCE, text, res.title)

    def passage(self, item_id: str) -> Passage | None:
        for p in self.passages():
            if p.item_id == item_id:
                return p
        return None

    def citation(self) -> str:
        """A one-line citation carried by every exported or packed item."""
        bits = [self.review.display]
        if self.review.board:
            bits.append(self.review.board)
        bits.append(self.title)
        bits.append(self.published or "undated")
        return " · ".join(bits)
