"""A project ready to lint: its config, register and configured rules.

The CLI's subcommands all start here, so ``check``, ``register check`` and
the standards-desk commands load and validate things the same way.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable

from factlint.config import Config, find_config, load_config
from factlint.engine import EnabledRule, Linter
from factlint.errors import FactlintError
from factlint.files import display_path
from factlint.records import record
from factlint.register import Register, load_register
from factlint.rules import all_rules


@record
class Project:
    config: Config
    register: Register
    # The Vale styles in force (factlint.vale.engine.ValeSetup), from --config .vale.ini or `vale:`.
    vale: Any = None
    # A .vale.ini given as the config: only the rules it switches on run, as in Vale.
    vale_only: bool = False


def load_project(config_path: str | None = None, start: Path | None = None) -> Project:
    """Find (or take) the config, then load and validate the register it names.

    The config is looked for from ``start`` upward (the current folder by
    default; a language server passes its workspace folder).
    """
    rules = all_rules()
    path = Path(config_path) if config_path else find_config(start or Path.cwd())
    if path is not None and path.suffix != ".yaml" and _is_vale_config(path):
        from factlint.files import DEFAULT_INCLUDE
        from factlint.vale.engine import load_setup

        if not path.is_file():
            raise FactlintError("config file not found", display_path(path))
        config = Config(path=path, root=path.resolve().parent, include=(*DEFAULT_INCLUDE, "*.adoc"))
        return Project(config, Register(), vale=load_setup(path), vale_only=True)
    config = load_config(path, rules)
    project = Project(config, Register())
    if config.vale is not None:
        project.vale = config.vale_setup
    files = [*config.packs, *config.register]
    project.register = load_register((display_path(p), p) for p in files)
    return project


@record(frozen=True)
class LinterSpec:
    """What builds a run's Linter, small enough to send to another machine.

    A Dask worker builds its own Linter from this once, instead of being sent
    the register and compiled rules with every file. Paths are absolute, so
    a worker started in another folder loads the same config.
    """

    config: str | None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    # The client's folder: display paths in findings are relative to it.
    cwd: str = ""
    # Whether results carry their drafts' text (the HTML report needs it).
    keep_texts: bool = False

    @classmethod
    def of(cls, args: Any, project: Project) -> "LinterSpec":
        from factlint.reporters import needs_texts

        path = project.config.path
        return cls(str(path.resolve()) if path else None, tuple(parse_rule_list(args.select)),
                   tuple(parse_rule_list(args.ignore)), str(Path.cwd()), needs_texts(args.format))

    def build(self) -> Linter:
        # With no config, look from the client's folder, where the client found none too.
        project = load_project(self.config, start=Path(self.cwd) if self.cwd else None)
        linter = build_linter(project, self.select, self.ignore)
        linter.keep_texts = self.keep_texts
        return linter


def _is_vale_config(path: Path) -> bool:
    from factlint.vale import is_vale_config

    return is_vale_config(path)


def parse_rule_list(value: str | None) -> list[str]:
    return [r.strip() for r in (value or "").split(",") if r.strip()]


def build_linter(project: Project, select: Iterable[str] = (), ignore: Iterable[str] = ()) -> Linter:
    """Instantiate the enabled rules with their configured severities and options.

    ``select`` (when given) runs only those rules, even ones that are off by
    default or in the config, as ruff's --select does; ``ignore`` removes rules.
    """
    known: dict[str, type] = dict(all_rules())
    vale = project.vale
    if vale is not None:
        known.update(vale.rule_classes)
    select, ignore = list(select), list(ignore)
    for rule_id in [*select, *ignore]:
        if rule_id not in known:
            raise FactlintError(f"unknown rule {rule_id!r} (see 'factlint rules')")
    enabled = []
    for rule_id, cls in known.items():
        setting = project.config.rules.get(rule_id)
        on = setting.enabled if setting else cls.default_enabled
        if project.vale_only and (vale is None or rule_id not in vale.rule_classes):
            on = False
        if select:
            on = rule_id in select
        if not on or rule_id in ignore:
            continue
        options = {**cls.options, **(setting.options if setting else {})}
        severity = (setting.severity if setting else None) or cls.severity
        enabled.append(EnabledRule(cls(), severity, options))
    if vale is not None:
        vale.active = {r.rule.id for r in enabled if r.rule.id in vale.rule_classes}
    return Linter(enabled, project.register, known, project.config.per_file_ignores, project.config.root)
