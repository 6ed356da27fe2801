"""YAML loading that remembers where every key and item came from.

The standards desk edits the register by hand; an error that says
``register.yaml:14:7`` saves them a search. PyYAML knows positions while it
constructs, so we keep them on dict and list subclasses instead of
re-parsing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from factlint.errors import FactlintError


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


def _pos(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Loader(yaml.SafeLoader):
    """SafeLoader whose mappings and sequences carry their positions.

    Dates and times stay strings: register values are parsed by our own
    code, and a YAML ``2026-06-21`` must not turn into a ``datetime.date``
    in one place and stay a string in another.
    """


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> MarkedDict:
    loader.flatten_mapping(node)
    result = MarkedDict()
    result.mark = _pos(node)
    result.key_marks = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(
                None, None, "a mapping key must be a plain value", key_node.start_mark) from None
        if key in result:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark)
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_marks[key] = _pos(key_node)
    return result


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> MarkedList:
    result = MarkedList(loader.construct_object(child, deep=True) for child in node.value)
    result.mark = _pos(node)
    result.item_marks = [_pos(child) for child in node.value]
    return result


def _construct_str(loader: _Loader, node: yaml.ScalarNode) -> str:
    return loader.construct_scalar(node)


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_str)


def load_text(text: str, path: str) -> Any:
    """Parse YAML text; syntax errors become a one-line FactlintError at their position."""
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        if mark is None:
            raise FactlintError(f"invalid YAML: {problem}", path) from None
        raise FactlintError(f"invalid YAML: {problem}", path, mark.line + 1, mark.column + 1) from None
    except yaml.YAMLError as exc:
        raise FactlintError(f"invalid YAML: {exc}", path) from None


def load_file(path: Path, display: str | None = None) -> Any:
    """Read and parse a YAML file, with errors naming ``display`` (default: path)."""
    name = display or str(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise FactlintError("file not found", name) from None
    except IsADirectoryError:
        raise FactlintError("is a folder, not a YAML file", name) from None
    except OSError as exc:
        raise FactlintError(f"cannot read: {exc.strerror}", name) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FactlintError(f"not UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})", name) from None
    return load_text(text, name)
