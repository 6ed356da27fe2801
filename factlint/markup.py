"""Which characters of a draft are prose, for Markdown and for plain text.

The result is a *mask*: a copy of the text of the same length in which every
character that is not prose (code, URLs, markup, front matter, HTML) is a
space and newlines stay. Rules search the mask with offsets that are valid
in the original text, so positions never need translating back.

Block structure comes from markdown-it-py (fences, indented code, HTML
blocks, lists, tables: the parts that are hard to get right); inline markup
is masked with a few patterns, because markdown-it does not record where
inline tokens start.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from factlint import regexstore
from factlint.records import record

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

# --- inline masking (shared by Markdown and plain text) ----------------------

# URLs, e-mail addresses, bare domains and file names are found from an anchor that
# occurs once per match ("://", "www.", "@", ".com") and widened from there, so
# every pattern runs in linear time: a pattern that starts anywhere and scans
# forward (r"\b[\w.-]+@...") is quadratic on "a.a.a.a..." and hung drafts.
_SCHEME_SEP = regexstore.compile(r"://|\bwww\.", re.I)
_SCHEME_BEFORE = regexstore.compile(r"[a-z][a-z0-9+.-]{0,31}$", re.I)
_URL_REST = regexstore.compile(r"""[^\s<>"'`]*[^\s<>"'`.,;:!?)\]}]""")
_EMAIL_LOCAL_BEFORE = regexstore.compile(r"[\w.+-]{1,64}$")
_EMAIL_DOMAIN = regexstore.compile(r"@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}\b")
# Bare domains and file names ("muza-ai.eu", "report_2024.pdf") are not words.
# .ai and .io are left out: in prose they are mostly names (Z.ai, Character.ai).
# The dot comes first and the look-behind after it, so that ``re`` jumps from dot to dot
# instead of trying the look-behind at every character.
_SUFFIX = regexstore.compile(
    r"\.(?<=[\w-]\.)(?:com|org|net|edu|gov|eu|lt|uk|cn|de|fr|co|info|"
    r"md|txt|pdf|py|js|ts|json|yaml|yml|csv|html?|docx?|xlsx?|png|jpe?g|gif|svg|zip)\b(?!\.\w)",
    re.I,
)
_NAME_BEFORE = regexstore.compile(r"[\w-]+(?:\.[\w-]+){0,8}$")
# How far back from an anchor a URL scheme, a mailbox or a domain may start.
_LOOKBACK = 256

_CODE_SPAN = regexstore.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.S)
_HTML_COMMENT = regexstore.compile(r"<!--.*?-->", re.S)
_HTML_TAG = regexstore.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_AUTOLINK = regexstore.compile(r"<(?:[a-z][a-z0-9+.-]{1,31}:[^\s<>]*|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)>", re.I)
_IMAGE = regexstore.compile(r"!\[(?:[^\[\]]|\[[^\[\]]*\])*\]\([^()\s]*(?:\([^()]*\)[^()\s]*)*(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)")
# [text](destination "title") -- keep text, mask brackets and destination.
_INLINE_LINK = regexstore.compile(
    r"\[((?:[^\[\]]|\[[^\[\]]*\])*)\]"
    r"(\([^()\s]*(?:\([^()]*\)[^()\s]*)*(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)|\[[^\[\]]*\])"
)
_FOOTNOTE_REF = regexstore.compile(r"\[\^[^\]\s]+\]")
_EMPHASIS = regexstore.compile(r"(?<!\w)[*_]{1,3}(?=\S)|(?<=\S)[*_]{1,3}(?!\w)|~~")
_ESCAPE = regexstore.compile(r"\\(?=[!-/:-@\[-`{-~])")
_TABLE_PIPE = regexstore.compile(r"(?<!\\)\|")


def _blank(chars: list[str], start: int, end: int) -> None:
    for i in range(start, end):
        if chars[i] not in "\r\n":
            chars[i] = " "


def mask_plain_inline(chars: list[str], text: str, start: int, end: int) -> None:
    """Mask URLs, e-mail addresses, domains and file names in text[start:end]."""
    for a, b in _plain_inline_spans(text, start, end):
        _blank(chars, a, b)


def _plain_inline_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans ``mask_plain_inline`` blanks."""
    return _urls(text, start, end) + _emails(text, start, end) + _names(text, start, end)


def _urls(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    if not _may_have_url(text[start:end]):
        return out
    covered = start
    for m in _SCHEME_SEP.finditer(text, start, end):
        if m.start() < covered:
            continue
        a = m.start()
        if m.group() == "://":
            scheme = _SCHEME_BEFORE.search(text, max(covered, a - 32), a)
            if not scheme or (scheme.start() > 0 and text[scheme.start() - 1].isalnum()):
                continue
            a = scheme.start()
        rest = _URL_REST.match(text, m.end(), end)
        if rest:
            out.append((a, rest.end()))
            covered = rest.end()
    return out


def _may_have_url(text: str) -> bool:
    """False when ``_SCHEME_SEP`` cannot match: most drafts have no URL, and two substring
    tests are much cheaper than the pattern, which is tried at every character."""
    return "://" in text or "www." in text.lower()


def _emails(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    at = text.find("@", start, end)
    covered = start
    while at >= 0:
        local = _EMAIL_LOCAL_BEFORE.search(text, max(covered, at - 64), at)
        domain = _EMAIL_DOMAIN.match(text, at, end)
        if local and domain and (local.start() == 0 or not text[local.start() - 1].isalnum()
                                 or local.start() == max(covered, at - 64)):
            out.append((local.start(), domain.end()))
            covered = domain.end()
        at = text.find("@", max(at + 1, covered), end)
    return out


def _names(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    covered = start
    for m in _SUFFIX.finditer(text, start, end):
        name = _NAME_BEFORE.search(text, max(covered, m.start() - _LOOKBACK), m.start())
        if name is None:
            continue
        a = name.start()
        out.append((a, m.end()))
        covered = m.end()
    return out


def mask_markdown_inline(chars: list[str], text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Mask inline Markdown syntax in text[start:end], keeping link text as prose.

    Returns the ranges of code spans, where comments are not directives.
    """
    # Code spans bind tightest (CommonMark); later patterns skip matches that
    # start inside something already masked.
    code = []
    for m in _CODE_SPAN.finditer(text, start, end):
        _blank(chars, m.start(), m.end())
        code.append(m.span())
    for pattern in (_HTML_COMMENT, _AUTOLINK, _IMAGE, _HTML_TAG, _FOOTNOTE_REF):
        for m in pattern.finditer(text, start, end):
            if chars[m.start()] != " ":
                _blank(chars, m.start(), m.end())
    for m in _INLINE_LINK.finditer(text, start, end):
        if chars[m.start()] == " ":
            continue
        _blank(chars, m.start(), m.start() + 1)          # [
        _blank(chars, m.start(1) + len(m.group(1)), m.end())  # ](destination)
    mask_plain_inline(chars, text, start, end)
    for pattern in (_EMPHASIS, _ESCAPE):
        for m in pattern.finditer(text, start, end):
            _blank(chars, m.start(), m.end())
    return code


# --- blocks ------------------------------------------------------------------

@record(frozen=True)
class Block:
    """A run of prose that sentences may not cross: a paragraph, heading, list
    item paragraph, quoted paragraph or table cell. Offsets into the text."""

    start: int
    end: int
    kind: str
    # Where the block sits, as Vale names it: "heading.h2", "list", "blockquote",
    # "table.header", "table.cell", or "" for a plain paragraph.
    scope: str = ""


@record(frozen=True)
class Masked:
    prose: str
    blocks: tuple[Block, ...]
    # Offset ranges of code blocks and code spans: suppression comments
    # there are examples, not directives.
    code: tuple[tuple[int, int], ...]


_FRONT_MATTER = regexstore.compile(r"\A(---|\+\+\+)[ \t]*\r?\n(.*?)(?:\r?\n|\A)(\1|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)



@lru_cache(maxsize=1)
def _markdown_parser() -> MarkdownIt:
    """Built for the first Markdown draft: a run over plain text never imports markdown-it (20 ms)."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])

_ATX_OPEN = regexstore.compile(r"[ \t]{0,3}#{1,6}(?:[ \t]+|$)")
_ATX_CLOSE = regexstore.compile(r"[ \t]+#+[ \t]*$|^#+[ \t]*$")
_CONTAINER = regexstore.compile(r"[ \t]*(?:>[ \t]?)*")
_LIST_MARKER = regexstore.compile(r"[ \t]*(?:>[ \t]?)*[ \t]*(?:[-+*]|\d{1,9}[.)])(?:[ \t]+(?:\[[ xX]\][ \t]+)?|$)")
_PROSE_PARENTS = {"paragraph_open", "heading_open", "th_open", "td_open"}


_CONTAINERS = {"list_item_open": "list", "list_item_close": "list",
               "blockquote_open": "blockquote", "blockquote_close": "blockquote"}
def _scope(containers: list[str], own: str) -> str:
    """The outermost list or blockquote wins, as in Vale; else the block's own scope."""
    return containers[0] if containers else own


def front_matter_span(text: str) -> tuple[int, int, str] | None:
    """(start, end, yaml_text) of YAML front matter at the very top, if any."""
    m = _FRONT_MATTER.match(text)
    if not m or m.group(1) != "---":
        return None
    return m.start(), m.end(), m.group(2)


# Front matter fields that are prose: the title reads as the headline, the
# description and summary as a standfirst. Other keys (dates, tags, layout) stay masked.
FRONT_MATTER_PROSE = ("title", "description", "summary")
_FM_KEY = regexstore.compile(r"^(title|description|summary)[ \t]*:(?=[ \t\r]|$)[ \t]*(.*?)[ \t\r]*$", re.M)
_FM_BLOCK = regexstore.compile(r"[|>](?:[1-9][+-]?|[+-][1-9]?)?")
_FM_COMMENT = regexstore.compile(r"[ \t]#")


@record(frozen=True)
class FrontMatterField:
    """A prose value of the front matter: its key and the spans of its text.

    ``spans`` are draft offsets of the value's text on each line it takes
    (one for a one-line value, one a line for a block scalar); ``hidden`` are
    characters inside them that are YAML syntax, not text (the backslash of
    ``\\"``, the doubled quote of ``''``).
    """

    key: str
    spans: tuple[tuple[int, int], ...]
    hidden: tuple[int, ...] = ()

    @property
    def start(self) -> int:
        return self.spans[0][0]

    @property
    def end(self) -> int:
        return self.spans[-1][1]


def front_matter_fields(text: str, values: dict | None = None) -> list[FrontMatterField]:
    """The front matter's title, description and summary, where their text lies in the draft.

    Read from the lines themselves: plain values (an inline ``# comment`` cut
    off, indented continuation lines kept), single- and double-quoted values
    on one line, and block scalars (``|``, ``>``, with chomping and
    indentation indicators). Given ``values`` (the parsed front matter), a
    field is kept only when the text found reads as the value YAML gave, so
    anything this reading gets wrong stays masked rather than mis-placed.
    """
    fm = front_matter_span(text)
    if not fm:
        return []
    body_start = text.find("\n", fm[0]) + 1
    body_end = fm[1]
    close = text.rfind("\n", body_start, max(body_start, body_end - 1))
    body_end = close if close >= body_start else body_start
    out = []
    for m in _FM_KEY.finditer(text, body_start, body_end):
        key = m.group(1)
        s, e = m.span(2)
        value = text[s:e]
        spans: list[tuple[int, int]] = []
        hidden: list[int] = []
        if value[:1] in "\"'":
            q = value[0]
            i = s + 1
            while i < e:
                c = text[i]
                if q == '"' and c == "\\":
                    hidden.append(i)
                    i += 2
                    continue
                if c == q:
                    if q == "'" and i + 1 < e and text[i + 1] == "'":
                        hidden.append(i)
                        i += 2
                        continue
                    break
                i += 1
            rest = text[i + 1:e].strip() if i < e else "?"
            if i >= e or (rest and not rest.startswith("#")):
                continue  # unclosed on this line (a multi-line quoted value): left masked
            spans.append((s + 1, i))
        elif _FM_BLOCK.fullmatch(value.split(" #")[0].strip()) or not value or \
                _FM_COMMENT.match(" " + value):
            spans = _continuation(text, m.end(), body_end)
        elif value[:1] in "[{&*!%@`|>#":
            continue  # flow collections, anchors, tags: not prose
        else:
            cut = _FM_COMMENT.search(value)
            e2 = s + (cut.start() if cut else len(value))
            while e2 > s and text[e2 - 1] in " \t":
                e2 -= 1
            spans.append((s, e2))
            spans.extend(_continuation(text, m.end(), body_end))
        spans = [(a, b) for a, b in spans if b > a]
        if not spans:
            continue
        field = FrontMatterField(key, tuple(spans), tuple(hidden))
        if values is not None:
            want = values.get(key)
            if not isinstance(want, str) or " ".join(want.split()) != " ".join(
                    _field_text(text, field).split()):
                continue
        out.append(field)
    return out


def _continuation(text: str, pos: int, end: int) -> list[tuple[int, int]]:
    """The indented lines after a key (a block scalar's or a plain value's), one span each."""
    spans = []
    line_end = text.find("\n", pos)
    while 0 <= line_end < end:
        start = line_end + 1
        nxt = text.find("\n", start)
        stop = end if nxt < 0 or nxt > end else nxt
        line = text[start:stop].rstrip("\r")
        if line.strip() and not line[:1].isspace():
            break
        if line.strip():
            lead = len(line) - len(line.lstrip())
            spans.append((start + lead, start + len(line.rstrip())))
        if nxt < 0 or nxt >= end:
            break
        line_end = nxt
    return spans


def _field_text(text: str, field: FrontMatterField) -> str:
    hidden = set(field.hidden)
    return "\n".join("".join(text[i] for i in range(a, b) if i not in hidden) for a, b in field.spans)


def mask_markdown(text: str, line_starts: list[int], metadata: dict | None = None) -> Masked:
    """Mask a Markdown document; see the module docstring.

    ``metadata`` is the parsed front matter: its title, description and
    summary become prose blocks (see :func:`front_matter_fields`).
    """
    chars = [c if c in "\r\n" else " " for c in text]
    fm = front_matter_span(text)
    source = text
    if fm:
        # Keep line numbers: replace front matter by as many blank lines.
        source = "\n" * text.count("\n", 0, fm[1]) + text[fm[1]:]
    tokens = _markdown_parser().parse(source)

    def line_span(first: int, last: int) -> tuple[int, int]:
        s = line_starts[first]
        e = line_starts[last] if last < len(line_starts) else len(text)
        while e > s and text[e - 1] in "\r\n":
            e -= 1
        return s, e

    blocks: list[Block] = []
    code: list[tuple[int, int]] = []
    if fm and metadata:
        for f in front_matter_fields(text, metadata):
            for a, b in f.spans:
                chars[a:b] = text[a:b]
            for i in f.hidden:
                chars[i] = " "
            mask_plain_inline(chars, text, f.start, f.end)
            blocks.append(Block(f.start, f.end, "heading" if f.key == "title" else "paragraph",
                                "frontmatter." + f.key))
    list_item_lines: set[int] = set()
    parent = None
    containers: list[str] = []
    for tok in tokens:
        if tok.type in _CONTAINERS:
            if tok.nesting == 1:
                containers.append(_CONTAINERS[tok.type])
            elif containers:
                containers.pop()
        if tok.type == "list_item_open" and tok.map:
            list_item_lines.add(tok.map[0])
        if tok.type in ("fence", "code_block") and tok.map:
            code.append(line_span(*tok.map))
        if tok.type.endswith("_open") and tok.type in _PROSE_PARENTS:
            parent = tok
            continue
        if tok.type != "inline" or parent is None or not tok.map:
            continue
        first, last = tok.map
        kind = parent.type[:-5]
        if kind in ("th", "td") and blocks and blocks[-1].kind == "cell" and blocks[-1].start >= line_starts[first]:
            parent = None
            continue  # the row was handled with its first cell
        for line_no in range(first, last):
            s, e = line_span(line_no, line_no + 1)
            line = text[s:e]
            skip = _LIST_MARKER.match(line) if line_no in list_item_lines else _CONTAINER.match(line)
            s += skip.end() if skip else 0
            for i in range(s, e):
                chars[i] = text[i]
            if kind == "heading":
                m = _ATX_OPEN.match(text, s, e)
                if m:
                    _blank(chars, s, m.end())
                    tail = _ATX_CLOSE.search(text, m.end(), e)
                    if tail:
                        _blank(chars, tail.start(), e)
        s, e = line_span(first, last)
        if kind in ("th", "td"):
            for m in _TABLE_PIPE.finditer(text, s, e):
                chars[m.start()] = " "
            code.extend(mask_markdown_inline(chars, text, s, e))
            cell_start = s
            scope = _scope(containers, "table.header" if kind == "th" else "table.cell")
            for m in list(_TABLE_PIPE.finditer(text, s, e)) + [None]:
                cell_end = m.start() if m else e
                if text[cell_start:cell_end].strip():
                    blocks.append(Block(cell_start, cell_end, "cell", scope))
                cell_start = cell_end + 1
        else:
            code.extend(mask_markdown_inline(chars, text, s, e))
            own = "heading." + parent.tag if kind == "heading" else ""
            blocks.append(Block(s, e, kind, _scope(containers, own)))
        parent = None
    return Masked("".join(chars), tuple(blocks), tuple(code))


# "(?=\r?$)": a CRLF line's "\r" stays (it is part of the line break, not of the directive).
_DIRECTIVE_LINE = regexstore.compile(r"^[ \t]*factlint-(?:disable|enable)\S*(?:[ \t]+\S+)*[ \t]*(?=\r?$)", re.M)


def mask_plain(text: str, line_starts: list[int]) -> Masked:
    """Mask a plain-text document: everything is prose but URLs and the like.

    Paragraphs are separated by blank lines. Many drafts pasted from a CMS
    put one paragraph on each line with no blank line between; when lines are
    long (not hard-wrapped at a fixed width), each line is a paragraph.
    """
    # Most drafts have nothing to blank: then the prose is the text, with no list of
    # characters built and joined again.
    spans = [m.span() for m in _DIRECTIVE_LINE.finditer(text)] if "factlint-" in text else []
    spans += _plain_inline_spans(text, 0, len(text))
    prose = text
    if spans:
        chars = list(text)
        for a, b in spans:
            _blank(chars, a, b)
        prose = "".join(chars)
    lines = [text[s:(line_starts[i + 1] if i + 1 < len(line_starts) else len(text))].rstrip("\r\n")
             for i, s in enumerate(line_starts)]
    widths = [len(line) for line in lines if line.strip()]
    hard_wrapped = bool(widths) and max(widths) <= 100 and len(widths) > 2
    blocks: list[Block] = []
    block_start: int | None = None
    prev_end = 0
    for i, line in enumerate(lines):
        s = line_starts[i]
        e = s + len(line)
        if not prose[s:e].strip():
            if block_start is not None:
                blocks.append(Block(block_start, prev_end, "paragraph"))
                block_start = None
            continue
        if block_start is None:
            block_start = s
        elif not hard_wrapped:
            blocks.append(Block(block_start, prev_end, "paragraph"))
            block_start = s
        prev_end = e
    if block_start is not None:
        blocks.append(Block(block_start, prev_end, "paragraph"))
    return Masked(prose, tuple(blocks), ())
