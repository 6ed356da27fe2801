"""A broken config or register, as the editor shows it: a diagnostic at its line.

``factlint check`` prints such an error as one ``path:line:col`` line; the
server publishes it on that file instead (the config or the register, open
or not), so the editor underlines the very line, and says in a message
whether the last good configuration is still checking drafts.
"""

from __future__ import annotations

from pathlib import Path

from lsprotocol import types

from factlint.errors import FactlintError
from factlint.records import record
from factlint.server.convert import error_diagnostic, file_uri
from factlint.server.positions import LineIndex
from factlint.server.projects import Projects


@record(frozen=True)
class Problem:
    error: FactlintError
    uri: str | None  # the file the error names, if any
    diagnostic: types.Diagnostic | None
    kept_linter: bool  # the project still lints with its last good configuration

    @property
    def message(self) -> str:
        kept = ("the last good configuration stays in use" if self.kept_linter
                else "drafts are not checked until it is fixed")
        return f"factlint: {self.error} ({kept})"


def project_problems(projects: Projects, encoding: str) -> list[Problem]:
    """One problem per distinct project error (reads the erring file for its line)."""
    problems: list[Problem] = []
    seen: set[str] = set()
    for state in list(projects.states.values()):
        error = state.error
        if error is None or str(error) in seen:
            continue
        seen.add(str(error))
        kept = state.linter is not None
        if error.path is None:
            problems.append(Problem(error, None, None, kept))
            continue
        path = Path(error.path)  # a display path: relative to this process's folder
        if not path.is_absolute():
            path = Path.cwd() / path
        try:
            index: LineIndex | None = LineIndex(path.read_text(encoding="utf-8-sig"), encoding)
        except (OSError, UnicodeDecodeError):
            index = None
        problems.append(Problem(error, file_uri(path), error_diagnostic(error, index), kept))
    return problems
