"""Accept today's findings so that only new ones are reported.

A desk adopting factlint on an archive cannot fix thousands of old findings
before the linter is useful; a baseline records them once and ``check``
then reports only findings that are not in it. An entry is the finding's
path and fingerprint (rule + normalised sentence + occurrence), never its
line, so adding a paragraph above an old finding does not bring it back,
while a new sentence with the same problem is still reported.

Paths are stored relative to the baseline file's folder, with ``/``, so the
file means the same from any working folder and on any machine.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path
from typing import Iterable, Sequence

from factlint import __version__
from factlint.errors import FactlintError
from factlint.files import read_bounded
from factlint.findings import Finding

# A baseline lists one line per old finding; past this it is not a baseline.
MAX_BASELINE_BYTES = 64 * 1024 * 1024

DEFAULT_NAME = ".factlint-baseline.json"
FORMAT_VERSION = 1


def _key_path(path: str, folder: Path) -> str:
    """``path`` relative to the baseline's folder when below it, with forward slashes."""
    absolute = os.path.abspath(path)
    try:
        rel = os.path.relpath(absolute, folder)
    except ValueError:  # another drive on Windows
        return absolute.replace(os.sep, "/")
    return rel.replace(os.sep, "/")


class Baseline:
    """The accepted findings: how many of each (path, fingerprint) there were."""

    def __init__(self, path: Path, entries: Iterable[tuple[str, str]] = ()) -> None:
        self.path = path
        self.folder = path.resolve().parent
        self.entries: Counter[tuple[str, str]] = Counter(entries)

    def key(self, finding: Finding) -> tuple[str, str]:
        return _key_path(finding.path, self.folder), finding.fingerprint

    def filter(self, findings: Sequence[Finding]) -> tuple[list[Finding], int]:
        """The findings not in the baseline, and how many were left out.

        Each entry accepts one finding, so if a sentence with a known problem
        is pasted a second time (a new fingerprint occurrence), the copy is new.
        """
        budget = Counter(self.entries)
        kept, hidden = [], 0
        for finding in findings:
            key = self.key(finding)
            if budget[key] > 0:
                budget[key] -= 1
                hidden += 1
            else:
                kept.append(finding)
        return kept, hidden


def load(path: Path) -> Baseline:
    """Read a baseline file; a missing or damaged one is an error, not an empty baseline.

    Silently treating a typo'd path as "no baseline" would flood a pull
    request with every old finding, or worse, a damaged file as "everything
    is new" would hide that the baseline stopped working.
    """
    display = str(path)
    if not path.exists():
        raise FactlintError("baseline file not found; create it with 'factlint baseline'", display)
    raw = read_bounded(path, display, MAX_BASELINE_BYTES)
    try:
        data = json.loads(raw.decode("utf-8"))
    except RecursionError:
        raise FactlintError("baseline is nested too deeply to be a factlint baseline", display) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise FactlintError(f"baseline is not valid JSON ({exc}); re-create it with 'factlint baseline'",
                            display) from None
    if not isinstance(data, dict) or not isinstance(data.get("findings"), list):
        raise FactlintError("not a factlint baseline (no 'findings' list)", display)
    if data.get("version") != FORMAT_VERSION:
        raise FactlintError(f"baseline version {data.get('version')!r} is not supported "
                            f"(expected {FORMAT_VERSION}); re-create it with 'factlint baseline'", display)
    entries = []
    for i, item in enumerate(data["findings"]):
        if not isinstance(item, dict) or not isinstance(item.get("path"), str) \
                or not isinstance(item.get("fingerprint"), str):
            raise FactlintError(f"entry {i} needs 'path' and 'fingerprint' texts", display)
        entries.append((item["path"], item["fingerprint"]))
    return Baseline(path, entries)


def dumps(findings: Sequence[Finding], path: Path) -> str:
    """The baseline file for ``findings``, to be written at ``path``.

    Line, rule and message are stored for the people reading the file in a
    review; only path and fingerprint are compared.
    """
    baseline = Baseline(path)
    items = []
    for f in sorted(findings, key=lambda f: f.sort_key()):
        rel, fingerprint = baseline.key(f)
        items.append({"path": rel, "fingerprint": fingerprint, "rule": f.rule, "line": f.line,
                      "message": f.message})
    data = {"version": FORMAT_VERSION, "tool": f"factlint {__version__}", "findings": items}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def write(findings: Sequence[Finding], path: Path) -> None:
    """Write the baseline atomically, so an interrupted run leaves the old one intact."""
    from factlint.fixes import write_atomic

    try:
        mode = path.stat().st_mode if path.exists() else None
        write_atomic(path, dumps(findings, path).encode("utf-8"), mode)
    except OSError as exc:
        raise FactlintError(f"cannot write baseline: {exc.strerror}", str(path)) from None
