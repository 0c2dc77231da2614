"""One source file in, one draft record out (or one plain reason why not)."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from ..corpus import TAXONOMY_FILE
from ..logs import log
from ..paths import bundled_corpus
from ..taxonomy import Taxonomy, load_taxonomy
from ..textsafe import one_line
from ..yamlio import atomic_write_text
from . import sourcetext
from .duplicates import record_text, shingles
from .extract import extract_bounded
from .limits import DEFAULT_LIMITS, Cancelled, LimitReached, Limits
from .metadata import find_metadata
from .outdir import BACKUP_FOLDER, AlreadyExists, Existing, OutDir, link_review, write_new
from .record import RecordBuilder, base_ids, render, shrink, title_of, validate
from .sources import SUPPORTED_SUFFIXES, Unreadable, read_source
from .structure import parse
from .tagging import tagger_for


class Outcome(StrEnum):
    WRITTEN = "written"
    PLANNED = "would write"  # --dry-run: everything done but the write
    EXISTS = "exists"  # a record from this source is there already and --force was not given
    UNREADABLE = "unreadable"  # the file could not be read as a learning document (or a limit hit)
    FAILED = "failed"  # the draft could not be made or written
    CANCELLED = "cancelled"  # the person cancelled; nothing was written


@dataclass(frozen=True)
class IngestResult:
    source: Path
    outcome: Outcome
    written: Path | None = None  # the record written (on a dry run: the one that would be)
    doc_id: str | None = None
    checks: tuple[str, ...] = ()  # what a person must check: the draft's `draft: checks`
    problems: tuple[str, ...] = ()  # what validation said about the draft (never errors when written)
    skipped: str | None = None  # why nothing was written: one line for people
    replaced: bool = False  # --force replaced an existing record
    counts: dict[str, int] = field(default_factory=dict)  # learning points, questions, ... found
    backup: Path | None = None  # where the replaced draft was kept
    limit: str | None = None  # the Limits field that stopped reading the file, if one did

    @property
    def ok(self) -> bool:
        return self.outcome in (Outcome.WRITTEN, Outcome.PLANNED)

    def describe(self) -> str:
        """One plain line for people: what was written and found, or why nothing was."""
        if not self.ok:
            return f"skipped: {one_line(self.skipped or self.outcome.value)}"
        if self.outcome is Outcome.WRITTEN:
            verb = "replaced" if self.replaced else "wrote"
        else:
            verb = "would replace" if self.replaced else "would write"
        c = self.counts
        found = [f"{c.get('learning_points', 0)} learning points", f"{c.get('questions', 0)} questions"]
        for key, label in (("recommendations", "recommendations"), ("good_practice", "good practice"),
                           ("areas_to_strengthen", "areas to strengthen")):
            if c.get(key):
                found.append(f"{c[key]} {label}")
        kept = f"; the old draft is kept as {one_line(str(self.backup))}" if self.backup else ""
        return (f"{verb} {one_line(str(self.written))} ({', '.join(found)}; "
                f"{len(self.checks)} things to check{kept})")

    @property
    def items(self) -> int:
        """Everything found that a reviewer checks one by one (learning points, questions, ...)."""
        return sum(n for k, n in self.counts.items() if k not in ("sections", "resources", "tags"))


def load_taxonomy_for(out_dir: Path, corpus_dir: Path | None = None) -> Taxonomy:
    """The taxonomy drafts are checked against: the out folder's, else the corpus's, else bundled."""
    for folder in (out_dir, corpus_dir, bundled_corpus()):
        if folder is not None and (folder / TAXONOMY_FILE).is_file():
            taxonomy, _problems = load_taxonomy(folder / TAXONOMY_FILE)
            return taxonomy
    return Taxonomy()


def ingest_file(path: Path, out_dir: Path, *, force: bool = False, dry_run: bool = False,
                taxonomy: Taxonomy | None = None, out: OutDir | None = None,
                today: str | None = None, limits: Limits | None = None,
                should_stop: Callable[[], bool] | None = None,
                follow_symlinks: bool = False) -> IngestResult:
    """Make a draft record from one source file and write it to `out_dir`.

    Never raises for a bad file: the result says what happened. `out` (the folder's state) is
    shared across a batch by `ingest_paths`; on its own, the folder is read here. `limits` bound the
    work one file may cost; `should_stop()` turning true (Cancel) stops the reading at once, and
    nothing is written after it has.
    """
    path = Path(path)
    out_dir = Path(out_dir)
    try:
        return _ingest(path, out_dir, force=force, dry_run=dry_run,
                       taxonomy=taxonomy if taxonomy is not None else load_taxonomy_for(out_dir),
                       out=out if out is not None else OutDir.scan(out_dir),
                       today=today or _dt.date.today().isoformat(),
                       limits=limits or DEFAULT_LIMITS, should_stop=should_stop,
                       follow_symlinks=follow_symlinks)
    except Cancelled:
        return IngestResult(path, Outcome.CANCELLED, skipped="cancelled; nothing was written")
    except LimitReached as exc:
        return IngestResult(path, Outcome.UNREADABLE, skipped=exc.reason, limit=exc.limit)
    except Unreadable as exc:
        return IngestResult(path, Outcome.UNREADABLE, skipped=exc.reason)
    except Exception as exc:  # the batch goes on; the details are in the log
        log.exception("ingest of %s failed", path)
        return IngestResult(path, Outcome.FAILED,
                            skipped=f"unexpected error ({exc.__class__.__name__}); details are in the log")


def _stop(should_stop: Callable[[], bool] | None) -> None:
    if should_stop is not None and should_stop():
        raise Cancelled()


def _already(path: Path, match: Existing, how: str, force: bool) -> IngestResult | None:
    """Why `match` stops this ingest, or None when --force may replace it (a draft, backed up first).

    A record without a `draft:` block has been checked by a person: ingest never replaces it.
    """
    where = f"already in the corpus as {match.path} ({how})"
    if not match.is_draft or match.doc_id is None:
        return IngestResult(path, Outcome.EXISTS, match.path, match.doc_id, skipped=(
            f"{where}; it is a checked record, which ingest never replaces (to make a new draft, "
            "move that record out of the corpus folder first)"))
    if not force:
        return IngestResult(path, Outcome.EXISTS, match.path, match.doc_id, skipped=(
            f"{where}; use --force to make the draft again (the old draft is kept in "
            f"{BACKUP_FOLDER}/)"))
    return None


def _ingest(path: Path, out_dir: Path, *, force: bool, dry_run: bool, taxonomy: Taxonomy,
            out: OutDir, today: str, limits: Limits, should_stop: Callable[[], bool] | None,
            follow_symlinks: bool) -> IngestResult:
    if not taxonomy.doc_types or not taxonomy.review_types:
        return IngestResult(path, Outcome.FAILED, skipped=(
            f"no usable taxonomy.yaml in {out_dir} or the corpus; drafts cannot be checked"))
    _stop(should_stop)
    source = read_source(path, follow_symlinks=follow_symlinks)
    # The same bytes: known before reading the document.
    match = out.same_source(source.sha256)
    how = "made from a file with the same content"
    if match is not None and (stopped := _already(path, match, how, force)) is not None:
        return stopped
    extraction = extract_bounded(source, limits, should_stop)
    _stop(should_stop)
    st = parse(extraction.blocks)
    title, title_check = title_of(st, source, extraction.hints)
    text = "\n\n".join([title, *(b.text for b in extraction.blocks)])
    # Wording that limits sharing is looked for in the title and the lines beside it too.
    paragraphs = [title, *st.header_lines, *(p for s in st.sections for p in s.paragraphs)]
    tagger = tagger_for(taxonomy)
    md = find_metadata(title, text, paragraphs, st.header_dates, extraction.hints, taxonomy, tagger)
    base_doc, base_review = base_ids(md, title)

    def plan(replacing: Existing | None, notes: list[str]) -> tuple[str, Path, dict[str, Any], Any]:
        others = OutDir(out.root, [r for r in out.records if replacing is None or r.path != replacing.path])
        if replacing is not None and replacing.doc_id:
            doc_id, target = replacing.doc_id, replacing.path  # keep the id: packs point at it
        else:
            doc_id = out.unique_id(base_doc)
            target = out_dir / f"{doc_id}.yaml"
        review_checks = list(notes)
        if doc_id != base_doc:
            review_checks.append(f"id: \"{base_doc}\" was taken; this draft is \"{doc_id}\"")
        mine = {"id": base_review, "child": md.child, "area": md.area, "board": md.board,
                "review_type": md.review_type, "methodology": md.methodology}
        review, note = link_review(others, base_review, mine)
        if note:
            review_checks.append(note)
        built = RecordBuilder(taxonomy, tagger).build(
            source=source, extraction=extraction, st=st, md=md, title=title, title_check=title_check,
            doc_id=doc_id, review=review, review_checks=review_checks, today=today)
        return doc_id, target, review, built

    doc_id, target, review, built = plan(match, [])
    words = shingles(record_text(built.record))
    if match is None:
        # The same words from other bytes (re-downloaded, re-saved, Word and PDF of one briefing).
        near = out.near_identical(words)
        if near is not None:
            match, score = near
            how = ("the same text" if score >= 1.0 else
                   f"near-identical text: {score:.0%} of its five-word phrases are shared")
            if (stopped := _already(path, match, how, force)) is not None:
                return stopped
            doc_id, target, review, built = plan(match, [])
    if match is None and (twin := out.named(source.name)) is not None:
        # Same file name, different content: two partnerships' "summary.txt". Never the same record.
        if twin.sha256 is None and not force:
            return IngestResult(path, Outcome.EXISTS, twin.path, twin.doc_id, skipped=(
                f"a record made from a file of the same name is in the corpus: {twin.path}; its "
                "text differs. If this is a different document, use --force to add it as a new "
                "record (the existing one is never replaced)"))
        doc_id, target, review, built = plan(None, [
            f"source: another record, {twin.path.name}, was made from a file of the same name; this "
            "document's text differs, so it is a new record: check it is not the same document"])
    built.record["draft"]["source_text"] = sourcetext.name_for(target)  # for the review screen
    rendered = render(built.record, source.name)
    errors = validate(rendered, str(target), taxonomy)
    while errors and "corpus limit" in errors[0].message and shrink(built.record):
        rendered = render(built.record, source.name)
        errors = validate(rendered, str(target), taxonomy)
    if errors:
        log.error("draft from %s failed validation: %s", path, "; ".join(p.format() for p in errors))
        return IngestResult(path, Outcome.FAILED, doc_id=doc_id, problems=tuple(
            p.format() for p in errors), skipped=f"the draft did not pass validation ({errors[0].message}); "
                                                 "details are in the log")
    checks = tuple(built.record["draft"]["checks"])
    counts = {**built.counts, "tags": len(built.record.get("themes") or ())
              + len(built.record.get("agencies") or ())}
    replacing = match is not None
    if dry_run:
        out.add(target, doc_id, source.name, source.sha256, review, words=words)
        return IngestResult(path, Outcome.PLANNED, target, doc_id, checks,
                            replaced=replacing, counts=counts)
    _stop(should_stop)  # Cancel means nothing is written, however late it comes
    backup = None
    try:
        if match is not None:
            backup = out.backup(match)  # a replaced draft is kept, byte for byte
            atomic_write_text(target, rendered)  # --force: replace, still atomically
        else:
            write_new(target, rendered)
    except AlreadyExists:
        return IngestResult(path, Outcome.EXISTS, target, doc_id,
                            skipped=f"{target} appeared while ingesting; run ingest again")
    except OSError as exc:
        return IngestResult(path, Outcome.FAILED, target, doc_id,
                            skipped=f"cannot write {target}: {exc.strerror or exc}")
    out.add(target, doc_id, source.name, source.sha256, review, words=words)
    sourcetext.write_beside(target, source, extraction)  # never fails the ingest
    return IngestResult(path, Outcome.WRITTEN, target, doc_id, checks,
                        replaced=replacing, counts=counts, backup=backup)


def expand(paths: Iterable[Path]) -> list[Path]:
    """Files to ingest: folders give their supported files (not hidden, not sub-folders)."""
    out: list[Path] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            # Links and special files are listed too, so each is reported (and refused) rather
            # than silently read or silently left out.
            found = sorted(c for c in p.iterdir() if not c.name.startswith(".")
                           and c.suffix.lower() in SUPPORTED_SUFFIXES
                           and (c.is_symlink() or not c.is_dir()))
            out.extend(found or [p])
        else:
            out.append(p)
    seen: set[Path] = set()
    unique = []
    for p in out:
        key = p.resolve() if p.exists() else p
        if key not in seen:
            seen.add(key)
            unique.append(p)
    return unique


def ingest_paths(paths: Iterable[Path], out_dir: Path, *, force: bool = False,
                 dry_run: bool = False, taxonomy: Taxonomy | None = None,
                 on_result: Callable[[IngestResult], None] | None = None,
                 on_start: Callable[[int, int, Path], None] | None = None,
                 limits: Limits | None = None, should_stop: Callable[[], bool] | None = None,
                 follow_symlinks: bool = False) -> list[IngestResult]:
    """Ingest a batch; a file that fails never stops the others.

    `on_start(i, total, path)` is called before each file (for a progress bar), `on_result` after.
    Once `should_stop()` is true, the file being read is abandoned and the rest are not started.
    """
    out_dir = Path(out_dir)
    taxonomy = taxonomy if taxonomy is not None else load_taxonomy_for(out_dir)
    state = OutDir.scan(out_dir)
    today = _dt.date.today().isoformat()
    results = []
    todo = expand(paths)
    for i, p in enumerate(todo):
        if should_stop is not None and should_stop():
            break
        if on_start is not None:
            on_start(i, len(todo), p)
        if p.is_dir() and not p.is_symlink():
            result = IngestResult(p, Outcome.UNREADABLE, skipped=(
                "a folder with no .pdf, .docx, .md or .txt files in it"))
        else:
            result = ingest_file(p, out_dir, force=force, dry_run=dry_run, taxonomy=taxonomy,
                                 out=state, today=today, limits=limits, should_stop=should_stop,
                                 follow_symlinks=follow_symlinks)
        results.append(result)
        if on_result is not None:
            on_result(result)
    return results
