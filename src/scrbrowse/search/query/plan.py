"""The query plan: from a typed query to analysed, resolved and expanded nodes, safely bounded.

`syntax` reads the structure; here words are analysed like the index, fields are resolved to
taxonomy ids, `word*` is expanded against the corpus's words, and words that name a taxonomy entry
get its other phrasings. Nothing here raises for any input.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from typing import Union

from ..api import UNDATED
from ..index.schema import AGENCY, BOARD, CHILD, DOC_TYPE, REVIEW_TYPE, THEME, YEAR
from ..text.analysis import WORD_RE, analyse, analyse_words
from ..text.stopwords import ENGLISH_STOP_WORDS
from ..text.synonyms import MAX_SYNONYM_WORDS, SynonymIndex, concept_key
from .syntax import (
    NOTE_FIELD_VALUE,
    NOTE_PREFIX_MANY,
    NOTE_PREFIX_NONE,
    NOTE_SHORT,
    NOTE_STOPWORDS,
    NOTE_TERMS,
    NOTE_WILD_MIDDLE,
    NOTE_WILD_SHORT,
    NOTE_YEAR,
    Parser,
    Raw,
    RawAll,
    RawNot,
    Tok,
    echo,
    group,
    lex,
    note,
    sanitize,
)

MAX_TERMS = 32  # words, phrases, prefixes and field values, after which the rest is dropped
MIN_PREFIX = 2  # letters before a trailing *
MAX_ALTERNATIVES = 24  # synonym phrasings listed ("also searched") and marked, in total
MAX_ALTERNATIVES_EACH = 8  # ... and for one typed word or phrase
MAX_NOTES = 4  # a screenful of notes helps nobody
# A taxonomy phrasing or tagged mention counts this much of the word typed: it helps a document
# that says the same thing in other words, without drowning the ones using the typed words.
EXPANSION_WEIGHT = 0.4
# ... except for an acronym, which stands for its entry and is mostly spelled out in documents.
ACRONYM_WEIGHT = 0.8
# An everyday word's formal counterpart, or the other way round ("mum", "mother";
# synonyms.EVERYDAY_WORDS): the same person, but not the word typed. Between a taxonomy phrasing
# (a related wording) and an acronym (the entry's own name).
EVERYDAY_WEIGHT = 0.6
# The taxonomy vocabularies a field's value may name, and the index field of each.
_VOCABULARIES = {"theme": (("themes", THEME),), "agency": (("agencies", AGENCY),),
                 "type": (("doc_types", DOC_TYPE), ("review_types", REVIEW_TYPE))}
_YEAR_RANGE = re.compile(r"^(\d{4})\s*(?:-|\.\.|to)\s*(\d{4})$", re.I)


# ---------------------------------------------------------------------------------------------
# The plan's nodes


@dataclass(frozen=True, slots=True)
class Words:
    """One typed word or a phrase, searched in the text; several terms match as a phrase."""

    raw: str
    stems: tuple[str, ...]
    quoted: bool = False
    # A common word ("both", "after"): kept while planning only because it may complete a
    # taxonomy phrase ("both parents"); never searched on its own (`_drop_stops`).
    stop: bool = False


@dataclass(frozen=True, slots=True)
class Prefix:
    raw: str  # as typed, without the *
    stems: tuple[str, ...]  # the index terms it stands for (bounded)


@dataclass(frozen=True, slots=True)
class Field:
    raw: str  # e.g. "theme:co-sleeping"
    targets: tuple[tuple[str, tuple[str, ...]], ...]  # (index field, term or phrase)


@dataclass(frozen=True, slots=True)
class AllOf:
    """Every part must match. `soft` marks words simply written side by side, which planning
    turns into a `Some`; under NOT they are left as they are, so strict: "-(foster care)" leaves
    out reviews with both words, not every review with either."""

    children: tuple[Node, ...]
    soft: bool = False


@dataclass(frozen=True, slots=True)
class Some:
    """Words written side by side: ranked retrieval. A document matching more of them (weighted
    by how rare each is) ranks higher, but one missing a word is not dropped. `required`: at
    least one must match (False when a strict part beside it, a phrase or a field, decides what
    matches and these words only rank)."""

    children: tuple[Node, ...]
    required: bool = True


@dataclass(frozen=True, slots=True)
class AnyOf:
    children: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Neg:
    child: Node


@dataclass(frozen=True, slots=True)
class Concepts:
    """A mention of any of these taxonomy entries, in any of their phrasings (tagged at index
    time, see SynonymIndex.concepts_in), or of these words in the text: the everyday or formal
    words for what was typed ("mum" -> "mother", SynonymIndex.expansion), which no entry
    tags."""

    keys: tuple[str, ...]
    words: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True, slots=True)
class Syn:
    """A typed word or phrase that names a taxonomy entry, with the entry's other phrasings."""

    original: Node
    concepts: Concepts
    alternatives: tuple[Words, ...]  # for "also searched" and for marking words in text
    # How much a mention counts against the typed words: EXPANSION_, ACRONYM_ or EVERYDAY_WEIGHT.
    weight: float = EXPANSION_WEIGHT


Node = Union[Words, Prefix, Field, AllOf, AnyOf, Neg, Syn, Some]  # noqa: UP007 - used at runtime
Leaf = Union[Words, Prefix, Field, Concepts]  # noqa: UP007


@dataclass(frozen=True)
class Plan:
    text: str  # the query as searched (cleaned and cut)
    root: Node | None  # None: nothing to search for, i.e. browse
    notes: tuple[str, ...] = ()
    expanded: tuple[str, ...] = ()
    terms: tuple[str, ...] = ()  # analysed terms to mark; phrases joined with spaces
    words: tuple[str, ...] = ()  # typed words, for did-you-mean
    relaxed: bool = False  # "some of the words" fallback
    reading: str = ""  # how the query was read, in plain words (`describe`)

    def relax(self) -> Plan | None:
        """Any-of-the-words version of an all-words query, or None if it would be the same."""
        root = self.root
        if not isinstance(root, AllOf):
            return None
        # Words that only ranked beside a strict part must now match for a document to show.
        pos = [Some(c.children) if isinstance(c, Some) else c
               for c in root.children if not isinstance(c, Neg)]
        negs = [c for c in root.children if isinstance(c, Neg)]
        if len(pos) < 2:
            return None
        new_root: Node = AnyOf(tuple(pos)) if not negs else AllOf((AnyOf(tuple(pos)), *negs))
        return replace(self, root=new_root, relaxed=True, reading=describe(new_root))


# ---------------------------------------------------------------------------------------------
# Planning: analyse leaves, resolve fields, expand prefixes and synonyms


PrefixExpander = Callable[[str], tuple[tuple[str, ...], bool]]  # prefix -> (stems, truncated)
KnownTerm = Callable[[str], bool]  # is this analysed term in the index?


@dataclass
class _Ctx:
    synonyms: SynonymIndex
    expand_prefix: PrefixExpander
    known: KnownTerm
    notes: list[str]
    terms_left: int = MAX_TERMS
    alternatives_left: int = MAX_ALTERNATIVES
    expanded: dict[str, None] = field(default_factory=dict)  # in order, once each
    dropped_stopwords: bool = False
    dropped_short: bool = False


def make_plan(raw: object, synonyms: SynonymIndex, expand_prefix: PrefixExpander,
              known: KnownTerm = lambda _t: True) -> Plan:
    """The plan for a typed query. Never raises for any input: the tree is at most MAX_DEPTH
    brackets deep (`Parser._atom` drops deeper ones without recursing), so no walk can exhaust
    the stack.

    `known` lets expansion skip taxonomy phrasings that cannot occur in this corpus: they would
    only make the query slower and the "also searched" line longer.
    """
    text, notes = sanitize(raw)
    raw = Parser(lex(text, notes), notes).parse()
    ctx = _Ctx(synonyms, expand_prefix, known, notes)
    root = _resolve(raw, ctx) if raw is not None else None
    if root is not None:
        root = _drop_stops(_expand(root, ctx), ctx)
    if root is None and ctx.dropped_stopwords:
        note(notes, NOTE_STOPWORDS)
    elif root is None and ctx.dropped_short:
        note(notes, NOTE_SHORT)
    if ctx.terms_left < 0:
        note(notes, NOTE_TERMS.format(n=MAX_TERMS))
    leaves = list(positive_leaves(root))
    marked: list[Leaf] = [leaf for leaf, _w in leaves]
    marked += [alt for syn in positive_syns(root) for alt in syn.alternatives]
    # The analysed terms to mark in text, once each: a phrase as one space-joined entry.
    terms = dict.fromkeys(t for leaf in marked for t in (
        [" ".join(leaf.stems)] if isinstance(leaf, Words)
        else leaf.stems if isinstance(leaf, Prefix) else ()))
    words = [leaf.raw for leaf, weight in leaves
             if weight == 1.0 and isinstance(leaf, Words) and not leaf.quoted]
    return Plan(text, root, tuple(notes[:MAX_NOTES]), tuple(ctx.expanded), tuple(terms),
                tuple(words), reading=describe(root))


def _resolve(node: Raw, ctx: _Ctx) -> Node | None:
    if isinstance(node, Tok):
        return _leaf(node, ctx)
    if isinstance(node, RawNot):
        child = _resolve(node.child, ctx)
        return Neg(child) if child is not None else None
    kids = [k for k in (_resolve(c, ctx) for c in node.children) if k is not None]
    if isinstance(node, RawAll):
        return group(kids, AllOf, soft=not node.explicit)
    return group(kids, AnyOf)


def _take_term(ctx: _Ctx) -> bool:
    ctx.terms_left -= 1
    return ctx.terms_left >= 0


def _leaf(tok: Tok, ctx: _Ctx) -> Node | None:
    if tok.kind == "FIELD":
        return _field(tok, ctx)
    text = tok.text
    if tok.kind == "WORD" and "*" in text:
        return _wildcard(text, ctx)
    if tok.kind == "PHRASE":
        stems = tuple(analyse(text))
    else:
        # Outside quotes, the longer standard list too: "after" neither ranks nor is marked.
        pairs = analyse_words(text)
        stems = tuple(t for w, t in pairs if w not in ENGLISH_STOP_WORDS)
        if not stems and pairs:
            return Words(text.strip(), tuple(t for _w, t in pairs), stop=True)
    if not stems:
        words = [w.lower() for w in WORD_RE.findall(text)]
        ctx.dropped_stopwords = ctx.dropped_stopwords or any(w in ENGLISH_STOP_WORDS for w in words)
        ctx.dropped_short = ctx.dropped_short or any(len(w) < 2 for w in words)
        return None
    return Words(text.strip(), stems, quoted=tok.kind == "PHRASE") if _take_term(ctx) else None


def _wildcard(text: str, ctx: _Ctx) -> Node | None:
    base = text.rstrip("*")
    lowered = base.lower()
    if "*" in base or not re.fullmatch(r"\w+", lowered):
        note(ctx.notes, NOTE_WILD_MIDDLE.format(w=echo(text)))
        return _leaf(Tok("WORD", text.replace("*", " ")), ctx)
    if len(lowered) < MIN_PREFIX:
        note(ctx.notes, NOTE_WILD_SHORT.format(n=MIN_PREFIX, w=echo(text)))
        return _leaf(Tok("WORD", base), ctx)
    if not _take_term(ctx):
        return None
    stems, truncated = ctx.expand_prefix(lowered)
    if truncated:
        note(ctx.notes, NOTE_PREFIX_MANY.format(p=echo(lowered), n=len(stems)))
    if not stems:
        note(ctx.notes, NOTE_PREFIX_NONE.format(p=echo(lowered)))
    return Prefix(lowered, stems)


def _field(tok: Tok, ctx: _Ctx) -> Node | None:
    name, value = tok.name, tok.text.strip()
    if not value:
        return None
    raw = f'{name}:"{value}"' if tok.quoted else f"{name}:{value}"
    targets: list[tuple[str, tuple[str, ...]]] = []
    if name in _VOCABULARIES:
        targets = [(fld, (i,)) for vocab, fld in _VOCABULARIES[name]
                   for i in ctx.synonyms.resolve(vocab, value)]
        if not targets:  # not a name the taxonomy knows: its words are searched instead
            what = "document or review type" if name == "type" else name
            note(ctx.notes, NOTE_FIELD_VALUE.format(what=what, v=echo(value)))
            return _leaf(Tok("PHRASE" if tok.quoted else "WORD", value), ctx)
    elif name == "year":
        years = _years(value)
        if not years:
            note(ctx.notes, NOTE_YEAR.format(v=echo(value)))
            return None
        targets = [(YEAR, (y,)) for y in years]
    else:  # board, child: the words of the name
        words = tuple(w.lower() for w in WORD_RE.findall(value))
        if not words:
            return None
        targets = [(BOARD if name == "board" else CHILD, words)]
    return Field(raw, tuple(targets)) if _take_term(ctx) else None


def _years(value: str) -> list[str]:
    v = value.strip().lower()
    if v in (UNDATED, "none", "unknown", "no date", "nodate", "null"):
        return [UNDATED]
    if re.fullmatch(r"\d{4}", v):
        return [v]
    m = _YEAR_RANGE.match(v)
    if m:
        a, b = sorted((int(m.group(1)), int(m.group(2))))
        if b - a <= 100:
            return [str(y) for y in range(a, b + 1)]
    return []


def _expand(node: Node, ctx: _Ctx) -> Node:
    """Add taxonomy phrasings to words and phrases that name an entry (not under NOT)."""
    if isinstance(node, Words):
        return _expand_run([node], ctx)[0]
    if isinstance(node, AnyOf):
        return AnyOf(tuple(_expand(c, ctx) for c in node.children))
    if not isinstance(node, AllOf):  # Prefix, Field, Syn, Neg, Some
        return node
    # AllOf: look for runs of typed words that together name an entry ("bed sharing").
    out: list[Node] = []
    run: list[Words] = []
    for child in node.children:
        if isinstance(child, Words) and not child.quoted:
            run.append(child)
            continue
        out.extend(_expand_run(run, ctx, soft=node.soft))
        run = []
        out.append(_expand(child, ctx))
    out.extend(_expand_run(run, ctx, soft=node.soft))
    if node.soft:
        return soften(out)
    return out[0] if len(out) == 1 else AllOf(tuple(out))


def _drop_stops(node: Node, ctx: _Ctx) -> Node | None:
    """The plan without the common words kept for phrase-finding (`Words.stop`)."""
    if isinstance(node, Words):
        if node.stop:
            ctx.dropped_stopwords = True
            return None
        return node
    if isinstance(node, (Prefix, Field)):
        return node
    if isinstance(node, Neg):
        child = _drop_stops(node.child, ctx)
        return Neg(child) if child is not None else None
    if isinstance(node, Syn):
        original = _drop_stops(node.original, ctx)
        return node if original is None else replace(node, original=original)
    kids = [k for k in (_drop_stops(c, ctx) for c in node.children) if k is not None]
    if isinstance(node, Some) and kids and (len(kids) > 1 or not node.required):
        return Some(tuple(kids), node.required)  # one word left beside a strict part still only ranks
    if isinstance(node, AllOf) and not any(map(is_strict, kids)):
        # The strict part was all common words ("fathers (after AND before)"): the plain words
        # beside it decide what matches again, or "zzzqqq" beside it matched every document.
        kids = [soften(list(k.children)) if isinstance(k, Some) and not k.required else k
                for k in kids]
    return group(kids, AllOf if isinstance(node, AllOf) else AnyOf)


def is_strict(node: Node) -> bool:
    """Parts that keep their strict meaning beside plain words: a quoted phrase, a field, an
    explicit AND group. (NOT is handled on its own: it always excludes.)"""
    if isinstance(node, Syn):  # a quoted phrase naming a taxonomy entry is still a phrase
        node = node.original
    return (isinstance(node, Words) and node.quoted) or isinstance(node, (Field, AllOf))


def soften(parts: list[Node]) -> Node:
    """Words written side by side, as a plan: the strict parts and exclusions must hold, the
    plain words rank (`Some`), required only when nothing strict decides what matches."""
    negs = [p for p in parts if isinstance(p, Neg)]
    strict = [p for p in parts if not isinstance(p, Neg) and is_strict(p)]
    soft = [p for p in parts if not isinstance(p, Neg) and not is_strict(p)]
    out: list[Node] = list(strict)
    if soft:
        out.append(Some(tuple(soft), required=False) if strict
                   else Some(tuple(soft)) if len(soft) > 1 else soft[0])
    out += negs
    return out[0] if len(out) == 1 else AllOf(tuple(out))


def _expand_run(run: list[Words], ctx: _Ctx, *, soft: bool = False) -> list[Node]:
    """`run`: typed words side by side, or one phrase in quotes (never joined to other words)."""
    out: list[Node] = []
    i = 0
    while i < len(run):
        for k in range(min(MAX_SYNONYM_WORDS, len(run) - i), 0, -1):  # the longest run first
            part = run[i:i + k]
            stems = tuple(s for w in part for s in w.stems)
            if part[0].stop and k == 1:
                continue  # a common word alone names nothing
            keys, everyday, others = ctx.synonyms.expansion(stems, ctx.known)
            if not keys and not everyday:
                continue
            # Phrasings that occur in this corpus, for "also searched" and for marking words;
            # the everyday or formal words first (they are searched in the text, see Concepts).
            alts = (everyday + others)[: max(0, min(MAX_ALTERNATIVES_EACH, ctx.alternatives_left))]
            words = tuple(a.stems for a in alts[:len(everyday)])
            ctx.alternatives_left -= len(alts)
            ctx.expanded.update(dict.fromkeys(a.text for a in alts))
            # Several plain words naming an entry ("bed sharing") stay separate words to rank.
            original: Node = (part[0] if k == 1 else Some(tuple(part)) if soft
                              else AllOf(tuple(part)))
            # A word naming a taxonomy entry keeps the entry's weight, its everyday
            # counterparts riding along ("dad": the Fathers entry, and "father").
            weight = (ACRONYM_WEIGHT if stems in ctx.synonyms.acronyms else EXPANSION_WEIGHT
                      if keys else EVERYDAY_WEIGHT)
            out.append(Syn(original, Concepts(tuple(sorted(concept_key(g) for g in keys)), words),
                           tuple(Words(a.text, a.stems) for a in alts), weight))
            break
        else:
            out.append(run[i])
            k = 1
        i += k
    return out


# ---------------------------------------------------------------------------------------------
# Walking a plan


def positive_leaves(node: Node | None, weight: float = 1.0) -> Iterator[tuple[Leaf, float]]:
    """Leaves that say what to find (not those under NOT), with their weight."""
    if isinstance(node, (Words, Prefix, Field)):
        yield node, weight
    elif isinstance(node, Syn):
        yield from positive_leaves(node.original, weight)
        yield node.concepts, weight * node.weight
    elif isinstance(node, (AllOf, AnyOf, Some)):
        for child in node.children:
            yield from positive_leaves(child, weight)


def positive_syns(node: Node | None) -> Iterator[Syn]:
    if isinstance(node, Syn):
        yield node
        yield from positive_syns(node.original)
    elif isinstance(node, (AllOf, AnyOf, Some)):
        for child in node.children:
            yield from positive_syns(child)


def without_negations(node: Node | None) -> Node | None:
    """The plan's positive part: a superset of what the whole plan matches, per passage."""
    if node is None or isinstance(node, Neg):
        return None
    if isinstance(node, AllOf):
        return group([k for k in map(without_negations, node.children) if k is not None], AllOf)
    if isinstance(node, AnyOf):
        kids = [without_negations(c) for c in node.children]
        if any(k is None for k in kids):  # "a OR NOT b" can match anything
            return None
        return AnyOf(tuple(k for k in kids if k is not None))
    return node


# ---------------------------------------------------------------------------------------------
# Saying how a query was read


def describe(root: Node | None) -> str:
    """One line saying how the query was read, for the screen ("" when there is nothing to
    explain: browsing, or one word or phrase)."""
    if root is None or isinstance(root, (Words, Prefix, Field, Syn)):
        return ""
    parts = list(root.children) if isinstance(root, AllOf) else [root]
    must = [_label(p) for p in parts if not isinstance(p, (Neg, Some, AnyOf))]
    ranked = [p for p in parts if isinstance(p, Some)]
    either = [_label(p) for p in parts if isinstance(p, AnyOf)]
    out = []
    if must:
        out.append("Must contain: " + ", ".join(must) + ".")
    if either:
        out.append("Any of: " + "; ".join(either) + ".")
    for some in ranked:
        words = ", ".join(_label(c) for c in some.children)
        if some.required and not must and not either:
            out.append(f"Ranked by how many of these each review has (not all needed): {words}.")
        else:
            out.append(f"Ranked higher with: {words}.")
    leave = [_label(p.child) for p in parts if isinstance(p, Neg)]
    if leave:
        out.append("Leaving out: " + ", ".join(leave) + ".")
    return " ".join(out)


def _label(node: Node) -> str:
    if isinstance(node, Words):
        return f"“{echo(node.raw)}”" if node.quoted else echo(node.raw)
    if isinstance(node, Prefix):
        return f"{echo(node.raw)}*"
    if isinstance(node, Field):
        return echo(node.raw)
    if isinstance(node, Syn):
        return _label(node.original)
    if isinstance(node, Neg):
        return "not " + _label(node.child)
    if isinstance(node, Some):
        return " ".join(_label(c) for c in node.children)
    inner = (" OR " if isinstance(node, AnyOf) else " AND ").join(map(_label, node.children))
    return f"({inner})" if len(node.children) > 1 else inner
