"""GitHub Actions workflow commands: one ``::error``/``::warning``/``::notice`` line per finding.

The runner obeys any output line that starts with ``::`` (after leading
whitespace), so a draft quoting ``::add-mask::`` or ``::stop-commands::`` in
a message could hide log output or switch annotations off for the rest of the
job. Escaping exactly as the runner unescapes (``%``, CR and LF in the message;
also ``:`` and ``,`` in properties) keeps each finding on one line that starts
with our own command and gives back the original text. Every line printed is
such a command, so the runner never falls back to its legacy ``##[command]``
parser, which would look for commands anywhere in a line.

GitHub shows only 10 annotations of each kind per step, so the most severe
come first, and the full list goes to the job summary as a Markdown table.
"""

from __future__ import annotations

import os
import sys
from typing import Sequence

from factlint.findings import Finding, Severity
from factlint.reporters.base import Report
from factlint.reporters.locations import relative_path
from factlint import regexstore

KINDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
# GitHub refuses a step summary larger than this.
SUMMARY_LIMIT = 1024 * 1024


def render(report: Report) -> str:
    """One workflow command per finding, most severe first; also appends the job summary."""
    findings = sorted(report.findings, key=lambda f: (-f.severity, f.sort_key()))
    root = os.environ.get("GITHUB_WORKSPACE") or None
    summary_path = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary_path:
        write_step_summary(summary_path, findings, report.files_checked, root)
    return "".join(annotation(f, root) + "\n" for f in findings)


def annotation(finding: Finding, root: str | None = None) -> str:
    """The workflow command for one finding (no line break)."""
    properties = [("file", relative_path(finding.path, root)), ("line", str(finding.line))]
    if finding.line == finding.end_line:
        properties += [("col", str(finding.column)), ("endLine", str(finding.end_line)),
                       ("endColumn", str(finding.end_column))]
    else:
        # GitHub rejects columns on an annotation that spans lines.
        properties.append(("endLine", str(finding.end_line)))
    properties.append(("title", f"factlint ({finding.rule})"))
    props = ",".join(f"{key}={escape_property(value)}" for key, value in properties)
    return f"::{KINDS[finding.severity]} {props}::{escape_data(finding.message)}"


def escape_data(text: str) -> str:
    """Escape a command's message the way the runner unescapes it (``%`` first)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value: as a message, plus the ``:`` and ``,`` that delimit properties."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


# -- job summary -------------------------------------------------------------


def write_step_summary(path: str, findings: Sequence[Finding], files_checked: int = 0,
                       root: str | None = None) -> None:
    """Append the findings table to the job summary file at ``path``.

    A summary that cannot be written must not cost the run its annotations,
    so a failure is one line on stderr (never starting with ``::``).
    """
    try:
        used = os.path.getsize(path)
    except OSError:
        used = 0
    text = summary_markdown(findings, files_checked, root, SUMMARY_LIMIT - used)
    if not text:
        return
    try:
        with open(path, "a", encoding="utf-8", errors="replace", newline="") as out:
            out.write(text)
    except OSError as exc:
        print(f"factlint: could not write the job summary: {exc.strerror or exc}", file=sys.stderr)


def summary_markdown(findings: Sequence[Finding], files_checked: int = 0,
                     root: str | None = None, limit: int = SUMMARY_LIMIT) -> str:
    """The findings as a Markdown table of at most ``limit`` UTF-8 bytes.

    Rows that do not fit are replaced by a note saying how many were left
    out. Returns "" when not even the heading and that note fit.
    """
    head = f"\n## factlint\n\n{_counts(findings, files_checked)}\n\n"
    if not findings:
        return head if _size(head) <= limit else ""
    head += "| Severity | Location | Rule | Message |\n| --- | --- | --- | --- |\n"
    rows = [_row(finding, root) for finding in findings]
    sizes = [_size(row) for row in rows]
    if _size(head) + sum(sizes) <= limit:
        return head + "".join(rows)
    # Too big: keep the rows that fit together with the note about the rest.
    used = _size(head) + _size(_truncation_note(len(rows)))
    if used > limit:
        return ""
    shown = 0
    while used + sizes[shown] <= limit:
        used += sizes[shown]
        shown += 1
    return head + "".join(rows[:shown]) + _truncation_note(len(rows) - shown)


def _row(finding: Finding, root: str | None) -> str:
    where = f"{relative_path(finding.path, root)}:{finding.line}:{finding.column}"
    cells = (str(finding.severity), where, finding.rule, finding.message)
    return "| " + " | ".join(markdown_cell(c) for c in cells) + " |\n"


# Characters that could end a cell, open a code span, link, image, HTML tag,
# entity or emphasis. Backslash-escaping keeps them literal in GitHub's
# Markdown, and an escaped pipe is never a cell boundary, even in a code span.
_MARKDOWN_SPECIAL = regexstore.compile(r"([\\`*_\[\]<>|~&])")
_LINE_BREAK = regexstore.compile(r"\r\n|\r|\n")


def markdown_cell(text: str) -> str:
    """``text`` as the literal content of one table cell: one line, nothing interpreted."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", _LINE_BREAK.sub(" ", text))


def _truncation_note(left_out: int) -> str:
    noun = "finding" if left_out == 1 else "findings"
    return f"\n_{left_out} more {noun} not shown: GitHub limits a job summary to 1 MiB._\n"


def _counts(findings: Sequence[Finding], files_checked: int) -> str:
    counts = []
    for severity, noun in ((Severity.ERROR, "error"), (Severity.WARNING, "warning"),
                           (Severity.INFO, "info")):
        n = sum(1 for f in findings if f.severity == severity)
        counts.append(f"{n} {noun}{'s' if n != 1 and noun != 'info' else ''}")
    text = ", ".join(counts) if findings else "No findings"
    if files_checked:
        text += f" in {files_checked} file{'s' if files_checked != 1 else ''}"
    return text + "."


def _size(text: str) -> int:
    return len(text.encode("utf-8", "surrogatepass"))
