#!/usr/bin/env python3
"""textlint-rule-terminology's own cases, run by factlint's term rules; and the cost of pattern terms.

Usage: python bench/textlint_terms.py [PEER_DIR] [CORPUS_DIR]
       (defaults: ../shared/peers/textlint-rule-terminology, ../shared/corpora/bbc-news)

Part 1 loads textlint's default term list (terms.json, its terms.jsonc parsed) as a
factlint register, in memory: each exact-casing term as ``exact: Term`` and each
[pattern, replacement] pair as ``{pattern, use, ignorecase: true}`` (textlint matches
every pattern case-insensitively). Each of the cases without options (cases.json,
block 0) is linted as a Markdown draft with term-prefer, term-spelling and
term-consistency. A valid case passes with no finding; an invalid case passes when
the findings are as many as textlint's errors, each names the same wrong and right
forms ('Incorrect term: “X”, use “Y” instead'), and applying the fixes gives
textlint's fixed output. Nothing of textlint's files is copied into the project.

Part 2 times term matching over the BBC corpus with the shipped packs' fixed terms
alone and with 50 pattern terms added (textlint's first 50 patterns, which read
like a house style's): the fixed-term scan and the pattern scan apart, and the
pattern scan once more with its literal prefilter off. (One alternation of the
50 patterns, tried first, took 8.4 s in ``regex``: five times the unfiltered
per-pattern scan.)
"""

from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
PEER = ROOT.parent / "shared" / "peers" / "textlint-rule-terminology"
CORPUS = ROOT.parent / "shared" / "corpora" / "bbc-news"
RULES = ("term-prefer", "term-spelling", "term-consistency")
_MESSAGE = re.compile(r"Incorrect term: “(.*)”, use “(.*)” instead")
_FOUND = re.compile(r'^(?:Use "(.*)" instead of "(.*)"|Write "(.*)", not "(.*)")\.')


def register_yaml(peer: Path, patterns: int | None = None, exact: bool = True) -> str:
    """textlint's default terms as factlint register YAML (the first ``patterns`` patterns only)."""
    entries = json.loads((peer / "terms.json").read_text(encoding="utf-8"))
    terms: list[dict] = []
    taken = 0
    for e in entries:
        if e["kind"] == "exact_casing":
            if exact:
                terms.append({"exact": e["term"]})
        elif e["kind"] == "pattern_replacement" and (patterns is None or taken < patterns):
            terms.append({"pattern": e["pattern"], "use": e["replacement"], "ignorecase": True})
            taken += 1
    return yaml.safe_dump({"terms": terms}, allow_unicode=True, sort_keys=False)


def cases(peer: Path) -> list[dict]:
    return [c for c in json.loads((peer / "cases.json").read_text(encoding="utf-8")) if not c["options_js"]]


def linter(register_text: str):
    from factlint.engine import EnabledRule, Linter
    from factlint.register import load_register
    from factlint.rules import all_rules

    known = all_rules()
    rules = [EnabledRule(known[r](), known[r].severity, {}) for r in RULES]
    return Linter(rules, load_register([("textlint-terms.yaml", register_text)]), known)


def pairs(findings) -> list[tuple[str, str]]:
    """(wrong, right) of each term finding."""
    out = []
    for f in findings:
        m = _FOUND.match(f.message)
        if m:
            out.append((m.group(2), m.group(1)) if m.group(1) is not None else (m.group(4), m.group(3)))
        else:
            out.append((f.message, ""))
    return out


def run_case(lint, case: dict) -> tuple[bool, str]:
    """(passed, what factlint did) for one textlint case."""
    from factlint.fixes import apply_edits

    text = case["text"]
    found = lint.lint_text("case.md", text)
    got = pairs(found)
    if case["valid"]:
        return not found, f"{got}" if found else "no finding"
    want = [m.groups() for m in (_MESSAGE.match(e["message"]) for e in case["errors"]) if m]
    fixed = apply_edits(text, [e for f in found for e in f.fix])[0]
    ok = sorted(got) == sorted(want) and fixed == case["output"]
    return ok, f"{got} -> {fixed!r}"


def textlint_cases(peer: Path, verbose: bool = True) -> tuple[int, int]:
    lint = linter(register_yaml(peer))
    all_cases = cases(peer)
    passed = 0
    for case in all_cases:
        ok, what = run_case(lint, case)
        passed += ok
        if verbose and not ok:
            print(f"  FAIL {'valid' if case['valid'] else 'invalid'} {case['text']!r}: {what}")
    return passed, len(all_cases)


def cost(peer: Path, corpus: Path, n_patterns: int = 50) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    from terms import corpus_docs  # bench/terms.py

    from factlint.register import load_register
    from factlint.termindex import TermIndex

    docs = corpus_docs(corpus)
    prose = [d.prose for d in docs]
    print(f"corpus: {len(docs)} files, {sum(map(len, prose)) / 1e6:.1f} M characters of prose")
    packs = [(p.name, p) for p in sorted((ROOT / "lint_rules").glob("*.yaml"))]
    fixed_terms = load_register(packs).terms
    extra = load_register([("textlint-50.yaml", register_yaml(peer, n_patterns, exact=False))]).terms
    for label, terms in ((f"{len(fixed_terms)} fixed terms, no pattern terms", fixed_terms),
                         (f"{len(fixed_terms)} fixed terms + {len(extra)} pattern terms", fixed_terms + extra)):
        index = TermIndex(terms)
        fixed_s, fixed_n = _best(lambda: sum(len(list(index.scan(p))) for p in prose))
        pattern_s, pattern_n = _best(lambda: sum(len(index.scan_patterns(p)[0]) for p in prose))
        keyless = sum(1 for p in index.patterns if p.keys is None)
        print(f"{label}: fixed-term scan {fixed_s:.3f} s ({fixed_n} matches), pattern scan "
              f"{pattern_s:.3f} s ({pattern_n} matches), best of 3"
              + (f"; {keyless} patterns without a literal prefilter" if index.patterns else ""))
    index = TermIndex(extra)
    for p in index.patterns:
        p.keys = None
    unfiltered, _ = _best(lambda: sum(len(index.scan_patterns(p)[0]) for p in prose))
    print(f"the same {len(extra)} pattern terms with the literal prefilter off: {unfiltered:.3f} s")


def _best(run, repeat: int = 3) -> tuple[float, int]:
    best, result = float("inf"), 0
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        best = min(best, time.perf_counter() - start)
    return best, result


def main() -> int:
    peer = Path(sys.argv[1]) if len(sys.argv) > 1 else PEER
    corpus = Path(sys.argv[2]) if len(sys.argv) > 2 else CORPUS
    if not (peer / "cases.json").is_file():
        print(f"textlint-rule-terminology not found: {peer}", file=sys.stderr)
        return 2
    passed, total = textlint_cases(peer)
    print(f"textlint-rule-terminology default-term cases: {passed} of {total} pass")
    if corpus.is_dir():
        cost(peer, corpus)
    else:
        print(f"corpus not found, cost not measured: {corpus}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
