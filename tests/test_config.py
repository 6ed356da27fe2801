"""Config discovery, path resolution and validation errors with line numbers."""

from __future__ import annotations

from pathlib import Path

import pytest

from factlint.config import find_config, load_config
from factlint.errors import FactlintError
from factlint.findings import Severity
from factlint.rules import all_rules

RULES = all_rules()


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_found_from_a_subfolder_upward(tmp_path: Path) -> None:
    config = write(tmp_path / "factlint.yaml", "packs: [house-style]\n")
    sub = tmp_path / "drafts" / "2026"
    sub.mkdir(parents=True)
    assert find_config(sub) == config


def test_dot_factlint_and_pyproject(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[project]\nname = 'x'\n")
    assert find_config(tmp_path) is None
    write(tmp_path / "pyproject.toml", "[tool.factlint]\npacks = ['house-style']\n")
    assert find_config(tmp_path) == tmp_path / "pyproject.toml"
    write(tmp_path / ".factlint.yaml", "{}\n")
    assert find_config(tmp_path) == tmp_path / ".factlint.yaml"


def test_paths_resolve_against_the_config_folder(tmp_path: Path) -> None:
    write(tmp_path / "desk" / "register.yaml", "{}\n")
    config = load_config(write(tmp_path / "factlint.yaml", "register: [desk/register.yaml]\n"), RULES)
    assert config.register == [(tmp_path / "desk" / "register.yaml").resolve()]


def test_rule_settings(tmp_path: Path) -> None:
    text = ("rules:\n  term-consistency: off\n  term-prefer: error\n"
            "  term-spelling: {severity: info}\n")
    config = load_config(write(tmp_path / "factlint.yaml", text), RULES)
    assert not config.rules["term-consistency"].enabled
    assert config.rules["term-prefer"].severity == Severity.ERROR
    assert config.rules["term-spelling"].severity == Severity.INFO


def test_pyproject_settings(tmp_path: Path) -> None:
    path = write(tmp_path / "pyproject.toml", "[tool.factlint]\npacks = ['ai-journalism']\n"
                 "[tool.factlint.rules]\nterm-prefer = 'off'\n")
    config = load_config(path, RULES)
    assert config.packs[0].name == "ai-journalism.yaml"
    assert not config.rules["term-prefer"].enabled


@pytest.mark.parametrize("text,expected", [
    ("packs: [house-style]\nregistr: [x.yaml]\n", "factlint.yaml:2:1: unknown config key 'registr'"),
    ("rules:\n  term-prefer: off\n  no-such-rule: off\n", "factlint.yaml:3:3: unknown rule 'no-such-rule'"),
    ("rules:\n  term-prefer: loud\n", "factlint.yaml:2:3: rule 'term-prefer': unknown severity 'loud'"),
    ("rules:\n  term-prefer: {colour: red}\n", "factlint.yaml:2:17: rule 'term-prefer' has no option 'colour'"),
    ("packs: [no-such-pack]\n", "factlint.yaml:1:1: unknown rule pack 'no-such-pack'"),
    ("register: [missing.yaml]\n", "factlint.yaml:1:1: register: file 'missing.yaml' not found"),
    ("rules: [a\n", "factlint.yaml:2:1: invalid YAML"),
    ("- a list\n", "factlint.yaml:1:1: the config must be a mapping"),
])
def test_errors_point_at_the_line(tmp_path: Path, text: str, expected: str) -> None:
    path = write(tmp_path / "factlint.yaml", text)
    with pytest.raises(FactlintError) as info:
        load_config(path, RULES)
    assert str(info.value).replace(str(tmp_path) + "/", "").startswith(expected)


def test_pyproject_unknown_key_names_its_line(tmp_path: Path) -> None:
    path = write(tmp_path / "pyproject.toml", "[project]\nname = 'x'\n\n[tool.factlint]\npaks = ['x']\n")
    with pytest.raises(FactlintError) as info:
        load_config(path, RULES)
    assert str(info.value).endswith("pyproject.toml:5:1: unknown config key 'paks' "
                                    "(known: baseline, exclude, extends, include, packs, "
                                    "per-file-ignores, register, rules)")
