"""Offsets into a draft's text <-> LSP positions (0-based line, code units).

factlint counts in code points; LSP counts in the code units of the position
encoding the client and server agreed on (UTF-16 unless both say otherwise),
so an emoji before a span is one column to factlint and two to VS Code.
Lines break at ``\\r\\n``, ``\\r`` or ``\\n``, the same breaks as
``factlint.document`` and the LSP specification use, so CRLF drafts keep
their line numbers. Pure Python with no LSP types, so it is tested alone.
"""

from __future__ import annotations

import bisect

# The line breaks of factlint.document, which are also the LSP specification's.
from factlint.document import LINE_BREAK, line_starts

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"


def code_units(text: str, encoding: str = UTF16) -> int:
    """How many code units ``text`` is in ``encoding``.

    ``surrogatepass``: JSON may hand us a lone surrogate, which is one UTF-16
    unit and must not make the server raise.
    """
    if encoding == UTF32 or text.isascii():
        return len(text)
    if encoding == UTF8:
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


class LineIndex:
    """The line starts of one text, to convert in both directions cheaply."""

    def __init__(self, text: str, encoding: str = UTF16) -> None:
        self.text = text
        self.encoding = encoding if encoding in (UTF8, UTF16, UTF32) else UTF16
        self.line_starts = line_starts(text)
        self._last: tuple[int, int, int] | None = None  # (line, offset, units) of the last position()

    def line_of(self, offset: int) -> int:
        """0-based line of a text offset (clamped to the text)."""
        offset = max(0, min(offset, len(self.text)))
        return bisect.bisect_right(self.line_starts, offset) - 1

    def line_end(self, line: int) -> int:
        """Offset just before ``line``'s line break (or the end of the text)."""
        if line + 1 < len(self.line_starts):
            end = self.line_starts[line + 1]
            return end - (2 if self.text[max(0, end - 2):end] == "\r\n" else 1)
        return len(self.text)

    def line_text(self, line: int) -> str:
        return self.text[self.line_starts[line]:self.line_end(line)]

    def line_break(self, line: int) -> str:
        """The break ending ``line``; for the last line, the text's first break or ``\\n``."""
        if line + 1 < len(self.line_starts):
            return self.text[self.line_end(line):self.line_starts[line + 1]]
        m = LINE_BREAK.search(self.text)
        return m.group() if m else "\n"

    def position(self, offset: int) -> tuple[int, int]:
        """(0-based line, character in code units) of a text offset.

        Counting resumes from the previous answer when it was earlier on the
        same line: findings come sorted, and a one-line 250 KB draft with
        thousands of them must not be re-encoded from its start for each.
        """
        offset = max(0, min(offset, len(self.text)))
        line = self.line_of(offset)
        start, units = self.line_starts[line], 0
        last = self._last
        if last is not None and last[0] == line and last[1] <= offset:
            start, units = last[1], last[2]
        units += code_units(self.text[start:offset], self.encoding)
        self._last = (line, offset, units)
        return line, units

    def offset(self, line: int, character: int) -> int:
        """The text offset of an LSP position.

        As the specification asks, a line past the end means the end of the
        text and a character past the line's end means the line's end; a
        position inside a character (half a surrogate pair) rounds down.
        """
        if line < 0:
            return 0
        if line >= len(self.line_starts):
            return len(self.text)
        start, end = self.line_starts[line], self.line_end(line)
        if character <= 0:
            return start
        segment = self.text[start:end]
        if self.encoding == UTF32 or segment.isascii():
            return start + min(character, len(segment))
        units = 0
        for i, ch in enumerate(segment):
            width = code_units(ch, self.encoding)
            if units + width > character:
                return start + i
            units += width
        return end
