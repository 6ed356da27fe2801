"""How noisy are the attribution rules on real news? Findings per 1,000 sentences.

Writers switch off a linter that cries wolf, so this is the number to watch
when a rule changes: it runs ``factlint check --format json`` over the BBC
corpus as a user would (one Latin-1 file is reported as an error and left
out), counts sentences with factlint's own document model, and prints the
rate per rule. ``--sample N`` prints N random findings per rule with their
sentence, for reading false positives by hand.

Usage: python bench/bbc_rules.py [CORPUS_DIR] [--rules a,b] [--sample N] [--seed S]
"""

from __future__ import annotations

import argparse
import collections
import json
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from factlint.document import Document  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "bbc-news"
DEFAULT_RULES = "stat-unattributed,claim-vague-source"


def documents(corpus: Path) -> dict[str, Document]:
    """Every UTF-8 article, keyed by resolved path (the rest is factlint's error case)."""
    docs = {}
    for path in sorted(corpus.rglob("*.txt")):
        try:
            text = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            continue
        docs[str(path.resolve())] = Document.from_text(str(path), text.lstrip("\ufeff"))
    return docs


def run_factlint(corpus: Path, rules: str) -> tuple[list[dict], float, str]:
    cmd = [sys.executable, "-m", "factlint", "check", "--format", "json", "--exit-zero",
           "--no-baseline", "--select", rules, "--config", str(ROOT / "factlint.yaml"), str(corpus)]
    t0 = time.perf_counter()
    result = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    elapsed = time.perf_counter() - t0
    if not result.stdout.strip():
        sys.exit(f"factlint produced no report (exit {result.returncode}):\n{result.stderr[-2000:]}")
    data = json.loads(result.stdout)
    findings = data["findings"] if isinstance(data, dict) else data
    return findings, elapsed, result.stderr.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--rules", default=DEFAULT_RULES, help="comma-separated rule ids")
    parser.add_argument("--sample", type=int, default=0, help="print N random findings per rule")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    docs = documents(args.corpus)
    sentences = sum(len(d.sentences) for d in docs.values())
    findings, elapsed, stderr = run_factlint(args.corpus, args.rules)
    by_rule: dict[str, list[dict]] = collections.defaultdict(list)
    for f in findings:
        by_rule[f["rule"]].append(f)

    print(f"{len(docs)} UTF-8 files, {sentences} sentences; factlint took {elapsed:.1f} s")
    if stderr:
        print(f"factlint stderr: {stderr.splitlines()[0]}" + (" ..." if "\n" in stderr else ""))
    for rule in args.rules.split(","):
        hits = by_rule.get(rule, [])
        files = len({f["path"] for f in hits})
        print(f"{rule:24} {len(hits):6} findings in {files:5} files  "
              f"{1000 * len(hits) / max(1, sentences):7.1f} per 1,000 sentences")

    rng = random.Random(args.seed)
    for rule in args.rules.split(",") if args.sample else ():
        hits = by_rule.get(rule, [])
        print(f"\n=== {rule}: {min(args.sample, len(hits))} of {len(hits)} ===")
        for f in rng.sample(hits, min(args.sample, len(hits))):
            doc = docs.get(str((ROOT / f["path"]).resolve())) or docs.get(str(Path(f["path"]).resolve()))
            where = f"{Path(f['path']).parent.name}/{Path(f['path']).name}:{f['line']}"
            if doc is None:
                print(f"- {where}: {f['message']}")
                continue
            offset = doc.line_starts[f["line"] - 1] + f["column"] - 1
            sentence = doc.sentence_at(offset)
            text = doc.text[sentence.start:sentence.end] if sentence else doc.line_text(f["line"])
            end = doc.line_starts[f["end_line"] - 1] + f["end_column"] - 1
            print(f"- {where} [{doc.text[offset:end]}] {' '.join(text.split())}")


if __name__ == "__main__":
    main()
