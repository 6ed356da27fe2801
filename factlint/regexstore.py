"""Compiled regular expressions kept between runs, as Python keeps bytecode in ``__pycache__``.

The analyses hold about 300 patterns, and CPython's ``re`` compiles each in
pure Python: 60-80 ms at every start, a third of a one-draft run (a pre-commit
hook, a language-server start). What the compiler produces is plain data, a
list of integers, which ``_sre.compile`` turns into a Pattern in microseconds.
This store keeps that list per Python build in the cache folder, so only the
first run after an install or upgrade pays for compiling.

The file is one line of JSON (each pattern, its flags and groups, and where
its program lies) and then every program as one block of native 32-bit
words: parsing 150,000 numbers as JSON would cost 12 ms, reading the block
costs 0.3. Safety is the result cache's: nothing in the store can run, every
field is type-checked, and ``_sre`` validates each program before use (a
malformed one raises; it is then compiled afresh). A store that cannot be read
or written never fails a run. The file name carries the interpreter's build,
sre's magic number and the byte order, so another Python never reads it. Where ``re``'s internals
are not CPython's (``re._parser`` and ``re._compiler._code``), every call is a
plain ``re.compile``.

Only patterns fixed in factlint's source belong here: a pattern built from a
user's register would make the store grow with every register edited.
"""

from __future__ import annotations

import atexit
import json
from array import array
import re
import sys
from contextlib import suppress
from pathlib import Path
from typing import Any

from factlint import cachedir

try:  # CPython's sre internals, stable since 3.11
    import _sre
    from re import _compiler, _parser

    _PROGRAM_OF = _compiler._code
    _PARSE = _parser.parse
    _BUILD = f"{sys.implementation.cache_tag}-{sys.hexversion:x}-{_sre.MAGIC}-{sys.byteorder}"
    if array("I").itemsize != _sre.CODESIZE:  # pragma: no cover - a build with 16-bit or 64-bit words
        raise AttributeError("CODESIZE")
except (ImportError, AttributeError):  # pragma: no cover - another Python
    _PROGRAM_OF = None
# More entries than this means the store holds patterns of old factlint versions: keep this run's.
MAX_ENTRIES = 2000
FOLDER = "regex"
# pattern, flags -> [final flags, program (array of words), groups, group index]
Entries = dict[tuple[str, int], list[Any]]


class PatternStore:
    """The compiled programs in one store file, read on first use and written back by ``save``."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._entries: Entries | None = None
        self._used: set[tuple[str, int]] = set()
        self.changed = False

    def compile(self, pattern: str, flags: int = 0) -> re.Pattern[str]:
        """``re.compile(pattern, flags)``, from the store when this Python compiled it before."""
        flags = int(flags)
        if _PROGRAM_OF is None or not isinstance(pattern, str):
            return re.compile(pattern, flags)
        entries = self._load()
        key = (pattern, flags)
        self._used.add(key)
        entry = entries.get(key)
        if entry is not None:
            compiled = _from_entry(pattern, entry)
            if compiled is not None:
                return compiled
        entry = _entry(pattern, flags)  # raises re.error on a bad pattern, as re.compile does
        compiled = _from_entry(pattern, entry)
        if compiled is None:  # pragma: no cover - sre refused its own compiler's program
            return re.compile(pattern, flags)
        entries[key] = entry
        self.changed = True
        return compiled

    def _load(self) -> Entries:
        if self._entries is None:
            self._entries = {}
            if self.path is not None:
                with suppress(OSError, ValueError, RecursionError):
                    self._entries = _parse_store(self.path.read_bytes())
        return self._entries

    def save(self) -> None:
        """Write the store when something new was compiled (safe to call again); two runs
        saving at once leave one complete store."""
        if not self.changed or self._entries is None or self.path is None:
            return
        self.changed = False
        entries = self._entries
        if len(entries) > MAX_ENTRIES:
            entries = {k: v for k, v in entries.items() if k in self._used}
        rows, programs = [], array("I")
        for (pattern, flags), (final_flags, program, groups, groupindex) in entries.items():
            rows.append([pattern, flags, final_flags, len(programs), len(program), groups, groupindex])
            programs.extend(program)
        with suppress(OSError):
            cachedir.write_entry(self.path, json.dumps(rows, separators=(",", ":")).encode("utf-8") + b"\n"
                                 + programs.tobytes())


def store_path(root: Path | None) -> Path | None:
    """The store file of this Python build in the cache folder ``root``."""
    return None if root is None or _PROGRAM_OF is None else root / FOLDER / f"{_BUILD}.store"


_store: PatternStore | None = None


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:  # noqa: A001 - re.compile's name, on purpose
    """``re.compile(pattern, flags)`` through this process's store, saved at exit."""
    global _store
    if _store is None:
        _store = PatternStore(store_path(cachedir.current()))
        atexit.register(_store.save)
    return _store.compile(pattern, flags)


def _entry(pattern: str, flags: int) -> list[Any]:
    tree = _PARSE(pattern, flags)
    return [flags | tree.state.flags, array("I", _PROGRAM_OF(tree, flags)), tree.state.groups - 1,
            dict(tree.state.groupdict)]


def _from_entry(pattern: str, entry: list[Any]) -> re.Pattern[str] | None:
    final_flags, program, groups, groupindex = entry
    index_group: list[str | None] = [None] * (groups + 1)
    for name, number in groupindex.items():
        index_group[number] = name
    try:
        return _sre.compile(pattern, final_flags, program.tolist(), groups, groupindex, tuple(index_group))
    except (RuntimeError, TypeError, ValueError, OverflowError, IndexError):
        return None  # a damaged entry: compiled afresh, and the store rewritten


def _parse_store(raw: bytes) -> Entries:
    """The valid rows of a store file; a row of the wrong shape is left out (and so recompiled)."""
    header, _, block = raw.partition(b"\n")
    rows = json.loads(header)
    programs = array("I")
    programs.frombytes(block[:len(block) - len(block) % programs.itemsize])
    entries: Entries = {}
    if not isinstance(rows, list):
        return entries
    for row in rows:
        if (isinstance(row, list) and len(row) == 7 and isinstance(row[0], str)
                and all(type(v) is int and v >= 0 for v in row[1:6])
                and row[3] + row[4] <= len(programs)
                and isinstance(row[6], dict)
                and all(isinstance(k, str) and type(v) is int and 0 < v <= row[5] for k, v in row[6].items())):
            pattern, flags, final_flags, start, length, groups, groupindex = row
            entries[(pattern, flags)] = [final_flags, programs[start:start + length], groups, groupindex]
    return entries
