"""Extraction benchmark: how well `scrbrowse ingest` reads real briefings (issue 15, item 5).

    python -m bench.ingest_bench            # or: make bench-ingest

Every text in ../shared/devset/ goes through the real ingest pipeline into a temporary folder and
is scored against the careful reader's labels in ../shared/devset/gold.json; the five seeds in
../shared/seeds/ are scored against the hand-made records in corpus/*.yaml (matched by their
`source:` field). Four figures, as in the issue:

- themes: precision / recall / F1 of the facet-visible theme tags (document + passages), summed
  over documents (micro-averaged);
- agencies: the same for agencies;
- questions: the reader's questions (gold `question_samples`, the hand-made records' reflective
  questions) found as questions in the draft; question counts are shown per document;
- learning points: the share of documents whose count of learning items (learning points, good
  practice, areas to strengthen, key messages) is within +-30% of the reader's.

Also shown, not one of the four: the review type the draft gives against the reader's (documents
the reader marked "unspecified" are left out).

Nothing here is part of `make test`: the development set lives outside the repository and the
figures are measurements, not pass/fail checks.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scrbrowse.corpus import load_record_bytes
from scrbrowse.ingest import ingest_paths
from scrbrowse.model import Document
from scrbrowse.taxonomy import load_taxonomy
from scrbrowse.yamlio import parse_yaml

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SIMILAR = 0.85  # normalised similarity for "the same question"
LP_TOLERANCE = 0.30
LEARNING_KINDS = ("learning_points", "good_practice", "areas_to_strengthen", "key_messages")
TARGETS = {"themes_f1": 0.80, "themes_p": 0.75, "agencies_f1": 0.85, "questions": 0.90,
           "lp_within": 0.70}


@dataclass
class Expected:
    name: str
    themes: set[str]
    agencies: set[str]
    questions: list[str]  # question texts the reader listed
    question_count: int
    learning_count: int
    review_type: str | None = None  # None: the reader did not say


@dataclass
class Scored:
    name: str
    group: str
    tp_t: int = 0
    fp_t: list[str] = field(default_factory=list)
    fn_t: list[str] = field(default_factory=list)
    tp_a: int = 0
    fp_a: list[str] = field(default_factory=list)
    fn_a: list[str] = field(default_factory=list)
    q_found: int = 0
    q_listed: int = 0
    q_draft: int = 0
    q_gold: int = 0
    lp_draft: int = 0
    lp_gold: int = 0
    suggested: int = 0
    rt_draft: str | None = None
    rt_gold: str | None = None

    @property
    def lp_ok(self) -> bool:
        return within(self.lp_draft, self.lp_gold)


def within(got: int, want: int) -> bool:
    return abs(got - want) <= LP_TOLERANCE * want if want else got == 0


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def found(text: str, candidates: list[str]) -> bool:
    """The reader's question is in the draft: nearly the same text, or contained in a longer one."""
    target = _norm(text)
    for c in candidates:
        cand = _norm(c)
        if target and ((target in cand and len(target) >= 0.6 * len(cand))
                       or difflib.SequenceMatcher(None, target, cand).ratio() >= SIMILAR):
            return True
    return False


def learning_count(doc: Document) -> int:
    return sum(len(getattr(doc, k)) for k in LEARNING_KINDS)


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def expected_from_gold(gold: dict[str, Any]) -> dict[str, Expected]:
    out = {}
    for name, g in gold.items():
        out[name] = Expected(name, set(g.get("themes") or ()), set(g.get("agencies") or ()),
                             list(g.get("question_samples") or ()), int(g.get("questions") or 0),
                             int(g.get("learning_points") or 0),
                             None if g.get("review_type") in (None, "unspecified") else g["review_type"])
    return out


def expected_from_corpus(corpus_dir: Path, taxonomy: Any) -> dict[str, Expected]:
    out = {}
    for path in sorted(corpus_dir.glob("*.yaml")):
        if path.name == "taxonomy.yaml":
            continue
        doc, _problems = load_record_bytes(path.read_bytes(), str(path), taxonomy)
        if doc is None or doc.draft:
            continue
        qs = [q.text for q in doc.reflective_questions]
        out[doc.source] = Expected(doc.source, doc.all_themes(), doc.all_agencies(), qs, len(qs),
                                   learning_count(doc), doc.review.review_type)
    return out


def score(name: str, group: str, want: Expected, doc: Document, suggested: int) -> Scored:
    s = Scored(name, group, suggested=suggested)
    got_t, got_a = doc.all_themes(), doc.all_agencies()
    s.tp_t = len(got_t & want.themes)
    s.fp_t = sorted(got_t - want.themes)
    s.fn_t = sorted(want.themes - got_t)
    s.tp_a = len(got_a & want.agencies)
    s.fp_a = sorted(got_a - want.agencies)
    s.fn_a = sorted(want.agencies - got_a)
    draft_qs = [q.text for q in doc.reflective_questions]
    s.q_listed = len(want.questions)
    s.q_found = sum(1 for q in want.questions if found(q, draft_qs))
    s.q_draft, s.q_gold = len(draft_qs), want.question_count
    s.lp_draft, s.lp_gold = learning_count(doc), want.learning_count
    s.rt_draft, s.rt_gold = doc.review.review_type, want.review_type
    return s


def run(devset: Path, seeds: Path, corpus_dir: Path, *, verbose: bool = False) -> list[Scored]:
    taxonomy, problems = load_taxonomy(corpus_dir / "taxonomy.yaml")
    if problems:
        raise SystemExit(f"taxonomy has problems: {problems[0].format()}")
    jobs: list[tuple[str, Path, Expected]] = []
    if (devset / "gold.json").is_file():
        gold = expected_from_gold(json.loads((devset / "gold.json").read_text(encoding="utf-8")))
        jobs += [("devset", devset / n, e) for n, e in gold.items() if (devset / n).is_file()]
    if seeds.is_dir():
        hand = expected_from_corpus(corpus_dir, taxonomy)
        jobs += [("seeds", seeds / n, e) for n, e in hand.items() if (seeds / n).is_file()]
    if not jobs:
        raise SystemExit(f"nothing to measure: no {devset}/gold.json and no seeds in {seeds}")
    out: list[Scored] = []
    with tempfile.TemporaryDirectory(prefix="ingest-bench-") as tmp:
        for group in ("devset", "seeds"):
            mine = [(p, e) for g, p, e in jobs if g == group]
            if not mine:
                continue
            folder = Path(tmp) / group
            results = ingest_paths([p for p, _ in mine], folder, taxonomy=taxonomy)
            by_source = {r.source.name: r for r in results}
            for path, want in mine:
                r = by_source.get(path.name)
                if r is None or r.written is None:
                    print(f"{path.name}: not ingested ({r.skipped if r else 'missing'})",
                          file=sys.stderr)
                    continue
                data = r.written.read_bytes()
                doc, _ = load_record_bytes(data, str(r.written), taxonomy)
                if doc is None:
                    print(f"{path.name}: the draft does not load", file=sys.stderr)
                    continue
                raw = parse_yaml(data.decode("utf-8"))
                draft = raw.get("draft") if isinstance(raw, dict) else None
                sugg = draft.get("suggested_tags") if isinstance(draft, dict) else None
                out.append(score(path.name, group, want, doc, len(sugg or {})))
                if verbose:
                    print(f"--- {path.name}\n{data.decode('utf-8')}")
    return out


def summary(rows: list[Scored]) -> dict[str, float]:
    tp_t = sum(r.tp_t for r in rows)
    tp_a = sum(r.tp_a for r in rows)
    pt, rt, ft = prf(tp_t, sum(len(r.fp_t) for r in rows), sum(len(r.fn_t) for r in rows))
    pa, ra, fa = prf(tp_a, sum(len(r.fp_a) for r in rows), sum(len(r.fn_a) for r in rows))
    listed = sum(r.q_listed for r in rows)
    return {"themes_p": pt, "themes_r": rt, "themes_f1": ft, "agencies_p": pa, "agencies_r": ra,
            "agencies_f1": fa, "q_found": sum(r.q_found for r in rows), "q_listed": listed,
            "questions": sum(r.q_found for r in rows) / listed if listed else 1.0,
            "lp_ok": sum(r.lp_ok for r in rows), "docs": len(rows),
            "lp_within": sum(r.lp_ok for r in rows) / len(rows) if rows else 0.0,
            "rt_ok": sum(1 for r in rows if r.rt_gold and r.rt_draft == r.rt_gold),
            "rt_n": sum(1 for r in rows if r.rt_gold)}


def report(rows: list[Scored]) -> str:
    lines = ["per document (themes/agencies: found/reader's, +extra; questions: reader's found, "
             "draft count vs reader's; learning items: draft vs reader's)", ""]
    head = (f"{'document':58} {'themes':>9} {'agencies':>9} {'q found':>8} {'q n':>7} "
            f"{'items':>7} {'sugg':>4}")
    lines += [head, "-" * len(head)]
    for r in rows:
        t = f"{r.tp_t}/{r.tp_t + len(r.fn_t)}+{len(r.fp_t)}"
        a = f"{r.tp_a}/{r.tp_a + len(r.fn_a)}+{len(r.fp_a)}"
        qf = f"{r.q_found}/{r.q_listed}" if r.q_listed else "-"
        lp = f"{r.lp_draft}/{r.lp_gold}{'' if r.lp_ok else '!'}"
        lines.append(f"{r.name[:58]:58} {t:>9} {a:>9} {qf:>8} {f'{r.q_draft}/{r.q_gold}':>7} "
                     f"{lp:>7} {r.suggested:>4}")
    lines.append("")
    lines.append("misses and extras:")
    for r in rows:
        bits = []
        if r.fn_t:
            bits.append("themes missed " + ", ".join(r.fn_t))
        if r.fp_t:
            bits.append("themes extra " + ", ".join(r.fp_t))
        if r.fn_a:
            bits.append("agencies missed " + ", ".join(r.fn_a))
        if r.fp_a:
            bits.append("agencies extra " + ", ".join(r.fp_a))
        if r.rt_gold and r.rt_draft != r.rt_gold:
            bits.append(f"review type {r.rt_draft}, reader's {r.rt_gold}")
        if bits:
            lines.append(f"  {r.name[:40]}: " + "; ".join(bits))
    lines.append("")
    head2 = (f"{'set':12} {'themes P / R / F1':>22} {'agencies P / R / F1':>22} "
             f"{'questions found':>16} {'items within 30%':>17} {'review type':>12}")
    lines += [head2, "-" * len(head2)]
    groups = [("devset", [r for r in rows if r.group == "devset"]),
              ("seeds", [r for r in rows if r.group == "seeds"]), ("all", rows)]
    for name, rs in groups:
        if not rs:
            continue
        s = summary(rs)
        q = f"{int(s['q_found'])}/{int(s['q_listed'])}" if s["q_listed"] else "-"
        lines.append(
            f"{name:12} {s['themes_p']:6.2f} /{s['themes_r']:5.2f} /{s['themes_f1']:5.2f}"
            f" {s['agencies_p']:8.2f} /{s['agencies_r']:5.2f} /{s['agencies_f1']:5.2f}"
            f" {q:>16} {int(s['lp_ok']):>10}/{int(s['docs'])} ({s['lp_within']:.0%})"
            f" {int(s['rt_ok']):>9}/{int(s['rt_n'])}")
    s = summary(rows)
    lines.append("")
    lines.append("targets (all documents): " + "; ".join(
        f"{k} {s[k]:.2f} {'ok' if s[k] >= v else 'BELOW'} (>= {v})" for k, v in TARGETS.items()))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.ingest_bench", description=__doc__.split("\n")[0])
    ap.add_argument("--devset", type=Path, default=SHARED / "devset")
    ap.add_argument("--seeds", type=Path, default=SHARED / "seeds")
    ap.add_argument("--corpus", type=Path, default=ROOT / "corpus",
                    help="folder with taxonomy.yaml and the hand-made seed records")
    ap.add_argument("--show-drafts", action="store_true", help="print every draft record too")
    args = ap.parse_args(argv)
    rows = run(args.devset, args.seeds, args.corpus, verbose=args.show_drafts)
    print(report(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
