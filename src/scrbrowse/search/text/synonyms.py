"""Taxonomy words for search: query expansion from synonyms and phrasings (search-only everyday
wording), and names -> ids for `theme:` etc. (labels and synonyms only).

Everything is compared on analysed terms, so "co-sleeping", "co sleeping" and "Co-Sleeping" are
the same entry, and "bruise" meets "bruising".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ...taxonomy import MAX_PHRASING_WORDS, Taxonomy
from .analysis import WORD_RE, analyse

# The longest synonym or phrasing (in words) looked for in a run of typed words.
MAX_SYNONYM_WORDS = MAX_PHRASING_WORDS
# Taxonomy entries one typed phrase may expand to (a phrasing listed under several entries).
MAX_CONCEPTS_PER_PHRASE = 2

# Everyday words of case-review writing that name no one concept: typed alone they never
# expand ("threshold" would otherwise pull in every referral document, "case" and "practice"
# half the corpus). Longer phrasings holding them ("threshold document") still expand.
GENERIC_WORDS = frozenset("""
threshold thresholds consultation consultations case cases practice practices practitioner
practitioners review reviews child children family families parent parents support service
services agency agencies professional professionals work worker workers plan plans risk risks
concern concerns meeting meetings assessment assessments referral referrals information
placement placements care help health home team manager managers process procedure
procedures policy policies staff people person issue issues need needs
""".split())  # noqa: SIM905 - a list people can read
_GENERIC_STEMS = frozenset(analyse(" ".join(GENERIC_WORDS)))

# Everyday words for family members and the like, as supervisors say them, and the words case
# reviews write instead: (everyday, formal, both ways). "Both ways" when the formal word names
# the same person and nothing else, so a review quoting the family ("mum said") is found from
# "mother" too; one way when the formal word has other meanings ("partner agencies") or is one
# of GENERIC_WORDS ("children"). Applied at query time only (no taxonomy entry, no index tag):
# a low-weight alternative of the typed word, like a taxonomy phrasing.
EVERYDAY_WORDS: tuple[tuple[str, str, bool], ...] = (
    ("mum, mummy, mam, mom", "mother", True),
    ("dad, daddy", "father", True),
    ("step-dad, stepdad, step dad", "stepfather, step-father", True),
    ("step-mum, stepmum, step mum", "stepmother, step-mother", True),
    ("nan, nana, nanna, gran, granny, grandma", "grandmother", True),
    ("grandad, granddad, grandpa", "grandfather", True),
    ("auntie", "aunt", True),
    ("kid, kids", "child, children", False),
    ("baby", "infant", True),
    ("boyfriend, girlfriend", "partner", False),
    ("foster mum, foster dad", "foster carer", False),
)


@dataclass(frozen=True, slots=True)
class Phrasing:
    text: str  # as the taxonomy writes it, for "also searched: ..."
    stems: tuple[str, ...]


def _usable(text: str) -> tuple[str, ...] | None:
    """The analysed terms of a taxonomy phrasing, or None when analysis would distort it.

    "under 1" or "tier 4" lose their number (too short to index) and would then stand for
    every "under" or "tier"; such entries are left out of expansion.
    """
    for m in WORD_RE.finditer(text):
        # A one-letter word is dropped by the analyser: harmless after an apostrophe
        # ("children's") or as "a" ("death of a baby"), distorting elsewhere ("e-safety" would
        # become "safety").
        if (len(m.group()) < 2 and m.group() not in "aA"
                and not (m.start() > 0 and text[m.start() - 1] in "'’")):
            return None
    stems = tuple(analyse(text))
    return stems or None


def _generic(stems: tuple[str, ...]) -> bool:
    """A phrasing that comes down to one generic word ("placement", or "in care" once "in" is
    dropped as a stop word) names no concept: used for tagging it would tag half the corpus."""
    return len(stems) == 1 and stems[0] in _GENERIC_STEMS


def concept_key(key: tuple[str, str]) -> str:
    """The index token for a taxonomy entry, e.g. "themes:safe-sleep"."""
    return f"{key[0]}:{key[1]}"


@dataclass
class SynonymIndex:
    """Which taxonomy entries a run of typed terms names, and their other phrasings.

    Also finds the entries a text mentions (any of their phrasings), so documents are tagged
    with them when indexed: a query's expansion is then one term per entry instead of dozens of
    phrase searches, which is what keeps "fathers" or "bruise" fast on a large corpus.
    """

    groups: dict[tuple[str, str], list[Phrasing]]  # (vocabulary, id) -> label + synonyms
    lookup: dict[tuple[str, ...], set[tuple[str, str]]]  # stems -> groups naming them
    names: dict[tuple[str, tuple[str, ...]], set[str]]  # (vocabulary, stems) -> ids
    # first term -> [(length, {phrase: concept keys})], for scanning text quickly
    by_first: dict[str, list[tuple[int, dict[tuple[str, ...], tuple[str, ...]]]]]
    acronyms: frozenset[tuple[str, ...]]  # stems of phrasings written as one word of 2-6 capitals
    # typed stems -> the everyday or formal words for the same person (EVERYDAY_WORDS)
    everyday: dict[tuple[str, ...], tuple[Phrasing, ...]]

    @classmethod
    def for_taxonomy(cls, taxonomy: Taxonomy) -> SynonymIndex:
        """The index of a taxonomy object, built once: the indexer and every search view of the
        same taxonomy share it."""
        got = _BUILT.get(id(taxonomy))
        if got is not None and got[0] is taxonomy:
            return got[1]
        built = cls.build(taxonomy)
        if len(_BUILT) >= 4:
            _BUILT.clear()
        _BUILT[id(taxonomy)] = (taxonomy, built)
        return built

    @classmethod
    def build(cls, taxonomy: Taxonomy) -> SynonymIndex:
        groups: dict[tuple[str, str], list[Phrasing]] = {}
        lookup: dict[tuple[str, ...], set[tuple[str, str]]] = {}
        acronyms: set[tuple[str, ...]] = set()
        for vocab, term_id, words in taxonomy.synonym_groups():
            key = (vocab, term_id)
            entries: dict[tuple[str, ...], Phrasing] = {}  # the first phrasing of each stems
            for text in words:
                stems = _usable(text)
                if stems is None or stems in entries or _generic(stems):
                    continue
                entries[stems] = Phrasing(text, stems)
                if 2 <= len(text) <= 6 and text.isalnum() and text.isupper():  # LAC, GCP2
                    acronyms.add(stems)
                lookup.setdefault(stems, set()).add(key)
            groups[key] = list(entries.values())
        names: dict[tuple[str, tuple[str, ...]], set[str]] = {}
        for vocab in ("themes", "agencies", "doc_types", "review_types"):
            for term in taxonomy.vocabulary(vocab).values():
                for text in (term.id, term.label, *term.synonyms):
                    stems = tuple(analyse(text.replace("-", " ")))
                    if stems:
                        names.setdefault((vocab, stems), set()).add(term.id)
        grouped: dict[str, dict[int, dict[tuple[str, ...], tuple[str, ...]]]] = {}
        for stems, keys in lookup.items():
            grouped.setdefault(stems[0], {}).setdefault(len(stems), {})[stems] = tuple(
                sorted(concept_key(k) for k in keys))
        by_first = {first: sorted(lengths.items()) for first, lengths in grouped.items()}
        return cls(groups, lookup, names, by_first, frozenset(acronyms), _everyday())

    def concepts_in(self, stems: Sequence[str]) -> Counter[str]:
        """How often each taxonomy entry is mentioned in a run of analysed terms."""
        by_first = self.by_first
        seq = tuple(stems)
        n = len(seq)
        # Indexing calls this for every passage; most words start no phrasing, so find the few
        # that do first, and count once at the end.
        if by_first.keys().isdisjoint(seq):
            return Counter()
        matched: list[str] = []
        for i in [i for i, s in enumerate(seq) if s in by_first]:
            for k, phrases in by_first[seq[i]]:
                if i + k > n:
                    break
                matched.extend(phrases.get(seq[i:i + k], ()))
        return Counter(matched)

    def expansion(self, typed: tuple[str, ...], known: Callable[[str], bool],
                  ) -> tuple[set[tuple[str, str]], list[Phrasing], list[Phrasing]]:
        """What a typed word or phrase names as a whole: its entries (by label, synonym, phrasing
        or acronym; at most MAX_CONCEPTS_PER_PHRASE), the everyday or formal words for the same
        person ("mum" -> "mother", "mother" -> "mum", "mummy"...; EVERYDAY_WORDS), and the entries'
        other phrasings; only phrasings whose every term is `known`. A single generic word names
        nothing.

        A phrasing containing the typed terms ("absent fathers" for "fathers") can only match
        where the typed words already do, so it is left out to keep queries small.
        """
        if _generic(typed):
            return set(), [], []
        keys = set(sorted(self.lookup.get(typed, ()))[:MAX_CONCEPTS_PER_PHRASE])
        everyday = [ph for ph in self.everyday.get(typed, ()) if all(map(known, ph.stems))]
        others: list[Phrasing] = []
        seen = {typed, *(ph.stems for ph in everyday)}
        for key in sorted(keys):
            for ph in self.groups.get(key, ()):
                if (ph.stems not in seen and not has_sequence(ph.stems, typed)
                        and all(map(known, ph.stems))):
                    seen.add(ph.stems)
                    others.append(ph)
        return keys, everyday, others

    def resolve(self, vocab: str, value: str) -> list[str]:
        """Ids of a vocabulary named by an id, a label or a synonym, e.g. theme:co-sleeping (no
        name analyses to nothing: `build` leaves those out)."""
        return sorted(self.names.get((vocab, tuple(analyse(value.replace("-", " ")))), ()))


_BUILT: dict[int, tuple[Taxonomy, SynonymIndex]] = {}


def _everyday() -> dict[tuple[str, ...], tuple[Phrasing, ...]]:
    """EVERYDAY_WORDS as typed stems -> the other side's phrasings (distinct stems)."""
    out: dict[tuple[str, ...], dict[tuple[str, ...], Phrasing]] = {}

    def phrasings(texts: str) -> list[Phrasing]:
        return [Phrasing(text, stems) for text in map(str.strip, texts.split(","))
                if (stems := _usable(text))]

    for everyday, formal, both in EVERYDAY_WORDS:
        plain, formal_ = phrasings(everyday), phrasings(formal)
        for typed, others in [(plain, formal_)] + ([(formal_, plain)] if both else []):
            for t in typed:
                have = out.setdefault(t.stems, {})
                for o in others:
                    if o.stems != t.stems:
                        have.setdefault(o.stems, o)
    return {k: tuple(v.values()) for k, v in out.items()}


def has_sequence(seq: tuple[str, ...], sub: tuple[str, ...]) -> bool:
    """Does `sub` (at least one term) occur in `seq`, in order, as a run?"""
    n = len(sub)
    first = sub[0]
    return any(seq[i] == first and seq[i:i + n] == sub for i in range(len(seq) - n + 1))
