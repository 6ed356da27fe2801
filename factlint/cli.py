"""Command-line interface: argument parsing and exit codes, nothing else.

Exit codes (as ruff and Vale): 0 nothing at or above the failing level,
1 findings at or above it, 2 a usage, config, register or input error.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from types import ModuleType
from typing import Sequence

from factlint import __version__
from factlint.errors import FactlintError
from factlint.escaping import one_line
from factlint.output import EXIT_CLEAN, EXIT_ERROR, report_error

FAIL_LEVELS = ("error", "warning", "info", "never")
# More processes than this only thrash a machine; 0 means one per core.
MAX_JOBS = 64


def _text(value: str) -> str:
    """An option's text: an empty one ("--select ''") is a mistake, not "use the default"."""
    if not value.strip():
        raise argparse.ArgumentTypeError("must not be empty")
    return value


def _jobs(value: str) -> int:
    try:
        jobs = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number") from None
    if not 0 <= jobs <= MAX_JOBS:
        raise argparse.ArgumentTypeError(f"{jobs} is out of range (0 for one per core, up to {MAX_JOBS})")
    return jobs


class _Parser(argparse.ArgumentParser):
    """argparse, but usage errors exit 2 with one line, like every other bad input."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_ERROR, f"factlint: error: {message} (see '{self.prog} --help')\n")


def _parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The argument parser; for a run of a known command, only that command's part.

    Building every subcommand's parser cost more than a hook run's own parsing;
    ``factlint --help``, a mistyped command or no command at all still get them all.
    """
    parser = _Parser(prog="factlint", description="Check news drafts against a register of sourced "
                     "facts and house terminology.")
    parser.add_argument("--version", action="version", version=f"factlint {__version__}")
    parser.add_argument("--debug", action="store_true",
                        help="show a traceback on an internal error (or set FACTLINT_DEBUG=1)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True
    wanted = _command_in(sys.argv[1:] if argv is None else argv)
    for name, (help_text, add_arguments) in _COMMANDS.items():
        if wanted in (None, name):
            add_arguments(sub.add_parser(name, help=help_text))
    return parser


def _command_in(argv: Sequence[str]) -> str | None:
    """The command ``argv`` runs, if it names a known one before asking for top-level help."""
    for arg in argv:
        if arg in ("-h", "--help", "--version"):
            return None
        if not arg.startswith("-"):
            return arg if arg in _COMMANDS else None
    return None


def _check_arguments(check: argparse.ArgumentParser) -> None:
    from factlint.reporters import FORMATS

    check.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: .)")
    check.add_argument("--config", type=_text, help="config file (default: found from here upward)")
    check.add_argument("--format", "--output-format", choices=sorted(FORMATS), default="text",
                       help="output format (text: full on a terminal, concise elsewhere)")
    check.add_argument("--output-file", type=_text, metavar="PATH", help="write the report here instead of stdout")
    check.add_argument("--fail-on", choices=FAIL_LEVELS, default="warning",
                       help="lowest severity that makes the exit code 1 (default: warning)")
    check.add_argument("--select", type=_text, metavar="RULES", help="run only these rules (comma-separated)")
    check.add_argument("--ignore", type=_text, metavar="RULES", help="skip these rules (comma-separated)")
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even with findings (2 stays 2)")
    check.add_argument("--quiet", "-q", action="store_true", help="print findings only, no summary")
    check.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    check.add_argument("--stdin-filename", type=_text, metavar="NAME", help="name (and kind) of the draft read from -")
    check.add_argument("--jobs", "-j", type=_jobs, default=0,
                       help=f"processes for large runs, 1 to {MAX_JOBS} (default: cores)")
    changed = check.add_mutually_exclusive_group()
    changed.add_argument("--diff-base", type=_text, metavar="REF",
                         help="report only findings on lines added or changed since REF (git)")
    changed.add_argument("--diff-file", type=_text, metavar="PATH",
                         help="report only findings on lines a unified diff adds (- for stdin)")
    known = check.add_mutually_exclusive_group()
    known.add_argument("--baseline", type=_text, metavar="PATH",
                       help="hide findings recorded in this baseline (default: the config's baseline)")
    known.add_argument("--no-baseline", action="store_true", help="ignore the config's baseline")
    check.add_argument("--no-cache", action="store_true", help="neither read nor write the cache folder (results, compiled patterns, parsed YAML)")
    check.add_argument("--cache-dir", type=_text, metavar="PATH",
                       help="cache folder (default: $FACTLINT_CACHE_DIR, else the user cache folder)")
    check.add_argument("--engine", choices=("local", "dask"), default="local",
                       help="where files are linted: here (processes) or on a Dask cluster")
    check.add_argument("--scheduler", type=_text, metavar="ADDRESS",
                       help="Dask scheduler address for --engine dask (default: a local cluster)")
    check.add_argument("--force-exclude", action="store_true",
                       help="apply the config's exclude to paths named here too (for pre-commit)")
    check.add_argument("--sort", action="store_true",
                       help="print text findings in one global order at the end, not file by file")
    check.add_argument("--statistics", action="store_true", help="count findings per rule instead")
    shows = check.add_mutually_exclusive_group()
    shows.add_argument("--show-files", action="store_true", help="list the drafts that would be checked")
    shows.add_argument("--show-settings", action="store_true",
                       help="print the settings in force (config, register, rules) and exit")
    check.add_argument("--fix", action="store_true", help="apply safe fixes (see 'factlint rules': [fix])")
    check.add_argument("--diff", action="store_true",
                       help="print the fixes as a unified diff instead of writing them; exit 1 if any")


def _baseline_arguments(baseline: argparse.ArgumentParser) -> None:
    baseline.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: .)")
    baseline.add_argument("--config", type=_text)
    baseline.add_argument("--output", "-o", metavar="PATH",
                          help="where to write it (default: the config's baseline, or "
                               ".factlint-baseline.json)")


def _facts_arguments(facts: argparse.ArgumentParser) -> None:
    facts_sub = facts.add_subparsers(dest="facts_command", metavar="COMMAND", parser_class=_Parser)
    facts_sub.required = True
    where = facts_sub.add_parser("where", help="list the drafts and lines that cite a fact")
    where.add_argument("fact_id", metavar="FACT_ID")
    where.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: .)")
    where.add_argument("--config", type=_text)


def _rules_arguments(rules: argparse.ArgumentParser) -> None:
    rules.add_argument("--config", type=_text)


def _explain_arguments(explain: argparse.ArgumentParser) -> None:
    explain.add_argument("rule")
    explain.add_argument("--config", type=_text)


def _no_arguments(parser: argparse.ArgumentParser) -> None:
    return None


def _import_arguments(imports: argparse.ArgumentParser) -> None:
    imports_sub = imports.add_subparsers(dest="import_command", metavar="FORMAT", parser_class=_Parser)
    imports_sub.required = True
    textlint = imports_sub.add_parser("textlint-terms",
                                      help="textlint-rule-terminology's terms (JSON with comments)")
    textlint.add_argument("path", metavar="PATH", help="terms.json or terms.jsonc (- for stdin)")


def _register_arguments(register: argparse.ArgumentParser) -> None:
    register_sub = register.add_subparsers(dest="register_command", metavar="COMMAND", parser_class=_Parser)
    register_sub.required = True
    register_check = register_sub.add_parser("check", help="validate the config and register without linting")
    register_check.add_argument("files", nargs="*", metavar="FILE",
                                help="changed files (as pre-commit passes them): quiet unless one is "
                                     "the config or a register or pack file it names")
    register_check.add_argument("--config", type=_text)
    stale = register_sub.add_parser("stale", help="list facts that are old, expired or superseded")
    stale.add_argument("--before", type=_text, metavar="DATE", help="list facts whose source is dated before "
                       "DATE (YYYY-MM-DD); expired and superseded facts are always listed")
    stale.add_argument("--config", type=_text)


# Each command: its help line and what adds its arguments, in the order --help lists them.
_COMMANDS = {
    "check": ("lint drafts (files, folders, or - for stdin)", _check_arguments),
    "baseline": ("record today's findings so check reports only new ones", _baseline_arguments),
    "facts": ("work with the facts of the register", _facts_arguments),
    "rules": ("list every rule, as the config in force sets it", _rules_arguments),
    "explain": ("describe a rule with its examples and its setting here", _explain_arguments),
    "init": ("write a starter factlint.yaml and register.yaml here", _no_arguments),
    "server": ("run the language server (LSP over stdio) for editors", _no_arguments),
    "import": ("turn another tool's term list into a factlint pack", _import_arguments),
    "register": ("work with the register", _register_arguments),
}


def _import_commands(args: argparse.Namespace) -> ModuleType:
    """The commands module, with everything a run needs: most of a one-draft run's time.

    The analyses' patterns come from the compiled-pattern store, and the
    register's parsed YAML from the YAML cache, in this run's cache folder.
    The cyclic garbage collector is off while the modules load: what they
    make lives until exit, so the three full collections it ran there were
    wasted work (5-10 ms); frozen afterwards, it is skipped by later ones too.
    """
    from factlint import cachedir

    cachedir.configure(getattr(args, "cache_dir", None), enabled=not getattr(args, "no_cache", False))
    if "factlint.commands" in sys.modules:  # a second run in one process (tests, a server)
        from factlint import commands

        return commands
    gc.disable()
    try:
        from factlint import commands
    finally:
        gc.freeze()
        gc.enable()
    return commands


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser(argv).parse_args(argv)
    try:
        commands = _import_commands(args)
        return getattr(commands, f"cmd_{args.command}")(args)
    except FactlintError as exc:
        report_error(exc)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # Output piped into `head` and the like: not an error of ours.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_CLEAN
    except Exception as exc:  # noqa: BLE001 - a crash must still be one line and exit 2
        if args.debug or os.environ.get("FACTLINT_DEBUG"):
            raise
        print(one_line(f"factlint: internal error: {type(exc).__name__}: {str(exc)[:300]} "
                       f"(run with --debug for a traceback)"), file=sys.stderr)
        return EXIT_ERROR
