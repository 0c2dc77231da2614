"""One source file in, one draft record out (or one plain reason why not)."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from ..corpus import TAXONOMY_FILE
from ..logs import log
from ..paths import bundled_corpus
from ..taxonomy import Taxonomy, load_taxonomy
from ..textsafe import one_line
from ..yamlio import atomic_write_text
from . import sourcetext
from .extract import extract
from .metadata import find_metadata
from .outdir import AlreadyExists, OutDir, link_review, write_new
from .record import RecordBuilder, base_ids, render, shrink, title_of, validate
from .sources import SUPPORTED_SUFFIXES, Unreadable, read_source
from .structure import parse
from .tagging import tagger_for


class Outcome(StrEnum):
    WRITTEN = "written"
    PLANNED = "would write"  # --dry-run: everything done but the write
    EXISTS = "exists"  # a record from this source is there already and --force was not given
    UNREADABLE = "unreadable"  # the file could not be read as a learning document
    FAILED = "failed"  # the draft could not be made or written


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
        return (f"{verb} {one_line(str(self.written))} ({', '.join(found)}; "
                f"{len(self.checks)} things to check)")


def load_taxonomy_for(out_dir: Path, corpus_dir: Path | None = None) -> Taxonomy:
    """The taxonomy drafts are checked against: the out folder's, else the corpus's, else bundled."""
    for folder in (out_dir, corpus_dir, bundled_corpus()):
        if folder is not None and (folder / TAXONOMY_FILE).is_file():
            taxonomy, _problems = load_taxonomy(folder / TAXONOMY_FILE)
            return taxonomy
    return Taxonomy()


def ingest_file(path: Path, out_dir: Path, *, force: bool = False, dry_run: bool = False,
                taxonomy: Taxonomy | None = None, out: OutDir | None = None,
                today: str | None = None) -> IngestResult:
    """Make a draft record from one source file and write it to `out_dir`.

    Never raises for a bad file: the result says what happened. `out` (the folder's state) is
    shared across a batch by `ingest_paths`; on its own, the folder is read here.
    """
    path = Path(path)
    out_dir = Path(out_dir)
    try:
        return _ingest(path, out_dir, force=force, dry_run=dry_run,
                       taxonomy=taxonomy if taxonomy is not None else load_taxonomy_for(out_dir),
                       out=out if out is not None else OutDir.scan(out_dir),
                       today=today or _dt.date.today().isoformat())
    except Unreadable as exc:
        return IngestResult(path, Outcome.UNREADABLE, skipped=exc.reason)
    except Exception as exc:  # the batch goes on; the details are in the log
        log.exception("ingest of %s failed", path)
        return IngestResult(path, Outcome.FAILED,
                            skipped=f"unexpected error ({exc.__class__.__name__}); details are in the log")


def _ingest(path: Path, out_dir: Path, *, force: bool, dry_run: bool, taxonomy: Taxonomy,
            out: OutDir, today: str) -> IngestResult:
    if not taxonomy.doc_types or not taxonomy.review_types:
        return IngestResult(path, Outcome.FAILED, skipped=(
            f"no usable taxonomy.yaml in {out_dir} or the corpus; drafts cannot be checked"))
    source = read_source(path)
    existing = out.made_from(source.name, source.sha256)
    if existing is not None and not force:
        how = "from this file" if existing.sha256 == source.sha256 else "from a file of this name"
        return IngestResult(path, Outcome.EXISTS, existing.path, existing.doc_id,
                            skipped=f"{existing.path} already exists (made {how}); "
                                    "use --force to replace it")
    extraction = extract(source)
    st = parse(extraction.blocks)
    title, title_check = title_of(st, source, extraction.hints)
    text = "\n\n".join([title, *(b.text for b in extraction.blocks)])
    paragraphs = [p for s in st.sections for p in s.paragraphs]
    tagger = tagger_for(taxonomy)
    md = find_metadata(title, text, paragraphs, st.header_dates, extraction.hints, taxonomy, tagger)
    base_doc, base_review = base_ids(md, title)

    others = OutDir(out.root, [r for r in out.records if existing is None or r.path != existing.path])
    if existing is not None and existing.doc_id:
        doc_id, target = existing.doc_id, existing.path  # keep the id: packs and links point at it
    else:
        doc_id = out.unique_id(base_doc)
        target = out_dir / f"{doc_id}.yaml"
    review_checks: list[str] = []
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
    if dry_run:
        out.add(target, doc_id, source.name, source.sha256, review)
        return IngestResult(path, Outcome.PLANNED, target, doc_id, checks,
                            replaced=existing is not None, counts=built.counts)
    try:
        if existing is not None:
            atomic_write_text(target, rendered)  # --force: replace, still atomically
        else:
            write_new(target, rendered)
    except AlreadyExists:
        return IngestResult(path, Outcome.EXISTS, target, doc_id,
                            skipped=f"{target} appeared while ingesting; use --force to replace it")
    except OSError as exc:
        return IngestResult(path, Outcome.FAILED, target, doc_id,
                            skipped=f"cannot write {target}: {exc.strerror or exc}")
    out.add(target, doc_id, source.name, source.sha256, review)
    sourcetext.write_beside(target, source, extraction)  # never fails the ingest
    return IngestResult(path, Outcome.WRITTEN, target, doc_id, checks,
                        replaced=existing is not None, counts=built.counts)


def expand(paths: Iterable[Path]) -> list[Path]:
    """Files to ingest: folders give their supported files (not hidden, not sub-folders)."""
    out: list[Path] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            found = sorted(c for c in p.iterdir() if c.is_file() and not c.name.startswith(".")
                           and c.suffix.lower() in SUPPORTED_SUFFIXES)
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
                 on_result: Callable[[IngestResult], None] | None = None) -> list[IngestResult]:
    """Ingest a batch; a file that fails never stops the others."""
    out_dir = Path(out_dir)
    taxonomy = taxonomy if taxonomy is not None else load_taxonomy_for(out_dir)
    state = OutDir.scan(out_dir)
    today = _dt.date.today().isoformat()
    results = []
    for p in expand(paths):
        if p.is_dir():
            result = IngestResult(p, Outcome.UNREADABLE, skipped=(
                "a folder with no .pdf, .docx, .md or .txt files in it"))
        else:
            result = ingest_file(p, out_dir, force=force, dry_run=dry_run, taxonomy=taxonomy,
                                 out=state, today=today)
        results.append(result)
        if on_result is not None:
            on_result(result)
    return results
