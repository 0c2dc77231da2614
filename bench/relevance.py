"""`python -m bench.relevance` (`make bench-relevance`): how well search ranks, on judged queries.

What a new user would do: the development set's briefings (`../shared/devset/*.txt`, real
documents nobody on the team wrote) are ingested with the real `scrbrowse ingest` command into a
temporary copy of the bundled corpus, and searched with the real engine. Two sets of judged
queries are run:

- the development set's own (`queries.json`: `relevant` are file names, mapped to the ingested
  records through their `source:`; `also_relevant_bundled` are bundled record ids);
- the project's own, in supervisors' words (`bench/judged_queries.yaml`, same shape).

For each, nDCG@10 (graded gains: 2 for a relevant document, 1 for a `partly` relevant one), MRR
(first relevant document, within the top 10) and recall@5 (both over the relevant documents),
for scrbrowse and, in the same run, for plain Whoosh BM25F over the raw text of the same files
(default `StemmingAnalyzer`, OR grouping): the naive engine scrbrowse is built on. Then a
per-query table. Not part of `make test`: it measures, it does not assert.
"""

from __future__ import annotations

import argparse
import json
import math
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "corpus"
DEVSET = ROOT.parent / "shared" / "devset"
JUDGED = Path(__file__).resolve().parent / "judged_queries.yaml"
K = 10
# dev: queries.json; own: bench/judged_queries.yaml (new: its second-round part, split into the
# half tuned against and the held-out half); fresh: the sixth round's held-out queries, written
# after the others were tuned on, reported only here and in "all" so the others stay comparable.
GROUPS = ("dev", "own", "new", "new-tuned", "held-out", "fresh", "all")


@dataclass
class Judged:
    query: str
    relevant: set[str]  # record ids
    source: str  # "dev" or "own"
    new: bool = False  # written for the second round (before its tuning)
    held_out: bool = False  # ... and never looked at one by one while tuning
    fresh: bool = False  # written in the sixth round, after the others were tuned on
    partly: set[str] = field(default_factory=set)  # record ids that touch the query (gain 1)

    @property
    def groups(self) -> tuple[str, ...]:
        """The groups this query is reported in."""
        out = ["fresh" if self.fresh else self.source, "all"]
        if self.new and not self.fresh:
            out += ["new", "held-out" if self.held_out else "new-tuned"]
        return tuple(out)


@dataclass
class Scores:
    ndcg: list[float] = field(default_factory=list)
    mrr: list[float] = field(default_factory=list)
    recall: list[float] = field(default_factory=list)

    def add(self, ranked: Sequence[str], relevant: set[str], partly: set[str],
            ) -> tuple[float, float, float]:
        got = (ndcg_at(ranked, relevant, K, partly), reciprocal_rank(ranked[:K], relevant),
               recall_at(ranked, relevant, 5))
        self.ndcg.append(got[0])
        self.mrr.append(got[1])
        self.recall.append(got[2])
        return got

    def means(self) -> tuple[float, float, float]:
        n = max(1, len(self.ndcg))
        return sum(self.ndcg) / n, sum(self.mrr) / n, sum(self.recall) / n


def ndcg_at(ranked: Sequence[str], relevant: set[str], k: int,
            partly: Collection[str] = ()) -> float:
    def gain(d: str) -> int:
        return 2 if d in relevant else 1 if d in partly else 0

    dcg = sum(gain(d) / math.log2(i + 2) for i, d in enumerate(ranked[:k]))
    best = sorted([2] * len(relevant) + [1] * len(set(partly) - relevant), reverse=True)[:k]
    ideal = sum(g / math.log2(i + 2) for i, g in enumerate(best))
    return dcg / ideal if ideal else 0.0


def reciprocal_rank(ranked: Sequence[str], relevant: set[str]) -> float:
    for i, d in enumerate(ranked):
        if d in relevant:
            return 1 / (i + 1)
    return 0.0


def recall_at(ranked: Sequence[str], relevant: set[str], k: int) -> float:
    return len(set(ranked[:k]) & relevant) / len(relevant) if relevant else 0.0


# ---------------------------------------------------------------------------------------------
# The corpus: bundled records plus the development set, ingested as a new user would


def build_corpus(work: Path) -> tuple[Path, Path, dict[str, str], dict[str, Path]]:
    """The corpus and index folders, file name -> record id for the ingested files, and each
    record id -> the raw file the baseline indexes (the YAML for bundled records, the source
    text for ingested ones). A folder kept from an earlier run (`--work`) is reused: the
    bundled records and taxonomy are copied over again, the ingested drafts kept."""
    corpus = work / "corpus"
    index = work / "index"
    if (corpus / "taxonomy.yaml").is_file() and any(corpus.glob("*.yaml")):
        for path in BUNDLED.glob("*.yaml"):
            shutil.copy2(path, corpus / path.name)
    else:
        shutil.copytree(BUNDLED, corpus)
        sources = sorted(DEVSET.glob("*.txt"))
        cmd = [sys.executable, "-m", "scrbrowse", "--corpus", str(corpus), "--index",
               str(index), "ingest", *map(str, sources)]
        done = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            print(done.stdout, done.stderr, sep="\n", file=sys.stderr)
            raise SystemExit("scrbrowse ingest failed on the development set")
    by_file: dict[str, str] = {}
    raw: dict[str, Path] = {}
    for path in sorted(corpus.glob("*.yaml")):
        if path.name == "taxonomy.yaml":
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or "id" not in data:
            continue
        rid = str(data["id"])
        src = data.get("source")
        if isinstance(src, str) and (DEVSET / src).is_file() and data.get("draft"):
            by_file[src] = rid
            raw[rid] = DEVSET / src
        else:
            raw[rid] = path
    return corpus, index, by_file, raw


def load_queries(by_file: dict[str, str]) -> list[Judged]:
    out: list[Judged] = []

    def ids(entry: dict[str, object], files_key: str, bundled_key: str) -> set[str]:
        got: set[str] = set()
        for name in entry.get(files_key) or []:  # type: ignore[attr-defined]
            if name not in by_file:
                raise SystemExit(f"{name}: not ingested (is it in {DEVSET}?)")
            got.add(by_file[name])
        got.update(str(x) for x in entry.get(bundled_key) or [])  # type: ignore[attr-defined]
        return got

    for entry in json.loads((DEVSET / "queries.json").read_text(encoding="utf-8")):
        out.append(Judged(entry["query"], ids(entry, "relevant", "also_relevant_bundled"), "dev"))
    for entry in yaml.safe_load(JUDGED.read_text(encoding="utf-8")):
        out.append(Judged(entry["query"], ids(entry, "relevant_files", "relevant"), "own",
                          bool(entry.get("new")), bool(entry.get("held_out")),
                          bool(entry.get("fresh")), ids(entry, "partly_files", "partly")))
    return out


# ---------------------------------------------------------------------------------------------
# The two engines


def scrbrowse_search(corpus: Path, index: Path) -> tuple[Callable[[str], list[str]], Callable[[], None]]:
    from scrbrowse.search.api import SearchRequest
    from scrbrowse.search.engine import SearchEngine

    engine = SearchEngine.open(corpus, index)

    def run(query: str) -> list[str]:
        result = engine.search(SearchRequest(query=query, limit=K, with_passages=False,
                                             with_facets=False))
        return [h.doc_id for h in result.hits]

    return run, engine.close


def bm25f_search(raw: dict[str, Path], folder: Path) -> Callable[[str], list[str]]:
    """Plain Whoosh: one text field, the default StemmingAnalyzer, BM25F, OR grouping."""
    from whoosh.analysis import StemmingAnalyzer
    from whoosh.fields import ID, TEXT, Schema
    from whoosh.index import create_in
    from whoosh.qparser import OrGroup, QueryParser

    schema = Schema(id=ID(stored=True, unique=True), content=TEXT(analyzer=StemmingAnalyzer()))
    # On disk in our own folder: a RamStorage index writes its temporary files to one shared
    # folder (/tmp/MAIN.tmp) that other processes may be cleaning at the same time.
    folder.mkdir(parents=True, exist_ok=True)
    ix = create_in(str(folder), schema)
    with ix.writer() as w:
        for rid, path in raw.items():
            w.add_document(id=rid, content=path.read_text(encoding="utf-8", errors="replace"))
    parser = QueryParser("content", schema, group=OrGroup)
    searcher = ix.searcher()

    def run(query: str) -> list[str]:
        return [hit["id"] for hit in searcher.search(parser.parse(query), limit=K)]

    return run


# ---------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.relevance", description=__doc__.split("\n")[0])
    ap.add_argument("--json", metavar="FILE", help="also write the per-query results here")
    ap.add_argument("--quiet", action="store_true", help="only the summary table")
    ap.add_argument("--show-held-out", action="store_true",
                    help="also list the held-out queries one by one (not while tuning)")
    ap.add_argument("--show-fresh", action="store_true",
                    help="also list the fresh queries one by one (only once a round is settled)")
    ap.add_argument("--work", metavar="DIR",
                    help="keep the ingested corpus here and reuse it on the next run")
    args = ap.parse_args(argv)
    if not (DEVSET / "queries.json").is_file():
        print(f"no development set at {DEVSET}: nothing to measure")
        return 0
    with tempfile.TemporaryDirectory(prefix="scrbrowse-relevance-") as tmp:
        work = Path(args.work) if args.work else Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(work / "bm25f", ignore_errors=True)
        corpus, index, by_file, raw = build_corpus(work)
        queries = load_queries(by_file)
        ours, close = scrbrowse_search(corpus, index)
        plain = bm25f_search(raw, work / "bm25f")
        short = {rid: name[:2] for name, rid in by_file.items()}
        rows = []
        totals = {(e, s): Scores() for e in ("scrbrowse", "bm25f") for s in GROUPS}
        for q in queries:
            a, b = ours(q.query), plain(q.query)
            for g in q.groups:
                sa = totals["scrbrowse", g].add(a, q.relevant, q.partly)
                sb = totals["bm25f", g].add(b, q.relevant, q.partly)
            top3 = all(d not in q.relevant for d in a[:3])
            rows.append({"query": q.query, "set": "frsh" if q.fresh else "held" if q.held_out
                         else "new" if q.new else q.source, "relevant": sorted(q.relevant),
                         "scrbrowse": a, "bm25f": b, "scores": [sa, sb], "miss_top3": top3})
        close()
    print(f"{'set':<10}{'engine':<11}{'nDCG@10':>9}{'MRR':>7}{'R@5':>7}  queries  ratio")
    for s in GROUPS:
        for e in ("scrbrowse", "bm25f"):
            n, m, r = totals[e, s].means()
            ratio = n / totals["bm25f", s].means()[0] if totals["bm25f", s].means()[0] else 0
            print(f"{s:<10}{e:<11}{n:>9.3f}{m:>7.3f}{r:>7.3f}  {len(totals[e, s].ndcg):>7}"
                  + (f"  {ratio:.2f}x" if e == "scrbrowse" else ""))
    n_ours, n_plain = totals["scrbrowse", "all"].means()[0], totals["bm25f", "all"].means()[0]
    print(f"ratio nDCG@10 scrbrowse/bm25f (all): {n_ours / n_plain if n_plain else 0:.2f}")
    misses = [r["query"] for r in rows if r["set"] == "dev" and r["miss_top3"]]
    print(f"dev queries with no relevant document in the top 3: {len(misses)}"
          + (f" ({'; '.join(misses)})" if misses else ""))
    if not args.quiet:
        def name(d: str) -> str:
            if d in short:
                return f"dev{short[d]}"
            head, *rest = d.split("-")  # hampshire-child-k-learning-summary -> hampshire-ckls
            return f"{head}-{''.join(p[:1] for p in rest)}"

        print()
        print(f"{'set':<4} {'query':<48} {'ours n/rr':>10} {'bm25 n/rr':>10}  top 3 (scrbrowse; * relevant)")
        hidden = {s for s, shown in (("held", args.show_held_out), ("frsh", args.show_fresh))
                  if not shown}
        for r in rows:
            if r["set"] in hidden:
                continue
            (na, ra, _), (nb, rb, _) = r["scores"]
            top = ", ".join(("*" if d in r["relevant"] else "") + name(d) for d in r["scrbrowse"][:3])
            print(f"{r['set']:<4} {r['query'][:48]:<48} {na:>5.2f}/{ra:<4.2f} {nb:>5.2f}/{rb:<4.2f}  {top}")
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
