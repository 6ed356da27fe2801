"""Can an editor trust the fact rules? The three measures of that, in one run.

1. The newsdesk benchmark (../shared/eval/newsdesk/dev): editor labels for every
   check-worthy item of 36 real articles; precision and recall per family.
2. PolNeAR dev (../shared/eval/polnear-dev): its false positives are figures the
   annotators saw attributed, so that count must not grow (6 when the newsdesk
   work began).
3. The BBC corpus: findings per 1,000 sentences per rule, the noise a reader meets.

Each comes from the scorer the shared folder ships, run on this checkout
(``python -m factlint``), so the numbers are the ones a reviewer reproduces.

Usage: python bench/trust.py [--show]   (--show prints the newsdesk false positives and misses)
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
FACTLINT = f"{sys.executable} -m factlint"
RULES = "stat-unattributed,claim-vague-source,claim-absolute,quote-unattributed"


def run(*args: str) -> str:
    result = subprocess.run([sys.executable, *args], capture_output=True, text=True, cwd=ROOT)
    if result.returncode:
        sys.exit(f"{' '.join(args[:2])} failed (exit {result.returncode}):\n{result.stderr[-2000:]}")
    return result.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true")
    args = parser.parse_args()
    if not SHARED.is_dir():
        sys.exit(f"needs {SHARED} (the shared evaluation folder) beside the checkout")
    config = str(ROOT / "factlint.yaml")
    print("== newsdesk dev (editor labels)")
    print(run(str(SHARED / "eval/newsdesk/score.py"), str(SHARED / "eval/newsdesk/dev"),
              "--factlint", FACTLINT, "--config", config, *(["--show"] if args.show else [])))
    print("== PolNeAR dev (false positives = attributed figures flagged)")
    print(run(str(SHARED / "eval/polnear_eval.py"), str(SHARED / "eval/polnear-dev"),
              "--factlint", FACTLINT, "--config", config))
    print("== BBC corpus (findings per 1,000 sentences)")
    print(run(str(ROOT / "bench/bbc_rules.py"), "--rules", RULES))


if __name__ == "__main__":
    main()
