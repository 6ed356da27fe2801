"""Output formats, one module each; ``FORMATS`` maps a --format name to its module.

Each module exposes ``render(report: Report) -> str``; a value written
``module:function`` names another function of the same signature, so one
module can serve two related formats (rdjson and rdjsonl). Modules are
imported on use so a run pays only for the format it prints.
"""

from __future__ import annotations

import importlib
from typing import Callable

from factlint.reporters.base import Report

FORMATS: dict[str, str] = {
    # "text" is "full" on a terminal and "concise" elsewhere (the CLI decides).
    "text": "factlint.reporters.text",
    "concise": "factlint.reporters.text",
    "full": "factlint.reporters.text:render_full",
    "json": "factlint.reporters.json_format",
    "github": "factlint.reporters.github",
    "sarif": "factlint.reporters.sarif",
    "gitlab": "factlint.reporters.gitlab",
    "rdjson": "factlint.reporters.rdjson",
    "rdjsonl": "factlint.reporters.rdjson:render_lines",
    "html": "factlint.reporters.html",
}


def needs_texts(name: str) -> bool:
    """Whether format ``name`` shows the drafts themselves (so results must keep their text)."""
    module = FORMATS[name].partition(":")[0]
    return bool(getattr(importlib.import_module(module), "NEEDS_TEXTS", False))


def renderer(name: str) -> Callable[[Report], str]:
    """The render function of format ``name`` (one of ``FORMATS``)."""
    module, _, function = FORMATS[name].partition(":")
    return getattr(importlib.import_module(module), function or "render")
