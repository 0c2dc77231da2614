"""Making untrusted text safe to show: corpus and query text must never act on a terminal.

Rich/Textual markup is handled where text is rendered (always as literal `Text`/`Content`); this
module removes what would act on the terminal itself or disguise text, and is the one sanitiser every
string passes before a terminal (the command line also guards its output streams with
`terminal_text`, see `scrbrowse.cli`):

- escape sequences (CSI, OSC 52 clipboard writes, OSC 8 links, DCS/SOS/PM/APC strings, 8-bit CSI);
- C0 controls except tab and newline, DEL, and C1 controls (U+0080-U+009F, NEL included);
- bidirectional embeddings, overrides, isolates and marks (U+202A-202E, U+2066-2069, U+200E,
  U+200F, U+061C), which can make text read differently from what it is;
- every Unicode Default_Ignorable_Code_Point: zero-width characters (U+200B-200D, U+2060-2064,
  U+FEFF), Hangul fillers (U+115F, U+1160, U+3164, U+FFA0), the soft hyphen, variation selectors,
  tag characters (U+E0000-E007F) and the rest of U+E0000-E0FFF, which are invisible yet shift the
  layout or smuggle text;
- lone surrogates (from undecodable file names), which become U+FFFD rather than crash the output;
- carriage returns and the line/paragraph separators U+2028/U+2029, which become newlines.
"""

from __future__ import annotations

import re
from typing import Any

# ESC-introduced sequences: CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST), DCS/SOS/PM/APC strings,
# and two-character escapes.
_ESCAPE_SEQ = re.compile(
    r"""
    \x1b\[[0-?]*[ -/]*[@-~]              # CSI
  | \x1b[\]PX^_][^\x07\x1b]*(?:\x07|\x1b\\|$)   # OSC, DCS, SOS, PM, APC up to BEL or ST
  | \x1b[@-Z\\-_]                        # other two-character escapes
  | \x9b[0-?]*[ -/]*[@-~]                # 8-bit CSI
  | [\x90\x9d\x9e\x9f][^\x07\x9c]*(?:\x07|\x9c|$)  # 8-bit string controls
    """,
    re.VERBOSE,
)
# C0 controls except tab and newline, DEL, C1 controls.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Bidi controls, and every Default_Ignorable_Code_Point (Unicode DerivedCoreProperties): invisible
# characters that disguise text or shift the layout. The bidi controls are a subset; they are listed
# on their own line for the reader.
_INVISIBLE = re.compile(
    "["
    "\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c"  # bidi embeddings, overrides, isolates, marks
    "\u00ad\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200d\u2060-\u206f\u3164"
    "\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff"
    "]"
)
_SURROGATE = re.compile("[\ud800-\udfff]")
_NEWLINES = re.compile("\r\n|[\r\u2028\u2029]")


def clean(text: str, *, keep_newlines: bool = True) -> str:
    """Remove escape sequences, control characters, bidi controls and invisible characters; keep
    ordinary text as is. Newlines (and tabs) stay unless `keep_newlines` is false, when all runs of
    whitespace become one space."""
    if not text:
        return text
    text = _ESCAPE_SEQ.sub("", text)
    text = _NEWLINES.sub("\n", text)
    text = _CONTROL.sub("", text)
    text = _INVISIBLE.sub("", text)
    text = _SURROGATE.sub("\ufffd", text)
    if not keep_newlines:
        text = " ".join(text.split())
    return text


def one_line(text: str, limit: int | None = None) -> str:
    """Cleaned, on one line, optionally cut with an ellipsis."""
    out = clean(text, keep_newlines=False)
    if limit is not None and len(out) > limit:
        out = out[: max(0, limit - 1)].rstrip() + "…"
    return out


def clean_data(value: Any) -> Any:
    """Every string in JSON-like data (keys included) cleaned, for printing as JSON."""
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, (list, tuple)):
        return [clean_data(v) for v in value]
    if isinstance(value, dict):
        return {clean(str(k)): clean_data(v) for k, v in value.items()}
    return value


def terminal_text(chunk: str) -> str:
    """What may go to a terminal from one write of the command line's output: the last guard
    behind the per-value `clean`/`one_line` calls. Works character by character, so it holds
    however output is split into writes. A carriage return is kept only as the first character of
    a write (a progress line redrawn in place); anywhere else it becomes a newline, so text cannot
    overwrite what was printed before it on its line."""
    if not chunk:
        return chunk
    head = ""
    if chunk[0] == "\r":
        head, chunk = "\r", chunk[1:]
    chunk = _NEWLINES.sub("\n", chunk)
    chunk = _CONTROL.sub("", chunk)
    chunk = _INVISIBLE.sub("", chunk)
    return head + _SURROGATE.sub("\ufffd", chunk)
