"""One exception type for every input problem the user must fix.

The CLI turns a FactlintError into one line on stderr and exit code 2, so any
module can refuse bad input without knowing how errors are shown.
"""

from __future__ import annotations


class FactlintError(Exception):
    """A bad input (file, config, register, option): reported as one line, exit 2."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None,
                 column: int | None = None) -> None:
        self.message = message
        self.path = path
        self.line = line
        self.column = column
        super().__init__(str(self))

    def __str__(self) -> str:
        from factlint.escaping import one_line  # a file name may hold any character

        where = ""
        if self.path is not None:
            where = one_line(self.path)
            if self.line is not None:
                where += f":{self.line}"
                if self.column is not None:
                    where += f":{self.column}"
            where += ": "
        return where + one_line(self.message)


def require_extra(module: str, extra: str, feature: str) -> None:
    """Refuse, in one line, a feature whose optional dependency is not installed.

    The hook installs factlint without extras, so the server and the HTML
    report say what to install instead of failing with an import traceback.
    """
    import importlib.util

    if importlib.util.find_spec(module) is None:
        raise FactlintError(f"{feature} needs {module}: pip install 'factlint[{extra}]'")
