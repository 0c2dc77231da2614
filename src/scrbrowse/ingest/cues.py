"""Everyday wording as evidence for themes and agencies, beyond the taxonomy's labels and synonyms.

The taxonomy lists the words people search with; a briefing describes the same things in its own
words: "information was shared with the social worker", "mum struggled with her emotional
wellbeing", "he died at the age of 4 months", "looked after by the local authority". These cues
are generic safeguarding phrasings (role nouns, verbs of sharing and listening, ages and deaths),
never the wording of one document, and each has a fixed strength:

- STRONG: the phrase says the theme or agency plainly ("sexually abused", "over-optimistic");
- PLAIN: an ordinary single-word cue ("pupils", "paediatric");
- WEAK: supports other evidence but never makes a tag alone ("the local authority").

Some taxonomy words mean something else in a recognisable setting: "Working Together 2010" is
statutory guidance, not agencies working together; "SCR analysis" is a kind of document, not
assessment; "sharing information online" is online abuse; an early help *assessment* says nothing
about the early help *service*. `OVERRIDES` drop or weaken a taxonomy match inside such a phrase,
and a cue can replace a taxonomy match it overlaps (a mother's "emotional wellbeing" is parental
mental health, not children's mental health).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .tagging import Match, Tagger

STRONG, PLAIN, WEAK = 1.0, 0.6, 0.3

_CHILD = r"(?:child|children|young (?:person|people)|baby|babies|infant|infants)"
_PARENT = r"(?:mum|mums|mother|mothers|dad|dads|father|fathers|parent|parents|carer|carers)(?:['’]s)?"
_AGENCIES = (r"(?:agencies|professionals|practitioners|partners|partner agencies|colleagues"
             r"|services|organisations)")
# Words that make a parent's sentence about the child instead ("parents ... their child's mental health").
_NOT_PARENT = r"(?:child|children|child['’]s|children['’]s|young|baby|son|daughter|pupils?)\b"
_GAP = r"(?:\s+[\w’'-]+){0,3}?"  # up to three words between


@dataclass(frozen=True, slots=True)
class Cue:
    vocab: str
    term_id: str
    strength: float
    pattern: re.Pattern[str]
    replaces: tuple[tuple[str, str], ...] = ()  # taxonomy matches inside this cue are dropped


@dataclass(frozen=True, slots=True)
class Override:
    """A taxonomy match of (vocab, term) inside `pattern` counts `factor` times (0: not at all;
    0.3: only as support, like a generic word)."""

    vocab: str
    term_id: str
    factor: float
    pattern: re.Pattern[str]


def _re(text: str, *, case: bool = False) -> re.Pattern[str]:
    return re.compile(text, 0 if case else re.IGNORECASE)


def _cue(vocab: str, term: str, strength: float, *patterns: str,
         replaces: tuple[tuple[str, str], ...] = (), case: bool = False) -> list[Cue]:
    return [Cue(vocab, term, strength, _re(rf"(?<![\w-]){p}(?![\w])", case=case), replaces)
            for p in patterns]


T, A = "themes", "agencies"

CUES: list[Cue] = [
    # A death in infancy: "died at 13 months", "the death of a 6-week-old baby".
    *_cue(T, "infant-deaths", STRONG,
          r"(?:death|died|deaths)\b[^.;]{0,50}?\b(?:age of|aged)\s+\d{1,2}\s+(?:weeks?|months?)",
          r"(?:death|died|deaths)\b[^.;]{0,50}?\b\d{1,2}[\s-](?:week|month)s?[\s-]old",
          r"\d{1,2}[\s-](?:week|month)s?[\s-]old\b[^.;]{0,50}?\b(?:died|death)",
          r"(?:death|died) of (?:a|an|the|their|her|his) (?:baby|infant|newborn)",
          r"(?:baby|infant|newborn)\s+(?:\w+\s+)?(?:died|death)"),
    # Parents who are young: "teenage mum", "parents were both under 18", "young men with childcare
    # responsibilities", "parents who are children themselves".
    *_cue(T, "young-parents", STRONG,
          r"(?:young|teenage|teen|adolescent)\s+(?:mum|mums|dad|dads|parent|parents|mother|father)s?",
          r"(?:parents?|mum|mother|dad|father)\s+(?:were|was|are|is)\s+(?:both\s+)?(?:under|aged)"
          r"\s+1[0-9]",
          rf"{_PARENT}\s+(?:who\s+(?:are|were)\s+)?(?:children|teenagers|adolescents)\s+themselves",
          r"young\s+(?:men|women|man|woman)\s+with\s+(?:childcare|caring|parenting)"
          r"\s+responsibilit(?:y|ies)",
          # The parent is the young person here: not a document about adolescents.
          replaces=((T, "adolescents"),)),
    # A parent's mental health in everyday words: "mum struggled with her emotional wellbeing".
    *_cue(T, "parental-mental-health", STRONG,
          rf"{_PARENT}(?:\s+(?!{_NOT_PARENT})[\w’'-]+){{0,6}}?\s+(?:emotional\s+well[\s-]?being|mental\s+health"
          r"|low\s+mood|depression|depressed|anxiety|mental\s+ill[\s-]?health)",
          r"(?:mental\s+health|emotional\s+well[\s-]?being)\s+of\s+(?:the\s+|their\s+|her\s+|his\s+)?"
          r"(?:mum|mother|father|dad|parents?|carers?)",
          replaces=((T, "child-mental-health"),)),
    # Sharing information, in verbs: "shared valuable information with", "information was not shared".
    *_cue(T, "information-sharing", STRONG,
          rf"shar(?:e|es|ed|ing){_GAP}\s+information(?!\s+online)",
          r"information\s+(?:was|were|is|are|had\s+been|has\s+been|should\s+be|must\s+be|being|to\s+be)"
          r"(?:\s+not)?\s+(?:\w+\s+)?shared",
          rf"shar(?:e|es|ed|ing)(?:\s+[\w’'()-]+){{0,6}}?\s+(?:with|between)\s+(?:other\s+)?"
          rf"(?:relevant\s+)?{_AGENCIES}",
          r"(?:sourc|gather|seek|sought|request|obtain)\w*\s+information\s+from",
          r"pass(?:ed|ing)?\s+on\s+(?:\w+\s+)?information"),
    # Hearing the child: "provide space for the young person to talk", "involve children in".
    *_cue(T, "voice-of-the-child", STRONG,
          rf"(?:talk|speak|listen)(?:ing|ed|s)?\s+(?:to|with)\s+(?:the\s+)?{_CHILD}",
          rf"{_CHILD}\s+(?:to|can|could|were\s+able\s+to|was\s+able\s+to)\s+(?:talk|speak|say|tell)",
          rf"(?:time|space|chance|opportunit(?:y|ies))\s+(?:\w+\s+){{0,3}}?for\s+(?:the\s+)?{_CHILD}"
          r"\s+to\s+(?:talk|speak)",
          rf"(?:give|gives|gave|giving|allow|allowed)\s+(?:the\s+)?{_CHILD}\s+(?:\w+\s+){{0,3}}?"
          r"to\s+(?:talk|speak)",
          rf"involv(?:e|es|ed|ing)\s+(?:the\s+)?{_CHILD}(?:\s+[\w’'-]+){{0,3}}?\s+in",
          rf"(?:views|wishes|feelings)\s+of\s+(?:the\s+)?{_CHILD}"),
    # Agencies working together: "attendance at meetings", "a co-ordinated response".
    *_cue(T, "multi-agency-working", STRONG,
          r"attend(?:ance|ing|ed)?\s+(?:at\s+|of\s+)?(?:the\s+)?(?:\w+\s+){0,2}?(?:meetings?"
          r"|core\s+groups?|conferences?)",
          r"co-?ordinated\s+(?:multi-agency\s+)?(?:response|approach|plan|working|action)",
          rf"(?:{_AGENCIES})(?:\s+\w+){{0,2}}?\s+(?:to\s+)?(?:come|came|coming|work|worked|working)\s+together",
          rf"collaborat\w+\s+(?:between|among|across|with)\s+(?:the\s+)?(?:other\s+)?{_AGENCIES}"),
    # Human factors: the classic biases named in case reviews.
    *_cue(T, "human-factors", STRONG,
          r"over[\s-]?optimis\w*", r"optimistic\s+view", r"normalis(?:e|ed|es|ing|ation)",
          r"normaliz(?:e|ed|es|ing|ation)", r"desensiti[sz](?:ed|ation)",
          r"(?:become|becoming|became|be)\s+[‘'\"“]?blind[’'\"”]?\s+to", r"\w+\s+blindness",
          r"minimis(?:ed|ing)\s+by\s+(?:professionals|practitioners|staff)"),
    # Policies as things agencies have: "e-safety policies in place".
    *_cue(T, "policies-and-procedures", STRONG,
          r"(?:policies|policy|procedures|protocols?)\s+in\s+place",
          r"Working\s+Together(?:\s+to\s+Safeguard\s+Children)?\s+(?:19|20)\d\d"),
    *_cue(T, "sexual-abuse", STRONG,
          r"sexually\s+(?:abused|abusing|assaulted)", r"sexual\s+interest\s+in\s+children"),
    # Agencies from their people and what they do.
    *_cue(A, "childrens-social-care", STRONG,
          r"(?:looked\s+after\s+by|in\s+the\s+care\s+of|accommodated\s+by)\s+the\s+local\s+authority",
          r"social\s+work\s+(?:team|teams|manager|managers|service|services|practitioners?)"),
    *_cue(A, "childrens-social-care", STRONG, r"IROs?", case=True),
    *_cue(A, "childrens-social-care", WEAK, r"the\s+local\s+authority"),
    *_cue(A, "all-agencies", STRONG,
          r"(?:for|to|by)\s+(?:all\s+)?multi-agency\s+(?:practitioners|professionals|partners|staff"
          r"|colleagues|workforce)",
          r"everyone\s+(?:working|who\s+works)\s+with\s+(?:a\s+|the\s+)?(?:child|children|famil)\w*"),
    *_cue(A, "hospital-services", PLAIN, r"paediatric", r"neonatal"),
    *_cue(A, "hospital-services", STRONG, r"consultant\s+paediatrician",
          r"(?:hospital|paediatric|medical)\s+(?:team|staff|doctors?|nurses?)"),
    *_cue(A, "education", STRONG,
          r"education(?:al)?\s+(?:professionals|settings?|staff|providers?|practitioners)",
          r"teaching\s+(?:staff|assistants?)", r"class\s+teachers?", r"head\s+of\s+year"),
    *_cue(A, "education", PLAIN, r"pupils?"),
    *_cue(A, "adult-mental-health", STRONG,
          r"(?:community\s+)?(?:psychiatric|mental\s+health)\s+nurses?",
          r"adult\s+psychiatr\w+", r"psychiatric\s+(?:ward|unit|services?|hospital)"),
    *_cue(A, "adult-mental-health", STRONG, r"CPNs?", case=True),
    *_cue(A, "substance-misuse-services", STRONG,
          r"(?:drug|alcohol|substance\s+misuse)\s+(?:workers?|teams?|practitioners?|treatment\s+services?)",
          r"recovery\s+workers?"),
    *_cue(A, "police", STRONG, r"detectives?",
          r"PCSOs?", r"neighbourhood\s+officers?"),
]

# Taxonomy words that mean something else in these phrases.
OVERRIDES: list[Override] = [
    # Statutory guidance named by its year is a policy, not agencies working together.
    Override(T, "multi-agency-working", 0.0,
             _re(r"Working\s+Together(?:\s+to\s+Safeguard\s+Children)?\s+(?:19|20)\d\d")),
    # How a review was done ("a multi-agency audit", "multi-agency case reviewing methodology").
    Override(T, "multi-agency-working", 0.0,
             _re(r"multi[\s-]?agency(?:\s+\w+){0,2}?\s+(?:audits?|review(?:s|ing)?(?!\s+meetings?)"
                 r"|methodolog\w+)\b")),
    # "SCR analysis", "analysis of serious case reviews": a kind of document.
    Override(T, "assessment", 0.0,
             _re(r"(?:SCR|SCRs|case\s+reviews?|reviews?|triennial|national|thematic)\s+\(?\w*\)?\s*"
                 r"analysis|analysis\s+(?:of\s+)?(?:\d+\s+)?(?:serious\s+case\s+reviews|SCRs|reviews)"
                 r"|(?:SCR|review)\s+analysis")),
    # Sharing pictures or details online is online abuse, not agencies sharing information.
    Override(T, "information-sharing", 0.0,
             _re(r"shar\w+\s+(?:of\s+)?(?:information|images|photos|pictures)\s+(?:\w+\s+){0,2}?"
                 r"(?:online|on[\s-]?line|via\s+the\s+internet|on\s+social\s+media)")),
    # A safeguarding adults board is a partnership of agencies, not the adult social care service.
    Override(A, "adult-social-care", 0.3, _re(r"safeguarding\s+adults?\s+boards?")),
    # An early help assessment or plan is done by whichever agency leads; it is not the service.
    Override(A, "early-help-services", 0.3,
             _re(r"early\s+help\s+(?:assessments?|plans?)|\bCAF\b|\bEHA\b")),
]


@dataclass(frozen=True, slots=True)
class _Span:
    start: int
    end: int
    key: tuple[str, str]
    factor: float


# "neonatal unit (NNU)": a name the taxonomy knows, then the document's own short form for it.
_DEFINED = re.compile(r"\(([A-Z][A-Z0-9&]{1,6})s?\)")
Aliases = dict[str, list[tuple[str, str]]]


def defined_acronyms(tagger: Tagger, texts: list[str]) -> Aliases:
    """Acronyms a document defines for a theme or agency the taxonomy names ("Neonatal Unit (NNU)"),
    so that later mentions of "NNU" are evidence too. Acronyms the taxonomy has already are left
    to it; an acronym defined for two different things is left out."""
    out: Aliases = {}
    clash: set[str] = set()
    for text in texts:
        for m in _DEFINED.finditer(text):
            acr = m.group(1)
            if acr in clash or tagger.matches(acr):
                continue
            before = " ".join(text[max(0, m.start() - 80):m.start()].split())
            terms = [(x.vocab, x.term_id) for x in tagger.matches(before)
                     if x.vocab in (T, A) and before.lower().endswith(x.text.lower())]
            if not terms:
                continue
            if acr in out and out[acr] != terms:
                clash.add(acr)
                del out[acr]
                continue
            out[acr] = terms
    return out


def matches(tagger: Tagger, text: str, aliases: Aliases | None = None) -> list[Match]:
    """Taxonomy matches (some dropped or weakened by `OVERRIDES`), cue matches, and the document's
    own acronyms for taxonomy terms (`defined_acronyms`), in text order."""
    if not text:
        return []
    spans: list[_Span] = []
    extra: list[Match] = []
    for acr, terms in (aliases or {}).items():
        for hit in re.finditer(rf"(?<![\w(-]){re.escape(acr)}s?(?![\w])", text):
            extra += [Match(vocab, term, acr, True, hit.start(), STRONG) for vocab, term in terms]
    for cue in CUES:
        for hit in cue.pattern.finditer(text):
            extra.append(Match(cue.vocab, cue.term_id, " ".join(hit.group(0).split()), False,
                               hit.start(), cue.strength))
            spans += [_Span(hit.start(), hit.end(), key, 0.0) for key in cue.replaces]
    for ov in OVERRIDES:
        spans += [_Span(hit.start(), hit.end(), (ov.vocab, ov.term_id), ov.factor)
                  for hit in ov.pattern.finditer(text)]
    out: dict[tuple[str, str, int], Match] = {}
    for m in tagger.matches(text):
        factor = 1.0
        for s in spans:
            if s.key == (m.vocab, m.term_id) and s.start <= m.start < s.end:
                factor = min(factor, s.factor)
        if factor <= 0.0:
            continue
        if factor < 1.0:
            m = Match(m.vocab, m.term_id, m.text, m.acronym, m.start, factor * _base(m))
        out[(m.vocab, m.term_id, m.start)] = m
    for m in extra:
        # Where a cue starts at a taxonomy match of the same term, the longer words say more
        # ("policies in place", not the generic "policies"; "neonatal unit", not "neonatal").
        key = (m.vocab, m.term_id, m.start)
        if key not in out or ((m.weight or 0.0) >= PLAIN and len(m.text) > len(out[key].text)):
            out[key] = m
    return sorted(out.values(), key=lambda m: m.start)


def _base(m: Match) -> float:
    words = [w for w in re.split(r"[\s\-/]+", m.text) if w]
    return STRONG if m.acronym or len(words) >= 2 else PLAIN
