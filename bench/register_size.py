"""What a big register costs: loading it, and linting one draft against it, 10 vs 10,000 facts.

Generated registers (each fact about its own words, one source), side by side
in one run. Loading uses libyaml when PyYAML has it; the per-draft cost should
not grow with the register, because a sentence is only tested against facts
that share a word with it.

Usage: python bench/register_size.py [--facts N] [--draft PATH]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from factlint.engine import EnabledRule, Linter  # noqa: E402
from factlint.register import load_register  # noqa: E402
from factlint.rules import all_rules  # noqa: E402


def register_text(n: int) -> str:
    facts = "".join(
        f"  - id: fact-{i}\n    claim: Claim number {i}\n    about: [[widget{i}, gadget{i}], [sales]]\n"
        f"    values:\n      - {{value: {i % 90 + 1}%, when: '2025'}}\n    source: s\n" for i in range(n))
    return "sources:\n  s: {publisher: P, date: 2026-01-01, cite_as: [P]}\nfacts:\n" + facts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facts", type=int, default=10_000)
    parser.add_argument("--draft", type=Path, default=ROOT / "seeds" / "000_f5887a468ea7c2e4.txt")
    args = parser.parse_args()
    text = args.draft.read_text(encoding="utf-8")
    known = all_rules()
    ids = [r for r, c in known.items() if c.default_enabled]
    rows = []
    for n in (10, args.facts):
        t0 = time.perf_counter()
        register = load_register([("bench.yaml", register_text(n))])
        load = time.perf_counter() - t0
        linter = Linter([EnabledRule(known[r](), known[r].severity, dict(known[r].options)) for r in ids],
                        register, known)
        linter.lint_text(args.draft.name, text)  # warm: indexes are built on first use
        t0 = time.perf_counter()
        for _ in range(10):
            linter.lint_text(args.draft.name, text)
        rows.append((n, load, (time.perf_counter() - t0) / 10))
    for n, load, per_draft in rows:
        print(f"{n:>7} facts: load {load:6.2f} s, one draft {per_draft * 1000:6.1f} ms")
    print(f"ratio {args.facts} / 10 facts, one draft: {rows[1][2] / rows[0][2]:.2f}x")


if __name__ == "__main__":
    main()
