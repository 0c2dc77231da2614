"""The index's sidecar file: what was indexed, from which file versions, and the per-document data
that lists and facets need.

With it, a launch on a fresh index reads one JSON file and stats the corpus folder; no YAML is
parsed. A missing or unreadable sidecar means "rebuild". Kept gzip-compressed: the JSON is 13 MB
at 10,000 documents (57 MB at 50,000), compressed about a fifth of that. That costs a launch at
10,000 documents about 40 ms to decompress (its JSON parsing takes 100-170 ms), and a full write
about 110 ms (level 3: level 6 took 270 ms for 15% less).
"""

from __future__ import annotations

import contextlib
import gzip
import json
import logging
import secrets
import zlib
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ...model import Document
from ...problems import Problem, Severity
from ...taxonomy import VOCABULARIES, Taxonomy, Term
from ...yamlio import atomic_write_text

log = logging.getLogger("scrbrowse.search")

META_FILE = "scrbrowse-index.json.gz"  # before index version 13, plain `scrbrowse-index.json`
META_FORMAT = 4  # 4: document metadata keeps the document's own tags; no title terms
# An update writes only its changes (see save_meta) while they are at most this share of the files.
DELTA_SHARE = 0.1
LEAD_CHARS = 320  # how much of a document's opening text is kept for browse-mode snippets


@dataclass
class FileState:
    """One corpus file as last indexed."""

    size: int
    mtime_ns: int
    sha256: str
    doc_id: str | None = None  # the document it holds, if it could be read
    problems: list[Problem] = field(default_factory=list)


@dataclass(slots=True)
class DocMeta:
    """What result lists and facets show of a document, without parsing it."""

    id: str
    title: str
    review: str  # display, e.g. "Child K (Wiltshire)"
    review_id: str
    child: str
    area: str | None
    board: str | None
    published: str | None
    doc_type: str
    review_type: str
    themes: tuple[str, ...]  # of the document and all its passages
    agencies: tuple[str, ...]
    restriction: str | None  # wording, when restricted
    file: str  # file name within the corpus folder
    lead: str  # the opening of the first passage
    restriction_label: str | None = None  # e.g. "Professionals only"
    draft: bool = False  # an unchecked ingest draft
    # The document's own tags, without its passages' (the question bank's wider scope).
    own_themes: tuple[str, ...] = ()
    own_agencies: tuple[str, ...] = ()

    @property
    def year(self) -> str | None:
        return self.published[:4] if self.published else None

    @property
    def restricted(self) -> bool:
        return self.restriction is not None

    @classmethod
    def from_document(cls, doc: Document, file: str) -> DocMeta:
        first = next(iter(doc.passages()), None)
        lead = " ".join(first.text.split())[:LEAD_CHARS] if first else ""
        return cls(
            id=doc.id, title=doc.title, review=doc.review.display, review_id=doc.review.id,
            child=doc.review.child, area=doc.review.area, board=doc.review.board,
            published=doc.published, doc_type=doc.doc_type, review_type=doc.review.review_type,
            themes=tuple(sorted(doc.all_themes())), agencies=tuple(sorted(doc.all_agencies())),
            restriction=doc.restriction.wording if doc.restriction else None,
            file=file, lead=lead,
            restriction_label=doc.restriction.label if doc.restriction else None,
            draft=doc.draft,
            own_themes=tuple(doc.themes), own_agencies=tuple(doc.agencies),
        )

    def to_json(self) -> list[Any]:
        return [getattr(self, name) for name in self.__slots__]

    @classmethod
    def from_json(cls, v: list[Any]) -> DocMeta:
        values: list[Any] = [tuple(x) if isinstance(x, list) else x for x in v]
        return cls(*values)


@dataclass
class Meta:
    schema: str  # schema.SCHEMA_TAG of the index
    corpus: str  # the corpus folder, resolved
    taxonomy_state: FileState | None
    taxonomy: Taxonomy
    files: dict[str, FileState] = field(default_factory=dict)
    docs: dict[str, DocMeta] = field(default_factory=dict)  # indexed documents only
    generation: int = -1  # Whoosh TOC generation written with this sidecar
    index_files: dict[str, int] = field(default_factory=dict)  # segment file -> size in bytes
    # What the full sidecar on disk holds (its random id, files and documents), so an update
    # writes only what differs from it (see save_meta). Not saved.
    base: tuple[str, dict[str, FileState], dict[str, DocMeta]] | None = field(
        default=None, repr=False, compare=False)

    def head_json(self) -> dict[str, Any]:
        """What the full file and a changes file both hold in full."""
        return {"format": META_FORMAT, "schema": self.schema, "corpus": self.corpus,
                "generation": self.generation, "index_files": self.index_files,
                "taxonomy_file": self.taxonomy_state and _state_to_json(self.taxonomy_state)}

    def read_head(self, data: dict[str, Any]) -> None:
        tax_state = data.get("taxonomy_file")
        self.taxonomy_state = _state_from_json(tax_state) if tax_state else None
        self.schema = str(data["schema"])
        self.corpus = str(data["corpus"])
        self.generation = int(data.get("generation", -1))
        self.index_files = {str(k): int(v) for k, v in data.get("index_files", {}).items()}

    def to_json(self) -> dict[str, Any]:
        return {**self.head_json(), "taxonomy": _taxonomy_to_json(self.taxonomy),
                "files": {name: _state_to_json(s) for name, s in self.files.items()},
                "docs": [d.to_json() for d in self.docs.values()]}


# What reading a damaged sidecar can raise (gzip raises the first three, zlib the last).
_UNREADABLE = (OSError, ValueError, EOFError, zlib.error)


def delta_path(path: Path) -> Path:
    return path.with_name(path.name.replace(".json", ".delta.json"))


def sidecar_files(path: Path) -> list[Path]:
    """The sidecar, its changes file, and the plain JSON ones of versions before 13."""
    old = path.with_suffix("")
    return [path, delta_path(path), old, delta_path(old)]


def _read_json(path: Path) -> Any:
    raw = path.read_bytes()
    return json.loads(gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw)


def _write_json(path: Path, data: dict[str, Any]) -> None:
    # Owner-only, like the whole index folder: it names every document and its problems.
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    atomic_write_text(path, gzip.compress(text.encode("utf-8"), compresslevel=3, mtime=0),
                      mode=0o600)


def sidecar_schema(path: Path) -> str | None:
    """The index schema tag a sidecar names, whatever its format, or the plain one of a version
    before 13 (None if it names none): enough to tell an index of another version from a
    damaged one."""
    for candidate in (path, path.with_suffix("")):
        try:
            data = _read_json(candidate)
        except FileNotFoundError:
            continue
        except _UNREADABLE:
            return None
        schema = data.get("schema") if isinstance(data, dict) else None
        return schema if isinstance(schema, str) else None
    return None


def load_meta(path: Path) -> Meta | None:
    """The sidecar (the full file, with the changes written since applied), or None when it is
    missing, unreadable or of another format."""
    meta = _load_full(path)
    if meta is None:
        return None
    try:
        data = _read_json(delta_path(path))
        if not isinstance(data, dict) or data.get("format") != META_FORMAT:
            return None
        if meta.base is None or data["base_id"] != meta.base[0]:
            return meta  # left over from before the last full write: not ours
        files = dict(meta.files)
        for name in data["removed_files"]:
            files.pop(str(name), None)
        files.update({str(k): _state_from_json(v) for k, v in data["files"].items()})
        docs = dict(meta.docs)
        for did in data["removed_docs"]:
            docs.pop(str(did), None)
        docs.update({d.id: d for d in (DocMeta.from_json(v) for v in data["docs"])})
        meta.read_head(data)
    except FileNotFoundError:
        return meta
    except (*_UNREADABLE, KeyError, TypeError, IndexError, AttributeError) as exc:
        log.warning("index sidecar changes %s unreadable: %s", delta_path(path), exc)
        return None
    meta.files = {name: files[name] for name in sorted(files)}  # corpus order
    # Documents in corpus order, as an update orders them (meta.base still holds the full file's).
    meta.docs = {d: docs[d] for d, name in doc_files(meta.files).items()
                 if d in docs and docs[d].file == name}
    return meta


def doc_files(files: dict[str, FileState]) -> dict[str, str]:
    """doc id -> the file that provides it: the first file (in corpus order) with that id."""
    out: dict[str, str] = {}
    for name, st in files.items():
        if st.doc_id and st.doc_id not in out:
            out[st.doc_id] = name
    return out


def _load_full(path: Path) -> Meta | None:
    try:
        data = _read_json(path)
        if not isinstance(data, dict) or data.get("format") != META_FORMAT:
            return None
        meta = Meta("", "", None, _taxonomy_from_json(data["taxonomy"]),
                    files={str(k): _state_from_json(v) for k, v in data["files"].items()},
                    docs={d.id: d for d in map(DocMeta.from_json, data["docs"])})
        meta.read_head(data)
        meta.base = (str(data["base_id"]), meta.files, meta.docs)  # (format 4 always has one)
        return meta
    except FileNotFoundError:
        return None
    except (*_UNREADABLE, KeyError, TypeError, IndexError) as exc:
        log.warning("index sidecar %s unreadable: %s", path, exc)
        return None


def save_meta(path: Path, meta: Meta) -> None:
    """Write the sidecar. After an update that changed few files, only what differs from the
    full file is written, to a second file (`delta_path`): the full file at 50,000 documents is
    57 MB of JSON, whose writing was half of an update's time. Past DELTA_SHARE of the files,
    the full file is written again and the changes file removed. Both are written atomically; a
    changes file names the full file it applies to (a random id), so one left from before a full
    write is ignored."""
    if meta.base is not None:
        base_id, base_files, base_docs = meta.base
        files = {n: st for n, st in meta.files.items() if base_files.get(n) is not st}
        removed_files = [n for n in base_files if n not in meta.files]
        if len(files) + len(removed_files) <= DELTA_SHARE * max(1, len(base_files)):
            _write_json(delta_path(path), {
                **meta.head_json(), "base_id": base_id,
                "files": {n: _state_to_json(st) for n, st in files.items()},
                "removed_files": removed_files,
                "docs": [d.to_json() for i, d in meta.docs.items() if base_docs.get(i) is not d],
                "removed_docs": [i for i in base_docs if i not in meta.docs],
            })
            return
    # A new id each time: generations start again at a rebuild, so they cannot say which full
    # file a changes file belongs to.
    base_id = secrets.token_hex(8)
    _write_json(path, {**meta.to_json(), "base_id": base_id})
    with contextlib.suppress(OSError):  # if it stays, it names another generation: ignored
        delta_path(path).unlink()
    meta.base = (base_id, meta.files, meta.docs)


def _state_to_json(s: FileState) -> dict[str, Any]:
    # A problem's fields in order (its severity is a str): asdict only for the few problems.
    return {"size": s.size, "mtime_ns": s.mtime_ns, "sha256": s.sha256, "doc_id": s.doc_id,
            "problems": [asdict(p) for p in s.problems]}


def _state_from_json(v: dict[str, Any]) -> FileState:
    return FileState(int(v["size"]), int(v["mtime_ns"]), str(v["sha256"]), v.get("doc_id"),
                     [Problem(**{**p, "severity": Severity(p.get("severity", "error"))})
                      for p in v.get("problems", [])])


def _taxonomy_to_json(tax: Taxonomy) -> dict[str, Any]:
    return {vocab: [[t.id, t.label, t.description, list(t.synonyms), t.group, list(t.phrasings)]
                    for t in tax.vocabulary(vocab).values()] for vocab in VOCABULARIES}


def _taxonomy_from_json(data: dict[str, Any]) -> Taxonomy:
    # `phr`: the phrasings, none before index version 15 (tuple() of nothing is empty).
    return Taxonomy(**{vocab: {tid: Term(tid, label, desc, tuple(syn), group, tuple(*phr))
                               for tid, label, desc, syn, group, *phr in data.get(vocab, [])}
                       for vocab in VOCABULARIES})
