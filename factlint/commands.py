"""What each subcommand does; ``cli.py`` only parses arguments and maps exit codes."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Iterator, Sequence

from factlint.output import (
    EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, exit_code, report_error, stdout_is_terminal, write_output,
)
from factlint.engine import FileResult, Linter
from factlint.errors import FactlintError, require_extra
from factlint.escaping import one_line
from factlint.files import Source, decode, discover, display_path, read_source
from factlint.findings import Finding
from factlint.project import LinterSpec, Project, build_linter, load_project, parse_rule_list
from factlint.progress import Progress
from factlint.records import record
from factlint.reporters import needs_texts, renderer
from factlint.reporters.text import plural, render_findings, summary
from factlint.reporters.base import Report

if TYPE_CHECKING:  # imported where used: a plain check run needs none of them
    from factlint.baseline import Baseline
    from factlint.changed_lines import ChangedLines


def _report_errors(errors: list[FactlintError]) -> None:
    for error in errors:
        report_error(error)


@record
class _Run:
    """The drafts of one check run: what will be linted, how, and what went wrong."""

    # (display path, path) of each draft found; results come in this order.
    files: list[tuple[str, Path]]
    errors: list[FactlintError]
    # The draft read from stdin (a fix is written back to stdout), and its kind.
    stdin: Source | None = None
    kind: str | None = None

    def results(self, linter: Linter, jobs: int = 0, args: argparse.Namespace | None = None,
                project: Project | None = None) -> Iterator[FileResult]:
        if self.stdin is not None:
            return iter([linter.lint_source(self.stdin, self.kind)])
        if args is not None and project is not None and args.engine == "dask":
            require_extra("distributed", "dask", "--engine dask")
            from factlint.distributed import lint_on_dask

            return lint_on_dask(LinterSpec.of(args, project), self.files, args.scheduler)
        return linter.lint_files(self.files, jobs)


def _find(args: argparse.Namespace, project: Project) -> _Run:
    """The drafts the paths name (or stdin), before any is read."""
    paths = args.paths or ["."]
    if "-" in paths:
        if len(paths) > 1:
            raise FactlintError("'-' (stdin) cannot be combined with other paths")
        name = args.stdin_filename or "-"
        text, bom = decode(sys.stdin.buffer.read(), name)
        # Without a name to tell its kind, stdin is read as Markdown.
        kind = None if args.stdin_filename else "markdown"
        return _Run([(name, Path(name))], [], Source(name, None, text, bom), kind)
    root = project.config.root if getattr(args, "force_exclude", False) else None
    files, errors = [], []
    for item in discover(paths, project.config.include, project.config.exclude, root):
        if isinstance(item, FactlintError):
            errors.append(item)
        else:
            files.append(item)
    return _Run(files, errors)


class _Selection:
    """Which findings the user sees: not in the baseline, and on changed lines when asked.

    Pure (``select`` keeps no state), because ``--fix`` re-lints and selects
    again after each pass.
    """

    def __init__(self, args: argparse.Namespace, project: Project) -> None:
        self.baseline: Baseline | None = None
        path = Path(args.baseline) if args.baseline else (
            None if args.no_baseline else project.config.baseline)
        if path is not None:
            from factlint.baseline import load as load_baseline

            self.baseline = load_baseline(path)
        self.changed: ChangedLines | None = None
        if args.diff_base or args.diff_file:
            from factlint import changed_lines
        if args.diff_base:
            self.changed = changed_lines.from_git(args.diff_base)
        elif args.diff_file:
            if args.diff_file == "-" and "-" in args.paths:
                raise FactlintError("--diff-file - and a draft on stdin cannot both read stdin")
            self.changed = changed_lines.from_file(args.diff_file)
            if self.changed.empty:
                print(one_line(f"factlint: note: {args.diff_file} changes no file, so no finding "
                               f"is shown"), file=sys.stderr)

    def select(self, findings: Sequence[Finding]) -> tuple[list[Finding], int, int]:
        """(kept findings, hidden by the baseline, hidden as outside the change)."""
        kept = list(findings)
        outside = 0
        if self.changed is not None:
            from factlint import changed_lines

            before = len(kept)
            kept = changed_lines.keep_changed(kept, self.changed)
            outside = before - len(kept)
        hidden = 0
        if self.baseline is not None:
            kept, hidden = self.baseline.filter(kept)
        return kept, hidden, outside


TEXT_FORMATS = ("text", "concise", "full")


def _text_style(args: argparse.Namespace) -> str | None:
    """"full" or "concise" for the text formats (text: full on a terminal), else None."""
    if args.format == "text":
        return "full" if sys.stdout.isatty() and not args.output_file else "concise"
    return args.format if args.format in TEXT_FORMATS else None


def cmd_check(args: argparse.Namespace) -> int:
    if args.diff and args.format not in TEXT_FORMATS:
        raise FactlintError("--diff prints a diff, not findings; it cannot be combined with --format")
    project = load_project(args.config)
    linter = build_linter(project, parse_rule_list(args.select), parse_rule_list(args.ignore))
    if args.show_settings:
        from factlint.settings import show_settings

        sys.stdout.write(show_settings(project, linter))
        return EXIT_CLEAN
    if args.scheduler and args.engine != "dask":
        raise FactlintError("--scheduler needs --engine dask")
    selection = _Selection(args, project)
    linter.keep_texts = needs_texts(args.format)
    run = _find(args, project)
    if args.show_files:
        for display, _ in run.files:
            print(one_line(display))
        _report_errors(run.errors)
        return EXIT_ERROR if run.errors else EXIT_CLEAN
    if not args.no_cache and run.stdin is None and not (args.fix or args.diff):
        from factlint.cache import attach_cache

        attach_cache(linter, project, args)
    style = _text_style(args)
    # Text findings stream a file at a time, unless something must see them all first.
    streaming = (style is not None and not (args.sort or args.fix or args.diff or args.statistics
                                            or args.output_file))
    progress = Progress(len(run.files), for_people=style is not None or args.format == "html")
    color = _color(args)
    errors: list[FactlintError] = []
    for error in run.errors:
        _error(error, errors, progress, streaming)
    results: list[FileResult] = []
    findings: list[Finding] = []
    hidden = outside = 0
    try:
        for result in run.results(linter, args.jobs, args, project):
            progress.advance()
            results.append(result)
            if result.error:
                _error(result.error, errors, progress, streaming)
            kept, h, o = selection.select(result.findings)
            hidden, outside = hidden + h, outside + o
            if streaming and kept:
                kept.sort(key=lambda f: f.sort_key())
                progress.write(render_findings(kept, color, style == "full"))
            findings.extend(kept)
    finally:
        progress.close()
    if args.fix or args.diff:
        return _fix(args, linter, selection, run, results, findings, errors, hidden, outside)
    return _report(args, linter, findings, results, errors, hidden, outside,
                   streamed=streaming)


def _error(error: FactlintError, errors: list[FactlintError], progress: Progress, now: bool) -> None:
    """Keep a bad file's error for the exit code; when findings stream, show it at once."""
    errors.append(error)
    if now:
        progress.error(error)


def _color(args: argparse.Namespace, to_stderr: bool = False) -> bool:
    if to_stderr:
        return False
    return args.color == "always" or (args.color == "auto" and not args.output_file and stdout_is_terminal())


def _report(args: argparse.Namespace, linter: Linter, findings: list[Finding], results: list[FileResult],
            errors: list[FactlintError], hidden: int = 0, outside: int = 0,
            to_stderr: bool = False, streamed: bool = False) -> int:
    findings.sort(key=lambda f: f.sort_key())
    files_checked = sum(1 for r in results if r.error is None)  # an unreadable draft was not checked
    style = _text_style(args)
    report = Report(findings, {r.rule.id: type(r.rule) for r in linter.rules}, files_checked,
                    _color(args, to_stderr),
                    texts={r.path: r.text for r in results if r.text is not None},
                    errors=[str(e) for e in errors],
                    options={r.rule.id: r.options for r in linter.rules})
    if args.statistics:
        from factlint.reporters.statistics import render_statistics

        output = render_statistics(report, args.format)
    elif style is None:
        output = renderer(args.format)(report)
    else:
        output = "" if streamed else render_findings(report.findings, report.color, style == "full")
        line = summary(report, errors)
        if line and not args.quiet:
            output += line + "\n"
    if to_stderr and not args.output_file:
        sys.stderr.write(output)
    elif output or args.output_file:
        write_output(output, args.output_file)
    if style is not None and not args.quiet:
        notes = []
        if hidden:
            notes.append(f"{plural(hidden, 'finding')} in the baseline")
        if outside:
            notes.append(f"{plural(outside, 'finding')} outside the changed lines")
        if notes:
            print(f"Not shown: {' and '.join(notes)}.", file=sys.stderr)
    if not streamed:
        _report_errors(errors)
    return exit_code(findings, args.fail_on, args.exit_zero, bool(errors))


def _fix(args: argparse.Namespace, linter: Linter, selection: _Selection, run: _Run,
         results: list[FileResult], findings: list[Finding], errors: list[FactlintError],
         hidden: int, outside: int) -> int:
    """Apply (``--fix``) or show (``--diff``) the safe fixes, then report what is left."""
    from factlint.fixes import encode, fix_text, unified_diff, write_fixed

    fixable_rules = {r.rule.id for r in linter.rules if type(r.rule).fixable}

    def fixable(finding: Finding) -> bool:
        return bool(finding.fix) and finding.rule in fixable_rules

    to_fix = sorted({f.path for f in findings if fixable(f)})
    remaining = [f for f in findings if f.path not in to_fix]
    diffs, fixed_files, fixed_count = [], 0, 0
    for display in to_fix:
        try:
            source = run.stdin if run.stdin is not None else read_source(display, Path(display))
        except FactlintError as exc:
            errors.append(exc)
            continue

        def lint(text: str, path: str = display) -> list[Finding]:
            return selection.select(linter.lint_text(path, text, run.kind))[0]

        result = fix_text(source, lint, fixable)
        for finding, created in result.withheld:
            print(one_line(f"{display}:{finding.start.line}:{finding.start.column}: fix for "
                           f"[{finding.rule}] not applied: it would add [{created.rule}] "
                           f"{created.message}"), file=sys.stderr)
        if not result.changed:
            remaining.extend(result.findings)
            continue
        if args.diff:
            diffs.append(unified_diff(display, source.text, result.text))
        elif run.stdin is None:
            try:
                write_fixed(result)
            except FactlintError as exc:
                errors.append(exc)
                remaining.extend(f for f in findings if f.path == display)  # the file is as it was
                continue
        remaining.extend(result.findings)
        fixed_files += 1
        fixed_count += result.applied
        if run.stdin is not None and not args.diff:
            sys.stdout.buffer.write(encode(result.text, source.bom))
            sys.stdout.flush()
    if run.stdin is not None and args.fix and not args.diff and not fixed_files:
        sys.stdout.buffer.write(encode(run.stdin.text, run.stdin.bom))  # unchanged, as editors expect
        sys.stdout.flush()
    verb = "Would fix" if args.diff else "Fixed"
    if fixed_count:
        print(f"{verb} {plural(fixed_count, 'finding')} in {plural(fixed_files, 'file')}.", file=sys.stderr)
    if args.diff:
        write_output("".join(diffs), args.output_file)
        _report_errors(errors)
        return EXIT_ERROR if errors else (EXIT_FINDINGS if diffs else EXIT_CLEAN)
    # With stdin, stdout carries the fixed draft, so the findings go to stderr.
    return _report(args, linter, remaining, results, errors, hidden, outside,
                   to_stderr=run.stdin is not None)


def cmd_baseline(args: argparse.Namespace) -> int:
    from factlint.baseline import DEFAULT_NAME as BASELINE_NAME
    from factlint.baseline import write as write_baseline

    project = load_project(args.config)
    linter = build_linter(project)
    args.stdin_filename = None
    run = _find(args, project)
    results = list(run.results(linter))
    errors = list(run.errors) + [r.error for r in results if r.error]
    if errors:
        _report_errors(errors)
        print("Baseline not written: every draft must be readable, or its findings would come back "
              "later as new.", file=sys.stderr)
        return EXIT_ERROR
    findings = [f for r in results for f in r.findings]
    # Beside the config when there is one, so every folder below it shares the file.
    default = project.config.root / BASELINE_NAME if project.config.path else Path(BASELINE_NAME)
    path = Path(args.output) if args.output else (project.config.baseline or default)
    write_baseline(findings, path)
    shown = display_path(path)
    shown = one_line(shown)
    print(f"Wrote {plural(len(findings), 'finding')} from {plural(len(results), 'file')} to {shown}.")
    if project.config.baseline is None or path.resolve() != project.config.baseline.resolve():
        print(f"Use it with 'factlint check --baseline {shown}', or add 'baseline: {shown}' to the config.")
    return EXIT_CLEAN


def cmd_facts(args: argparse.Namespace) -> int:
    """``facts where``: the drafts and lines that cite a fact (see factlint.standards)."""
    from factlint.document import Document
    from factlint.standards import citations, find_fact

    project = load_project(args.config)
    fact = find_fact(project.register, args.fact_id)
    if fact is None:
        known = ", ".join(f.id for f in project.register.facts) or "the register has none"
        raise FactlintError(f"unknown fact {args.fact_id!r} (facts: {known})")
    errors: list[FactlintError] = []
    count = files = 0
    for item in discover(args.paths or ["."], project.config.include, project.config.exclude):
        if isinstance(item, FactlintError):
            errors.append(item)
            continue
        display, path = item
        try:
            doc = Document.from_text(display, read_source(display, path).text)
        except FactlintError as exc:
            errors.append(exc)
            continue
        files += 1
        for citation in citations(doc, fact):
            print(one_line(str(citation)))
            count += 1
    if not count:
        print(f"No draft cites fact {fact.id!r} ({plural(files, 'file')} searched).", file=sys.stderr)
    _report_errors(errors)
    return EXIT_ERROR if errors else EXIT_CLEAN


def _rule_states(args: argparse.Namespace) -> tuple[Project, dict]:
    from factlint.settings import rule_states

    project = load_project(args.config)
    return project, rule_states(build_linter(project), project)


def cmd_rules(args: argparse.Namespace) -> int:
    """Every rule as the config in force has it (severity or off), not just the defaults."""
    from factlint.settings import describe_state, known_rules

    project, states = _rule_states(args)
    rules = known_rules(project)
    width = max(len(r) for r in rules)
    shown = {r: describe_state(s) for r, s in states.items()}
    state_width = max(len(v.split(",")[0]) for v in shown.values())
    for rule_id, cls in rules.items():
        state = states[rule_id]
        level = str(state.severity) if state.enabled else "off"
        fix = " [fix]" if cls.fixable else ""
        options = "".join(f" ({k}: {v!r})" for k, v in state.options.items())
        source = getattr(cls, "source", "")
        if source:  # a Vale rule: where it comes from and the level its file gives
            options += (f" [{one_line(source)}, Vale {cls.vale_level}"
                        f"{', not supported' if cls.unsupported else ''}]")
        print(f"{rule_id:<{width}}  {level:<{state_width}}  {one_line(cls.summary)}{fix}{options}")
    where = one_line(display_path(project.config.path)) if project.config.path else "defaults, no config found"
    print(f"({where}; 'factlint explain RULE' for details)", file=sys.stderr)
    return EXIT_CLEAN


def cmd_explain(args: argparse.Namespace) -> int:
    from factlint.explain import explain_text
    from factlint.settings import describe_state

    project, states = _rule_states(args)
    if project.vale is not None and args.rule in project.vale.rule_classes:
        from factlint.vale.engine import explain_vale

        text = explain_vale(project.vale.rule_classes[args.rule])
    else:
        text = explain_text(args.rule)
    where = one_line(display_path(project.config.path)) if project.config.path else "no config found"
    sys.stdout.write(text + f"\nIn this project ({where}): {describe_state(states[args.rule])}\n")
    return EXIT_CLEAN


def cmd_server(args: argparse.Namespace) -> int:
    """``factlint server``: LSP over stdio (needs the lsp extra)."""
    require_extra("pygls", "lsp", "factlint server")
    from factlint.server import serve

    serve()
    return EXIT_CLEAN


def cmd_import(args: argparse.Namespace) -> int:
    """``import textlint-terms PATH``: the pack on stdout, to save and name under ``packs:``."""
    from factlint.importers.textlint import pack

    if args.path == "-":
        text, _ = decode(sys.stdin.buffer.read(), "-")
    else:
        text = read_source(args.path, Path(args.path)).text
    write_output(pack(text, args.path), None)
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
    if args.register_command == "stale":
        return _register_stale(args)
    project = load_project(args.config)
    reg = project.register
    config = project.config
    if args.files:
        ours = {p.resolve() for p in (*config.packs, *config.register, *([config.path] if config.path else []))}
        if not any(Path(f).resolve() in ours for f in args.files):
            return EXIT_CLEAN  # a commit of other YAML files: nothing of ours changed
    files = [display_path(p) for p in (*config.packs, *config.register)]
    print(f"Register OK: {len(reg.sources)} sources, {len(reg.facts)} facts, {len(reg.terms)} terms "
          f"({', '.join(files) or 'no files'}).")
    return EXIT_CLEAN


def _register_stale(args: argparse.Namespace) -> int:
    """Facts to check again: exit 1 when there are any, so a scheduled CI job can fail."""
    import datetime as dt

    from factlint.standards import parse_date, stale_facts

    before = None
    if args.before:
        try:
            before = parse_date(args.before)
        except ValueError:
            raise FactlintError(f"--before: {args.before!r} is not a date (use YYYY-MM-DD)") from None
    project = load_project(args.config)
    found = stale_facts(project.register.facts, before, dt.date.today())
    for stale in found:
        print(one_line(str(stale)))
    total = len(project.register.facts)
    print(f"{plural(len(found), 'stale fact')} of {total}.", file=sys.stderr)
    return EXIT_FINDINGS if found else EXIT_CLEAN
