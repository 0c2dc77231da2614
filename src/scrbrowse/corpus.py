"""Loading and validating the corpus: YAML records -> Documents, with specific problems for the rest.

Never imports Textual. One broken file never stops the others from loading.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .model import (
    SCHEMA_VERSION,
    Document,
    Item,
    Question,
    Recommendation,
    Resource,
    Response,
    Restriction,
    Review,
    Section,
)
from .problems import Problem, Severity
from .taxonomy import Taxonomy, load_taxonomy
from .textsafe import clean
from .yamlio import MAX_FILE_BYTES, LineDict, YamlFileError, decode_text, parse_yaml

TAXONOMY_FILE = "taxonomy.yaml"
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DATE_RE = re.compile(r"^\d{4}(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$")
SECTION_KINDS = (
    "case-summary", "background", "about-review", "findings", "topic",
    "learning-method", "introduction", "response", "other",
)
RESTRICTION_LEVELS = ("professionals-only",)
MAX_TEXT_CHARS = 200_000
# The most entries one list of a record (learning points, questions, sections, ...) may hold. The longest
# real briefing has under 100; 10,000 learning points froze the app (issue 16, item 11). More is an
# error; the first MAX_LIST_ITEMS are kept so the rest of the record can still be read.
MAX_LIST_ITEMS = 2_000

_TOP_KEYS = (
    "schema_version", "id", "title", "doc_type", "published", "date_note", "source", "review",
    "restriction", "themes", "agencies", "sections", "learning_points", "reflective_questions",
    "recommendations", "good_practice", "areas_to_strengthen", "key_messages", "one_thing",
    "common_themes", "resources", "draft",
)
_ITEM_LISTS = ("learning_points", "good_practice", "areas_to_strengthen", "key_messages",
               "one_thing", "common_themes")


class _Skip(Exception):
    """Raised inside validation when the record cannot be used at all."""


@dataclass
class _Ctx:
    """Validation state for one file: where we are, and what went wrong."""

    file: str
    taxonomy: Taxonomy
    problems: list[Problem] = field(default_factory=list)
    item_ids: set[str] = field(default_factory=set)

    def error(self, line: int | None, fld: str, msg: str, hint: str | None = None) -> None:
        self.problems.append(Problem(self.file, msg, line, fld, hint))

    def warn(self, line: int | None, fld: str, msg: str, hint: str | None = None) -> None:
        self.problems.append(Problem(self.file, msg, line, fld, hint, Severity.WARNING))

    def fatal(self, line: int | None, fld: str, msg: str, hint: str | None = None) -> _Skip:
        self.problems.append(Problem(self.file, msg, line, fld, hint, skipped=True))
        return _Skip()


def _line(m: Any, key: str | None = None) -> int | None:
    if isinstance(m, LineDict):
        return m.line_of(key) if key else m.line
    return None


def _check_keys(ctx: _Ctx, m: dict[str, Any], allowed: Iterable[str], where: str) -> None:
    allowed = tuple(allowed)
    for key in m:
        if key not in allowed:
            close = [a for a in allowed if a.rstrip("s") == key.rstrip("s") or a.startswith(key[:5])]
            hint = f"did you mean '{close[0]}'?" if close else f"allowed here: {', '.join(allowed)}"
            ctx.error(_line(m, key), f"{where}.{key}" if where else key, f"unknown field '{key}'", hint)


def _text(ctx: _Ctx, m: dict[str, Any], key: str, where: str, *, required: bool,
          fatal: bool = False) -> str | None:
    value = m.get(key)
    fld = f"{where}.{key}" if where else key
    if value is None:
        if required:
            hint = f"add '{key}:' with the source's wording"
            if fatal:
                raise ctx.fatal(_line(m), fld, "required field is missing", hint)
            ctx.error(_line(m), fld, "required field is missing", hint)
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        msg = f"must be text, not {_type_name(value)}"
        if fatal:
            raise ctx.fatal(_line(m, key), fld, msg, "write it as a plain string")
        ctx.error(_line(m, key), fld, msg, "write it as a plain string")
        return None
    value = _sanitise(ctx, m, key, fld, value).strip()
    if required and not value:
        if fatal:
            raise ctx.fatal(_line(m, key), fld, "must not be empty")
        ctx.error(_line(m, key), fld, "must not be empty")
        return None
    if len(value) > MAX_TEXT_CHARS:
        ctx.warn(_line(m, key), fld, f"text is {len(value):,} characters; cut to {MAX_TEXT_CHARS:,}",
                 "split very long text into sections")
        value = value[:MAX_TEXT_CHARS]
    return value or None


def _sanitise(ctx: _Ctx, m: dict[str, Any], key: str, fld: str, value: str) -> str:
    """Strip terminal escape/control sequences and bidi overrides at the source, so no consumer
    (app, CLI, export) ever receives them; tell the author, since the file itself is left as is."""
    cleaned = clean(value)
    if cleaned != value:
        ctx.warn(_line(m, key), fld, "control characters or escape sequences removed",
                 "delete them from the file; they are never shown")
    return cleaned


def _type_name(v: Any) -> str:
    return {dict: "a mapping", LineDict: "a mapping", list: "a list", bool: "true/false"}.get(
        type(v), type(v).__name__)


def _tags(ctx: _Ctx, m: LineDict, key: str, where: str, vocab: str) -> tuple[str, ...]:
    value = m.get(key)
    fld = f"{where}.{key}" if where else key
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        ctx.error(_line(m, key), fld, f"must be a list of {vocab} ids", f"e.g. {key}: [an-id, another-id]")
        return ()
    known = ctx.taxonomy.vocabulary(vocab)
    out: list[str] = []
    for tag in value:
        if not isinstance(tag, str):
            ctx.error(_line(m, key), fld, f"{tag!r} is not an id", "ids are text like safe-sleep")
            continue
        if tag not in known:
            ctx.error(_line(m, key), fld, f"unknown {vocab[:-1] if vocab != 'agencies' else 'agency'} '{tag}'"
                      " (ignored)", _suggest(tag, known, vocab))
            continue
        if tag not in out:
            out.append(tag)
    return tuple(out)


def _suggest(value: str, known: dict[str, Any], vocab: str) -> str:
    import difflib

    near = difflib.get_close_matches(value, list(known), n=3, cutoff=0.6)
    if near:
        return f"did you mean {' or '.join(repr(n) for n in near)}? Otherwise add it to taxonomy.yaml {vocab}"
    return f"use an id from taxonomy.yaml '{vocab}', or add a new entry there"


def _term(ctx: _Ctx, m: LineDict, key: str, where: str, vocab: str, *, required: bool) -> str | None:
    value = _text(ctx, m, key, where, required=required)
    if value is None:
        return None
    known = ctx.taxonomy.vocabulary(vocab)
    if value not in known:
        ctx.error(_line(m, key), f"{where}.{key}" if where else key, f"unknown {key} '{value}'",
                  _suggest(value, known, vocab))
    return value


def _item_id(ctx: _Ctx, m: LineDict, where: str, fallback: str) -> str:
    value = m.get("id")
    if value is None:
        ctx.warn(_line(m), f"{where}.id", f"no id; using '{fallback}'",
                 "give every item a stable id so packs and links keep pointing at it")
        value = fallback
    elif not isinstance(value, str) or not ID_RE.match(value):
        ctx.error(_line(m, "id"), f"{where}.id", f"bad id {value!r}; using '{fallback}'",
                  "use lowercase letters, digits and '-', e.g. lp-3")
        value = fallback
    if value in ctx.item_ids:
        ctx.error(_line(m, "id"), f"{where}.id", f"id '{value}' is used twice in this document",
                  "ids must be unique within a document")
        n = 2
        while f"{value}-{n}" in ctx.item_ids:
            n += 1
        value = f"{value}-{n}"
    ctx.item_ids.add(value)
    return value


def _list(ctx: _Ctx, data: LineDict, key: str, parse: Callable[[Any, str, int], Any]) -> tuple[Any, ...]:
    value = data.get(key)
    if value is None:
        return ()
    if not isinstance(value, list):
        ctx.error(_line(data, key), key, f"must be a list, not {_type_name(value)}",
                  f"write each entry on its own line starting with '- ' under '{key}:'")
        return ()
    if len(value) > MAX_LIST_ITEMS:
        ctx.error(_line(data, key), key,
                  f"has {len(value):,} entries; a list may hold at most {MAX_LIST_ITEMS:,} "
                  f"(only the first {MAX_LIST_ITEMS:,} are read)",
                  "split the document into several records, or keep the entries a reader needs")
        value = value[:MAX_LIST_ITEMS]
    out = []
    for i, entry in enumerate(value):
        where = f"{key}[{i}]"
        if isinstance(entry, str):  # a bare string is a forgivable short form for {text: ...}
            entry = LineDict(text=entry)
            entry.line = _line(data, key) or 0
        if not isinstance(entry, dict):
            ctx.error(_line(data, key), where, f"must be a mapping, not {_type_name(entry)}",
                      "each entry needs at least 'id:' and 'text:'")
            continue
        parsed = parse(entry, where, i + 1)
        if parsed is not None:
            out.append(parsed)
    return tuple(out)


def _str_list(ctx: _Ctx, m: LineDict, key: str, where: str) -> tuple[str, ...]:
    value = m.get(key)
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        ctx.error(_line(m, key), f"{where}.{key}", "must be a list of text lines")
        return ()
    cleaned = (_sanitise(ctx, m, key, f"{where}.{key}", v).strip() for v in value)
    return tuple(v for v in cleaned if v)


def _item(ctx: _Ctx, prefix: str) -> Callable[[LineDict, str, int], Item | None]:
    def parse(m: LineDict, where: str, n: int) -> Item | None:
        _check_keys(ctx, m, ("id", "text", "lead", "audience", "section", "themes", "agencies"), where)
        item_id = _item_id(ctx, m, where, f"{prefix}-{n}")
        text = _text(ctx, m, "text", where, required=True)
        if text is None:
            return None
        return Item(
            id=item_id, text=text,
            lead=_text(ctx, m, "lead", where, required=False),
            audience=_term(ctx, m, "audience", where, "audiences", required=False),
            section=_text(ctx, m, "section", where, required=False),
            themes=_tags(ctx, m, "themes", where, "themes"),
            agencies=_tags(ctx, m, "agencies", where, "agencies"),
        )
    return parse


def _section(ctx: _Ctx) -> Callable[[LineDict, str, int], Section | None]:
    def parse(m: LineDict, where: str, n: int) -> Section | None:
        _check_keys(ctx, m, ("id", "heading", "kind", "text", "items", "themes", "agencies"), where)
        sid = _item_id(ctx, m, where, f"s-{n}")
        heading = _text(ctx, m, "heading", where, required=False)
        kind = _text(ctx, m, "kind", where, required=False) or "other"
        if kind not in SECTION_KINDS:
            ctx.error(_line(m, "kind"), f"{where}.kind", f"unknown section kind '{kind}'",
                      f"use one of: {', '.join(SECTION_KINDS)}")
            kind = "other"
        text = _text(ctx, m, "text", where, required=False) or ""
        items = _str_list(ctx, m, "items", where)
        if not text and not items:
            ctx.warn(_line(m), where, "section has neither text nor items")
        return Section(sid, heading, kind, text, items,
                       _tags(ctx, m, "themes", where, "themes"),
                       _tags(ctx, m, "agencies", where, "agencies"))
    return parse


def _question(ctx: _Ctx) -> Callable[[LineDict, str, int], Question | None]:
    def parse(m: LineDict, where: str, n: int) -> Question | None:
        _check_keys(ctx, m, ("id", "text", "number", "section", "learning_point", "themes", "agencies"),
                    where)
        qid = _item_id(ctx, m, where, f"q-{n}")
        text = _text(ctx, m, "text", where, required=True)
        if text is None:
            return None
        number = m.get("number")
        if number is not None and (not isinstance(number, int) or isinstance(number, bool)):
            ctx.error(_line(m, "number"), f"{where}.number", "must be a whole number", "e.g. number: 3")
            number = None
        lp = _text(ctx, m, "learning_point", where, required=False)
        return Question(qid, text, number, _text(ctx, m, "section", where, required=False), lp,
                        _tags(ctx, m, "themes", where, "themes"),
                        _tags(ctx, m, "agencies", where, "agencies"))
    return parse


def _recommendation(ctx: _Ctx) -> Callable[[LineDict, str, int], Recommendation | None]:
    def parse(m: LineDict, where: str, n: int) -> Recommendation | None:
        _check_keys(ctx, m, ("id", "number", "text", "points", "addressed_to", "responses", "themes",
                             "agencies"), where)
        rid = _item_id(ctx, m, where, f"rec-{n}")
        text = _text(ctx, m, "text", where, required=True)
        if text is None:
            return None
        responses: list[Response] = []
        raw = m.get("responses") or []
        if not isinstance(raw, list):
            ctx.error(_line(m, "responses"), f"{where}.responses", "must be a list of {by, text}")
            raw = []
        for j, r in enumerate(raw):
            rwhere = f"{where}.responses[{j}]"
            if not isinstance(r, dict):
                ctx.error(_line(m, "responses"), rwhere, "must be a mapping with 'by' and 'text'")
                continue
            _check_keys(ctx, r, ("by", "text"), rwhere)
            by = _text(ctx, r, "by", rwhere, required=True)
            rtext = _text(ctx, r, "text", rwhere, required=True)
            if by and rtext:
                responses.append(Response(by, rtext))
        number = m.get("number")
        return Recommendation(
            rid, text, None if number is None else str(number),
            _str_list(ctx, m, "points", where),
            _text(ctx, m, "addressed_to", where, required=False),
            tuple(responses),
            _tags(ctx, m, "themes", where, "themes"),
            _tags(ctx, m, "agencies", where, "agencies"),
        )
    return parse


def _resource(ctx: _Ctx) -> Callable[[LineDict, str, int], Resource | None]:
    def parse(m: LineDict, where: str, n: int) -> Resource | None:
        _check_keys(ctx, m, ("id", "title", "url", "description"), where)
        rid = _item_id(ctx, m, where, f"res-{n}")
        title = _text(ctx, m, "title", where, required=True)
        if title is None:
            return None
        return Resource(rid, title, _text(ctx, m, "url", where, required=False),
                        _text(ctx, m, "description", where, required=False))
    return parse


def parse_document(data: Any, file: str, taxonomy: Taxonomy) -> tuple[Document | None, list[Problem]]:
    """Validate one parsed YAML record. Returns the Document (or None if unusable) and problems."""
    ctx = _Ctx(file, taxonomy)
    try:
        doc = _parse_document(ctx, data, file)
    except _Skip:
        doc = None
    return doc, ctx.problems


def _parse_document(ctx: _Ctx, data: Any, file: str) -> Document:
    if data is None:
        raise ctx.fatal(1, "(top level)", "the file is empty", "a record starts with 'schema_version: 1'")
    if not isinstance(data, LineDict):
        raise ctx.fatal(1, "(top level)", f"a record must be a mapping, not {_type_name(data)}",
                        "see docs/corpus-format.md for an example record")
    _check_keys(ctx, data, _TOP_KEYS, "")
    _draft(ctx, data)
    version = data.get("schema_version")
    if version is None:
        ctx.warn(1, "schema_version", f"missing; assuming {SCHEMA_VERSION}",
                 f"add 'schema_version: {SCHEMA_VERSION}' at the top")
    elif version != SCHEMA_VERSION:
        raise ctx.fatal(data.line_of("schema_version"), "schema_version",
                        f"version {version!r} is not supported (this scrbrowse reads {SCHEMA_VERSION})",
                        "upgrade scrbrowse, or convert the record")
    doc_id = _text(ctx, data, "id", "", required=True, fatal=True)
    assert doc_id is not None
    if not ID_RE.match(doc_id):
        raise ctx.fatal(data.line_of("id"), "id", f"bad id '{doc_id}'",
                        "use lowercase letters, digits and '-', e.g. hampshire-child-k-learning-summary")
    title = _text(ctx, data, "title", "", required=True, fatal=True)
    assert title is not None
    doc_type = _term(ctx, data, "doc_type", "", "doc_types", required=True) or "other"
    source = _text(ctx, data, "source", "", required=True) or Path(file).name
    published = data.get("published")
    if published is not None:
        published = str(published)
        if not DATE_RE.match(published):
            ctx.error(data.line_of("published"), "published", f"'{published}' is not a date",
                      "write \"YYYY\", \"YYYY-MM\" or \"YYYY-MM-DD\" in quotes, or null")
            published = None
    review = _review(ctx, data)
    restriction = _restriction(ctx, data)
    return Document(
        id=doc_id, title=title, doc_type=doc_type, source=source, review=review,
        published=published,
        date_note=_text(ctx, data, "date_note", "", required=False),
        restriction=restriction,
        themes=_tags(ctx, data, "themes", "", "themes"),
        agencies=_tags(ctx, data, "agencies", "", "agencies"),
        sections=_list(ctx, data, "sections", _section(ctx)),
        learning_points=_list(ctx, data, "learning_points", _item(ctx, "lp")),
        reflective_questions=_check_question_links(
            ctx, data, _list(ctx, data, "reflective_questions", _question(ctx))),
        recommendations=_list(ctx, data, "recommendations", _recommendation(ctx)),
        good_practice=_list(ctx, data, "good_practice", _item(ctx, "gp")),
        areas_to_strengthen=_list(ctx, data, "areas_to_strengthen", _item(ctx, "ats")),
        key_messages=_list(ctx, data, "key_messages", _item(ctx, "km")),
        one_thing=_list(ctx, data, "one_thing", _item(ctx, "one")),
        common_themes=_list(ctx, data, "common_themes", _item(ctx, "ct")),
        resources=_list(ctx, data, "resources", _resource(ctx)),
        draft="draft" in data,
        path=file,
    )


def _check_question_links(ctx: _Ctx, data: LineDict, qs: tuple[Question, ...]) -> tuple[Question, ...]:
    lps = data.get("learning_points")
    lp_ids = {e.get("id") for e in lps if isinstance(e, dict)} if isinstance(lps, list) else set()
    raw = data.get("reflective_questions")
    for i, q in enumerate(qs):
        if q.learning_point and q.learning_point not in lp_ids:
            entry = raw[i] if isinstance(raw, list) and i < len(raw) else None
            ctx.error(_line(entry, "learning_point"), f"reflective_questions[{i}].learning_point",
                      f"no learning point with id '{q.learning_point}'",
                      "use the id of a learning point in this file, or remove the link")
    return qs


def _draft(ctx: _Ctx, data: LineDict) -> None:
    """A `draft:` block marks a record made by `scrbrowse ingest` that nobody has checked yet.

    The record loads and is searchable; the warning makes sure a person sees it is unchecked.
    """
    if "draft" not in data:
        return
    raw = data.get("draft")
    if raw is not None and not isinstance(raw, LineDict):
        ctx.error(data.line_of("draft"), "draft", f"must be a mapping, not {_type_name(raw)}",
                  "the draft: block holds ingest's checklist; delete it once the record is checked")
        return
    checks = raw.get("checks") if raw is not None else None
    n = len(checks) if isinstance(checks, list) else 0
    ctx.warn(data.line_of("draft"), "draft",
             f"draft record awaiting checking ({n} item{'s' * (n != 1)} under draft: checks)",
             "check it against its source, then delete the whole 'draft:' block")


def _review(ctx: _Ctx, data: LineDict) -> Review:
    raw = data.get("review")
    if not isinstance(raw, LineDict):
        raise ctx.fatal(data.line_of("review"), "review",
                        "missing or not a mapping" if raw is None else f"must be a mapping, not {_type_name(raw)}",
                        "add 'review:' with id, child, area, board and review_type")
    _check_keys(ctx, raw, ("id", "child", "area", "board", "review_type", "methodology"), "review")
    rid = _text(ctx, raw, "id", "review", required=True, fatal=True)
    assert rid is not None
    if not ID_RE.match(rid):
        raise ctx.fatal(raw.line_of("id"), "review.id", f"bad id '{rid}'",
                        "use lowercase letters, digits and '-', e.g. hampshire-child-k-scr")
    child = _text(ctx, raw, "child", "review", required=True) or "(child not named)"
    return Review(
        id=rid, child=child,
        review_type=_term(ctx, raw, "review_type", "review", "review_types", required=True) or "other",
        area=_text(ctx, raw, "area", "review", required=False),
        board=_text(ctx, raw, "board", "review", required=False),
        methodology=_text(ctx, raw, "methodology", "review", required=False),
    )


def _restriction(ctx: _Ctx, data: LineDict) -> Restriction | None:
    raw = data.get("restriction")
    if raw is None:
        return None
    if not isinstance(raw, LineDict):
        # Fail safe: an unreadable restriction still restricts the document.
        ctx.error(data.line_of("restriction"), "restriction", "must be a mapping with level and wording",
                  "restriction: {level: professionals-only, wording: \"...\"}")
        return Restriction("professionals-only", str(raw))
    _check_keys(ctx, raw, ("level", "wording"), "restriction")
    level = _text(ctx, raw, "level", "restriction", required=True) or "professionals-only"
    if level not in RESTRICTION_LEVELS:
        ctx.error(raw.line_of("level"), "restriction.level", f"unknown level '{level}'",
                  f"use one of: {', '.join(RESTRICTION_LEVELS)}")
    wording = _text(ctx, raw, "wording", "restriction", required=True) or "Restricted."
    return Restriction(level, wording)


# ---------------------------------------------------------------------------------------------
# The corpus as a whole


@dataclass
class Corpus:
    root: Path
    taxonomy: Taxonomy
    documents: dict[str, Document]
    problems: list[Problem]
    # relative file name -> sha256 of its bytes, for every record file seen (valid or not)
    file_hashes: dict[str, str]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    def sorted_documents(self) -> list[Document]:
        """Newest first; undated last, then by id."""
        dated = sorted((d for d in self.documents.values() if d.published),
                       key=lambda d: d.sort_key, reverse=True)
        undated = sorted((d for d in self.documents.values() if not d.published), key=lambda d: d.id)
        return dated + undated

    def linked(self, doc: Document) -> list[Document]:
        """Other documents of the same review."""
        return [d for d in self.sorted_documents() if d.review.id == doc.review.id and d.id != doc.id]

    def get(self, doc_id: str) -> Document | None:
        return self.documents.get(doc_id)


def record_files(root: Path) -> list[Path]:
    """The record files of a corpus folder: every .yaml/.yml except the taxonomy, hidden files skipped."""
    out = []
    for p in sorted(root.iterdir()):
        if p.name.startswith(".") or p.name == TAXONOMY_FILE or not p.is_file():
            continue
        if p.suffix.lower() in (".yaml", ".yml"):
            out.append(p)
    return out


def load_record_bytes(data: bytes, file: str, taxonomy: Taxonomy) -> tuple[Document | None, list[Problem]]:
    try:
        parsed = parse_yaml(decode_text(data))
    except YamlFileError as exc:
        return None, [Problem(file, exc.message, exc.line, None, exc.hint, skipped=True)]
    return parse_document(parsed, file, taxonomy)


def load_corpus(root: Path | str) -> Corpus:
    root = Path(root)
    problems: list[Problem] = []
    if not root.is_dir():
        problems.append(Problem(str(root), "corpus folder not found",
                                hint="pass --corpus DIR or set SCRBROWSE_CORPUS"))
        return Corpus(root, Taxonomy(), {}, problems, {})
    tax_path = root / TAXONOMY_FILE
    if tax_path.is_file():
        taxonomy, tax_problems = load_taxonomy(tax_path)
        problems.extend(tax_problems)
    else:
        taxonomy = Taxonomy()
        problems.append(Problem(str(tax_path), "taxonomy.yaml not found",
                                hint="every corpus folder needs a taxonomy.yaml; tags cannot be checked"))
    documents: dict[str, Document] = {}
    hashes: dict[str, str] = {}
    review_first: dict[str, Document] = {}
    for path in record_files(root):
        display = str(path)
        try:
            size = path.stat().st_size
            # Refuse before reading: a huge file is never pulled into memory.
            data = path.read_bytes() if size <= MAX_FILE_BYTES else None
        except OSError as exc:
            problems.append(Problem(display, f"cannot read file: {exc.strerror or exc}", skipped=True))
            continue
        if data is None:
            problems.append(Problem(display, f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}",
                                    hint="split it into smaller files", skipped=True))
            hashes[path.name] = f"size:{size}"
            continue
        hashes[path.name] = hashlib.sha256(data).hexdigest()
        doc, doc_problems = load_record_bytes(data, display, taxonomy)
        problems.extend(doc_problems)
        if doc is None:
            continue
        if doc.id in documents:
            problems.append(duplicate_id(display, doc.id, documents[doc.id].path))
            continue
        first = review_first.setdefault(doc.review.id, doc)
        if first is not doc:
            problems += review_mismatches(display, doc.review.id, doc.review, first.review, first.path)
        documents[doc.id] = doc
    return Corpus(root, taxonomy, documents, problems, hashes)


# The index reports these for a corpus it has read before (`search.index.update.corpus_problems`),
# so both say them in the same words.
def duplicate_id(display: str, doc_id: str, other: object) -> Problem:
    return Problem(display, f"duplicate document id '{doc_id}' (also in {other})", 1, "id",
                   "give each record its own id; this file was not loaded", skipped=True)


def review_mismatches(display: str, review_id: str, mine: object, first: object,
                      first_path: object) -> list[Problem]:
    """How a document describes its review differently from the review's first document."""
    return [Problem(display, f"review '{review_id}' has {attr} {getattr(mine, attr)!r} here but "
                    f"{getattr(first, attr)!r} in {first_path}", None, f"review.{attr}",
                    "documents of one review must describe it the same way; a different child "
                    "needs a different review id")
            for attr in ("child", "area", "board", "review_type")
            if getattr(mine, attr) != getattr(first, attr)]
