"""How big and how slow is the HTML report of a large run? The BBC corpus, as a user runs it.

Runs ``python -m factlint check --format html --output-file /tmp/x.html`` on
the corpus (one Latin-1 file is reported as an error and left out) and prints
the page's size, the time, and what the page holds; then the same run with
``--format json`` so the report's own cost shows. Each run gets an empty
cache folder, so neither reuses the other's work.

Usage: python bench/html_report_size.py [CORPUS_DIR] [--output PATH]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "bbc-news"


def timed_check(corpus: Path, fmt: str, output: Path) -> tuple[float, float]:
    """Wall and CPU seconds (the run and its workers) of one ``factlint check``.

    CPU time is the steadier number on a shared machine; exit 1 means findings,
    which the corpus has.
    """
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "FACTLINT_CACHE_DIR": cache}
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        result = subprocess.run([sys.executable, "-m", "factlint", "check", "--format", fmt,
                                 "--output-file", str(output), str(corpus)],
                                cwd=ROOT, env=env, capture_output=True, text=True)
        elapsed = time.perf_counter() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode > 1 and not output.exists():
        sys.exit(f"factlint failed (exit {result.returncode}): {result.stderr.strip()}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


def describe(page: str) -> str:
    """What the page holds: drafts in full, highlights, charts."""
    drafts, notes = page.count('<details class="draft"'), page.count('<li class="note"')
    return (f"{drafts} drafts in full, {page.count('<tr><td>')} in the index, "
            f"{page.count('<mark ')} highlighted pieces, {notes} notes, "
            f"{page.count('<svg ')} readability charts")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--output", type=Path, default=Path("/tmp/x.html"))
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"skipped: {args.corpus} not found (the BBC corpus lives in ../shared)")
        return
    wall, cpu = timed_check(args.corpus, "html", args.output)
    page = args.output.read_text(encoding="utf-8")
    size = args.output.stat().st_size
    print(f"html: {size / 1e6:.2f} MB in {wall:.1f} s ({cpu:.1f} s CPU) -> {args.output}")
    print(f"      {describe(page)}")
    with tempfile.TemporaryDirectory() as tmp:
        json_wall, json_cpu = timed_check(args.corpus, "json", Path(tmp) / "x.json")
    print(f"json: {json_wall:.1f} s ({json_cpu:.1f} s CPU); the page adds {wall - json_wall:+.1f} s "
          f"({cpu - json_cpu:+.1f} s CPU)")


if __name__ == "__main__":
    main()
