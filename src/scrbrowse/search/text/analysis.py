"""The one text analyser used for indexing, queries, did-you-mean and highlighting.

It gives the same tokens as Whoosh's `StemmingAnalyzer()` (word regex, lower case, English stop
words, words of 2+ letters, Porter stems) in a single loop: the composed Whoosh chain runs four
Python generators per word, which made indexing analysis-bound at national scale.

Text is first brought to Unicode's NFKC form, as typed queries are (`query/syntax.py`): ligatures from
PDFs ("ofﬁcer"), decomposed accents ("Zoe" + U+0308) and full-width letters then index as the
words people type. Character offsets (highlighting) still point into the original text.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterator
from functools import lru_cache
from itertools import compress
from operator import itemgetter
from typing import Any

from whoosh.analysis import STOP_WORDS, Analyzer, Token
from whoosh.lang.porter import stem as _porter_stem

WORD_RE = re.compile(r"\w+(?:\.\w+)*")
MIN_WORD = 2
# Longer "words" are base64, URLs or noise; indexing them only bloats the term list.
MAX_WORD = 60

_STEM_CACHE_MAX = 200_000
# The Porter stem of a lower-case word, cached. Module-level so the analyser pickles small (its
# schema is stored in the index) and all instances share it.
stem: Callable[[str], str] = lru_cache(maxsize=_STEM_CACHE_MAX)(_porter_stem)


# -- Unicode normal form

_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def _pieces(text: str) -> tuple[str, list[tuple[int, int, int, int]]]:
    """NFKC of the text, and where each changed piece came from: (normalised start, normalised
    end, original start, original end).

    Only runs of non-ASCII characters can change (with the character before, which a combining
    mark joins); each run is taken character by character with its marks, so a highlight
    stays on the very characters of a word, and as a whole where that would differ (Hangul
    jamo, vowel signs that compose). No table to build: the first search pays nothing."""
    out: list[str] = []
    pieces: list[tuple[int, int, int, int]] = []
    done = 0  # original text copied so far
    length = 0  # normalised text so far
    normalize, combining = unicodedata.normalize, unicodedata.combining
    for m in _NON_ASCII.finditer(text):
        a, b = m.span()
        if a > done:
            a -= 1
        run = text[a:b]
        if unicodedata.is_normalized("NFKC", run):
            continue
        spans: list[tuple[int, int]] = []
        i = a
        while i < b:
            j = i + 1
            while j < b and combining(text[j]):
                j += 1
            spans.append((i, j))
            i = j
        parts = [normalize("NFKC", text[i:j]) for i, j in spans]
        whole = normalize("NFKC", run)
        if "".join(parts) != whole:
            spans, parts = [(a, b)], [whole]
        for (i, j), new in zip(spans, parts, strict=True):
            if new == text[i:j]:
                continue
            out.append(text[done:i])
            length += i - done
            out.append(new)
            pieces.append((length, length + len(new), i, j))
            length += len(new)
            done = j
    out.append(text[done:])
    return "".join(out), pieces


def normalise(text: str) -> str:
    """The text in Unicode's NFKC form (queries get the same in `query/syntax.py`)."""
    return _normalise_with_offsets(text)[0]


class _OffsetMap:
    """Offsets in normalised text -> offsets in the original."""

    __slots__ = ("pieces", "starts")

    def __init__(self, pieces: list[tuple[int, int, int, int]]) -> None:
        self.pieces = pieces
        self.starts = [p[0] for p in pieces]

    def start(self, x: int) -> int:
        i = bisect_right(self.starts, x) - 1
        if i < 0:
            return x
        _ns, ne, os_, oe = self.pieces[i]
        return os_ if x < ne else x - ne + oe

    def end(self, y: int) -> int:
        i = bisect_right(self.starts, y - 1) - 1
        if i < 0:
            return y
        _ns, ne, _os, oe = self.pieces[i]
        return oe if y - 1 < ne else y - ne + oe


def _normalise_with_offsets(text: str) -> tuple[str, _OffsetMap | None]:
    if text.isascii() or unicodedata.is_normalized("NFKC", text):
        return text, None
    norm, pieces = _pieces(text)
    return norm, _OffsetMap(pieces)


def is_indexable(word: str) -> bool:
    """Would the analyser keep this lower-case word (not a stop word, not too short or long)?"""
    return MIN_WORD <= len(word) <= MAX_WORD and word not in STOP_WORDS


class FastStemmingAnalyzer(Analyzer):
    """Drop-in equivalent of `StemmingAnalyzer()`; honours Whoosh's analyser keyword arguments."""

    is_morph = True  # Whoosh's `has_morph()`: the body gets a separate, unstemmed spelling field

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        no_morph: bool = False,
        nomorph: bool = False,
        **kwargs: Any,
    ) -> Iterator[Token]:
        t = Token(positions, chars, removestops=removestops, **kwargs)
        morph = not (no_morph or nomorph)
        if isinstance(value, Preanalysed) and tokenize and not chars:
            # The indexer analysed this text already (for the stored passages): replay it. A
            # (SENTENCE_GAP, SENTENCE_GAP) pair takes a position and yields no term, so no phrase
            # runs from one passage or sentence into the next.
            for pos, (raw, term) in enumerate(value.tokens, start_pos):
                if raw == SENTENCE_GAP:
                    continue
                t.text = term if morph else raw
                t.boost = 1.0
                t.stopped = False
                if keeporiginal:
                    t.original = raw
                if positions:
                    t.pos = pos
                yield t
            return
        if not tokenize:
            t.original = t.text = value
            t.boost = 1.0
            t.stopped = False
            if positions:
                t.pos = start_pos
            if chars:
                t.startchar = start_char
                t.endchar = start_char + len(value)
            yield t
            return
        pos = start_pos
        value, offsets = _normalise_with_offsets(value)
        for m in WORD_RE.finditer(value):
            word = m.group().lower()
            stopped = not is_indexable(word)
            if stopped and removestops:
                continue
            if keeporiginal:
                t.original = m.group()
            t.text = stem(word) if (morph and not stopped) else word
            t.boost = 1.0
            t.stopped = stopped
            if positions:
                # Stop words take no position, as with StopFilter(renumber=True), so a phrase
                # typed with or without "the"/"of" matches the same text.
                t.pos = pos
                if not stopped:
                    pos += 1
            if chars:
                a, b = m.span() if offsets is None else (offsets.start(m.start()), offsets.end(m.end()))
                t.startchar, t.endchar = start_char + a, start_char + b
            yield t


class Preanalysed(str):
    """Text whose indexed words are known already: (lower-case word, term) in order. Made and
    used in the process that writes the segment (`index/passage_rows.py`), never pickled."""

    tokens: list[tuple[str, str]]

    def __new__(cls, text: str, tokens: list[tuple[str, str]]) -> Preanalysed:
        obj = super().__new__(cls, text)
        obj.tokens = tokens
        return obj


ANALYZER = FastStemmingAnalyzer()


class _PairCache(dict[str, tuple[str, str] | tuple[()]]):
    """Each word as written -> (lower-case word, term), or () when it is not indexed. Indexing asks
    for every word of the corpus, and one dictionary look-up per word beats lower(), the stop-word
    test and the stem cache. Bounded like the stem cache."""

    def __missing__(self, raw: str) -> tuple[str, str] | tuple[()]:
        word = raw.lower()
        pair: tuple[str, str] | tuple[()] = (word, stem(word)) if is_indexable(word) else ()
        if len(self) >= _STEM_CACHE_MAX:
            self.clear()
        self[raw] = pair
        return pair


_PAIRS = _PairCache()


def analyse_words(text: str) -> list[tuple[str, str]]:
    """(lower-case word, term) for each indexed word of a text."""
    pairs = _PAIRS
    return [pair for raw in WORD_RE.findall(normalise(text)) if (pair := pairs[raw])]


# A stored passage's analysed terms mark each sentence end with this (no word can be "."), so a
# phrase, a taxonomy phrasing or a proximity window never runs on from one sentence into the
# next ("family. To support" is not "family support"). Only in stored rows: Whoosh's body
# field and queries never see it.
SENTENCE_GAP = "."
# A sentence ends at . ! ? (then optional closing quotes or brackets) before white space, at a
# blank line, or before a list item on its own line.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+|\n\s*\n|\n(?=\s*(?:[-•*–]|\d{1,2}[.)])\s)")


def analyse_sentences(text: str) -> list[tuple[str, str]]:
    """`analyse_words`, with (SENTENCE_GAP, SENTENCE_GAP) between sentences."""
    out: list[tuple[str, str]] = []
    for pairs in filter(None, map(analyse_words, _SENTENCE_END.split(text))):
        out += [(SENTENCE_GAP, SENTENCE_GAP), *pairs] if out else pairs
    return out


def sentence_break(text: str, start: int, end: int) -> bool:
    """Does a sentence end between these offsets (the gap between two words)?"""
    return _SENTENCE_END.search(text[start:end] + " ") is not None


def analyse(text: str) -> list[str]:
    """The index terms of a piece of text, in order (what ANALYZER yields, without its
    per-token objects)."""
    return [term for _word, term in analyse_words(text)]


def spans_and_terms(text: str) -> tuple[list[tuple[int, int]], list[str]]:
    """The (start, end) and the term of each indexed word of a text: the analyser's output with
    character offsets, found in C (`map`, `compress`; highlighting runs this on every snippet)."""
    norm, offsets = _normalise_with_offsets(text)
    found = list(WORD_RE.finditer(norm))
    pairs = list(map(_PAIRS.__getitem__, map(re.Match.group, found)))
    spans = list(map(re.Match.span, compress(found, pairs)))
    if offsets is not None:
        spans = [(offsets.start(a), offsets.end(b)) for a, b in spans]
    return spans, list(map(itemgetter(1), compress(pairs, pairs)))

