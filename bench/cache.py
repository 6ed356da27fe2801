#!/usr/bin/env python3
"""Whole-process time of `factlint check` over the BBC corpus: uncached, cold cache, warm cache.

Usage: python bench/cache.py [CORPUS_DIR] [--repeat N] [--jobs N]
       (default corpus: ../shared/corpora/bbc-news; --jobs 1, as the issue measures)

The issue's target: a second run with nothing changed takes at most 10% of the
first. "cold" runs with a fresh, empty cache folder (so it pays for writing
every entry), "warm" runs again with the folder the cold run filled, and
"uncached" (--no-cache) shows what writing the entries costs. Each is the best
of --repeat runs. The JSON output of all three must be identical, or the bench
fails. One corpus file is Latin-1 on purpose: an error result, not cached.
The corpus is read from ../shared, never copied into the project.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "bbc-news"


def run(corpus: Path, jobs: int, cache_dir: Path | None) -> tuple[float, bytes]:
    """Seconds for one `factlint check --format json` (cwd: the project) and its output."""
    cache = ["--cache-dir", str(cache_dir)] if cache_dir else ["--no-cache"]
    command = [sys.executable, "-m", "factlint", "check", "--format", "json", "--jobs", str(jobs),
               *cache, str(corpus)]
    start = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, timeout=1800)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1, 2):  # 2: the Latin-1 file
        sys.exit(f"factlint failed ({done.returncode}): {done.stderr.decode(errors='replace')[-500:]}")
    return elapsed, done.stdout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"skipped: corpus {args.corpus} not found", file=sys.stderr)
        return 0
    files = sum(1 for p in args.corpus.rglob("*") if p.is_file() and p.suffix in (".txt", ".md"))
    uncached, cold, warm, outputs = [], [], [], set()
    with tempfile.TemporaryDirectory(prefix="factlint-bench-cache-") as tmp:
        for i in range(args.repeat):
            folder = Path(tmp, f"run{i}")
            for times, cache_dir in ((uncached, None), (cold, folder), (warm, folder)):
                seconds, output = run(args.corpus, args.jobs, cache_dir)
                times.append(seconds)
                outputs.add(output)
        entries = sum(len(files_) for _, _, files_ in os.walk(Path(tmp, "run0", "v1")))
    if len(outputs) != 1:
        print("FAIL: cached and uncached outputs differ", file=sys.stderr)
        return 1
    u, c, w = min(uncached), min(cold), min(warm)
    print(f"corpus: {args.corpus} ({files} drafts, {entries} cache entries), --jobs {args.jobs}, "
          f"best of {args.repeat}")
    print(f"{'uncached':>10}  {'cold':>8}  {'warm':>8}  {'warm/cold':>9}")
    print(f"{u:9.2f}s  {c:7.2f}s  {w:7.2f}s  {w / c:9.1%}")
    print(f"cold costs {c / u - 1:+.1%} over uncached; output identical in all runs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
