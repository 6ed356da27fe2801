"""Pathological drafts and how their cost grows: every pattern on draft text must be linear.

Each input family is built at three sizes and linted in process (the shipped
packs and the seeds register, every default rule). The table gives seconds
per size and the ratio of the largest to the smallest time per ratio of
sizes: about 1 for linear growth, about the size ratio for quadratic.

Usage: python bench/pathological.py [--scale K]   (sizes K, 2K, 4K kilobytes; default 16)
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from factlint.project import build_linter, load_project  # noqa: E402

FAMILIES = {
    "'a.' repeated": lambda n: "a." * (n // 2),
    "'1.' repeated": lambda n: "1." * (n // 2),
    "'a-' repeated": lambda n: "a-" * (n // 2),
    "'www.' repeated": lambda n: "www." * (n // 4),
    "'a@' repeated": lambda n: "a@" * (n // 2),
    "one line of percentages": lambda n: " ".join(f"{i}%" for i in range(n // 5)),
    "one long news sentence": lambda n: " ".join(
        ("the council said sales rose 12% last year while analysts expect growth of 3% and "
         "2,000 jobs").split() * (n // 90)),
    "deep Markdown lists": lambda n: "".join("  " * (i % 40) + "- item 4% of it\n" for i in range(n // 60)),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=16, help="smallest size in KB")
    args = parser.parse_args()
    linter = build_linter(load_project(str(ROOT / "factlint.yaml")))
    sizes = [args.scale * 1024 * k for k in (1, 2, 4)]
    print(f"{'input':28}" + "".join(f"{s // 1024:>8} KB" for s in sizes) + "   growth (4x size)")
    for name, make in FAMILIES.items():
        times = []
        for size in sizes:
            text = make(size)
            t0 = time.perf_counter()
            linter.lint_text("p.md", text)
            times.append(time.perf_counter() - t0)
        growth = times[-1] / max(times[0], 1e-6)
        print(f"{name:28}" + "".join(f"{t:10.3f}s" for t in times) + f"   {growth:5.1f}x")


if __name__ == "__main__":
    main()
