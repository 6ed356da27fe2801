"""The values that flow from rules to reporters.

Rules produce ``Hit``s: offsets into the document's text, which is all a rule
knows about. The engine turns a hit into a ``Finding`` by adding the path,
the configured severity, 1-based line/column positions and a fingerprint, so
reporters never need the document and rules never need positions.
"""

from __future__ import annotations

import enum
from functools import lru_cache
from typing import Any

from factlint.records import field, record


class Severity(enum.IntEnum):
    """Ordered so that ``max()`` and ``>=`` compare importance."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, name: str) -> "Severity":
        try:
            return cls[name.upper()]
        except KeyError:
            raise ValueError(f"unknown severity {name!r} (use error, warning or info)") from None

    def __str__(self) -> str:
        return self.name.lower()


@record(frozen=True)
class Edit:
    """Replace ``text[start:end]`` (offsets into the document text) with ``replacement``."""

    start: int
    end: int
    replacement: str


@record(frozen=True)
class Related:
    """Where a finding's evidence lives: the register entry it was checked against.

    Shown under the finding in the full text format, and as LSP related
    information, so a writer can open the entry (and its source) in one step.
    """

    message: str
    path: str
    line: int
    column: int = 1


@record(frozen=True)
class Hit:
    """What a rule reports: a span of the document text and a message."""

    start: int
    end: int
    message: str
    fix: tuple[Edit, ...] = ()
    # Text that identifies the finding independently of its position
    # (normally the sentence); used for fingerprints. Defaults to the span.
    context: str | None = None
    related: tuple[Related, ...] = ()
    # A page that explains the rule (a Vale rule's ``link``); shown by json and SARIF.
    link: str = field(default="", compare=False)


@record(frozen=True)
class Position:
    """1-based line and column; columns count Unicode code points."""

    line: int
    column: int


@record(frozen=True)
class Finding:
    """A located, rated finding. End positions are exclusive."""

    path: str
    rule: str
    severity: Severity
    message: str
    start: Position
    end: Position
    offset: int
    end_offset: int
    fix: tuple[Edit, ...] = ()
    fingerprint: str = ""
    # The source line the finding starts on, for renderers that show context.
    source_line: str = field(default="", compare=False)
    related: tuple[Related, ...] = field(default=(), compare=False)
    link: str = field(default="", compare=False)

    @property
    def line(self) -> int:
        return self.start.line

    @property
    def column(self) -> int:
        return self.start.column

    @property
    def end_line(self) -> int:
        return self.end.line

    @property
    def end_column(self) -> int:
        return self.end.column

    def sort_key(self) -> tuple:
        return (self.path, self.start.line, self.start.column, self.rule, self.message)


def fingerprint(rule: str, context: str, occurrence: int = 0) -> str:
    """A stable id for a finding that survives edits elsewhere and moved lines.

    Built from the rule and the whitespace- and case-normalised context text,
    plus the index of this occurrence among identical ones in the file.
    """
    digest = _prefix(rule, context).copy()
    digest.update(str(occurrence).encode("utf-8"))
    return digest.hexdigest()[:32]


@lru_cache(maxsize=256)
def _prefix(rule: str, context: str) -> Any:
    # The hash of everything but the occurrence, once per (rule, context): the thousands
    # of findings of one long sentence would otherwise re-hash it each, quadratically.
    from factlint.digests import sha256  # here: a clean run never hashes

    normalised = " ".join(context.split()).lower()
    return sha256(f"{rule}\0{normalised}\0".encode("utf-8"))
