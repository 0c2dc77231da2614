"""From blocks to the parts of a record: title, narrative sections, and the lists of learning.

The walk is driven by headings (see headings.py): a recognised heading says where the items under
it go; an unrecognised one starts a narrative topic ("Invisible fathers"). Every judgement that a
person may disagree with is written to `notes`, which become the draft's checks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from .blocks import GOOD_MARKS, STRENGTHEN_MARKS, Block, Kind, is_link_only
from .boilerplate import strip_boilerplate
from .dates import date_line, parse_date
from .headings import (
    AREAS_TO_STRENGTHEN,
    COMMON_THEMES,
    GOOD_PRACTICE,
    KEY_MESSAGES,
    LEARNING_POINTS,
    ONE_THING,
    QUESTIONS,
    RECOMMENDATIONS,
    RESOURCES,
    HeadingRule,
    audience_of,
    item_audience,
    match_heading,
    match_lead_in,
)
from .metadata import mentions_a_board, names_a_board
from .statements import join_broken, learning_in

ITEM_LISTS = (LEARNING_POINTS, GOOD_PRACTICE, AREAS_TO_STRENGTHEN, KEY_MESSAGES, ONE_THING,
              COMMON_THEMES)
MAX_TITLE_LINES = 4


@dataclass
class DraftItem:
    text: str
    lead: str | None = None
    audience: str | None = None
    section: str | None = None
    where: str | None = None  # where in the source it came from: "line 12", "page 3"


@dataclass
class DraftQuestion:
    text: str
    number: int | None = None
    section: str | None = None
    learning_point: int | None = None  # index into the learning points
    where: str | None = None


@dataclass
class DraftRecommendation:
    text: str
    number: str | None = None
    points: list[str] = field(default_factory=list)
    after: list[str] = field(default_factory=list)  # paragraphs that follow it (board responses)
    where: str | None = None


@dataclass
class DraftResource:
    title: str
    url: str | None = None
    description: str | None = None


@dataclass
class DraftSection:
    heading: str | None
    kind: str
    paragraphs: list[str] = field(default_factory=list)
    items: list[str] = field(default_factory=list)
    where: str | None = None  # where its first text came from
    item_where: list[str | None] = field(default_factory=list)  # one per item


@dataclass
class Structure:
    title_lines: list[str] = field(default_factory=list)
    title_where: str | None = None
    header_dates: list[str] = field(default_factory=list)  # dates standing alone near the title
    # Lines by the title naming the board or who published it ("Published by ..., May 2024").
    header_lines: list[str] = field(default_factory=list)
    sections: list[DraftSection] = field(default_factory=list)
    items: dict[str, list[DraftItem]] = field(default_factory=lambda: {k: [] for k in ITEM_LISTS})
    questions: list[DraftQuestion] = field(default_factory=list)
    recommendations: list[DraftRecommendation] = field(default_factory=list)
    resources: list[DraftResource] = field(default_factory=list)
    headings_known: list[str] = field(default_factory=list)
    headings_unknown: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


# --- recognising headings in text that has no markup ---------------------------------------------

_FUNCTION_WORDS = frozenset({
    "a", "an", "and", "as", "at", "be", "by", "for", "from", "in", "into", "is", "are", "its", "of",
    "on", "or", "our", "that", "the", "their", "this", "to", "with", "you", "your"})
_QUESTION_HEADING = re.compile(r"^(what|how|why|who|when|where|which)\b", re.IGNORECASE)
_PERSONAL = re.compile(r"\b(I|you|your|my|we|me)\b", re.IGNORECASE)
_URL = re.compile(r"https?://|www\.", re.IGNORECASE)


def _title_case_share(text: str) -> float:
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", text) if w.lower() not in _FUNCTION_WORDS]
    if not words:
        return 0.0
    return sum(1 for w in words if w[0].isupper()) / len(words)


def looks_like_heading(b: Block) -> bool:
    """A short standalone line that reads as a heading rather than a sentence."""
    text = b.text.strip()
    words = text.split()
    if b.line_break or not words or len(words) > 12 or len(text) > 100 or "\n" in text:
        return False
    if not (text[0].isupper() or text[0].isdigit()) or _ends_sentence(text) or text.endswith(","):
        return False
    if _URL.search(text) or is_link_only(text, b.links) or date_line(text):
        return False
    if re.search(r"[a-z]\. [A-Z]", text):  # two sentences
        return False
    if text.endswith(":"):
        return len(words) <= 8 and _title_case_share(text) >= 0.6
    if text.endswith("?"):
        return bool(_QUESTION_HEADING.match(text)) and not _PERSONAL.search(text) and len(words) <= 10
    return True


def _ends_sentence(text: str) -> bool:
    """Ends with a full stop (an ellipsis, "take the time to....", does not end a sentence)."""
    return text.endswith(".") and not text.endswith("..")


def _heading_text(text: str) -> str:
    return text.strip().rstrip(":;").strip()


# --- the walk ------------------------------------------------------------------------------------

@dataclass
class _Scope:
    heading: str | None
    rule: HeadingRule | None
    blocks: list[Block]
    soft: bool = False  # opened by a sentence ending in ':' rather than a heading


def parse(blocks: list[Block]) -> Structure:
    st = Structure()
    blocks, dropped = strip_boilerplate(blocks)
    st.notes += dropped
    body = _take_title(blocks, st)
    scopes = _scopes(body, st)
    walker = _Walker(st)
    walker.walk(scopes)
    walker.finish()
    _fallback_learning(st)
    return st


def _take_title(blocks: list[Block], st: Structure) -> list[Block]:
    """Title lines from the top of the document; returns the blocks after them."""
    hinted = [i for i, b in enumerate(blocks[:8]) if b.title_hint]
    if hinted:
        first = hinted[0]
        end = first
        while end < len(blocks) and blocks[end].title_hint and end - first < MAX_TITLE_LINES:
            st.title_lines.append(blocks[end].text)
            st.title_where = st.title_where or where(blocks[end])
            end += 1
        rest = blocks[:first] + blocks[end:]
        return _take_dates(rest, st)
    i = 0
    board_where: str | None = None
    header_after_title = False
    while i < len(blocks) and len(st.title_lines) < MAX_TITLE_LINES:
        b = blocks[i]
        text = b.text.strip()
        d = date_line(text)
        if d:
            st.header_dates.append(d)
            header_after_title = bool(st.title_lines)
            i += 1
            continue
        if b.kind is not Kind.ITEM and (names_a_board(text) or (st.title_lines and _header_line(text))):
            # Who published it and when, over or under the title: metadata reads the board, the
            # date and any restriction from it.
            st.header_lines.append(text)
            if d := parse_date(text):  # (a line that is only a date was taken above)
                st.header_dates.append(d)
            board_where = board_where or where(b)
            header_after_title = bool(st.title_lines)
            i += 1
            continue
        if header_after_title:
            break  # the title's date or board came after it: what follows is the text
        words = text.split()
        # The first line is the title even when it reads like a heading ("Learning from the
        # Case: Child N"), unless it is a bare label ("Background"); later lines stop at headings.
        heading = match_heading(text) is not None and (bool(st.title_lines) or len(words) <= 4)
        if (st.title_lines and b.kind is not Kind.ITEM and len(words) <= 14
                and text.lower().startswith(st.title_lines[-1].lower())):
            # "Child B" then "Child B Serious Case Review": a page's short title over its full one.
            st.title_lines[-1] = text
            i += 1
            continue
        # A line with a list under it is the first heading ("The Incident"), not more title.
        heads_list = bool(st.title_lines) and i + 1 < len(blocks) and blocks[i + 1].kind is Kind.ITEM
        if (b.kind is Kind.ITEM or heading or heads_list or len(words) > 14 or "\n" in text
                or text.endswith((".", ",", ":", ";")) or is_link_only(text, b.links)):
            break
        st.title_lines.append(text)
        st.title_where = st.title_where or where(b)
        i += 1
    if not st.title_lines and st.header_lines:  # nothing else to call it
        st.title_lines.append(st.header_lines.pop(0))
        st.title_where = board_where
    return _take_dates(blocks[i:], st)


_PUBLISHER = re.compile(r"^(?:published|produced|written|prepared|issued|compiled)\b", re.IGNORECASE)


def _header_line(text: str) -> bool:
    """A short line under the title saying who published it ("Published by the Ashdale
    Safeguarding Children Partnership, January 2023"), not a sentence of the text."""
    return (len(text.split()) <= 16 and not _ends_sentence(text)
            and (mentions_a_board(text) or _PUBLISHER.match(text) is not None))


def _take_dates(blocks: list[Block], st: Structure) -> list[Block]:
    """A date standing alone in the first lines after the title is the publication date."""
    out = []
    for i, b in enumerate(blocks):
        d = date_line(b.text) if i < 3 and b.kind is not Kind.ITEM else None
        if d:
            st.header_dates.append(d)
        else:
            out.append(b)
    return out


# "Learning point 1: Young people told..." on one line: a label the heading map knows, numbered,
# then its text.
_NUMBERED_LABEL = re.compile(r"^(?P<label>[A-Za-z][A-Za-z ]{2,40}? (?:\d{1,2}|one|two|three|four|five|six"
                             r"|seven|eight|nine|ten))\s*[:.\u2013\u2014-]\s+(?P<rest>\S.*)$",
                             re.IGNORECASE | re.DOTALL)


def _split_labels(blocks: list[Block]) -> list[Block]:
    """A numbered label and its text on one line are a heading over a paragraph, as they are when
    the label has a line of its own."""
    out: list[Block] = []
    for b in blocks:
        m = _NUMBERED_LABEL.match(b.text) if b.kind is Kind.PARA else None
        if m is None or match_heading(m.group("label")) is None:
            out.append(b)
            continue
        out += [replace(b, kind=Kind.HEADING, text=m.group("label"), lead=None, links=[]),
                replace(b, text=m.group("rest"), lead=None)]
    return out


def _scopes(blocks: list[Block], st: Structure) -> list[_Scope]:
    """Split the body at headings (and at sentences that introduce a recognised list)."""
    blocks = _split_labels(blocks)
    scopes = [_Scope(None, None, [])]
    for i, b in enumerate(blocks):
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        heading, rule = _as_heading(b, nxt, scopes[-1].rule)
        if heading is not None:
            (st.headings_known if rule else st.headings_unknown).append(heading)
            scopes.append(_Scope(heading, rule, []))
            continue
        if b.kind is Kind.PARA and nxt is not None and nxt.kind is Kind.ITEM:
            lead_in = match_lead_in(b.text)
            if lead_in is not None:
                scopes.append(_Scope(b.text, lead_in, [b], soft=True))
                continue
        scopes[-1].blocks.append(b)
    return [s for s in scopes if s.heading is not None or s.blocks]


def _as_heading(b: Block, nxt: Block | None, current: HeadingRule | None
                ) -> tuple[str | None, HeadingRule | None]:
    """(heading text, rule) if the block is a heading here, else (None, None)."""
    text = b.text.strip()
    words = len(text.split())
    if is_link_only(text, b.links):
        return None, None  # "[Learning from practice reviews](#)" is a link, not a heading
    if is_prompt(text) or (current is not None and current.target == QUESTIONS
                           and _PROMPT.match(text) and match_heading(text) is None):
        return None, None  # "Consider how you record ..." is a prompt, however short
    if b.kind is Kind.ITEM:
        # "4. Questions" in a 7-minute briefing is a numbered heading, not a numbered item.
        rule = match_heading(text) if b.number and words <= 8 else None
        return (_heading_text(f"{b.number}. {text}"), rule) if rule else (None, None)
    # A sentence that points elsewhere ("More information can be found on our website:") is
    # prose even when its opening words look like a heading.
    rule = match_heading(text) if words <= 12 and not _POINTER.search(text) else None
    if rule is not None and not _ends_sentence(text):
        return _heading_text(text), rule
    if b.kind is Kind.HEADING and (words > 20 or _ends_sentence(text)):
        return None, None  # a bold sentence, not a heading
    if b.kind is not Kind.HEADING and not looks_like_heading(b) and not (b.lead == text and words <= 12):
        return None, None
    if nxt is None:
        return None, None
    in_list = current is not None and current.target is not None
    if in_list and not b.hinted:
        # Inside resources, short lines are resource titles; inside other lists, a short label
        # followed by items ("Health visitors") sorts the items, it does not end the list.
        if current is not None and current.target == RESOURCES:
            return None, None
        if nxt.kind is Kind.ITEM:
            return None, None
    return _heading_text(text), None


class _Walker:
    def __init__(self, st: Structure) -> None:
        self.st = st
        self.topic: str | None = None
        self.topic_section: DraftSection | None = None
        self.section: DraftSection | None = None
        self.audience_guessed: list[str] = []
        self.questions_split = 0
        self.paragraph_items: list[str] = []
        self.last_lps: list[int] = []  # learning points made by the scope just walked
        self.pairs_joined = 0
        self.findings_items = 0
        self.prose_questions = 0
        # Heading and kind for prose found under a list heading, made into a section when needed.
        self.pending_heading: tuple[str | None, str] = (None, "other")

    # -- sections
    def _new_section(self, heading: str | None, kind: str) -> DraftSection:
        sec = DraftSection(heading, kind)
        self.st.sections.append(sec)
        self.section = sec
        return sec

    def _prose(self, text: str, b: Block | None = None) -> None:
        if self.section is None:
            self._new_section(None, "introduction" if not self.st.sections else "other")
        assert self.section is not None
        _para(self.section, text, b)

    def walk(self, scopes: list[_Scope]) -> None:
        lps = self.st.items[LEARNING_POINTS]
        for scope in scopes:
            before = len(lps)
            rule = scope.rule
            if rule is not None and rule.pairs and not scope.soft and self._pair(scope):
                self.last_lps = []
                continue
            self._scope(scope)
            # The learning points this scope made: a following "Improving practice" completes them.
            is_lp_list = rule is not None and rule.target == LEARNING_POINTS
            self.last_lps = list(range(before, len(lps))) if is_lp_list else []

    def _pair(self, scope: _Scope) -> bool:
        """"Improving practice" under "Key learning": its text completes the learning point(s).

        One learning point before it takes all of its text; as many items as learning points pair
        up one to one. Anything else is a list of its own (False)."""
        texts = [(b.text, b) for b in scope.blocks
                 if not b.text.endswith(":") and not _POINTER.search(b.text)]
        lps = self.st.items[LEARNING_POINTS]
        if not texts or not self.last_lps:
            return False
        label = _NUMBER_LABEL.sub("", scope.heading or "")  # "5. What this means..." -> "What this..."
        if len(self.last_lps) == 1:
            lp = lps[self.last_lps[0]]
            lp.text = f"{lp.text} {label}: {' '.join(t for t, _ in texts)}"
        elif len(self.last_lps) == len(texts):
            for k, (t, _b) in enumerate(texts):
                lp = lps[self.last_lps[k]]
                lp.text = f"{lp.text} {label}: {t}"
        else:
            return False
        self.pairs_joined += 1
        self._links(scope.blocks)
        return True

    def _scope(self, scope: _Scope) -> None:
        rule = scope.rule
        if scope.soft:
            # The sentence stays in the text it belongs to; the list after it goes elsewhere.
            self._prose(scope.blocks[0].text, scope.blocks[0])
            self._items_scope(scope, scope.blocks[1:], self.topic or (
                self.section.heading if self.section else None))
            return
        if rule is None or rule.target is None:
            if scope.heading is None:
                self.section = None
                kind = "introduction"
            else:
                kind = rule.kind if rule else "topic"
            self._narrative(scope, kind, is_topic=rule is None)
            return
        section_name = scope.heading
        if rule.generic and self.topic:
            section_name = self.topic
        # Prose under a list heading goes to the topic it belongs to, or to its own section.
        if rule.generic and self.topic_section is not None:
            self.section = self.topic_section
        else:
            self.section = None
            self.pending_heading = (scope.heading, rule.kind)
        self._items_scope(scope, scope.blocks, section_name)

    def _narrative(self, scope: _Scope, kind: str, *, is_topic: bool) -> None:
        sec = self._new_section(scope.heading, kind)
        if scope.heading is not None:
            # Only a heading we do not know is a topic ("Invisible fathers"); known ones
            # ("Background", "Why it matters") are the document's frame, not its subject.
            self.topic = scope.heading if is_topic else None
            self.topic_section = sec if is_topic else None
        for b in scope.blocks:
            if b.kind is Kind.ITEM:
                self._narrative_item(b, sec)
            else:
                _para(sec, b.text, b)
                if kind not in _NO_QUESTIONS:
                    self._questions_in_prose(b, sec.heading)
        self._links(scope.blocks)

    def _questions_in_prose(self, b: Block, section: str | None) -> None:
        """Questions put to the reader inside a paragraph ("What inhibits practitioners from
        naming neglect?") are reflective questions too; the paragraph keeps its text."""
        known = {q.text for q in self.st.questions}
        for q in questions_in(b.text):
            if q not in known:
                self.st.questions.append(DraftQuestion(q, None, section, where=where(b)))
                self.prose_questions += 1

    def _narrative_item(self, b: Block, sec: DraftSection) -> None:
        if b.marker in GOOD_MARKS:
            self.st.items[GOOD_PRACTICE].append(DraftItem(b.text, section=sec.heading,
                                                          where=where(b)))
        elif b.marker in STRENGTHEN_MARKS:
            self.st.items[AREAS_TO_STRENGTHEN].append(DraftItem(b.text, section=sec.heading,
                                                                where=where(b)))
        elif ((b.text.endswith("?") and _PERSONAL.search(b.text) and b.text[:1].isupper())
              or is_prompt(b.text)):
            self.st.questions.append(DraftQuestion(b.text, _int(b.number), sec.heading,
                                                   where=where(b)))
        elif sec.kind == "findings":
            # Bullets under "The Issues", "Risk factors", "Findings": the findings themselves.
            self._add_item(LEARNING_POINTS, b, sec.heading, None)
            self.findings_items += 1
        else:
            sec.items.append(b.text)
            sec.item_where.append(where(b))

    def _section_for_prose(self) -> DraftSection:
        if self.section is None:
            heading, kind = self.pending_heading
            self._new_section(heading, kind)
        assert self.section is not None
        return self.section

    def _items_scope(self, scope: _Scope, blocks: list[Block], label: str | None) -> None:
        """Items under a list heading; `label` is what they are filed under (their `section`)."""
        rule = scope.rule
        assert rule is not None and rule.target is not None
        target = rule.target
        audience, ambiguous = audience_of(scope.heading or "") if not scope.soft else (None, False)
        if ambiguous:
            self.st.notes.append(f"audience: \"{scope.heading}\" names more than one audience; "
                                 "none was set for its items")
        if target == RESOURCES:
            self._resources(blocks)
            return
        if target == RECOMMENDATIONS:
            self._recommendations(blocks)
            return
        has_items = any(b.kind is Kind.ITEM for b in blocks)
        pointer_seen = False
        for b in blocks:
            if b.kind is not Kind.ITEM:
                # Prose under a list heading is the list itself when there are no bullets
                # ("Learning points:" followed by a paragraph), until text that points elsewhere.
                as_item = (not has_items and not pointer_seen and not b.text.endswith(":")
                           and not _POINTER.search(b.text) and target != QUESTIONS)
                if target == QUESTIONS and (b.text.endswith("?") or _PROMPT.match(b.text)):
                    # "How would you know? What would you do next?" on one line: one each.
                    for q in split_prompts(b.text):
                        self.st.questions.append(DraftQuestion(q, None, label, where=where(b)))
                    continue
                if as_item:
                    self.paragraph_items.append(label or "")
                    self._add_item(target, b, label, audience)
                    continue
                if not has_items:
                    # What follows the learning ("For more information ...") is the document's
                    # closing text: an untitled section of its own.
                    pointer_seen = True
                    if self.section is None or self.section.heading is not None:
                        self._new_section(None, "other")
                    assert self.section is not None
                    _para(self.section, b.text, b)
                else:
                    _para(self._section_for_prose(), b.text, b)
                self._questions_in_prose(b, label)
                continue
            if target == QUESTIONS:
                self.st.questions.append(DraftQuestion(b.text, _int(b.number), label,
                                                       where=where(b)))
                continue
            self._add_item(target, b, label, audience)
        self._links(blocks)

    def _add_item(self, target: str, b: Block, section: str | None, audience: str | None) -> None:
        if b.marker in GOOD_MARKS:
            target = GOOD_PRACTICE
        elif b.marker in STRENGTHEN_MARKS:
            target = AREAS_TO_STRENGTHEN
        text, lead = b.text, b.lead
        questions: list[str] = []
        if target in (LEARNING_POINTS, KEY_MESSAGES) and is_prompt(text):
            # "Consider whether ..." is a prompt for reflection, not a finding.
            self.st.questions.append(DraftQuestion(text, None, section, where=where(b)))
            self.prose_questions += 1
            return
        if target == LEARNING_POINTS:
            text, lead, questions = split_questions(text, lead)
            known = set(questions)
            # A question in the middle of the text is asked of the reader too; the text keeps it.
            questions += [q for q in questions_in(text) if q not in known]
            if not text:  # the whole item is questions
                for q in questions:
                    self.st.questions.append(DraftQuestion(q, None, section, where=where(b)))
                return
        if target in (LEARNING_POINTS, KEY_MESSAGES) and audience is None:
            guess = item_audience(text)
            if guess:
                audience = guess
                self.audience_guessed.append(text[:40])
        items = self.st.items[target]
        items.append(DraftItem(text, lead, audience if target in (LEARNING_POINTS, KEY_MESSAGES,
                                                                  GOOD_PRACTICE) else None,
                               section, where(b)))
        if questions:
            self.questions_split += len(questions)
            for q in questions:
                self.st.questions.append(DraftQuestion(q, None, section, len(items) - 1,
                                                       where(b)))

    def _recommendations(self, blocks: list[Block]) -> None:
        recs = self.st.recommendations
        numbered = any(b.kind is Kind.ITEM and b.number for b in blocks)
        has_items = any(b.kind is Kind.ITEM for b in blocks)
        for b in blocks:
            if b.kind is Kind.ITEM and (b.number or not numbered):
                recs.append(DraftRecommendation(b.text, b.number, where=where(b)))
            elif b.kind is Kind.ITEM and recs:
                recs[-1].points.append(b.text)
            elif not has_items and not b.text.endswith(":"):
                recs.append(DraftRecommendation(b.text, None, where=where(b)))
            elif recs:
                recs[-1].after.append(b.text)
            else:
                _para(self._section_for_prose(), b.text, b)
        self._links(blocks)

    def _resources(self, blocks: list[Block]) -> None:
        """Resource lists: "**Title** – words" items, link lines, and title lines over addresses."""
        pending: list[Block] = []

        def groups(items: list[Block]) -> list[tuple[str, str | None]]:
            """Pending lines as (title, description): a short line titles the text after it."""
            out: list[tuple[str, str | None]] = []
            for p in items:
                if looks_like_heading(p) or not out:
                    out.append((p.text, None))
                else:
                    title, desc = out[-1]
                    out[-1] = (title, f"{desc} {p.text}" if desc else p.text)
            return out

        def add(title: str, url: str | None, desc: str | None) -> None:
            title = _resource_title(title) or (url or "")
            if title:
                self.st.resources.append(DraftResource(title, url, desc))

        for b in blocks:
            if b.kind is Kind.ITEM:
                for title, desc in groups(pending):
                    add(title, None, desc)
                pending = []
                self._resource_item(b)
                continue
            real = [lk for lk in b.links if lk.url]
            if is_link_only(b.text.split("\n")[0], b.links) or (real and _URL.match(b.text.strip())):
                # A link line: its title is its label; what came just before describes it.
                before = groups(pending)
                pending = []
                desc = None
                if before:
                    last_title, last_desc = before.pop()
                    desc = f"{last_title} {last_desc}" if last_desc else last_title
                for title, d in before:
                    add(title, None, d)
                for lk in b.links:
                    label = lk.label if lk.label != lk.url else ""
                    if not label and desc and len(desc) <= 200:
                        label, desc = desc, None  # a bare address under its title line
                    add(label or lk.url or "", lk.url, desc)
                continue
            if real:
                # "Safer sleep advice: https://..." - the words before the address title it.
                for title, desc in groups(pending):
                    add(title, None, desc)
                pending = []
                for lk in real:
                    assert lk.url is not None
                    head, _, tail = b.text.partition(lk.url)
                    title = lk.label if lk.label != lk.url else head.strip(" :–-")
                    rest = " ".join(x for x in (head, tail) if x.strip()).strip(" :–-")
                    add(title or lk.url, lk.url, rest if rest and rest != title else None)
                continue
            pending.append(b)
        for title, desc in groups(pending):
            add(title, None, desc)

    def _resource_item(self, b: Block) -> None:
        url = next((lk.url for lk in b.links if lk.url), None)
        if b.lead:
            rest = b.text[len(b.lead):].strip(" –—-:") if b.text.startswith(b.lead) else b.text
            self.st.resources.append(DraftResource(b.lead, url, rest or None))
        elif b.links and is_link_only(b.text, b.links):
            self.st.resources.append(DraftResource(b.links[0].label, url, None))
        else:
            self.st.resources.append(DraftResource(b.text, url, None))

    def _links(self, blocks: list[Block]) -> None:
        """Links in narrative and lists become resources too: the label, and the words around it."""
        prev_text: str | None = None
        for b in blocks:
            for lk in b.links:
                desc: str | None = prev_text if is_link_only(b.text, b.links) else b.text
                title = _resource_title(lk.label)
                if title == lk.url:
                    before = b.text.split(lk.url)[0].strip().rstrip(":").strip()
                    title = before[:120] or lk.url
                    if desc and desc.replace(lk.url, "").strip(" :–-") == title:
                        desc = None  # "Title: address" says nothing more than title and address
                if title.lower() in ("here", "click here", "this link", "link", "website"):
                    title = (desc or title).split(".")[0][:120]
                self.st.resources.append(DraftResource(title, lk.url, desc))
            prev_text = b.text

    def finish(self) -> None:
        st = self.st
        if st.headings_unknown:
            shown = ", ".join(f"\"{h}\"" for h in st.headings_unknown[:6])
            more = f" and {len(st.headings_unknown) - 6} more" if len(st.headings_unknown) > 6 else ""
            st.notes.append(f"sections: {len(st.headings_unknown)} line(s) taken as topic headings "
                            f"(not in the heading map): {shown}{more}; check each is a heading")
        if self.questions_split:
            st.notes.append(f"reflective_questions: {self.questions_split} question(s) were split "
                            "from the end of learning points and linked to them; check the links")
        if self.pairs_joined:
            st.notes.append(f"learning_points: {self.pairs_joined} \"improving practice\" part(s) "
                            "were joined to the learning point before them; check each pair")
        if self.findings_items:
            st.notes.append(f"learning_points: {self.findings_items} bullet(s) under findings "
                            "headings were taken as learning points; check each one")
        if self.prose_questions:
            st.notes.append(f"reflective_questions: {self.prose_questions} question(s) or prompt(s) "
                            "were found in the text; check each is put to the reader")
        if self.paragraph_items:
            names = ", ".join(sorted({f"\"{n}\"" for n in self.paragraph_items if n}))
            st.notes.append(f"learning: paragraphs under {names or 'a list heading'} were taken as "
                            "items (no bullets there); check where each item ends")
        if self.audience_guessed:
            st.notes.append(f"audience: set from the item's own first words for "
                            f"{len(self.audience_guessed)} item(s) (e.g. \"{self.audience_guessed[0]}...\")")


_POINTER = re.compile(
    r"^(for (more|further) information|more information|further information|see (the|our|also)"
    r"|visit|click|download)\b|can be found|will be published|is (now )?available (at|on|from|here)"
    r"|https?://|www\.", re.IGNORECASE)

_SENTENCE = re.compile(r"(?<=[.?!])\s+(?=[A-Z‘'\"“(])")
# Sections about what a review is and how it was run: their questions are the document's frame
# ("What is a Serious Case Review?"), not questions for the reader.
_NO_QUESTIONS = ("about-review", "learning-method")
# Prompts for reflection written without a question mark.
_PROMPT_VERB = r"(consider|think about|reflect on|ask yourself|ask|discuss|explore|how|what|why)"
_PROMPT = re.compile(rf"^{_PROMPT_VERB}\b", re.IGNORECASE)
_PROMPT_ITEM = re.compile(
    r"^(consider|think about|reflect on|ask yourself)\b[\s:,-]*(whether|how|what|why|who|when"
    r"|where|which|if|in what ways?)\b", re.IGNORECASE)
_QUESTION_WORDS = 4


_NUMBER_LABEL = re.compile(r"^\s*\d{1,2}[.):]\s*")


def split_prompts(text: str) -> list[str]:
    """A paragraph of questions and prompts, one per sentence (a lone sentence stays whole). A
    prompt that only sets a scene ("Think about a family you work with.") stays with the
    question after it; one that asks something itself ("Consider how you ...") stands alone."""
    parts = [p.strip() for p in _SENTENCE.split(text.strip()) if p.strip()]
    if not (len(parts) > 1 and all(p.endswith("?") or _PROMPT.match(p) for p in parts)):
        return [text.strip()]
    out: list[str] = []
    for part in parts:
        if out and not out[-1].endswith("?") and not is_prompt(out[-1]) and part.endswith("?"):
            out[-1] += " " + part
        else:
            out.append(part)
    return out


def is_prompt(text: str) -> bool:
    """ "Consider whether ...", "Think about how ...": an open prompt for reflection."""
    return bool(_PROMPT_ITEM.match(text.strip()))


def questions_in(text: str) -> list[str]:
    """Whole sentences in a text that are questions (four words or more, capitalised)."""
    out = []
    for sentence in _SENTENCE.split(text.strip()):
        sentence = sentence.strip()
        if (sentence.endswith("?") and len(sentence.split()) >= _QUESTION_WORDS
                and (sentence[:1].isupper() or sentence[:1] in "‘'\"“")):
            out.append(sentence)
    return out


def split_questions(text: str, lead: str | None) -> tuple[str, str | None, list[str]]:
    """Questions at the end of a learning point, as separate questions.

    "**Be aware of the protocol.** Are you aware of it? Can you follow it?" -> the learning point
    "Be aware of the protocol." and two questions. A lead that is the whole learning point is not
    kept separately.
    """
    sentences = _SENTENCE.split(text.strip())
    k = len(sentences)
    while k > 0 and sentences[k - 1].rstrip().endswith("?"):
        k -= 1
    questions = [s.strip() for s in sentences[k:] if s.strip()]
    body = " ".join(sentences[:k]).strip()
    if lead and body == lead.strip():
        lead = None
    if lead and not body.startswith(lead):
        lead = None
    return body, lead, questions


def where(b: Block) -> str | None:
    """A pointer a reviewer can follow back to the source: "line 12", "page 3", "page 3, line 4"."""
    if b.page is not None:
        return f"page {b.page}" + (f", line {b.line}" if b.line is not None else "")
    return f"line {b.line}" if b.line is not None else None


def _para(sec: DraftSection, text: str, b: Block | None) -> None:
    if not sec.paragraphs and not sec.items and b is not None:
        sec.where = where(b)
    sec.paragraphs.append(text)


def _resource_title(text: str) -> str:
    return text.strip().rstrip(":").strip().strip("'\"‘’“”").strip()


def _int(number: str | None) -> int | None:
    return int(number) if number and number.isdigit() else None


def _fallback_learning(st: Structure) -> None:
    """With no list headings recognised at all, list items in topics are the learning."""
    found = any(st.items[k] for k in ITEM_LISTS) or st.questions or st.recommendations
    if found:
        return
    moved = 0
    for sec in st.sections:
        if sec.kind in ("about-review", "learning-method", "introduction") and sec.heading:
            continue
        for k, text in enumerate(sec.items):
            at = sec.item_where[k] if k < len(sec.item_where) else None
            body, lead, qs = split_questions(text, None)
            if body:
                st.items[LEARNING_POINTS].append(DraftItem(body, lead, None, sec.heading, at))
            for q in qs:
                st.questions.append(DraftQuestion(q, None, sec.heading,
                                                  len(st.items[LEARNING_POINTS]) - 1 if body else None,
                                                  at))
            moved += 1
        sec.items = []
        sec.item_where = []
    if moved:
        st.notes.append(f"learning_points: no learning heading was recognised; {moved} list item(s) "
                        "were taken as learning points; check each one")
    elif _prose_learning(st):
        st.notes.append(f"learning_points: no learning heading and no list items; "
                        f"{len(st.items[LEARNING_POINTS])} sentence(s) that state learning "
                        "(\"Practitioners should...\", \"The review found...\") were taken from the "
                        "text as learning points; check each one")
    else:
        st.notes.append("learning_points: none found (no recognised heading and no list items); "
                        "add the learning by hand")



def _prose_learning(st: Structure) -> bool:
    """Learning stated in paragraphs, sentence by sentence; the sentences leave the section text."""
    for sec in st.sections:
        if sec.kind in ("about-review", "learning-method"):
            continue
        kept: list[str] = []
        for para in join_broken(sec.paragraphs):
            found, rest = learning_in(para)
            st.items[LEARNING_POINTS] += [DraftItem(t, None, None, sec.heading, sec.where)
                                          for t in found]
            if rest:
                kept.append(rest)
        sec.paragraphs = kept
    return bool(st.items[LEARNING_POINTS])
