"""A deterministic synthetic corpus shaped like the real records, for benchmarks.

    python -m bench.generate --docs 10000 --out DIR --seed 1

Writes DIR/taxonomy.yaml (a copy of the bundled one) and one valid record file per document. Records
have what the real ones have: narrative sections, 15-40 learning points and reflective questions,
recommendations (with board responses), good practice, areas to strengthen, key messages, resources;
about 800 words each. Themes and agencies come from the real taxonomy with a Zipf-like skew (a few
themes are on most documents, most themes on few), areas and boards from real English local authority
areas, children "Child A".."Child Z" repeating across areas, several documents per review, publication
dates spread over 2012-2025 with some undated, and about 2% restricted to professionals.

Text comes from a word-bigram chain trained on the bundled corpus and the taxonomy (so common words,
phrases and theme words occur with realistic frequencies), with about 4% of words replaced by a Zipf
tail of synthetic words, so the term dictionary grows with the corpus as a real one does.

Document i depends only on the seed and i: the 1k corpus is the first 1,000 documents of the 10k one.
Records are written with string templates (no YAML dumper), which keeps 10k documents to seconds.
"""

from __future__ import annotations

import argparse
import bisect
import json
import random
import re
import shutil
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from scrbrowse.corpus import TAXONOMY_FILE, load_corpus
from scrbrowse.paths import bundled_corpus
from scrbrowse.taxonomy import Taxonomy

GENERATOR_VERSION = 1
MANIFEST = ".bench-manifest.json"  # hidden: the corpus loader skips it

# Upper-tier English local authority areas (counties, unitary authorities, London and metropolitan
# boroughs): the areas whose safeguarding boards/partnerships publish reviews.
AREAS: tuple[str, ...] = (
    "Barking and Dagenham", "Barnet", "Barnsley", "Bath and North East Somerset", "Bedford", "Bexley",
    "Birmingham", "Blackburn with Darwen", "Blackpool", "Bolton", "Bournemouth, Christchurch and Poole",
    "Bracknell Forest", "Bradford", "Brent", "Brighton and Hove", "Bristol", "Bromley", "Buckinghamshire",
    "Bury", "Calderdale", "Cambridgeshire", "Camden", "Central Bedfordshire", "Cheshire East",
    "Cheshire West and Chester", "Cornwall", "Coventry", "Croydon", "Cumbria", "Darlington", "Derby",
    "Derbyshire", "Devon", "Doncaster", "Dorset", "Dudley", "Durham", "Ealing", "East Riding of Yorkshire",
    "East Sussex", "Enfield", "Essex", "Gateshead", "Gloucestershire", "Greenwich", "Hackney", "Halton",
    "Hammersmith and Fulham", "Hampshire", "Haringey", "Harrow", "Hartlepool", "Havering", "Herefordshire",
    "Hertfordshire", "Hillingdon", "Hounslow", "Isle of Wight", "Islington", "Kensington and Chelsea",
    "Kent", "Kingston upon Hull", "Kirklees", "Knowsley", "Lambeth", "Lancashire", "Leeds", "Leicester",
    "Leicestershire", "Lewisham", "Lincolnshire", "Liverpool", "Luton", "Manchester", "Medway", "Merton",
    "Middlesbrough", "Milton Keynes", "Newcastle upon Tyne", "Newham", "Norfolk", "North Lincolnshire",
    "North Somerset", "North Tyneside", "North Yorkshire", "Northamptonshire", "Northumberland",
    "Nottingham", "Nottinghamshire", "Oldham", "Oxfordshire", "Peterborough", "Plymouth", "Portsmouth",
    "Reading", "Redbridge", "Redcar and Cleveland", "Richmond upon Thames", "Rochdale", "Rotherham",
    "Rutland", "Salford", "Sandwell", "Sefton", "Sheffield", "Shropshire", "Slough", "Solihull",
    "Somerset", "South Gloucestershire", "South Tyneside", "Southampton", "Southend-on-Sea", "Southwark",
    "St Helens", "Staffordshire", "Stockport", "Stockton-on-Tees", "Stoke-on-Trent", "Suffolk",
    "Sunderland", "Surrey", "Sutton", "Swindon", "Tameside", "Telford and Wrekin", "Thurrock", "Torbay",
    "Tower Hamlets", "Trafford", "Wakefield", "Walsall", "Waltham Forest", "Wandsworth", "Warrington",
    "Warwickshire", "West Berkshire", "West Sussex", "Westminster", "Wigan", "Wiltshire", "Windsor and Maidenhead",
    "Wirral", "Wokingham", "Wolverhampton", "Worcestershire", "York",
)
CHILDREN: tuple[str, ...] = tuple(f"Child {chr(c)}" for c in range(ord("A"), ord("Z") + 1))

# Most-used first; the rest of the taxonomy follows in file order. Weights fall off as 1/rank.
POPULAR_THEMES: tuple[str, ...] = (
    "multi-agency-working", "information-sharing", "domestic-abuse", "neglect", "assessment",
    "professional-curiosity", "voice-of-the-child", "parental-mental-health", "parental-substance-misuse",
    "non-accidental-injury", "vulnerability-of-babies", "unknown-men", "family-history", "safe-sleep",
    "escalation-and-challenge", "thresholds-and-referrals", "early-help", "child-protection-processes",
    "supervision", "recording", "adolescents", "child-mental-health", "self-harm-and-suicide",
    "disguised-compliance", "non-engagement",
)
POPULAR_AGENCIES: tuple[str, ...] = (
    "childrens-social-care", "police", "health-visiting", "education", "gp", "hospital-services",
    "midwifery", "all-agencies", "camhs", "mash", "early-help-services", "adult-mental-health",
    "substance-misuse-services", "named-and-designated-professionals", "early-years", "probation",
)
DOC_TYPES: tuple[tuple[str, float], ...] = (
    ("learning-summary", 30), ("seven-minute-briefing", 20), ("learning-briefing", 15),
    ("briefing-note", 10), ("board-response", 8), ("executive-summary", 7), ("full-report", 4),
    ("rapid-review-report", 3), ("practice-guide", 3),
)
YEARS: tuple[tuple[int, float], ...] = tuple(
    (y, w) for y, w in zip(range(2012, 2026), (3, 4, 5, 6, 7, 8, 8, 9, 10, 10, 11, 11, 10, 8), strict=True))
METHODOLOGIES: tuple[str | None, ...] = (
    "Systems methodology", "SILP", "Learning Together", "Appreciative inquiry", "Significant Incident "
    "Learning Process", None, None, None,
)
RESTRICTION_WORDING = (
    "The review report has not yet been published due to ongoing criminal proceedings. Until full "
    "publication is possible, the following learning should be shared with professionals only."
)
TAIL_SIZE = 120_000  # synthetic words available; a 10k corpus uses a fraction of them
TAIL_RATE = 0.04  # share of words drawn from the tail
TAIL_ZIPF = 1.05

_TOKEN_RE = re.compile(r"[\x01\x02](?:['’]s)?|[A-Za-z0-9]+(?:['’\-][A-Za-z0-9]+)*|[.,;:?]")
_END = frozenset({".", "?"})
_PUNCT = frozenset({",", ";", ":"})
_CHILD_PH, _AREA_PH = "\x01", "\x02"
AREA_ORDER: tuple[str, ...] = tuple(random.Random("areas").sample(AREAS, len(AREAS)))
AREA_CUM: tuple[float, ...] = tuple(sum(1.0 / (r + 1) ** 0.8 for r in range(k + 1)) for k in range(len(AREAS)))


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _weighted_sample(rng: random.Random, items: Sequence[str], weights: Sequence[float], k: int) -> list[str]:
    """k distinct items, drawn with probability proportional to weight (Efraimidis-Spirakis)."""
    keyed = sorted(((rng.random() ** (1.0 / w), it) for it, w in zip(items, weights, strict=True)), reverse=True)
    return [it for _, it in keyed[:k]]


def _ranked(all_ids: Sequence[str], popular: Sequence[str]) -> tuple[list[str], list[float]]:
    order = [i for i in popular if i in all_ids] + [i for i in all_ids if i not in popular]
    return order, [1.0 / (r + 1) ** 1.1 for r in range(len(order))]


# ---------------------------------------------------------------------------------------------
# Text


class TextModel:
    """A word-bigram chain over the real corpus text, with a Zipf tail of synthetic words."""

    def __init__(self, texts: Sequence[str], seed: int) -> None:
        followers: dict[str, list[str]] = {}
        starts: list[str] = []
        qstarts: list[str] = []
        for raw in texts:
            text = re.sub(r"https?://\S+|www\.\S+|\S+\.(?:pdf|html?)\b", " ", raw)
            text = re.sub(r"\bChild [A-Z]\b", f"Child {_CHILD_PH}", text)
            text = re.sub(r"\b(?:Wiltshire|Hampshire|Oxfordshire)\b", _AREA_PH, text)
            tokens = _TOKEN_RE.findall(text)
            prev = "."
            for tok in tokens:
                if prev in _END and tok not in _END and tok not in _PUNCT:
                    starts.append(tok)
                followers.setdefault(prev, []).append(tok)
                prev = tok
            followers.setdefault(prev, []).append(".")
            if raw.rstrip().endswith("?") and tokens:
                qstarts.append(tokens[0])
        self.followers = followers
        self.starts = starts
        self.qstarts = qstarts or starts
        tail_rng = random.Random(f"tail:{seed}")
        self.tail = _synthetic_words(tail_rng, TAIL_SIZE)
        weights = [1.0 / (r + 1) ** TAIL_ZIPF for r in range(len(self.tail))]
        total = 0.0
        self._tail_cum: list[float] = []
        for w in weights:
            total += w
            self._tail_cum.append(total)

    def tail_word(self, rng: random.Random) -> str:
        i = bisect.bisect_left(self._tail_cum, rng.random() * self._tail_cum[-1])
        return self.tail[min(i, len(self.tail) - 1)]

    def sentence(self, rng: random.Random, max_words: int = 32, question: bool = False,
                 insert: str | None = None) -> tuple[str, int]:
        """One sentence (text, word count); `insert` is a phrase placed somewhere inside it."""
        rnd = rng.random
        followers = self.followers
        starts = self.qstarts if question else self.starts
        tok = starts[int(rnd() * len(starts))]
        pieces = [tok[:1].upper() + tok[1:]]
        n = 1
        ins = insert or ""
        at = int(rnd() * max_words * 0.6) + 1 if ins else -1
        while n < max_words:
            nxt = followers.get(tok)
            if not nxt:
                break
            tok = nxt[int(rnd() * len(nxt))]
            if tok in _END:
                break
            if tok in _PUNCT:
                pieces.append(tok)
                continue
            if n == at:
                pieces.append(" " + ins)
                n += ins.count(" ") + 1
                at = -1
            pieces.append(" " + (self.tail_word(rng) if rnd() < TAIL_RATE else tok))
            n += 1
        if at > 0:
            pieces.append(" " + ins)
            n += ins.count(" ") + 1
        if pieces[-1] in _PUNCT:
            pieces.pop()
        pieces.append("?" if question else ".")
        return "".join(pieces), n

    def text(self, rng: random.Random, words: int, *, question: bool = False,
             phrases: Sequence[str] = (), phrase_rate: float = 0.3, max_sentence: int = 30) -> str:
        """About `words` words of sentences; each sentence may carry one of `phrases`."""
        out: list[str] = []
        n = 0
        while n < words:
            insert = phrases[int(rng.random() * len(phrases))] if phrases and rng.random() < phrase_rate else None
            s, k = self.sentence(rng, min(max_sentence, max(6, words - n + 3)), question, insert)
            out.append(s)
            n += k
        return " ".join(out)

    def paragraphs(self, rng: random.Random, words: int, phrases: Sequence[str] = ()) -> str:
        paras: list[str] = []
        left = words
        while left > 0:
            size = min(left, rng.randint(35, 90))
            paras.append(self.text(rng, size, phrases=phrases))
            left -= size
        return "\n\n".join(paras)


def _synthetic_words(rng: random.Random, n: int) -> list[str]:
    """Pronounceable made-up words, English-like in their first letters, all distinct."""
    onsets = ("b", "c", "c", "c", "d", "d", "f", "g", "h", "l", "m", "m", "n", "p", "p", "r", "s", "s", "s",
              "t", "t", "v", "w", "br", "ch", "cl", "cr", "dr", "pl", "pr", "sh", "st", "str", "tr", "th", "")
    vowels = ("a", "e", "i", "o", "u", "a", "e", "i", "o", "ou", "ea", "ai", "y")
    codas = ("", "", "", "n", "r", "s", "l", "t", "m", "nd", "st", "rt", "ck", "ng", "x")
    seen: set[str] = set()
    out: list[str] = []
    while len(out) < n:
        syl = rng.choice((2, 2, 3, 3, 3, 4))
        word = "".join(rng.choice(onsets) + rng.choice(vowels) + rng.choice(codas) for _ in range(syl))
        if len(word) >= 4 and word not in seen:
            seen.add(word)
            out.append(word)
    return out


def _training_texts(corpus_dir: Path) -> tuple[list[str], Taxonomy]:
    corpus = load_corpus(corpus_dir)
    texts: list[str] = []
    for doc in corpus.documents.values():
        texts.append(doc.title)
        for p in doc.passages():
            texts.extend(t for t in p.text.split("\n") if t.strip())
    for vocab in ("themes", "agencies"):
        for term in corpus.taxonomy.vocabulary(vocab).values():
            if term.description:
                texts.append(term.description)
    return texts, corpus.taxonomy


# ---------------------------------------------------------------------------------------------
# Reviews and documents


@dataclass(frozen=True)
class _Review:
    id: str
    child: str
    area: str | None
    board: str | None
    review_type: str
    methodology: str | None
    year: int


_RT_LABEL = {"scr": "Serious Case Review", "cspr": "Child Safeguarding Practice Review",
             "rapid-review": "Rapid Review", "local-learning-review": "Learning Review",
             "national-review": "National Review", "dhr": "Domestic Homicide Review",
             "sar": "Safeguarding Adults Review"}
_RT_SHORT = {"scr": "SCR", "cspr": "CSPR", "rapid-review": "Rapid Review", "local-learning-review": "LLR",
             "national-review": "National Review", "dhr": "DHR", "sar": "SAR"}


def _new_review(rng: random.Random, i: int) -> _Review:
    year = rng.choices([y for y, _ in YEARS], [w for _, w in YEARS])[0]
    if year < 2019:
        rtype = rng.choices(("scr", "local-learning-review", "dhr", "sar"), (85, 11, 2, 2))[0]
    else:
        rtype = rng.choices(("cspr", "rapid-review", "local-learning-review", "national-review", "dhr", "sar"),
                            (75, 9, 10, 2, 2, 2))[0]
    # Some areas publish much more than others: Zipf over a fixed shuffle of the areas.
    area: str | None = None if rng.random() < 0.02 else rng.choices(AREA_ORDER, cum_weights=AREA_CUM)[0]
    board: str | None = None
    if area is not None and rng.random() > 0.04:
        board = f"{area} Safeguarding Children {'Board' if year < 2019 else 'Partnership'}"
    child = rng.choice(CHILDREN)
    rid = "-".join(x for x in (_slug(area) if area else None, _slug(child), rtype, f"{i:06d}") if x)
    return _Review(rid, child, area, board, rtype, rng.choice(METHODOLOGIES), year)


class Generator:
    def __init__(self, seed: int, source: Path | None = None) -> None:
        self.seed = seed
        self.source = source or bundled_corpus()
        texts, tax = _training_texts(self.source)
        self.taxonomy = tax
        self.model = TextModel(texts, seed)
        self.theme_ids, self.theme_w = _ranked(list(tax.themes), POPULAR_THEMES)
        self.agency_ids, self.agency_w = _ranked(list(tax.agencies), POPULAR_AGENCIES)
        self.audiences = list(tax.audiences)
        self.phrases: dict[str, list[str]] = {}
        for vocab in ("themes", "agencies"):
            for term in tax.vocabulary(vocab).values():
                words = [term.label.lower(), *term.synonyms]
                self.phrases[term.id] = [w for w in words if "\n" not in w]
        self.reviews: list[_Review] = []
        self.review_docs: dict[str, int] = {}
        self.doc_ids: set[str] = set()

    def review_for(self, rng: random.Random, i: int) -> _Review:
        # Most reviews publish one document, many two or three (summary, briefing, board response).
        if self.reviews and rng.random() < 0.35:
            back = self.reviews[-1 - min(int(rng.random() * 6), len(self.reviews) - 1)]
            if self.review_docs[back.id] < 4:
                self.review_docs[back.id] += 1
                return back
        r = _new_review(rng, i)
        self.reviews.append(r)
        self.review_docs[r.id] = 1
        return r

    def document(self, i: int) -> tuple[str, str]:
        """(file name, YAML text) of document i."""
        rng = random.Random(f"doc:{self.seed}:{i}")
        review = self.review_for(rng, i)
        doc_type = rng.choices([d for d, _ in DOC_TYPES], [w for _, w in DOC_TYPES])[0]
        doc_id = f"{review.id}-{doc_type}"
        if doc_id in self.doc_ids:  # a second document of one type for one review
            doc_id = f"{doc_id}-{i:06d}"
        self.doc_ids.add(doc_id)
        m = self.model
        themes = _weighted_sample(rng, self.theme_ids, self.theme_w, rng.randint(3, 12))
        agencies = _weighted_sample(rng, self.agency_ids, self.agency_w, rng.randint(1, 6))
        phrases = [p for t in themes for p in self.phrases[t][:6]] + [
            p for a in agencies for p in self.phrases[a][:3]]
        letter = review.child.split()[-1]
        area = review.area or "the area"

        def fill(text: str) -> str:
            return text.replace(_CHILD_PH, letter).replace(_AREA_PH, area)

        def tags(pool: Sequence[str], p: float, most: int) -> list[str]:
            if not pool or rng.random() > p:
                return []
            return rng.sample(list(pool), min(len(pool), rng.randint(1, most)))

        lines: list[str] = []
        add = lines.append
        add("schema_version: 1")
        add(f"id: {doc_id}")
        add(f"title: {_q(self._title(rng, review, doc_type))}")
        add(f"doc_type: {doc_type}")
        undated = rng.random() < 0.06
        if undated:
            add("published: null")
            note = f"The document is undated; the review it reports on ran to {review.year}."
            add(f"date_note: {_q(note)}")
        else:
            year = min(2025, review.year + (1 if rng.random() < 0.3 else 0))
            form = rng.random()
            published = (f"{year}" if form < 0.2 else f"{year}-{rng.randint(1, 12):02d}" if form < 0.7
                         else f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}")
            add(f'published: "{published}"')
        add(f"source: {i:06d}_{rng.getrandbits(64):016x}.txt")
        add("review:")
        add(f"  id: {review.id}")
        add(f"  child: {review.child}")
        add(f"  area: {_q(review.area) if review.area else 'null'}")
        add(f"  board: {_q(review.board) if review.board else 'null'}")
        add(f"  review_type: {review.review_type}")
        add(f"  methodology: {_q(review.methodology) if review.methodology else 'null'}")
        if rng.random() < 0.02:
            add("restriction:")
            add("  level: professionals-only")
            add(f"  wording: {_q(RESTRICTION_WORDING)}")
        else:
            add("restriction: null")
        add(f"themes: [{', '.join(themes)}]")
        add(f"agencies: [{', '.join(agencies)}]")

        # Narrative sections: ~300 words.
        add("sections:")
        plan: list[tuple[str, str | None, int, str | None]] = []  # kind, heading, words, topic theme
        if rng.random() < 0.6:
            plan.append(("introduction", None, rng.randint(20, 40), None))
        if rng.random() < 0.6:
            plan.append(("about-review", f"What is a {_RT_LABEL[review.review_type]}?", rng.randint(30, 60), None))
        plan.append(("case-summary", rng.choice(("Case Summary", "A summary of the case", "Background",
                                                  "The family")), rng.randint(50, 110), None))
        if rng.random() < 0.5:
            plan.append(("findings", rng.choice(("Key findings", "Findings", "What the review found")),
                         rng.randint(25, 50), None))
        topics = rng.sample(themes, min(len(themes), rng.randint(1, 3)))
        for t in topics:
            plan.append(("topic", self.taxonomy.themes[t].label, rng.randint(35, 75), t))
        if rng.random() < 0.3:
            plan.append(("learning-method", "How was learning achieved?", rng.randint(20, 40), None))
        if rng.random() < 0.3:
            plan.append(("other", rng.choice((None, "Further information")), rng.randint(15, 35), None))
        for n, (kind, heading, words, topic) in enumerate(plan, 1):
            add(f"  - id: s-{n}")
            add(f"    heading: {_q(heading) if heading else 'null'}")
            add(f"    kind: {kind}")
            add("    text: |-")
            body = fill(m.paragraphs(rng, words, phrases))
            for line in body.split("\n"):
                add(f"      {line}" if line else "")
            if kind == "findings" and rng.random() < 0.5:
                add("    items:")
                for _ in range(rng.randint(2, 4)):
                    add(f"      - {_q(fill(m.text(rng, rng.randint(6, 14), phrases=phrases)))}")
            self._tag_lines(add, "    ", [topic] if topic else tags(themes, 0.4, 2), tags(agencies, 0.3, 2))

        # 15-40 learning points and questions together: ~450 words.
        n_items = rng.randint(15, 40)
        n_lp = max(3, int(n_items * rng.uniform(0.4, 0.65)))
        n_q = n_items - n_lp
        headings = [self.taxonomy.themes[t].label for t in topics] + [
            "Learning points for Practitioners", "Learning points for Managers"]
        add("learning_points:")
        lp_sections: list[str] = []
        for k in range(1, n_lp + 1):
            section = rng.choice(headings)
            lp_sections.append(section)
            add(f"  - id: lp-{k}")
            add(f"    text: >-\n      {fill(m.text(rng, rng.randint(9, 20), phrases=phrases))}")
            if rng.random() < 0.3:
                add(f"    audience: {rng.choice(self.audiences)}")
            add(f"    section: {_q(section)}")
            self._tag_lines(add, "    ", tags(themes, 0.55, 2), tags(agencies, 0.2, 1))
        add("reflective_questions:")
        for k in range(1, n_q + 1):
            lp = rng.randint(1, n_lp) if rng.random() < 0.5 else None
            add(f"  - id: q-{k}")
            add(f"    text: >-\n      {fill(m.text(rng, rng.randint(7, 15), question=True, phrases=phrases))}")
            add(f"    number: {k}")
            section = lp_sections[lp - 1] if lp else rng.choice(("Consider the following", "Questions for reflection"))
            add(f"    section: {_q(section)}")
            if lp:
                add(f"    learning_point: lp-{lp}")
            self._tag_lines(add, "    ", tags(themes, 0.5, 2), tags(agencies, 0.15, 1))

        # Recommendations: board responses carry several, with the agencies' responses.
        n_rec = rng.randint(3, 8) if doc_type == "board-response" else (rng.randint(1, 3) if rng.random() < 0.35 else 0)
        if n_rec:
            add("recommendations:")
            for k in range(1, n_rec + 1):
                add(f"  - id: rec-{k}")
                add(f'    number: "{k}"')
                add(f"    text: >-\n      {fill(m.text(rng, rng.randint(15, 35), phrases=phrases))}")
                if rng.random() < 0.25:
                    add("    points:")
                    for _ in range(rng.randint(2, 3)):
                        add(f"      - {_q(fill(m.text(rng, rng.randint(6, 12))))}")
                if review.board and rng.random() < 0.6:
                    add(f"    addressed_to: {_q(review.board)}")
                if doc_type == "board-response" or rng.random() < 0.2:
                    add("    responses:")
                    by = review.board or "The partnership"
                    add(f"      - by: {_q(by)}")
                    add(f"        text: {_q(fill(m.text(rng, rng.randint(15, 35), phrases=phrases)))}")
                self._tag_lines(add, "    ", tags(themes, 0.4, 2), tags(agencies, 0.4, 2))

        for key, prefix, p, lo, hi, span in (
            ("good_practice", "gp", 0.5, 1, 4, (8, 20)),
            ("areas_to_strengthen", "ats", 0.35, 1, 4, (8, 20)),
            ("key_messages", "km", 0.3, 1, 3, (8, 18)),
            ("one_thing", "one", 0.1, 1, 1, (10, 20)),
            ("common_themes", "ct", 0.1, 1, 3, (5, 12)),
        ):
            if rng.random() >= p:
                continue
            add(f"{key}:")
            for k in range(1, rng.randint(lo, hi) + 1):
                add(f"  - id: {prefix}-{k}")
                add(f"    text: >-\n      {fill(m.text(rng, rng.randint(*span), phrases=phrases))}")
                self._tag_lines(add, "    ", tags(themes, 0.3, 1), [])

        n_res = rng.choice((0, 0, 1, 2, 3))
        if n_res:
            add("resources:")
            for k in range(1, n_res + 1):
                title = fill(m.text(rng, rng.randint(3, 7), max_sentence=8)).rstrip(".")
                add(f"  - id: res-{k}")
                add(f"    title: {_q(title)}")
                url = (f"https://www.{_slug(area)}scp.org.uk/{_slug(title)[:40]}" if rng.random() < 0.3
                       else None)
                add(f"    url: {_q(url) if url else 'null'}")
                add(f"    description: {_q(fill(m.text(rng, rng.randint(8, 18))))}")
        add("")
        return f"{doc_id}.yaml", "\n".join(lines)

    @staticmethod
    def _tag_lines(add: Callable[[str], None], indent: str, themes: Sequence[str],
                   agencies: Sequence[str]) -> None:
        if themes:
            add(f"{indent}themes: [{', '.join(themes)}]")
        if agencies:
            add(f"{indent}agencies: [{', '.join(agencies)}]")

    def _title(self, rng: random.Random, r: _Review, doc_type: str) -> str:
        rt, short = _RT_LABEL[r.review_type], _RT_SHORT[r.review_type]
        where = r.area or "Local"
        return {
            "learning-summary": f"Learning Summary {r.child} {short}",
            "seven-minute-briefing": f"7 Minute Briefing: {rt} {r.child}",
            "learning-briefing": f"{rt} Learning Briefing {r.child}",
            "briefing-note": f"Learning Lessons Practice – Briefing Note: {rt} – {r.child}",
            "board-response": f"{r.board or where} Response to the Recommendations from the {rt} of {r.child}",
            "executive-summary": f"{rt}: {r.child} – Executive Summary",
            "full-report": f"{rt} {r.child}: Overview Report",
            "rapid-review-report": f"Rapid Review {r.child} ({where})",
            "practice-guide": f"Practice Guide: Learning from {rt}s in {where}",
        }[doc_type]


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


# ---------------------------------------------------------------------------------------------


def generate(out: Path, docs: int, seed: int = 1, *, source: Path | None = None,
             progress: Callable[[int, int], None] | None = None) -> dict[str, object]:
    """Write a corpus of `docs` documents to `out` (emptied of earlier records first)."""
    start = time.perf_counter()
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.yaml"):
        old.unlink()
    (out / MANIFEST).unlink(missing_ok=True)
    gen = Generator(seed, source)
    shutil.copyfile(gen.source / TAXONOMY_FILE, out / TAXONOMY_FILE)
    total_bytes = 0
    for i in range(docs):
        name, text = gen.document(i)
        data = text.encode("utf-8")
        (out / name).write_bytes(data)
        total_bytes += len(data)
        if progress and (i + 1) % 1000 == 0:
            progress(i + 1, docs)
    manifest: dict[str, object] = {
        "generator_version": GENERATOR_VERSION, "source": source_digest(gen.source), "docs": docs, "seed": seed,
        "bytes": total_bytes,
        "reviews": len(gen.reviews), "seconds": round(time.perf_counter() - start, 2),
    }
    (out / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def source_digest(source: Path | None = None) -> str:
    """A digest of the records and taxonomy the generator learns from: a cached corpus made from other
    sources is made again."""
    import hashlib

    h = hashlib.sha256()
    for path in sorted((source or bundled_corpus()).glob("*.y*ml")):
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()[:16]


def read_manifest(out: Path) -> dict[str, object] | None:
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=1000, help="number of documents (default 1000)")
    ap.add_argument("--out", type=Path, required=True, help="output folder (its *.yaml are replaced)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--stats", action="store_true", help="load the result and print words per document")
    args = ap.parse_args(argv)

    def progress(done: int, total: int) -> None:
        print(f"  {done:,}/{total:,} documents", file=sys.stderr)

    manifest = generate(args.out, args.docs, args.seed, progress=progress)
    print(f"wrote {args.docs:,} documents ({int(manifest['bytes']) / 1e6:.1f} MB, "  # type: ignore[call-overload]
          f"{manifest['reviews']} reviews) to {args.out} in {manifest['seconds']} s")
    if args.stats:
        corpus = load_corpus(args.out)
        words = [sum(len(p.text.split()) for p in d.passages()) for d in corpus.documents.values()]
        items = [len(d.learning_points) + len(d.reflective_questions) for d in corpus.documents.values()]
        print(f"{len(words)} documents loaded, {len(corpus.errors)} errors; words/doc mean "
              f"{sum(words) / len(words):.0f} (min {min(words)}, max {max(words)}); learning points + "
              f"questions {min(items)}-{max(items)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
