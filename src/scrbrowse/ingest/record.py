"""Assembling the draft record (schema_version 1) and its `draft:` checklist, then checking it.

The record is built as plain dicts in the order docs/corpus-format.md describes, dumped with the
project's YAML writer (strings stay literal: "yes", "null" or "[b]" are quoted, never converted
or interpreted), and validated with the corpus loader itself before anything is written.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from .. import __version__
from ..corpus import load_record_bytes
from ..model import SCHEMA_VERSION
from ..problems import Problem, Severity
from ..taxonomy import Taxonomy
from ..textsafe import clean
from ..yamlio import MAX_FILE_BYTES, dump_yaml
from . import cues
from .evidence import BACKGROUND, FINDINGS, HEADING, TITLE, Evidence, Judgement, item_tags
from .extract import Extraction
from .metadata import Metadata
from .sources import Source
from .structure import ITEM_LISTS, DraftItem, DraftSection, Structure
from .tagging import Tagger

MAX_ID_CHARS = 80
# Item id prefixes, as in the hand-made records.
_PREFIX = {"learning_points": "lp", "good_practice": "gp", "areas_to_strengthen": "ats",
           "key_messages": "km", "one_thing": "ot", "common_themes": "ct"}
# Sections that say what a review is and how it was done: nothing about this case.
_BOILERPLATE = ("about-review", "learning-method")


def slug(text: str, max_words: int = 8) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = [w for w in re.split(r"[^a-z0-9]+", ascii_text.lower()) if w]
    return "-".join(words[:max_words])


def make_id(*parts: str | None) -> str:
    out = "-".join(p for p in (slug(x) for x in parts if x) if p) or "draft"
    if len(out) > MAX_ID_CHARS:
        out = out[:MAX_ID_CHARS].rsplit("-", 1)[0] or out[:MAX_ID_CHARS]
    return out.strip("-") or "draft"


def base_ids(md: Metadata, title: str) -> tuple[str, str]:
    """(document id, review id): area + child + document type, area + child + review type."""
    who = md.child if md.child_found else (slug(title, 5) or "untitled")
    return make_id(md.area, who, md.doc_type), make_id(md.area, who, md.review_type)


def title_of(st: Structure, source: Source, hints: dict[str, str]) -> tuple[str, str]:
    lines = [clean(t, keep_newlines=False) for t in st.title_lines if t.strip()]
    if lines:
        title = lines[0]
        for line in lines[1:]:
            last = title.split()[-1].lower() if title.split() else ""
            joiner = " " if last in {"the", "of", "from", "and", "to", "for", "in", "on", "a", "an",
                                     "with", "into"} or line[:1].islower() else ": "
            title += joiner + line
        note = (f"title: joined from the first {len(lines)} lines; check it" if len(lines) > 1
                else "title: the first line of the document; check it")
        return title[:300], note
    if hints.get("title"):
        title = clean(hints["title"], keep_newlines=False)[:300]
        if title.strip():
            return title, "title: taken from the file's properties (no title line found); check it"
    stem = clean(source.path.stem, keep_newlines=False).replace("_", " ").strip() or "Untitled document"
    return stem[:300], "title: no title found; the file name was used; write the real title"


@dataclass
class Built:
    record: dict[str, Any]
    checks: list[str]
    counts: dict[str, int]


class RecordBuilder:
    def __init__(self, taxonomy: Taxonomy, tagger: Tagger) -> None:
        self.taxonomy = taxonomy
        self.tagger = tagger
        self.visible: set[tuple[str, str]] = set()  # (vocab, id) the document shows in facets
        self.item_suggestions: dict[str, dict[str, object]] = {}
        self.sources: dict[str, str] = {}  # item id -> where in the source
        self.aliases: cues.Aliases = {}  # acronyms the document defines for taxonomy terms

    def _tags(self, text: str, item_id: str | None = None) -> tuple[list[str], list[str]]:
        """An item's own tags: document tags its words give non-generic evidence for."""
        themes, agencies, suggested = item_tags(self.tagger, text, self.visible, self.aliases)
        for vocab, term_id in suggested:
            if item_id is not None:
                kind = "theme" if vocab == "themes" else "agency"
                self.item_suggestions[f"{item_id}:{term_id}"] = {
                    "kind": kind, "confidence": 0.3,
                    "evidence": [f"only generic words for it in {item_id}'s own text"]}
        return themes, agencies

    def _where(self, item_id: str, where: str | None) -> None:
        if where:
            self.sources[item_id] = where

    def build(self, *, source: Source, extraction: Extraction, st: Structure, md: Metadata,
              title: str, title_check: str, doc_id: str, review: dict[str, Any],
              review_checks: list[str], today: str) -> Built:
        checks: list[str] = [title_check, *review_checks, *md.checks]
        learning_text: list[str] = [title]
        judgements = self._judge(title, st)
        self.visible = {(j.vocab, j.term_id) for j in judgements if j.visible}
        record_items: dict[str, list[dict[str, Any]]] = {}
        for key in ITEM_LISTS:
            record_items[key] = [self._item(f"{_PREFIX[key]}-{i}", it, learning_text)
                                 for i, it in enumerate(st.items[key], 1)]
        audiences = set(self.taxonomy.audiences)
        for entries in record_items.values():
            for e in entries:
                if e.get("audience") not in audiences:
                    e.pop("audience", None)
        questions = []
        n_lps = len(record_items["learning_points"])
        for i, q in enumerate(st.questions, 1):
            themes, agencies = self._tags(q.text, f"q-{i}")
            self._where(f"q-{i}", q.where)
            learning_text.append(q.text)
            entry: dict[str, Any] = {"id": f"q-{i}", "text": q.text}
            if q.number is not None:
                entry["number"] = q.number
            entry["section"] = q.section
            if q.learning_point is not None and q.learning_point < n_lps:
                entry["learning_point"] = f"lp-{q.learning_point + 1}"
            entry["themes"], entry["agencies"] = themes, agencies
            questions.append(entry)
        recs, leftover = self._recommendations(st, md, learning_text)
        sections = self._sections([*st.sections, *leftover])
        resources = [
            {"id": f"res-{i}", "title": r.title, "url": r.url, "description": r.description}
            for i, r in enumerate(_unique_resources(st), 1)
        ]
        doc_themes = [j.term_id for j in judgements if j.visible and j.vocab == "themes"]
        doc_agencies = [j.term_id for j in judgements if j.visible and j.vocab == "agencies"]
        counts = {"sections": len(sections), "learning_points": n_lps, "questions": len(questions),
                  "recommendations": len(recs), "resources": len(resources),
                  **{k: len(v) for k, v in record_items.items() if k != "learning_points"}}
        checks += st.notes
        checks += extraction.notes
        checks.append(_found_summary(counts))
        n_sugg = sum(1 for j in judgements if not j.visible)
        checks.append("themes/agencies: tagged where the text gives enough evidence; the evidence "
                      "and confidence of each tag are under draft.tags: remove tags that do not fit, "
                      "add what is missing"
                      + (f"; {n_sugg} weaker tag(s) are under draft.suggested_tags: accept or drop "
                         "each" if n_sugg else ""))
        restriction = ({"level": "professionals-only", "wording": md.restriction}
                       if md.restriction else None)
        record: dict[str, Any] = {
            "schema_version": SCHEMA_VERSION,
            "draft": {
                "made_by": f"scrbrowse {__version__} ingest",
                "ingested": today,
                "source_sha256": source.sha256,
                "source_format": source.format,
                "checks": [clean(c, keep_newlines=False) for c in checks if c],
                "tags": {j.term_id: j.entry() for j in judgements if j.visible},
                "suggested_tags": {
                    **{j.term_id: j.entry() for j in judgements if not j.visible},
                    **self.item_suggestions},
                "sources": dict(self.sources),
            },
            "id": doc_id,
            "title": title,
            "doc_type": md.doc_type,
            "published": md.published,
            "date_note": None,
            "source": clean(source.name, keep_newlines=False) or "source",
            "review": review,
            "restriction": restriction,
            "themes": doc_themes,
            "agencies": doc_agencies,
            "sections": sections,
            "learning_points": record_items["learning_points"],
            "reflective_questions": questions,
            "recommendations": recs,
            **{k: record_items[k] for k in ITEM_LISTS if k != "learning_points"},
            "resources": resources,
        }
        return Built(record, checks, counts)

    def _judge(self, title: str, st: Structure) -> list[Judgement]:
        """Evidence for every theme and agency, weighted by where in the document it is."""
        self.aliases = cues.defined_acronyms(self.tagger, _all_text(title, st))
        ev = Evidence(self.tagger, aliases=self.aliases)
        ev.add(title, TITLE, st.title_where)
        seen_headings: set[str] = set()
        for sec in st.sections:
            if sec.kind in _BOILERPLATE:
                continue
            if sec.heading and sec.heading not in seen_headings:
                seen_headings.add(sec.heading)
                ev.add(sec.heading, HEADING, sec.where)
            for p in sec.paragraphs:
                ev.add(p, BACKGROUND, sec.where)
            for k, text in enumerate(sec.items):
                ev.add(text, BACKGROUND, sec.item_where[k] if k < len(sec.item_where) else sec.where)
        for key in ITEM_LISTS:
            for it in st.items[key]:
                if it.section and it.section not in seen_headings:
                    seen_headings.add(it.section)
                    ev.add(it.section, HEADING, it.where)
                ev.add(it.text, FINDINGS, it.where)
                label = item_label(it.text, it.lead)
                if label:
                    # "**Tools and training** ...", "Professional curiosity: ...": the item's own
                    # heading names its topic, as a section heading does.
                    ev.add(label, HEADING, it.where)
                if it.audience == "all-agencies":
                    # Learning addressed to every agency ("Learning for all agencies", "Agencies
                    # should ...") is evidence for the all-agencies tag, as readers label it.
                    ev.add("all agencies", FINDINGS, it.where)
        for q in st.questions:
            ev.add(q.text, FINDINGS, q.where)
        for r in st.recommendations:
            ev.add(" ".join([r.text, *r.points, *r.after]), FINDINGS, r.where)
        for res in st.resources:
            ev.add(f"{res.title}. {res.description or ''}", BACKGROUND)
        return ev.judgements()

    def _item(self, item_id: str, it: DraftItem, learning_text: list[str]) -> dict[str, Any]:
        themes, agencies = self._tags(it.text, item_id)
        self._where(item_id, it.where)
        learning_text.append(it.text)
        entry: dict[str, Any] = {"id": item_id, "text": it.text}
        if it.lead:
            entry["lead"] = it.lead
        if it.audience:
            entry["audience"] = it.audience
        entry["section"] = it.section
        entry["themes"], entry["agencies"] = themes, agencies
        return entry

    def _recommendations(self, st: Structure, md: Metadata, learning_text: list[str]
                         ) -> tuple[list[dict[str, Any]], list[DraftSection]]:
        """Recommendations, and a section for text after them that is not a board's response."""
        out = []
        responding = md.doc_type == "board-response"
        by = md.board or (f"{md.area} (the board)" if md.area else "The board")
        for i, r in enumerate(st.recommendations, 1):
            text = " ".join([r.text, *r.points, *r.after])
            themes, agencies = self._tags(text, f"rec-{i}")
            self._where(f"rec-{i}", r.where)
            learning_text.append(text)
            entry: dict[str, Any] = {"id": f"rec-{i}", "number": r.number, "text": r.text,
                                     "points": list(r.points)}
            if responding:
                entry["addressed_to"] = md.board
                entry["responses"] = [{"by": by, "text": t} for t in r.after]
            entry["themes"], entry["agencies"] = themes, agencies
            out.append(entry)
        after = [t for r in st.recommendations for t in r.after]
        if responding or not after:
            return out, []
        return out, [DraftSection("Recommendations", "response", after)]

    def _sections(self, draft_sections: list[DraftSection]) -> list[dict[str, Any]]:
        out = []
        n = 0
        for sec in draft_sections:
            text = "\n\n".join(p for p in sec.paragraphs if p.strip())
            if not text and not sec.items:
                continue
            n += 1
            # What a review is and how it was run is the same boilerplate in every document; its
            # words ("abused or neglected", "multi-agency") would put every review under those
            # themes in the search facets.
            boilerplate = sec.kind in _BOILERPLATE
            themes, agencies = ([], []) if boilerplate else self._tags(
                "\n".join([text, *sec.items]))
            self._where(f"s-{n}", sec.where or next((w for w in sec.item_where if w), None))
            entry: dict[str, Any] = {"id": f"s-{n}", "heading": sec.heading, "kind": sec.kind,
                                     "text": text or None}
            if sec.items:
                entry["items"] = list(sec.items)
            entry["themes"], entry["agencies"] = themes, agencies
            out.append(entry)
        return out


_LABEL = re.compile(r"^([A-Z][^:.;?!]{2,60}):\s+\S")
MAX_LABEL_WORDS = 6


def item_label(text: str, lead: str | None) -> str | None:
    """A learning item's own short heading: its bold lead, or a few words before a colon."""
    label = lead
    if label is None:
        m = _LABEL.match(text)
        label = m.group(1) if m else None
    if label is None or len(label.split()) > MAX_LABEL_WORDS or label.strip() == text.strip():
        return None
    return label.strip(" :")


def _all_text(title: str, st: Structure) -> list[str]:
    out = [title]
    for sec in st.sections:
        out += [sec.heading or "", *sec.paragraphs, *sec.items]
    out += [it.text for key in ITEM_LISTS for it in st.items[key]]
    out += [q.text for q in st.questions]
    out += [" ".join([r.text, *r.points, *r.after]) for r in st.recommendations]
    return [t for t in out if t]


def _unique_resources(st: Structure) -> list[Any]:
    seen: set[tuple[str, str | None]] = set()
    out = []
    for r in st.resources:
        key = (r.title.lower(), r.url)
        if key in seen or not r.title.strip():
            continue
        seen.add(key)
        out.append(r)
    return out


def _found_summary(counts: dict[str, int]) -> str:
    parts = [f"{n} {k.replace('_', ' ')}" for k, n in counts.items() if n]
    return ("found: " + ", ".join(parts) + "; compare with the source and add anything missed"
            if parts else "found: nothing but text; add the learning by hand")


# --- rendering and checking ---------------------------------------------------------------------

def render(record: dict[str, Any], source_name: str) -> str:
    name = clean(source_name, keep_newlines=False)
    header = (
        f"# DRAFT made by `scrbrowse ingest` from {name}.\n"
        "# Check it against the source: work through every line under `draft: checks`, fix what is\n"
        "# wrong, then delete the whole `draft:` block. See docs/adding-reviews.md.\n"
    )
    return header + dump_yaml(record)


def validate(text: str, file: str, taxonomy: Taxonomy) -> list[Problem]:
    """Errors the corpus loader would report for this record (warnings, such as the draft's own
    "awaiting checking", are expected and left out)."""
    data = text.encode("utf-8")
    if len(data) > MAX_FILE_BYTES:
        return [Problem(file, f"record is {len(data):,} bytes; the corpus limit is {MAX_FILE_BYTES:,}")]
    _doc, problems = load_record_bytes(data, file, taxonomy)
    return [p for p in problems if p.severity is Severity.ERROR]


def shrink(record: dict[str, Any]) -> bool:
    """Halve the longest narrative section, for a record over the size limit. False if nothing left."""
    sections = record.get("sections") or []
    longest = max(sections, key=lambda s: len(s.get("text") or ""), default=None)
    if not longest or len(longest.get("text") or "") < 200:
        return False
    text = longest["text"]
    longest["text"] = text[: len(text) // 2].rstrip() + " [...]"
    return True
