"""Which lines a change added or modified, from ``git diff`` or a unified diff.

A pull request should be judged on what it changes: annotations on lines the
author never touched are noise that teaches people to ignore the linter
(reviewdog's ``filter-mode=added``, which Vale users keep asking for). So
``check --diff-base REF`` keeps only findings on added or changed lines.

Only new-side line numbers matter. Hunk headers (``@@ -a,b +c,d @@``) and the
body's ``+``/`` `` lines give them, so diffs with or without context parse the
same way. Paths in a diff are relative to the repository root; we resolve
them to absolute paths so they compare with findings whatever folder the
user ran factlint from.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path
from typing import Iterable

from factlint.errors import FactlintError
from factlint.findings import Finding
from factlint import regexstore
from factlint.records import field, record

_HUNK = regexstore.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")
_LONE_CR = regexstore.compile(r"\r(?!\n)")
_ESCAPES = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v",
            "\\": "\\", '"': '"'}


@record
class ChangedLines:
    """Added or changed new-side line numbers (1-based) per absolute file path."""

    lines: dict[str, set[int]] = field(default_factory=dict)
    # Files that are wholly new to the change (untracked), every line counts.
    whole_files: set[str] = field(default_factory=set)
    _texts: dict[str, str | None] = field(default_factory=dict, repr=False)
    # True when the diff named no file: every finding will be hidden.
    empty: bool = False

    def covers(self, path: str, first: int, last: int) -> bool:
        """Whether any line from ``first`` to ``last`` of ``path`` was added or changed."""
        key = _absolute(path)
        if key in self.whole_files:
            return True
        changed = self.lines.get(key)
        return bool(changed) and any(line in changed for line in range(first, last + 1))

    def keeps(self, finding: Finding, display_to_path: dict[str, str] | None = None) -> bool:
        """Whether ``finding`` lies on a changed line.

        ``display_to_path`` maps a displayed path (``--stdin-filename``) to the
        file it stands for, when the two differ.
        """
        path = (display_to_path or {}).get(finding.path, finding.path)
        first, last = finding.line, finding.end_line
        if last > first and finding.end_column == 1:
            last -= 1  # the span ends at the very start of that line: not on it
        text = self._lone_cr_text(path)
        if text is not None:  # git counts only LF as a line break; a lone CR is not one
            first = text.count("\n", 0, finding.offset) + 1
            last = max(first, text.count("\n", 0, max(finding.offset, finding.end_offset - 1)) + 1)
        return self.covers(path, first, last)

    def _lone_cr_text(self, path: str) -> str | None:
        """The draft's text when it has a CR that is not part of CRLF, else None (cached)."""
        if path not in self._texts:
            from factlint.files import read_source  # only diffs with lone CRs need it

            text = None
            try:
                text = read_source(path, Path(path)).text
            except FactlintError:
                pass
            self._texts[path] = text if text is not None and _LONE_CR.search(text) else None
        return self._texts[path]


def parse_diff(text: str, root: str | os.PathLike[str]) -> ChangedLines:
    """Parse a unified diff whose paths are relative to ``root``.

    Understands git's extended headers, renames, ``/dev/null`` for created or
    deleted files, quoted paths with C escapes, and diffs made with
    ``--no-prefix``. Deleted files and pure deletions add no lines.
    """
    result = ChangedLines()
    old_path: str | None = None
    current: set[int] | None = None
    new_line = remaining_new = remaining_old = 0
    # Lines end at LF only, as git writes them: str.splitlines() would also split at
    # form feeds, U+2028 and lone CRs inside a changed line and end the hunk early.
    headers = 0
    for raw in text.split("\n"):
        raw = raw[:-1] if raw.endswith("\r") else raw
        if remaining_new > 0 or remaining_old > 0:
            tag = raw[:1]
            if tag == "+":
                if current is not None:
                    current.add(new_line)
                new_line += 1
                remaining_new -= 1
                continue
            if tag == "-":
                remaining_old -= 1
                continue
            if tag == " " or raw == "":
                new_line += 1
                remaining_new -= 1
                remaining_old -= 1
                continue
            if tag == "\\":  # "\ No newline at end of file"
                continue
            remaining_new = remaining_old = 0  # a truncated hunk: fall through to headers
        if raw.startswith("--- "):
            old_path = _header_path(raw[4:])
        elif raw.startswith("+++ "):
            headers += 1
            new = _header_path(raw[4:])
            current = None
            if new is not None:
                rel = _strip_prefix(new, "b/", old_path, "a/")
                current = result.lines.setdefault(_absolute(os.path.join(root, rel)), set())
        elif raw.startswith("@@"):
            m = _HUNK.match(raw)
            if not m:
                raise FactlintError(f"malformed hunk header in diff: {raw[:60]!r}")
            new_line = int(m.group(1))
            remaining_new = int(m.group(2)) if m.group(2) is not None else 1
            old = re.match(r"^@@ -\d+(?:,(\d+))?", raw)
            remaining_old = int(old.group(1)) if old and old.group(1) is not None else 1
    if not headers and text.strip() and not text.lstrip().startswith(("diff ", "index ", "---")):
        raise FactlintError("not a unified diff (no '+++' file header found)")
    result.empty = not headers
    return result


def from_git(base: str, cwd: str | os.PathLike[str] | None = None) -> ChangedLines:
    """Lines added or changed since ``base``, as a pull request shows them.

    Compares the merge base of ``base`` and HEAD with the working tree, so
    the change includes uncommitted edits but not commits made on ``base``
    after the branch left it. Untracked drafts are new, so all their lines
    count.
    """
    root = _git(["rev-parse", "--show-toplevel"], cwd,
                "--diff-base needs a git repository (run factlint inside one)").strip()
    _git(["rev-parse", "--verify", "--quiet", f"{base}^{{commit}}"], cwd,
         f"--diff-base: {base!r} is not a commit here (in CI, fetch it first: git fetch origin {base})")
    merge_base = _git(["merge-base", base, "HEAD"], cwd,
                      f"--diff-base: {base!r} and HEAD have no common history").strip()
    diff = _git(["-c", "core.quotePath=false", "diff", "-U0", "--no-color", "--no-ext-diff",
                 "--no-renames", "--src-prefix=a/", "--dst-prefix=b/", merge_base, "--"], cwd)
    changed = parse_diff(diff, root)
    untracked = _git(["ls-files", "--others", "--exclude-standard", "-z"], root)
    changed.whole_files.update(_absolute(os.path.join(root, p)) for p in untracked.split("\0") if p)
    return changed


def from_file(path: str, cwd: str | os.PathLike[str] | None = None) -> ChangedLines:
    """A unified diff read from ``path`` (``-`` for stdin).

    Its paths are taken relative to the repository root when the current
    folder is in a git repository, as ``git diff`` writes them, and relative
    to the current folder otherwise.
    """
    import sys

    try:
        if path == "-":
            text = sys.stdin.buffer.read().decode("utf-8", "surrogateescape")
        else:
            text = Path(path).read_bytes().decode("utf-8", "surrogateescape")
    except OSError as exc:
        raise FactlintError(f"cannot read diff: {exc.strerror}", path) from None
    try:
        return parse_diff(text, repo_root(cwd) or os.path.abspath(cwd or os.curdir))
    except FactlintError as exc:
        raise FactlintError(exc.message, path) from None


def repo_root(cwd: str | os.PathLike[str] | None = None) -> str | None:
    """The top folder of the git work tree containing ``cwd``, or None outside one."""
    try:
        out = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=cwd, capture_output=True,
                             text=True, check=False)
    except OSError:
        return None
    return out.stdout.strip() or None if out.returncode == 0 else None


def keep_changed(findings: Iterable[Finding], changed: ChangedLines,
                 display_to_path: dict[str, str] | None = None) -> list[Finding]:
    return [f for f in findings if changed.keeps(f, display_to_path)]


def _git(args: list[str], cwd: str | os.PathLike[str] | None, failure: str | None = None) -> str:
    try:
        out = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except OSError as exc:
        raise FactlintError(f"cannot run git: {exc.strerror}") from None
    if out.returncode != 0:
        detail = out.stderr.decode("utf-8", "replace").strip().splitlines()
        raise FactlintError(failure or f"git {args[0]} failed: {detail[-1] if detail else out.returncode}")
    return out.stdout.decode("utf-8", "surrogateescape")


def _header_path(value: str) -> str | None:
    """The path on a ``---``/``+++`` line; None for /dev/null."""
    value = value.rstrip("\r")
    if value.startswith('"'):
        path = _unquote(value)
    else:
        # GNU diff adds a tab and a timestamp after the name.
        path = value.split("\t", 1)[0]
    return None if path == "/dev/null" else path


def _strip_prefix(new: str, new_prefix: str, old: str | None, old_prefix: str) -> str:
    """``b/x`` -> ``x``, unless the diff was made without prefixes (``--no-prefix``)."""
    if new.startswith(new_prefix) and (old is None or old.startswith(old_prefix)):
        return new[len(new_prefix):]
    return new


def _unquote(value: str) -> str:
    """Undo git's C-style quoting: ``"b/na\\303\\257ve.md"`` -> ``b/naïve.md``."""
    body = value[1:value.rindex('"')] if value.count('"') >= 2 else value[1:]
    out = bytearray()
    i = 0
    while i < len(body):
        ch = body[i]
        if ch == "\\" and i + 1 < len(body):
            nxt = body[i + 1]
            if nxt in "01234567" and re.match(r"[0-7]{3}", body[i + 1:i + 4]):
                out.append(int(body[i + 1:i + 4], 8))
                i += 4
                continue
            out += _ESCAPES.get(nxt, nxt).encode("utf-8")
            i += 2
            continue
        out += ch.encode("utf-8", "surrogateescape")
        i += 1
    return out.decode("utf-8", "surrogateescape")


def _absolute(path: str | os.PathLike[str]) -> str:
    return os.path.realpath(os.path.abspath(path))
