"""Reviewing a draft record: the operations behind `scrbrowse review`/`accept` and the review screen.

A draft is what ingest wrote: a record with a `draft:` block (its checklist, the tags with their
evidence, suggested tags, where each item came from). `DraftReview` loads one, lets a person fix it
(items, tags, title, review details) with undo, validates the result with the corpus loader, and
`mark_checked()` writes the record without its `draft:` block, atomically, after keeping a copy of
the draft in the corpus's hidden `.drafts/` folder (the loader reads neither hidden folders nor
sub-folders, so the copy is never loaded twice).

Textual-free: the CLI and the app both use it.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as _dt
import hashlib
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..corpus import DATE_RE, ID_RE, TAXONOMY_FILE, load_record_bytes
from ..problems import Problem, Severity
from ..taxonomy import Taxonomy
from ..textsafe import clean
from ..yamlio import LineDict, YamlFileError, atomic_write_text, decode_text, dump_yaml, parse_yaml
from . import sourcetext

DRAFTS_FOLDER = ".drafts"
MAX_UNDO = 200
# The lists a reviewer works through, in the order the detail pane shows them, with their labels.
ITEM_LISTS: tuple[tuple[str, str], ...] = (
    ("learning_points", "learning point"),
    ("reflective_questions", "question"),
    ("recommendations", "recommendation"),
    ("good_practice", "good practice"),
    ("areas_to_strengthen", "area to strengthen"),
    ("key_messages", "key message"),
    ("one_thing", "one thing"),
    ("common_themes", "common theme"),
)
_PREFIX = {"learning_points": "lp", "reflective_questions": "q", "recommendations": "rec",
           "good_practice": "gp", "areas_to_strengthen": "ats", "key_messages": "km",
           "one_thing": "ot", "common_themes": "ct"}
# Details a reviewer can set: field name -> (where in the record, label for people).
FIELDS: dict[str, tuple[tuple[str, ...], str]] = {
    "title": (("title",), "Title"),
    "id": (("id",), "Record id"),
    "published": (("published",), "Published (YYYY, YYYY-MM or YYYY-MM-DD)"),
    "child": (("review", "child"), "Child"),
    "area": (("review", "area"), "Area"),
    "board": (("review", "board"), "Board or partnership"),
    "review_id": (("review", "id"), "Review id"),
}


class ReviewError(Exception):
    """Something a person must fix or know before the review can go on; the message says what."""


@dataclass(frozen=True, slots=True)
class ItemRef:
    list_key: str
    index: int
    id: str
    text: str
    label: str  # "learning point", "question", ...
    source: str | None  # the draft's pointer ("line 12"), if any


@dataclass(frozen=True, slots=True)
class TagRef:
    id: str
    kind: str  # "theme" or "agency"
    label: str
    suggested: bool  # True: not in the record's tags until accepted
    confidence: float | None
    evidence: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Checked:
    """What `mark_checked` wrote."""

    path: Path
    doc_id: str
    draft_copy: Path


def _plain(value: Any) -> Any:
    """LineDicts to plain dicts (insertion order kept), recursively, so edits and dumps are simple."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class DraftReview:
    """One draft under review. Every change can be undone; nothing is written until mark_checked."""

    def __init__(self, path: Path, record: dict[str, Any], taxonomy: Taxonomy, sha256: str) -> None:
        self.path = path
        self.record = record
        self.taxonomy = taxonomy
        self._sha256 = sha256  # of the file as loaded: refuse to write over someone else's change
        self._undo: list[tuple[str, dict[str, Any]]] = []
        self.accepted_items: set[str] = set()  # item ids the reviewer has looked at and accepted
        self._other_ids: dict[str, Path] | None = None  # id -> file of the folder's other records

    # ----- loading

    @classmethod
    def load(cls, path: Path, taxonomy: Taxonomy) -> DraftReview:
        path = Path(path)
        try:
            data = path.read_bytes()
            parsed = parse_yaml(decode_text(data))
        except OSError as exc:
            raise ReviewError(f"cannot read {path}: {exc.strerror or exc}") from None
        except YamlFileError as exc:
            where = f":{exc.line}" if exc.line else ""
            raise ReviewError(f"{path}{where}: {exc.message}") from None
        if not isinstance(parsed, LineDict):
            raise ReviewError(f"{path} is not a corpus record (it is not a YAML mapping)")
        if "draft" not in parsed:
            raise ReviewError(f"{path} has no 'draft:' block: it is already a checked record")
        record = _plain(parsed)
        if not isinstance(record.get("draft"), dict):
            record["draft"] = {}
        return cls(path, record, taxonomy, _sha(data))

    # ----- what the draft says

    @property
    def draft(self) -> dict[str, Any]:
        d = self.record.setdefault("draft", {})
        assert isinstance(d, dict)
        return d

    @property
    def doc_id(self) -> str:
        return str(self.record.get("id") or "")

    @property
    def checks(self) -> list[str]:
        raw = self.draft.get("checks")
        return [str(c) for c in raw] if isinstance(raw, list) else []

    def get_field(self, name: str) -> str:
        where, _label = FIELDS[name]
        node: Any = self.record
        for key in where:
            node = node.get(key) if isinstance(node, dict) else None
        return "" if node is None else str(node)

    def items(self) -> list[ItemRef]:
        sources = self.draft.get("sources")
        sources = sources if isinstance(sources, dict) else {}
        out = []
        for key, label in ITEM_LISTS:
            for i, entry in enumerate(self._list(key)):
                if not isinstance(entry, dict):
                    continue
                iid = str(entry.get("id") or f"{_PREFIX[key]}-{i + 1}")
                pointer = sources.get(iid)
                out.append(ItemRef(key, i, iid, str(entry.get("text") or ""), label,
                                   str(pointer) if pointer is not None else None))
        return out

    def tags(self) -> list[TagRef]:
        """The draft's tags (facet-visible now) then its suggestions (visible once accepted)."""
        out = []
        for tid in self._list("themes"):
            out.append(self._tag_ref(str(tid), "theme", suggested=False))
        for tid in self._list("agencies"):
            out.append(self._tag_ref(str(tid), "agency", suggested=False))
        suggested = self.draft.get("suggested_tags")
        if isinstance(suggested, dict):
            for tid in suggested:
                out.append(self._tag_ref(str(tid), None, suggested=True))
        return out

    def _tag_ref(self, tid: str, kind: str | None, *, suggested: bool) -> TagRef:
        block = self.draft.get("suggested_tags" if suggested else "tags")
        info = block.get(tid) if isinstance(block, dict) else None
        confidence: float | None = None
        evidence: tuple[str, ...] = ()
        if isinstance(info, list):  # the old format: id -> [trigger words]
            evidence = tuple(str(w) for w in info)
        elif isinstance(info, dict):
            kind = kind or (str(info["kind"]) if info.get("kind") in ("theme", "agency") else None)
            raw_conf = info.get("confidence")
            if isinstance(raw_conf, (int, float)) and not isinstance(raw_conf, bool):
                confidence = float(raw_conf)
            ev = info.get("evidence")
            evidence = tuple(str(w) for w in ev) if isinstance(ev, list) else ()
        if kind is None:
            kind = "agency" if tid in self.taxonomy.agencies and tid not in self.taxonomy.themes else "theme"
        vocab = "themes" if kind == "theme" else "agencies"
        return TagRef(tid, kind, self.taxonomy.label(vocab, tid), suggested, confidence, evidence)

    def _list(self, key: str) -> list[Any]:
        value = self.record.get(key)
        if not isinstance(value, list):
            value = []
            if key in self.record or key in ("themes", "agencies"):
                self.record[key] = value
        return value

    # ----- source text

    def source_text_path(self) -> Path | None:
        name = self.draft.get("source_text")
        if (not isinstance(name, str) or Path(name).name != name or name.startswith(".")
                or not name.endswith(".txt")):
            return None  # only a plain file name beside the record, never a path elsewhere
        return self.path.with_name(name)

    def source_lines(self) -> list[str] | None:
        path = self.source_text_path()
        return sourcetext.read_lines(path) if path is not None else None

    # ----- undo

    def _save(self, what: str) -> None:
        self._undo.append((what, copy.deepcopy(self.record)))
        del self._undo[:-MAX_UNDO]

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    def undo(self) -> str | None:
        """Put back the record as it was before the last change; returns what was undone."""
        if not self._undo:
            return None
        what, self.record = self._undo.pop()
        return what

    # ----- items

    def _entry(self, list_key: str, index: int) -> dict[str, Any]:
        entries = self._list(list_key)
        if not 0 <= index < len(entries) or not isinstance(entries[index], dict):
            raise ReviewError(f"there is no item {index + 1} in {list_key.replace('_', ' ')}")
        entry: dict[str, Any] = entries[index]
        return entry

    def accept_item(self, list_key: str, index: int) -> None:
        """Mark an item as looked at and right (nothing in the record changes)."""
        self.accepted_items.add(str(self._entry(list_key, index).get("id")))

    def edit_item(self, list_key: str, index: int, text: str) -> None:
        text = clean(text).strip()
        if not text:
            raise ReviewError("an item needs some text; drop it instead")
        entry = self._entry(list_key, index)
        self._save(f"edit {entry.get('id')}")
        entry["text"] = text

    def drop_item(self, list_key: str, index: int) -> None:
        entry = self._entry(list_key, index)
        self._save(f"drop {entry.get('id')}")
        del self._list(list_key)[index]
        self._unlink(list_key, str(entry.get("id")), None)

    def split_item(self, list_key: str, index: int, parts: list[str]) -> None:
        """Replace an item by several (the first keeps its id, so links to it still work)."""
        parts = [p for p in (clean(x).strip() for x in parts) if p]
        if len(parts) < 2:
            raise ReviewError("to split an item, give at least two non-empty parts")
        entry = self._entry(list_key, index)
        self._save(f"split {entry.get('id')}")
        entry["text"] = parts[0]
        entries = self._list(list_key)
        for n, text in enumerate(parts[1:], 1):
            new = copy.deepcopy(entry)
            new["id"] = self._new_id(list_key)
            new["text"] = text
            new.pop("number", None)
            entries.insert(index + n, new)

    def merge_with_next(self, list_key: str, index: int) -> None:
        entry = self._entry(list_key, index)
        nxt = self._entry(list_key, index + 1) if index + 1 < len(self._list(list_key)) else None
        if nxt is None:
            raise ReviewError("this is the last item of its list; there is nothing below to merge with")
        self._save(f"merge {entry.get('id')} and {nxt.get('id')}")
        entry["text"] = f"{str(entry.get('text') or '').rstrip()} {str(nxt.get('text') or '').lstrip()}".strip()
        for key in ("themes", "agencies", "points"):
            if isinstance(entry.get(key), list) and isinstance(nxt.get(key), list):
                entry[key] += [t for t in nxt[key] if t not in entry[key]]
        del self._list(list_key)[index + 1]
        self._unlink(list_key, str(nxt.get("id")), str(entry.get("id")))

    def _unlink(self, list_key: str, old: str, new: str | None) -> None:
        """Questions linked to a learning point that went away: relink (merge) or unlink (drop)."""
        if list_key != "learning_points":
            return
        for q in self._list("reflective_questions"):
            if isinstance(q, dict) and q.get("learning_point") == old:
                if new is None:
                    q.pop("learning_point", None)
                else:
                    q["learning_point"] = new

    def _new_id(self, list_key: str) -> str:
        used = {str(e.get("id")) for k, _ in ITEM_LISTS for e in self._list(k) if isinstance(e, dict)}
        used |= {str(s.get("id")) for s in self._list("sections") if isinstance(s, dict)}
        prefix = _PREFIX[list_key]
        n = len(self._list(list_key)) + 1
        while f"{prefix}-{n}" in used:
            n += 1
        return f"{prefix}-{n}"

    # ----- tags

    def accept_tag(self, tag_id: str) -> None:
        """A suggested tag becomes one of the record's tags (and a search facet)."""
        suggested = self.draft.get("suggested_tags")
        if not isinstance(suggested, dict) or tag_id not in suggested:
            raise ReviewError(f"'{tag_id}' is not a suggested tag of this draft")
        ref = self._tag_ref(tag_id, None, suggested=True)
        vocab = "themes" if ref.kind == "theme" else "agencies"
        if tag_id not in self.taxonomy.vocabulary(vocab):
            raise ReviewError(f"'{tag_id}' is not in the taxonomy's {vocab}; it cannot be a tag")
        self._save(f"accept tag {tag_id}")
        suggested = self.draft["suggested_tags"]
        info = suggested.pop(tag_id)
        tags = self._list(vocab)
        if tag_id not in tags:
            tags.append(tag_id)
        block = self.draft.get("tags")
        if isinstance(block, dict):
            block[tag_id] = info

    def reject_tag(self, tag_id: str) -> None:
        """A suggestion is dismissed; a tag is removed from the record and from every item."""
        suggested = self.draft.get("suggested_tags")
        if isinstance(suggested, dict) and tag_id in suggested:
            self._save(f"reject suggested tag {tag_id}")
            del self.draft["suggested_tags"][tag_id]
            return
        lists = [self._list("themes"), self._list("agencies")]
        if not any(tag_id in tags for tags in lists):
            raise ReviewError(f"'{tag_id}' is not a tag of this draft")
        self._save(f"remove tag {tag_id}")
        for key in ("themes", "agencies"):
            self.record[key] = [t for t in self._list(key) if t != tag_id]
        for entries in (self._list(k) for k in ("sections", *(k for k, _ in ITEM_LISTS))):
            for e in entries:
                if not isinstance(e, dict):
                    continue
                for key in ("themes", "agencies"):
                    if isinstance(e.get(key), list):
                        e[key] = [t for t in e[key] if t != tag_id]
        block = self.draft.get("tags")
        if isinstance(block, dict):
            block.pop(tag_id, None)

    # ----- details

    def set_field(self, name: str, value: str | None) -> None:
        if name not in FIELDS:
            raise ReviewError(f"unknown field '{name}'")
        value = clean(value or "", keep_newlines=False).strip() or None
        if name in ("title", "id", "child", "review_id") and value is None:
            raise ReviewError(f"{FIELDS[name][1]} cannot be empty")
        if name in ("id", "review_id") and value is not None and not ID_RE.match(value):
            raise ReviewError(f"'{value}' is not a usable id: use lowercase letters, digits and '-'")
        if name == "published" and value is not None and not DATE_RE.match(value):
            raise ReviewError(f"'{value}' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD")
        where, _label = FIELDS[name]
        if self.get_field(name) == (value or ""):
            return
        self._save(f"set {name}")
        node = self.record
        for key in where[:-1]:
            if not isinstance(node.get(key), dict):
                node[key] = {}
            node = node[key]
        node[where[-1]] = value

    def set_fields(self, values: dict[str, str | None]) -> None:
        """Several details at once, as one change: all are checked before any is set."""
        before = len(self._undo)
        saved = copy.deepcopy(self.record)
        try:
            for name, value in values.items():
                self.set_field(name, value)
        except ReviewError:
            self.record = saved
            del self._undo[before:]
            raise
        if len(self._undo) > before:
            del self._undo[before:]
            self._undo.append(("set details", saved))

    # ----- checking and writing

    def checked_record(self) -> dict[str, Any]:
        out = {k: copy.deepcopy(v) for k, v in self.record.items() if k != "draft"}
        return out

    def render_checked(self, today: str | None = None) -> str:
        made = self.draft.get("made_by") or "scrbrowse ingest"
        when = today or _dt.date.today().isoformat()
        source = clean(str(self.record.get("source") or "its source"), keep_newlines=False)
        header = (f"# Made by {clean(str(made), keep_newlines=False)} from {source}; checked against "
                  f"the source on {when} (scrbrowse review).\n")
        return header + dump_yaml(self.checked_record())

    def read_other_ids(self) -> None:
        """Read the ids of the folder's other records (slow in a folder of thousands: the review
        screen calls this in a thread worker)."""
        ids: dict[str, Path] = {}
        for other_path, other_id in _other_record_ids(self.path):
            ids.setdefault(other_id, other_path)
        self._other_ids = ids

    def problems(self, *, fresh: bool = False, read_ids: bool = True) -> list[Problem]:
        """What the corpus loader would refuse in the checked record (errors only), plus clashes with
        other records of the corpus folder (a document id already used).

        The other records' ids are read once (the screen asks after every change); `fresh` reads
        them again, as mark_checked does just before writing; with `read_ids` False, the clash
        check waits until they have been read."""
        text = self.render_checked()
        _doc, found = load_record_bytes(text.encode("utf-8"), str(self.path), self.taxonomy)
        out = [p for p in found if p.severity is Severity.ERROR]
        if fresh or (read_ids and self._other_ids is None):
            self.read_other_ids()
        doc_id = self.record.get("id")
        others = self._other_ids or {}
        clash = others.get(doc_id) if isinstance(doc_id, str) else None
        if clash is not None:
            out.append(Problem(str(self.path), f"id '{doc_id}' is already used by {clash.name}",
                               None, "id", "give this record another id"))
        return out

    def mark_checked(self, today: str | None = None) -> Checked:
        """Keep a copy of the draft, then write the record without its `draft:` block (atomically)."""
        errors = self.problems(fresh=True)
        if errors:
            raise ReviewError(f"{len(errors)} problem(s) to fix first: "
                              + "; ".join(p.format() for p in errors[:5]))
        try:
            current = self.path.read_bytes()
        except OSError as exc:
            raise ReviewError(f"cannot read {self.path}: {exc.strerror or exc}") from None
        if _sha(current) != self._sha256:
            raise ReviewError(f"{self.path} was changed by someone else since it was opened; "
                              "open it again (your changes here were not written)")
        text = self.render_checked(today)
        copy_path = self._kept_copy_path("draft")
        source_text = self.source_text_path()
        try:
            copy_path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_text(copy_path, current.decode("utf-8-sig"))
            if source_text is not None and source_text.is_file():
                shutil.copy2(source_text, copy_path.parent / f"{copy_path.name.removesuffix('.draft.yaml')}"
                             f"{sourcetext.SUFFIX}")
            atomic_write_text(self.path, text)
        except OSError as exc:
            raise ReviewError(f"cannot write {self.path}: {exc.strerror or exc}") from None
        if source_text is not None:  # kept in .drafts now; beside the checked record it would confuse
            with contextlib.suppress(OSError):
                source_text.unlink(missing_ok=True)
        self._sha256 = _sha(text.encode("utf-8"))
        return Checked(self.path, self.doc_id, copy_path)

    def keep_unfinished(self) -> Path:
        """Write the draft as it stands now, `draft:` block and all (so it can be reviewed again),
        to a new file in the drafts folder; the draft's own file is left as it was. For an app
        that has to leave without asking whether to lose the changes."""
        path = self._kept_copy_path("unfinished")
        header = (f"# Unwritten changes to {clean(self.path.name, keep_newlines=False)}, kept when "
                  "scrbrowse had to close during its review. To use them, review this file.\n")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_text(path, header + dump_yaml(self.record))
        except OSError as exc:
            raise ReviewError(f"cannot keep the unwritten changes in {path}: "
                              f"{exc.strerror or exc}") from None
        return path

    def _kept_copy_path(self, kind: str) -> Path:
        """A new file name in the drafts folder: the draft's name, the time, `kind`."""
        stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        keep = self.path.parent / DRAFTS_FOLDER
        path = keep / f"{self.path.stem}.{stamp}.{kind}.yaml"
        n = 2
        while path.exists():
            path = keep / f"{self.path.stem}.{stamp}-{n}.{kind}.yaml"
            n += 1
        return path


def _other_record_ids(path: Path) -> Iterator[tuple[Path, str]]:
    """(file, id) of the other records in the folder, read cheaply (only the top-level id line)."""
    folder = path.parent
    try:
        files = sorted(folder.iterdir())
    except OSError:
        return
    for p in files:
        if (p == path or p.name.startswith(".") or p.name == TAXONOMY_FILE
                or p.suffix.lower() not in (".yaml", ".yml") or not p.is_file()):
            continue
        try:
            with p.open("r", encoding="utf-8", errors="replace") as fh:
                for n, line in enumerate(fh):
                    if line.startswith("id:"):
                        yield p, line[3:].strip().strip("'\"")
                        break
                    if n > 400:
                        break
        except OSError:
            continue
