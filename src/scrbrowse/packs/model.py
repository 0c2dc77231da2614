"""Packs in memory: items (snapshots of corpus text with their citation and restriction), the pack
itself, and safe pack names. No I/O here; see `store` for files.

A pack item is a *snapshot*: its text, citation and restriction are copied from the corpus when it is
added, so a pack (and the record kept of a session) stays meaningful if the corpus changes later.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import secrets
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from ..model import Document, PassageKind, Restriction

NAME_MAX = 64
DOCUMENT = "document"  # the kind of a whole-document item; other kinds are PassageKind values
# The supervisor's own words, added to a pack: no source, no citation, never restricted by a corpus.
OWN_QUESTION = "own_question"
OWN_NOTE = "own_note"
OWN_KINDS: tuple[str, ...] = (OWN_QUESTION, OWN_NOTE)
ITEM_KINDS: tuple[str, ...] = (DOCUMENT, *(k.value for k in PassageKind), *OWN_KINDS)
OWN_CITATION_REVIEW = "Added by the supervisor"
INITIALS_MAX = 12
_NAME_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


# ---------------------------------------------------------------------------------------------
# Errors: every message is fit to show as it is.


class PackError(Exception):
    """A pack operation cannot be done. `str(exc)` says why and what to do."""


class PackNameError(PackError, ValueError):
    """Not usable as a pack name (empty, a path, '..', ...)."""


class PackExistsError(PackError):
    pass


class PackNotFoundError(PackError, LookupError):
    def __init__(self, message: str, close_matches: Iterable[str] = ()) -> None:
        super().__init__(message)
        self.close_matches = tuple(close_matches)


class PackConflictError(PackError):
    """The file changed on disk since the pack was loaded (another window, or the CLI)."""


class UnknownItemError(PackError, LookupError):
    pass


# ---------------------------------------------------------------------------------------------
# Names


def make_name(text: str) -> str:
    """A safe file name for a pack from what the user typed: "Safe sleep 3/5" is refused (a path),
    "Safe sleep – May" becomes "safe-sleep-may". Raises PackNameError with the reason."""
    if not isinstance(text, str) or not text.strip():
        raise PackNameError("a pack needs a name")
    if "/" in text or "\\" in text or "\x00" in text or ".." in text:
        raise PackNameError(f"'{short_text(text)}' cannot be a pack name: it must not contain "
                            "'/', '\\' or '..'")
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    slug = slug[:NAME_MAX].rstrip("-")
    if not slug and any(ch.isalnum() for ch in text):
        # A name in a script with no ASCII form: a stable name from its hash (the title keeps it).
        slug = "pack-" + hashlib.sha256(text.strip().encode("utf-8", "replace")).hexdigest()[:10]
    if not slug:
        raise PackNameError(f"'{short_text(text)}' has no letters or digits to make a file name from")
    return slug


def is_valid_name(name: str) -> bool:
    return bool(_NAME_RE.match(name)) and len(name) <= NAME_MAX


def short_text(text: str, limit: int = 40) -> str:
    text = "".join(ch if ch.isprintable() else "?" for ch in text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def user_text(text: str) -> str:
    """What a person typed, made storable: no NUL, no lone surrogates, "\\n" line ends."""
    text = text.encode("utf-8", "replace").decode("utf-8")
    return text.replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n")


# ---------------------------------------------------------------------------------------------
# Items


@dataclass(frozen=True, slots=True)
class Citation:
    """Where a packed item comes from, copied when it was added."""

    doc_id: str
    review: str  # the review's display, e.g. "Child K (Hampshire)"
    document: str  # the document's title
    board: str | None = None
    published: str | None = None  # "YYYY", "YYYY-MM", "YYYY-MM-DD" or None
    review_id: str | None = None

    @property
    def date(self) -> str:
        return self.published or "undated"

    def parts(self, *, with_id: bool = True) -> list[str]:
        bits = [self.review]
        if self.board:
            bits.append(self.board)
        bits += [self.document, self.date]
        if with_id:
            bits.append(self.doc_id)
        return bits

    def line(self, *, with_id: bool = True) -> str:
        """"Child K (Hampshire) · Board · Title · 2018-03 · doc-id"; without the id it is exactly
        `Document.citation()`, so the app and the exports cite alike."""
        return " · ".join(self.parts(with_id=with_id))

    @classmethod
    def of(cls, doc: Document) -> Citation:
        return cls(doc.id, doc.review.display, doc.title, doc.review.board, doc.published,
                   doc.review.id)


@dataclass(frozen=True, slots=True)
class PackItem:
    kind: str  # "document", or a PassageKind value: "learning_point", "question", ...
    item_id: str | None  # None for a whole document
    text: str  # the source's wording at the time it was added
    citation: Citation
    restriction: Restriction | None = None
    heading: str | None = None  # the heading it sits under in the source
    number: str | None = None  # the source's number (questions, recommendations)
    notes: str = ""  # the supervisor's own words
    draft: bool = False  # from an ingested record nobody had checked when it was added

    @property
    def own(self) -> bool:
        """The supervisor's own question or note (no source document)."""
        return self.kind in OWN_KINDS

    @property
    def doc_id(self) -> str:
        return self.citation.doc_id

    @property
    def key(self) -> tuple[str, str | None]:
        return (self.citation.doc_id, self.item_id)

    @property
    def restricted(self) -> bool:
        return self.restriction is not None

    @property
    def label(self) -> str:
        """"Whole document", "Question 3", "Learning point", "Recommendation 2", ..."""
        if self.kind == DOCUMENT:
            return "Whole document"
        if self.kind == OWN_QUESTION:
            return "Own question"
        if self.kind == OWN_NOTE:
            return "Note"
        try:
            name = PassageKind(self.kind).label
        except ValueError:
            name = self.kind.replace("_", " ")
        name = name[:1].upper() + name[1:]
        return f"{name} {self.number}" if self.number else name

    def with_notes(self, notes: str) -> PackItem:
        return replace(self, notes=notes)


def own_item(kind: str, text: str) -> PackItem:
    """The supervisor's own question (kind OWN_QUESTION) or note (OWN_NOTE), with a new id."""
    if kind not in OWN_KINDS:
        raise ValueError(f"not an own kind: {kind!r}")
    text = user_text(text).strip()
    if not text:
        raise PackError("an own question or note needs some text")
    return PackItem(kind, f"own-{secrets.token_hex(4)}", text,
                    Citation("", OWN_CITATION_REVIEW, ""))


def clean_initials(text: str) -> str:
    """What the user typed as practitioner initials, on one line and short (nothing else is kept)."""
    text = " ".join(user_text(text).split())
    return text[:INITIALS_MAX]


def item_from_document(doc: Document, item_id: str | None = None, *, notes: str = "") -> PackItem:
    """Snapshot a whole document (item_id None) or one of its passages: a learning point, a
    question, a recommendation with its responses, a section, a resource, ...

    Raises UnknownItemError when the document has no such item."""
    citation = Citation.of(doc)
    if item_id is None:
        heading, text = _document_summary(doc)
        return PackItem(DOCUMENT, None, text, citation, doc.restriction, heading, None, notes,
                        doc.draft)
    for res in doc.resources:
        if res.id == item_id:  # the passage joins title, description and address on one line
            lines = [res.title, *(x for x in (res.description,) if x)]
            if res.url:
                lines.append(f"Address: {res.url}")
            return PackItem(PassageKind.RESOURCE.value, item_id, "\n".join(lines), citation,
                            doc.restriction, "Resources", None, notes, doc.draft)
    passage = doc.passage(item_id)
    if passage is None:
        ids = [p.item_id for p in doc.passages()]
        near = difflib.get_close_matches(item_id, ids, n=3, cutoff=0.5)
        hint = f"; did you mean {', '.join(near)}?" if near else f"; its items are: {', '.join(ids)}"
        raise UnknownItemError(f"document '{doc.id}' has no item '{short_text(item_id)}'{hint}")
    number = None if passage.number is None else str(passage.number)
    # A recommendation's passage heading is its addressee, which is not a heading in the source.
    heading = "Recommendations" if passage.kind is PassageKind.RECOMMENDATION else passage.heading
    return PackItem(passage.kind.value, item_id, passage.text, citation, doc.restriction,
                    heading, number, notes, doc.draft)


def _document_summary(doc: Document) -> tuple[str | None, str]:
    """What a whole-document item shows: the case summary (else the first section with text).
    The full document is one `scrbrowse export` away; a pack keeps the gist."""
    for s in doc.sections:
        if s.kind == "case-summary" and s.text:
            return s.heading, s.text
    for s in doc.sections:
        if s.text:
            return s.heading, s.text
    return None, ""


# ---------------------------------------------------------------------------------------------
# The pack


@dataclass
class Pack:
    name: str  # the file name without .yaml; a slug (see make_name)
    title: str
    created: str | None  # ISO date, "YYYY-MM-DD"
    notes: str = ""
    items: list[PackItem] = field(default_factory=list)
    # The pack header: only what the user types (initials, not names), both optional.
    practitioner: str = ""  # the practitioner's initials, e.g. "AB"
    session_date: str | None = None  # "YYYY-MM-DD": the supervision session (created is the file's)
    # Set when the pack was loaded but its damaged file could not be set aside: saving would
    # replace the only copy of what could not be read, so `PackStore.save` refuses.
    read_only: bool = field(default=False, compare=False)
    # (mtime_ns, size, inode) of the file as loaded or last saved, to notice changes by others.
    disk_signature: tuple[int, int, int] | None = field(default=None, compare=False, repr=False)

    @property
    def restricted(self) -> bool:
        return any(i.restricted for i in self.items)

    @property
    def draft(self) -> bool:
        return any(i.draft for i in self.items)

    def keys(self) -> set[tuple[str, str | None]]:
        """Every (doc_id, item_id) in the pack, for "already in pack" markers on long lists."""
        return {i.key for i in self.items}

    def index_of(self, doc_id: str, item_id: str | None = None) -> int | None:
        for n, it in enumerate(self.items):
            if it.key == (doc_id, item_id):
                return n
        return None

    def contains(self, doc_id: str, item_id: str | None = None) -> bool:
        return self.index_of(doc_id, item_id) is not None

    def add(self, item: PackItem) -> bool:
        """Append; False (and nothing changes) if the same item is already in the pack."""
        if self.contains(*item.key):
            return False
        self.items.append(item)
        return True

    def toggle(self, item: PackItem) -> bool:
        """Add if absent, remove if present. Returns True when the item is now in the pack."""
        if self.remove_key(*item.key):
            return False
        self.items.append(item)
        return True

    def remove(self, index: int) -> PackItem:
        return self.items.pop(self._check(index))

    def remove_key(self, doc_id: str, item_id: str | None = None) -> bool:
        n = self.index_of(doc_id, item_id)
        if n is None:
            return False
        del self.items[n]
        return True

    def move(self, index: int, delta: int) -> int:
        """Move an item by delta places (clamped to the ends). Returns its new index."""
        index = self._check(index)
        new = max(0, min(len(self.items) - 1, index + delta))
        if new != index:
            self.items.insert(new, self.items.pop(index))
        return new

    def move_up(self, index: int) -> int:
        return self.move(index, -1)

    def move_down(self, index: int) -> int:
        return self.move(index, 1)

    def set_notes(self, index: int, notes: str) -> None:
        index = self._check(index)
        self.items[index] = self.items[index].with_notes(notes)

    def citations(self) -> list[Citation]:
        """The distinct documents cited, in order of first appearance (own items cite none)."""
        seen: dict[str, Citation] = {}
        for it in self.items:
            if not it.own:
                seen.setdefault(it.doc_id, it.citation)
        return list(seen.values())

    def _check(self, index: int) -> int:
        if not -len(self.items) <= index < len(self.items):
            raise IndexError(f"pack '{self.name}' has no item {index}")
        return index % len(self.items)
