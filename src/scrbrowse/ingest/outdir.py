"""The folder drafts are written to: what is already there, free ids, and never-overwrite writes.

The folder is read once per batch (every record's id, source and review), and updated as drafts are
planned, so ids stay unique across a batch and a dry run plans exactly what a real run would write.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..corpus import TAXONOMY_FILE, record_files
from ..yamlio import LineDict, YamlFileError, atomic_create_text, read_yaml_file

_REVIEW_KEYS = ("child", "area", "board", "review_type", "methodology")


@dataclass
class Existing:
    path: Path
    doc_id: str | None
    source: str | None
    sha256: str | None  # from the draft: block, while the record is still a draft
    is_draft: bool
    review: dict[str, Any] | None


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
        for rec in self.records:
            if rec.sha256 == sha256:
                return rec
        for rec in self.records:
            if rec.source == source_name:
                return rec
        return None

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
    def add(self, path: Path, doc_id: str, source: str, sha256: str, review: dict[str, Any]) -> None:
        self.records = [r for r in self.records if r.path != path]
        self.records.append(Existing(path, doc_id, source, sha256, True, dict(review)))


def _read_existing(path: Path) -> Existing:
    try:
        data = read_yaml_file(path)
    except YamlFileError:
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
