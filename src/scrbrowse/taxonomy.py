"""The taxonomy: themes, agencies, document types, review types and audiences, with synonyms."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .problems import Problem
from .textsafe import clean
from .yamlio import LineDict, YamlFileError, read_yaml_file

_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# The vocabularies in taxonomy.yaml, and whether entries there carry synonyms.
VOCABULARIES: tuple[str, ...] = ("themes", "agencies", "doc_types", "review_types", "audiences")
# Search looks for taxonomy wordings of at most this many words in a query.
MAX_PHRASING_WORDS = 6


@dataclass(frozen=True, slots=True)
class Term:
    id: str
    label: str
    description: str = ""
    synonyms: tuple[str, ...] = ()
    group: str | None = None
    # Everyday wording for search only: ingest never tags with it (see taxonomy.yaml's header).
    phrasings: tuple[str, ...] = ()


@dataclass
class Taxonomy:
    themes: dict[str, Term] = field(default_factory=dict)
    agencies: dict[str, Term] = field(default_factory=dict)
    doc_types: dict[str, Term] = field(default_factory=dict)
    review_types: dict[str, Term] = field(default_factory=dict)
    audiences: dict[str, Term] = field(default_factory=dict)

    def vocabulary(self, name: str) -> dict[str, Term]:
        vocab: dict[str, Term] = getattr(self, name)
        return vocab

    def label(self, vocabulary: str, term_id: str | None) -> str:
        if term_id is None:
            return ""
        term = self.vocabulary(vocabulary).get(term_id)
        return term.label if term else term_id

    def synonym_groups(self) -> list[tuple[str, str, tuple[str, ...]]]:
        """(vocabulary, id, words) for every theme/agency/review type: the words people type, for
        search (label, synonyms and phrasings)."""
        return [(vocab, term.id, (term.label, *term.synonyms, *term.phrasings))
                for vocab in ("themes", "agencies", "review_types")
                for term in self.vocabulary(vocab).values()]


def _problem(path: str, line: int | None, fld: str, msg: str, hint: str | None = None) -> Problem:
    return Problem(file=path, line=line, field=fld, message=msg, hint=hint)


def parse_taxonomy(data: Any, path: str) -> tuple[Taxonomy, list[Problem]]:
    """Build a Taxonomy from parsed YAML, keeping every valid entry and reporting the rest."""
    tax = Taxonomy()
    problems: list[Problem] = []
    if not isinstance(data, dict):
        problems.append(_problem(path, 1, "(top level)", "the taxonomy must be a mapping",
                                 "start the file with 'schema_version: 1' and 'themes:'"))
        return tax, problems
    line_of = data.line_of if isinstance(data, LineDict) else (lambda _k: None)
    for key in data:
        if key not in (*VOCABULARIES, "schema_version"):
            problems.append(_problem(path, line_of(key), key, f"unknown key '{key}'",
                                     f"the taxonomy has only: {', '.join(VOCABULARIES)}"))
    for vocab in VOCABULARIES:
        entries = data.get(vocab)
        if entries is None:
            if vocab in ("themes", "agencies"):
                problems.append(_problem(path, 1, vocab, f"'{vocab}' is missing",
                                         f"add a '{vocab}:' list"))
            continue
        if not isinstance(entries, list):
            problems.append(_problem(path, line_of(vocab), vocab, "must be a list of entries"))
            continue
        target = tax.vocabulary(vocab)
        for i, entry in enumerate(entries):
            where = f"{vocab}[{i}]"
            eline = entry.line if isinstance(entry, LineDict) else line_of(vocab)
            if not isinstance(entry, dict):
                problems.append(_problem(path, eline, where, "each entry must be a mapping with id and label"))
                continue
            term_id, label = entry.get("id"), entry.get("label")
            if not isinstance(term_id, str) or not _ID_RE.match(term_id):
                problems.append(_problem(path, eline, f"{where}.id", f"bad id {term_id!r}",
                                         "use lowercase letters, digits and '-', e.g. safe-sleep"))
                continue
            if term_id in target:
                problems.append(_problem(path, eline, f"{where}.id", f"duplicate id '{term_id}'",
                                         "each id may appear once per list"))
                continue
            if not isinstance(label, str) or not label.strip():
                problems.append(_problem(path, eline, f"{where}.label", "missing label",
                                         "add a short human-readable label"))
                label = term_id
            syn = _strings(entry, "synonyms", where, path, eline, problems)
            phr = _strings(entry, "phrasings", where, path, eline, problems)
            phr = _phrasings(phr, {s.lower() for s in (label, *syn)}, where, path, eline, problems)
            desc = entry.get("description") or ""
            group = entry.get("group")
            # Taxonomy text is shown in the app and exports too: no control sequences get through.
            target[term_id] = Term(
                id=term_id,
                label=clean(label, keep_newlines=False).strip() or term_id,
                description=clean(str(desc), keep_newlines=False).strip(),
                synonyms=syn,
                group=clean(str(group), keep_newlines=False) if group else None,
                phrasings=phr,
            )
    return tax, problems


def _strings(entry: dict[str, Any], key: str, where: str, path: str, line: int | None,
             problems: list[Problem]) -> tuple[str, ...]:
    """A list of strings (`synonyms`, `phrasings`), cleaned of control sequences; blanks dropped."""
    got = entry.get(key)
    if got is None:  # "phrasings:" left empty
        return ()
    if not isinstance(got, list) or not all(isinstance(s, str) for s in got):
        problems.append(_problem(path, line, f"{where}.{key}", "must be a list of strings",
                                 "e.g. [no money, skipping meals]; quote any with a colon or comma"))
        return ()
    return tuple(c for c in (clean(s, keep_newlines=False).strip() for s in got) if c)


def _phrasings(phr: tuple[str, ...], taken: set[str], where: str, path: str, line: int | None,
               problems: list[Problem]) -> tuple[str, ...]:
    """The usable phrasings; each one left out is reported. Search drops "not" from what it reads,
    so "dad not around" would stand for "dad around": such a phrasing would find the opposite."""
    out: list[str] = []
    for text in phr:
        low = text.lower()
        if "not" in re.findall(r"[a-z]+", low):
            problems.append(_problem(path, line, f"{where}.phrasings", f"'{text}' contains 'not'",
                                     "search ignores 'not'; say it without (e.g. 'absent dad')"))
        elif len(text.split()) > MAX_PHRASING_WORDS:
            problems.append(_problem(path, line, f"{where}.phrasings",
                                     f"'{text}' is longer than {MAX_PHRASING_WORDS} words",
                                     "search only matches phrasings of up to "
                                     f"{MAX_PHRASING_WORDS} words; shorten it"))
        elif low in taken:
            problems.append(_problem(path, line, f"{where}.phrasings",
                                     f"'{text}' is already this entry's label, a synonym or a phrasing",
                                     "list each wording once"))
        else:
            taken.add(low)
            out.append(text)
    return tuple(out)


def load_taxonomy(path: Path) -> tuple[Taxonomy, list[Problem]]:
    try:
        data = read_yaml_file(path)
    except YamlFileError as exc:
        return Taxonomy(), [Problem(file=str(path), line=exc.line, message=exc.message, hint=exc.hint)]
    return parse_taxonomy(data, str(path))
