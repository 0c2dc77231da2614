"""Learning written as prose: the sentences of a briefing that state its learning.

Many briefings have no "Key learning" heading and no bullets: the learning is in paragraphs
("Practitioners should ...", "It is important that ...", "The review found ...", "Research has
found that ..."). When a document gives no learning items any other way, these sentences are taken
as learning points for the reviewer to check. A sentence that lists what a review looked at,
separated by semicolons ("The review considers a; b; c; and d."), gives one item per part.

Only the opening of a sentence is read, so a case history ("Mum took him to the GP ...") is never
learning, and the cue words are the stock phrasings of learning in any partnership's briefings.
"""

from __future__ import annotations

import re

_WHO = (r"(?:practitioners|professionals|staff|agencies|managers|workers|colleagues|services"
        r"|everyone|all\s+agencies|all\s+professionals|all\s+practitioners|partners|organisations"
        r"|teams|leaders|supervisors|commissioners|schools|social\s+workers|health\s+visitors"
        r"|midwives|nurses|doctors|GPs|teachers|clinicians|police(?:\s+officers)?|we|you"
        r"|[\w’'-]+\s+(?:professionals|practitioners|staff|workers|agencies|services))")
_MODAL = r"(?:should|must|need\s+to|needs\s+to|have\s+to|has\s+to|are\s+encouraged\s+to|can\s+play)"
_OPENER = r"(?:(?:therefore|however|also|in\s+addition|additionally|importantly|overall),?\s+)?"
_CUES = re.compile(
    rf"^{_OPENER}(?:"
    r"it\s+is\s+(?:therefore\s+|also\s+|especially\s+|particularly\s+|so\s+)?(?:important|essential"
    r"|vital|crucial|key|necessary|critical)\b"
    r"|it\s+is\s+(?:well\s+|widely\s+|now\s+)?(?:understood|known|recognised|recognized"
    r"|acknowledged|clear)\s+that\b"
    rf"|{_WHO}(?:\s+[\w’'()-]+){{0,6}}?\s+{_MODAL}\b"
    r"|(?:the|this|these)\s+(?:review|reviews|SCR|SCRs|learning|analysis|panel|audit|findings)"
    r"\s+(?:also\s+)?(?:found|finds|identified|identifies|highlighted|highlights|showed|shows"
    r"|concluded|concludes|considers|considered|noted|notes|recommends|recommended"
    r"|emphasised|emphasises|demonstrated|demonstrates)\b"
    r"|(?:research|evidence|studies)\s+(?:has\s+|have\s+)?(?:found|finds|shows|show|shown|suggests"
    r"|suggest|identifies|identified|indicates|indicate)\b"
    r"|there\s+(?:is|was|were|are)\s+(?:also\s+)?(?:clear\s+|some\s+|strong\s+)?(?:evidence|a\s+need"
    r"|missed\s+opportunit|learning)"
    r"|learning(?:\s+points?)?\s*:"
    # Advice put straight to the reader: "Ensure ...", "Be alert to ...", "Never assume ...".
    r"|(?:ensure|make\s+sure|remember|be\s+alert|be\s+aware|be\s+curious|always|never|do\s+not"
    r"|don['’]t)\b"
    r"|(?:consideration|attention|priority)\s+(?:should|must|needs\s+to)\s+be\s+given\b"
    r")", re.IGNORECASE)
# "For those working in education, consideration should be given ...": a leading phrase that says
# who the sentence is for, before the learning itself.
_FOR_WHOM = re.compile(r"^(?:for|in|when|where|if)\s+[^,]{3,80},\s*(?:(?:and|or)\s+[^,]{3,60},\s*)?",
                       re.IGNORECASE)
_SENTENCE = re.compile(r"(?<=[.!])\s+(?=[A-Z‘'\"“(])")
_LISTING = re.compile(
    r"^(?:the|this)\s+(?:review|reviews|SCR|learning|briefing)\s+(?:considers|considered|covers"
    r"|covered|explores|explored|looks\s+at|looked\s+at|highlights|highlighted|identified"
    r"|identifies|focuses\s+on|focused\s+on)\b", re.IGNORECASE)
MIN_WORDS = 6
MIN_PARTS = 3


def is_learning(sentence: str) -> bool:
    """A sentence that states learning, judged by its opening words."""
    s = sentence.strip().lstrip("‘'\"“•-–* ")
    if len(s.split()) < MIN_WORDS or s.endswith("?"):
        return False
    return bool(_CUES.match(s) or _CUES.match(_FOR_WHOM.sub("", s, count=1)))


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.split(text.strip()) if s.strip()]


def learning_in(text: str) -> tuple[list[str], str]:
    """(learning statements, the text left without them) for one paragraph."""
    found: list[str] = []
    rest: list[str] = []
    for s in sentences(text):
        if not is_learning(s):
            rest.append(s)
            continue
        parts = [p.strip() for p in s.split(";") if p.strip()]
        if _LISTING.match(s) and len(parts) >= MIN_PARTS:
            parts = [re.sub(r"^(?:and|or)\s+", "", p) for p in parts]
            found += [p if p.endswith((".", "!")) else p + "." for p in parts]
        else:
            found.append(s)
    return found, " ".join(rest)


def join_broken(paragraphs: list[str]) -> list[str]:
    """Paragraphs rejoined where a sentence runs on into the next one (a hard-wrapped line ends
    mid-sentence and the next starts in lower case), so each sentence is read whole."""
    out: list[str] = []
    for p in paragraphs:
        if out and not out[-1].rstrip().endswith((".", "!", "?", ":")) and p[:1].islower():
            out[-1] = out[-1].rstrip() + " " + p.lstrip()
        else:
            out.append(p)
    return out
