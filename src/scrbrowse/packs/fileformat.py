"""The pack file format: Pack <-> YAML data, with validation that reports every problem with its
line and a hint, and keeps whatever can be kept. See docs/exports-and-packs.md for the format.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..model import Restriction
from ..problems import Problem, Severity
from ..yamlio import LineDict, dump_yaml
from .model import (
    DOCUMENT,
    ITEM_KINDS,
    OWN_CITATION_REVIEW,
    OWN_KINDS,
    Citation,
    Pack,
    PackItem,
    clean_initials,
    short_text,
    user_text,
)

PACK_SCHEMA_VERSION = 1
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def pack_to_data(pack: Pack) -> dict[str, Any]:
    items: list[dict[str, Any]] = []
    for it in pack.items:
        c = it.citation
        if it.own:
            # The supervisor's own words: no source, so no citation or restriction to keep.
            items.append({"kind": it.kind, "item_id": it.item_id, "text": user_text(it.text),
                          "notes": user_text(it.notes)})
            continue
        entry: dict[str, Any] = {
            "kind": it.kind,
            "doc_id": c.doc_id,
            "item_id": it.item_id,
            "heading": it.heading,
            "number": it.number,
            "text": user_text(it.text),
            "citation": {"review": c.review, "review_id": c.review_id, "board": c.board,
                         "document": c.document, "published": c.published},
            "restriction": None if it.restriction is None else
            {"level": it.restriction.level, "wording": it.restriction.wording},
            "notes": user_text(it.notes),
        }
        if it.draft:  # written only when true, so files of checked records stay as they were
            entry["draft"] = True
        items.append(entry)
    data: dict[str, Any] = {
        "schema_version": PACK_SCHEMA_VERSION,
        "title": user_text(pack.title),
        "created": pack.created,
    }
    # The optional header: written only when set, so older packs read and write back unchanged.
    if pack.practitioner:
        data["practitioner"] = clean_initials(pack.practitioner)
    if pack.session_date:
        data["session_date"] = pack.session_date
    data["notes"] = user_text(pack.notes)
    data["items"] = items
    return data


def dump_pack(pack: Pack) -> str:
    header = "# A scrbrowse session pack. Edit with care: scrbrowse checks this file when it loads.\n"
    return header + dump_yaml(pack_to_data(pack))


_TOP_KEYS = ("schema_version", "title", "created", "practitioner", "session_date", "notes", "items")
_ITEM_KEYS = ("kind", "doc_id", "item_id", "heading", "number", "text", "citation",
              "restriction", "notes", "draft")
_CITATION_KEYS = ("review", "review_id", "board", "document", "published")
_RESTRICTION_KEYS = ("level", "wording")


class _Unusable(Exception):
    """The file as a whole is not a pack (as opposed to one bad item or field)."""


@dataclass
class _Reader:
    """Validation of one parsed pack file, collecting problems with lines and hints."""

    file: str
    problems: list[Problem] = field(default_factory=list)

    def add(self, line: int | None, fld: str | None, msg: str, hint: str | None = None,
            severity: Severity = Severity.ERROR) -> None:
        self.problems.append(Problem(self.file, msg, line, fld, hint, severity))

    def unusable(self, line: int | None, fld: str | None, msg: str, hint: str) -> _Unusable:
        # Not `skipped`: that flag means "document not loaded" in corpus messages.
        self.problems.append(Problem(self.file, msg, line, fld, hint))
        return _Unusable()

    def keys(self, m: LineDict, allowed: tuple[str, ...], where: str) -> None:
        for key in m:
            if key not in allowed:
                near = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
                hint = (f"did you mean '{near[0]}'?" if near else f"allowed: {', '.join(allowed)}")
                self.add(m.line_of(key), f"{where}{key}", f"unknown field '{short_text(key)}' (ignored)",
                         hint + "; the file as it was is kept", Severity.WARNING)

    def text(self, m: LineDict, key: str, where: str, *, required: bool) -> str | None:
        value = m.get(key)
        if value is None:
            if required:
                self.add(m.line, f"{where}{key}", "required field is missing",
                         f"add '{key}:' (see docs/exports-and-packs.md)")
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int, float, date)):
            self.add(m.line_of(key), f"{where}{key}", f"must be text, not {_type_name(value)}",
                     "write it as plain text, in quotes if it starts with a symbol")
            return None
        if isinstance(value, date):
            return value.isoformat()
        return str(value)


def _type_name(v: Any) -> str:
    if isinstance(v, dict):
        return "a mapping"
    if isinstance(v, list):
        return "a list"
    if isinstance(v, bool):
        return "true/false"
    return type(v).__name__


def pack_from_data(data: Any, name: str, file: str) -> tuple[Pack | None, list[Problem], bool]:
    """Validate parsed YAML. Returns (pack or None, problems, newer_version).

    Bad fields are dropped, bad items skipped, each with a problem; the pack is None only when the
    file as a whole is not a pack."""
    rd = _Reader(file)
    try:
        return _pack_from_data(rd, data, name), rd.problems, False
    except _Newer:
        return None, rd.problems, True
    except _Unusable:
        return None, rd.problems, False


class _Newer(Exception):
    pass


def _pack_from_data(rd: _Reader, data: Any, name: str) -> Pack:
    if data is None:
        raise rd.unusable(1, None, "the file is empty",
                          "restore it from the .bak copy, or delete the pack")
    if not isinstance(data, LineDict):
        raise rd.unusable(1, None, f"a pack file must be a mapping, not {_type_name(data)}",
                          "it should start with 'schema_version: 1' and 'title:'")
    rd.keys(data, _TOP_KEYS, "")
    version = data.get("schema_version")
    if version is None:
        rd.add(1, "schema_version", f"missing; assuming {PACK_SCHEMA_VERSION}",
               f"add 'schema_version: {PACK_SCHEMA_VERSION}' at the top", Severity.WARNING)
    elif isinstance(version, int) and not isinstance(version, bool) and version > PACK_SCHEMA_VERSION:
        rd.add(data.line_of("schema_version"), "schema_version",
               f"written by a newer scrbrowse (pack version {version}; this one reads "
               f"{PACK_SCHEMA_VERSION})", "open it with the newer scrbrowse; the file is left as it is")
        raise _Newer()
    elif version != PACK_SCHEMA_VERSION:
        rd.add(data.line_of("schema_version"), "schema_version",
               f"unknown version {short_text(repr(version))}; reading it as {PACK_SCHEMA_VERSION}",
               f"write 'schema_version: {PACK_SCHEMA_VERSION}'", Severity.WARNING)
    title = rd.text(data, "title", "", required=True) or name
    created = rd.text(data, "created", "", required=False)
    if created is not None and not _DATE_RE.match(created):
        rd.add(data.line_of("created"), "created", f"'{short_text(created)}' is not a date (kept as text)",
               "write it as YYYY-MM-DD", Severity.WARNING)
    practitioner = clean_initials(rd.text(data, "practitioner", "", required=False) or "")
    session_date = rd.text(data, "session_date", "", required=False)
    if session_date is not None and not _DATE_RE.match(session_date):
        rd.add(data.line_of("session_date"), "session_date",
               f"'{short_text(session_date)}' is not a date (kept as text)",
               "write it as YYYY-MM-DD", Severity.WARNING)
    notes = rd.text(data, "notes", "", required=False) or ""
    raw_items = data.get("items")
    if raw_items is None:
        raw_items = []
        if "items" not in data:
            rd.add(data.line, "items", "no 'items:' list; the pack is empty",
                   "if it had items, they may be in the .bak copy", Severity.WARNING)
    if not isinstance(raw_items, list):
        raise rd.unusable(data.line_of("items"), "items",
                          f"must be a list, not {_type_name(raw_items)}",
                          "each item starts with '- kind:' under 'items:'")
    items: list[PackItem] = []
    seen: set[tuple[str, str | None]] = set()
    for n, raw in enumerate(raw_items):
        item = _item_from_data(rd, raw, f"items[{n}].", data.line_of("items"))
        if item is None:
            continue
        if item.key in seen:
            rd.add(raw.line if isinstance(raw, LineDict) else None, f"items[{n}]",
                   "the same item appears twice (the second was left out)",
                   "remove one of them", Severity.WARNING)
            continue
        seen.add(item.key)
        items.append(item)
    return Pack(name, title, created, notes, items, practitioner=practitioner,
                session_date=session_date or None)


def _item_from_data(rd: _Reader, raw: Any, where: str, list_line: int) -> PackItem | None:
    if not isinstance(raw, LineDict):
        rd.add(list_line, where.rstrip("."), f"must be a mapping, not {_type_name(raw)} (left out)",
               "each item has kind, doc_id, item_id, text and citation")
        return None
    rd.keys(raw, _ITEM_KEYS, where)
    if raw.get("kind") in OWN_KINDS:
        return _own_item_from_data(rd, raw, where)
    kind = rd.text(raw, "kind", where, required=True)
    doc_id = rd.text(raw, "doc_id", where, required=True)
    text = rd.text(raw, "text", where, required=True)
    item_id = rd.text(raw, "item_id", where, required=False)
    if kind is not None and kind not in ITEM_KINDS:
        rd.add(raw.line_of("kind"), f"{where}kind", f"unknown kind '{short_text(kind)}' (item left out)",
               f"use one of: {', '.join(ITEM_KINDS)}")
        kind = None
    if kind is not None and kind != DOCUMENT and not item_id:
        rd.add(raw.line, f"{where}item_id", "a part of a document needs its item_id (item left out)",
               "e.g. item_id: q-1; or kind: document for a whole document")
        kind = None
    if kind == DOCUMENT and item_id:
        rd.add(raw.line_of("item_id"), f"{where}item_id", "a whole-document item has no item_id "
               "(ignored)", "remove the item_id, or give the item's real kind", Severity.WARNING)
        item_id = None
    citation = _citation_from_data(rd, raw, where, doc_id)
    if kind is None or doc_id is None or text is None or citation is None:
        return None
    return PackItem(
        kind=kind, item_id=item_id, text=text, citation=citation,
        restriction=_restriction_from_data(rd, raw, where),
        heading=rd.text(raw, "heading", where, required=False),
        number=rd.text(raw, "number", where, required=False),
        notes=rd.text(raw, "notes", where, required=False) or "",
        draft=raw.get("draft") is True,
    )


def _own_item_from_data(rd: _Reader, raw: LineDict, where: str) -> PackItem | None:
    kind = str(raw.get("kind"))
    text = rd.text(raw, "text", where, required=True)
    item_id = rd.text(raw, "item_id", where, required=True)
    if text is None or not item_id:
        return None
    return PackItem(kind, item_id, text, Citation("", OWN_CITATION_REVIEW, ""),
                    notes=rd.text(raw, "notes", where, required=False) or "")


def _citation_from_data(rd: _Reader, raw: LineDict, where: str, doc_id: str | None
                        ) -> Citation | None:
    c = raw.get("citation")
    if not isinstance(c, LineDict):
        rd.add(raw.line_of("citation"), f"{where}citation",
               "missing or not a mapping (item left out)" if c is None
               else f"must be a mapping, not {_type_name(c)} (item left out)",
               "citation: {review: ..., board: ..., document: ..., published: ...}")
        return None
    rd.keys(c, _CITATION_KEYS, f"{where}citation.")
    review = rd.text(c, "review", f"{where}citation.", required=True)
    document = rd.text(c, "document", f"{where}citation.", required=True)
    if review is None or document is None or doc_id is None:
        return None
    return Citation(doc_id, review, document,
                    rd.text(c, "board", f"{where}citation.", required=False),
                    rd.text(c, "published", f"{where}citation.", required=False),
                    rd.text(c, "review_id", f"{where}citation.", required=False))


def _restriction_from_data(rd: _Reader, raw: LineDict, where: str) -> Restriction | None:
    r = raw.get("restriction")
    if r is None:
        return None
    if not isinstance(r, LineDict):
        # Fail safe, as the corpus does: an unreadable restriction still restricts the item.
        rd.add(raw.line_of("restriction"), f"{where}restriction",
               "must be a mapping with level and wording (the item is treated as restricted)",
               "restriction: {level: professionals-only, wording: \"...\"}", Severity.WARNING)
        return Restriction("professionals-only", str(r) if isinstance(r, str) else "Restricted.")
    rd.keys(r, _RESTRICTION_KEYS, f"{where}restriction.")
    level = rd.text(r, "level", f"{where}restriction.", required=False) or "professionals-only"
    wording = rd.text(r, "wording", f"{where}restriction.", required=False) or "Restricted."
    return Restriction(level, wording)
