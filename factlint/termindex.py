"""Find every term of every pack in one pass over the prose.

One giant alternation of all terms is slow in Python's ``re`` (13 s over the
BBC corpus for 192 terms); instead the terms are keyed by their first word,
and one pattern of those first words (literal, nested by shared prefixes, run
on the lower-cased prose) finds where a term may start, so 1,000 terms cost
little more than 10 and the words that start no term are never looked at in
Python (``bench/terms.py``: 0.11 s for 10 terms, 0.17 s for 1,000, over the
BBC corpus; a dict lookup of every word took 0.38 s and 0.51 s). A term is
split into words and the separators between them ("open-source": open, "-",
source), so hyphenation and spacing are matched exactly while letters are
compared case-insensitively.

Pattern terms (``pattern:``) are regular expressions compiled with ``regex``
and run apart from that scan, so they add nothing to it: each pattern is
tried on a draft only when the draft contains the letters any match of it
must start with (``vale.prefilter.alternative_keys``), and every search runs
under the pattern time limit of ``vale.patterns``. One alternation of all
patterns was five times slower than this in ``regex`` over the BBC corpus.
"""

from __future__ import annotations

import re
import time
from collections import defaultdict
from functools import lru_cache
from typing import Any, Iterator, Sequence

from factlint.analyses.patterns import literal_trie
from factlint.records import record
from factlint.register import Register, Term
from factlint import regexstore

_WORD = regexstore.compile(r"\w+")


def fold_case(text: str) -> str:
    """``text.lower()`` with every offset kept: "İ" (U+0130) lower-cases to two code points,
    which would shift every later match onto the wrong words; it folds to "i" here."""
    return text.replace("\u0130", "i").lower()
_SPLIT = regexstore.compile(r"(\w+)")
_SPACE = regexstore.compile(r"\s+")
# A character that glues a match to its neighbour into a compound, path,
# handle or file name ("Deepseek-V3", "huggingface/hub", "@deepseek", "x.md").
_JOINERS = frozenset("-_/\\@#.+~")


@record(frozen=True)
class Pattern:
    words: tuple[str, ...]  # lower-cased
    seps: tuple[str, ...]  # between words, whitespace folded to " "
    leading: str
    trailing: str
    term: Term
    variant: str  # the surface form as written in the register


@record(frozen=True)
class TermMatch:
    start: int
    end: int
    term: Term
    variant: str
    # A pattern term's match: ``use`` with the match's groups filled in.
    replacement: str | None = None


def _compile(variant: str, term: Term) -> Pattern | None:
    parts = _SPLIT.split(variant.strip())
    words = tuple(p.lower() for p in parts[1::2])
    if not words:
        return None
    seps = tuple(_SPACE.sub(" ", s) for s in parts[2:-1:2])
    return Pattern(words, seps, parts[0], parts[-1], term, variant)


class TermIndex:
    """All terms, keyed by their first word; pattern terms beside them."""

    def __init__(self, terms: Sequence[Term]) -> None:
        self._by_first: dict[str, list[Pattern]] = defaultdict(list)
        self.patterns: list[PatternTerm] = []
        for term in terms:
            if term.pattern:
                self.patterns.append(PatternTerm(term))
                continue
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
        # The first words as one pattern on lower-cased prose: a term's first word is a whole
        # word (``\w+``), so words that are not (from "İ", which lower() makes two code points)
        # can never match and are left out.
        firsts = [w for w in self._by_first if _WORD.fullmatch(w)]
        # Run with a space in front and opened by the character before the word: a pattern
        # that opens with a character class is tried only where the class matches, one
        # that opens with "\b" at every character. Group 1 is the word; the match starts
        # where the word does in the text without the space.
        self._first_words = re.compile(rf"[^\w]({literal_trie(firsts)})\b") if firsts else None

    def scan(self, prose: str) -> Iterator[TermMatch]:
        """Yield non-overlapping matches in text order."""
        if self._first_words is None:
            return
        lowered = fold_case(prose)
        last_end = -1
        # Only the words that start a term are looked at. fold_case keeps every offset and
        # which characters are word characters, so ``lowered``'s words are ``prose``'s.
        for first in self._first_words.finditer(" " + lowered):
            s = first.start()  # where the word starts in ``lowered``
            if s < last_end:
                continue  # inside the previous match
            matched = self._match_at(prose, lowered, s, first.end() - 1, first.group(1))
            if matched:
                yield matched
                last_end = matched.end

    def _match_at(self, prose: str, lowered: str, s: int, e: int, first: str) -> TermMatch | None:
        """The longest term that starts with the word ``first``, at ``lowered[s:e]``, if any
        is written there."""
        following: list[tuple[int, int]] = []  # the words after ``first``, read as needed
        rest = _WORD.finditer(lowered, e)
        for p in self._by_first[first]:
            if len(p.words) > 1 and not _may_follow(prose, lowered, e, p):
                continue
            while len(following) < len(p.words) - 1:
                word = next(rest, None)
                if word is None:
                    break
                following.append(word.span())
            if len(following) < len(p.words) - 1:
                continue  # the text ends first
            spans = [(s, e), *following[:len(p.words) - 1]]
            if all(lowered[spans[k][0]:spans[k][1]] == p.words[k]
                   and _SPACE.sub(" ", prose[spans[k - 1][1]:spans[k][0]]) == p.seps[k - 1]
                   for k in range(1, len(p.words))):
                start = s - len(p.leading)
                end = spans[-1][1]
                if p.leading and prose[start:s] != p.leading:
                    continue
                if p.trailing and not prose.startswith(p.trailing, end):
                    continue
                end += len(p.trailing)
                if _glued(prose, start, end):
                    continue
                return TermMatch(start, end, p.term, p.variant)
        return None

    def scan_patterns(self, prose: str) -> tuple[list[TermMatch], list[Term]]:
        """Every pattern term's matches (non-overlapping, earliest first, then register
        order), and the terms whose pattern ran past its time limit on this prose."""
        if not self.patterns:
            return [], []
        from factlint.vale.patterns import PatternTimeout

        folded = prose.casefold()
        present: dict[str, bool] = {}
        found: list[tuple[int, int, int, TermMatch]] = []
        timed_out: list[Term] = []
        for order, p in enumerate(self.patterns):
            if p.keys is not None:
                for k in p.keys:
                    hit = present.get(k)
                    if hit is None:
                        hit = present[k] = k in folded
                    if hit:
                        break
                else:
                    continue  # the draft lacks the text every match of it contains
            try:
                for m in p.matches(prose):
                    found.append((m.start, order, m.end, m))
            except PatternTimeout:
                timed_out.append(p.term)
        found.sort(key=lambda f: (f[0], f[1]))
        out: list[TermMatch] = []
        last = 0
        for start, _, end, m in found:
            if start >= last:
                out.append(m)
                last = end
        return out, timed_out


def _may_follow(prose: str, lowered: str, e: int, p: Pattern) -> bool:
    """False when the text after a first word ending at ``e`` cannot go on as ``p``.

    A cheap test before the words after it are read: a separator without a space is
    written as it is, right before the second word; one that opens with a space (any
    white space, folded) starts with white space.
    """
    sep = p.seps[0]
    if " " not in sep:
        return prose.startswith(sep, e) and lowered.startswith(p.words[1], e + len(sep))
    if sep[0] == " ":
        return prose[e:e + 1].isspace()
    return True


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


class PatternTerm:
    """One pattern term, compiled, with the word starts that a match of it needs."""

    def __init__(self, term: Term) -> None:
        from factlint.vale.prefilter import alternative_keys

        self.term = term
        self.compiled = compile_term_pattern(term.pattern, term.ignorecase)
        keys = required_literals(term.pattern) or alternative_keys(term.pattern)
        # casefold: what a case-insensitive match can be ("ß" for "ss"), for a substring test.
        self.keys = frozenset(k.casefold() for k in keys) if keys else None

    def matches(self, prose: str) -> Iterator[TermMatch]:
        """Matches that are whole words in prose, never part of a compound, path or file name.

        Raises ``PatternTimeout`` when all searches on this prose together pass the limit.
        """
        from factlint.vale import patterns

        budget = patterns.TIMEOUT
        search = self.compiled.search
        pos, n = 0, len(prose)
        while pos <= n:
            if budget <= 0:
                raise patterns.PatternTimeout(self.term.pattern)
            began = time.perf_counter()
            try:
                m = search(prose, pos, timeout=budget)
            except TimeoutError:
                raise patterns.PatternTimeout(self.term.pattern) from None
            budget -= time.perf_counter() - began
            if m is None:
                return
            start, end = m.span()
            if end == start or _glued(prose, start, end):
                pos = start + 1  # a shorter match may start inside: "myrepo repo"
                continue
            yield TermMatch(start, end, self.term, self.term.pattern, expand(self.term.use, m))
            pos = end


def required_literals(pattern: str) -> set[str] | None:
    """Texts one of which every match of ``pattern`` contains (the longest literal run of
    each top-level alternative: "pub" for ``E[ -]?PUB``, "mail" for ``e[- ]mail(s)?``), or
    None when some alternative has none or the pattern is beyond this reading."""
    from factlint.vale.prefilter import split_branches

    if "\\Q" in pattern or re.search(r"\(\?[a-zA-Z-]*x", pattern):
        return None  # literal runs and verbose mode read differently
    out: set[str] = set()
    for branch in split_branches(pattern):
        best = _longest_literal(branch)
        if not best:
            return None
        out.add(best)
    return out


_COUNT = regexstore.compile(r"\{\d*,?\d*\}")
_CLASS_ESCAPES = frozenset("bBdDwWsSAZzGnrtfvx0123456789pPNXuUgk")


def _longest_literal(b: str) -> str:
    runs: list[str] = []
    run: list[str] = []

    def cut() -> None:
        if run:
            runs.append("".join(run))
            run.clear()

    i, n = 0, len(b)
    while i < n:
        c = b[i]
        if c == "\\" and i + 1 < n:
            if b[i + 1] in _CLASS_ESCAPES or b[i + 1].isalnum():
                cut()
                i += 2
                continue
            atom, i = b[i + 1], i + 2
        elif c == "[":
            cut()
            j = i + 1 + (b.startswith("^", i + 1))
            j += b.startswith("]", j)
            while j < n and b[j] != "]":
                j += 2 if b[j] == "\\" else 1
            i = j + 1
            continue
        elif c == "(":
            from factlint.vale.prefilter import _close

            end = _close(b, i)
            if end < 0:
                return ""
            cut()
            i = end + 1
            continue
        elif c in ".^$)|?*+{":
            cut()
            counted = _COUNT.match(b, i) if c == "{" else None
            i = counted.end() if counted else i + 1
            continue
        else:
            atom, i = c, i + 1
        quant = b[i] if i < n else ""
        if quant and quant in "?*" or b.startswith("{0", i) or b.startswith("{,", i):
            cut()  # the atom may be absent
            continue
        run.append(atom)
        if quant and quant in "+{":
            cut()
    cut()
    return max(runs, key=len, default="")


@lru_cache(maxsize=4096)
def compile_term_pattern(pattern: str, ignorecase: bool = False) -> Any:
    """A pack's pattern compiled as Vale's are (``regex``, Go/JavaScript syntax translated);
    ``ValueError`` says why it does not compile."""
    import regex

    from factlint.vale.patterns import PatternError, translate

    try:
        return regex.compile(translate(pattern), regex.V1 | (regex.IGNORECASE if ignorecase else 0))
    except (regex.error, ValueError, OverflowError) as exc:
        raise PatternError(str(exc)) from None


# $1 $12 ${1} $<name> $& $$ (JavaScript, textlint) and \1 \g<1> \g<name> (Python).
_GROUP_REF = regexstore.compile(r"\$(?:(\d{1,2})|\{(\d+)\}|<(\w+)>|(&)|(\$))|\\(?:(\d{1,2})|g<(\w+)>)")


def _ref(m: re.Match[str]) -> int | str | None:
    """The group a reference in ``use`` names (0: the whole match), or None for ``$$``."""
    num = m.group(1) or m.group(2) or m.group(6)
    name = m.group(3) or m.group(7)
    if m.group(4):
        return 0
    if m.group(5):
        return None
    if num is not None:
        return int(num)
    return int(name) if name.isdigit() else name


def replacement_groups(use: str) -> list[int | str]:
    """The groups ``use`` refers to, to check them against the pattern when it is loaded."""
    return [r for r in map(_ref, _GROUP_REF.finditer(use)) if r is not None]


def expand(use: str, match: Any) -> str:
    """``use`` with its group references filled from ``match``; a group that took no part is ""."""
    groups = match.re.groups

    def fill(m: re.Match[str]) -> str:
        ref = _ref(m)
        if ref is None:
            return "$"
        two = m.group(1) or m.group(6)
        if isinstance(ref, int) and ref > groups and two and len(two) == 2 and int(two[0]) <= groups:
            # "$12" with one group is group 1 then "2", as JavaScript reads it.
            return (match.group(int(two[0])) or "") + two[1]
        if isinstance(ref, int) and ref > groups:
            return m.group()
        return match.group(ref) or ""
    return _GROUP_REF.sub(fill, use)


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

