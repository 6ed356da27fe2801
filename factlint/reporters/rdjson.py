"""reviewdog's diagnostic format: ``rdjson`` (one document) and ``rdjsonl`` (one diagnostic a line).

reviewdog counts columns in UTF-8 bytes, while factlint counts code points,
so every column is converted using ``Finding.source_line`` (the text of the
finding's start line). Without that, "Müller said ... Huggingface" would put
a suggestion one byte to the left of the word it replaces.

What a Finding cannot tell us, and what we do instead:

- The end of a finding that spans lines: its column would need the end
  line's text. The end is then given as the line alone (no column), which
  reviewdog reads as "somewhere on that line"; its line filters and
  multi-line comments use only lines.
- Edits (offset ranges into the document) are placed using the finding's own
  offset and start line, so only fixes that lie on the start line become
  suggestions; a fix with any edit elsewhere is left out entirely rather
  than half applied. See ``sarif.line_edits``.
- With no ``source_line`` the code-point column is used as is, which is the
  byte column for ASCII text.
"""

from __future__ import annotations

import json
from typing import Any

import factlint
from factlint.findings import Finding, Severity
from factlint.reporters.base import Report
from factlint.reporters.locations import line_edits, relative_path

SEVERITIES = {Severity.ERROR: "ERROR", Severity.WARNING: "WARNING", Severity.INFO: "INFO"}


def render(report: Report) -> str:
    """The report as one rdjson ``DiagnosticResult`` document."""
    result = {"source": _source(), "diagnostics": [diagnostic(f) for f in report.findings]}
    return json.dumps(result, indent=2) + "\n"


def render_lines(report: Report) -> str:
    """The report as rdjsonl: one self-contained diagnostic per line ("" when there are none)."""
    return "".join(json.dumps(diagnostic(f, with_source=True)) + "\n" for f in report.findings)


def diagnostic(finding: Finding, with_source: bool = False) -> dict[str, Any]:
    """One rdjson ``Diagnostic``; ``with_source`` names the tool, as rdjsonl lines must."""
    code: dict[str, str] = {"value": finding.rule}
    url = rule_url(finding.rule)
    if url:
        code["url"] = url
    result: dict[str, Any] = {
        "message": finding.message,
        "location": {"path": relative_path(finding.path), "range": _range(finding)},
        "severity": SEVERITIES[finding.severity],
    }
    if with_source:
        result["source"] = _source()
    result["code"] = code
    suggestions = _suggestions(finding)
    if suggestions:
        result["suggestions"] = suggestions
    return result


def rule_url(rule_id: str) -> str | None:
    """Where a rule is documented, once the project has a home page (``factlint.__url__``)."""
    base = getattr(factlint, "__url__", None)
    return f"{base.rstrip('/')}/rules/{rule_id}/" if base else None


def byte_column(line: str, column: int) -> int:
    """The 1-based UTF-8 byte column of 1-based code-point ``column`` in ``line``.

    A column past the end of ``line`` (a span that takes in the line break)
    counts one byte per code point beyond it, as line breaks are ASCII.
    """
    prefix = line[: column - 1]
    beyond = max(0, column - 1 - len(line))
    return _utf8_len(prefix) + beyond + 1


def _utf8_len(text: str) -> int:
    # Text decoded with surrogateescape maps each undecodable byte to one
    # lone surrogate: encoding it back the same way counts the file's bytes.
    try:
        return len(text.encode("utf-8", "surrogateescape"))
    except UnicodeEncodeError:
        return len(text.encode("utf-8", "surrogatepass"))


def _range(finding: Finding) -> dict[str, Any]:
    line = finding.source_line
    start = {"line": finding.line, "column": byte_column(line, finding.column)}
    if finding.end_line == finding.line:
        end = {"line": finding.end_line, "column": byte_column(line, finding.end_column)}
    else:
        end = {"line": finding.end_line}
    return {"start": start, "end": end}


def _suggestions(finding: Finding) -> list[dict[str, Any]]:
    edits = line_edits(finding)
    if not edits:
        return []
    line, text = finding.line, finding.source_line
    return [{
        "range": {"start": {"line": line, "column": byte_column(text, start)},
                  "end": {"line": line, "column": byte_column(text, end)}},
        "text": replacement,
    } for start, end, replacement in edits]


def _source() -> dict[str, str]:
    source = {"name": "factlint"}
    url = getattr(factlint, "__url__", None)
    if url:
        source["url"] = url
    return source
