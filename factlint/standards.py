"""For the standards desk: which drafts cite a fact, and which facts have aged.

When the register changes (a figure is revised, a source retracted), the desk
needs the drafts that rely on the old entry, and from time to time the facts
that are too old to state without checking again.

A sentence *cites* a fact when either

- it is about the fact: every ``about`` group of the fact occurs in it
  (``Fact.is_about``), which is exactly when the fact rules compare its
  figures with the register; or
- it names the fact's source (one of its ``cite_as`` names) *and* states one
  of the fact's figures (within ``tolerance``): "Colville found the share
  fell to 16%" leans on the fact even without the fact's key words.

A source name alone or a figure alone is not enough: one source backs many
facts, and "16%" backs nothing by itself.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Iterable, Iterator

from factlint.document import Document, Sentence
from factlint.records import record
from factlint.register import Fact, Register

EXCERPT_CHARS = 100


@record(frozen=True)
class Citation:
    path: str
    line: int
    column: int
    fact: str
    excerpt: str
    # "about" (the fact's key words) or "source and figure".
    reason: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.fact}: {self.excerpt}"


@record(frozen=True)
class Stale:
    fact: Fact
    reasons: tuple[str, ...]

    def __str__(self) -> str:
        origin = self.fact.origin
        return f"{origin}: {self.fact.id}: {'; '.join(self.reasons)} ({self.fact.claim})"


def find_fact(register: Register, fact_id: str) -> Fact | None:
    return next((f for f in register.facts if f.id == fact_id), None)


def citations(doc: Document, fact: Fact) -> Iterator[Citation]:
    """The sentences of ``doc`` that cite ``fact``, in order."""
    for sentence in doc.sentences:
        prose = doc.sentence_text(sentence)
        if fact.is_about(prose):
            reason = "about"
        elif _names_source(prose, fact) and _states_value(doc, sentence, fact):
            reason = "source and figure"
        else:
            continue
        pos = doc.position(sentence.start)
        yield Citation(doc.path, pos.line, pos.column, fact.id,
                       excerpt(doc.text[sentence.start:sentence.end]), reason)


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """One line of at most ``limit`` characters, cut at a word where possible."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[:limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut) + "…"


@lru_cache(maxsize=None)
def _names_pattern(names: tuple[str, ...]) -> re.Pattern[str] | None:
    if not names:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w)")


def _names_source(prose: str, fact: Fact) -> bool:
    pattern = _names_pattern(tuple(sorted(fact.source.cite_as, key=len, reverse=True)))
    return bool(pattern and pattern.search(prose))


def _states_value(doc: Document, sentence: Sentence, fact: Fact) -> bool:
    figures = [v.quantity for v in fact.values if getattr(v.quantity, "kind", None) not in (None, "number")]
    if not figures:
        return False
    from factlint.quantities import find_statistics

    for q in find_statistics(doc.prose, sentence.start, sentence.end):
        for want in figures:
            if q.kind != want.kind or (q.kind != "count" and q.unit != want.unit):
                continue
            if any(v is not None and abs(v - want.value) <= fact.tolerance for v in (q.value, q.high)):
                return True
    return False


# -- stale facts -------------------------------------------------------------


def period_end(value: str) -> dt.date:
    """The last day of a register date: '2025' -> 2025-12-31, '2025-02' -> 2025-02-28."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        return dt.date(*parts)
    if len(parts) == 2:
        year, month = parts
        first_next = dt.date(year + month // 12, month % 12 + 1, 1)
        return first_next - dt.timedelta(days=1)
    return dt.date(parts[0], 12, 31)


def parse_date(value: str) -> dt.date:
    """A full date from the command line (YYYY-MM-DD), or ValueError."""
    return dt.date.fromisoformat(value)


def stale_facts(facts: Iterable[Fact], before: dt.date | None, today: dt.date) -> list[Stale]:
    """Facts whose source is dated before ``before``, that expired, or were superseded.

    A register date names a period ('2025', '2025-06'), so a fact is older
    than ``before`` only when the whole period is: a source of '2025' is not
    older than 2025-06-01. ``valid_until`` is likewise valid through the end
    of its period, and has passed when that end is before ``today``.
    """
    found = []
    for fact in facts:
        reasons = []
        if before is not None and period_end(fact.source.date) < before:
            reasons.append(f"source {fact.source.id!r} is dated {fact.source.date}, before {before}")
        if fact.valid_until and period_end(fact.valid_until) < today:
            reasons.append(f"valid until {fact.valid_until}, which has passed")
        if fact.superseded_by:
            reasons.append(f"superseded by {fact.superseded_by!r}")
        if reasons:
            found.append(Stale(fact, tuple(reasons)))
    return found
