"""Every rule factlint has, one module per family.

Add a module to ``_FAMILIES`` and decorate its rule classes with
``@register``; nothing else needs to know about them.
"""

from __future__ import annotations

import importlib

from factlint.rules.base import REGISTRY, Rule

_FAMILIES = (
    "terminology",
    "suppressions",
    "statistics",
    "claims",
    "quotes",
    "facts",
    "readability",
)


def all_rules() -> dict[str, type[Rule]]:
    """All rule classes by id, in family order."""
    for family in _FAMILIES:
        importlib.import_module(f"factlint.rules.{family}")
    return dict(REGISTRY)
