"""Running a query plan over the fast postings: which documents match (bit sets) and how well
(BM25, summed over the query's parts), without Whoosh's per-posting matcher objects.

Semantics, as the tests' Whoosh oracle (tests/search/whoosh_oracle.py) states them: words written
side by side match when any does (Some) and rank by how many do; an explicit AND needs all (AllOf),
any may (AnyOf), NOT excludes, a phrase needs its words in order within one passage, a synonym
group matches the typed words or a tagged mention of the taxonomy entry (counted at half weight,
the best of its entries), and a document's score sums BM25 over every positive part it matches.
Typed words found in a title add a bonus, as a boosted title field would.
"""

from __future__ import annotations

import heapq
import math
import time
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass
from itertools import compress
from typing import Any

from ..index.postings import (
    F_AGENCY,
    F_BOARD,
    F_BODY,
    F_CHILD,
    F_CONCEPT,
    F_DOC_TYPE,
    F_REVIEW_TYPE,
    F_THEME,
    F_TITLE,
    F_YEAR,
    FastIndex,
    FastIndexError,
    Segment,
)
from ..index.schema import AGENCY, BOARD, CHILD, DOC_TYPE, REVIEW_TYPE, THEME, YEAR
from ..query.plan import (
    ACRONYM_WEIGHT,
    AllOf,
    AnyOf,
    Concepts,
    Field,
    Neg,
    Node,
    Prefix,
    Some,
    Syn,
    Words,
    positive_leaves,
    positive_syns,
)
from ..text.stopwords import COMMON_STEMS
from .scoring import query_units, rows_evidence

K1 = 1.2
B = 0.75
TITLE_BOOST = 2.0  # a typed word in the title counts about as much again as twice its idf
FIELD_WEIGHT = 1.0  # theme:, agency:, year: and the like: present or not
# Ranked retrieval (see docs/searching.md): plain words written side by side are scored by BM25
# times the square of how much of the query a document covers (each word weighted by its
# rarity), its coordination factor: with 2 of 3 equally rare words a document keeps (2/3)^2 = 44%
# of its BM25 sum.
# Found only through the taxonomy, a part of the query earns its expansion weight in BM25 (0.4,
# query.EXPANSION_WEIGHT) but this much of it in coverage: a review that speaks of the same
# thing in other words HAS that part of the query, though it is weaker evidence than the word.
CONCEPT_COVER = 0.6
# A review tagged with a taxonomy entry the query names (its themes and agencies, from the
# reader or from ingest's weighted evidence) is about it as a whole: among the leading reviews
# (`passage_bonus`), it scores as two mentions of the entry in a review of average length would
# (BM25 of one such mention: the entry's idf, times the Syn's weight). At half a mention, as
# before, a tag decided almost nothing: the held-out queries and the fresh ones both rose with it.
TAG_WEIGHT = 2.0
# The best documents so far are then looked at passage by passage: the best passage's score
# (its words' weights, more when close together; ranking.passage_evidence) times the square of
# the share of the query it holds (a part found only through the taxonomy counting whole there:
# one concept met once) is added, times this. So the review whose one passage joins the
# query's ideas ("placed in his parent's bed ... under the influence of alcohol") beats one
# that uses the literal words in unrelated places.
PASSAGE_WEIGHT = 3.0
RERANK = 15  # documents re-scored by their best passage
COMMON_SHARE = 1 / 3  # an everyday English word is never rarer than one in this share of documents
CACHE_POSTINGS = 400_000  # per-term results kept, in postings (about 30 MB)

_TAG_FIELD = {"themes": F_THEME, "agencies": F_AGENCY}
_FIELD_OF = {THEME: F_THEME, AGENCY: F_AGENCY, BOARD: F_BOARD, CHILD: F_CHILD, YEAR: F_YEAR,
             DOC_TYPE: F_DOC_TYPE, REVIEW_TYPE: F_REVIEW_TYPE}

_ASCII_01 = bytes.maketrans(b"\x00\x01", b"01")
_FROM_ASCII_01 = bytes.maketrans(b"01", b"\x00\x01")
# Set-bit positions of every byte value: decoding a bit set a byte at a time.
_BITS_OF_BYTE = [tuple(j for j in range(8) if b >> j & 1) for b in range(256)]


class Stopped(Exception):
    """The search passed its deadline or was superseded."""


def ids_of(bits: int) -> list[int]:
    """The set positions of a bit set, ascending."""
    if not bits:
        return []
    if bits.bit_count() * 8 > bits.bit_length():
        # Dense: one byte per bit, picked out in C.
        flags = bin(bits)[:1:-1].encode("ascii").translate(_FROM_ASCII_01)
        return list(compress(range(len(flags)), flags))
    raw = bits.to_bytes((bits.bit_length() + 7) // 8, "little")
    table = _BITS_OF_BYTE
    out: list[int] = []
    for i, byte in enumerate(raw):
        if byte:
            base = i << 3
            out.extend([base + j for j in table[byte]])
    return out


def bits_of_flags(flags: bytearray) -> int:
    """A bit set from one byte per position (0 or 1): C does the work, several times faster
    than setting bits one by one in Python."""
    return int(flags.translate(_ASCII_01)[::-1], 2) if flags else 0


@dataclass
class LeafResult:
    """What one part of a query matches: a bit set, and each matched document's score."""

    bits: int
    ids: list[int]
    scores: list[float]


class Evaluator:
    """Evaluates plans against one FastIndex. Caches per-term results (bounded)."""

    def __init__(self, fast: FastIndex, cache_postings: int = CACHE_POSTINGS) -> None:
        self.fast = fast
        self.n = max(1, fast.live_count)
        self.norms: dict[str, list[float]] = {}
        # Per-term results, kept while typing goes on ("co-sleeping a", "co-sleeping al", ...
        # search the same words again). Bounded by postings held, not entries: one common word
        # at 10,000 documents is about 10,000 postings (about 0.7 MB as Python lists).
        self.cache: dict[Hashable, LeafResult] = {}
        self.cache_postings = cache_postings
        self._held = 0  # postings in `cache`
        self._check: Callable[[], bool] | None = None
        # A plan's leaves, within one evaluation: matching and scoring both need them, and unions
        # (prefixes) and best-ofs (concepts) are not in the per-term cache.
        self._leaves: dict[Node | Concepts, LeafResult] = {}
        self._idf: dict[tuple[str, str], float] = {}
        self._concept_idf: dict[Syn, float] = {}  # per evaluation
        # The last evaluation's top-level words: coverage per document number and 1 / their
        # weight (None if none side by side); a tag bonus is scaled by the factor
        # (`coordination_at`).
        self.coverage: tuple[list[float], float] | None = None
        self._top: Some | None = None
        # The passage rows `passage_bonus` read last, by document id: the engine's hits are
        # mostly these documents, and reading rows (zlib, unpickling) is a tenth of a search.
        self.reranked: dict[str, list[tuple[Any, ...]]] = {}

    # -- statistics

    def idf(self, field: str, term: str) -> float:
        key = (field, term)
        got = self._idf.get(key)
        if got is None:
            df: float = self.fast.doc_frequency(field, term)
            if term in COMMON_STEMS and field == F_BODY:  # see stopwords.COMMON_STEMS
                df = max(df, self.n * COMMON_SHARE)
            got = self._idf[key] = math.log(1 + (self.n - df + 0.5) / (df + 0.5))
        return got

    def _norm(self, field: str) -> list[float]:
        got = self.norms.get(field)
        if got is None:
            avg = self.fast.average_length(field)
            k = K1 * (1 - B)
            kb = K1 * B / avg
            got = self.norms[field] = [k + kb * n for n in self.fast.lengths(field)]
        return got

    def _remember(self, key: Hashable, value: LeafResult) -> LeafResult:
        cache = self.cache
        if not cache:  # perhaps emptied from outside (the benchmark does)
            self._held = 0
        size = len(value.ids)
        if size > self.cache_postings:
            return value
        while cache and self._held + size > self.cache_postings:
            self._held -= len(cache.pop(next(iter(cache))).ids)
        cache[key] = value
        self._held += size
        return value

    # -- leaves

    def term(self, field: str, term: str) -> LeafResult:
        """Documents holding a term, scored by BM25 (weight 1)."""
        key = ("t", field, term)
        got = self.cache.get(key)
        if got is not None:
            return got
        idf = self.idf(field, term) * (K1 + 1)
        norm = self._norm(field)
        ids: list[int] = []
        scores: list[float] = []
        for p in self.fast.postings(field, term):
            seg, base = p.seg, p.base
            docs = seg.ints(f"{field}.ids")[p.start:p.end]
            tfs = seg.ints(f"{field}.tf")[p.start:p.end]
            # Comprehensions over memoryviews: the per-posting work stays in C where it can.
            numbers = docs.tolist() if base == 0 else [i + base for i in docs]
            ids.extend(numbers)
            scores.extend([idf * tf / (tf + norm[g]) for g, tf in zip(numbers, tfs, strict=True)])
        return self._remember(key, LeafResult(self.bits_of(ids), ids, scores))

    def bits_of(self, ids: list[int]) -> int:
        """The bit set of some document numbers."""
        if not ids:
            return 0
        flags = bytearray(self.fast.size)
        for g in ids:
            flags[g] = 1
        return bits_of_flags(flags)

    def phrase(self, field: str, terms: tuple[str, ...]) -> LeafResult:
        """Documents holding the terms in this order (in one passage), scored by BM25 of the
        phrase's count with the phrase's own idf (`phrase_idf`)."""
        if len(terms) == 1:
            return self.term(field, terms[0])
        key = ("p", field, terms)
        got = self.cache.get(key)
        if got is not None:
            return got
        counts: dict[int, int] = {}
        for seg, base in zip(self.fast.segments, self.fast.bases, strict=True):
            self._phrase_in(seg, base, field, terms, counts)
        ids = sorted(counts)
        bits = self.bits_of(ids)
        name = (field, " ".join(terms))  # its idf, from the documents holding it: `phrase_idf`
        if name not in self._idf:
            df = (bits & self.fast.live).bit_count()
            self._idf[name] = math.log(1 + (self.n - df + 0.5) / (df + 0.5))
        idf = self._idf[name] * (K1 + 1)
        norm = self._norm(field)
        scores = [idf * counts[g] / (counts[g] + norm[g]) for g in ids]
        return self._remember(key, LeafResult(bits, ids, scores))

    def phrase_idf(self, field: str, terms: tuple[str, ...]) -> float:
        """A phrase's idf from the documents holding the phrase, as for one word. Summing its
        words' idf counted a hyphenated word ("co-sleeping": co, sleep) twice over, so that one
        review using the literal word outweighed every other way of saying it."""
        if len(terms) == 1:
            return self.idf(field, terms[0])
        self.phrase(field, terms)  # which works its idf out (kept, as idfs are)
        return self._idf[(field, " ".join(terms))]

    @staticmethod
    def _phrase_in(seg: Segment, base: int, field: str, terms: tuple[str, ...],
                   counts: dict[int, int]) -> None:
        """Count the phrase's occurrences per document of one segment. Positions run on across
        the segment's documents, so this is set membership over whole position lists, driven by
        the word with the fewest occurrences."""
        slices = []
        for t in terms:
            got = seg.positions(field, t)
            if got is None or not len(got):
                return
            slices.append(got)
        # Where the phrase starts, narrowed word by word from the rarest: a small set meets each
        # longer position list in one pass in C (`intersection` with an iterable). Making a set
        # of a common word's positions, as this did, cost milliseconds per word.
        order = sorted(range(len(terms)), key=lambda j: len(slices[j]))
        starts = {p - order[0] for p in slices[order[0]]}
        for j in order[1:]:
            starts = {p - j for p in {s + j for s in starts}.intersection(slices[j])}
            if not starts:
                return
        dstart = seg.ints(f"{field}.dstart")
        found = sorted(starts)
        local = 0
        for p in found:
            if p >= dstart[local + 1]:
                local = bisect_right(dstart, p, local) - 1
            g = base + local
            counts[g] = counts.get(g, 0) + 1

    # -- plans

    def evaluate(self, root: Node, check: Callable[[], bool] | None = None,
                 ) -> tuple[int, list[float]]:
        """The documents the plan matches (live ones only) and a score per global number."""
        self._check = check
        self._leaves = {}
        self._concept_idf = {}
        self.coverage = None
        self._top = top_some(root)
        try:
            bits = self._bits(root) & self.fast.live
            acc = [0.0] * self.fast.size
            self._accumulate(root, 1.0, acc)
        finally:
            self._leaves = {}
        return bits, acc

    def concept_idf(self, node: Syn) -> float:
        """The rarity of a word or phrase that names a taxonomy entry, taken from the word and
        the entry together: between the typed word's own idf and that of every document
        holding the word OR a mention of the entry, nearer the word's own the larger the share
        of those documents that use it. A word that only a few of the reviews speaking of the
        idea happen to use ("co-sleeping" where others say "bed sharing") is rare as a word,
        not as a meaning; a word most of them use keeps its own rarity. Never above the typed
        word's idf. An acronym keeps its own (its entry's name is what was typed). Words side
        by side naming an entry ("voice of the child"), scored word by word, weigh the entry's
        own rarity here."""
        got = self._concept_idf.get(node)
        if got is None:
            typed = self._typed_idf(node.original)
            got = typed if typed is not None else self.concepts_idf(node.concepts, 0.0)
            if typed is not None and node.weight < ACRONYM_WEIGHT:
                typed_bits = self._bits(node.original) & self.fast.live
                bits = typed_bits | (self._leaf(node.concepts).bits & self.fast.live)
                df = bits.bit_count()
                if df:
                    union = math.log(1 + (self.n - df + 0.5) / (df + 0.5))
                    share = typed_bits.bit_count() / df
                    got = min(typed, union + (typed - union) * share)
            self._concept_idf[node] = got
        return got

    def concepts_idf(self, node: Concepts, default: float) -> float:
        """The rarity of a mention of the entries (the rarest's), else of the everyday / formal
        words: those riding along with an entry ("dad": "father") do not make it rarer."""
        if node.keys:
            return max(self.idf(F_CONCEPT, k) for k in node.keys)
        return max((self.phrase_idf(F_BODY, w) for w in node.words), default=default)

    def tagged_among(self, concepts: Concepts, numbers: list[int]) -> set[int]:
        """Which of these documents are tagged (themes, agencies: by the reader, or by ingest
        from weighted evidence) with one of the taxonomy entries: the review is about it as a
        whole. Asked for the few leading documents only, so each is looked up in the sorted
        postings (bisect: a segment lists a term's documents in ascending order) rather than
        the postings read whole."""
        found: set[int] = set()
        for k in concepts.keys:
            vocab, _, ident = k.partition(":")
            fld = _TAG_FIELD.get(vocab)
            if fld is None:
                continue
            for p in self.fast.postings(fld, ident):
                docs = p.seg.ints(f"{fld}.ids")
                for g in numbers:
                    local = g - p.base
                    at = bisect_left(docs, local, p.start, p.end)
                    if at < p.end and docs[at] == local:
                        found.add(g)
        return found

    def _typed_idf(self, node: Node) -> float | None:
        """The idf a typed word's or phrase's BM25 scores carry (`term`, `phrase`, `_union`);
        None for a group of several typed words, which are scored word by word."""
        if isinstance(node, Words):
            return self.phrase_idf(F_BODY, node.stems)
        if isinstance(node, Prefix) and node.stems:
            return max(self.idf(F_BODY, t) for t in node.stems)
        return None

    def _tick(self) -> None:
        check = self._check
        if check is not None and check():
            raise Stopped

    def _leaf(self, node: Words | Prefix | Field | Concepts) -> LeafResult:
        got = self._leaves.get(node)
        if got is None:
            got = self._leaves[node] = self._make_leaf(node)
        return got

    def _make_leaf(self, node: Words | Prefix | Field | Concepts) -> LeafResult:
        if isinstance(node, Words):
            return self.phrase(F_BODY, node.stems)
        if isinstance(node, Prefix):
            return self._union([self.term(F_BODY, s) for s in node.stems])
        if isinstance(node, Concepts):  # tagged mentions, or the everyday / formal words
            return self._union([self.term(F_CONCEPT, k) for k in node.keys]
                               + [self.phrase(F_BODY, w) for w in node.words], best=True)
        parts = []
        for fld, value in node.targets:
            target = _FIELD_OF.get(fld)
            if target is not None:
                parts.append(self.phrase(target, value))
        merged = self._union(parts)
        return LeafResult(merged.bits, merged.ids, [FIELD_WEIGHT] * len(merged.ids))

    def _union(self, parts: list[LeafResult], *, best: bool = False) -> LeafResult:
        """Documents matching any of the parts, scored by the parts' sum (or the best)."""
        if len(parts) == 1:
            return parts[0]
        bits = 0
        total: dict[int, float] = {}
        for part in parts:
            bits |= part.bits
            pairs = zip(part.ids, part.scores, strict=True)
            if best:
                for g, s in pairs:
                    if s > total.get(g, 0.0):
                        total[g] = s
            else:
                for g, s in pairs:
                    total[g] = total.get(g, 0.0) + s
        return LeafResult(bits, list(total), list(total.values()))

    def _bits(self, node: Node | Concepts) -> int:
        self._tick()
        if isinstance(node, (Words, Prefix, Field, Concepts)):
            return self._leaf(node).bits
        if isinstance(node, Syn):
            return self._bits(node.original) | self._bits(node.concepts)
        if isinstance(node, Neg):
            return self.fast.live & ~self._bits(node.child)
        if isinstance(node, (Some, AnyOf)):
            out = 0
            for child in node.children:  # each evaluated, even where all match: scores need them
                out |= self._bits(child)
            return self.fast.live if isinstance(node, Some) and not node.required else out
        out = self.fast.live
        for child in sorted(node.children, key=lambda c: isinstance(c, Neg)):  # NOTs last
            out &= self._bits(child)
            if not out:
                return 0
        return out

    def _accumulate(self, node: Node, weight: float, acc: list[float]) -> None:
        """Add the node's scores to the per-document totals; words side by side (Some) with
        their coordination factor."""
        if isinstance(node, Some):
            self._some(node, weight, acc)
        elif isinstance(node, Syn) and isinstance(node.original, Some):
            # Several typed words naming one entry: scored as words side by side, straight into
            # the totals (no copy of every document's score), then the entry's mentions.
            self._some(node.original, weight, acc)
            _add(acc, self._leaf(node.concepts), weight * node.weight)
        elif isinstance(node, (AllOf, AnyOf)):
            for child in node.children:
                self._accumulate(child, weight, acc)
        else:
            for result, w in self._scored(node, weight):
                self._tick()
                _add(acc, result, w)

    def unit_weight(self, node: Node) -> float:
        """How much a part of a query weighs in coordination: the rarity (idf) of its rarest
        typed word; a tag (field) counts 1."""
        weights = [max((self.idf(F_BODY, s) for s in leaf.stems), default=0.0)
                   for leaf, w in positive_leaves(node)
                   if w == 1.0 and isinstance(leaf, (Words, Prefix))]
        return max(weights, default=FIELD_WEIGHT)

    def _some(self, node: Some, weight: float, acc: list[float]) -> None:
        """BM25 summed over the words, times the coordination factor: coverage squared.

        Coverage is the share of the query's weight (each word by its rarity) a document holds.
        A word's credit is its BM25 saturation relative to one mention in a document of average
        length (capped at 1): a word mentioned once in passing in a long document is weaker
        evidence than in a short one, so long documents do not cover every query just by being
        long. Found only through a taxonomy phrasing or tagged mention, a word earns the Syn's
        weight (EXPANSION_WEIGHT, ACRONYM_WEIGHT) of that credit."""
        size = self.fast.size
        total = [0.0] * size
        cover = [0.0] * size
        whole = 0.0
        for child in node.children:
            ref = self._typed_idf(child)
            if ref and isinstance(child, (Words, Prefix)):
                # A typed word: its BM25 and its cover in one pass over its documents.
                self._tick()
                w = self.unit_weight(child)
                whole += w
                result, scale = self._leaf(child), w / ref
                for g, s in zip(result.ids, result.scores, strict=True):
                    total[g] += s
                    c = s * scale
                    cover[g] += c if c < w else w
                continue
            # A typed word's entry: its BM25 (`_scored`) added in the cover's pass over its
            # documents, and likewise the entry's mentions.
            ref = self._typed_idf(child.original) if isinstance(child, Syn) else None
            fused = bool(ref) and isinstance(child.original, (Words, Prefix))  # type: ignore[union-attr]
            if not fused:
                self._accumulate(child, 1.0, total)
            if isinstance(child, Syn):
                parts = [leaf for leaf, w in positive_leaves(child.original)
                         if w == 1.0 and not isinstance(leaf, Concepts)]
                single = len(parts) == 1 and ref is not None
                for leaf in parts:
                    w = self.concept_idf(child) if single else self.unit_weight(leaf)
                    whole += w
                    typed = set(self._cover(leaf, w, cover, total=total if fused else None,
                                            k=w / ref if fused and ref else 1.0))
                    # Where the typed word is missing, a tagged mention of the entry. It
                    # weighs what the entry weighs, never more than the typed word (but an
                    # acronym's spelled-out name is what was typed: LAC).
                    rarity = self.concepts_idf(child.concepts, w) if (
                        child.weight < ACRONYM_WEIGHT) else w
                    credit = min(w, rarity) * max(child.weight, CONCEPT_COVER)
                    self._cover(child.concepts, credit, cover, skip=typed,
                                total=total if fused else None, k=child.weight)
            else:
                w = self.unit_weight(child)
                whole += w
                self._cover(child, w, cover)
        if whole <= 0:
            return
        # A whole-array comprehension: cheaper than a loop over the matched documents' numbers.
        # The factor is written out (as in `coordination_at`), not made as a list first.
        inv = 1.0 / whole
        acc[:] = [a + weight * t * (c * c * inv * inv) if t else a
                  for a, t, c in zip(acc, total, cover, strict=True)]
        if node is self._top:  # the query's own words side by side (not a bracket's)
            self.coverage = (cover, inv)

    def _cover(self, node: Node | Concepts, weight: float, cover: list[float],
               skip: set[int] | frozenset[int] = frozenset(), total: list[float] | None = None,
               k: float = 1.0) -> list[int]:
        """Add weight x credit (0..1, see `_some`) to each matching document's cover, except
        those in `skip`; returns the documents matching (credited unless skipped). Text and
        tagged mentions earn their BM25 saturation; anything else that matches, full credit.
        With `total`: the node's scores times `k` are added to it too (all, as `_add` does)."""
        ref = (self.concepts_idf(node, 0.0) if isinstance(node, Concepts)
               else self._typed_idf(node) or 0.0)
        if ref > 0 and isinstance(node, (Words, Prefix, Concepts)):
            result = self._leaf(node)
            scale = weight / ref
            if total is not None:
                for g, s in zip(result.ids, result.scores, strict=True):
                    total[g] += s * k
                    if g not in skip:
                        c = s * scale
                        cover[g] += c if c < weight else weight
            elif skip:
                for g, s in zip(result.ids, result.scores, strict=True):
                    if g not in skip:
                        c = s * scale
                        cover[g] += c if c < weight else weight
            else:  # the usual case, without a look-up per document
                for g, s in zip(result.ids, result.scores, strict=True):
                    c = s * scale
                    cover[g] += c if c < weight else weight
            return result.ids
        if total is not None:
            _add(total, self._leaf(node), k)  # type: ignore[arg-type]
        ids = ids_of(self._bits(node))
        for g in ids:
            if g not in skip:
                cover[g] += weight
        return ids

    def _scored(self, node: Node | Concepts, weight: float) -> Iterator[tuple[LeafResult, float]]:
        """The positive parts with their weights (parts under NOT add nothing)."""
        if isinstance(node, Neg):
            return
        if isinstance(node, (Words, Prefix, Field, Concepts)):
            yield self._leaf(node), weight
        elif isinstance(node, Syn):  # of one typed word (`_accumulate` takes the others)
            typed = self._typed_idf(node.original)
            shared = self.concept_idf(node)
            yield from self._scored(node.original, weight * (shared / typed if typed else 1.0))
            yield self._leaf(node.concepts), weight * node.weight
        else:
            for child in node.children:
                yield from self._scored(child, weight)

    def title_bonus(self, root: Node) -> list[tuple[LeafResult, float]]:
        """Typed words (not expansions) found in titles, with the bonus each adds."""
        out = []
        for leaf in _typed_words(root):
            value = TITLE_BOOST * max(self.idf(F_BODY, s) for s in leaf.stems)
            out.append((self.phrase(F_TITLE, leaf.stems), value))
        return out

    def ranked(self, root: Node, check: Callable[[], bool] | None = None,
               ) -> tuple[int, list[float]]:
        bits, acc = self.evaluate(root, check)
        for result, value in self.title_bonus(root):
            for g in result.ids:  # a flat bonus, whatever the title's word counts
                acc[g] += value
        self.passage_bonus(root, bits, acc)
        return bits, acc

    def passage_bonus(self, root: Node, bits: int, acc: list[float]) -> None:
        """Add each leading document's best passage score (words meeting in one passage, close
        together), so a document that answers the query in one place beats one whose words are
        scattered. Only the RERANK best so far are read: the rest cannot be shown first anyway."""
        units = query_units(root, lambda s: self.idf(F_BODY, s),
                            lambda k: self.idf(F_CONCEPT, k), self.concept_idf)
        if not units or not bits:
            return
        ids = ids_of(bits & self.fast.live)
        best = heapq.nlargest(RERANK, ids, key=acc.__getitem__)
        whole = sum(u.weight for u in units)
        # A review tagged with an entry the query names scores as a mention would, in
        # proportion to the typed word (and to the review's coverage, like its other words).
        tags = [(self.tagged_among(syn.concepts, best),
                 TAG_WEIGHT * syn.weight * self.concept_idf(syn)) for syn in positive_syns(root)]
        doc_ids = self.fast.doc_ids
        self.reranked = {}
        for g in best:
            self._tick()
            did = doc_ids[g]
            if did is None:
                continue
            try:
                rows = self.fast.rows(did)
            except FastIndexError:
                continue
            if not rows:
                continue
            self.reranked[did] = rows
            top, held = max(rows_evidence(rows, units))
            share = held / whole if whole else 1.0
            acc[g] += PASSAGE_WEIGHT * top * share * share
            tag = sum(w for tagged, w in tags if g in tagged)
            if tag:
                acc[g] += tag * self.coordination_at(g)

    def coordination_at(self, g: int) -> float:
        """Document g's coordination factor in the last ranking (1 when no words are counted)."""
        if self.coverage is None:
            return 1.0
        cover, inv = self.coverage[0][g], self.coverage[1]
        return cover * cover * inv * inv

    def weighted_terms(self, terms: list[tuple[str, str, float]]) -> tuple[int, list[float]]:
        """An OR of (field, term, boost): documents like a given one (`related`)."""
        acc = [0.0] * self.fast.size
        bits = 0
        for field, term, boost in terms:
            r = self.term(field, term)
            bits |= r.bits
            _add(acc, r, boost)
        return bits & self.fast.live, acc


def top_some(root: Node) -> Some | None:
    """The query's own words side by side: the root, or the ranking part beside strict ones."""
    if isinstance(root, Some):
        return root
    if isinstance(root, AllOf):
        for child in root.children:
            if isinstance(child, Some):
                return child
    return None


def _add(acc: list[float], result: LeafResult, weight: float) -> None:
    """Add a part's scores, times its weight, to the per-document totals."""
    if weight == 1.0:
        for g, s in zip(result.ids, result.scores, strict=True):
            acc[g] += s
    else:
        for g, s in zip(result.ids, result.scores, strict=True):
            acc[g] += s * weight


def _typed_words(node: Node | None) -> Iterator[Words]:
    """Words and phrases as typed: not under NOT, and not a synonym group's other phrasings."""
    if node is None or isinstance(node, Neg):
        return
    if isinstance(node, Words):
        yield node
    elif isinstance(node, Syn):
        yield from _typed_words(node.original)
    elif isinstance(node, (AllOf, AnyOf)):
        for child in node.children:
            yield from _typed_words(child)


def deadline_check(deadline: float, should_stop: Callable[[], bool] | None,
                   ) -> Callable[[], bool]:
    def check() -> bool:
        return time.monotonic() > deadline or (should_stop is not None and should_stop())
    return check
