"""Tags with evidence and a confidence: a theme or agency shows in the facets only on enough evidence.

One trigger word anywhere used to make a facet-visible tag, so "protocol" tagged policies and
procedures and a site menu's "Training" tagged training. Here every match is evidence with a weight:

- where it is: the title and headings say what a document is about (strongest), then the learning
  itself (learning points, questions, recommendations, good practice ...), then background text;
- what it is: a multi-word phrase ("co-sleeping", "disguised compliance") or an acronym is strong;
  an ordinary single word is weaker; a generic word ("protocol", "training", "case", "threshold")
  is weak and never makes a tag on its own, wherever it is;
- how it is used: a theme given as an example ("such as emotional abuse", "e.g. ...") counts half.

Repeats of the same word add less each time; distinct words add up. The total gives a confidence
in 0..1; a tag at or above `SHOW_AT` is written into `themes`/`agencies` (facet-visible), one
below it is only a suggestion under `draft.suggested_tags` that a reviewer accepts or drops.
Item-level tags come from the item's own words, and only for tags the document has on its evidence.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from . import cues
from .tagging import Match, Tagger

TITLE, HEADING, FINDINGS, BACKGROUND = "title", "heading", "findings", "background"
PLACE_WEIGHT = {TITLE: 4.0, HEADING: 3.0, FINDINGS: 2.5, BACKGROUND: 1.0}

# Strength of one mention, by what kind of words matched.
STRONG, PLAIN, GENERIC_STRENGTH = 1.0, 0.6, 0.3
EXAMPLE_FACTOR = 0.5  # a word in a list of examples ("such as ...", "e.g. ...")

# Score at which a tag is as likely right as wrong (confidence 0.5): a theme needs a plain word in
# the learning, a strong phrase there or twice in the background, two distinct phrases, or a
# heading; an agency named once anywhere is enough (readers list every agency involved), unless
# only by a generic word. Measured on the development set and seeds (bench/ingest_bench.py).
HALF_SCORE = {"themes": 1.25, "agencies": 0.6}
SHOW_AT = 0.5
SUGGEST_AT = 0.15  # weaker evidence than this is not worth a reviewer's time

# Single words that say too little to stand for a theme or agency alone: they support other
# evidence but never make a tag by themselves.
GENERIC_WORDS = frozenset({
    "protocol", "protocols", "training", "trained", "policy", "policies", "procedure", "procedures",
    "guidance", "case", "cases", "practice", "threshold", "thresholds", "referral", "referrals",
    "analysis", "challenge", "challenged", "escalation", "escalate",
    "consent", "record", "records", "recording", "meeting", "meetings", "plan", "plans", "review",
    "reviews", "support", "risk", "risks", "information", "communication", "services", "service",
    "staff", "agencies", "agency", "professionals", "health", "needs", "help", "safety", "care",
    "injury", "injuries", "guidelines", "management", "vulnerable", "vulnerability",
    "capacity", "history", "transition", "engagement", "housing", "unsupervised", "offender",
    "offenders", "disability", "wellbeing",
    # Stock phrases of any safeguarding text, whatever it is about: "children and young people",
    # "both parents" say nothing of adolescents or of fathers in particular.
    "young people", "both parents",
})

# Terms whose every trigger is weaker than its words suggest: the publishing partnership is named
# on every briefing it publishes, which says nothing about its part in the case.
TERM_STRENGTH: dict[tuple[str, str], float] = {
    ("agencies", "safeguarding-partnership"): 0.3,
}

_EXAMPLE_CUE = re.compile(r"\b(?:e\.g\.?|eg|such as|for example|for instance|including|like)\s",
                          re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?;](?:\s|$)")
MAX_EVIDENCE = 5
EXAMPLE_REACH = 40  # characters: "such as X, Y or Z" reaches Z; a cue early in a long sentence does not


@dataclass(frozen=True, slots=True)
class Mention:
    trigger: str  # the words, lower case
    text: str  # as written
    place: str
    where: str | None
    weight: float


@dataclass
class Judgement:
    vocab: str
    term_id: str
    score: float
    confidence: float
    evidence: list[str]
    generic_only: bool

    @property
    def visible(self) -> bool:
        return self.confidence >= SHOW_AT and not self.generic_only

    def entry(self) -> dict[str, object]:
        kind = "theme" if self.vocab == "themes" else "agency"
        return {"kind": kind, "confidence": round(self.confidence, 2), "evidence": list(self.evidence)}


def strength(m: Match) -> float:
    """How much one mention says, by its words: phrase or acronym > plain word > generic word."""
    if m.weight is not None:  # an everyday-wording cue or a weakened taxonomy word (ingest.cues)
        return m.weight * TERM_STRENGTH.get((m.vocab, m.term_id), 1.0)
    words = [w for w in re.split(r"[\s\-/]+", m.text) if w]
    if m.text.lower() in GENERIC_WORDS or (len(words) == 1 and words[0].lower() in GENERIC_WORDS):
        base = GENERIC_STRENGTH
    elif m.acronym or len(words) >= 2:
        base = STRONG
    else:
        base = PLAIN
    return base * TERM_STRENGTH.get((m.vocab, m.term_id), 1.0)


def as_example(text: str, start: int) -> bool:
    """The words at `start` come just after "such as", "e.g." ... in the same sentence."""
    begin = max(0, start - EXAMPLE_REACH)
    for m in _SENTENCE_END.finditer(text, begin, start):
        if not text[max(0, m.start() - 3):m.end()].lower().strip().endswith("e.g."):
            begin = m.end()
    return _EXAMPLE_CUE.search(text, begin, start) is not None


def is_generic(m: Match) -> bool:
    return strength(m) <= GENERIC_STRENGTH * TERM_STRENGTH.get((m.vocab, m.term_id), 1.0) + 1e-9


@dataclass
class Evidence:
    """Mentions gathered from a document's parts, judged per (vocabulary, term)."""

    tagger: Tagger
    vocabs: tuple[str, ...] = ("themes", "agencies")
    mentions: dict[tuple[str, str], list[Mention]] = field(default_factory=lambda: defaultdict(list))
    generic: dict[tuple[str, str], bool] = field(default_factory=dict)
    aliases: cues.Aliases = field(default_factory=dict)  # the document's own acronyms for terms

    def add(self, text: str, place: str, where: str | None = None) -> list[Match]:
        found = [m for m in cues.matches(self.tagger, text, self.aliases) if m.vocab in self.vocabs]
        short_heading = place in (TITLE, HEADING) and len(text.split()) <= 6
        for m in found:
            s = strength(m)
            generic = is_generic(m)
            if short_heading and generic:
                # A heading that is the word itself ("Assessments", "Supervision") names the
                # theme: the third kind of evidence.
                s, generic = PLAIN, False
            # Agencies listed as examples ("agencies such as health visiting and CAMHS") were
            # involved all the same; a theme given as an example is a side remark.
            if m.vocab == "themes" and place not in (TITLE, HEADING) and as_example(text, m.start):
                s *= EXAMPLE_FACTOR
            key = (m.vocab, m.term_id)
            self.mentions[key].append(Mention(m.text.lower(), m.text, place, where,
                                              s * PLACE_WEIGHT[place]))
            self.generic[key] = self.generic.get(key, True) and generic
        return found

    def judge(self, vocab: str, term_id: str) -> Judgement:
        ms = self.mentions.get((vocab, term_id), [])
        by_trigger: dict[str, list[Mention]] = defaultdict(list)
        for m in ms:
            by_trigger[m.trigger].append(m)
        score = 0.0
        best: list[tuple[float, Mention]] = []
        for group in by_trigger.values():
            weights = sorted((m.weight for m in group), reverse=True)
            # Saying the same word again adds less each time, and never more than the word once more.
            score += min(weights[0] + 0.5 * sum(weights[1:]), 2 * weights[0])
            top = max(group, key=lambda m: m.weight)
            best.append((top.weight, top))
        best.sort(key=lambda x: -x[0])
        half = HALF_SCORE.get(vocab, 2.5)
        confidence = score / (score + half) if score > 0 else 0.0
        evidence = []
        for _w, m in best[:MAX_EVIDENCE]:
            n = len(by_trigger[m.trigger])
            bits = [p for p in (m.place if m.place in (TITLE, HEADING) else None, m.where) if p]
            more = f", {n} mentions" if n > 1 else ""
            evidence.append(f"{m.text} ({', '.join(bits)}{more})" if bits or more
                            else m.text)
        return Judgement(vocab, term_id, score, confidence, evidence,
                         self.generic.get((vocab, term_id), True))

    def judgements(self) -> list[Judgement]:
        out = [self.judge(v, t) for v, t in self.mentions]
        out.sort(key=lambda j: (-j.confidence, j.term_id))
        return out


def item_tags(tagger: Tagger, text: str, visible: set[tuple[str, str]],
              aliases: cues.Aliases | None = None
              ) -> tuple[list[str], list[str], list[tuple[str, str]]]:
    """(themes, agencies, suggestions) for one item from its own words.

    An item carries a tag the document shows when its own text has non-generic evidence for it; a
    document tag it has only generic words for is a suggestion. Tags the document does not show
    are suggested once, for the document, not again for every item.
    """
    themes: list[str] = []
    agencies: list[str] = []
    suggestions: list[tuple[str, str]] = []
    for m in cues.matches(tagger, text, aliases):
        key = (m.vocab, m.term_id)
        if m.vocab not in ("themes", "agencies"):
            continue
        target = themes if m.vocab == "themes" else agencies
        if key in visible and not is_generic(m):
            if m.term_id not in target:
                target.append(m.term_id)
        elif key in visible and key not in suggestions:
            suggestions.append(key)  # the document has it; this item only names it in passing
    chosen = {("themes", t) for t in themes} | {("agencies", a) for a in agencies}
    return themes, agencies, [s for s in suggestions if s not in chosen]
