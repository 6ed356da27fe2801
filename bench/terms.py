#!/usr/bin/env python3
"""Term matching cost with the shipped packs' terms vs 1,000 terms over the BBC corpus, and whole-process
wall time of one `factlint check` on one file.

Usage: python bench/terms.py [CORPUS_DIR]   (default: ../shared/corpora/bbc-news)

Reads the corpus from ../shared (never copied into the project). Both runs use
ten of the shipped packs' terms; the second adds synthetic ones
("Brand17Name") up to 1,000, so the matches stay the same while the index
grows 100-fold. The claim under test is that cost does not grow with the
number of terms.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

from factlint.document import Document
from factlint.files import decode
from factlint.register import Origin, Term, load_register
from factlint.termindex import TermIndex

ROOT = Path(__file__).resolve().parents[1]


def corpus_docs(folder: Path) -> list[Document]:
    docs = []
    for path in sorted(folder.rglob("*.txt")):
        try:
            text, _ = decode(path.read_bytes(), str(path))
        except Exception:  # the deliberate Latin-1 file
            text = path.read_bytes().decode("latin-1")
        docs.append(Document.from_text(str(path), text))
    return docs


def terms(n: int) -> list[Term]:
    """The first 10 of the shipped packs' terms, padded with synthetic ones up to ``n``."""
    packs = load_register([(p.name, p) for p in sorted((ROOT / "lint_rules").glob("*.yaml"))]).terms[:10]
    synthetic = [Term("spelling", f"Brand{i}Name", (f"Brand{i}name", f"Brand {i} Name"), Origin("bench", i, 1))
                 for i in range(max(0, n - len(packs)))]
    return packs + synthetic


def time_scan(index: TermIndex, docs: list[Document], repeat: int = 3) -> tuple[float, int]:
    best, found = float("inf"), 0
    for _ in range(repeat):
        start = time.perf_counter()
        found = sum(1 for d in docs for _ in index.scan(d.prose))
        best = min(best, time.perf_counter() - start)
    return best, found


def one_file_wall_time(runs: int = 10) -> float:
    draft = ROOT / "seeds" / "002_7bb5962e5cea35e3.txt"
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "factlint", "check", str(draft)], cwd=ROOT,
                       capture_output=True, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "corpora" / "bbc-news"
    if not folder.is_dir():
        print(f"corpus not found: {folder}", file=sys.stderr)
        return 2
    start = time.perf_counter()
    docs = corpus_docs(folder)
    parse = time.perf_counter() - start
    chars = sum(len(d.text) for d in docs)
    print(f"corpus: {len(docs)} files, {chars / 1e6:.1f} M characters, parsed into documents in {parse:.2f} s")
    for n in (10, 1000):
        index_start = time.perf_counter()
        index_terms = terms(n)
        index = TermIndex(index_terms)
        built = time.perf_counter() - index_start
        seconds, found = time_scan(index, docs)
        print(f"{len(index_terms):>5} terms: index built in {built * 1000:.1f} ms; scan {seconds:.3f} s (best of 3), {found} matches")
    print(f"one file, whole process (`python -m factlint check`, median of 10): {one_file_wall_time():.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
