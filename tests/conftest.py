"""Shared test helpers: lint a string with chosen rules and a register written inline."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Iterable

import pytest

from factlint.engine import EnabledRule, Linter
from factlint.findings import Finding
from factlint.register import load_register
from factlint.rules import all_rules

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
# One registered fact, for tests of fixes and terms near it (add a ``terms:`` section).
HF_FACT_REGISTER = """\
sources:
  wire: {publisher: The Wire China, date: 2026-06-21, cite_as: [The Wire China]}
facts:
  - id: hf-us-share
    claim: U.S. models' share of downloads on Hugging Face
    about: [Hugging Face, [download, downloads]]
    values: [{value: 16%, when: 2025-11}]
    source: wire
"""


@pytest.fixture(autouse=True, scope="session")
def _factlint_cache(tmp_path_factory: pytest.TempPathFactory):
    """No run (subprocesses and module-scoped fixtures included) writes into the user's cache folder."""
    patch = pytest.MonkeyPatch()
    patch.setenv("FACTLINT_CACHE_DIR", str(tmp_path_factory.mktemp("factlint-cache")))
    yield
    patch.undo()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A folder with a config that turns on both shipped packs."""
    (tmp_path / "factlint.yaml").write_text("packs: [ai-journalism, house-style]\n", encoding="utf-8")
    return tmp_path


def make_linter(register_yaml: str = "", rules: Iterable[str] | None = None) -> Linter:
    """A linter running ``rules`` (default: every rule that is on by default)."""
    known = all_rules()
    ids = list(rules) if rules is not None else [r for r, c in known.items() if c.default_enabled]
    enabled = [EnabledRule(known[r](), known[r].severity, dict(known[r].options)) for r in ids]
    register = load_register([("register.yaml", register_yaml)])
    return Linter(enabled, register, known)


def lint(text: str, register_yaml: str = "", rules: Iterable[str] | None = None,
         path: str = "draft.md") -> list[Finding]:
    return make_linter(register_yaml, rules).lint_text(path, text)


def run_cli(*args: str, cwd: Path | None = None, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    """Run ``python -m factlint`` as a user would, capturing text output."""
    return subprocess.run([sys.executable, "-m", "factlint", *args], cwd=cwd, input=stdin,
                          capture_output=True, timeout=120)


@pytest.fixture
def cli():
    def _run(*args: str, cwd: Path | None = None, stdin: bytes | None = None):
        result = run_cli(*args, cwd=cwd, stdin=stdin)
        result.out = result.stdout.decode("utf-8")
        result.err = result.stderr.decode("utf-8")
        return result
    return _run
