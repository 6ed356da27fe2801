"""Memos of pure functions of a word, read for all of a block's words at once.

The engine asks the same questions of every word of every block (its rule
candidates, its spelling, its syllables, the word a token peels to), and most
words were asked before. Reading the memo with ``map`` runs in C; only the
words it does not hold cost a Python call.
"""

from __future__ import annotations

from itertools import compress, repeat
from operator import is_
from typing import Any, Callable, Mapping, Sequence

__all__ = ["looked_up"]


def looked_up(memo: Mapping[Any, Any], keys: Sequence[Any], make: Callable[[Any], Any]) -> list[Any]:
    """``memo[k]`` for each of ``keys``; ``make(k)`` (which stores what it makes, or not, as
    it likes) for those the memo does not hold. No memo value may be None."""
    found = list(map(memo.get, keys))
    for i in compress(range(len(found)), map(is_, found, repeat(None))):
        found[i] = make(keys[i])
    return found
