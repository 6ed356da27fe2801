"""Find every term of every pack in one pass over the prose.

One giant alternation of all terms is slow in Python's ``re`` (13 s over the
BBC corpus for 192 terms); instead the prose is tokenised once and each word
is looked up in a dict keyed by the first word of each term, so 1,000 terms
cost about what 10 do. A term is split into words and the separators between
them ("open-source": open, "-", source), so hyphenation and spacing are
matched exactly while letters are compared case-insensitively.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterator, Sequence

from factlint.register import Register, Term

_WORD = re.compile(r"\w+")


def fold_case(text: str) -> str:
    """``text.lower()`` with every offset kept: "İ" (U+0130) lower-cases to two code points,
    which would shift every later match onto the wrong words; it folds to "i" here."""
    return text.replace("\u0130", "i").lower()
_SPLIT = re.compile(r"(\w+)")
_SPACE = re.compile(r"\s+")
# A character that glues a match to its neighbour into a compound, path,
# handle or file name ("Deepseek-V3", "huggingface/hub", "@deepseek", "x.md").
_JOINERS = frozenset("-_/\\@#.+~")


@dataclass(frozen=True)
class Pattern:
    words: tuple[str, ...]  # lower-cased
    seps: tuple[str, ...]  # between words, whitespace folded to " "
    leading: str
    trailing: str
    term: Term
    variant: str  # the surface form as written in the register


@dataclass(frozen=True)
class TermMatch:
    start: int
    end: int
    term: Term
    variant: str


def _compile(variant: str, term: Term) -> Pattern | None:
    parts = _SPLIT.split(variant.strip())
    words = tuple(p.lower() for p in parts[1::2])
    if not words:
        return None
    seps = tuple(_SPACE.sub(" ", s) for s in parts[2:-1:2])
    return Pattern(words, seps, parts[0], parts[-1], term, variant)


class TermIndex:
    """All terms, keyed by their first word."""

    def __init__(self, terms: Sequence[Term]) -> None:
        self._by_first: dict[str, list[Pattern]] = defaultdict(list)
        for term in terms:
            variants = term.instead_of if term.rule == "prefer" else (term.use, *term.instead_of)
            seen = set()
            for variant in variants:
                pattern = _compile(variant, term)
                if pattern and (pattern.words, pattern.seps, pattern.trailing) not in seen:
                    seen.add((pattern.words, pattern.seps, pattern.trailing))
                    self._by_first[pattern.words[0]].append(pattern)
        for patterns in self._by_first.values():
            # Longest first, so "open source software" wins over "open source".
            patterns.sort(key=lambda p: -len(p.words))

    def scan(self, prose: str) -> Iterator[TermMatch]:
        """Yield non-overlapping matches in text order."""
        tokens = [(m.start(), m.end()) for m in _WORD.finditer(prose)]
        lowered = fold_case(prose)
        by_first = self._by_first
        n = len(tokens)
        i = 0
        while i < n:
            s, e = tokens[i]
            candidates = by_first.get(lowered[s:e])
            matched = None
            if candidates:
                for p in candidates:
                    end_index = i + len(p.words)
                    if end_index > n:
                        continue
                    if all(lowered[tokens[i + k][0]:tokens[i + k][1]] == p.words[k]
                           and _SPACE.sub(" ", prose[tokens[i + k - 1][1]:tokens[i + k][0]]) == p.seps[k - 1]
                           for k in range(1, len(p.words))):
                        start = s - len(p.leading)
                        end = tokens[end_index - 1][1]
                        if p.leading and prose[start:s] != p.leading:
                            continue
                        if p.trailing and not prose.startswith(p.trailing, end):
                            continue
                        end += len(p.trailing)
                        if _glued(prose, start, end):
                            continue
                        matched = TermMatch(start, end, p.term, p.variant)
                        break
            if matched:
                yield matched
                while i < n and tokens[i][0] < matched.end:
                    i += 1
            else:
                i += 1


def _glued(prose: str, start: int, end: int) -> bool:
    """True when the match is part of a compound, path, handle or file name."""
    if start > 0:
        before = prose[start - 1]
        if before.isalnum() or before in "@#":
            return True
        if before in _JOINERS and start > 1 and prose[start - 2].isalnum():
            return True
    if end < len(prose):
        after = prose[end]
        if after.isalnum():
            return True
        if after in _JOINERS and end + 1 < len(prose) and prose[end + 1].isalnum():
            return True
    return False


_BUILT: dict[int, tuple[Register, "TermIndex"]] = {}


def term_index(register: Register) -> "TermIndex":
    """The compiled matcher for every term of ``register``, built once per register.

    Kept here, not on Register, so the register knows nothing of matching and
    the import runs one way (termindex -> register).
    """
    hit = _BUILT.get(id(register))
    if hit is None or hit[0] is not register:
        if len(_BUILT) > 16:  # a run loads one register; tests load many
            _BUILT.clear()
        hit = _BUILT[id(register)] = (register, TermIndex(register.terms))
    return hit[1]
