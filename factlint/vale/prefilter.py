"""Skip a Vale rule on a draft that cannot match it, from the words the draft contains.

Most rules are long lists of words and phrases. Each alternative of a rule's
pattern that starts with literal letters (after any lookaround) needs a word
of the draft to start with those letters, so one scan of the draft's words
tells which rules can match at all. A rule with any alternative that gives
no such key always runs, so the filter never changes findings.
"""

from __future__ import annotations

import re
import time
from typing import Any, Iterator

import regex

from factlint.vale import patterns
from factlint import regexstore

_WORD = regexstore.compile(r"\w+")
_VWORD = regex.compile(r"\w+")
KEY = 3


class WordIndex:
    """Where each word of one block starts, and its first one to three letters (lower case)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._map: dict[str, list[int]] | None = None
        self._heads: dict[int, tuple[str, ...]] = {}

    def _build(self) -> dict[str, list[int]]:
        m: dict[str, list[int]] = {}
        heads = self._heads
        for w in _VWORD.finditer(self.text):
            word, at = w.group().lower(), w.start()
            pre = tuple(word[:n] for n in range(1, min(KEY, len(word)) + 1))
            heads[at] = pre
            for k in pre:
                m.setdefault(k, []).append(at)
        self._map = m
        return m

    def positions(self, keys: frozenset[str]) -> list[int]:
        m = self._map if self._map is not None else self._build()
        found: set[int] = set()
        for k in keys:
            hit = m.get(k)
            if hit:
                found.update(hit)
        return sorted(found)

    def heads(self, at: int) -> tuple[str, ...]:
        return self._heads.get(at, ())


class Dispatch:
    """A word-template rule split by key: at a word, only the alternatives its letters allow.

    ``units`` are the rule's alternatives in order (tokens, or swap keys);
    ``build`` makes the pattern of a subset of them. At each candidate word the
    subset whose keys the word starts with is tried, in the rule's order, so
    the alternative chosen is the one the whole pattern would choose there:
    the matches are those of ``finditer`` with the whole pattern.
    """

    def __init__(self, units: list[str], build: Any) -> None:
        self.units = units
        self.build = build
        self.by_key: dict[str, list[int]] = {}
        for i, unit in enumerate(units):
            keys = alternative_keys(unit)
            if not keys:
                raise ValueError(f"no key for {unit!r}")
            for k in keys:
                self.by_key.setdefault(k, []).append(i)
        self.keys = frozenset(self.by_key)
        self._cache: dict[frozenset[str], tuple[Any, list[int]]] = {}

    def pattern_for(self, keys: frozenset[str]) -> tuple[Any, list[int]]:
        found = self._cache.get(keys)
        if found is None:
            chosen = sorted({i for k in keys for i in self.by_key[k]})
            compiled = patterns.compile_pattern(self.build([self.units[i] for i in chosen]))
            found = (compiled, chosen)
            if len(self._cache) < 4096:
                self._cache[keys] = found
        return found

    def matches(self, text: str, index: WordIndex) -> Iterator[tuple[Any, list[int]]]:
        """(match, original indices of the pattern's alternatives) in scan order."""
        deadline = time.perf_counter() + patterns.TIMEOUT
        last = 0
        for at in index.positions(self.keys):
            if at < last:
                continue
            here = frozenset(k for k in index.heads(at) if k in self.by_key)
            compiled, chosen = self.pattern_for(here)
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                raise patterns.PatternTimeout(compiled.pattern)
            try:
                m = compiled.match(text, at, timeout=remaining)
            except TimeoutError:
                raise patterns.PatternTimeout(compiled.pattern) from None
            if m is not None:
                yield m, chosen
                last = m.end() if m.end() > m.start() else m.end() + 1


class Prefilter:
    def __init__(self, prefixes: set[str]) -> None:
        self.prefixes = prefixes

    @classmethod
    def for_doc(cls, text: str) -> "Prefilter":
        prefixes: set[str] = set()
        for w in set(_WORD.findall(text.lower())):
            for n in range(1, min(KEY, len(w)) + 1):
                prefixes.add(w[:n])
        return cls(prefixes)

    def may_match(self, keys: frozenset[str]) -> bool:
        return not self.prefixes.isdisjoint(keys)

    @staticmethod
    def keys_for(check: Any) -> frozenset[str] | None:
        """The word prefixes one of which any match must contain, or None (always run)."""
        kind = getattr(check, "kind", "")
        data = getattr(check, "data", {})
        if data.get("nonword") or getattr(check.setup, "word_template", ""):
            return None
        if kind == "existence":
            if data.get("raw"):
                return None
            alts = list(check.tokens)
        elif kind == "substitution":
            alts = list(check.keys)
        else:
            return None
        keys: set[str] = set()
        for alt in alts:
            found = alternative_keys(alt)
            if not found:
                return None
            keys |= found
        return frozenset(keys)


def alternative_keys(pattern: str) -> set[str] | None:
    """Lower-case prefixes (up to 3 letters) a match of ``pattern`` must start a word with."""
    out: set[str] = set()
    for branch in split_branches(pattern):
        k = _branch_key(branch)
        if not k:
            return None
        out |= k
    return out


def _structure(p: str, start: int = 0) -> Iterator[tuple[int, str, int]]:
    """(index, character, group depth after it) for each character outside escapes and classes.

    Both the branch splitter and the group matcher need to see a pattern's
    parentheses and bars the way the regex engine does.
    """
    depth, i, in_class = 0, start, False
    while i < len(p):
        c = p[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        else:
            depth += (c == "(") - (c == ")")
            yield i, c, depth
        i += 1


def split_branches(p: str) -> list[str]:
    """The top-level alternatives of pattern ``p`` (``a|b(c|d)`` gives ``a`` and ``b(c|d)``)."""
    parts, start = [], 0
    for i, c, depth in _structure(p):
        if c == "|" and depth == 0:
            parts.append(p[start:i])
            start = i + 1
    parts.append(p[start:])
    return parts


def _branch_key(b: str) -> set[str] | None:
    i = 0
    # Skip zero-width things at the start: lookarounds, \b, ^, inline flags.
    while i < len(b):
        if b.startswith(r"\b", i):
            i += 2
        elif b[i] == "^":
            i += 1
        elif b.startswith(("(?=", "(?!", "(?<=", "(?<!"), i):
            end = _close(b, i)
            if end < 0:
                return None
            i = end + 1
        elif re.match(r"\(\?[imsx-]+\)", b[i:]):
            i = b.index(")", i) + 1
        else:
            break
    lit = []
    while i < len(b) and len(lit) < KEY:
        c = b[i]
        nxt = b[i + 1] if i + 1 < len(b) else ""
        if c.isalnum() or c == "_":
            if nxt in "?*" or b.startswith("{0", i + 1):
                break
            lit.append(c.lower())
            i += 1
            if nxt == "+" or nxt == "{":
                break
            continue
        group = re.match(r"\((?:\?:|\?P?<[A-Za-z_]\w*>|(?!\?))", b[i:])
        if c == "(" and group:
            end = _close(b, i)
            if end < 0 or (end + 1 < len(b) and b[end + 1] in "?*{"):
                break
            inner = alternative_keys(b[i + group.end():end])
            if not lit:
                return inner
            if inner:
                return {("".join(lit) + k)[:KEY] for k in inner}
            break
        if c == "[" and not lit:
            end = b.find("]", i)
            body = b[i + 1:end] if end > 0 else ""
            if end < 0 or not body or not all(ch.isalnum() for ch in body) or len(body) > 6 \
                    or (end + 1 < len(b) and b[end + 1] in "?*"):
                return None
            rest = _branch_key(b[end + 1:]) if end + 1 < len(b) else None
            if rest:
                return {(ch.lower() + r)[:KEY] for ch in body for r in rest}
            return {ch.lower() for ch in body}
        break
    return {"".join(lit)} if lit else None


def _close(b: str, i: int) -> int:
    """Where the group opened at ``b[i]`` closes, or -1."""
    for j, c, depth in _structure(b, i):
        if c == ")" and depth == 0:
            return j
    return -1