"""The YAML cache: a cached tree is the parsed tree, marks and all, and only for the same text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factlint import cachedir, yamlcache, yamlparse
from factlint.marked import MarkedDict, MarkedList
from factlint.yamlpos import load_file

REGISTER = """\
sources:
  office: {publisher: "Statistics Office", date: 2026-01-15, cite_as: [the office, ONS]}
facts:
  - id: jobless-rate
    claim: Unemployment rate
    values: [{value: 4.2%, when: '2025'}]
    weight: 0.5
    count: 12
    draft: false
    note: null
    "quoted key": "naïve café – “quotes”"
  - [nested, [deeper, 3]]
1: a number key
"""


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(cachedir.ENV_VAR, str(tmp_path / "cache"))
    monkeypatch.setattr(cachedir, "_current", None)
    return tmp_path / "cache"


def marks(value: object) -> object:
    """Every value with every mark, as plain data, to compare two trees exactly."""
    if isinstance(value, MarkedDict):
        return ("map", value.mark, [(k, type(k).__name__, value.key_marks[k], marks(v)) for k, v in value.items()])
    if isinstance(value, MarkedList):
        return ("seq", value.mark, [(m, marks(v)) for m, v in zip(value.item_marks, value)])
    return (type(value).__name__, value)


def parse_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    real = yamlparse.parse

    def counting(text: str, path: str) -> object:
        calls.append(path)
        return real(text, path)

    monkeypatch.setattr(yamlparse, "parse", counting)
    return calls


def test_a_cached_tree_is_the_parsed_tree(cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "register.yaml"
    path.write_text(REGISTER, encoding="utf-8")
    calls = parse_calls(monkeypatch)
    first = load_file(path)
    second = load_file(path)
    assert calls == [str(path)]  # the second came from the cache
    assert marks(second) == marks(first) == marks(yamlparse.parse(REGISTER, "x"))
    assert first["facts"][0]["values"][0]["when"] == "2025"
    assert first["sources"]["office"]["date"] == "2026-01-15"  # dates stay strings


def test_an_edited_file_is_parsed_again(cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "register.yaml"
    path.write_text(REGISTER, encoding="utf-8")
    load_file(path)
    path.write_text(REGISTER.replace("4.2%", "4.3%"), encoding="utf-8")
    calls = parse_calls(monkeypatch)
    assert load_file(path)["facts"][0]["values"][0]["value"] == "4.3%"
    assert calls == [str(path)]


def test_an_entry_for_another_path_or_a_damaged_one_is_not_used(cache: Path, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "register.yaml"
    path.write_text(REGISTER, encoding="utf-8")
    load_file(path)
    entry = yamlcache.entry_path(str(path.absolute()))
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["path"] = "/elsewhere/register.yaml"
    entry.write_text(json.dumps(data), encoding="utf-8")
    calls = parse_calls(monkeypatch)
    load_file(path)
    entry.write_text('{"format": 1, "path": "' + str(path.absolute()) + '", "text": ', encoding="utf-8")
    load_file(path)
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["tree"] = {"m": [1, 1], "k": [[{"a": 1}, [1, 1], 2]]}  # a mapping key that YAML cannot give
    entry.write_text(json.dumps(data), encoding="utf-8")
    tree = load_file(path)
    assert len(calls) == 3
    assert marks(tree) == marks(yamlparse.parse(REGISTER, "x"))


def test_values_json_cannot_carry_are_not_cached(cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "odd.yaml"
    path.write_text("blob: !!binary aGVsbG8=\nset: !!set {a, b}\n", encoding="utf-8")
    calls = parse_calls(monkeypatch)
    assert load_file(path)["blob"] == b"hello"
    assert load_file(path)["set"] == {"a", "b"}
    assert len(calls) == 2
    assert not (cache / yamlcache.FOLDER).exists() or not any((cache / yamlcache.FOLDER).iterdir())


def test_invalid_yaml_is_still_an_error_at_its_line(cache: Path, tmp_path: Path) -> None:
    from factlint.errors import FactlintError

    path = tmp_path / "broken.yaml"
    path.write_text("facts:\n  - id: a\n   claim: [unclosed\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(FactlintError) as caught:
            load_file(path, "broken.yaml")
        assert caught.value.path == "broken.yaml" and caught.value.line is not None


def test_no_cache_folder_still_loads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cachedir, "_current", (None,))
    path = tmp_path / "register.yaml"
    path.write_text(REGISTER, encoding="utf-8")
    assert marks(load_file(path)) == marks(yamlparse.parse(REGISTER, "x"))
