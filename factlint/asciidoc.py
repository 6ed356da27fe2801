"""Which characters of an AsciiDoc draft are prose, read the way Asciidoctor renders it.

Enough of the language for house style checks: section titles (``=`` to
``======``, and ``#`` forms) are headings with their level; listing,
literal, passthrough and comment blocks, line comments, attribute entries,
block attribute lines (``[source,java]``), directives (``include::``,
``ifdef::``) and inline code are not prose; lists, block quotes, tables and
admonitions keep their text with the scope Vale gives them. The result is a
:class:`factlint.markup.Masked` like the Markdown reader's, so every rule
reads an AsciiDoc draft the same way.
"""

from __future__ import annotations

import re

from factlint.markup import Block, Masked, _blank, mask_plain_inline
from factlint import regexstore

_DELIMITER = regexstore.compile(r"^(-{4,}|\.{4,}|\+{4,}|/{4,}|_{4,}|={4,}|\*{4,}|\|===+|,===+|:===+|!===+|--|```+.*|~{4,})[ \t]*$")
_HEADING = regexstore.compile(r"^(={1,6}|#{1,6})[ \t]+(\S.*?)(?:[ \t]+\1)?[ \t]*$")
_ATTRIBUTE_ENTRY = regexstore.compile(r"^:!?[\w][\w-]*!?:(?:[ \t].*)?$")
_BLOCK_ATTRIBUTES = regexstore.compile(r"^\[(?:[^\[\]]|\[[^\]]*\])*\][ \t]*$")
_DIRECTIVE = regexstore.compile(r"^(?:include|ifdef|ifndef|ifeval|endif|toc|image|video|audio)::.*\[.*\][ \t]*$")
_LINE_COMMENT = regexstore.compile(r"^//(?!/).*$|^//$")
_BLOCK_TITLE = regexstore.compile(r"^\.(?=[^.\s])(.*)$")
_LIST_ITEM = regexstore.compile(r"^[ \t]*(?:\*{1,5}|-|\.{1,5}|\d+\.|[a-zA-Z]\.|<\d+>|<\.>)[ \t]+(?:\[[ xX*]\][ \t]+)?")
_DESCRIPTION = regexstore.compile(r"^(.*?\S)(:{2,4}|;;)(?:[ \t]+|$)")
_ADMONITION = regexstore.compile(r"^(NOTE|TIP|IMPORTANT|WARNING|CAUTION):[ \t]+")
_CONTINUATION = regexstore.compile(r"^\+[ \t]*$")
_BREAKS = regexstore.compile(r"^(?:'{3,}|<{3,}|\*[ \t]\*[ \t]\*)[ \t]*$")

# Inline markup.
_CODE = regexstore.compile(r"(?<![\w`])(``?)(?=\S)(.+?)(?<=\S)\1(?![\w`])|(?<![\w+])\+(?=\S)([^+\n]+?)(?<=\S)\+(?![\w+])")
_PASS = regexstore.compile(r"\b(?:pass|kbd|btn|stem|latexmath|asciimath):\[[^\]\n]*\]|\bmenu:[^\[\s]+\[[^\]\n]*\]")
_MACRO = regexstore.compile(r"\b(?:link|xref|mailto|image|footnote|anchor|indexterm2?|icon):{1,2}([^\[\s]*)\[((?:[^\]\\\n]|\\.)*)\]")
_URL_TEXT = regexstore.compile(r"\b(?:https?|ftp|irc|file)://[^\s\[\]]+\[((?:[^\]\\\n]|\\.)*)\]")
_XREF = regexstore.compile(r"<<([^,>\n]+)(?:,\s*([^>\n]*))?>>")
_ATTR_REF = regexstore.compile(r"\{[\w][\w-]*\}")
_ANCHOR = regexstore.compile(r"\[\[[^\]\n]*\]\]|\[#[^\]\n]*\]")
# Formatting marks come in pairs: unconstrained (**bold**, anywhere) and constrained (*bold*, at word edges).
_UNCONSTRAINED = regexstore.compile(r"(\*\*|__|##|``)(?=\S)(.+?)(?<=\S)\1")
_CONSTRAINED = regexstore.compile(r"(?<![\w*_#`])([*_#])(?=\S)([^\n]*?\S)?\1(?![\w*_#])")
_SUPSUB = regexstore.compile(r"(?<!\S)([\^~])(?=\S)([^\s^~]+)\1")
_HARD_BREAK = regexstore.compile(r"[ \t]\+[ \t]*$", re.M)
_ROLE = regexstore.compile(r"\[\.[\w-]+\](?=[#*_`])")

_PROSE_BLOCKS = {"____": "blockquote", "====": "", "****": "", "--": "", "|===": "table",
                 ",===": "table", ":===": "table", "!===": "table"}


def _delimiter_key(line: str) -> str:
    stripped = line.strip()
    if stripped.startswith("```"):
        return "```"
    if stripped[:1] in "|,:!" and stripped[1:4] == "===":
        return stripped[:4]
    return stripped[:4] if len(stripped) >= 4 else stripped


def mask_inline(chars: list[str], text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Mask AsciiDoc inline markup in text[start:end], keeping link and cross-reference text.

    Returns the code spans, whose text Vale reads as code (starred, not words).
    """
    code = []
    for m in _CODE.finditer(text, start, end):
        _blank(chars, m.start(), m.end())
        code.append(m.span())
    for pattern in (_PASS, _ATTR_REF, _ANCHOR, _ROLE):
        for m in pattern.finditer(text, start, end):
            if chars[m.start()] != " ":
                _blank(chars, m.start(), m.end())
    mask_plain_inline(chars, text, start, end)
    for pattern in (_MACRO, _URL_TEXT):
        group = 2 if pattern is _MACRO else 1
        for m in pattern.finditer(text, start, end):
            if any(a <= m.start() < b for a, b in code):
                continue
            _blank(chars, m.start(), m.end())
            for i in range(m.start(group), m.end(group)):
                chars[i] = text[i]
    for m in _XREF.finditer(text, start, end):
        _blank(chars, m.start(), m.end())
        if m.group(2):
            for i in range(m.start(2), m.end(2)):
                chars[i] = text[i]
    for pattern in (_UNCONSTRAINED, _CONSTRAINED, _SUPSUB):
        for m in pattern.finditer(text, start, end):
            inner = m.start(2) if m.group(2) is not None else m.end() - len(m.group(1))
            _blank(chars, m.start(), inner)
            _blank(chars, m.end() - len(m.group(1)), m.end())
    for m in _HARD_BREAK.finditer(text, start, end):
        _blank(chars, m.start(), m.end())
    return code


def mask_asciidoc(text: str, line_starts: list[int]) -> Masked:
    """Mask an AsciiDoc document; see the module docstring."""
    chars = [c if c in "\r\n" else " " for c in text]
    blocks: list[Block] = []
    code: list[tuple[int, int]] = []
    lines = []
    for i, s in enumerate(line_starts):
        e = line_starts[i + 1] if i + 1 < len(line_starts) else len(text)
        while e > s and text[e - 1] in "\r\n":
            e -= 1
        lines.append((s, e))
    # Open delimited blocks: (key, scope, prose?).
    stack: list[tuple[str, str, bool]] = []
    para: list[tuple[int, int]] = []
    para_scope = ""
    in_list = False
    table_rows = 0

    def flush() -> None:
        nonlocal para, para_scope
        if para:
            s, e = para[0][0], para[-1][1]
            code.extend(mask_inline(chars, text, s, e))
            if para_scope in ("table.cell", "table.header"):
                _cells(text, chars, s, e, para_scope, blocks)
            else:
                blocks.append(Block(s, e, "paragraph", para_scope))
        para, para_scope = [], ""

    def container() -> str:
        for key, scope, _ in stack:
            if scope == "table":
                return "table.cell"
            if scope:
                return scope
        return ""

    def verbatim() -> bool:
        return any(not prose for _, _, prose in stack)

    i = 0
    while i < len(lines):
        s, e = lines[i]
        line = text[s:e]
        i += 1
        d = _DELIMITER.match(line)
        if d:
            key = _delimiter_key(line)
            if stack and stack[-1][0] == key:
                flush()
                closing = stack.pop()
                if not closing[2]:
                    code.append((s, e))
                table_rows = 0
                continue
            if not verbatim():
                flush()
                in_list = False
                prose = key in _PROSE_BLOCKS
                stack.append((key, _PROSE_BLOCKS.get(key, ""), prose))
                if not prose:
                    code.append((s, e))
                continue
        if verbatim():
            continue
        if not line.strip():
            flush()
            if stack and stack[-1][1] == "table":
                table_rows += 1
            continue
        if _LINE_COMMENT.match(line) or _ATTRIBUTE_ENTRY.match(line) or _BREAKS.match(line) \
                or _DIRECTIVE.match(line) or _CONTINUATION.match(line):
            if _CONTINUATION.match(line):
                flush()
            continue
        if _BLOCK_ATTRIBUTES.match(line):
            flush()
            continue
        h = _HEADING.match(line)
        if h and not para:
            flush()
            in_list = False
            level = min(6, len(h.group(1)))
            hs, he = s + h.start(2), s + h.end(2)
            for k in range(hs, he):
                chars[k] = text[k]
            code.extend(mask_inline(chars, text, hs, he))
            blocks.append(Block(hs, he, "heading", "heading.h" + str(level)))
            continue
        t = _BLOCK_TITLE.match(line)
        if t and not para:
            flush()
            ts = s + 1
            for k in range(ts, e):
                chars[k] = text[k]
            code.extend(mask_inline(chars, text, ts, e))
            blocks.append(Block(ts, e, "paragraph", container()))
            continue
        start = s
        scope = container()
        li = _LIST_ITEM.match(line)
        adm = _ADMONITION.match(line)
        desc = _DESCRIPTION.match(line) if not li else None
        if li:
            flush()
            in_list = True
            start = s + li.end()
            scope = scope or "list"
        elif desc and not para:
            flush()
            in_list = True
            # The term and its description are both list text.
            ts, te = s, s + desc.end(1)
            for k in range(ts, te):
                chars[k] = text[k]
            code.extend(mask_inline(chars, text, ts, te))
            blocks.append(Block(ts, te, "paragraph", scope or "list"))
            start = s + desc.end()
            scope = scope or "list"
            if start >= e:
                continue
        elif adm and not para:
            flush()
            start = s + adm.end()
            scope = "table.cell"
        elif para:
            scope = para_scope
        elif in_list and stack and False:
            scope = "list"
        if stack and stack[-1][1] == "table" and not para:
            scope = "table.header" if table_rows == 0 and _header_row(lines, i, text) else "table.cell"
        for k in range(start, e):
            chars[k] = text[k]
        if not para:
            para_scope = scope
        para.append((start, e))
    flush()
    return Masked("".join(chars), tuple(blocks), tuple(code))


def _header_row(lines: list[tuple[int, int]], next_index: int, text: str) -> bool:
    """A table's first row is its header when a blank line follows it."""
    if next_index < len(lines):
        s, e = lines[next_index]
        return not text[s:e].strip()
    return False


def _cells(text: str, chars: list[str], s: int, e: int, scope: str, blocks: list[Block]) -> None:
    """Split table lines into cells on ``|``; each cell is a block."""
    cell_start = None
    for k in range(s, e + 1):
        ch = text[k] if k < e else "|"
        if ch == "|" and (k == s or text[k - 1] != "\\"):
            if cell_start is not None and text[cell_start:k].strip():
                a, b = cell_start, k
                while a < b and text[a] in " \t\r\n":
                    a += 1
                while b > a and text[b - 1] in " \t\r\n":
                    b -= 1
                blocks.append(Block(a, b, "cell", scope))
            if k < e:
                chars[k] = " "
            cell_start = k + 1
        elif cell_start is None and ch not in " \t\r\n":
            cell_start = k
