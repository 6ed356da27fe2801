"""Vale patterns (Go regexp2 syntax) compiled with ``regex``, and run with a time limit.

regexp2 follows .NET: inline flags such as ``(?i)`` or ``(?-i)`` hold to the
end of their group, across alternatives; ``[`` inside a class is a literal;
``\\z`` ends the text. ``regex``'s VERSION1 has the same inline-flag rules,
so the translation is small: character classes are escaped where VERSION1
would read set operations (``--``, ``&&``, ``||``, ``~~``) or a nested set,
``\\z`` becomes ``\\Z`` and ``(?P<name>`` / ``(?<name>`` are kept.

Every search goes through :func:`finditer` with a deadline: a pattern that
backtracks catastrophically raises :class:`PatternTimeout`, which the caller
turns into one finding naming the rule, and the run goes on.
"""

from __future__ import annotations

import os
from functools import lru_cache
from typing import Iterator

import regex

# Seconds one pattern may spend on one document (all its matches together).
TIMEOUT = float(os.environ.get("FACTLINT_PATTERN_TIMEOUT", "1.0"))

class PatternError(ValueError):
    """A pattern that does not compile; the message says why."""


class PatternTimeout(Exception):
    """A pattern ran past its time limit on one text."""

    def __init__(self, pattern: str) -> None:
        super().__init__(pattern)
        self.pattern = pattern


def translate(pattern: str) -> str:
    """The ``regex`` (VERSION1) spelling of a Go regexp2 pattern."""
    out: list[str] = []
    i, n = 0, len(pattern)
    in_class = False
    class_start = 0
    while i < n:
        c = pattern[i]
        if c == "\\" and i + 1 < n:
            nxt = pattern[i + 1]
            if not in_class and nxt == "z":
                out.append(r"\Z")
            elif nxt == "Q":  # \Q...\E: a literal run
                end = pattern.find(r"\E", i + 2)
                end = n if end < 0 else end
                out.append(regex.escape(pattern[i + 2:end]))
                i = end + 2
                continue
            else:
                out.append(pattern[i:i + 2])
            i += 2
            continue
        if in_class:
            if c == "]" and i > class_start:
                in_class = False
                out.append(c)
            elif c == "[":
                if pattern.startswith("[:", i):
                    end = pattern.find(":]", i + 2)
                    if end > 0:
                        out.append(pattern[i:end + 2])
                        i = end + 2
                        continue
                out.append(r"\[")
            elif c in "-&|~" and i + 1 < n and pattern[i + 1] == c:
                out.append("\\" + c + "\\" + c)
                i += 2
                continue
            else:
                out.append(c)
            i += 1
            continue
        if c == "[":
            in_class = True
            out.append(c)
            i += 1
            if i < n and pattern[i] == "^":
                out.append("^")
                i += 1
            class_start = i
            if i < n and pattern[i] == "]":  # a leading ] is a literal
                out.append(r"\]")
                i += 1
                class_start = i
            continue
        out.append(c)
        i += 1
    return "".join(out)


@lru_cache(maxsize=4096)
def compile_pattern(pattern: str) -> "regex.Pattern[str]":
    """Compile a Vale pattern; :class:`PatternError` says what is wrong with it."""
    try:
        return regex.compile(translate(pattern), regex.V1)
    except (regex.error, ValueError, OverflowError) as exc:
        raise PatternError(f"invalid pattern {pattern[:120]!r}: {exc}") from None


def finditer(compiled: "regex.Pattern[str]", text: str, timeout: float | None = None,
             pos: int = 0, endpos: int | None = None) -> Iterator["regex.Match[str]"]:
    """``compiled.finditer`` with a deadline; raises :class:`PatternTimeout`."""
    limit = TIMEOUT if timeout is None else timeout
    try:
        if endpos is None:
            yield from compiled.finditer(text, pos, timeout=limit)
        else:
            yield from compiled.finditer(text, pos, endpos, timeout=limit)
    except TimeoutError:
        raise PatternTimeout(compiled.pattern) from None


def search(compiled: "regex.Pattern[str]", text: str, timeout: float | None = None) -> "regex.Match[str] | None":
    limit = TIMEOUT if timeout is None else timeout
    try:
        return compiled.search(text, timeout=limit)
    except TimeoutError:
        raise PatternTimeout(compiled.pattern) from None
