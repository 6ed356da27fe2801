"""Code actions: a finding's own fix, and a directive that silences it on its line.

Edits are built against the text the diagnostics were computed from and sent
as a versioned document edit when the client supports it, so an editor
rejects an action whose document changed meanwhile instead of applying it at
the wrong place. Directives are the ones ``factlint.suppressions`` parses:
``<!-- factlint-disable-next-line RULE -->`` in Markdown, the bare words on
a line of their own in plain text, on the line above the finding.
"""

from __future__ import annotations

from typing import Sequence

from lsprotocol import types

from factlint.document import Document
from factlint.engine import SUPPRESSION_RULE
from factlint.errors import FactlintError
from factlint.findings import Edit, Finding
from factlint.markup import front_matter_span
from factlint.records import record
from factlint.server.convert import to_range
from factlint.server.positions import LineIndex
from factlint import regexstore

# A disable-next-line directive ending a line (Markdown), or that is the line (plain text).
_MARKDOWN_NEXT_LINE = regexstore.compile(r"<!--\s*factlint-disable-next-line\b(?P<rules>[^>]*?)\s*-->[ \t]*$")
_PLAIN_NEXT_LINE = regexstore.compile(r"^[ \t]*factlint-disable-next-line\b(?P<rules>.*?)[ \t]*$")
# Lines a comment must not end: fences, front matter and setext or table delimiters, rules.
_DELIMITER = regexstore.compile(r"^[ \t]*(?:```|~~~|[-=*_+.~`|:#\t ]+$)")
_SHOWN = 40  # characters of replaced text quoted in a title


@record(frozen=True)
class Target:
    """The document an action edits: the text diagnostics came from, and its version."""

    uri: str
    version: int | None
    index: LineIndex
    kind: str  # "markdown" or "text"
    shift: int = 0  # a BOM the linter did not see
    document_changes: bool = True  # the client takes versioned TextDocumentEdits


def code_actions(target: Target, findings: Sequence[tuple[Finding, types.Diagnostic]],
                 only: Sequence[str] | None = None) -> list[types.CodeAction]:
    """Quick fixes for ``findings`` (already limited to the requested range)."""
    quickfix = types.CodeActionKind.QuickFix.value
    if only is not None and not any(k in ("", quickfix) or quickfix.startswith(k + ".") for k in only):
        return []  # the client asked for other kinds (refactor, source.organizeImports...)
    actions: list[types.CodeAction] = []
    disabled: set[tuple[str, int]] = set()
    for finding, diagnostic in findings:
        if finding.fix:
            actions.append(fix_action(target, finding, diagnostic))
        if finding.rule == SUPPRESSION_RULE:
            actions.append(remove_directive_action(target, finding, diagnostic))
            continue
        line = target.index.line_of(finding.offset + target.shift)
        if (finding.rule, line) not in disabled and not _in_front_matter(target, finding):
            disabled.add((finding.rule, line))
            actions.append(disable_action(target, finding, diagnostic))
    return actions


def _in_front_matter(target: Target, finding: Finding) -> bool:
    """A finding on a front matter value (a title): an HTML comment there would break the YAML."""
    if target.kind != "markdown":
        return False
    span = front_matter_span(target.index.text[target.shift:])
    return bool(span) and finding.offset < span[1]


def fix_action(target: Target, finding: Finding, diagnostic: types.Diagnostic) -> types.CodeAction:
    edits = [_text_edit(target, e) for e in finding.fix]
    return types.CodeAction(
        title=_fix_title(target, finding.fix), kind=types.CodeActionKind.QuickFix,
        diagnostics=[diagnostic], is_preferred=True, edit=_workspace_edit(target, edits))


def disable_action(target: Target, finding: Finding, diagnostic: types.Diagnostic) -> types.CodeAction:
    """A disable-next-line directive for the finding's first line, as the line above's last words.

    Three forms, least disruptive first: add the rule to a directive already
    ending the line above; in Markdown, append the comment to the line above
    when that line is text (a comment line of its own would end the
    paragraph, splitting the very sentence the rules read); else a directive
    line of its own above, indented like the finding's line.
    """
    index = target.index
    line = index.line_of(finding.offset + target.shift)
    above = index.line_text(line - 1) if line > 0 else None
    words = f"factlint-disable-next-line {finding.rule}"
    pattern = _MARKDOWN_NEXT_LINE if target.kind == "markdown" else _PLAIN_NEXT_LINE
    m = pattern.search(above) if above is not None else None
    if m:
        at = index.line_starts[line - 1] + m.end("rules")
        edit = _raw_edit(index, at, at, f"{', ' if m.group('rules').strip() else ' '}{finding.rule}")
    elif target.kind == "markdown" and above is not None and _inline_ok(target, line - 1):
        kept = above.rstrip(" \t")
        kept = kept[:-1] if kept.endswith("\\") else kept  # a hard line break stays last
        at = index.line_starts[line - 1] + len(kept)
        edit = _raw_edit(index, at, at, f" <!-- {words} -->")
    else:
        own = index.line_text(line)
        indent = own[:len(own) - len(own.lstrip(" \t"))]
        directive = f"<!-- {words} -->" if target.kind == "markdown" else words
        start = index.line_starts[line]
        edit = _raw_edit(index, start, start, indent + directive + index.line_break(line))
    return types.CodeAction(
        title=f"Disable {finding.rule} for this line", kind=types.CodeActionKind.QuickFix,
        diagnostics=[diagnostic], edit=_workspace_edit(target, [edit]))


def _inline_ok(target: Target, line: int) -> bool:
    """Whether a comment may end Markdown ``line``: it has text, and it is not code or a fence."""
    text = target.index.line_text(line)
    if not text.strip() or _DELIMITER.match(text):
        return False
    try:
        doc = Document.from_text("draft.md", target.index.text[target.shift:], "markdown")
    except FactlintError:
        return False
    end = target.index.line_end(line) - target.shift
    return not doc.in_code(max(0, end - 1))


def remove_directive_action(target: Target, finding: Finding,
                            diagnostic: types.Diagnostic) -> types.CodeAction:
    """An unused directive cannot be silenced by another: offer to delete it."""
    index = target.index
    start, end = finding.offset + target.shift, finding.end_offset + target.shift
    line = index.line_of(start)
    line_start, line_end = index.line_starts[line], index.line_end(line)
    text = index.text
    if not text[line_start:start].strip() and not text[end:line_end].strip():
        # Alone on its line: take the line and its break with it.
        start = line_start
        end = index.line_starts[line + 1] if line + 1 < len(index.line_starts) else line_end
    return types.CodeAction(
        title="Remove the unused factlint directive", kind=types.CodeActionKind.QuickFix,
        diagnostics=[diagnostic], is_preferred=True,
        edit=_workspace_edit(target, [_raw_edit(index, start, end, "")]))


def _text_edit(target: Target, edit: Edit) -> types.TextEdit:
    return _raw_edit(target.index, edit.start + target.shift, edit.end + target.shift, edit.replacement)


def _raw_edit(index: LineIndex, start: int, end: int, new_text: str) -> types.TextEdit:
    return types.TextEdit(range=to_range(index, start, end), new_text=new_text)


def _workspace_edit(target: Target, edits: list[types.TextEdit]) -> types.WorkspaceEdit:
    if target.document_changes:
        return types.WorkspaceEdit(document_changes=[types.TextDocumentEdit(
            text_document=types.OptionalVersionedTextDocumentIdentifier(target.uri, target.version),
            edits=list(edits))])
    return types.WorkspaceEdit(changes={target.uri: list(edits)})


def _fix_title(target: Target, fix: Sequence[Edit]) -> str:
    if len(fix) != 1:
        return f"Apply factlint's fix ({len(fix)} edits)"
    edit = fix[0]
    old = target.index.text[edit.start + target.shift:edit.end + target.shift]
    if not old:
        return f"Insert {_quote(edit.replacement)}"
    if not edit.replacement:
        return f"Delete {_quote(old)}"
    return f"Replace {_quote(old)} with {_quote(edit.replacement)}"


def _quote(text: str) -> str:
    text = " ".join(text.split())
    return f'"{text[:_SHOWN]}…"' if len(text) > _SHOWN else f'"{text}"'
