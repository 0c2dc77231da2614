"""Small helpers for the overview screens and commands: bars of a bar chart, and theme or agency
names as a person types them. No Textual, no I/O.

The counts themselves (reviews per theme, co-occurring pairs, the reflective question bank) come
from the search index: `SearchEngine.tag_stats` and `SearchEngine.question_bank`
(`search/corpus_overview.py`), so no screen or command reads every corpus file to show them.
"""

from __future__ import annotations

import difflib
from typing import Literal

from .taxonomy import Taxonomy

Vocabulary = Literal["themes", "agencies"]


_EIGHTHS = " ▏▎▍▌▋▊▉"


def bar(count: int, maximum: int, width: int) -> str:
    """A horizontal bar of `width` cells at most, in eighth-cell steps (plain text, no markup).
    A non-zero count always shows at least a sliver."""
    if maximum <= 0 or count <= 0 or width <= 0:
        return ""
    eighths = max(1, round(min(count, maximum) / maximum * width * 8))
    full, rest = divmod(eighths, 8)
    return "█" * full + (_EIGHTHS[rest] if rest else "")


def resolve_term(taxonomy: Taxonomy, vocabulary: Vocabulary, text: str) -> str | None:
    """A theme/agency id from what a person typed: the id, the label or a synonym (any case)."""
    key = text.strip().lower()
    vocab = taxonomy.vocabulary(vocabulary)
    if key in vocab:
        return key
    for term in vocab.values():
        if key == term.label.lower() or key in (s.lower() for s in term.synonyms):
            return term.id
    return None


def close_terms(taxonomy: Taxonomy, vocabulary: Vocabulary, text: str, n: int = 5) -> list[str]:
    """Ids that look like `text`, for "did you mean" messages."""
    vocab = taxonomy.vocabulary(vocabulary)
    key = text.strip().lower()
    by_label = {t.label.lower(): t.id for t in vocab.values()}
    near = difflib.get_close_matches(key, list(vocab), n=n, cutoff=0.6)
    near += [by_label[x] for x in difflib.get_close_matches(key, list(by_label), n=n, cutoff=0.6)]
    near += [t.id for t in vocab.values() if key and (key in t.id or key in t.label.lower())]
    return list(dict.fromkeys(near))[:n]
