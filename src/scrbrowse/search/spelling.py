"""Did you mean: corrections for typed words that are not in the corpus.

Candidates come from Whoosh's spelling field (unstemmed words), nearest edit distance first, then
the commonest; two words run together ("cosleeping") are split. A corrected query is offered
only when it finds something. Bounded: at most three words, of up to 24 letters, per query.
"""

from __future__ import annotations

import re
import time

from .analysis import WORD_RE, is_indexable, stem
from .matching import root_query
from .query import Plan
from .schema import BODY, SPELL
from .view import IndexView

MAX_SUGGEST_WORDS = 3  # unknown words corrected per query
MAX_SUGGEST_CHARS = 24
MAX_SPLIT_HEAD = 8  # "childprotection" -> "child protection"; longer heads are unlikely


def suggest(view: IndexView, plan: Plan, deadline: float) -> str | None:
    text = plan.text
    unknown = []
    for typed in plan.words:
        for m in WORD_RE.finditer(typed):
            word = m.group().lower()
            # Long "words" are not misspellings of anything a person would look for.
            if (3 <= len(word) <= MAX_SUGGEST_CHARS and word.isalpha() and is_indexable(word)
                    and not view.known(stem(word))):
                unknown.append(m.group())
    changed = False
    for raw in unknown[:MAX_SUGGEST_WORDS]:
        if time.monotonic() > deadline:
            return None
        fix = correct(view, raw.lower())
        if fix is not None:
            text, n = _replace_word(text, raw, fix)
            changed = changed or n > 0
    if not changed or text == plan.text:
        return None
    corrected = view.plan(text)
    if corrected.root is None:
        return None
    ranked = view.rank((corrected.text, False), root_query(corrected.root), deadline,
                       corrected.root)
    return corrected.text if ranked.ids else None

def correct(view: IndexView, word: str) -> str | None:
    # Two words run together ("cosleeping"): the index holds "co" and "sleeping".
    for i in range(2, min(len(word) - 2, MAX_SPLIT_HEAD + 1)):
        a, b = word[:i], word[i:]
        if (is_indexable(a) and is_indexable(b) and view.in_vocabulary(a)
                and view.in_vocabulary(b) and view.known(stem(b))):
            return f"{a}-{b}" if len(a) <= 3 else f"{a} {b}"
    # Closest spelling, nearest edit distance first, then the commonest. Two edits only for
    # longer words: "crawl" is not "call".
    for dist in (1, 2) if len(word) >= 6 else (1,):
        cands = [w for w in view.reader.terms_within(SPELL, word, dist, prefix=1)
                 if w != word and view.known(stem(w))]
        if cands:
            return max(cands, key=lambda w: (view.reader.doc_frequency(BODY, stem(w)), w))
    return None


def _replace_word(text: str, word: str, new: str) -> tuple[str, int]:
    return re.subn(rf"(?<!\w){re.escape(word)}(?!\w)", lambda _m: new, text, count=1,
                   flags=re.IGNORECASE)
