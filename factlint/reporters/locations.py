"""Where a finding is, in the terms CI services use: repo-relative paths and line edits.

Shared by the SARIF, GitHub, GitLab and reviewdog reporters.
"""

from __future__ import annotations

import os

from factlint.findings import Finding


def relative_path(path: str, root: str | None = None) -> str:
    """``path`` relative to ``root`` (default: the current directory), with forward slashes.

    CI services resolve paths against the repository root, while findings
    carry paths as typed on the command line, possibly absolute. A path
    outside ``root`` is kept as given (normalised): rewriting it as
    ``../..`` would point at a file the service cannot see either.
    """
    base = os.path.abspath(root or os.curdir)
    try:
        rel = os.path.relpath(os.path.abspath(path), base)
    except ValueError:  # a different drive on Windows
        rel = os.pardir
    if rel == os.pardir or rel.startswith(os.pardir + os.sep):
        rel = os.path.normpath(path)
    return rel.replace(os.sep, "/")


def line_edits(finding: Finding) -> list[tuple[int, int, str]] | None:
    """The finding's fix as ``(start_column, end_column, text)`` on the finding's start line.

    Edits are offsets into the document text, and a Finding knows only its
    own offset, column and start line text. That is enough when every edit
    lies on the start line (true of the term and spelling fixes factlint
    makes): the line begins at ``offset - (column - 1)``. Columns are 1-based
    code points, end exclusive. Returns None when there is no fix or any edit
    leaves the line, since half a fix would corrupt the text.
    """
    line = finding.source_line
    if not finding.fix or not line or finding.column - 1 > len(line):
        return None
    line_start = finding.offset - (finding.column - 1)
    edits = []
    for edit in sorted(finding.fix, key=lambda e: (e.start, e.end)):
        start, end = edit.start - line_start, edit.end - line_start
        if not 0 <= start <= end <= len(line):
            return None
        edits.append((start + 1, end + 1, edit.replacement))
    return edits
