"""Reading a typed query: cleaning, tokens, and the bracket/OR/NOT structure (no analysis).

Our own small parser rather than Whoosh's: Whoosh's raises on some inputs (`NOT NOT x`) and its
errors cannot be explained to a supervisor. Every input gives a tree; anything unusable is
dropped or read as words, with a gentle note.

Grammar (OR binds tighter than the implicit AND, as in web search):
    query  := group*                       all groups must match
    group  := unary ("OR" unary)*
    unary  := ("NOT" | "-")* atom
    atom   := "(" query ")" | "phrase" | field:value | field:"phrase" | word | word*
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar, Union

from ...textsafe import clean

MAX_QUERY_CHARS = 500
MAX_DEPTH = 6  # nested brackets

# What people may type before a colon, and the field it means.
FIELD_NAMES = {
    "theme": "theme", "themes": "theme", "topic": "theme",
    "agency": "agency", "agencies": "agency",
    "board": "board", "area": "board", "partnership": "board",
    "year": "year", "child": "child",
    "type": "type", "doctype": "type", "doc_type": "type",
}

# Notes, in plain words (all of them here, so their wording is easy to review).
NOTE_CUT = "Your search was long, so only its first {n} characters were used."
NOTE_TERMS = "Only the first {n} words of your search were used."
NOTE_QUOTE = "A quotation mark had no partner, so those words were searched without it."
NOTE_BRACKET = "Brackets did not pair up, so they were ignored."
NOTE_DEEP = "Brackets were nested too deeply; the inner ones were ignored."
NOTE_DANGLING = "“{op}” needs a word on each side, so it was ignored."
NOTE_WILD_SHORT = ("“*” needs at least {n} letters before it (like fath*), so “{w}” was searched "
                   "as a word.")
NOTE_WILD_MIDDLE = "“*” works only at the end of a word (like fath*), so “{w}” was searched as words."
NOTE_PREFIX_MANY = "Many words start with “{p}”; the {n} most common were searched."
NOTE_PREFIX_NONE = "No word in the corpus starts with “{p}”."
NOTE_RANGE = "Ranges like [a TO b] are not supported, so the words were searched instead."
NOTE_FIELD_UNKNOWN = ("“{f}:” is not something scrbrowse searches by; the words were searched. "
                      "You can use theme:, agency:, board:, year:, child: and type:.")
NOTE_FIELD_VALUE = "No {what} called “{v}”, so it was searched as words."
NOTE_YEAR = "“{v}” is not a year (try year:2018 or year:undated), so it was ignored."
NOTE_STOPWORDS = "Words like “the”, “of” and “not” are too common to search for on their own."
NOTE_SHORT = "Single letters are too short to search for on their own."


_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‟": '"', "«": '"', "»": '"', "＂": '"',
                         "‘": "'", "’": "'", "‚": "'", "‛": "'",
                         "‐": "-", "‑": "-", "−": "-", "–": " ", "—": " "})
_SURROGATES = re.compile(r"[\ud800-\udfff]")
# A token: a bracket, a "phrase", a quote without its partner, a "-" negating what follows it,
# or a word (anything up to a space, bracket or quote; a field and value, "theme:neglect", too).
_TOKEN = re.compile(r'([()])|"([^"]*)"|(")|-(?=[^\s)-])|([^\s()"]+)')
_FIELD_RE = re.compile(r"([A-Za-z_]{2,20}):(?!//)(.*)", re.S)  # not a web address (http://)
_VALUE_RE = re.compile(r' *(?:"([^"]*)"|(")|([^\s()"]+))')  # a field's value after a space
_OPERATORS = {"AND": "AND", "OR": "OR", "NOT": "NOT", "&&": "AND", "||": "OR"}
_RANGE_RE = re.compile(r"[\[{][^\]}]*\bTO\b")  # [a TO b], {a TO b}: range syntax


def sanitize(raw: object) -> tuple[str, list[str]]:
    """Printable, normalised, length-capped query text, and any note about cutting it."""
    notes: list[str] = []
    text = raw if isinstance(raw, str) else str(raw or "")
    text = text[: MAX_QUERY_CHARS * 4]  # bound the work below on absurd input
    text = _SURROGATES.sub("", text)
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    text = clean(text, keep_newlines=False)
    if len(text) > MAX_QUERY_CHARS:
        cut = text[:MAX_QUERY_CHARS]
        space = cut.rfind(" ")
        text = cut[:space] if space > MAX_QUERY_CHARS // 2 else cut
        notes.append(NOTE_CUT.format(n=MAX_QUERY_CHARS))
    return text.strip(), notes


@dataclass(frozen=True, slots=True)
class Tok:
    kind: str  # WORD PHRASE FIELD ( ) AND OR NOT
    text: str = ""
    name: str = ""  # field name
    quoted: bool = False


def lex(s: str, notes: list[str]) -> list[Tok]:
    if _RANGE_RE.search(s):
        note(notes, NOTE_RANGE)
    toks: list[Tok] = []
    pos = 0
    while m := _TOKEN.search(s, pos):  # what lies between tokens is white space
        pos = m.end()
        bracket, phrase, lone, word = m.groups()
        if lone:
            note(notes, NOTE_QUOTE)
        elif phrase is not None:
            toks.append(Tok("PHRASE", phrase, quoted=True))
        elif word is None:
            toks.append(Tok(bracket or "NOT"))
        elif (f := _FIELD_RE.fullmatch(word)) is None:
            toks.append(Tok(_OPERATORS[word]) if word in _OPERATORS else Tok("WORD", word))
        else:
            name, value, quoted = f.group(1), f.group(2), False
            # theme: "safe sleep"  /  theme: neglect
            if not value and (v := _VALUE_RE.match(s, pos)):
                pos = v.end()
                if v.group(2):
                    note(notes, NOTE_QUOTE)
                else:
                    quoted = v.group(1) is not None
                    value = v.group(1) if quoted else v.group(3)
            if name.lower() in FIELD_NAMES:
                toks.append(Tok("FIELD", value, FIELD_NAMES[name.lower()], quoted))
                continue
            if name.isalpha():
                note(notes, NOTE_FIELD_UNKNOWN.format(f=echo(name)))
            toks.append(Tok("WORD", f"{name} {value}"))
    return toks


def echo(text: str) -> str:
    """What the person typed, shortened for quoting back in a note."""
    text = text.strip()
    return text if len(text) <= 40 else text[:39] + "…"


def note(notes: list[str], text: str) -> None:
    if text not in notes:
        notes.append(text)


@dataclass(frozen=True, slots=True)
class RawAll:
    children: tuple[Raw, ...]
    # True when the user wrote AND between the parts: every part must match. Words simply
    # written side by side rank by how many of them a document has (see query.Some).
    explicit: bool = False


@dataclass(frozen=True, slots=True)
class RawAny:
    children: tuple[Raw, ...]


@dataclass(frozen=True, slots=True)
class RawNot:
    child: Raw


Raw = Union[Tok, RawAll, RawAny, RawNot]  # noqa: UP007 - used at runtime
T = TypeVar("T")


def group(parts: Sequence[T], kind: Callable[..., T], **options: bool) -> T | None:
    """A group of parts (here and in the plan): none for no parts, the part itself for one."""
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else kind(tuple(parts), **options)


class Parser:
    def __init__(self, toks: list[Tok], notes: list[str]) -> None:
        self.toks = toks
        self.pos = 0
        self.notes = notes

    def _peek(self) -> str | None:
        return self.toks[self.pos].kind if self.pos < len(self.toks) else None

    def parse(self) -> Raw | None:
        return self._and(0)

    def _and(self, depth: int) -> Raw | None:
        items: list[Raw] = []
        explicit = False
        while (kind := self._peek()) is not None:
            if kind == ")":
                if depth:  # closes the bracket `_atom` opened
                    break
                note(self.notes, NOTE_BRACKET)
                self.pos += 1
            elif kind in ("AND", "OR"):
                # "a AND b": both must match; an OR here has nothing on its left.
                if kind == "OR":
                    note(self.notes, NOTE_DANGLING.format(op="OR"))
                elif items:
                    explicit = True
                self.pos += 1
            else:  # a word, phrase, field, "(" or NOT: `_or` reads at least this token
                node = self._or(depth)
                if node is not None:
                    items.append(node)
        return group(items, RawAll, explicit=explicit)

    def _or(self, depth: int) -> Raw | None:
        parts = [self._unary(depth)]
        while self._peek() == "OR":
            self.pos += 1
            parts.append(self._unary(depth))
            if parts[-1] is None:
                note(self.notes, NOTE_DANGLING.format(op="OR"))
        return group([p for p in parts if p is not None], RawAny)

    def _unary(self, depth: int) -> Raw | None:
        start = self.pos
        while self._peek() == "NOT":
            self.pos += 1
        negations = self.pos - start
        atom = self._atom(depth)
        if atom is None:
            if negations:
                note(self.notes, NOTE_DANGLING.format(op="NOT"))
            return None
        # NOT NOT x is x.
        return RawNot(atom) if negations % 2 else atom

    def _atom(self, depth: int) -> Raw | None:
        kind = self._peek()
        if kind is None or kind in (")", "OR", "AND", "NOT"):
            return None
        tok = self.toks[self.pos]
        self.pos += 1
        if kind != "(":
            return tok
        if depth >= MAX_DEPTH:
            # Too deep: drop the brackets (iteratively, so no input can exhaust the stack).
            note(self.notes, NOTE_DEEP)
            while self._peek() == "(":
                self.pos += 1
            return self._atom(depth)
        inner = self._and(depth + 1)
        if self._peek() == ")":
            self.pos += 1
        else:
            note(self.notes, NOTE_BRACKET)
        return inner
