"""Website furniture taken out before structure is read: menus, breadcrumbs, cookie and footer text.

Briefings copied from a partnership's web page arrive with "Skip to content", the section menu
("Our training and resources"), breadcrumbs ("Home > Practitioners > Learning"), cookie banners
and footers. Left in, they became title lines ("Skip to content: Our training and resources:
Learning briefing ...") and tags (a menu's "Training" tagged training). Three rules, each about the
layout, never about one site's words:

1. a line that is a known piece of site furniture (navigation verbs, cookie or footer wording,
   breadcrumbs, a line with no words) is dropped wherever it is;
2. on a copied web page (furniture at its top), short menu-like lines above the title are dropped
   when a line a few lines down names the document ("Learning briefing", "Serious Case Review").

What was dropped is counted in a check, so nothing disappears unseen.
"""

from __future__ import annotations

import re

from .blocks import Block, Kind
from .furniture import furniture_line, is_cookie_or_copyright

# A line that names the document: where the title starts on a web page.
DOCUMENT_NAME = re.compile(
    r"\b(briefing|learning|lessons?|reviews?|summary|report|SCRs?|CSPRs?|LCSPR|SILP|thematic"
    r"|7[- ]minute|seven[- ]minute)\b|\b(Child|Baby|Infant|Young Person)\s+[A-Z]{1,2}\d?\b",
    re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?:;,]$")
MENU_WORDS = 6  # a menu entry is short
TOP_LINES = 6  # how far down the title may start under a page's menu


def _norm(text: str) -> str:
    return " ".join(text.split()).strip().rstrip(".:;|").strip()


def is_furniture(b: Block) -> bool:
    """A line of site navigation, cookie or footer text, or a line with (almost) no letters.

    List items are the document's own content unless they are cookie, copyright or breadcrumb text:
    an item "2018-03" or "Home visits" is kept.
    """
    text = _norm(b.text)
    if "\n" in text:
        return all(is_furniture(Block(b.kind, line)) for line in text.split("\n") if line.strip())
    if b.kind is Kind.ITEM:
        return is_cookie_or_copyright(text)
    return furniture_line(text)


def _menu_like(b: Block) -> bool:
    text = _norm(b.text)
    return (b.kind is not Kind.ITEM and 0 < len(text.split()) <= MENU_WORDS
            and not _SENTENCE_END.search(b.text.strip()) and "\n" not in text)


def strip_boilerplate(blocks: list[Block]) -> tuple[list[Block], list[str]]:
    """The blocks without site furniture, and a check saying what was taken out."""
    kept = [b for b in blocks if not is_furniture(b)]
    dropped = [b.text for b in blocks if is_furniture(b)]
    # Menu lines above the title: the first line naming the document starts the page's content.
    # Only on a copied web page (site furniture at its top): a printed briefing's first short
    # line ("Safer sleep" over "7 minute briefing") is its title.
    web_page = any(is_furniture(b) for b in blocks[:TOP_LINES])
    top = kept[:TOP_LINES]
    start = next((i for i, b in enumerate(top) if DOCUMENT_NAME.search(b.text)), 0)
    if (web_page and start and all(_menu_like(b) for b in top[:start])
            and not any(b.title_hint for b in top[:start])):
        dropped += [b.text for b in kept[:start]]
        kept = kept[start:]
    notes = []
    if dropped:
        shown = ", ".join(f"\"{_norm(t)[:30]}\"" for t in dropped[:4])
        more = f" and {len(dropped) - 4} more" if len(dropped) > 4 else ""
        notes.append(f"text: {len(dropped)} line(s) of website navigation, cookie or footer text "
                     f"were left out ({shown}{more}); check nothing of the document's own was lost")
    return kept, notes
