"""Red Hat's Vale style by its own protocol, over all 37 rule fixtures.

For each fixture folder (.vale/fixtures/RedHat/RULE/, a .vale.ini switching
one rule on): testvalid.adoc must give no finding, and every non-empty line
of testinvalid.adoc must give at least one finding on that line. A line is
right when it does what the protocol asks (a testvalid line with no
finding, a testinvalid line with one); the score is the share of non-empty
lines right, per rule and over all. The numbers come from the CLI:
``python -m factlint check --config RULE/.vale.ini --format json FILE``.

    python bench/vale_redhat.py [-v]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
FIXTURES = SHARED / "peers" / "vale-styles" / "vale-at-red-hat" / ".vale" / "fixtures" / "RedHat"


def findings(folder: Path, name: str) -> tuple[dict[int, list[str]], str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-m", "factlint", "check", "--config", ".vale.ini", "--format",
                           "json", "--no-cache", name], cwd=folder, capture_output=True, text=True,
                          env=env, timeout=600)
    if proc.returncode not in (0, 1):
        return {}, proc.stderr.strip() or f"exit {proc.returncode}"
    by_line: dict[int, list[str]] = {}
    for f in json.loads(proc.stdout)["findings"]:
        by_line.setdefault(f["line"], []).append(f"{f['rule']}: {f['message']}")
    return by_line, proc.stderr.strip()


def score_rule(folder: Path) -> dict:
    valid = (folder / "testvalid.adoc").read_text(encoding="utf-8").splitlines()
    invalid = (folder / "testinvalid.adoc").read_text(encoding="utf-8").splitlines()
    got_valid, err_v = findings(folder, "testvalid.adoc")
    got_invalid, err_i = findings(folder, "testinvalid.adoc")
    false_pos = {n: got_valid[n] for n in got_valid}
    lines = right = 0
    missed = []
    for n, line in enumerate(valid, 1):
        if line.strip() or n in false_pos:
            lines += 1
            right += n not in false_pos
    for n, line in enumerate(invalid, 1):
        if line.strip():
            lines += 1
            if n in got_invalid:
                right += 1
            else:
                missed.append((n, line))
    return {"lines": lines, "right": right, "false": false_pos, "missed": missed,
            "valid": valid, "errors": "; ".join(e for e in (err_v, err_i) if e)}


def measure(verbose: bool = False) -> dict:
    total = right = 0
    per = {}
    for folder in sorted(p for p in FIXTURES.iterdir() if (p / ".vale.ini").is_file()):
        r = score_rule(folder)
        per[folder.name] = (r["right"], r["lines"])
        total += r["lines"]
        right += r["right"]
        pct = 100 * r["right"] / max(1, r["lines"])
        flag = "" if r["right"] == r["lines"] else "  <--"
        print(f"{folder.name:24} {r['right']:5}/{r['lines']:<5} {pct:6.1f}%{flag}")
        if r["errors"] and (verbose or r["right"] < r["lines"]):
            print(f"    stderr: {r['errors'][:300]}")
        if verbose or r["right"] < r["lines"]:
            for n, msgs in sorted(r["false"].items())[:15]:
                print(f"    testvalid:{n}: {r['valid'][n - 1][:70]!r} -> {msgs[0][:100]}")
            for n, line in r["missed"][:15]:
                print(f"    testinvalid:{n}: no finding: {line[:80]!r}")
    print(f"TOTAL: {right}/{total} lines right ({100 * right / max(1, total):.2f}%) over {len(per)} rules")
    return {"right": right, "lines": total, "per": per}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    if not FIXTURES.is_dir():
        print(f"skipped: {FIXTURES} not found (needs ../shared)")
        return 0
    measure(args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
