"""What a one-draft run loads: a pre-commit hook pays for every import at every commit."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path


def test_a_second_plain_run_imports_only_what_it_needs(tmp_path: Path) -> None:
    """The hook's case: a plain-text draft, an unchanged config and register. PyYAML (the
    YAML cache has the trees), markdown-it (no Markdown), the regex engine, tomllib,
    OpenSSL (no finding to fingerprint), the process pool, tempfile (the cache makes its
    own temporary files) and dataclasses with inspect (factlint.records) are never loaded."""
    (tmp_path / "factlint.yaml").write_text("register: [register.yaml]\npacks: [house-style]\n", encoding="utf-8")
    (tmp_path / "register.yaml").write_text("terms:\n  - use: open weights\n    instead_of: [open source]\n",
                                            encoding="utf-8")
    draft = tmp_path / "draft.txt"
    draft.write_text("The council met on Tuesday and agreed the plan.\n", encoding="utf-8")
    probe = ("import sys, runpy; sys.argv = ['factlint', 'check', 'draft.txt']\n"
             "try: runpy.run_module('factlint', run_name='__main__')\n"
             "except SystemExit as e: code = e.code\n"
             "print(code, sorted({m.split('.')[0] for m in sys.modules}))")
    env = {**os.environ, "FACTLINT_CACHE_DIR": str(tmp_path / "cache")}
    for run in range(2):  # the first run fills the caches; the second lints a draft edited since
        draft.write_text(f"The council met on Tuesday and agreed the plan {run}.\n", encoding="utf-8")
        out = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, env=env, check=True,
                             capture_output=True, text=True).stdout
    code, modules = out.rsplit("\n", 2)[-2].split(" ", 1)
    assert code == "0"
    loaded = set(json.loads(modules.replace("'", '"')))
    assert "factlint" in loaded
    assert not loaded & {"yaml", "markdown_it", "regex", "tomllib", "_hashlib", "hashlib", "concurrent",
                         "multiprocessing", "tqdm", "jinja2", "pygls", "textstat", "tempfile",
                         "dataclasses", "inspect"}, loaded


def test_a_run_builds_only_its_commands_parser() -> None:
    """A hook run parses `check` only; help and mistakes still list every command."""
    import argparse

    from factlint.cli import _COMMANDS, _parser

    def commands(argv: list[str]) -> list[str]:
        parser = _parser(argv)
        sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        return list(sub.choices)

    assert commands(["check", "draft.md"]) == commands(["--debug", "check"]) == ["check"]
    assert commands(["check", "--help"]) == ["check"]
    every = list(_COMMANDS)
    assert commands([]) == commands(["--help"]) == commands(["chek"]) == every
    args = _parser(["check", "-j", "1", "a.md"]).parse_args(["check", "-j", "1", "a.md"])
    assert (args.command, args.jobs, args.paths) == ("check", 1, ["a.md"])
