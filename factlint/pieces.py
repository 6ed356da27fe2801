"""Where to cut a very long draft so it can be linted a piece at a time.

The analyses hold several structures per character of a document (masks,
sentence and paragraph lists, attribution tables): about 40 bytes a
character, so a 50 MB file would need 2 GB at once. Cut into pieces of a
few hundred thousand characters, each linted as a document of its own,
memory stays bounded and time stays linear. Cuts fall where a draft
already breaks: at a blank line (a paragraph), else a line end, else a
sentence end, else a space; never inside a Markdown code fence, and never
just before a "---" line, which would read as front matter.
"""

from __future__ import annotations

import re
from typing import Iterator
from factlint import regexstore

PIECE_CHARS = 256 * 1024
_FENCE = regexstore.compile(r"^[ \t]{0,3}(?:```|~~~)", re.M)


def _cut(text: str, lo: int, target: int) -> int:
    """The best cut in (lo + half a piece, target]; target itself when nothing breaks there."""
    floor = lo + (target - lo) // 2
    for sep, keep in (("\n\n", 2), ("\n", 1), (". ", 2), (" ", 1)):
        at = text.rfind(sep, floor, target)
        while at >= 0:
            cut = at + keep
            if not text.startswith("---", cut):
                return cut
            at = text.rfind(sep, floor, at)
    return target


def pieces(text: str, markdown: bool, size: int = PIECE_CHARS) -> Iterator[tuple[int, int]]:
    """(start, end) spans covering ``text`` in order, each at most about ``size`` long."""
    lo = 0
    while len(text) - lo > size:
        cut = _cut(text, lo, lo + size)
        if markdown:
            fences = [m.start() for m in _FENCE.finditer(text, lo, cut)]
            if len(fences) % 2 and fences[-1] > lo:
                cut = fences[-1]  # the fence opens in this piece: start the next one with it
        yield lo, cut
        lo = cut
    yield lo, len(text)
