"""A draft as rules see it: text, prose mask, paragraphs, sentences, metadata.

Built once per file and read-only afterwards. Every offset a rule uses is an
offset into ``text`` (the decoded file without its BOM); ``position`` turns
one into a 1-based line and a column counted in code points, so CRLF, tabs,
a BOM and non-ASCII text never shift a column.
"""

from __future__ import annotations

import bisect
from typing import Any


from factlint import markup
from factlint.errors import FactlintError
from factlint.findings import Position
from factlint.records import field, record
from factlint.sentences import split_sentences
from factlint.yamlpos import load_text
from factlint import regexstore

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")
ASCIIDOC_SUFFIXES = (".adoc", ".asciidoc", ".asc")

# What ends a line, here and for every tool that counts lines the way findings do.
LINE_BREAK = regexstore.compile(r"\r\n|\r|\n")


def line_starts(text: str) -> list[int]:
    """The offset where each line of ``text`` begins."""
    if "\r" in text:
        return [0] + [m.end() for m in LINE_BREAK.finditer(text)]
    # Only "\n" ends a line: ``str.find`` is several times faster than the pattern.
    starts = [0]
    i = text.find("\n")
    while i >= 0:
        starts.append(i + 1)
        i = text.find("\n", i + 1)
    return starts


def position_in(starts: list[int], offset: int) -> Position:
    """1-based line and column (code points) of ``offset``, given the text's line starts."""
    line = bisect.bisect_right(starts, offset) - 1
    return Position(line + 1, offset - starts[line] + 1)


def line_of(text: str, starts: list[int], line: int) -> str:
    """The text of 1-based ``line`` without its line break."""
    end = starts[line] if line < len(starts) else len(text)
    return text[starts[line - 1]:end].rstrip("\r\n")


def kind_of(path: str, kind: str | None = None) -> str:
    """``kind`` if given, else what the file's suffix says: markdown, asciidoc or text."""
    if kind is not None:
        return kind
    lower = path.lower()
    return ("markdown" if lower.endswith(MARKDOWN_SUFFIXES)
            else "asciidoc" if lower.endswith(ASCIIDOC_SUFFIXES) else "text")


@record(frozen=True)
class Sentence:
    start: int
    end: int
    paragraph: int


@record(frozen=True)
class Paragraph:
    start: int
    end: int
    kind: str
    sentences: tuple[Sentence, ...]
    # Vale's name for where it sits ("heading.h2", "list", "table.cell", ...; "" a paragraph;
    # "frontmatter.title", "frontmatter.description", "frontmatter.summary" a front matter value).
    scope: str = ""

    @property
    def front_matter(self) -> bool:
        """A value of the front matter (its title, a heading, or its description or summary)."""
        return self.scope.startswith("frontmatter.")


@record
class Document:
    path: str
    text: str
    kind: str = "text"
    prose: str = ""
    paragraphs: tuple[Paragraph, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    metadata: dict[str, Any] = field(default_factory=dict)
    # Offset ranges of code (blocks and spans) where comments are not directives.
    code: tuple[tuple[int, int], ...] = ()
    line_starts: list[int] = field(default_factory=list)
    _sentence_starts: list[int] = field(default_factory=list, repr=False)
    # Results that several rules derive from the same document (the term
    # scan, quantities), computed by the first rule that needs them.
    cache: dict[Any, Any] = field(default_factory=dict, repr=False)

    @classmethod
    def from_text(cls, path: str, text: str, kind: str | None = None) -> "Document":
        """Parse ``text`` (already decoded, BOM removed). ``kind`` defaults from the suffix."""
        kind = kind_of(path, kind)
        starts = line_starts(text)
        if kind == "markdown":
            metadata = _front_matter(path, text)
            # The title, description and summary are prose too (the title a heading).
            masked = markup.mask_markdown(text, starts, metadata)
        elif kind == "asciidoc":
            from factlint import asciidoc

            masked = asciidoc.mask_asciidoc(text, starts)
            metadata = {}
        else:
            masked = markup.mask_plain(text, starts)
            metadata = {}
        paragraphs = []
        sentences: list[Sentence] = []
        for index, block in enumerate(masked.blocks):
            spans = split_sentences(masked.prose, block.start, block.end)
            own = tuple(Sentence(s, e, index) for s, e in spans)
            paragraphs.append(Paragraph(block.start, block.end, block.kind, own, block.scope))
            sentences.extend(own)
        return cls(
            path=path, text=text, kind=kind, prose=masked.prose,
            paragraphs=tuple(paragraphs), sentences=tuple(sentences), metadata=metadata,
            code=masked.code, line_starts=starts,
            _sentence_starts=[s.start for s in sentences],
        )

    def position(self, offset: int) -> Position:
        """1-based line and column (code points) of a text offset."""
        return position_in(self.line_starts, offset)

    def line_text(self, line: int) -> str:
        """The text of 1-based ``line`` without its line break.

        One string per line, shared by every finding on it: a 267 KB one-line
        article with thousands of findings must not hold thousands of copies.
        """
        lines = self.cache.setdefault(("lines",), {})
        found = lines.get(line)
        if found is None:
            found = lines[line] = line_of(self.text, self.line_starts, line)
        return found

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence containing ``offset``, if it lies in one."""
        i = bisect.bisect_right(self._sentence_starts, offset) - 1
        if i >= 0 and offset < self.sentences[i].end:
            return self.sentences[i]
        return None

    def sentence_text(self, sentence: Sentence) -> str:
        """The prose of a sentence (masked characters are spaces)."""
        return self.prose[sentence.start:sentence.end]

    def in_code(self, offset: int) -> bool:
        return any(s <= offset < e for s, e in self.code)


def _front_matter(path: str, text: str) -> dict[str, Any]:
    span = markup.front_matter_span(text)
    if not span:
        return {}
    # Report YAML errors at the draft's own line numbers (front matter starts on line 2).
    data = load_text("\n" + span[2], path)
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise FactlintError("front matter must be a YAML mapping", path, 2, 1)
    return dict(data)
