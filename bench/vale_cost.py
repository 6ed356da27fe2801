"""What the Microsoft and Red Hat Vale styles cost over the BBC corpus, next to factlint alone.

Runs the CLI three ways over the 2,225 BBC articles (``--no-cache``, the
default process count): factlint's own rules, factlint with both styles
(``vale:`` in factlint.yaml), and the styles alone (``--config .vale.ini``).
Prints wall time, findings and the ratio to factlint alone. The styles are
read from ../shared through a temporary StylesPath of symbolic links.

    python bench/vale_cost.py [CORPUS] [--jobs N]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpora" / "bbc-news"
STYLES = {
    "Microsoft": SHARED / "peers" / "vale-styles" / "Microsoft" / "Microsoft",
    "RedHat": SHARED / "peers" / "vale-styles" / "vale-at-red-hat" / ".vale" / "styles" / "RedHat",
}


def write_vale_setup(folder: Path) -> Path:
    """A .vale.ini in ``folder`` running both styles, read from ../shared through symbolic links."""
    styles = folder / "styles"
    styles.mkdir()
    for name, source in STYLES.items():
        (styles / name).symlink_to(source)
    ini = folder / ".vale.ini"
    ini.write_text("StylesPath = styles\nMinAlertLevel = suggestion\n\n[*]\nBasedOnStyles = Microsoft, RedHat\n",
                   encoding="utf-8")
    return ini


def run(args: list[str], cwd: Path) -> tuple[float, int, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "factlint", "check", "--format", "json", "--no-cache",
                           "--exit-zero", *args], cwd=cwd, capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - t
    try:
        count = len(json.loads(proc.stdout)["findings"])
    except (ValueError, KeyError):
        count = -1
    return elapsed, count, proc.stderr.strip().splitlines()[-1:][0] if proc.stderr.strip() else ""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=CORPUS)
    parser.add_argument("--jobs", "-j", default="0")
    args = parser.parse_args()
    if not args.corpus.is_dir() or not all(p.is_dir() for p in STYLES.values()):
        print("skipped: the BBC corpus or the Vale styles are not in ../shared")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        write_vale_setup(work)
        (work / "factlint.yaml").write_text("packs: [house-style]\n", encoding="utf-8")
        (work / "with-vale.yaml").write_text("packs: [house-style]\nvale: .vale.ini\n", encoding="utf-8")
        corpus = str(args.corpus.resolve())
        jobs = ["--jobs", args.jobs]
        base = run(["--config", "factlint.yaml", *jobs, corpus], work)
        both = run(["--config", "with-vale.yaml", *jobs, corpus], work)
        alone = run(["--config", ".vale.ini", *jobs, corpus], work)
    files = sum(1 for _ in args.corpus.rglob("*.txt"))
    print(f"{files} files in {args.corpus}")
    print(f"{'run':36} {'seconds':>8} {'findings':>9} {'ratio':>6}")
    for label, (secs, count, note) in (("factlint rules (house-style)", base),
                                       ("factlint + Microsoft + RedHat", both),
                                       ("Microsoft + RedHat alone (.vale.ini)", alone)):
        print(f"{label:36} {secs:8.1f} {count:9} {secs / base[0]:6.2f}" + (f"   {note[:80]}" if note else ""))
    extra = both[1] - base[1]
    if extra > 0:  # what the styles cost per finding they add, all their matching included
        print(f"the styles add {extra} findings, at {(both[0] - base[0]) / extra * 1e6:.0f} us each")
    rules = sum(1 for style in STYLES.values() for _ in style.glob("*.yml"))
    one_pass = pattern_pass(args.corpus)
    print(f"floor: {rules} rules, each at least one pass of re over the corpus; one pass of a two-word "
          f"case-insensitive pattern takes {one_pass:.2f} s, so {rules * one_pass:.1f} s in all, against "
          f"the {0.3 * base[0]:.1f} s that a growth of at most 1.3x allows")
    return 0


def pattern_pass(corpus: Path) -> float:
    """Seconds for one search of the simplest kind of Vale rule (two words, any case) over every
    article: the least a rule can cost, since Vale's rules each report their own matches."""
    import re

    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(corpus.rglob("*.txt"))]
    pattern = re.compile(r"\b(?:utilize|leverage)\b", re.I)
    started = time.perf_counter()
    for text in texts:
        for _ in pattern.finditer(text):
            pass
    return time.perf_counter() - started


if __name__ == "__main__":
    sys.exit(main())
