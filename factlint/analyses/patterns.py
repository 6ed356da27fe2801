"""Helpers for writing the analyses' regular expressions so that ``re`` runs them fast."""

from __future__ import annotations

import re
from typing import Iterable

__all__ = ["by_first_letter", "first_letters", "literal_trie"]


def by_first_letter(alternatives: Iterable[str]) -> str:
    """``a|b|c`` with the alternatives grouped under their first letter, in their order.

    ``re`` tries the alternatives of a group one after the other at every
    position it tests; grouped as ``s(?:aid|ays)|t(?:old|ells)``, it rejects
    a whole group on one letter. Alternatives that start with different
    letters cannot match at the same place, and each group keeps the order
    given, so what the pattern matches does not change. Each alternative
    must start with a plain lower-case letter.
    """
    groups: dict[str, list[str]] = {}
    for alt in alternatives:
        if not ("a" <= alt[:1] <= "z"):
            raise ValueError(f"alternative {alt!r} does not start with a lower-case letter")
        groups.setdefault(alt[0], []).append(alt[1:])
    return "|".join(f"{letter}(?:{'|'.join(rests)})" for letter, rests in groups.items())


def literal_trie(words: Iterable[str]) -> str:
    """A pattern for exactly these literal ``words``, nested by shared prefixes.

    ``on|online|open|openai`` becomes ``o(?:n(?:line)?|pen(?:ai)?)``: ``re``
    tests each character once instead of each word in turn, so a thousand
    words cost little more than ten. Every word is matched, longest first.
    """
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here
    return _trie_pattern(trie)


def _trie_pattern(node: dict[str, dict]) -> str:
    branches = [re.escape(char) + _trie_pattern(child) for char, child in node.items() if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:  # a word may end here or go on
        return f"(?:{body})?"
    return body


def first_letters(alternatives: str | Iterable[str]) -> str:
    """The first letters of ``a|b|c`` (or of a list of alternatives, which may hold groups of
    their own), for a lookahead ``(?=[...])`` in front of it.

    Put after ``\\b``, the lookahead rules out, in one test, every word that
    no alternative can start: ``re`` otherwise tries each alternative there,
    which is slow when the pattern is case-insensitive. Each alternative must
    start with a plain lower-case letter.
    """
    letters = set()
    for alt in alternatives.split("|") if isinstance(alternatives, str) else alternatives:
        if not ("a" <= alt[:1] <= "z"):
            raise ValueError(f"alternative {alt!r} does not start with a lower-case letter")
        letters.add(alt[0])
    return "".join(sorted(letters))
