"""What every extractor returns."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..blocks import Block
from ..limits import DEFAULT_LIMITS

# More text than this is not a learning document's worth; cutting keeps records under the corpus
# loader's 2 MiB file limit (the cut is listed in the draft's checks). See limits.Limits.
MAX_TEXT_CHARS = DEFAULT_LIMITS.max_text_chars


@dataclass
class Extraction:
    blocks: list[Block]
    # Things a person should check about the extraction itself (cut text, two-column pages, ...).
    notes: list[str] = field(default_factory=list)
    # Metadata the file carried (PDF /Title, creation date): hints for the checks, never trusted.
    hints: dict[str, str] = field(default_factory=dict)
