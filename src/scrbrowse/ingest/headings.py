"""The heading map: which headings hold which kind of learning. Data first, so it is easy to extend.

Boards word their headings differently ("Learning points", "Messages for practitioners", "What did
the review tell us?", "Consider the following", numbered 7-minute briefing parts, ...). Each rule
below says what the items under a heading are (`target`: the record list they go to, or None for
narrative) and what kind of section the prose under it is. To teach ingest a new board's wording,
add a rule; rules are tried in order and the first match wins, so put specific wording before
general wording.

Patterns are regular expressions matched against the *normalised* heading: lower case, numbering
("1.", "3)", "Step 2:") and end punctuation (":", ";", "?", "...") removed, "&" read as "and",
curly apostrophes made straight. A heading matches when the whole normalised text matches.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

# Record lists that items can go to (keys of the record; see docs/corpus-format.md).
LEARNING_POINTS = "learning_points"
QUESTIONS = "reflective_questions"
GOOD_PRACTICE = "good_practice"
AREAS_TO_STRENGTHEN = "areas_to_strengthen"
KEY_MESSAGES = "key_messages"
ONE_THING = "one_thing"
COMMON_THEMES = "common_themes"
RECOMMENDATIONS = "recommendations"
RESOURCES = "resources"


@dataclass(frozen=True, slots=True)
class HeadingRule:
    pattern: str
    target: str | None  # where the items under the heading go; None: they stay in the section
    kind: str  # section kind for the prose under the heading
    # A bare label such as "Learning points" under a topic heading ("Invisible fathers"): its items
    # are filed under the topic, which says more than the label does.
    generic: bool = False
    # The second half of a pair ("Key learning" / "Improving practice", "What we found" / "What
    # this means for practice"): what is under it completes the learning point(s) just before it.
    pairs: bool = False


_R = HeadingRule

HEADING_RULES: tuple[HeadingRule, ...] = (
    # --- lists of learning -------------------------------------------------------------------
    _R(r"if you (only )?do one thing\b.*", ONE_THING, "other"),
    _R(r"(key |main |other )?themes? in common( .*)?|(common|recurring|shared) themes( .*)?"
       r"|themes (from|across|found in) (other|previous) reviews( .*)?", COMMON_THEMES, "other"),
    # Bare labels: generic (see HeadingRule.generic).
    _R(r"(key |main )?learning points?|key learning|learning", LEARNING_POINTS, "findings",
       generic=True),
    # Second halves of learning pairs: before the general "what does this mean" rules below.
    _R(r"improving practice|practice improvements?|(how )?to improve practice|changing practice"
       r"|what (this|that|it) means for (practice|practitioners|you|your practice|us)( .*)?"
       r"|(so )?what does (this|that|it) mean for (practice|practitioners|you|your practice)( .*)?"
       r"|what (needs to|should) (change|happen)( next)?|implications for practice( .*)?",
       LEARNING_POINTS, "findings", pairs=True),
    _R(r"what (good practice|strengths) (did|have|has) (we|the review) (find|found|see|seen|identified?)"
       r"( .*)?|(what )?(we |the review )?(found|saw) good practice( .*)?", GOOD_PRACTICE, "findings"),
    _R(r"(key )?learning (points?|messages?) (\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)"
       r"([:.,–-]? .*)?|(key |main )?(practice )?(learning )?points? for practice|(key )?practice (learning )?points"
       r"|(key |main )?lessons|summary of (the )?(key )?learning|(key |main )?learning themes?"
       r"|(key |main )?themes( identified| arising| from (the|this) reviews?)?",
       LEARNING_POINTS, "findings"),
    _R(r"key learning (and|/) .*|learning and (practice )?improvements?|key learning (for|from) .*"
       r"|what (else )?(did )?(we|the review) (find|found)( .*)?|what we found( .*)?",
       LEARNING_POINTS, "findings"),
    _R(r"questions?|learning and questions", QUESTIONS, "other", generic=True),
    _R(r"(key |main )?learning points? (for|from|about|on) .*", LEARNING_POINTS, "findings"),
    _R(r"learning points? (and|/) how to (enhance|improve) your practice"
       r"|learning points? how to (enhance|improve) your practice", LEARNING_POINTS, "findings"),
    _R(r"how (to|can you|you can|do you) (enhance|improve|strengthen|develop) (your )?practice( .*)?",
       LEARNING_POINTS, "findings"),
    _R(r"key messages?( .*)?|main messages?( .*)?|key points?( .*)?", KEY_MESSAGES, "other"),
    _R(r"(messages|lessons) (for|to) .*", LEARNING_POINTS, "findings"),
    _R(r"(key |main |the )?(learning|lessons) (from|for|about|arising from) .*"
       r"|(key |main )?lessons (learned|learnt|to be learned|to be learnt)( .*)?"
       r"|what (did|have|can) (we|you|the review) (learn|learned|learnt)( .*)?"
       r"|what we (learned|learnt|have learned|have learnt)( .*)?"
       r"|what did (the|this) review (tell us|find|identify|show)( .*)?"
       r"|what (the|this) review (told us|found|identified|showed)( .*)?"
       r"|key findings and learning|findings and learning|learning for (practice|practitioners)( .*)?"
       r"|(key |the )?learning (identified|arising)( .*)?|practice learning",
       LEARNING_POINTS, "findings"),
    _R(r"(all )?(practitioners|professionals|managers|agencies|staff|workers|partners)"
       r"( and (practitioners|professionals|managers|agencies|staff))? (should|must|need to)( .*)?",
       LEARNING_POINTS, "findings"),
    _R(r"what (should you|you should|to) do( .*)?|what (can|could) you do( .*)?|actions? for .*"
       r"|(so )?what (does|do) (this|that|it) mean for (you|your practice|practice|me)( .*)?"
       r"|implications for practice( .*)?|practice (points|pointers|messages)",
       LEARNING_POINTS, "findings"),
    _R(r"considerations?( for .*)?|things to consider( .*)?|questions? (for|to ask) .*"
       r"|questions? (\d{1,2}|one|two|three|four|five|six)|(reflective |reflection |challenge )questions?"
       r"( (for|to) .*)?"
       r"|for (reflection|discussion|your reflection)"
       r"|consider the following|(questions?|points?|prompts?) (for|to|to help) "
       r"(reflection|reflect|consider|ask|discuss|discussion|supervision|practitioners|managers|teams?)( .*)?"
       r"|reflective (questions?|practice questions?|prompts?)|(questions? )?to reflect on( .*)?"
       r"|reflection( questions?)?|reflect|think about( .*)?|things to (think about|consider)"
       r"|ask yourself( .*)?|supervision questions?|discussion (questions?|points?)|think",
       QUESTIONS, "other"),
    _R(r"(examples? of |evidence of |areas of )?good practice( identified| found| .*)?"
       r"|(key |areas of )?strengths( .*)?"
       r"|what went well|what worked well|strengths|positive practice|what was done well",
       GOOD_PRACTICE, "findings"),
    _R(r"areas? (to|for|of|requiring) (strengthen|strengthening|improvement|development|improve|develop)"
       r"( .*)?|what (could|should) have been (done )?(better|differently)( .*)?|even better if"
       r"|what (needs|need) to (improve|change|be improved)( .*)?|areas for learning"
       r"|(key |main |the )?areas? (for|of|requiring|needing) (further )?(improvement|development"
       r"|strengthening|change)( .*)?|what could (be|have been) (improved|better|done better)( .*)?",
       AREAS_TO_STRENGTHEN, "findings"),
    _R(r"(the |our |review |report )?recommendations?( .*)?|what the review recommend(s|ed)( .*)?",
       RECOMMENDATIONS, "response"),
    _R(r"resources|(training|tools) and resources|(useful |further |additional |other )"
       r"(information|reading|resources|links|learning|contacts)( .*)?|useful links|links"
       r"|more information( .*)?|find out more( .*)?|where to (find|get) (out )?more( .*)?"
       r"|further (help|support|guidance)( .*)?|training|training and development|references",
       RESOURCES, "other"),
    # --- narrative -----------------------------------------------------------------------------
    _R(r"(a |the )?(brief )?summary of (the )?case( reviewed)?|(brief )?case summary|the case"
       r"|circumstances( .*)?|case background|family background|about the (family|child)|the family"
       r"|background to the case|(the )?case (details|history)|what happened|the incident"
       r"|(the )?(incident|event)s? (leading to|that led to) .*",
       None, "case-summary"),
    _R(r"background( to (the|this) review)?", None, "background"),
    _R(r"what is an? .*review|what are .*reviews|(the )?purpose of (an? |the |this )?"
       r"(serious case |child safeguarding practice |practice |local )?review( .*)?"
       r"|why (was|did we do|we did) (this|the) review( .*)?|about (this|the) review"
       r"|(the )?(review|reviews) (explained|overview)", None, "about-review"),
    _R(r"how was (the )?learning (achieved|gathered|identified)|how (was|were) the (review|learning)"
       r".*|(the )?(review )?methodology|(the )?review process|how the review was .*"
       r"|(the )?review method|how we (did|carried out) the review"
       r"|([\w ]{1,30}: )?what did we do( and how did we do (it|this|that))?|how did we do (it|this|that)",
       None, "learning-method"),
    # Findings headings: their bulleted items are learning points (the findings), their prose is
    # the section's text. "The Issues" is a heading, never a learning point itself.
    _R(r"(serious case review |review |key |the |main )?findings( .*)?|what the review found"
       r"|(the |key |main )?issues( identified| found| arising)?( (for|in|from|about) .*)?"
       r"|(the |key |main )?risk factors( identified| found)?( (for|in|from|about) .*)?"
       r"|(the |key |main )?(safeguarding |practice )?concerns( identified| raised| found)?"
       r"|areas of concern|what went wrong|what did not (go|work) well",
       None, "findings"),
    _R(r"introduction|overview|about this (briefing|document|summary)|purpose of this .*",
       None, "introduction"),
    _R(r"(response to|responding to) (the )?recommendations|(board|partnership)('s)? response"
       r"|our response|what (we are|is being|has been|we have) (doing|done)( .*)?"
       r"|what (happens|will happen) next|actions? taken( .*)?|next steps",
       None, "response"),
    _R(r"why (it|this) matters|information", None, "topic"),
)

# Who the items under a heading are for. Searched (not matched whole) in the normalised heading;
# when two different audiences match ("practitioners and managers"), none is set and a check says so.
AUDIENCE_RULES: tuple[tuple[str, str], ...] = (
    (r"\ball (partner )?agencies\b|\bevery agency\b|\ball (staff|professionals|practitioners)\b",
     "all-agencies"),
    (r"\b(senior )?(managers?|leaders?|leadership|supervisors?|strategic)\b", "managers"),
    (r"\b(practitioners?|front ?line|frontline|workers?)\b", "practitioners"),
    (r"\binter-?agency\b|\bmulti-?agency\b|\bthe partnership\b|\bpartners\b", "inter-agency"),
    (r"\bprofessionals\b", "professionals"),
)

# The opening words of an item that say who it is for, used when its heading says nothing.
ITEM_AUDIENCE_RULES: tuple[tuple[str, str], ...] = (
    (r"(all (partner )?agencies|all professionals|agencies|every agency)\b", "all-agencies"),
    (r"(practitioners|frontline staff)\b", "practitioners"),
    (r"(managers|supervisors|leaders|senior managers)\b", "managers"),
)

_NUMBERING = re.compile(r"^\s*(?:(?:part|step|section)\s+)?\(?(?:\d{1,2}(?:\.\d{1,2})*|[a-h]|[ivx]{1,4})"
                        r"[.):]?\s+", re.IGNORECASE)
_END_PUNCT = re.compile(r"[\s;:.,…?!*\-–—]+$")


def normalise_heading(text: str) -> str:
    """Lower case, no numbering or end punctuation: the form the rules are written against."""
    s = text.replace("’", "'").replace("‘", "'").replace("&", " and ")
    s = s.replace("**", "").strip()
    s = _NUMBERING.sub("", s, count=1)
    s = " ".join(s.lower().split())
    return _END_PUNCT.sub("", s)


@cache
def _compiled() -> tuple[tuple[re.Pattern[str], HeadingRule], ...]:
    return tuple((re.compile(r.pattern), r) for r in HEADING_RULES)


def match_heading(text: str) -> HeadingRule | None:
    """The rule for a heading, or None when the heading is not one we know (a topic heading)."""
    norm = normalise_heading(text)
    if not norm or len(norm) > 120:
        return None
    for pattern, rule in _compiled():
        if pattern.fullmatch(norm):
            return rule
    return None


@cache
def _lead_in_rules() -> tuple[tuple[re.Pattern[str], HeadingRule], ...]:
    out = []
    for pattern, rule in _compiled():
        if rule.target is not None:
            out.append((re.compile(rf"\b(?:{pattern.pattern})\b"), rule))
    return tuple(out)


def match_lead_in(text: str) -> HeadingRule | None:
    """A sentence that introduces a list ("The report makes the following recommendations:").

    Only sentences ending in ':' are considered, and only rules that file items somewhere.
    """
    stripped = text.strip()
    if not stripped.endswith(":") or len(stripped.split()) > 30:
        return None
    norm = normalise_heading(stripped)
    for pattern, rule in _lead_in_rules():
        if pattern.search(norm):
            return rule
    return None


@cache
def _audience_patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(p), a) for p, a in AUDIENCE_RULES)


def audience_of(heading: str) -> tuple[str | None, bool]:
    """(audience id, ambiguous) for a heading such as "Learning points for Managers"."""
    norm = normalise_heading(heading)
    found: list[str] = []
    for pattern, audience in _audience_patterns():
        if pattern.search(norm) and audience not in found:
            found.append(audience)
    if "all-agencies" in found and "professionals" in found:
        found.remove("professionals")
    if len(found) == 1:
        return found[0], False
    return None, len(found) > 1


@cache
def _item_audience_patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(p, re.IGNORECASE), a) for p, a in ITEM_AUDIENCE_RULES)


def item_audience(text: str) -> str | None:
    """The audience an item names in its opening words ("Practitioners should ...")."""
    for pattern, audience in _item_audience_patterns():
        if pattern.match(text.strip()):
            return audience
    return None
