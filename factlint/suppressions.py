"""Inline directives that silence findings, and which of them did nothing.

Markdown uses HTML comments (``<!-- factlint-disable RULE -->``); plain text
uses the same words on a line of their own. A directive that suppresses
nothing is reported (as ruff's RUF100 does) so that stale ones do not pile up.
"""

from __future__ import annotations

import re

from factlint.document import Document
from factlint import regexstore
from factlint.records import field, record

_MARKDOWN = regexstore.compile(r"<!--\s*factlint-(disable-next-line|disable-file|disable|enable)\b([^>]*?)\s*-->")
# "\r?$": in a CRLF file "$" stops before the "\n", with the "\r" still to match.
_PLAIN = regexstore.compile(r"^[ \t]*factlint-(disable-next-line|disable-file|disable|enable)\b([^\r\n]*?)[ \t]*\r?$", re.M)
_RULE_LIST = regexstore.compile(r"[\s,]+")


@record
class Directive:
    kind: str
    rules: frozenset[str]  # empty: all rules
    start: int
    end: int
    # The offset range this directive silences.
    lo: int = 0
    hi: int = 0
    used: bool = field(default=False, compare=False)

    def covers(self, rule: str, offset: int) -> bool:
        return self.lo <= offset < self.hi and (not self.rules or rule in self.rules)


def parse_directives(doc: Document) -> list[Directive]:
    """Find the directives of a document and work out the range each one covers."""
    pattern = _MARKDOWN if doc.kind == "markdown" else _PLAIN
    found = []
    for m in pattern.finditer(doc.text):
        if doc.in_code(m.start()):
            continue
        rules = frozenset(r for r in _RULE_LIST.split(m.group(2).strip()) if r)
        found.append(Directive(m.group(1), rules, m.start(), m.end()))
    text_end = len(doc.text)
    for i, d in enumerate(found):
        if d.kind == "disable-file":
            d.lo, d.hi = 0, text_end
        elif d.kind == "disable-next-line":
            line = doc.position(d.end).line
            # The next line with any text on it.
            while line < len(doc.line_starts) and not doc.line_text(line + 1).strip():
                line += 1
            if line < len(doc.line_starts):
                d.lo = doc.line_starts[line]
                d.hi = d.lo + len(doc.line_text(line + 1))
        elif d.kind == "disable":
            d.lo, d.hi = d.end, text_end
            for later in found[i + 1:]:
                if later.kind == "enable" and (not later.rules or not d.rules or d.rules & later.rules):
                    d.hi = later.start
                    break
    return found


class Suppressor:
    """Answers 'is this finding silenced?' and remembers which directives were used."""

    def __init__(self, directives: list[Directive]) -> None:
        self.directives = [d for d in directives if d.kind != "enable"]

    def suppressed(self, rule: str, offset: int) -> bool:
        hit = False
        for d in self.directives:
            if d.covers(rule, offset):
                d.used = True
                hit = True
        return hit

    def unused(self) -> list[Directive]:
        return [d for d in self.directives if not d.used]
