"""Changed lines only: parsing unified diffs, and ``--diff-base``/``--diff-file`` on real git repos."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from factlint.changed_lines import ChangedLines, from_git, parse_diff
from factlint.errors import FactlintError
from factlint.findings import Finding, Position, Severity

CONFIG = "packs: [ai-journalism]\n"
OLD_BAD = "Qwen and DeepSeek are open-source models.\n"
NEW_BAD = "The lab said its newest open-source models run on phones.\n"
CLEAN = "The newsroom met on Tuesday to plan the week.\n"


def git(repo: Path, *args: str) -> str:
    """Run git in ``repo`` as a throwaway identity, ignoring the user's own config."""
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
           "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org"}
    out = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True)
    return out.stdout


def new_repo(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    git(path, "init", "-q", "-b", "main")
    return path


def commit_all(repo: Path, message: str = "drafts") -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


def finding(path: str, line: int, end_line: int | None = None, end_column: int = 10) -> Finding:
    end_line = line if end_line is None else end_line
    return Finding(path=path, rule="term-prefer", severity=Severity.WARNING, message="m",
                   start=Position(line, 1), end=Position(end_line, end_column), offset=0, end_offset=1)


# -- parsing -----------------------------------------------------------------


def test_hunk_headers_give_new_side_lines(tmp_path: Path) -> None:
    diff = (
        "diff --git a/drafts/post.md b/drafts/post.md\n"
        "index 1111111..2222222 100644\n"
        "--- a/drafts/post.md\n"
        "+++ b/drafts/post.md\n"
        "@@ -3 +3 @@ Heading\n"           # one line changed (counts omitted mean 1)
        "-old third line\n"
        "+new third line\n"
        "@@ -10,0 +11,2 @@\n"              # two lines added after old line 10
        "+added eleven\n"
        "+added twelve\n"
        "@@ -20,3 +21,0 @@\n"              # a pure deletion adds nothing
        "-gone\n-gone\n-gone\n"
    )
    changed = parse_diff(diff, tmp_path)
    assert changed.lines == {os.path.realpath(tmp_path / "drafts/post.md"): {3, 11, 12}}


def test_context_lines_are_counted_but_not_kept(tmp_path: Path) -> None:
    diff = (
        "--- a/a.md\n+++ b/a.md\n"
        "@@ -1,4 +1,5 @@\n"
        " one\n"
        "-two\n"
        "+TWO\n"
        "+two and a half\n"
        " three\n"
        "\\ No newline at end of file\n"
        " four\n"
    )
    assert parse_diff(diff, tmp_path).lines[os.path.realpath(tmp_path / "a.md")] == {2, 3}


def test_new_deleted_renamed_quoted_and_unprefixed_paths(tmp_path: Path) -> None:
    diff = (
        "diff --git a/gone.md b/gone.md\ndeleted file mode 100644\n"
        "--- a/gone.md\n+++ /dev/null\n@@ -1,2 +0,0 @@\n-x\n-y\n"
        "diff --git a/new.md b/new.md\nnew file mode 100644\n"
        "--- /dev/null\n+++ b/new.md\n@@ -0,0 +1,2 @@\n+x\n+y\n"
        "diff --git a/old name.md b/moved/new name.md\nrename from old name.md\nrename to moved/new name.md\n"
        "--- a/old name.md\n+++ b/moved/new name.md\n@@ -5 +5 @@\n-a\n+b\n"
        '--- "a/na\\303\\257ve.md"\n+++ "b/na\\303\\257ve.md"\n@@ -1 +1 @@\n-a\n+b\n'
        "--- b/keep.md\t2026-01-01 10:00:00\n+++ b/keep.md\t2026-01-02 10:00:00\n@@ -1 +1 @@\n-a\n+b\n"
    )
    lines = parse_diff(diff, tmp_path).lines
    real = os.path.realpath(tmp_path)
    assert lines == {
        f"{real}/new.md": {1, 2},
        f"{real}/moved/new name.md": {5},
        f"{real}/naïve.md": {1},
        # made with --no-prefix: the old side does not start with a/, so b/ is a folder
        f"{real}/b/keep.md": {1},
    }


def test_a_hunk_line_starting_with_dashes_is_not_a_file_header(tmp_path: Path) -> None:
    diff = "--- a/a.md\n+++ b/a.md\n@@ -1,2 +1,2 @@\n--- a rule\n+++ a new rule\n-x\n+y\n"
    assert parse_diff(diff, tmp_path).lines == {os.path.realpath(tmp_path / "a.md"): {1, 2}}


def test_malformed_hunk_header_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(FactlintError, match="malformed hunk header"):
        parse_diff("--- a/a.md\n+++ b/a.md\n@@ nonsense @@\n", tmp_path)


def test_a_finding_is_kept_when_any_of_its_lines_changed(tmp_path: Path) -> None:
    path = str(tmp_path / "a.md")
    changed = ChangedLines({os.path.realpath(path): {5}})
    assert changed.keeps(finding(path, 5))
    assert changed.keeps(finding(path, 3, end_line=6))
    assert not changed.keeps(finding(path, 4))
    # A span ending at column 1 of line 5 does not reach into line 5.
    assert not changed.keeps(finding(path, 4, end_line=5, end_column=1))
    assert not changed.keeps(finding(str(tmp_path / "other.md"), 5))


# -- with git ----------------------------------------------------------------


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repo whose main branch has one old bad line; a feature branch then adds a new one."""
    repo = new_repo(tmp_path / "repo")
    (repo / "factlint.yaml").write_text(CONFIG, encoding="utf-8")
    (repo / "drafts").mkdir()
    (repo / "drafts" / "post.md").write_text(OLD_BAD + "\n" + CLEAN, encoding="utf-8")
    (repo / "drafts" / "untouched.md").write_text(OLD_BAD, encoding="utf-8")
    commit_all(repo, "old drafts")
    git(repo, "checkout", "-q", "-b", "feature")
    (repo / "drafts" / "post.md").write_text(OLD_BAD + "\n" + CLEAN + "\n" + NEW_BAD, encoding="utf-8")
    commit_all(repo, "new paragraph")
    return repo


def test_diff_base_reports_only_changed_lines(cli, repo: Path) -> None:
    everything = cli("check", "drafts", cwd=repo)
    assert everything.returncode == 1
    assert everything.out.count("[term-prefer]") == 3

    result = cli("check", "drafts", "--diff-base", "main", cwd=repo)
    assert result.returncode == 1, result.err
    findings = [line for line in result.out.splitlines() if "[term-prefer]" in line]
    assert findings == [line for line in everything.out.splitlines() if line.startswith("drafts/post.md:5:")]
    assert "2 findings outside the changed lines" in result.err


def test_diff_base_from_a_subfolder_maps_paths_from_the_repo_root(cli, repo: Path) -> None:
    result = cli("check", "post.md", "untouched.md", "--diff-base", "main", cwd=repo / "drafts")
    assert result.returncode == 1, result.err
    assert [line.split(":")[:2] for line in result.out.splitlines() if "[term-prefer]" in line] == [["post.md", "5"]]


def test_diff_base_includes_uncommitted_edits_and_untracked_drafts(cli, repo: Path) -> None:
    (repo / "drafts" / "untouched.md").write_text(OLD_BAD + CLEAN + NEW_BAD, encoding="utf-8")
    (repo / "drafts" / "brand-new.md").write_text(CLEAN + NEW_BAD, encoding="utf-8")
    result = cli("check", "drafts", "--diff-base", "main", "--format", "json", cwd=repo)
    import json

    got = sorted((f["path"], f["line"]) for f in json.loads(result.out)["findings"])
    assert got == [("drafts/brand-new.md", 2), ("drafts/post.md", 5), ("drafts/untouched.md", 3)]


def test_diff_base_ignores_commits_made_on_the_base_after_branching(cli, repo: Path) -> None:
    git(repo, "checkout", "-q", "main")
    (repo / "drafts" / "untouched.md").write_text(CLEAN + OLD_BAD, encoding="utf-8")
    commit_all(repo, "main moves on")
    git(repo, "checkout", "-q", "feature")
    result = cli("check", "drafts", "--diff-base", "main", cwd=repo)
    assert [line.split(":")[0] for line in result.out.splitlines() if "[term-prefer]" in line] == ["drafts/post.md"]


def test_no_change_means_clean(cli, repo: Path) -> None:
    result = cli("check", "drafts", "--diff-base", "HEAD", cwd=repo)
    assert result.returncode == 0, result.out + result.err
    assert "All clear" in result.out


def test_diff_base_errors_are_one_line_exit_2(cli, repo: Path, tmp_path: Path) -> None:
    bad_ref = cli("check", "drafts", "--diff-base", "no-such-branch", cwd=repo)
    assert bad_ref.returncode == 2
    assert bad_ref.err.startswith("factlint: error: --diff-base: 'no-such-branch' is not a commit")
    outside = tmp_path / "plain"
    outside.mkdir()
    (outside / "factlint.yaml").write_text(CONFIG, encoding="utf-8")
    (outside / "a.md").write_text(OLD_BAD, encoding="utf-8")
    not_repo = cli("check", "a.md", "--diff-base", "main", cwd=outside)
    assert not_repo.returncode == 2 and "needs a git repository" in not_repo.err
    both = cli("check", "drafts", "--diff-base", "main", "--diff-file", "x.diff", cwd=repo)
    assert both.returncode == 2 and "not allowed with argument" in both.err


def test_diff_file_from_git_diff_and_from_stdin(cli, repo: Path) -> None:
    diff = git(repo, "diff", "main...feature")
    (repo / "pr.diff").write_text(diff, encoding="utf-8")
    from_file = cli("check", "drafts", "--diff-file", "pr.diff", cwd=repo)
    from_stdin = cli("check", "drafts", "--diff-file", "-", cwd=repo, stdin=diff.encode())
    for result in (from_file, from_stdin):
        assert result.returncode == 1, result.err
        assert [line.split(":")[:2] for line in result.out.splitlines() if "[term-prefer]" in line] == [
            ["drafts/post.md", "5"]]


def test_from_git_marks_untracked_files_whole(repo: Path) -> None:
    (repo / "drafts" / "fresh.md").write_text(CLEAN, encoding="utf-8")
    (repo / ".gitignore").write_text("ignored.md\n", encoding="utf-8")
    (repo / "ignored.md").write_text(CLEAN, encoding="utf-8")
    changed = from_git("main", repo)
    assert os.path.realpath(repo / "drafts" / "fresh.md") in changed.whole_files
    assert os.path.realpath(repo / "ignored.md") not in changed.whole_files
    assert changed.lines[os.path.realpath(repo / "drafts" / "post.md")] == {4, 5}
