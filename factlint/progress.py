"""A progress bar on stderr for long runs, and the output that must not tear it.

Shown only to a person: when stderr is a terminal, the report is for people
(not a machine format) and the run is long enough to wait for. tqdm is
imported only then, so a pre-commit run never pays for it. Findings that
stream to the same terminal are written through ``write`` so the bar is
cleared first and redrawn after, rather than left in the middle of a line.
"""

from __future__ import annotations

import os
import sys
from typing import Any

from factlint.errors import FactlintError
from factlint.output import report_error, write_output

# Fewer files than this finish before a bar would help.
MIN_FILES = 50


def wanted(total: int, for_people: bool) -> bool:
    return (for_people and total >= MIN_FILES and sys.stderr.isatty()
            and os.environ.get("TERM") != "dumb" and not os.environ.get("FACTLINT_NO_PROGRESS"))


class Progress:
    """Counts files done; a no-op unless ``wanted``."""

    def __init__(self, total: int, for_people: bool) -> None:
        self._bar: Any = None
        if wanted(total, for_people):
            import shutil

            from tqdm import tqdm

            # A terminal that reports no size (a fresh pty) would get no bar at all.
            size = shutil.get_terminal_size()
            self._bar = tqdm(total=total, unit="file", file=sys.stderr, leave=False, ncols=size.columns,
                             nrows=size.lines, desc="factlint")

    def advance(self) -> None:
        if self._bar is not None:
            self._bar.update(1)

    def write(self, text: str) -> None:
        """Write report text to stdout without breaking the bar."""
        if self._bar is None:
            write_output(text, None)
            return
        with self._bar.external_write_mode(file=sys.stdout):
            write_output(text, None)

    def error(self, error: FactlintError) -> None:
        """Report a bad file as it is met, without breaking the bar."""
        if self._bar is None:
            report_error(error)
            return
        with self._bar.external_write_mode(file=sys.stderr):
            report_error(error)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None
