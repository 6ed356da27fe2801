"""Machine-readable findings, versioned so consumers can rely on the shape."""

from __future__ import annotations

import json

from factlint.findings import Finding, Severity
from factlint.reporters.base import Report

SCHEMA_VERSION = 1


def finding_dict(f: Finding) -> dict:
    item = {
        "path": f.path, "line": f.line, "column": f.column,
        "end_line": f.end_line, "end_column": f.end_column,
        "rule": f.rule, "severity": str(f.severity), "message": f.message,
        "fingerprint": f.fingerprint,
    }
    if f.link:
        item["link"] = f.link
    if f.fix:
        item["fix"] = [{"offset": e.start, "end_offset": e.end, "replacement": e.replacement} for e in f.fix]
    return item


def render(report: Report) -> str:
    data = {
        "version": SCHEMA_VERSION,
        "findings": [finding_dict(f) for f in report.findings],
        "summary": {
            "files": report.files_checked,
            "findings": len(report.findings),
            **{str(s): report.count(s) for s in sorted(Severity, reverse=True)},
        },
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
