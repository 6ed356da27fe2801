"""Direct quotations of a paragraph: double-quoted speech and closed single-quoted spans.

Read by the quote rule (does a quotation have a speaker?), the fact rules
(a figure inside a quotation is the speaker's) and the absolute-claim rule.
Whether a mark opens or closes is read from its neighbours, not its shape,
because drafts mix straight and curly quotes.
"""

from __future__ import annotations

import re

from factlint.analyses.sources import quoted_spans
from factlint.document import Document, Paragraph
from factlint import regexstore
from factlint.records import record

__all__ = ["Quotation", "quotations"]

_SINGLE_MARK = regexstore.compile(r"['‘’]")
# Every mark a quotation opens or closes with, double or single: a paragraph without one
# has no quotation, and most paragraphs have none.
_ANY_MARK = regexstore.compile(r"[\"“”«»'‘’]")
_OPEN_BEFORE = set(" \t\n([{\"“«—–-/")
_CLOSE_AFTER = set(" \t\n.,;:!?)]}\"”»—–-")
# "'90s", "'em", "rock 'n' roll", "'tis": apostrophes at the start of a word.
_ELISION = regexstore.compile(r"(?:\d0s|em|n|tis|twas|cause|til|till|bout|s)\b", re.I)


@record(frozen=True)
class Quotation:
    start: int
    end: int

    def content(self, prose: str) -> str:
        return prose[self.start:self.end].strip("\"“”'‘’«» \n")


def quotations(doc: Document, para: Paragraph) -> list[Quotation]:
    """Double-quoted spans (open to the paragraph's end when unclosed) and closed
    single-quoted spans that are not inside a double-quoted one."""
    prose = doc.prose
    if not _ANY_MARK.search(prose, para.start, para.end):
        return []
    doubles = [Quotation(s, e) for s, e in quoted_spans(prose, para.start, para.end)]
    singles = []
    for s, e in _single_quoted(prose, para.start, para.end):
        if not any(d.start <= s < d.end for d in doubles):
            singles.append(Quotation(s, e))
    return sorted(doubles + singles, key=lambda q: q.start)


def _single_quoted(prose: str, start: int, end: int) -> list[tuple[int, int]]:
    """Closed ‘...’ or '...' spans, telling quote marks from apostrophes by their neighbours."""
    marks = []
    for m in _SINGLE_MARK.finditer(prose, start, end):
        i = m.start()
        before = prose[i - 1] if i > start else " "
        after = prose[i + 1] if i + 1 < end else " "
        if before.isalnum() and after.isalnum():
            continue  # don't, Colville's
        if before in _OPEN_BEFORE and not after.isspace() and m.group() != "’":
            if _ELISION.match(prose, i + 1, end):
                continue
            marks.append(("open", i))
        elif not before.isspace() and (after in _CLOSE_AFTER) and m.group() != "‘":
            marks.append(("close", i))
    out = []
    opened: int | None = None
    for n, (kind, i) in enumerate(marks):
        if kind == "open":
            if opened is None:
                opened = i
            continue
        if opened is None:
            continue
        # "the players' union": a closer after s followed by a lower-case word is
        # probably a plural possessive when another closer follows before any opener.
        if prose[i - 1] == "s" and re.match(r"\s[a-z]", prose[i + 1:i + 3] or ""):
            later = next((k for k, _ in marks[n + 1:]), None)
            if later == "close":
                continue
        out.append((opened, i + 1))
        opened = None
    return out
