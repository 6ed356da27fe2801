"""What each subcommand does; ``cli.py`` only parses arguments and maps exit codes."""

from __future__ import annotations

import argparse
import sys
import textwrap
from pathlib import Path

from factlint.cli import EXIT_CLEAN, EXIT_ERROR, exit_code, stdout_is_terminal, write_output
from factlint.errors import FactlintError
from factlint.files import Source, decode, discover, display_path
from factlint.project import build_linter, load_project, parse_rule_list
from factlint.reporters import renderer
from factlint.reporters.base import Report
from factlint.rules import all_rules


def _report_errors(errors: list[FactlintError]) -> None:
    for error in errors:
        print(f"factlint: error: {error}", file=sys.stderr)


def cmd_check(args: argparse.Namespace) -> int:
    project = load_project(args.config)
    linter = build_linter(project, parse_rule_list(args.select), parse_rule_list(args.ignore))
    results, errors = [], []
    paths = args.paths or ["."]
    if "-" in paths:
        if len(paths) > 1:
            raise FactlintError("'-' (stdin) cannot be combined with other paths")
        name = args.stdin_filename or "-"
        text, _ = decode(sys.stdin.buffer.read(), name)
        # Without a name to tell its kind, stdin is read as Markdown.
        kind = None if args.stdin_filename else "markdown"
        results.append(linter.lint_source(Source(name, None, text), kind))
    else:
        files = []
        for item in discover(paths, project.config.include, project.config.exclude):
            if isinstance(item, FactlintError):
                errors.append(item)
            else:
                files.append(item)
        results = linter.lint_files(files, args.jobs)
    findings = []
    for result in results:
        if result.error:
            errors.append(result.error)
        findings.extend(result.findings)
    findings.sort(key=lambda f: f.sort_key())
    color = args.color == "always" or (args.color == "auto" and not args.output_file and stdout_is_terminal())
    report = Report(findings, {r.rule.id: type(r.rule) for r in linter.rules}, len(results), color)
    output = renderer(args.format)(report)
    if args.quiet and args.format == "text":
        output = "".join(output.splitlines(keepends=True)[:-1])
    write_output(output, args.output_file)
    _report_errors(errors)
    return exit_code(findings, args.fail_on, args.exit_zero, bool(errors))


def cmd_rules(args: argparse.Namespace) -> int:
    rules = all_rules()
    width = max(len(r) for r in rules)
    for rule_id, cls in rules.items():
        state = "" if cls.default_enabled else " (off by default)"
        fix = " [fix]" if cls.fixable else ""
        print(f"{rule_id:<{width}}  {str(cls.severity):<7}  {cls.summary}{fix}{state}")
    return EXIT_CLEAN


def explain_text(rule_id: str) -> str:
    rules = all_rules()
    if rule_id not in rules:
        raise FactlintError(f"unknown rule {rule_id!r} (see 'factlint rules')")
    cls = rules[rule_id]
    out = [f"{cls.id} ({cls.severity}{'' if cls.default_enabled else ', off by default'})", "",
           cls.summary, ""]
    if cls.description:
        out += [textwrap.fill(cls.description, 78), ""]
    if cls.options:
        out.append("Options (under rules: in the config):")
        out += [f"  {k}: {v!r}" for k, v in cls.options.items()]
        out.append("")
    for title, examples in (("Flagged:", cls.examples_flag), ("Not flagged:", cls.examples_pass)):
        if examples:
            out.append(title)
            for example in examples:
                lines = example.rstrip("\n").splitlines()
                out.append("  - " + lines[0])
                out += ["    " + line for line in lines[1:]]
            out.append("")
    if cls.example_register:
        out.append("The examples use this register:")
        out += ["    " + line for line in cls.example_register.rstrip().splitlines()]
    return "\n".join(out).rstrip() + "\n"


def cmd_explain(args: argparse.Namespace) -> int:
    sys.stdout.write(explain_text(args.rule))
    return EXIT_CLEAN


STARTER_CONFIG = """\
# factlint configuration. Paths are relative to this file.
# Reference: `factlint rules`, `factlint explain RULE`.

# Your register: sourced facts and house terms (YAML; more than one file is fine).
register:
  - register.yaml

# Rule packs shipped with factlint: ai-journalism, house-style.
packs:
  - house-style

# Per-rule settings: off, a severity (error, warning, info), or options.
rules:
  claim-absolute: info
  # readability-grade: {enabled: true, max_grade: 14}

# Which files in folders are drafts, and which to skip.
include: ["*.md", "*.markdown", "*.txt"]
exclude: ["node_modules", "vendor"]
"""

STARTER_REGISTER = """\
# The register: sources, the facts they support, and house terms.
# `factlint register check` validates it.

sources:
  example-survey-2026:
    publisher: Example Statistics Office      # required
    date: 2026-01-15                          # required: when it was published
    url: https://example.org/survey-2026
    cite_as: [Example Statistics Office, ESO] # names that count as citing it

facts:
  - id: example-broadband-share
    claim: Share of households with broadband
    about: [households, [broadband, internet]]  # every group must occur in the sentence
    values:
      - {value: 87%, when: 2025}
    source: example-survey-2026
    tolerance: 0.5                              # in the value's unit

terms:
  - use: open weights
    instead_of: [open source, open-source]
    near: [model, models, weights]
    not_before: [software, code, licence, license]
    why: Publishing parameters without training data is "open weights", not "open source".
  - consistent: [U.S., US]
"""


def cmd_init(args: argparse.Namespace) -> int:
    config, register = Path("factlint.yaml"), Path("register.yaml")
    for path in (config, register):
        if path.exists():
            raise FactlintError("already exists; factlint init never overwrites", str(path))
    register.write_text(STARTER_REGISTER, encoding="utf-8")
    config.write_text(STARTER_CONFIG, encoding="utf-8")
    print(f"Wrote {config} and {register}. Next: edit them, then run 'factlint check'.")
    return EXIT_CLEAN


def cmd_register(args: argparse.Namespace) -> int:
    project = load_project(args.config)
    reg = project.register
    files = [display_path(p) for p in (*project.config.packs, *project.config.register)]
    print(f"Register OK: {len(reg.sources)} sources, {len(reg.facts)} facts, {len(reg.terms)} terms "
          f"({', '.join(files) or 'no files'}).")
    return EXIT_CLEAN
