"""Mappings and sequences that remember where in a YAML file each key and item was.

The standards desk edits the register by hand; an error that says
``register.yaml:14:7`` saves them a search. These types are all the rest of
factlint sees of YAML, whether a tree was just parsed or read from the cache.
"""

from __future__ import annotations

from typing import Any


class MarkedDict(dict):
    """A mapping with ``mark`` (its own position) and ``key_marks`` (each key's)."""

    mark: tuple[int, int] = (1, 1)
    key_marks: dict[Any, tuple[int, int]]

    def where(self, key: Any = None) -> tuple[int, int]:
        if key is not None and key in self.key_marks:
            return self.key_marks[key]
        return self.mark


class MarkedList(list):
    """A sequence with ``mark`` and ``item_marks`` (each item's position)."""

    mark: tuple[int, int] = (1, 1)
    item_marks: list[tuple[int, int]]

    def where(self, index: int | None = None) -> tuple[int, int]:
        if index is not None and 0 <= index < len(self.item_marks):
            return self.item_marks[index]
        return self.mark
