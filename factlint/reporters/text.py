"""Findings for people: one line each (``concise``) or with the draft in context (``full``).

``concise`` is ``path:line:col: severity [rule] message``, the format editors'
tools (Vim, Emacs, VS Code problem matchers) already parse, and what pipes,
pre-commit and CI logs get. ``full`` adds, as ruff and rustc do, the source
line with the span underlined, the fix as a before/after and the register
entry a finding was checked against; the CLI picks it on a terminal.
Colour only when writing to a terminal.
"""

from __future__ import annotations

from typing import Sequence

from factlint.escaping import one_line
from factlint.findings import Finding, Severity
from factlint.reporters.base import Report
from factlint.reporters.locations import line_edits
from factlint.reporters.snippet import fit

_COLORS = {Severity.ERROR: "\x1b[31m", Severity.WARNING: "\x1b[33m", Severity.INFO: "\x1b[36m"}
_BOLD, _DIM, _RESET = "\x1b[1m", "\x1b[2m", "\x1b[0m"
_RED, _GREEN = "\x1b[31m", "\x1b[32m"


def plural(n: int, word: str) -> str:
    """'1 file', '2 files': every count the CLI prints."""
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary(report: Report, errors: Sequence[object] = ()) -> str:
    """The closing line. Never "All clear" when a path or file could not be checked."""
    if not report.findings:
        if not errors:
            return f"All clear: no findings in {plural(report.files_checked, 'file')}."
        if not report.files_checked:
            return ""  # the error lines say what went wrong
        return (f"No findings in {plural(report.files_checked, 'file')} checked, but "
                f"{plural(len(errors), 'error')}: not all clear.")
    counts = ", ".join(plural(report.count(s), str(s)) for s in sorted(Severity, reverse=True)
                       if report.count(s))
    files = len({f.path for f in report.findings})
    fixable = sum(1 for f in report.findings if f.fix)
    line = (f"Found {plural(len(report.findings), 'finding')} ({counts}) in {plural(files, 'file')} "
            f"of {report.files_checked} checked.")
    if fixable:
        line += f" {fixable} fixable with --fix."
    return line


def headline(f: Finding, color: bool) -> str:
    # Draft text in a message, or a path, must not break the one-line format.
    message = one_line(" ".join(f.message.split("\n")).replace("\r", " "))
    path = one_line(f.path)
    if color:
        return (f"{_BOLD}{path}{_RESET}:{f.line}:{f.column}: {_COLORS[f.severity]}{f.severity}"
                f"{_RESET} {_DIM}[{f.rule}]{_RESET} {message}")
    return f"{path}:{f.line}:{f.column}: {f.severity} [{f.rule}] {message}"


def in_context(f: Finding, color: bool, width: int = 100) -> str:
    """The finding's headline, then its line with the span underlined, its fix and evidence."""
    paint = (lambda code, text: f"{code}{text}{_RESET}") if color else (lambda code, text: text)
    number = str(f.line)
    gutter = " " * len(number)
    bar = paint(_DIM, "|")
    line = f.source_line
    start = f.column - 1
    end = f.end_column - 1 if f.end_line == f.line else len(line)
    shown = fit(line, start, end, width)
    carets = "^" * shown.caret_width
    out = [headline(f, color), f"{gutter} {bar}",
           f"{paint(_DIM, number)} {bar} {shown.text}",
           f"{gutter} {bar} {' ' * shown.caret_start}{paint(_COLORS[f.severity], carets)}"
           + (f" {paint(_DIM, f'(continues to line {f.end_line})')}" if f.end_line > f.line
              and not (f.end_line == f.line + 1 and f.end_column == 1) else "")]
    edits = line_edits(f)
    if edits:
        after = line
        for a, b, text in reversed(edits):
            after = after[:a - 1] + text + after[b - 1:]
        lo = edits[0][0] - 1
        hi_before = edits[-1][1] - 1
        hi_after = hi_before + len(after) - len(line)
        out.append(f"{gutter} {paint(_DIM, '=')} fix:")
        out.append(f"{gutter} {paint(_RED, '-')} {fit(line, lo, hi_before, width).text}")
        out.append(f"{gutter} {paint(_GREEN, '+')} {fit(after, lo, hi_after, width).text}")
    for related in f.related:
        out.append(f"{gutter} {paint(_DIM, '=')} {one_line(related.message)} "
                   f"({one_line(related.path)}:{related.line}:{related.column})")
    return "\n".join(out)


def render_findings(findings: Sequence[Finding], color: bool = False, full: bool = False) -> str:
    """The findings of one file or more, without the summary (the CLI streams these)."""
    if full:
        return "".join(in_context(f, color) + "\n\n" for f in findings)
    return "".join(headline(f, color) + "\n" for f in findings)


def render(report: Report) -> str:
    """Concise: one line a finding, then the summary."""
    return render_findings(report.findings, report.color) + summary(report) + "\n"


def render_full(report: Report) -> str:
    """Full: each finding in context, then the summary."""
    return render_findings(report.findings, report.color, full=True) + summary(report) + "\n"
