"""Microsoft's Vale style against its own expected output (features/rules.feature).

For each scenario of the feature file, runs
``python -m factlint check --config .vale.ini --format json .`` inside the
fixture folder it names, turns the findings into Vale's ``--output=line``
form (``test.md:LINE:COL:Style.Rule:message``) and compares them with the
scenario's expected lines. Prints, per scenario and in total, the expected
lines reproduced exactly and the extra findings.

    python bench/vale_microsoft.py [--style DIR] [-v]

``--style`` points at another style package laid out the same way
(``fixtures/``, ``features/rules.feature``). Reads ../shared; the style's
files are never copied into this repository.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DEFAULT_STYLE = SHARED / "peers" / "vale-styles" / "Microsoft"


def scenarios(feature: Path) -> list[tuple[str, list[str]]]:
    """(fixture name, expected lines) for each scenario that is not commented out."""
    out: list[tuple[str, list[str]]] = []
    name, lines, inside = None, [], False
    for raw in feature.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith("#"):
            continue
        m = re.match(r'When I (?:test|lint|run)\s+"([^"]+)"', line)
        if m:
            name = m.group(1)
            continue
        if line == '"""':
            if inside and name is not None:
                out.append((name, lines))
                name, lines = None, []
            inside = not inside
            continue
        if inside and line:
            lines.append(line)
    return out


def run_fixture(folder: Path) -> tuple[list[str], str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-m", "factlint", "check", "--config", ".vale.ini",
                           "--format", "json", "--no-cache", "."], cwd=folder, capture_output=True,
                          text=True, env=env, timeout=300)
    if proc.returncode not in (0, 1):
        return [], proc.stderr.strip()
    data = json.loads(proc.stdout)
    got = []
    for f in data["findings"]:
        path = f["path"].replace(os.sep, "/")
        got.append(f"{path}:{f['line']}:{f['column']}:{f['rule']}:{f['message']}")
    return got, proc.stderr.strip()


def measure(style: Path, verbose: bool = False) -> dict:
    feature = style / "features" / "rules.feature"
    total = reproduced = extra = 0
    per: dict[str, tuple[int, int, int]] = {}
    for name, expected in scenarios(feature):
        folder = style / "fixtures" / name
        got, err = run_fixture(folder)
        want, have = Counter(expected), Counter(got)
        ok = sum((want & have).values())
        more = sum((have - want).values())
        per[name] = (ok, len(expected), more)
        total += len(expected)
        reproduced += ok
        extra += more
        if verbose or ok < len(expected) or more:
            print(f"{name}: {ok}/{len(expected)} reproduced, {more} extra" + (f"  [{err[:200]}]" if err else ""))
            if verbose or ok < len(expected) or more:
                for line in sorted((want - have).elements()):
                    print(f"    missing: {line}")
                for line in sorted((have - want).elements()):
                    print(f"    extra:   {line}")
    print(f"TOTAL: {reproduced}/{total} expected lines reproduced ({100 * reproduced / max(1, total):.1f}%), "
          f"{extra} extra findings ({100 * extra / max(1, total):.1f}% of expected)")
    return {"reproduced": reproduced, "expected": total, "extra": extra, "per": per}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--style", type=Path, default=DEFAULT_STYLE)
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    if not (args.style / "features" / "rules.feature").is_file():
        print(f"skipped: {args.style} has no features/rules.feature (needs ../shared)")
        return 0
    measure(args.style, args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
