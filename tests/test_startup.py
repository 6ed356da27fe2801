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
    OpenSSL (no finding to fingerprint) and the process pool are never loaded."""
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
                         "multiprocessing", "tqdm", "jinja2", "pygls", "textstat"}, loaded
