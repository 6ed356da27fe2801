"""What the config in force switches on: for ``--show-settings``, ``rules`` and ``explain``.

A writer whose finding seems wrong, or an editor setting up a repository,
needs to see the resolved settings (which config, which register files,
each rule's severity and options), not the defaults the docs describe.
"""

from __future__ import annotations

from typing import Any

from factlint.engine import Linter
from factlint.escaping import one_line
from factlint.files import display_path
from factlint.findings import Severity
from factlint.project import Project
from factlint.records import record
from factlint.rules import all_rules


@record(frozen=True)
class RuleState:
    id: str
    enabled: bool
    severity: Severity
    # Options that differ from the rule's defaults.
    options: dict[str, Any]


def known_rules(project: Project | None = None) -> dict[str, Any]:
    """factlint's rules, then the Vale rules the project's config loads."""
    rules: dict[str, Any] = dict(all_rules())
    if project is not None and project.vale is not None:
        rules.update(project.vale.rule_classes)
    return rules


def rule_states(linter: Linter, project: Project | None = None) -> dict[str, RuleState]:
    """Every known rule as this run would have it."""
    enabled = {r.rule.id: r for r in linter.rules}
    states = {}
    for rule_id, cls in known_rules(project).items():
        on = enabled.get(rule_id)
        options = {k: v for k, v in (on.options if on else {}).items() if cls.options.get(k) != v}
        states[rule_id] = RuleState(rule_id, on is not None, on.severity if on else cls.severity, options)
    return states


def describe_state(state: RuleState) -> str:
    """'warning', 'off', or 'error, max_grade: 12'."""
    if not state.enabled:
        return "off"
    return ", ".join([str(state.severity), *(f"{k}: {v!r}" for k, v in state.options.items())])


def show_settings(project: Project, linter: Linter) -> str:
    config = project.config
    lines = [
        f"config: {one_line(display_path(config.path)) if config.path else '(none found: defaults)'}",
        f"register: {', '.join(one_line(display_path(p)) for p in config.register) or '(none)'}",
        f"packs: {', '.join(one_line(display_path(p)) for p in config.packs) or '(none)'}",
        f"include: {', '.join(config.include)}",
        f"exclude: {', '.join(config.exclude)}",
        f"baseline: {one_line(display_path(config.baseline)) if config.baseline else '(none)'}",
    ]
    for pattern, rules in config.per_file_ignores:
        lines.append(f"per-file-ignores: {pattern}: {', '.join(sorted(rules))}")
    if project.vale is not None:
        vale = project.vale.config
        lines.append(f"vale: {one_line(display_path(vale.path))} (StylesPath "
                     f"{', '.join(one_line(str(p)) for p in vale.styles_paths) or 'not set'}; "
                     f"{len(project.vale.checks)} rules; MinAlertLevel "
                     f"{['suggestion', 'warning', 'error'][vale.min_level - 1]})")
    reg = project.register
    lines.append(f"register entries: {len(reg.sources)} sources, {len(reg.facts)} facts, {len(reg.terms)} terms")
    lines.append("rules:")
    states = rule_states(linter, project)
    width = max(len(r) for r in states)
    lines += [f"  {s.id:<{width}}  {describe_state(s)}" for s in states.values()]
    return "\n".join(lines) + "\n"
