"""What the document is: child, area and board, review and document type, date, restriction.

Each finder returns its value and a check: where the value came from, or that nothing was found.
Every value here is a guess from wording, so every one is listed for a person to confirm.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..taxonomy import Taxonomy
from ..textsafe import one_line
from .dates import dates_in, labelled_date
from .places import AREAS
from .tagging import Tagger

# Document types from wording in the title (then the opening text). First match wins.
DOC_TYPE_RULES: tuple[tuple[str, str], ...] = (
    (r"\b(7|seven)[\s-]*minute[\s-]*briefing", "seven-minute-briefing"),
    (r"\bresponse to (the )?(review'?s? |report'?s? )?recommendations|\b(board|partnership)'?s? "
     r"response\b|\baction plan\b", "board-response"),
    (r"\bexecutive summary\b", "executive-summary"),
    (r"\brapid review\b.*\breport\b|\brapid review report\b", "rapid-review-report"),
    (r"\boverview report\b|\bfull report\b|\bfinal report\b", "full-report"),
    (r"\bbriefing note\b|\bpractice briefing\b|\blearning lessons practice\b", "briefing-note"),
    (r"\blearning briefing\b|\bbriefing\b", "learning-briefing"),
    (r"\blearning summary\b|\bsummary of (the )?learning\b|\blearning from the case\b"
     r"|\blessons learn[et]d?\b|\blearning from\b", "learning-summary"),
    (r"\bpractice guid(e|ance)\b|\btoolkit\b|\bthematic\b", "practice-guide"),
)
DEFAULT_DOC_TYPE = "learning-summary"
# With nothing said, a "local learning review" claims least: no statutory review is asserted.
DEFAULT_REVIEW_TYPE = "local-learning-review"

METHODOLOGY_RULES: tuple[tuple[str, str], ...] = (
    (r"\bsignificant incident learning process\b|\bSILP\b", "Significant Incident Learning Process (SILP)"),
    (r"\bsystems[\s-]*(based )?(methodology|approach|model)\b|\blearning together\b",
     "Systems methodology"),
    (r"\btraditional (SCR |serious case review )?(model|methodology|approach)\b", "Traditional SCR model"),
    (r"\bappreciative inquiry\b", "Appreciative inquiry"),
    (r"\bhybrid (model|methodology|approach)\b", "Hybrid methodology"),
)

# Wording that limits who may see the learning. A false alarm only restricts a draft, which a
# person then clears; a miss would show restricted learning to everyone, so the net is wide.
RESTRICTION_RE = re.compile(
    r"professionals? only|for professional use only|not for (public |wider |general |onward )?"
    r"(publication|circulation|distribution|sharing)|(should|must) not be (shared|circulated"
    r"|distributed|published)|has not (yet )?"
    r"been published|have not (yet )?been published|embargo(ed)?\b|restricted (circulation"
    r"|distribution|access)|do not (share|circulate|forward|distribute)", re.IGNORECASE)

# Pseudonyms are a letter or two, perhaps with a digit: "Child K", "Baby LW", "Child J2",
# "Children A and B". Longer capitals are acronyms ("Child CSE"), not names.
_CHILD = re.compile(r"\b(Child|Baby|Infant|Young Person|Family)\s+([A-Z][A-Z0-9]?\d?)(?!\w)")
_CHILDREN = re.compile(r"\b(Children|Siblings)\s+([A-Z][A-Z0-9]?(?:(?:\s*,\s*|\s+and\s+|\s*&\s*)"
                       r"[A-Z][A-Z0-9]?)+)(?!\w)")
_NOT_PSEUDONYM = frozenset({"CP", "SC", "IN", "A&E"})
_BOARD = re.compile(
    r"(?:Local\s+)?(?:Safeguarding(?:\s+(?:Children(?:['’]s)?(?:\s+and\s+Young\s+People(?:['’]s)?)?"
    r"|Vulnerable\s+People))?|Children(?:['’]s)?\s+Safeguarding)\s+(?:(?:Multi-Agency|Assurance)\s+)?"
    r"(?:Board|Partnership)s?\b")
_AREA_WORD = re.compile(r"^[A-Z][\w'’.-]*$")
_AREA_JOIN = frozenset({"and", "of", "upon", "on", "&", "with", "in"})
_NOT_AREA = frozenset({"The", "A", "An", "This", "Our", "Each", "Every", "All", "Local", "Their",
                       "Its", "Your", "Any", "By", "For", "To", "From", "Of", "And", "In", "With"})
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


# `review.child` is required; a draft without a pseudonym gets this, and a check says so.
CHILD_PLACEHOLDER = "Child (not named)"


@dataclass
class Metadata:
    child: str
    child_found: bool
    area: str | None
    board: str | None
    review_type: str
    doc_type: str
    published: str | None
    restriction: str | None
    methodology: str | None
    checks: list[str] = field(default_factory=list)


def find_child(title: str, text: str) -> tuple[str | None, str]:
    """The child's pseudonym ("Child K"), from the title if it names one, else the commonest."""
    def found(s: str) -> Counter[str]:
        c: Counter[str] = Counter()
        for regex in (_CHILDREN, _CHILD):
            for m in regex.finditer(s):
                if m.group(2) not in _NOT_PSEUDONYM:
                    c[f"{m.group(1)} {' '.join(m.group(2).split())}"] += 1
        return c

    in_title = found(title)
    if in_title:
        child = in_title.most_common(1)[0][0]
        return child, f"review.child: \"{child}\" taken from the title"
    in_text = found(text)
    if not in_text:
        return None, "review.child: no pseudonym such as 'Child K' found; set it from the source"
    (child, n), *others = in_text.most_common()
    msg = f"review.child: \"{child}\" guessed from the text ({n} mention{'s' * (n != 1)})"
    if others:
        msg += "; also mentioned: " + ", ".join(f"\"{o}\"" for o, _ in others[:3])
    return child, msg


def mentions_a_board(text: str) -> bool:
    return _BOARD.search(text) is not None


def names_a_board(line: str) -> bool:
    """The whole line is a board's or partnership's name ("Westmoor Safeguarding Children
    Partnership"), as a page's header shows it beside the title, not a title naming one."""
    text = line.strip().rstrip(".")
    m = _BOARD.search(text)
    if m is None or m.end() != len(text):
        return False
    before = text[:m.start()].split()
    if before[:1] in (["The"], ["the"]):
        before = before[1:]
    return 0 < len(before) <= 6 and all(
        w in _AREA_JOIN or (_AREA_WORD.match(w) and w not in _NOT_AREA) for w in before)


def _board_area(text: str, start: int) -> str | None:
    """The capitalised words just before a board name: "the Hampshire Safeguarding ..." -> Hampshire."""
    # Only the words on the same line: the line before may end in capitals of its own.
    words = text[:start].rsplit("\n", 1)[-1].split()[-6:]
    area: list[str] = []
    for w in reversed(words):
        w = w.strip("([|\"'“‘")
        if w.endswith((".", ",", ":", ";")):
            break  # the end of the previous sentence or phrase
        if w in _AREA_JOIN and area:
            area.insert(0, w)
            continue
        if _AREA_WORD.match(w) and w not in _NOT_AREA:
            area.insert(0, w)
            continue
        break
    while area and area[0] in _AREA_JOIN:
        area.pop(0)
    name = " ".join(area)
    if not name or name in AREAS:
        return name or None
    # "the Chair of Hampshire Safeguarding ...": a known area at the end is the area; otherwise
    # the words after the last "of"/"and" ("Isle of Wight" and the like are in the list).
    for known in sorted(AREAS, key=len, reverse=True):
        if name.endswith(" " + known):
            return known
    for i in range(len(area) - 1, -1, -1):
        if area[i] in _AREA_JOIN:
            return " ".join(area[i + 1:]) or None
    return name


def find_board(text: str) -> tuple[str | None, str | None, str]:
    """(board, area, check) from a spelled-out board or partnership name, and its acronym."""
    boards: Counter[tuple[str, str]] = Counter()
    for m in _BOARD.finditer(text):
        area = _board_area(text, m.start())
        if area:
            name = " ".join(m.group(0).split()).replace("’", "'")
            if name.startswith("Local "):
                name = name[len("Local "):]
            boards[(f"{area} {name}", area)] += 1
    if not boards:
        return None, None, ""
    # Acronyms count for the board they abbreviate ("Hampshire Safeguarding Children Board" -> HSCB).
    for (board, area), _n in list(boards.items()):
        initials = "".join(w[0] for w in board.split() if w[0].isupper())
        if len(initials) >= 3:
            boards[(board, area)] += len(re.findall(rf"\b{re.escape(initials)}\b", text))
    (board, area), n = boards.most_common(1)[0]
    return board, area, f"review.board: \"{board}\" found in the text ({n} mention{'s' * (n != 1)})"


# Boards and partnerships named by acronym after their area: "the Cambridgeshire LSCB".
_BOARD_ACRONYM = re.compile(r"\b(?:L?SC[BP]s?|LSCB|LSCP|SSCP|SCSP|LSCPs|LSCBs)\b")
OPENING_CHARS = 600  # the title and first paragraph: where a briefing says whose it is


def find_board_acronym(text: str) -> tuple[str | None, str | None, str]:
    """(board, area, check) from "<area> LSCB" / "<area> SCP" when no board is spelled out."""
    found: Counter[tuple[str, str]] = Counter()
    for m in _BOARD_ACRONYM.finditer(text):
        before = text[:m.start()].rstrip()
        for area in sorted(AREAS, key=len, reverse=True):
            if before.endswith(area) and not before[:-len(area)][-1:].isalnum():
                found[(f"{area} {m.group(0)}", area)] += 1
                break
    if not found:
        return None, None, ""
    (board, area), n = found.most_common(1)[0]
    return board, area, (f"review.board: \"{board}\" found in the text as an acronym "
                         f"({n} mention{'s' * (n != 1)}); write it in full")


def find_area(text: str) -> tuple[str | None, str]:
    """An area named in the text when no board is: the most mentioned, two mentions at least, or
    the only area named, once, in the title or opening text ("Safer Leeds and the LSCP")."""
    counts: Counter[str] = Counter()
    for area in AREAS:
        n = len(re.findall(rf"(?<![\w-]){re.escape(area)}(?![\w-])", text))
        if n:
            counts[area] = n
    if not counts:
        return None, "review.area: no area or board named; set it from the source, or leave null"
    area, n = counts.most_common(1)[0]
    if n < 2 and len(counts) == 1 and re.search(rf"(?<![\w-]){re.escape(area)}(?![\w-])",
                                                 text[:OPENING_CHARS]):
        return area, (f"review.area: \"{area}\" is the only area named (once, in the opening "
                      "text); check it")
    if n < 2:
        return None, (f"review.area: not stated (\"{area}\" is mentioned once); set it from the "
                      "source, or leave null")
    return area, f"review.area: \"{area}\" guessed from {n} mentions in the text; no board is named"


def find_type(text: str, title: str, rules: tuple[tuple[str, str], ...], known: set[str],
              default: str, field_name: str) -> tuple[str, str]:
    for where, source in (("the title", title), ("the opening text", text[:1500])):
        for pattern, type_id in rules:
            m = re.search(pattern, source, re.IGNORECASE)
            if m and type_id in known:
                return type_id, f"{field_name}: \"{type_id}\" from \"{m.group(0).strip()}\" in {where}"
    fallback = default if default in known else (sorted(known)[0] if known else default)
    return fallback, f"{field_name}: not clear from the text; set to \"{fallback}\": check it"


# Learning drawn from several reviews: "learning from 4 safeguarding reviews", "lessons from serious
# case reviews", "SCR analysis". Checked before the review types the text names, because such a
# document names the kind of review it draws on ("SCRs") without being one.
_NUMBER = r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|several|a\s+number\s+of|many|recent)"
THEMATIC_CUE = re.compile(
    r"\bthematic\s+(?:review|reviews|learning|analysis)\b"
    rf"|\b(?:learning|lessons|findings)\s+(?:from|of|across)\s+(?:the\s+)?{_NUMBER}\s+"
    r"(?:\w+\s+){0,2}?(?:reviews|SCRs|CSPRs|cases)\b"
    r"|\b(?:learning|lessons)\s+from\s+(?:published\s+|recent\s+|local\s+|national\s+)?"
    r"(?:serious\s+case\s+reviews|SCRs|case\s+reviews|CSPRs|child\s+safeguarding\s+practice\s+reviews)\b"
    r"|\b(?:reviews|SCRs?|CSPRs?|triennial)\)?\s+analysis\b"
    r"|\banalysis\s+of\s+(?:\d+\s+)?(?:serious\s+case\s+reviews|SCRs|case\s+reviews|reviews)\b",
    re.IGNORECASE)
THEMATIC = "thematic"


def find_review_type(tagger: Tagger, title: str, text: str, known: set[str]) -> tuple[str, str]:
    for where, source in (("the title", title), ("the text", text)):
        cue = THEMATIC_CUE.search(source) if THEMATIC in known else None
        if cue:
            return THEMATIC, (f"review.review_type: \"{THEMATIC}\" from \"{cue.group(0).strip()}\" "
                              f"in {where} (learning drawn from several reviews)")
        counts = tagger.tag(source).counts.get("review_types")
        if counts:
            best = [i for i, _ in counts.most_common() if i in known]
            if best:
                n = counts[best[0]]
                return best[0], (f"review.review_type: \"{best[0]}\" from {where}"
                                 + (f" ({n} mention{'s' * (n != 1)})" if where == "the text" else ""))
    fallback = DEFAULT_REVIEW_TYPE if DEFAULT_REVIEW_TYPE in known else sorted(known)[0]
    return fallback, (f"review.review_type: the text does not say what kind of review this was; "
                      f"set to \"{fallback}\": check it")


def find_date(header_dates: list[str], text: str, hints: dict[str, str]) -> tuple[str | None, str]:
    if header_dates:
        return header_dates[0], f"published: \"{header_dates[0]}\" from a date standing alone by the title"
    labelled = labelled_date(text)
    if labelled:
        return labelled, f"published: \"{labelled}\" from a Published/Date label in the text"
    msg = "published: no publication date found; set to null"
    seen = dates_in(text)
    if seen:
        msg += f" (dates in the text, probably events: {', '.join(seen)})"
    if hints.get("created"):
        msg += f"; the file itself was created {hints['created']}"
    return None, msg


def find_restriction(paragraphs: list[str]) -> tuple[str | None, str | None]:
    """The source's own sentences that limit sharing, if any."""
    for para in paragraphs:
        sentences = [s for s in _SENTENCE.split(para) if RESTRICTION_RE.search(s)]
        if sentences:
            wording = " ".join(s.strip() for s in sentences)
            return wording, ("restriction: the text limits who may see it, so the draft is marked "
                             f"professionals-only: \"{one_line(wording, 120)}\"; check the wording "
                             "and level")
    return None, None


def find_methodology(text: str) -> tuple[str | None, str]:
    for pattern, label in METHODOLOGY_RULES:
        m = re.search(pattern, text, re.IGNORECASE)
        if m:
            return label, f"review.methodology: \"{label}\" from \"{m.group(0)}\" in the text"
    return None, "review.methodology: not stated; left null"


def find_metadata(title: str, text: str, paragraphs: list[str], header_dates: list[str],
                  hints: dict[str, str], taxonomy: Taxonomy, tagger: Tagger) -> Metadata:
    checks: list[str] = []
    child, msg = find_child(title, text)
    checks.append(msg)
    board, area, msg = find_board(text)
    if not board:
        board, area, msg = find_board_acronym(text)
    if board:
        checks.append(msg + f"; area \"{area}\" taken from it")
    else:
        area, msg = find_area(text)
        checks.append(msg)
        checks.append("review.board: no board or partnership named in full; set it from the source, "
                      "or leave null")
    review_type, msg = find_review_type(tagger, title, text, set(taxonomy.review_types))
    checks.append(msg)
    doc_type, msg = find_type(text, title, DOC_TYPE_RULES, set(taxonomy.doc_types),
                              DEFAULT_DOC_TYPE, "doc_type")
    checks.append(msg)
    published, msg = find_date(header_dates, text, hints)
    checks.append(msg)
    restriction, msg2 = find_restriction(paragraphs)
    if msg2:
        checks.append(msg2)
    methodology, msg = find_methodology(text)
    checks.append(msg)
    return Metadata(child or CHILD_PLACEHOLDER, child is not None, area, board, review_type,
                    doc_type, published, restriction, methodology, checks)
