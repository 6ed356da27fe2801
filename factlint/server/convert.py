"""Findings -> LSP diagnostics: ranges in the client's code units, codes and links.

Every conversion goes through ``LineIndex`` over the text the editor holds
(BOM included, if it sent one), so a finding's code-point offsets land on the
same characters in VS Code (UTF-16), Neovim and Helix (UTF-8 or UTF-16, as
negotiated at initialize).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from lsprotocol import types

from factlint.errors import FactlintError
from factlint.findings import Finding, Severity
from factlint.server.positions import LineIndex

SOURCE = "factlint"
# One place for the rule documentation link (README documents no URL yet).
RULE_DOCS_URL = "https://factlint.dev/rules/{rule}"

SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}


def rule_url(rule: str) -> str:
    return RULE_DOCS_URL.format(rule=rule)


def finding_url(finding: Finding) -> str:
    """The page explaining a finding's rule: its own link when it has one (a Vale rule), else ours."""
    return getattr(finding, "link", "") or rule_url(finding.rule)


def to_range(index: LineIndex, start: int, end: int) -> types.Range:
    """The LSP range of ``text[start:end]`` (offsets into ``index.text``)."""
    (l1, c1), (l2, c2) = index.position(start), index.position(max(start, end))
    return types.Range(types.Position(l1, c1), types.Position(l2, c2))


def file_uri(path: Path) -> str:
    return path.resolve().as_uri()


def to_diagnostic(finding: Finding, index: LineIndex, shift: int = 0, related: bool = True,
                  links: bool = True) -> types.Diagnostic:
    """One finding as a diagnostic; ``shift`` moves offsets past a BOM the linter never saw.

    ``related`` (the client's relatedInformation support) turns the register
    entries the finding carries (a fact and its source, a term entry) into
    locations the editor can open; ``links`` (codeDescriptionSupport) adds
    the rule's page.
    """
    info = [
        types.DiagnosticRelatedInformation(location=types.Location(_entry_uri(r.path),
                                                                   _point(r.line, r.column)),
                                           message=r.message)
        for r in (finding.related if related else ())
    ]
    return types.Diagnostic(
        range=to_range(index, finding.offset + shift, finding.end_offset + shift),
        message=finding.message,
        severity=SEVERITIES.get(finding.severity, types.DiagnosticSeverity.Warning),
        code=finding.rule,
        code_description=types.CodeDescription(href=finding_url(finding)) if links else None,
        source=SOURCE,
        related_information=info or None,
        data={"fingerprint": finding.fingerprint},
    )


@lru_cache(maxsize=256)
def _entry_uri(path: str) -> str:
    """A register entry's display path (relative to this process's folder) as a URI.

    Cached: every term finding of a draft names the same few register files.
    """
    return file_uri(Path(path) if Path(path).is_absolute() else Path.cwd() / path)


def _point(line: int, column: int) -> types.Range:
    """A 1-based line and column as an empty range.

    The column counts code points; entries start after YAML indentation and
    "- ", which are ASCII, so it is the same number in every encoding.
    """
    pos = types.Position(max(0, line - 1), max(0, column - 1))
    return types.Range(pos, pos)


def error_diagnostic(error: FactlintError, index: LineIndex | None = None, shift: int = 0,
                     message: str | None = None) -> types.Diagnostic:
    """A config, register or draft error as one diagnostic at its line (the first if none).

    With the file's ``index`` the rest of the line from the error's column
    is underlined (the whole line when that is empty), in code units;
    without it the diagnostic sits at the line and column. ``shift`` is a BOM
    kept in the editor's text but not in the one the error counts in.
    """
    line = max(0, (error.line or 1) - 1)
    column = max(0, (error.column or 1) - 1)
    if index is None:
        rng = types.Range(types.Position(line, column), types.Position(line, column))
    elif line >= len(index.line_starts):
        rng = to_range(index, len(index.text), len(index.text))
    else:
        start = index.line_starts[line] + (shift if line == 0 else 0)
        end = index.line_end(line)
        rng = to_range(index, min(start + column, end), end)
        if rng.start == rng.end:
            rng = to_range(index, start, end)
    return types.Diagnostic(range=rng, message=message or error.message,
                            severity=types.DiagnosticSeverity.Error, source=SOURCE)
