"""Marking matched words in text, as character spans (data, never markup)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache, partial
from itertools import compress, count, islice, pairwise

from ..api import SNIPPET_CHARS, Snippet
from .analysis import SENTENCE_GAP, WORD_RE, analyse, is_indexable, sentence_break, spans_and_terms

_LEAD_CHARS = 60  # context kept before the first match


def _targets(terms: Iterable[str]) -> dict[str, list[tuple[str, ...]]]:
    """Terms and phrases to look for, by their last term (a term first, then its phrases)."""
    return _make_targets(tuple(t for t in terms if isinstance(t, str)))


@lru_cache(maxsize=256)  # a page of hits asks for the same terms
def _make_targets(terms: tuple[str, ...]) -> dict[str, list[tuple[str, ...]]]:
    """Each given term is taken both as an analysed term (what SearchResult.terms holds) and as
    typed words, so "bruise" and "bruis" both work."""
    forms: set[tuple[str, ...]] = set()
    for term in terms:
        if term.strip():
            forms.update((tuple(term.split()), tuple(analyse(term))))
    by_last: dict[str, list[tuple[str, ...]]] = {}
    for ph in sorted(forms - {()}, key=lambda f: (len(f) > 1, f)):  # a term before its phrases
        by_last.setdefault(ph[-1], []).append(ph)
    return by_last


def _matches(text: str, terms: Iterable[str]) -> Iterator[tuple[int, int]]:
    """(start, end) of each occurrence of a term or phrase, in the order they end."""
    by_last = _targets(terms)
    if not by_last:
        return
    spans, stems = spans_and_terms(text)
    # Only the words a target ends with are looked at, picked out in C.
    for i in compress(count(), map(by_last.__contains__, stems)):
        for ph in by_last[stems[i]]:
            first = i + 1 - len(ph)
            if (first >= 0 and tuple(stems[first:i + 1]) == ph
                    and not _crosses_sentence(text, spans[first:i + 1])):
                yield spans[first][0], spans[i][1]


def find_spans(text: str, terms: Iterable[str]) -> list[tuple[int, int]]:
    """(start, end) offsets of every occurrence of the terms in text, merged and in order.

    Uses the index's analyser, so "bruising" is marked for the term "bruis" or "bruise"; a phrase
    term ("bed share") marks each run of its words as one span.
    """
    return _merge(list(_matches(text, terms))) if text else []


def _crosses_sentence(text: str, run: list[tuple[int, int]]) -> bool:
    """Does a sentence end inside this run of words? A phrase never spans one."""
    return any(sentence_break(text, a[1], b[0]) for a, b in pairwise(run))


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    spans.sort()
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(e, out[-1][1]))
        else:
            out.append((s, e))
    return out


def make_snippet(text: str, terms: Iterable[str], limit: int = SNIPPET_CHARS,
                 first_word: int | None = None) -> Snippet:
    """A short, one-line extract around the first match, with the spans marked in it.

    `first_word`, when the caller knows it (see `first_word`), is the index of the first matched
    indexed word, which saves analysing the text up to it."""
    flat = " ".join(text.split())
    terms = list(terms)
    start = 0
    if terms and len(flat) > limit:
        first = (_word_offset(flat, first_word) if first_word is not None
                 else next(_matches(flat, terms), (None,))[0])
        if first is not None and first > limit - _LEAD_CHARS:
            start = flat.rfind(" ", 0, max(0, first - _LEAD_CHARS)) + 1
    return Snippet.cut(flat, start, limit, partial(find_spans, terms=terms) if terms else None)


def first_word(padded_terms: str, terms: Iterable[str]) -> int | None:
    """Index of the first word of a passage where any term or phrase starts, given the
    passage's analysed terms as " a b c " (rows.Row.terms)."""
    best = -1
    for t in terms:
        at = padded_terms.find(f" {t} ")
        if at >= 0 and (best < 0 or at < best):
            best = at
    if best < 0:
        return None
    # Words before it, not counting the sentence ends the stored terms mark.
    return padded_terms.count(" ", 0, best) - padded_terms.count(f" {SENTENCE_GAP} ", 0, best + 1)


def _word_offset(text: str, index: int) -> int | None:
    """Character offset of the index-th indexed word (no stemming needed to count them)."""
    words = (m for m in WORD_RE.finditer(text) if is_indexable(m.group().lower()))
    found = next(islice(words, index, None), None)
    return found.start() if found else None

