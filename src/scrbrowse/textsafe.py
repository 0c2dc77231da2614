"""Making untrusted text safe to show: corpus and query text must never act on a terminal.

Rich/Textual markup is handled where text is rendered (always as literal `Text`/`Content`); this
module removes what would act on the terminal itself: escape sequences (CSI, OSC 52 clipboard writes,
OSC 8 links), C0/C1 control characters, and bidirectional overrides that can disguise text.
"""

from __future__ import annotations

import re

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
# Bidi embeddings/overrides/isolates, and other invisible format characters that disguise text.
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def clean(text: str, *, keep_newlines: bool = True) -> str:
    """Remove escape sequences, control characters and bidi overrides; keep ordinary text as is."""
    if not text:
        return text
    text = _ESCAPE_SEQ.sub("", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    text = _BIDI.sub("", text)
    if not keep_newlines:
        text = " ".join(text.split())
    return text


def one_line(text: str, limit: int | None = None) -> str:
    """Cleaned, on one line, optionally cut with an ellipsis."""
    out = clean(text, keep_newlines=False)
    if limit is not None and len(out) > limit:
        out = out[: max(0, limit - 1)].rstrip() + "…"
    return out
