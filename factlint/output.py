"""Where results leave the process: exit codes, the error line, stdout or an output file.

Shared by ``cli`` (argument errors) and ``commands`` (everything else), so
neither imports the other's internals.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Sequence

from factlint.errors import FactlintError
from factlint.findings import Severity

# As ruff and Vale: 0 nothing at or above the failing level, 1 findings at or above it,
# 2 a usage, config, register or input error.
EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def report_error(error: FactlintError) -> None:
    """The one line every bad input gets on stderr."""
    print(f"factlint: error: {error}", file=sys.stderr)


def exit_code(findings: Sequence, fail_on: str, exit_zero: bool, had_errors: bool) -> int:
    if had_errors:
        return EXIT_ERROR
    if exit_zero or fail_on == "never":
        return EXIT_CLEAN
    threshold = Severity.parse(fail_on)
    return EXIT_FINDINGS if any(f.severity >= threshold for f in findings) else EXIT_CLEAN


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty() and os.environ.get("NO_COLOR") is None and os.environ.get("TERM") != "dumb"


def write_output(text: str, output_file: str | None) -> None:
    """Write a report as UTF-8. A path that is not UTF-8 (a file named ``bad\\xff.md``)
    arrives with surrogate escapes; they are written as ``\\udcff``, never a crash."""
    data = text.encode("utf-8", "backslashreplace")
    if output_file:
        try:
            Path(output_file).write_bytes(data)
        except (OSError, ValueError) as exc:
            reason = getattr(exc, "strerror", None) or str(exc)
            raise FactlintError(f"cannot write output: {reason}", output_file) from None
    else:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
