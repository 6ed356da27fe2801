"""A draft cut into the blocks Vale lints, each with the text Vale would see.

Vale renders a draft to HTML and lints the text of each block: markup is
gone, inline code is a run of ``*``, and each block has a scope
(``text.heading.h2``, ``text.list``, ``sentence``, ``summary``, ``raw``...).
A :class:`View` is that text for one block, with a map from each of its
characters back to an offset in the draft, so findings land on the draft's
own line and column.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from factlint.sentences import split_sentences

if TYPE_CHECKING:
    from factlint.document import Document


@dataclass
class View:
    text: str
    # View offsets where a run of draft characters starts, and the draft offset of each.
    starts: list[int]
    origins: list[int]

    def orig(self, i: int) -> int:
        k = bisect.bisect_right(self.starts, i) - 1
        if k < 0:
            return self.origins[0] if self.origins else 0
        return self.origins[k] + (i - self.starts[k])

    def span(self, s: int, e: int) -> tuple[int, int]:
        """Draft offsets of view span [s, e)."""
        start = self.orig(s)
        end = self.orig(e - 1) + 1 if e > s else start
        return start, max(start, end)

    def sub(self, s: int, e: int) -> "View":
        """The view of text[s:e] (a sentence of a paragraph)."""
        k = max(0, bisect.bisect_right(self.starts, s) - 1)
        starts, origins = [0], [self.orig(s)]
        for j in range(k + 1, len(self.starts)):
            if self.starts[j] >= e:
                break
            starts.append(self.starts[j] - s)
            origins.append(self.origins[j])
        return View(self.text[s:e], starts, origins)


@dataclass
class Block:
    scope: str          # e.g. "text.heading.h2", "sentence", "paragraph", "summary", "raw"
    view: View
    start: int          # draft offsets of the block, for comment switches
    end: int

    @property
    def parts(self) -> frozenset[str]:
        return frozenset(self.scope.split("."))


_WS = " \t\r\n"


def build_view(text: str, prose: str, s: int, e: int, stars: list[tuple[int, int]],
               drop: list[tuple[int, int]] = ()) -> View:
    """The Vale text of draft[s:e]: masked markup removed, code starred, whitespace kept."""
    pieces: list[str] = []
    starts: list[int] = []
    origins: list[int] = []
    length = 0

    def emit(origin: int, chunk: str) -> None:
        nonlocal length
        if not chunk:
            return
        if starts and origins[-1] + (length - starts[-1]) == origin:
            pieces.append(chunk)  # continues the current run
        else:
            starts.append(length)
            origins.append(origin)
            pieces.append(chunk)
        length += len(chunk)

    special = sorted([(a, b, "*") for a, b in stars if b > s and a < e]
                     + [(a, b, "") for a, b in drop if b > s and a < e]
                     + [(a, b, "=") for a, b in _bare_names(text, prose, s, e)])
    pos = s
    for a, b, kind in special:
        a, b = max(a, s), min(b, e)
        if a < pos:
            a = pos
        if a >= b:
            continue
        _plain(text, prose, pos, a, emit)
        if kind == "=":
            emit(a, text[a:b])
        elif kind == "*":
            span = text[a:b]
            lead = len(span) - len(span.lstrip("`+"))
            trail = len(span) - len(span.rstrip("`+"))
            inner_a, inner_b = a + lead, b - trail
            if inner_a < inner_b:
                emit(inner_a, "".join(c if c in "\n" else "*" for c in text[inner_a:inner_b]))
        pos = b
    _plain(text, prose, pos, e, emit)
    view_text = "".join(pieces)
    # Vale trims a block's ends.
    lead = len(view_text) - len(view_text.lstrip())
    view_text_stripped = view_text.strip()
    view = View(view_text, starts or [0], origins or [s])
    if lead or len(view_text_stripped) != len(view_text):
        view = view.sub(lead, lead + len(view_text_stripped))
    return view


_MASKED_RUN = re.compile(r"[ ]+")


def _bare_names(text: str, prose: str, s: int, e: int) -> list[tuple[int, int]]:
    """Domain and file names ("node.js", "JBoss.org") that factlint masks but Vale reads as words.

    URLs with a scheme and e-mail addresses stay masked (Vale reads a link whose
    text is its address as code); a name inside markup (a link's destination) too.
    """
    if prose[s:e] == text[s:e] or "." not in text[s:e]:
        return []
    from factlint import markup

    hidden = markup._urls(text, s, e) + markup._emails(text, s, e)
    out = []
    for a, b in markup._names(text, s, e):
        if any(x < b and a < y for x, y in hidden):
            continue
        if prose[a:b] == text[a:b]:
            continue
        before_ok = a == s or text[a - 1].isspace() or prose[a - 1] == text[a - 1]
        after_ok = b >= e or text[b].isspace() or prose[b] == text[b]
        if before_ok and after_ok:
            out.append((a, b))
    return out


def _plain(text: str, prose: str, s: int, e: int, emit) -> None:
    if s >= e:
        return
    if prose[s:e] == text[s:e]:
        emit(s, text[s:e])
        return
    pos = s
    for m in _MASKED_RUN.finditer(prose, s, e):
        a, b = m.span()
        if text[a:b] == prose[a:b]:
            continue
        emit(pos, text[pos:a])
        # Keep the whitespace of the draft, drop the markup.
        for i in range(a, b):
            if text[i] in _WS:
                emit(i, text[i])
        pos = b
    emit(pos, text[pos:e])


_IMAGE_MD = re.compile(r"!\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\(")
_IMAGE_ADOC = re.compile(r"\bimage::?[^\[\s]*\[([^\],\]\n]*)")
_LINK_MD = re.compile(r"(?<!!)\[((?:[^\[\]]|\[[^\[\]]*\])+)\]\(")
_HTML_COMMENT = re.compile(r"<!--\s*(.*?)\s*-->", re.S)


def doc_blocks(doc: "Document", stars: list[tuple[int, int]], drop: list[tuple[int, int]],
               want_sentences: bool, want_paragraphs: bool, ext: str) -> list[Block]:
    """Every block of ``doc`` in order, with Vale's scope names (the file's extension last)."""
    text, prose = doc.text, doc.prose
    code_stars = sorted(set(stars) | {c for c in doc.code if not _is_block_code(doc, c)})
    blocks: list[Block] = []
    summary: list[View] = []
    for p in doc.paragraphs:
        view = build_view(text, prose, p.start, p.end, code_stars, drop)
        if not view.text:
            continue
        scope = p.scope
        if scope.startswith("heading"):
            blocks.append(Block("text." + scope + ext, view, p.start, p.end))
        elif scope in ("list", "blockquote", "table.header", "table.cell"):
            blocks.append(Block("text." + scope + ext, view, p.start, p.end))
            if scope in ("list", "blockquote"):
                summary.append(view)
        else:
            if want_paragraphs:
                blocks.append(Block("paragraph" + ext, view, p.start, p.end))
            if want_sentences:
                for a, b in split_sentences(view.text, 0, len(view.text)):
                    seg = view.text[a:b]
                    lead = len(seg) - len(seg.lstrip())
                    a, b = a + lead, a + lead + len(seg.strip())
                    if a < b:
                        sv = view.sub(a, b)
                        blocks.append(Block("sentence" + ext, sv, *sv.span(0, len(sv.text))))
            blocks.append(Block("text" + ext, view, p.start, p.end))
            summary.append(view)
    if doc.kind == "markdown":
        for start, end, key in front_matter_prose(text):
            view = View(text[start:end], [0], [start])
            if key == "title":
                blocks.append(Block("text.heading.h1.title" + ext, view, start, end))
                continue
            if want_sentences:
                blocks.append(Block("sentence" + ext, view, start, end))
            blocks.append(Block("text" + ext, view, start, end))
            summary.append(view)
    for m in (_IMAGE_MD if doc.kind == "markdown" else _IMAGE_ADOC).finditer(text):
        if doc.kind not in ("markdown", "asciidoc") or doc.in_code(m.start()) or not m.group(1).strip():
            continue
        a, b = m.span(1)
        blocks.append(Block("text.attr.alt" + ext, View(text[a:b], [0], [a]), a, b))
    if doc.kind == "markdown":
        for m in _LINK_MD.finditer(text):
            if doc.in_code(m.start()):
                continue
            a, b = m.span(1)
            view = build_view(text, prose, a, b, code_stars, drop)
            if view.text:
                blocks.append(Block("link" + ext, view, a, b))
    blocks.sort(key=lambda b: b.start)
    if summary:
        joined, starts, origins = [], [], []
        length = 0
        for v in summary:
            for st, og in zip(v.starts, v.origins):
                starts.append(length + st)
                origins.append(og)
            joined.append(v.text + "\n\n")
            length += len(v.text) + 2
        blocks.append(Block("summary" + ext, View("".join(joined), starts, origins), 0, len(text)))
    blocks.append(Block("raw" + ext, View(text, [0], [0]), 0, len(text)))
    return blocks


_FRONT_MATTER_PROSE = re.compile(r"^(title|description|summary)[ \t]*:[ \t]*(\S.*?)[ \t]*$", re.M)


def front_matter_prose(text: str) -> list[tuple[int, int, str]]:
    """(start, end, key) of the front matter's title, description and summary: prose to Vale rules.

    Only plain one-line values; a title reads as a heading (scope heading.h1 and title).
    """
    from factlint.markup import front_matter_span

    fm = front_matter_span(text)
    if not fm:
        return []
    out = []
    body_start = text.find("\n", fm[0]) + 1
    for m in _FRONT_MATTER_PROSE.finditer(text, body_start, fm[1]):
        s, e = m.span(2)
        value = text[s:e]
        if len(value) >= 2 and value[0] in "\"'" and value[-1] == value[0]:
            s, e = s + 1, e - 1
        elif value[:1] in "[{|>&*!%@`#":
            continue
        if s < e:
            out.append((s, e, m.group(1)))
    return out


def _is_block_code(doc: "Document", span: tuple[int, int]) -> bool:
    a, b = span
    return "\n" in doc.text[a:b].strip("\n") or (a in doc.line_starts and doc.text[a:a + 3] in ("```", "~~~"))


def comment_switches(doc: "Document") -> list[tuple[int, str, bool | None]]:
    """Vale's comment switches in order: (offset, rule or 'off', disabled?).

    ``<!-- vale off -->``/``on``, ``<!-- vale Style.Rule = NO -->``/``YES``; in
    AsciiDoc also ``// vale off`` lines and ``pass:[<!-- vale off -->]``.
    """
    out = []
    text = doc.text
    comments: list[tuple[int, str]] = []
    if doc.kind in ("markdown", "asciidoc") or "<!--" in text:
        comments.extend((m.start(), m.group(1)) for m in _HTML_COMMENT.finditer(text)
                        if not doc.in_code(m.start()) or doc.kind == "asciidoc")
    if doc.kind == "asciidoc":
        comments.extend((m.start(), m.group(1)) for m in re.finditer(r"^//[ \t]*(vale\b.*?)[ \t]*$", text, re.M))
    for at, body in sorted(comments):
        body = " ".join(body.split())
        if body == "vale off":
            out.append((at, "off", True))
        elif body == "vale on":
            out.append((at, "off", False))
        else:
            m = re.fullmatch(r"vale (.+\..+) = (YES|NO)", body)
            if m:
                for name in m.group(1).split(","):
                    out.append((at, name.strip(), m.group(2) == "NO"))
    return out
