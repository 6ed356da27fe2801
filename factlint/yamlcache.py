"""Parsed YAML kept between runs: the config, register and packs, while their text is unchanged.

A pre-commit run reads the same few YAML files at every commit; importing
PyYAML and parsing them was a fifth of a one-draft run. An entry holds the
file's whole text and its tree with every mark, and is used only when that
text equals the file's text now: nothing stale can be read, and no hash is
needed to decide. The file's absolute path names the entry (a checksum of it:
a clash only costs a parse, as the path is stored and compared too).

Entries are JSON, as the result cache's are, so a shared cache folder cannot
run code; a tree holding what JSON cannot say exactly (a YAML ``!!binary`` or
``!!set``) is simply not cached. Entries live in ``yaml/`` in the cache folder
and are pruned with the result cache's after 30 days unused.
"""

from __future__ import annotations

import json
import os
import zlib
from contextlib import suppress
from pathlib import Path
from typing import Any

from factlint import cachedir
from factlint.marked import MarkedDict, MarkedList

# Bump when the entry layout changes meaning.
FORMAT = 1
FOLDER = "yaml"
_SCALARS = (str, int, float, bool, type(None))


class _Unsupported(Exception):
    """A value JSON cannot carry exactly."""


def entry_path(key: str) -> Path | None:
    """Where the entry for the file at absolute path ``key`` lives (None: no cache folder)."""
    root = cachedir.current()
    if root is None:
        return None
    data = key.encode("utf-8", "surrogatepass")
    return root / FOLDER / f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}"


def get(key: str, text: str) -> tuple[bool, Any]:
    """(True, tree) when the entry for ``key`` was made from exactly ``text``; else (False, None)."""
    path = entry_path(key)
    if path is None:
        return False, None
    try:
        with open(path, "rb") as handle:
            mtime = os.fstat(handle.fileno()).st_mtime
            entry = json.loads(handle.read())
        if entry["format"] != FORMAT or entry["path"] != key or entry["text"] != text:
            return False, None
        tree = decode(entry["tree"])
        cachedir.mark_used(path, mtime)
        return True, tree
    except (OSError, ValueError, KeyError, TypeError, IndexError, RecursionError):
        return False, None  # missing or damaged: parsed again, and rewritten


def put(key: str, text: str, tree: Any) -> None:
    """Keep ``tree``, parsed from ``text``, for the next run; a failure only costs the next run a parse."""
    path = entry_path(key)
    if path is None:
        return
    try:
        encoded = encode(tree)
    except (_Unsupported, RecursionError):
        return
    entry = {"format": FORMAT, "path": key, "text": text, "tree": encoded}
    with suppress(OSError):
        cachedir.write_entry(path, json.dumps(entry, separators=(",", ":")).encode("utf-8"))


def encode(value: Any) -> Any:
    """A tree as JSON values: a mapping is ``{"m": mark, "k": [[key, mark, value], ...]}``,
    a sequence ``{"m": mark, "i": [[mark, value], ...]}``; scalars stay as they are."""
    if isinstance(value, MarkedDict):
        return {"m": list(value.mark), "k": [[_scalar(k), list(value.key_marks[k]), encode(v)]
                                             for k, v in value.items()]}
    if isinstance(value, MarkedList):
        return {"m": list(value.mark), "i": [[list(mark), encode(v)] for mark, v in zip(value.item_marks, value)]}
    return _scalar(value)


def _scalar(value: Any) -> Any:
    if type(value) not in _SCALARS:
        raise _Unsupported(type(value).__name__)
    return value


def decode(value: Any) -> Any:
    """The tree ``encode`` made, with its marks."""
    if not isinstance(value, dict):
        if isinstance(value, list):
            raise ValueError("a list outside a sequence entry")
        return value
    mark = _mark(value["m"])
    if "k" in value:
        mapping = MarkedDict()
        mapping.mark, mapping.key_marks = mark, {}
        for key, key_mark, item in value["k"]:
            if isinstance(key, (dict, list)):
                raise ValueError("a mapping key must be a plain value")
            mapping[key] = decode(item)
            mapping.key_marks[key] = _mark(key_mark)
        return mapping
    sequence = MarkedList(decode(item) for _, item in value["i"])
    sequence.mark, sequence.item_marks = mark, [_mark(m) for m, _ in value["i"]]
    return sequence


def _mark(value: Any) -> tuple[int, int]:
    line, column = value
    if type(line) is not int or type(column) is not int:
        raise ValueError("a mark is two numbers")
    return line, column
