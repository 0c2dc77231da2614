"""Tagging text with taxonomy themes, agencies and review types, from their labels and synonyms.

Matching is on whole words. Acronyms ("CSC", "HV", "DASH") match only in capitals, so "dash" and
"da" in ordinary prose tag nothing; other words match in any case and with a space or a hyphen
("co-sleeping", "co sleeping"). Where phrases overlap, the longest wins ("child protection plan",
not "child protection" as well). Every tag keeps the words that triggered it, so a person checking
the draft can see why it is there.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from ..taxonomy import Taxonomy

VOCABULARIES = ("themes", "agencies", "review_types")
# Single words too general to stand for a whole theme when a label is split at "and"
# ("Child and adolescent mental health services" must not tag every "child").
_TOO_GENERAL = frozenset({"child", "children", "named", "people", "young", "services", "service",
                          "the", "by", "care", "adult", "family"})


@dataclass(frozen=True, slots=True)
class Match:
    """One taxonomy phrase found in a text."""

    vocab: str
    term_id: str
    text: str  # the words as written, spaces tidied
    acronym: bool  # matched as capitals only ("CSC", "DASH")
    start: int  # offset in the text
    weight: float | None = None  # a fixed strength (ingest.cues); None: judged from the words


@dataclass
class Tags:
    """What a text was tagged with: id -> count of matches, and id -> the words that matched."""

    counts: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    words: dict[str, dict[str, list[str]]] = field(default_factory=lambda: defaultdict(dict))

    def ids(self, vocab: str) -> list[str]:
        return [i for i, _ in self.counts[vocab].most_common()]

    def add(self, other: Tags) -> None:
        for vocab, counter in other.counts.items():
            self.counts[vocab].update(counter)
        for vocab, by_id in other.words.items():
            for term_id, words in by_id.items():
                mine = self.words[vocab].setdefault(term_id, [])
                for w in words:
                    if w.lower() not in (m.lower() for m in mine):
                        mine.append(w)


def _is_acronym(token: str) -> bool:
    upper = sum(1 for c in token if c.isupper())
    lower = sum(1 for c in token if c.islower())
    return upper >= 2 and upper >= lower


def _phrase_variants(label: str, synonyms: tuple[str, ...]) -> list[str]:
    """The label, its parts (a label such as "Midwifery and maternity" names two things), synonyms."""
    out = [label]
    m = re.match(r"^(.*?)\s*\(([^)]+)\)\s*$", label)  # "Multi-agency safeguarding hub (MASH)"
    if m:
        out += [m.group(1), m.group(2)]
        label = m.group(1)
    parts = [p.strip() for p in re.split(r",\s*|\s+and\s+|\s*&\s*", label) if p.strip()]
    if len(parts) > 1:
        for p in parts:
            words = p.split()
            if len(words) == 1 and (len(p) < 6 or p.lower() in _TOO_GENERAL):
                continue
            if p.lower() in _TOO_GENERAL:
                continue
            out.append(p)
    out += list(synonyms)
    return [p for p in dict.fromkeys(out) if p.strip()]


def _key(text: str, case_sensitive: bool) -> str:
    text = re.sub(r"[\s\-]+", " ", text.replace("’", "'").replace("‘", "'"))
    text = re.sub(r"\s*/\s*", "/", text).strip()
    return text if case_sensitive else text.lower()


def _pattern(phrase: str) -> str:
    out: list[str] = []
    for ch in phrase.strip():
        if ch in " -":
            if not out or out[-1] != r"[\s\-]+":
                out.append(r"[\s\-]+")
        elif ch == "/":
            out.append(r"\s*/\s*")
        elif ch in "'’":
            out.append("['’‘]")
        else:
            out.append(re.escape(ch))
    return "".join(out)


class Tagger:
    """Built once per taxonomy: two alternations (capitals-only and any-case), longest first."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        self._terms: dict[tuple[bool, str], list[tuple[str, str]]] = defaultdict(list)
        phrases: dict[bool, set[str]] = {True: set(), False: set()}
        for vocab in VOCABULARIES:
            for term in taxonomy.vocabulary(vocab).values():
                for phrase in _phrase_variants(term.label, term.synonyms):
                    sensitive = any(_is_acronym(tok) for tok in re.split(r"[\s\-/]+", phrase))
                    key = _key(phrase, sensitive)
                    if (vocab, term.id) not in self._terms[(sensitive, key)]:
                        self._terms[(sensitive, key)].append((vocab, term.id))
                    phrases[sensitive].add(phrase)
        self._regexes: list[tuple[bool, re.Pattern[str]]] = []
        for sensitive in (True, False):
            alts = sorted(phrases[sensitive], key=len, reverse=True)
            if not alts:
                continue
            body = "|".join(_pattern(p) for p in alts)
            flags = 0 if sensitive else re.IGNORECASE
            self._regexes.append((sensitive, re.compile(rf"(?<![\w])(?:{body})(?![\w])", flags)))

    def matches(self, text: str) -> list[Match]:
        """Every taxonomy phrase in the text, in order; overlapping phrases keep the longest."""
        out: list[Match] = []
        if not text:
            return out
        spans: list[tuple[int, int, bool, str]] = []
        for sensitive, regex in self._regexes:
            for m in regex.finditer(text):
                spans.append((m.start(), m.end(), sensitive, m.group(0)))
        # Overlapping matches from the two alternations: keep the longest.
        spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
        end = -1
        for start, stop, sensitive, matched in spans:
            if start < end:
                continue
            end = stop
            clean = " ".join(matched.split())
            for vocab, term_id in self._terms.get((sensitive, _key(matched, sensitive)), ()):
                out.append(Match(vocab, term_id, clean, sensitive, start))
        return out

    def tag(self, text: str) -> Tags:
        tags = Tags()
        for m in self.matches(text):
            tags.counts[m.vocab][m.term_id] += 1
            words = tags.words[m.vocab].setdefault(m.term_id, [])
            if m.text.lower() not in (w.lower() for w in words) and len(words) < 6:
                words.append(m.text)
        return tags


_CACHE: list[tuple[Taxonomy, Tagger]] = []


def tagger_for(taxonomy: Taxonomy) -> Tagger:
    """One Tagger per taxonomy object (building it compiles a large regular expression)."""
    for tax, tagger in _CACHE:
        if tax is taxonomy:
            return tagger
    tagger = Tagger(taxonomy)
    _CACHE.append((taxonomy, tagger))
    del _CACHE[:-4]
    return tagger
