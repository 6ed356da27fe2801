"""GitLab Code Quality: a JSON array of issues for the merge request widget.

GitLab reads only ``description``, ``check_name``, ``fingerprint``,
``severity``, ``location.path`` and the begin line (``location.lines.begin``
or ``location.positions.begin.line``); it ignores columns. So locations use
the ``lines`` form, which is the Code Climate form FORMATS.md names.

The widget compares fingerprints between the target branch and the merge
request to tell new issues from fixed ones, and shows only the first of
several issues that share one. So a fingerprint must be stable across edits
elsewhere in the file (it builds on ``Finding.fingerprint``, which hashes the
rule and the sentence) and unique (the path and the occurrence index are mixed
in, because the same sentence in two files, or twice in one file, must still
give distinct issues).

Severity: error -> ``major``, warning -> ``minor``, info -> ``info``.
``critical`` and ``blocker`` are left to tools that find security problems and
broken builds, so a wording problem in a draft does not outrank them when
several tools share the widget.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from typing import Any

from factlint.findings import Finding, Severity
from factlint.reporters.base import Report
from factlint.reporters.locations import relative_path

SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def render(report: Report) -> str:
    """The report as a Code Quality JSON array (ASCII, no BOM)."""
    root = os.environ.get("CI_PROJECT_DIR") or None
    seen: Counter[tuple[str, str]] = Counter()
    issues = []
    for finding in report.findings:
        path = relative_path(finding.path, root)
        basis = finding.fingerprint or f"{finding.rule}\0{finding.message}"
        occurrence = seen[path, basis]
        seen[path, basis] += 1
        issues.append(_issue(finding, path, fingerprint(path, basis, occurrence)))
    return json.dumps(issues, indent=2) + "\n"


def fingerprint(path: str, basis: str, occurrence: int) -> str:
    """32 hex digits (the length of the MD5 GitLab's docs suggest) from path, basis and index."""
    data = f"{path}\0{basis}\0{occurrence}".encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()[:32]


def _issue(finding: Finding, path: str, fingerprint: str) -> dict[str, Any]:
    return {
        # GitLab shows the description but not check_name, so both carry the rule.
        "description": f"[{finding.rule}] {finding.message}",
        "check_name": finding.rule,
        "fingerprint": fingerprint,
        "severity": SEVERITIES[finding.severity],
        "location": {
            "path": path,
            "lines": {"begin": finding.line, "end": finding.end_line},
        },
    }
