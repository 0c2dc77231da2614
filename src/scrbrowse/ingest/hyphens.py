"""Mend words that a PDF's line breaks split with a hyphen ("anony- mous", "ba-\\nbies").

Text copied out of a PDF (or a web page made from one) keeps the typesetter's hyphenation: the
halves of a word end up apart, so neither search nor tagging finds "anonymous" or "babies". Only a
lower-case fragment, a hyphen and then a space or line break, and a lower-case continuation are
mended. A real compound broken at its hyphen keeps the hyphen ("co- sleeping" -> "co-sleeping"),
and a suspended hyphen before "and"/"or"/"to" ("pre- and post-natal") is left as written.
"""

from __future__ import annotations

import re

# Prefixes that English writes with a hyphen: broken after one, the word keeps it.
_HYPHENATED_PREFIXES = frozenset({
    "anti", "co", "cross", "ex", "inter", "intra", "multi", "non", "over", "post", "pre", "pro", "re",
    "self", "semi", "sub", "under", "well", "half", "part", "full", "long", "short", "high", "low",
    "face", "great", "all", "ill", "one", "two", "three",
    "four", "five", "six", "seven", "eight", "nine", "ten", "twelve", "sixteen", "eighteen",
})
_SUSPENDED = frozenset({"and", "or", "to", "nor"})

# "fragment- continuation" or "fragment-\n  continuation": lower-case on both sides. The left side
# must be a whole fragment (not the end of "e-" in "e-safety" typed with a space: that has one letter).
_SPLIT = re.compile(r"(?<![\w-])([a-z]{2,})-(?:[ \t]+|[ \t]*\r?\n[ \t]*)([a-z]+)")


def mend_hyphens(text: str) -> str:
    def join(m: re.Match[str]) -> str:
        left, right = m.group(1), m.group(2)
        if right in _SUSPENDED:
            return m.group(0)
        glue = "-" if left in _HYPHENATED_PREFIXES else ""
        # A join across a line break keeps the line break after the mended word, so the layout
        # (headings, bullets) the structure reader relies on is not changed.
        tail = "\n" if "\n" in m.group(0) else ""
        return f"{left}{glue}{right}{tail}"

    return _SPLIT.sub(join, text)
