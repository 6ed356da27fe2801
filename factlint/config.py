"""Find, load and validate the configuration.

Looked up from the current folder upward: ``factlint.yaml``,
``.factlint.yaml``, or ``[tool.factlint]`` in ``pyproject.toml``. Paths in it
resolve against the config file's folder, so a config works from any
subfolder. Unknown keys and unknown rule ids are errors pointing at their
line: a typo that silently disables a rule would be worse.
"""

from __future__ import annotations

import math

import re
import sys
from pathlib import Path
from typing import Any

from factlint.errors import FactlintError
from factlint.files import DEFAULT_EXCLUDE, DEFAULT_INCLUDE, display_path
from factlint.findings import Severity
from factlint.records import field, record
from factlint.yamlpos import MarkedDict, MarkedList, load_file

CONFIG_NAMES = ("factlint.yaml", ".factlint.yaml")
KEYS = {"extends", "register", "packs", "rules", "include", "exclude", "baseline", "per-file-ignores",
        "vale"}
# A chain of extends deeper than this is a mistake, not a newsroom's layout.
MAX_EXTENDS = 16
# Installed, lint_rules/ is the package data folder factlint/packs; in a
# source checkout it is the top-level lint_rules/ folder.
_HERE = Path(__file__).resolve().parent
PACKS_DIR = _HERE / "packs" if (_HERE / "packs").is_dir() else _HERE.parent / "lint_rules"


@record(frozen=True)
class RuleSetting:
    enabled: bool = True
    severity: Severity | None = None
    options: dict[str, Any] = field(default_factory=dict)


@record
class Config:
    path: Path | None = None
    root: Path = field(default_factory=Path.cwd)
    register: list[Path] = field(default_factory=list)
    packs: list[Path] = field(default_factory=list)
    rules: dict[str, RuleSetting] = field(default_factory=dict)
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    baseline: Path | None = None
    # (glob relative to root, rule ids) pairs: rules not run on the files a glob matches.
    per_file_ignores: tuple[tuple[str, frozenset[str]], ...] = ()
    # A .vale.ini whose styles run beside factlint's own rules (`vale:`), and its styles as
    # loaded to check rule names: the project runs them without reading every style again.
    vale: Path | None = None
    vale_setup: Any = field(default=None, repr=False, compare=False)

    @property
    def display(self) -> str:
        return str(self.path) if self.path else "(defaults)"


def find_config(start: Path) -> Path | None:
    """The nearest config file at or above ``start``."""
    for folder in (start, *start.parents):
        for name in CONFIG_NAMES:
            if (folder / name).is_file():
                return folder / name
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and re.search(r"^\[tool\.factlint[\].]", _read(pyproject), re.M):
            return pyproject
    return None


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise FactlintError(f"cannot read config: {exc}", display_path(path)) from None


def pack_path(name: str) -> Path | None:
    """The shipped rule pack called ``name``, if there is one."""
    candidate = PACKS_DIR / f"{name}.yaml"
    return candidate if candidate.is_file() else None


def shipped_packs() -> list[str]:
    return sorted(p.stem for p in PACKS_DIR.glob("*.yaml"))


class _Where:
    """Positions of keys for error messages, from YAML marks or a TOML text search."""

    def __init__(self, path: Path, data: Any, toml_text: str | None = None) -> None:
        self.path, self.data, self.toml_text = path, data, toml_text

    def error(self, message: str, node: Any = None, key: Any = None) -> FactlintError:
        line = col = None
        if isinstance(node, (MarkedDict, MarkedList)):
            line, col = node.where(key)
        elif self.toml_text is not None and key is not None:
            # A key on a line of its own, or inside an inline table ("rules = {x = ...}").
            m = (re.search(rf"^\s*\"?{re.escape(str(key))}\"?\s*=", self.toml_text, re.M)
                 or re.search(rf"(?<![\w-])\"?{re.escape(str(key))}\"?\s*=", self.toml_text))
            if m:
                line = self.toml_text.count("\n", 0, m.start()) + 1
                col = m.start() - (self.toml_text.rfind("\n", 0, m.start()) + 1) + 1
                col += len(m.group()) - len(m.group().lstrip())
        return FactlintError(message, display_path(self.path), line, col)


def load_config(path: Path | None, known_rules: dict[str, Any], _chain: tuple[Path, ...] = ()) -> Config:
    """Load ``path`` (or the defaults when None) and validate it against the known rules.

    ``extends`` loads the base config first (``_chain`` holds the configs
    that extend it, to refuse a cycle); this one's settings then add to it.
    """
    if path is None:
        # No config (a pre-commit user's repo): general newsroom style only.
        return Config(packs=[pack for pack in (pack_path("house-style"),) if pack])
    if not path.is_file():
        raise FactlintError("config file not found", display_path(path))
    toml_text = None
    if path.name == "pyproject.toml":
        if sys.version_info >= (3, 11):  # imported here: a factlint.yaml run never needs it
            import tomllib
        else:  # pragma: no cover
            import tomli as tomllib
        toml_text = _read(path)
        try:
            data = tomllib.loads(toml_text).get("tool", {}).get("factlint", {})
        except tomllib.TOMLDecodeError as exc:
            m = re.search(r"line (\d+), column (\d+)", str(exc))
            raise FactlintError(f"invalid TOML: {exc}", display_path(path),
                                int(m.group(1)) if m else None, int(m.group(2)) if m else None) from None
    else:
        data = load_file(path, display_path(path))
    where = _Where(path, data, toml_text)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise FactlintError("the config must be a mapping of settings", display_path(path), 1, 1)
    for key in data:
        if key not in KEYS:
            # `vale` is left out of the list so the message stays as it was before it existed.
            raise where.error(f"unknown config key {key!r} (known: {', '.join(sorted(KEYS - {'vale'}))})",
                              data, key)
    root = path.resolve().parent
    config = Config(path=path, root=root)
    base = _extends(path, data, where, known_rules, _chain)
    config.register = [_path(root, p, where, data, "register") for p in _strings(data, "register", where)]
    for name in _strings(data, "packs", where):
        found = pack_path(name) if "/" not in name and not name.endswith((".yaml", ".yml")) else None
        if found is None and "/" not in name and not name.endswith((".yaml", ".yml")):
            raise where.error(f"unknown rule pack {name!r} (shipped packs: {', '.join(shipped_packs())})",
                              data, "packs")
        config.packs.append(found or _path(root, name, where, data, "packs"))
    if "include" in data:
        config.include = tuple(_strings(data, "include", where))
    if "exclude" in data:
        config.exclude = tuple(_strings(data, "exclude", where)) + DEFAULT_EXCLUDE
    if data.get("baseline") is not None:
        value = data["baseline"]
        if not isinstance(value, str) or not value.strip() or "\0" in value or len(value) > 4096:
            raise where.error(f"'baseline' must be a file name, not {str(value)[:60]!r}", data,
                              "baseline")
        config.baseline = root / value
    if data.get("vale") is not None:
        value = data["vale"]
        if not isinstance(value, str) or not value.strip():
            raise where.error("'vale' must name a .vale.ini file", data, "vale")
        config.vale = _path(root, value, where, data, "vale")
        config.include = (*config.include, "*.adoc") if "include" not in data else config.include
        from factlint.vale.engine import load_setup

        config.vale_setup = load_setup(config.vale)
        known_rules = {**known_rules, **config.vale_setup.rule_classes}
    rules = data.get("rules") or {}
    if not isinstance(rules, dict):
        raise where.error("'rules' must map rule ids to off, a severity or options", data, "rules")
    for rule_id, setting in rules.items():
        if rule_id not in known_rules:
            raise where.error(f"unknown rule {rule_id!r} (see 'factlint rules')", rules, rule_id)
        config.rules[rule_id] = _rule_setting(rule_id, setting, known_rules[rule_id], where, rules)
    config.per_file_ignores = _per_file_ignores(data, where, known_rules)
    return _overlay(base, config, data) if base else config


def _extends(path: Path, data: dict, where: _Where, known_rules: dict[str, Any],
             chain: tuple[Path, ...]) -> Config | None:
    """The config ``extends`` names: a path relative to this file, or a shipped pack."""
    value = data.get("extends")
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise where.error("'extends' must name one config file (or a shipped pack)", data, "extends")
    if "/" not in value and not value.endswith((".yaml", ".yml", ".toml")):
        pack = pack_path(value)
        if pack is None:
            raise where.error(f"extends: unknown pack {value!r} (shipped packs: "
                              f"{', '.join(shipped_packs())}), or give a path", data, "extends")
        return Config(path=None, root=path.resolve().parent, packs=[pack])
    target = _path(path.resolve().parent, value, where, data, "extends")
    chain = (*chain, path.resolve())
    if target in chain:
        raise where.error(f"extends: {value!r} leads back to this file (a cycle)", data, "extends")
    if len(chain) > MAX_EXTENDS:
        raise where.error(f"extends: more than {MAX_EXTENDS} configs deep", data, "extends")
    return load_config(target, known_rules, chain)


def _overlay(base: Config, own: Config, data: dict) -> Config:
    """``own`` on top of ``base``: lists of files and ignores add up, settings given override."""
    def union(a: list[Path], b: list[Path]) -> list[Path]:
        return list(dict.fromkeys([*a, *b]))

    return Config(
        path=own.path, root=own.root,
        register=union(base.register, own.register), packs=union(base.packs, own.packs),
        rules={**base.rules, **own.rules},
        include=own.include if "include" in data else base.include,
        exclude=own.exclude if "exclude" in data else base.exclude,
        baseline=own.baseline if data.get("baseline") is not None else base.baseline,
        per_file_ignores=base.per_file_ignores + own.per_file_ignores,
        vale=own.vale if "vale" in data else base.vale,
        vale_setup=own.vale_setup if "vale" in data else base.vale_setup,
    )


def _per_file_ignores(data: dict, where: _Where, known_rules: dict[str, Any]) -> tuple:
    """``per-file-ignores: {"archive/*": [stat-unattributed]}``, validated where it is written."""
    table = data.get("per-file-ignores")
    if table is None:
        return ()
    if not isinstance(table, dict):
        raise where.error("'per-file-ignores' must map file globs to lists of rule ids", data,
                          "per-file-ignores")
    out = []
    for pattern, rules in table.items():
        if not isinstance(pattern, str) or not pattern.strip():
            raise where.error("per-file-ignores: each key must be a file glob", table, pattern)
        if isinstance(rules, str):
            rules = [rules]
        if not isinstance(rules, list) or not rules or not all(isinstance(r, str) for r in rules):
            raise where.error(f"per-file-ignores: {pattern!r} must list rule ids", table, pattern)
        for i, rule_id in enumerate(rules):
            if rule_id not in known_rules:
                node, key = (rules, i) if isinstance(rules, MarkedList) else (table, pattern)
                raise where.error(f"per-file-ignores: unknown rule {rule_id!r} (see 'factlint rules')",
                                  node, key)
        out.append((pattern, frozenset(rules)))
    return tuple(out)


def _strings(data: dict, key: str, where: _Where) -> list[str]:
    value = data.get(key)
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise where.error(f"{key!r} must be a text or a list of texts", data, key)
    return list(value)


def _path(root: Path, value: str, where: _Where, data: Any, key: str) -> Path:
    if not value or "\0" in value or len(value) > 4096:
        raise where.error(f"{key}: {value[:60]!r} is not a usable file name", data, key)
    try:
        path = (root / value).resolve()
        if not path.is_file():
            raise where.error(f"{key}: file {value[:200]!r} not found or not a regular file "
                              f"(relative to {root})", data, key)
    except (OSError, ValueError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise where.error(f"{key}: {value[:60]!r} is not a usable file name ({reason})", data, key) \
            from None
    return path


def _rule_setting(rule_id: str, setting: Any, rule: Any, where: _Where, node: Any) -> RuleSetting:
    if setting is False or setting == "off":
        return RuleSetting(enabled=False)
    if setting is True or setting == "on":
        return RuleSetting()
    if isinstance(setting, str):
        try:
            return RuleSetting(severity=Severity.parse(setting))
        except ValueError as exc:
            raise where.error(f"rule {rule_id!r}: {exc} or off", node, rule_id) from None
    if not isinstance(setting, dict):
        raise where.error(f"rule {rule_id!r}: use off, a severity, or a mapping of options", node, rule_id)
    options = dict(setting)
    enabled = options.pop("enabled", True)
    if not isinstance(enabled, bool):  # "false" as a string would leave the rule on
        raise where.error(f"rule {rule_id!r}: 'enabled' must be true or false, not {enabled!r}",
                          setting, "enabled")
    severity = options.pop("severity", None)
    if severity is not None:
        try:
            severity = Severity.parse(str(severity))
        except ValueError as exc:
            raise where.error(f"rule {rule_id!r}: {exc}", setting, "severity") from None
    for key, value in options.items():
        if key not in rule.options:
            known = ", ".join(sorted(rule.options)) or "none"
            raise where.error(f"rule {rule_id!r} has no option {key!r} (options: {known})", setting, key)
        default = rule.options[key]
        if default is not None and not _same_kind(value, default):
            raise where.error(f"rule {rule_id!r}: option {key!r} must be {type(default).__name__}",
                              setting, key)
        if isinstance(value, (int, float)) and not isinstance(value, bool) and (
                not math.isfinite(value) or value < 0):
            raise where.error(f"rule {rule_id!r}: option {key!r} must be a finite number >= 0, "
                              f"not {value!r}", setting, key)
    return RuleSetting(enabled=bool(enabled), severity=severity, options=options)


def _same_kind(value: Any, default: Any) -> bool:
    if isinstance(default, bool):
        return isinstance(value, bool)
    if isinstance(default, (int, float)):
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return isinstance(value, type(default))
