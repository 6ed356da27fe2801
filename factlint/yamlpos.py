"""Loading the YAML a standards desk writes: the config, the register, packs, front matter.

Every mapping and sequence comes back as a ``MarkedDict`` or ``MarkedList``,
so errors can point at ``register.yaml:14:7``. Files are parsed by
``yamlparse`` (PyYAML) only when their text changed since the last run; an
unchanged file's tree comes from ``yamlcache``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from factlint import yamlcache
from factlint.errors import FactlintError
from factlint.marked import MarkedDict, MarkedList

__all__ = ["MarkedDict", "MarkedList", "load_file", "load_text"]


def load_text(text: str, path: str) -> Any:
    """Parse YAML text (front matter, a register given as text); errors name ``path``."""
    from factlint.yamlparse import parse

    return parse(text, path)


def load_file(path: Path, display: str | None = None) -> Any:
    """Read and parse a YAML file, with errors naming ``display`` (default: path)."""
    from factlint.files import read_bounded

    name = display or str(path)
    raw = read_bounded(path, name)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FactlintError(f"not UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})", name) from None
    key = str(path.absolute())
    found, tree = yamlcache.get(key, text)
    if not found:
        tree = load_text(text, name)
        yamlcache.put(key, text, tree)
    return tree
