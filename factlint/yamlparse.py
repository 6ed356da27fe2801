"""YAML parsing with PyYAML, keeping each key's and item's position (see ``marked``).

PyYAML knows positions while it constructs, so we keep them on dict and list
subclasses instead of re-parsing. Imported only when a YAML file must really
be parsed: PyYAML's import alone is 15 ms of a hook run, and an unchanged
register comes from the YAML cache instead.
"""

from __future__ import annotations

from typing import Any

import yaml

from factlint import regexstore
from factlint.errors import FactlintError
from factlint.marked import MarkedDict, MarkedList


def _pos(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """SafeLoader whose mappings and sequences carry their positions.

    libyaml's parser (CSafeLoader) where PyYAML has it: it gives nodes the same
    marks and parses a 10,000-fact register several times faster.

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


class _PyLoader(yaml.SafeLoader):
    """The pure-Python twin of ``_Loader``, for precise error positions."""


for _cls in {_Loader, _PyLoader}:
    _cls.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
    _cls.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)
    _cls.add_constructor("tag:yaml.org,2002:timestamp", _construct_str)


# What a hand-written register, config or front matter never needs: past these, the
# document is a bomb ("billion laughs" aliases) or a stack overflow, not data. Aliases
# may expand a document to this many values more than ten times its written size.
MAX_NODES = 200_000
MAX_DEPTH = 64


def _check_size(node: yaml.Node, path: str) -> None:
    """Refuse documents whose aliases expand far past their written size, or nest past
    ``MAX_DEPTH``.

    Sizes are counted with aliases expanded but each node visited once (memoised), so
    the check itself costs the document's written size, not its expansion.
    """
    sizes: dict[int, int] = {}
    depths: dict[int, int] = {}
    stack: list[tuple[yaml.Node, bool]] = [(node, False)]
    visiting: set[int] = set()
    while stack:
        current, done = stack.pop()
        key = id(current)
        children = []
        if isinstance(current, yaml.SequenceNode):
            children = list(current.value)
        elif isinstance(current, yaml.MappingNode):
            children = [n for pair in current.value for n in pair]
        if done:
            visiting.discard(key)
            sizes[key] = 1 + sum(sizes[id(c)] for c in children)
            depths[key] = 1 + max((depths[id(c)] for c in children), default=0)
            if sizes[key] > MAX_NODES + 10 * len(sizes):
                raise FactlintError(f"YAML aliases expand to over {sizes[key]:,} values (an alias "
                                    "bomb?); write the values out", path, *_pos(current))
            if depths[key] > MAX_DEPTH:
                raise FactlintError(f"YAML nested more than {MAX_DEPTH} levels deep", path,
                                    *_pos(current))
            continue
        if key in sizes:
            continue
        if key in visiting:
            raise FactlintError("YAML alias refers to itself", path, *_pos(current))
        visiting.add(key)
        stack.append((current, True))
        stack.extend((c, False) for c in children if id(c) not in sizes)


_BRACKETS = regexstore.compile(r"[\[\]{}]")
_ALIAS = regexstore.compile(r"(?<![\w*])\*[^\s,\]}*]")


def _flow_depth(text: str) -> int:
    """The deepest run of flow brackets ("[[[[..."), counted without parsing."""
    depth = deepest = 0
    for m in _BRACKETS.finditer(text):
        depth = depth + 1 if m.group() in "[{" else max(0, depth - 1)
        deepest = max(deepest, depth)
    return deepest


def parse(text: str, path: str) -> Any:
    """Parse YAML text; syntax errors become a one-line FactlintError at their position.

    The fast parser runs first; on an error the text is parsed again with
    PyYAML's own, whose positions are the ones editors expect.
    """
    if _flow_depth(text) > MAX_DEPTH:  # refuse before the parser recurses that deep
        raise FactlintError(f"YAML nested too deeply (more than {MAX_DEPTH} levels)", path)
    try:
        return _load(_Loader, text, path)
    except yaml.YAMLError as fast_error:
        error = fast_error
        if _Loader is not _PyLoader:
            try:
                _load(_PyLoader, text, path)
            except yaml.YAMLError as precise:
                error = precise
        raise _yaml_error(error, path) from None


def _load(loader_class: type, text: str, path: str) -> Any:
    try:
        loader = loader_class(text)
        try:
            node = loader.get_single_node()
            if node is None:
                return None
            if _ALIAS.search(text):  # only aliases can expand a document past its size
                _check_size(node, path)
            return loader.construct_document(node)
        finally:
            loader.dispose()
    except RecursionError:
        raise FactlintError(f"YAML nested too deeply (more than {MAX_DEPTH} levels)", path) from None


def _yaml_error(exc: yaml.YAMLError, path: str) -> FactlintError:
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        if mark is None:
            return FactlintError(f"invalid YAML: {problem}", path)
        return FactlintError(f"invalid YAML: {problem}", path, mark.line + 1, mark.column + 1)
    return FactlintError(f"invalid YAML: {exc}", path)
