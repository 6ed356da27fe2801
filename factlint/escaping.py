"""Control characters in paths and draft text, made visible on one-line outputs.

A file named ``x<LF>::stop-commands::tok.md`` or a message quoting a draft's
CR would otherwise start a new line in a CI log, where ``::command::`` at the
start of a line is a workflow command. Every path and every piece of draft
text printed in the one-line formats (text output, error lines) goes through
``one_line``; the machine formats escape for their own syntax.
"""

from __future__ import annotations

import re

__all__ = ["one_line"]

# C0 and C1 controls, DEL, and the Unicode line and paragraph separators.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def one_line(text: str) -> str:
    """``text`` with every control character shown as an escape (``\\n``, ``\\x1b``)."""
    if not _CONTROL.search(text):
        return text
    return _CONTROL.sub(lambda m: _NAMED.get(m.group(), f"\\x{ord(m.group()):02x}"
                                             if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}"),
                        text)
