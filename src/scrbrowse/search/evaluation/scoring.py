"""How well a passage answers a query: the words that meet in it, how close together.

Shared by the document ranking (a document's best passage adds to its score, `evaluation/evaluator.py`) and
by the matched passages shown under a hit (best first, `passages.PassageScorer`), so the passage
shown first is the one that made the document rank where it does.

A query's *units* are the things a supervisor typed: each plain word, quoted phrase or prefix,
or an OR group. A unit found as typed counts its full weight (its rarity, idf); found only
through a taxonomy phrasing it counts EXPANSION_WEIGHT of it (EVERYDAY_WEIGHT through an everyday
or formal word for it, "mum" / "mother"). Proximity never crosses a passage:
each passage is scored on its own, and a long one (a summary section of a few hundred words) by
its best stretch of whole sentences no longer than PASSAGE_WINDOW words.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from operator import itemgetter
from typing import Any

from ..query.plan import (
    ACRONYM_WEIGHT,
    EXPANSION_WEIGHT,
    AllOf,
    AnyOf,
    Field,
    Neg,
    Node,
    Prefix,
    Some,
    Syn,
    Words,
)
from ..text.analysis import SENTENCE_GAP

PROXIMITY = 0.5  # the best passage's score grows by up to half when its words sit side by side
# Words meeting "in one passage" means in a stretch a reader takes in at once: a learning point,
# a question, a paragraph. A summary section of 150-250 words is a small document of its own, and
# scored whole it held three of four query words scattered over unrelated sentences, which
# outranked a review answering the query in one place. So a longer passage is scored by its best
# run of whole sentences up to this many words (the benchmark gave the same result from 40 to 80).
PASSAGE_WINDOW = 60
_GAP = f" {SENTENCE_GAP} "


@dataclass(frozen=True, slots=True)
class Unit:
    """One typed part of a query, as the passage scorer looks for it."""

    typed: tuple[tuple[str, ...], ...]  # term sequences, any of which is the unit as typed
    alternatives: tuple[tuple[str, ...], ...] = ()  # taxonomy phrasings (count less)
    concepts: frozenset[str] = frozenset()  # taxonomy entries whose tagged mention counts less
    weight: float = 1.0
    credit: float = EXPANSION_WEIGHT  # what a phrasing or mention counts, of the typed unit
    # What a mention of the entry weighs, when the unit is found only that way: the entry's own
    # rarity, never more than the typed word's ("boyfriend" is rare; fathers are everywhere).
    concept_weight: float = float("inf")
    # The everyday or formal words for what was typed ("mum": "mother"), which no entry tags:
    # looked for in the passage's text, counting as a mention does.
    everyday: tuple[tuple[str, ...], ...] = ()
    # The same sequences as " a b " strings, for substring checks on a passage's padded terms.
    typed_needles: tuple[str, ...] = field(init=False)
    alternative_needles: tuple[str, ...] = field(init=False)
    everyday_needles: tuple[str, ...] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "typed_needles", tuple(needle_of(n) for n in self.typed))
        object.__setattr__(self, "alternative_needles",
                           tuple(needle_of(n) for n in self.alternatives))
        object.__setattr__(self, "everyday_needles", tuple(needle_of(n) for n in self.everyday))


def query_units(root: Node | None, idf: Callable[[str], float],
                concept_idf: Callable[[str], float] | None = None,
                shared_idf: Callable[[Syn], float] | None = None) -> list[Unit]:
    """The typed units of a plan's positive part (not under NOT, no field tags); with
    `concept_idf` (a taxonomy entry's key -> its rarity as a mention), each unit's
    `concept_weight`."""
    out: list[Unit] = []
    _collect(root, idf, out, (), frozenset(), EXPANSION_WEIGHT, shared_idf)
    if concept_idf is not None:
        # Not for an acronym: its entry's spelled-out name is what was typed (LAC).
        # Everyday words weigh theirs only where no entry is named (as in evaluate.concepts_idf).
        out = [replace(u, concept_weight=min(u.weight, max(
                   [concept_idf(k) for k in u.concepts]
                   or [max(idf(s) for s in w) for w in u.everyday])))
               if (u.concepts or u.everyday) and u.credit < ACRONYM_WEIGHT else u for u in out]
    unique: dict[tuple[tuple[str, ...], ...], Unit] = {}  # the first of each typed unit
    for u in out:
        unique.setdefault(u.typed, u)
    return list(unique.values())


def _collect(node: Node | None, idf: Callable[[str], float], out: list[Unit],
             alts: tuple[tuple[str, ...], ...], concepts: frozenset[str], credit: float,
             shared_idf: Callable[[Syn], float] | None = None,
             shared: float | None = None, everyday: tuple[tuple[str, ...], ...] = ()) -> None:
    if node is None or isinstance(node, (Neg, Field)):
        return
    if isinstance(node, (Words, Prefix)):
        if not node.stems:
            return
        # A phrase is one sequence, weighing a little more than its rarest word; a prefix is any
        # one of the words it stands for.
        phrase = isinstance(node, Words)
        weight = max(idf(s) for s in node.stems) * (1 + 0.2 * (len(node.stems) - 1) * phrase)
        out.append(Unit((node.stems,) if phrase else tuple((s,) for s in node.stems), alts,
                        concepts, weight if shared is None else min(weight, shared), credit,
                        everyday=everyday))
    elif isinstance(node, Syn):
        single = isinstance(node.original, (Words, Prefix)) and shared_idf is not None
        _collect(node.original, idf, out, tuple(a.stems for a in node.alternatives),
                 frozenset(node.concepts.keys), node.weight, shared_idf,
                 shared_idf(node) if single and shared_idf is not None else None,
                 node.concepts.words)
    elif isinstance(node, AnyOf):
        inner: list[Unit] = []
        for child in node.children:
            _collect(child, idf, inner, alts, concepts, credit, shared_idf)
        if inner:
            out.append(Unit(tuple(t for u in inner for t in u.typed),
                            tuple(a for u in inner for a in u.alternatives),
                            frozenset().union(*(u.concepts for u in inner)),
                            max(u.weight for u in inner), credit,
                            everyday=tuple(w for u in inner for w in u.everyday)))
    elif isinstance(node, (AllOf, Some)):
        for child in node.children:
            _collect(child, idf, out, alts, concepts, credit, shared_idf)


def passage_evidence(terms: str, concepts: Iterable[str], units: list[Unit],
                     ) -> tuple[float, float]:
    """The passage's score for these units: the weight of each unit it holds (less when only a
    taxonomy phrasing or tagged mention of it is there), raised by up to PROXIMITY when the
    units found sit close together. 0 when it holds none. Second, the weight of the query's
    distinct parts that meet in it: a part found only through the taxonomy counts whole here
    (one concept met, however it is worded), each part no more than the strongest other part
    it meets, so the document ranking can tell how much of the query one passage joins
    (`Evaluator.passage_bonus`). A passage longer than PASSAGE_WINDOW words
    that holds two or more units scores as its best run of sentences (`sentence_windows`).

    Most passages of a shown document hold one unit or none, so which units are there is found
    first by substring checks in C (" co sleep " in the padded terms); word positions are
    worked out only when two or more units meet in the passage."""
    if not units:
        return 0.0, 0.0
    whole, placed = _evidence(terms, concepts, units)
    if placed < 2 or terms.count(" ") < PASSAGE_WINDOW:
        return whole  # one unit or none: every stretch holding it scores the same
    return max(_evidence(w, concepts, units)[0] for w in sentence_windows(terms, PASSAGE_WINDOW))


def rows_evidence(rows: Sequence[Sequence[Any]], units: list[Unit]) -> list[tuple[float, float]]:
    """`passage_evidence` of each stored row of one document (terms at 6, concepts at 7).

    Most passages of a document hold none of the query's units (four in five, over the
    benchmark's queries), so the rows that can are found first, in the document's terms and
    concepts each joined into one string: C searches, jumping to the next row at each hit. Only
    those rows are scored."""
    out = [(0.0, 0.0)] * len(rows)
    if not units or not rows:
        return out
    found = _rows_holding(" \n ".join(map(itemgetter(6), rows)),
                          [n for u in units for n in u.typed_needles + u.everyday_needles])
    keys = {f" {k} " for u in units for k in u.concepts}
    if keys:
        found |= _rows_holding(" \n ".join(map(" ".join, map(itemgetter(7), rows))), keys)
    for i in found:
        out[i] = passage_evidence(rows[i][6], rows[i][7], units)
    return out


def _rows_holding(joined: str, needles: Iterable[str]) -> set[int]:
    """Which rows of `joined` (rows joined by " \n ", padded below) hold a needle (" a b "). No
    row holds a line end, so no needle runs on from one row into the next."""
    joined = f" {joined} "
    return {row for needle in needles for row in _places(joined, needle, "\n")}


def _places(text: str, needle: str, sep: str) -> list[int]:
    """Where `needle` occurs in `text`, each as the number of `sep` before it: a word's index
    when `sep` is a space, a row's when it is a line end (then one hit per row is enough: the
    search goes on from the row's end)."""
    out = []
    count = last = 0
    at = text.find(needle)
    while at >= 0:
        count += text.count(sep, last, at)
        last = at
        out.append(count)
        at = at + 1 if sep == " " else text.find(sep, at)
        if at < 0:
            break
        at = text.find(needle, at)
    return out


def sentence_windows(terms: str, limit: int) -> list[str]:
    """The runs of whole sentences of a passage's terms, one starting at each sentence, each as
    long as it can be without passing `limit` words (a longer sentence stands alone)."""
    sentences = terms.split(_GAP)
    sizes = [s.count(" ") + 1 for s in sentences]
    out = []
    for i in range(len(sentences)):
        j, words = i + 1, sizes[i]
        while j < len(sentences) and words + sizes[j] <= limit:
            words += sizes[j]
            j += 1
        out.append(_GAP.join(sentences[i:j]))
        if j == len(sentences):  # later starts give parts of this run
            break
    return out


def _evidence(terms: str, concepts: Iterable[str], units: list[Unit],
              ) -> tuple[tuple[float, float], int]:
    """`passage_evidence` over this text as one stretch, and how many units it placed. A
    stretch of a passage carries the passage's tagged mentions (its concepts)."""
    padded = f" {terms} "
    tagged: set[str] | None = None
    total = 0.0
    held = first = second = 0.0
    placed: list[Unit] = []  # units found in the text (as typed or as a phrasing)
    for u in units:
        credit = 1.0
        for needle in u.typed_needles:
            if needle in padded:
                break
        else:
            # Not as typed: the everyday or formal word, or a tagged mention of the entry (the
            # passage's concepts were found from the same phrasings when it was indexed, so no
            # phrasing is searched here).
            if not any(n in padded for n in u.everyday_needles):
                if not u.concepts:
                    continue
                if tagged is None:
                    tagged = set(concepts)
                if tagged.isdisjoint(u.concepts):
                    continue
            credit = u.credit
        total += u.weight * credit
        weight = u.weight if credit == 1.0 else min(u.weight, u.concept_weight)
        held += weight
        if weight > first:
            first, second = weight, first
        elif weight > second:
            second = weight
        placed.append(u)
    if len(placed) >= 2:
        span = _span(padded, placed)
        if span:
            total *= 1 + PROXIMITY * span[0] / span[1]
    if len(units) > 1:
        # An idea counts in a meeting of ideas for no more than the strongest other idea it
        # meets: a rare word beside a word most reviews use ("phone" and "family") is not
        # two ideas meeting, and one idea alone meets nothing (the document's own score
        # already counts it once).
        held += second - first
    return (total, held), len(placed)


def needle_of(stems: tuple[str, ...]) -> str:
    """A term sequence as looked for in a passage's padded terms: " a b "."""
    return f" {' '.join(stems)} "


def _span(padded: str, placed: list[Unit]) -> tuple[int, int] | None:
    """How many placed units can be located in the passage's words, and the shortest stretch
    holding one of each (see min_window); None when fewer than two can. Each unit as typed
    where it is, else as its phrasings. Positions come from substring searches, a word's index
    being the spaces before it: no per-word loop over the passage."""
    lists = []
    for u in placed:
        hits: list[int] = []
        for n in u.typed_needles:
            hits += _places(padded, n, " ")
        if not hits:
            for n in u.alternative_needles:
                hits += _places(padded, n, " ")
        if hits:
            lists.append(sorted(hits))
    return (len(lists), min_window(lists)) if len(lists) >= 2 else None


def min_window(lists: list[list[int]]) -> int:
    """The length, in words, of the shortest stretch holding one position from every list."""
    events = sorted((p, k) for k, ps in enumerate(lists) for p in ps)
    need = len(lists)
    count: dict[int, int] = {}
    have = 0
    best = events[-1][0] - events[0][0] + 1
    lo = 0
    for p, k in events:
        count[k] = count.get(k, 0) + 1
        if count[k] == 1:
            have += 1
        while have == need:
            lp, lk = events[lo]
            best = min(best, p - lp + 1)
            count[lk] -= 1
            if count[lk] == 0:
                have -= 1
            lo += 1
    return max(best, need)
