"""The compiled-pattern store: a stored pattern is the pattern, and a bad store costs only time."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from factlint import regexstore
from factlint.regexstore import PatternStore, store_path

pytestmark = pytest.mark.skipif(regexstore._PROGRAM_OF is None, reason="needs CPython's re internals")

PATTERNS = [
    (r"\b(?P<verb>said|says|told)\b\s+(?P<who>[A-Z]\w+)", 0),
    (r"""
        (?P<num>\d+(?:\.\d+)?)   # a number
        \s*(?:per\s*cent|%)
    """, re.X),
    (r"(?i)\bexperts?\s+(?:say|believe)", 0),
    (r"^#+[ \t]*$", re.M),
    (r"(?<![\w.])(?:£|\$)\d[\d,]*", 0),
    (r"“[^”]{1,200}”", re.S),
]
TEXT = ("Ms Jones said Reuters had 12.5 per cent.\nExperts say so.\n###\nIt cost £1,200 and $30. "
        "“Quoted\nspeech” too.")


def behaviour(p: re.Pattern[str]) -> tuple:
    return (p.pattern, p.flags, p.groups, dict(p.groupindex),
            [(m.span(), m.groups(), m.groupdict()) for m in p.finditer(TEXT)])


def fresh_store(path: Path) -> list[re.Pattern[str]]:
    store = PatternStore(path)
    compiled = [store.compile(p, f) for p, f in PATTERNS]
    store.save()
    return compiled


def test_a_stored_pattern_behaves_as_re_compiles_it(tmp_path: Path) -> None:
    path = tmp_path / "store.bin"
    first = fresh_store(path)
    assert path.exists()
    reread = PatternStore(path)
    second = [reread.compile(p, f) for p, f in PATTERNS]
    assert not reread.changed  # every one came from the store
    for (p, f), a, b in zip(PATTERNS, first, second):
        assert behaviour(a) == behaviour(b) == behaviour(re.compile(p, f))


def test_a_bad_pattern_raises_as_re_compile_does_and_is_not_stored(tmp_path: Path) -> None:
    store = PatternStore(tmp_path / "store.bin")
    with pytest.raises(re.error):
        store.compile(r"(unclosed")
    assert not store.changed


def rows_of(path: Path) -> list:
    return json.loads(path.read_bytes().partition(b"\n")[0])


@pytest.mark.parametrize("damage", [
    b"",                                   # empty
    b"[[\"a\", 0, 0, 0, 2",              # truncated header
    b"{\"not\": \"a list\"}\n",            # wrong shape
    b"\xff\xfe not json",                  # not text
])
def test_a_damaged_store_is_ignored_and_rewritten(tmp_path: Path, damage: bytes) -> None:
    path = tmp_path / "store.bin"
    path.write_bytes(damage)
    compiled = fresh_store(path)
    assert [behaviour(c) for c in compiled] == [behaviour(re.compile(p, f)) for p, f in PATTERNS]
    assert len(rows_of(path)) == len(PATTERNS)


def test_a_tampered_program_is_refused_and_compiled_afresh(tmp_path: Path) -> None:
    path = tmp_path / "store.bin"
    fresh_store(path)
    header, _, block = path.read_bytes().partition(b"\n")
    rows = json.loads(header)
    rows[1][6] = {"bad": 99}     # a group number the pattern does not have
    rows[2][4] = 10 ** 9         # a program longer than the block
    garbage = bytes(range(256)) * (len(block) // 256 + 1)
    path.write_bytes(json.dumps(rows).encode() + b"\n" + garbage[:len(block) - 3])  # not programs, cut short
    store = PatternStore(path)
    compiled = [store.compile(p, f) for p, f in PATTERNS]
    assert store.changed
    assert [behaviour(c) for c in compiled] == [behaviour(re.compile(p, f)) for p, f in PATTERNS]


def test_an_unwritable_folder_costs_only_time(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    store = PatternStore(blocker / "regex" / "store.bin")
    assert behaviour(store.compile(*PATTERNS[0])) == behaviour(re.compile(*PATTERNS[0]))
    store.save()  # no error


def test_the_store_is_per_python_build(tmp_path: Path) -> None:
    path = store_path(tmp_path)
    assert path.parent == tmp_path / "regex"
    assert sys.implementation.cache_tag in path.name and f"{sys.hexversion:x}" in path.name


def test_a_second_run_compiles_nothing_new(tmp_path: Path) -> None:
    """factlint's own patterns are the same in every process (no set order leaks into one), so
    the store written by a first run is not rewritten by the second, whatever the hash seed."""
    draft = tmp_path / "draft.md"
    draft.write_text("# Title\n\nThe council said 40% of roads were repaired, experts say.\n", encoding="utf-8")
    cache = tmp_path / "cache"

    def run(seed: str) -> None:
        env = {**os.environ, "FACTLINT_CACHE_DIR": str(cache), "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-m", "factlint", "check", "--exit-zero", str(draft)],
                       cwd=tmp_path, env=env, check=True, capture_output=True)

    run("1")
    path = store_path(cache)
    before = path.stat().st_mtime_ns, path.read_bytes()
    draft.write_text(draft.read_text(encoding="utf-8") + "\nA new line, so the draft is linted again.\n",
                     encoding="utf-8")
    run("2")
    assert (path.stat().st_mtime_ns, path.read_bytes()) == before
    assert len(rows_of(path)) > 100

