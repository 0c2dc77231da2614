"""The fixed query set: what is searched, and how the same search is put to the Tantivy reference."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from scrbrowse.search.api import FACETS, Filters


@dataclass(frozen=True)
class BenchQuery:
    kind: str  # the row group in the per-query table
    text: str
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def to_filters(self) -> Filters:
        return Filters(**{f: frozenset(v) for f, v in self.filters.items()})

    @property
    def label(self) -> str:
        text = self.text if self.text else "(browse: empty query)"
        if self.filters:
            text += "  [" + "; ".join(f"{f}={','.join(v)}" for f, v in self.filters.items()) + "]"
        return text


# Two words of the generator's synthetic tail (seed 1): rank 400 (a few docs per thousand) and rank 40,000.
TAIL_MID = "wynddosait"
TAIL_RARE = "chistrurvourchym"

QUERIES: tuple[BenchQuery, ...] = (
    BenchQuery("browse", ""),
    BenchQuery("word, common", "child"),
    BenchQuery("word, common", "practitioners"),
    BenchQuery("word, common", "information"),
    BenchQuery("word, common", "neglect"),
    BenchQuery("word, rare", "genogram"),
    BenchQuery("word, rare", "amphetamines"),
    BenchQuery("word, rare", TAIL_MID),
    BenchQuery("word, rare", TAIL_RARE),
    BenchQuery("two words", "safe sleep"),
    BenchQuery("two words", "mental health"),
    BenchQuery("two words", "fathers engagement"),
    BenchQuery("two words", "information sharing"),
    BenchQuery("three words", "bruising non-mobile baby"),
    BenchQuery("three words", "domestic abuse police"),
    BenchQuery("three words", "co-sleeping after alcohol"),
    BenchQuery("phrase", '"safe sleep"'),
    BenchQuery("phrase", '"child protection plan"'),
    BenchQuery("phrase", '"domestic abuse"'),
    BenchQuery("prefix", "negl*"),
    BenchQuery("prefix", "c*"),
    BenchQuery("prefix", "pro*"),
    BenchQuery("prefix", "fath*"),
    BenchQuery("field", "theme:neglect"),
    BenchQuery("field", "agency:police"),
    BenchQuery("field", "theme:safe-sleep fathers"),
    BenchQuery("boolean", "bruising OR fracture"),
    BenchQuery("boolean", "neglect AND housing"),
    BenchQuery("filtered", "", {"theme": ("neglect",)}),
    BenchQuery("filtered", "neglect", {"year": ("2020", "2021")}),
    BenchQuery("filtered", "safe sleep", {"agency": ("health-visiting",)}),
    BenchQuery("filtered", "fathers", {"theme": ("domestic-abuse",), "doc_type": ("learning-summary",)}),
    BenchQuery("filtered", "c*", {"theme": ("neglect",)}),
    BenchQuery("filtered", '"domestic abuse"', {"agency": ("police",)}),
    BenchQuery("filtered", "information sharing", {"year": ("2019",)}),
    BenchQuery("filtered", "practitioners", {"theme": ("multi-agency-working", "assessment")}),
)

# What is typed into the app, key by key (a subset: typing is slow on purpose).
APP_QUERIES: tuple[str, ...] = (
    "safe sleep", "neglect", "fathers engagement", "domestic abuse police", "bruising non-mobile",
    "negl*", "theme:neglect", '"child protection plan"', "mental health", "genogram",
    "information sharing", "co-sleeping alcohol",
)

# What the question bank is searched for (engine and app): a few words each, as a supervisor types.
BANK_QUERIES: tuple[str, ...] = (
    "fathers", "safe sleep", "professional curiosity", "neglect", "negl*", "parents -GP",
    "theme:neglect", "information sharing",
)

_FIELD_RE = re.compile(r"^(theme|agency|year|doc_type|board):(.+)$")
_TOKEN_RE = re.compile(r'"[^"]*"|\S+')


def to_tantivy(text: str) -> str:
    """The query in Tantivy's language: `word*` becomes a regex on the body, `theme:x` a raw term."""
    out: list[str] = []
    for tok in _TOKEN_RE.findall(text):
        m = _FIELD_RE.match(tok)
        if tok.startswith('"'):
            out.append(tok)
        elif m:
            out.append(f'{m.group(1)}:"{m.group(2).strip(chr(34))}"')
        elif tok.endswith("*") and len(tok) > 1:
            out.append(f"body:/{re.escape(tok[:-1].lower())}.*/")
        else:
            out.append(tok)
    return " ".join(out)


assert set(FACETS) >= {"theme", "agency", "year", "doc_type"}
