"""Where the time goes: cProfile over one part of the engine, on a generated corpus.

    python -m bench.profile queries --corpus bench/out/corpus-10k-seed1 --index bench/out/index-10k
    python -m bench.profile query --query "c*" --corpus ... --index ...
    python -m bench.profile build --corpus ... --index /tmp/scratch-index
    python -m bench.profile open|refresh --corpus ... --index ...

Prints the top functions by own time and by cumulative time, and saves the raw profile (for
snakeviz or `python -m pstats`) next to the index as `<part>.prof`.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from .phases import edited_text, forget_results
from .queries import QUERIES


def _engine(corpus: Path, index: Path, rebuild: bool = False) -> Any:
    from scrbrowse.search.engine import SearchEngine

    return SearchEngine.open(corpus, index, rebuild=rebuild)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.profile", description=(__doc__ or "").split("\n\n")[0])
    ap.add_argument("part", choices=("build", "open", "refresh", "queries", "query", "memory"))
    ap.add_argument("--corpus", type=Path, required=True)
    ap.add_argument("--index", type=Path, required=True)
    ap.add_argument("--query", default="c*", help="for `query`: the query text (no filters)")
    ap.add_argument("--limit", type=int, default=50)
    ap.add_argument("--top", type=int, default=30)
    args = ap.parse_args(argv)
    from scrbrowse.search.api import SearchRequest

    if args.part == "memory":
        return memory(args)
    work: Callable[[], Any]
    engine: Any = None
    if args.part == "build":
        def work() -> Any:
            return _engine(args.corpus, args.index, rebuild=True).close()
    elif args.part == "open":
        def work() -> Any:
            return _engine(args.corpus, args.index).close()
    elif args.part == "refresh":
        from scrbrowse.corpus import record_files

        engine = _engine(args.corpus, args.index)
        files = record_files(args.corpus)
        path = files[len(files) // 2]
        original = path.read_text(encoding="utf-8")
        path.write_text(edited_text(original, 999), encoding="utf-8")

        def work() -> Any:
            try:
                return engine.refresh()
            finally:
                path.write_text(original, encoding="utf-8")
    else:
        engine = _engine(args.corpus, args.index)
        if args.part == "queries":
            requests = [SearchRequest(q.text, q.to_filters(), limit=args.limit) for q in QUERIES]
        else:
            requests = [SearchRequest(args.query, limit=args.limit)]
        for r in requests:  # warm, as the harness measures warm passes
            engine.search(r)

        def work() -> Any:
            out = []
            for r in requests:  # each search as a new query: the result cache dropped first
                forget_results(engine)
                out.append(engine.search(r))
            return out

    prof = cProfile.Profile()
    t0 = time.perf_counter()
    prof.enable()
    work()
    prof.disable()
    elapsed = time.perf_counter() - t0
    if engine is not None:
        if args.part == "refresh":
            engine.refresh()  # back in step with the restored file
        engine.close()
    out = args.index.parent / f"{args.part}.prof"
    prof.dump_stats(out)
    buf = io.StringIO()
    stats = pstats.Stats(prof, stream=buf)
    stats.sort_stats("tottime").print_stats(args.top)
    stats.sort_stats("cumulative").print_stats(args.top)
    print(f"{args.part}: {elapsed:.3f} s under the profiler; raw profile in {out}\n")
    print(buf.getvalue())
    return 0


def memory(args: argparse.Namespace) -> int:
    """What the engine holds after opening and running the query set: tracemalloc, by source line."""
    import resource
    import tracemalloc

    from scrbrowse.search.api import SearchRequest

    tracemalloc.start(8)
    engine = _engine(args.corpus, args.index)
    opened = tracemalloc.take_snapshot()
    for q in QUERIES:
        forget_results(engine)
        engine.search(SearchRequest(q.text, q.to_filters(), limit=args.limit))
    after = tracemalloc.take_snapshot()
    current, peak = tracemalloc.get_traced_memory()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"traced now {current / 1e6:.0f} MB, traced peak {peak / 1e6:.0f} MB, peak RSS {rss:.0f} MB "
          "(RSS includes tracemalloc's own overhead)\n")
    print("Held after opening, by line:")
    for stat in opened.statistics("lineno")[: args.top]:
        print(f"  {stat.size / 1e6:8.1f} MB  {stat.count:>9,} blocks  {stat.traceback[0]}")
    print("\nGrown by the query set, by line:")
    for diff in after.compare_to(opened, "lineno")[: args.top]:
        print(f"  {diff.size_diff / 1e6:+8.1f} MB  {diff.traceback[0]}")
    engine.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
