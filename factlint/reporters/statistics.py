"""``--statistics``: how many findings each rule gave, most first (as ruff's).

For an archive run the per-rule count is what a standards desk reads first:
which rule to tune, which house rule the newsroom keeps breaking.
"""

from __future__ import annotations

import json
from collections import Counter

from factlint.reporters.base import Report


def rows(report: Report) -> list[dict]:
    counts = Counter(f.rule for f in report.findings)
    fixable = Counter(f.rule for f in report.findings if f.fix)
    out = []
    for rule, count in sorted(counts.items(), key=lambda rc: (-rc[1], rc[0])):
        cls = report.rules.get(rule)
        out.append({"rule": rule, "count": count, "fixable": fixable[rule],
                    "summary": cls.summary if cls else ""})
    return out


def render_statistics(report: Report, fmt: str) -> str:
    """A table for the text formats, a JSON array for every other format."""
    table = rows(report)
    if fmt not in ("text", "concise", "full"):
        return json.dumps(table, indent=2) + "\n"
    if not table:
        return ""
    width = max(len(str(r["count"])) for r in table)
    rule_width = max(len(r["rule"]) for r in table)
    return "".join(f"{r['count']:>{width}}  {r['rule']:<{rule_width}}  "
                   f"{'[fix] ' if r['fixable'] else ''}{r['summary']}\n" for r in table)
