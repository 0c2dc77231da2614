"""Site furniture recognised line by line: navigation, breadcrumbs, cookie and footer wording.

Plain-text predicates with no other imports, used both when lines are grouped into blocks (a menu
line must not be joined to the title under it) and when blocks are cleaned (boilerplate.py).
"""

from __future__ import annotations

import re

# Whole lines that are site furniture (matched against the lower-cased line, end punctuation off).
_FURNITURE = re.compile(
    r"(skip to (the )?(main )?(content|navigation|menu)|skip navigation|(main |site )?menu|home( page)?"
    r"|search( this site| the site)?|back to (the )?top|(go to )?top of (the )?page|print( this page)?"
    r"|share( this( page)?)?( on \w+)?|email this page|contact us|about us|accessibility( statement)?"
    r"|privacy( and cookies)?( policy| notice| statement)?|cookies?( policy| settings| preferences)?"
    r"|(accept|reject|allow|manage)( all)?( cookies)?|sign in|log ?in|log out|register|sitemap"
    r"|site map|terms( and conditions| of use)?|disclaimer|follow us( on .*)?|subscribe( .*newsletter)?"
    r"|newsletter( sign ?up)?|you are here|breadcrumb|translate( this page)?|select language"
    r"|(page )?last (updated|reviewed|modified)( on)?:? .{0,40}|was this page (useful|helpful)( .*)?"
    r"|open menu|close menu|toggle navigation|related (pages|content))",
    re.IGNORECASE)
_COPYRIGHT = re.compile(r"^(©|\(c\)|copyright\b)|\ball rights reserved\b", re.IGNORECASE)
_COOKIE_SENTENCE = re.compile(
    r"\bcookies?\b.*\b(we use|this (web)?site|our (web)?site|accept|browsing|experience|analytics)\b"
    r"|\b(we use|this (web)?site uses|our (web)?site uses)\b.*\bcookies?\b", re.IGNORECASE)
# "Home > Practitioners > Learning from reviews", "Home / About / ...", "Home » ..."
_BREADCRUMB = re.compile(r"^home\s*(>|»|›|/|\|)\s*\S|\S\s*(>|»|›)\s*\S.*\s(>|»|›)\s*\S", re.IGNORECASE)
LETTER = re.compile(r"[^\W\d_]")



def _norm(text: str) -> str:
    return " ".join(text.split()).strip().rstrip(".:;|").strip()


def is_cookie_or_copyright(text: str) -> bool:
    """Cookie-banner, copyright or breadcrumb text: never the document's own, even as a list item."""
    text = _norm(text)
    if len(text.split()) <= 12 and _BREADCRUMB.search(text):
        return True
    if _COPYRIGHT.search(text) and len(text.split()) <= 25:
        return True
    return bool(_COOKIE_SENTENCE.search(text)) and len(text.split()) <= 60


def furniture_line(text: str) -> bool:
    """A whole line of site navigation, cookie or footer text, or a line with (almost) no letters."""
    text = _norm(text)
    if len(LETTER.findall(text)) < 2:
        return True
    if len(text.split()) <= 12 and _FURNITURE.fullmatch(text.lower()):
        return True
    return is_cookie_or_copyright(text)
