"""The folder drafts are written to: what is already there, free ids, and never-overwrite writes.

The folder is read once per batch (every record's id, source, review and a sketch of its words),
and updated as drafts are planned, so ids stay unique across a batch, a document is never ingested
twice, and a dry run plans exactly what a real run would write.
"""

from __future__ import annotations

import datetime as _dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..corpus import TAXONOMY_FILE, record_files
from ..yamlio import LineDict, YamlFileError, atomic_create_text, read_yaml_file
from .duplicates import Sketch, best, record_text, shingles

# Drafts replaced by `ingest --force` are kept here (inside the out folder; sub-folders are not
# read as records).
BACKUP_FOLDER = ".replaced"

_REVIEW_KEYS = ("child", "area", "board", "review_type", "methodology")


@dataclass
class Existing:
    path: Path
    doc_id: str | None
    source: str | None
    sha256: str | None  # from the draft: block, while the record is still a draft
    is_draft: bool
    review: dict[str, Any] | None
    sketch: Sketch | None = None  # of the record's words, for near-identical text
    words: frozenset[int] | None = None  # the full shingle set, kept only for drafts of this batch


@dataclass
class OutDir:
    root: Path
    records: list[Existing] = field(default_factory=list)

    @classmethod
    def scan(cls, root: Path) -> OutDir:
        out = cls(root)
        if not root.is_dir():
            return out
        for path in record_files(root):
            out.records.append(_read_existing(path))
        return out

    # -- what is there
    def made_from(self, source_name: str, sha256: str) -> Existing | None:
        """A record made from this source: same content, or a file of the same name."""
        return self.same_source(sha256) or self.named(source_name)

    def same_source(self, sha256: str) -> Existing | None:
        """The draft made from a file with exactly these bytes (its draft block records the hash)."""
        return next((r for r in self.records if r.sha256 == sha256), None)

    def named(self, source_name: str) -> Existing | None:
        return next((r for r in self.records if r.source == source_name), None)

    def near_identical(self, mine: frozenset[int]) -> tuple[Existing, float] | None:
        """The record whose words are near-identical to `mine` (Jaccard >= 0.9), and the score."""
        sketch = Sketch.of(mine)
        candidates = []
        for rec in self.records:
            if rec.sketch is None or not rec.sketch.could_match(sketch):
                continue
            theirs = rec.words if rec.words is not None else _words_of(rec.path)
            if theirs:
                candidates.append((rec, theirs))
        return best(candidates, mine)

    def taken(self, doc_id: str) -> bool:
        return (any(r.doc_id == doc_id or r.path.stem == doc_id for r in self.records)
                or (self.root / f"{doc_id}.yaml").exists() or (self.root / f"{doc_id}.yml").exists()
                or f"{doc_id}.yaml" == TAXONOMY_FILE)

    def unique_id(self, base: str) -> str:
        if not self.taken(base):
            return base
        n = 2
        while self.taken(f"{base}-{n}"):
            n += 1
        return f"{base}-{n}"

    def review(self, review_id: str) -> dict[str, Any] | None:
        for rec in self.records:
            if rec.review and rec.review.get("id") == review_id:
                return rec.review
        return None

    def review_ids(self) -> set[str]:
        return {str(r.review["id"]) for r in self.records if r.review and r.review.get("id")}

    # -- what this batch adds
    def add(self, path: Path, doc_id: str, source: str, sha256: str, review: dict[str, Any],
            *, words: frozenset[int] | None = None) -> None:
        self.records = [r for r in self.records if r.path != path]
        self.records.append(Existing(path, doc_id, source, sha256, True, dict(review),
                                     Sketch.of(words) if words else None, words))

    def backup(self, rec: Existing, now: _dt.datetime | None = None) -> Path:
        """Copy a record about to be replaced into BACKUP_FOLDER; returns the copy's path."""
        stamp = (now or _dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
        folder = self.root / BACKUP_FOLDER
        folder.mkdir(mode=0o700, exist_ok=True)
        data = rec.path.read_bytes()
        n = 1
        while True:
            suffix = "" if n == 1 else f"-{n}"
            target = folder / f"{rec.path.stem}.{stamp}{suffix}{rec.path.suffix}"
            try:
                fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0),
                             0o600)
            except FileExistsError:
                n += 1
                continue
            with os.fdopen(fd, "wb") as fh:  # the exact bytes: a backup is never re-encoded
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            return target


def _words_of(path: Path) -> frozenset[int]:
    try:
        data = read_yaml_file(path)
    except (YamlFileError, OSError):
        return frozenset()
    return shingles(record_text(data))


def _read_existing(path: Path) -> Existing:
    try:
        data = read_yaml_file(path)
    except (YamlFileError, OSError):
        return Existing(path, None, None, None, False, None)
    if not isinstance(data, LineDict):
        return Existing(path, None, None, None, False, None)
    draft = data.get("draft")
    sha = draft.get("source_sha256") if isinstance(draft, dict) else None
    review = data.get("review")
    doc_id = data.get("id")
    source = data.get("source")
    return Existing(
        path,
        doc_id if isinstance(doc_id, str) else None,
        source if isinstance(source, str) else None,
        sha if isinstance(sha, str) else None,
        "draft" in data,
        dict(review) if isinstance(review, dict) else None,
        Sketch.of(shingles(record_text(data))),
    )


def link_review(out: OutDir, review_id: str, mine: dict[str, Any]) -> tuple[dict[str, Any], str | None]:
    """(review block, check) for a new draft, joined to an existing review of the same child and area.

    Documents of one review must describe it identically (the loader checks), so a draft that
    belongs to a review already in the folder takes that review's block. A different child with the
    same id (two "Child K"s with no area) gets its own id instead.
    """
    existing = out.review(review_id)
    if existing is None:
        return mine, None
    same = (existing.get("child") == mine.get("child") and existing.get("area") == mine.get("area"))
    if same:
        block = {"id": review_id, **{k: existing.get(k) for k in _REVIEW_KEYS}}
        return block, (f"review: linked to the review \"{review_id}\" already in the folder; "
                                  "its details were copied: check this document belongs to it")
    ids = out.review_ids()
    n = 2
    while f"{review_id}-{n}" in ids:
        n += 1
    new_id = f"{review_id}-{n}"
    return {**mine, "id": new_id}, (
        f"review.id: \"{review_id}\" is already used for another review; this draft uses \"{new_id}\"")


class AlreadyExists(Exception):
    pass


def write_new(path: Path, text: str, mode: int = 0o644) -> None:
    """Create `path` with `text` atomically, refusing if it exists (even if it appears meanwhile)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        atomic_create_text(path, text, mode)
    except FileExistsError:
        raise AlreadyExists(str(path)) from None
