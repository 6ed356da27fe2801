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
from typing import TYPE_CHECKING, Iterable

from factlint.records import record
from factlint.sentences import split_sentences
from factlint import regexstore

if TYPE_CHECKING:
    from factlint.document import Document


@record
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


@record
class Block:
    scope: str          # e.g. "text.heading.h2", "sentence", "paragraph", "summary", "raw"
    view: View
    start: int          # draft offsets of the block, for comment switches
    end: int
    # A sentence's paragraph text, and where the sentence's text starts in it (the engine
    # reads a sentence's words from its paragraph's instead of scanning them again).
    within: str | None = None
    offset: int = 0

    @property
    def parts(self) -> frozenset[str]:
        return frozenset(self.scope.split("."))


_WS = " \t\r\n"


def build_view(text: str, prose: str, s: int, e: int, stars: list[tuple[int, int]],
               drop: list[tuple[int, int]] = (), raw: list[tuple[int, int]] = ()) -> View:
    """The Vale text of draft[s:e]: masked markup removed, code starred, whitespace kept.

    ``stars`` are spans shown as ``*``, ``drop`` spans left out, ``raw`` spans
    shown as the draft has them even where factlint masks them.
    """
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
                     + [(a, b, "=") for a, b in raw if b > s and a < e]
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


_MASKED_RUN = regexstore.compile(r"[ ]+")


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


_IMAGE_MD = regexstore.compile(r"!\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\(")
_IMAGE_ADOC = regexstore.compile(r"\bimage::?[^\[\s]*\[([^\],\]\n]*)")
_LINK_MD = regexstore.compile(r"(?<!!)\[((?:[^\[\]]|\[[^\[\]]*\])+)\]\(")
_HTML_COMMENT = regexstore.compile(r"<!--\s*(.*?)\s*-->", re.S)


# Vale's defaults (vale.sh/docs/keys): inline tags whose text is ignored, block tags skipped.
IGNORED_SCOPES = ("code", "tt")
SKIPPED_SCOPES = ("script", "style", "pre", "figure")

# The HTML tags a block of each scope renders as, for SkippedScopes.
# A quote's text sits in <p> inside <blockquote>; a tight list item's has no <p>.
_BLOCK_TAGS = {"list": {"li", "ul", "ol"}, "blockquote": {"blockquote", "p"},
               "table.header": {"table", "thead", "tr", "th"}, "table.cell": {"table", "tbody", "tr", "td"},
               "": {"p"}, **{f"heading.h{n}": {f"h{n}"} for n in range(1, 7)}}
_STRONG_MD = regexstore.compile(r"(?<![*_\\])(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EM_MD = regexstore.compile(r"(?<![*_\w\\])([*_])(?=[^\s*_])(.+?)(?<=[^\s*_])\1(?![*_\w])")
_INLINE_TAG_NAMES = {"strong": "strong", "b": "strong", "em": "em", "i": "em"}


def _inline_ignores(doc: "Document", ignored: frozenset[str]) -> list[tuple[int, int]]:
    """Spans of text in IgnoredScopes other than code: Markdown emphasis, link text, HTML tags."""
    text = doc.text
    out: list[tuple[int, int]] = []
    if doc.kind == "markdown":
        md = {_INLINE_TAG_NAMES.get(t) for t in ignored}
        for kind, pattern in (("strong", _STRONG_MD), ("em", _EM_MD)):
            if kind in md:
                out.extend(m.span(2) for m in pattern.finditer(text) if not doc.in_code(m.start()))
        if "a" in ignored:
            out.extend(m.span(1) for m in _LINK_MD.finditer(text) if not doc.in_code(m.start()))
    tags = sorted(ignored - {"code", "a", "frontmatter", "img", "alt"})
    if tags and "<" in text:
        names = "|".join(re.escape(t) for t in tags)
        for m in re.finditer(rf"<({names})(?:\s[^<>]*)?>(.*?)</\1\s*>", text, re.S | re.I):
            if not doc.in_code(m.start()) and m.end(2) > m.start(2):
                out.append(m.span(2))
    return out


def doc_blocks(doc: "Document", stars: list[tuple[int, int]], drop: list[tuple[int, int]],
               want_sentences: bool, want_paragraphs: bool, ext: str,
               ignored: Iterable[str] = IGNORED_SCOPES,
               skipped: Iterable[str] = SKIPPED_SCOPES) -> list[Block]:
    """Every block of ``doc`` in order, with Vale's scope names (the file's extension last).

    ``ignored`` (Vale's IgnoredScopes) are inline tags whose text rules do not
    see: ``code`` (code spans, shown as ``*``), ``tt``, ``kbd`` or any HTML tag,
    ``strong``/``b`` and ``em``/``i`` (Markdown emphasis too), ``a`` (link
    text), ``img``/``alt`` and ``frontmatter``. ``skipped`` (SkippedScopes) are
    block tags left out whole: ``p``, ``h1``..``h6``, ``li``/``ul``/``ol``,
    ``blockquote``, ``table``/``th``/``td``, ``frontmatter``; code blocks are
    linted as text only when neither ``pre`` nor ``code`` is skipped and
    ``code`` is not ignored.
    """
    text, prose = doc.text, doc.prose
    ignored, skipped = frozenset(ignored), frozenset(skipped)
    inline_code = [c for c in doc.code if not _is_block_code(doc, c)]
    raw: list[tuple[int, int]] = []
    if "code" in ignored:
        code_stars = sorted(set(stars) | set(inline_code) | set(_inline_ignores(doc, ignored)))
    else:
        code_stars = sorted(set(stars) | set(_inline_ignores(doc, ignored)))
        for a, b in inline_code:  # the code's own text, without its backticks
            span = text[a:b]
            lead, trail = len(span) - len(span.lstrip("`+")), len(span) - len(span.rstrip("`+"))
            drop = [*drop, (a, a + lead), (b - trail, b)]
            raw.append((a + lead, b - trail))
    blocks: list[Block] = []
    summary: list[View] = []
    front: list = []
    for p in doc.paragraphs:
        if p.front_matter:
            front.append(p)
            continue
        if _BLOCK_TAGS.get(p.scope, set()) & skipped:
            continue
        view = build_view(text, prose, p.start, p.end, code_stars, drop, raw)
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
                blocks.extend(_sentences(view, ext))
            blocks.append(Block("text" + ext, view, p.start, p.end))
            summary.append(view)
    if "frontmatter" not in ignored | skipped:
        for p in front:
            view = build_view(text, prose, p.start, p.end, [], [])
            if not view.text:
                continue
            key = p.scope.split(".", 1)[1]
            if key == "title":
                # A title reads as the page's heading (Vale's own scope is text.frontmatter.title).
                blocks.append(Block("text.frontmatter.heading.h1.title" + ext, view, p.start, p.end))
                continue
            if want_sentences:
                blocks.extend(_sentences(view, ext))
            blocks.append(Block("text.frontmatter." + key + ext, view, p.start, p.end))
            summary.append(view)
    if not ({"pre", "code"} & skipped) and "code" not in ignored:
        for a, b in doc.code:
            if _is_block_code(doc, (a, b)):
                a, b = _code_body(text, a, b)
                if text[a:b].strip():
                    blocks.append(Block("text" + ext, View(text[a:b], [0], [a]), a, b))
    alt_off = bool({"img", "alt"} & ignored) or "img" in skipped
    for m in (_IMAGE_MD if doc.kind == "markdown" else _IMAGE_ADOC).finditer(text):
        if alt_off or doc.kind not in ("markdown", "asciidoc") or doc.in_code(m.start()) \
                or not m.group(1).strip():
            continue
        a, b = m.span(1)
        blocks.append(Block("text.attr.alt" + ext, View(text[a:b], [0], [a]), a, b))
    if doc.kind == "markdown" and not {"a"} & (ignored | skipped):
        for m in _LINK_MD.finditer(text):
            if doc.in_code(m.start()):
                continue
            a, b = m.span(1)
            view = build_view(text, prose, a, b, code_stars, drop, raw)
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


def _sentences(view: View, ext: str) -> list[Block]:
    out = []
    for a, b in split_sentences(view.text, 0, len(view.text)):
        seg = view.text[a:b]
        lead = len(seg) - len(seg.lstrip())
        a, b = a + lead, a + lead + len(seg.strip())
        if a < b:
            sv = view.sub(a, b)
            out.append(Block("sentence" + ext, sv, *sv.span(0, len(sv.text)), within=view.text, offset=a))
    return out


def _code_body(text: str, a: int, b: int) -> tuple[int, int]:
    """A code block without its fence lines."""
    if text[a:a + 3] in ("```", "~~~"):
        first = text.find("\n", a, b)
        a = first + 1 if first >= 0 else b
        last = text.rfind("\n", a, b)
        if last >= 0 and text[last + 1:b].strip()[:3] in ("```", "~~~"):
            b = last
        elif text[a:b].strip()[:3] in ("```", "~~~"):
            b = a
    return a, b


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
