"""A source line as a terminal shows it, with a span underlined by carets.

Columns in findings count code points, but a terminal counts cells: a tab
is several, a CJK character or an emoji two, a combining accent none, and a
control character in a draft must be shown as an escape, never sent to the
terminal. So the line is turned into cells first, then windowed around the
span when it is wider than the screen (a one-paragraph line of 2,000
characters), and the carets are placed by cells.
"""

from __future__ import annotations

import unicodedata

from factlint.escaping import one_line
from factlint.records import record

TAB = "    "
ELLIPSIS = "…"


def char_cells(ch: str) -> tuple[str, int]:
    """What a terminal is sent for ``ch``, and how many cells it takes."""
    if ch == "\t":
        return TAB, len(TAB)
    shown = one_line(ch)
    if shown != ch:  # a control character, shown escaped
        return shown, len(shown)
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return ch, 0
    return ch, 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


@record(frozen=True)
class Snippet:
    """A line fitted to ``width`` cells, and where the span sits in it (in cells)."""

    text: str
    caret_start: int
    caret_width: int


def fit(line: str, start: int, end: int, width: int = 100) -> Snippet:
    """``line`` shown with ``line[start:end]`` marked, windowed to ``width`` cells.

    The window keeps a third of its width before the span, so a writer sees
    what leads into it; a span wider than the window is cut at its end.
    """
    start = max(0, min(start, len(line)))
    end = max(start, min(end, len(line)))
    cells = [char_cells(ch) for ch in line]
    offsets = [0]
    for _, w in cells:
        offsets.append(offsets[-1] + w)
    total = offsets[-1]
    lo, hi = 0, len(line)
    if total > width:
        left = offsets[start] - width // 3
        lo = 0
        while lo < start and offsets[lo] < left:
            lo += 1
        hi = lo
        while hi < len(line) and offsets[hi + 1] - offsets[lo] <= width:
            hi += 1
    prefix = ELLIPSIS if lo > 0 else ""
    suffix = ELLIPSIS if hi < len(line) else ""
    text = prefix + "".join(shown for shown, _ in cells[lo:hi]) + suffix
    span_lo, span_hi = max(start, lo), min(end, hi)
    caret_start = len(prefix) + offsets[span_lo] - offsets[lo]
    caret_width = max(1, offsets[max(span_lo, span_hi)] - offsets[span_lo])
    return Snippet(text, caret_start, caret_width)
