"""Did you mean: corrections for typed words that are not in the corpus.

Candidates come from Whoosh's spelling field (unstemmed words), nearest edit distance first, then
the commonest; two words run together ("cosleeping") are split. A corrected query is offered
only when it finds something. Bounded: at most three words, of up to 24 letters, per query.
"""

from __future__ import annotations

import re
import time

from whoosh.support.levenshtein import damerau_levenshtein

from .query.plan import Plan, Words, positive_leaves, positive_syns
from .snapshot import IndexView
from .text.analysis import WORD_RE, is_indexable, stem

MAX_SUGGEST_WORDS = 3  # unknown words corrected per query
# A word of three letters the corpus lacks ("let", "dad") is far likelier an everyday word than a
# slip, and any correction of it a guess ("led"): left as typed.
MIN_SUGGEST_CHARS = 4
MAX_SUGGEST_CHARS = 24
MAX_SPLIT_HEAD = 8  # "childprotection" -> "child protection"; longer heads are unlikely
MAX_SPELL_SCAN = 20_000  # words read for one correction, at most


def suggest(view: IndexView, plan: Plan, deadline: float) -> str | None:
    text = plan.text
    # A word that names a taxonomy entry ("dad" for fathers) was understood, even if no review
    # uses it: correcting it ("day") would only mislead.
    named = {w.lower() for syn in positive_syns(plan.root) for leaf, _ in positive_leaves(syn.original)
             if isinstance(leaf, Words) for w in WORD_RE.findall(leaf.raw)}
    # Long "words" are not misspellings of anything a person would look for.
    unknown = [raw for typed in plan.words for raw in WORD_RE.findall(typed)
               if MIN_SUGGEST_CHARS <= len(word := raw.lower()) <= MAX_SUGGEST_CHARS and word.isalpha()
               and is_indexable(word) and word not in named and not view.known(stem(word))]
    for raw in unknown[:MAX_SUGGEST_WORDS]:
        if time.monotonic() > deadline:
            return None
        fix = correct(view, raw.lower())
        if fix is not None:  # where it first stands as a whole word; `fix` as text, not a template
            text = re.sub(rf"(?<!\w){re.escape(raw)}(?!\w)", fix.replace("\\", r"\\"), text, count=1,
                          flags=re.IGNORECASE)
    if text == plan.text:
        return None
    corrected = view.plan(text)
    finds = (corrected.root is not None
             and view.rank((corrected.text, False), corrected.root, deadline).bits)
    return corrected.text if finds else None


def correct(view: IndexView, word: str) -> str | None:
    """The likeliest intended word (cached per index version: typing asks again and again)."""
    cache = view.corrections
    if word not in cache:
        if len(cache) > 2000:
            cache.clear()
        cache[word] = _correct(view, word)
    return cache[word]


def _correct(view: IndexView, word: str) -> str | None:
    # Two words run together ("cosleeping"): the index holds "co" and "sleeping".
    for i in range(2, min(len(word) - 2, MAX_SPLIT_HEAD + 1)):
        a, b = word[:i], word[i:]
        if (is_indexable(a) and is_indexable(b) and view.in_vocabulary(a)
                and view.in_vocabulary(b) and view.known(stem(b))):
            return f"{a}-{b}" if len(a) <= 3 else f"{a} {b}"
    # Closest spelling, nearest edit distance first, then the commonest. Two edits only for long
    # words: "crawl" is not "call", "rolled" not "role", "wouldnt" not "would". Candidates share
    # the first two letters and are near in length, and distances are computed here in one pass:
    # Whoosh's `terms_within` ran a Python edit distance over every word with the same first
    # letter, twice (0.5 s at 10k). Adjacent swaps count one edit (Damerau-Levenshtein).
    max_dist = 2 if len(word) >= 8 else 1
    near = [(dist, cand) for cand in view.words_from(word[:2], MAX_SPELL_SCAN)
            if cand != word and abs(len(cand) - len(word)) <= max_dist
            and (dist := damerau_levenshtein(word, cand, max_dist)) <= max_dist]
    found = [(dist, -df, cand) for dist, cand in near if (df := view.doc_frequency(stem(cand))) > 0]
    return min(found)[2] if found else None
