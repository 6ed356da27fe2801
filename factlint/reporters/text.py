"""``path:line:col: severity [rule] message``, one finding a line, then a summary.

The first part is the format editors' tools (Vim, Emacs, VS Code problem
matchers) already parse; colour only when writing to a terminal.
"""

from __future__ import annotations

from factlint.escaping import one_line
from factlint.findings import Severity
from factlint.reporters.base import Report

_COLORS = {Severity.ERROR: "\x1b[31m", Severity.WARNING: "\x1b[33m", Severity.INFO: "\x1b[36m"}
_BOLD, _DIM, _RESET = "\x1b[1m", "\x1b[2m", "\x1b[0m"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary(report: Report) -> str:
    if not report.findings:
        return f"All clear: no findings in {_plural(report.files_checked, 'file')}."
    counts = ", ".join(_plural(report.count(s), str(s)) for s in sorted(Severity, reverse=True)
                       if report.count(s))
    files = len({f.path for f in report.findings})
    fixable = sum(1 for f in report.findings if f.fix)
    line = (f"Found {_plural(len(report.findings), 'finding')} ({counts}) in {_plural(files, 'file')} "
            f"of {report.files_checked} checked.")
    if fixable:
        line += f" {fixable} fixable with --fix."
    return line


def render(report: Report) -> str:
    lines = []
    for f in report.findings:
        # Draft text in a message, or a path, must not break the one-line format.
        message = one_line(" ".join(f.message.split("\n")).replace("\r", " "))
        path = one_line(f.path)
        if report.color:
            lines.append(f"{_BOLD}{path}{_RESET}:{f.line}:{f.column}: {_COLORS[f.severity]}{f.severity}"
                         f"{_RESET} {_DIM}[{f.rule}]{_RESET} {message}")
        else:
            lines.append(f"{path}:{f.line}:{f.column}: {f.severity} [{f.rule}] {message}")
    lines.append(summary(report))
    return "\n".join(lines) + "\n"
