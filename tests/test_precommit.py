"""factlint as a pre-commit hook, run with the real ``pre-commit``.

``pre-commit try-repo`` installs this checkout into a fresh virtualenv (from
PyPI, the way a hook user gets it) and runs the hook in a throwaway drafts
repository. The install is the slow part (about 10 s): every test shares one
committed copy of this checkout and one PRE_COMMIT_HOME, which ``pre-commit
run`` reuses (``try-repo`` always installs into a store of its own).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from conftest import ROOT
from test_changed_lines import commit_all, git, new_repo

pytestmark = pytest.mark.slow
PRE_COMMIT = shutil.which("pre-commit")
if PRE_COMMIT is None:  # pragma: no cover - pre-commit is a test dependency
    pytest.skip("pre-commit is not installed (pip install '.[test]')", allow_module_level=True)

UNSOURCED = "# Harbour notes\n\nThe council said the quay reopens in May.\n\nFerry fares rose 40% last year.\n"
CLEAN = "# Harbour notes\n\nThe council said the quay reopens in May.\n"
SKIP_PARTS = {".git", ".venv", "venv", ".ci-venv", "__pycache__", ".pytest_cache", ".factlint-cache",
              "build", "dist"}


@pytest.fixture(scope="session")
def precommit_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    home = tmp_path_factory.mktemp("pre-commit-home")
    return {**os.environ, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never",
            "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
            "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org"}


@pytest.fixture(scope="session")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This working tree (tracked and untracked files, not ignored ones) committed in a new repo.

    pre-commit installs hooks from a commit, and the working tree here may
    hold changes nobody has committed yet: those are what is being tested.
    """
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=ROOT, capture_output=True, check=True).stdout.decode("utf-8").split("\0")
    target = tmp_path_factory.mktemp("hook-repo")
    for rel in filter(None, listed):
        source = ROOT / rel
        if not source.is_file() or SKIP_PARTS & set(Path(rel).parts):
            continue
        (target / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target / rel)
    new_repo(target)
    commit_all(target, "factlint under test")
    return target


def pre_commit(*args: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([PRE_COMMIT, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=900)


def drafts_repo(path: Path, files: dict[str, str]) -> Path:
    repo = new_repo(path)
    for name, text in files.items():
        (repo / name).write_text(text, encoding="utf-8")
    git(repo, "add", "-A")
    return repo


def test_manifest_and_own_config_validate() -> None:
    for command, name in (("validate-manifest", ".pre-commit-hooks.yaml"),
                          ("validate-config", ".pre-commit-config.yaml")):
        result = subprocess.run([PRE_COMMIT, command, str(ROOT / name)], capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr


def test_try_repo_fails_a_draft_with_an_unattributed_statistic(hook_repo: Path, precommit_env, tmp_path: Path) -> None:
    repo = drafts_repo(tmp_path / "drafts", {"draft.md": UNSOURCED})  # no factlint.yaml: defaults
    started = time.monotonic()
    result = pre_commit("try-repo", str(hook_repo), "factlint", "--files", "draft.md", cwd=repo, env=precommit_env)
    print(f"try-repo, draft with a statistic: {time.monotonic() - started:.1f}s")
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "factlint" in output and "Failed" in output
    assert "draft.md:5:18: warning [stat-unattributed]" in output, output


def test_try_repo_passes_a_clean_draft(hook_repo: Path, precommit_env, tmp_path: Path) -> None:
    repo = drafts_repo(tmp_path / "drafts", {"draft.md": CLEAN, "notes.txt": "Nothing to report here.\n"})
    started = time.monotonic()
    result = pre_commit("try-repo", str(hook_repo), "factlint", "--all-files", cwd=repo, env=precommit_env)
    print(f"try-repo, clean drafts: {time.monotonic() - started:.1f}s")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Passed" in result.stdout


def test_a_drafts_repo_config_naming_the_hook_as_in_the_readme(hook_repo: Path, precommit_env,
                                                               tmp_path: Path) -> None:
    """The README's .pre-commit-config.yaml, pointed at this checkout; the drafts repo has its own factlint.yaml."""
    rev = git(hook_repo, "rev-parse", "HEAD").strip()
    repo = drafts_repo(tmp_path / "drafts", {
        ".pre-commit-config.yaml": f"repos:\n  - repo: {hook_repo}\n    rev: {rev}\n    hooks:\n      - id: factlint\n",
        "factlint.yaml": "packs: [ai-journalism]\n",
        "wire.txt": "Qwen and DeepSeek are open-source models.\n",
        "script.py": "# open-source models are mentioned in code, which is not a draft\n",
    })
    result = pre_commit("run", "--all-files", cwd=repo, env=precommit_env)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert 'wire.txt:1:23: warning [term-prefer] Use "open-weights" instead of "open-source".' in output
    assert "script.py" not in output


def test_this_repository_lints_its_own_seeds_and_docs(hook_repo: Path, precommit_env) -> None:
    """The factlint hook of .pre-commit-config.yaml passes on this repository (the baseline holds the seeds' findings)."""
    result = pre_commit("run", "factlint", "--all-files", cwd=hook_repo, env=precommit_env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "factlint (seeds and docs)" in result.stdout and "Passed" in result.stdout


def test_a_newsroom_repo_keeps_the_configs_word(hook_repo: Path, precommit_env, tmp_path: Path) -> None:
    """Real commits through both hooks: the archive stays excluded, a broken register blocks its own commit."""
    rev = git(hook_repo, "rev-parse", "HEAD").strip()
    repo = drafts_repo(tmp_path / "newsroom", {
        ".pre-commit-config.yaml": f"repos:\n  - repo: {hook_repo}\n    rev: {rev}\n    hooks:\n"
                                   "      - id: factlint\n      - id: factlint-register\n",
        "factlint.yaml": "register: register.yaml\npacks: [ai-journalism]\nexclude: [archive]\n",
        "register.yaml": "terms:\n  - use: ferry operator\n    instead_of: [boat company]\n",
    })
    (repo / "archive").mkdir()
    (repo / "archive" / "old.md").write_text(CLEAN, encoding="utf-8")
    commit_all(repo, "start")
    assert pre_commit("install", cwd=repo, env=precommit_env).returncode == 0

    def commit(message: str) -> subprocess.CompletedProcess:
        git(repo, "add", "-A")
        return subprocess.run(["git", "commit", "-m", message], cwd=repo, env=precommit_env,
                              capture_output=True, text=True, timeout=900)

    (repo / "archive" / "old.md").write_text(UNSOURCED + "The boat company runs open-source models.\n",
                                             encoding="utf-8")
    result = commit("touch only the archive")
    assert result.returncode == 0, result.stdout + result.stderr
    (repo / "draft.md").write_text("The boat company runs the harbour ferry.\n", encoding="utf-8")
    result = commit("a new draft")
    assert result.returncode == 1
    assert 'draft.md:1:5: warning [term-prefer] Use "ferry operator"' in result.stdout + result.stderr
    (repo / "draft.md").unlink()
    (repo / "register.yaml").write_text("terms:\n  - use: ferry operator\n    instead_of: [boat company\n",
                                        encoding="utf-8")
    result = commit("break the register")
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "factlint register" in output and "factlint: error: register.yaml:4:1: invalid YAML" in output, output
