"""CI glue, run for real: ``--format github`` end to end, the composite action's scripts,
and the GitLab CI snippet in the README.

The action's ``run:`` scripts and the README's GitLab ``script:`` lines are
executed with bash in a throwaway git repository, with the environment the
runner would give them, so the documented glue is what is tested.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import ROOT
from test_changed_lines import commit_all, git, new_repo
from test_reporters_ci import runner_lines, runner_parse

INJECTING_WHY = "House style.\r\n::add-mask::secret\n::error file=x.md,line=1::pwned\r%0A::stop-commands::y"
REGISTER = f"""\
terms:
  - use: open weights
    instead_of: [open-source]
    near: [model, models]
    why: {json.dumps(INJECTING_WHY)}
"""
DRAFT = """\
<!-- factlint-disable-next-line ::stop-commands::x -->
A line the directive points at.

<!-- factlint-disable-next-line %0A::error::fake,rule -->
Another line for it.

The lab's open-source models are popular.
"""


# -- --format github end to end ------------------------------------------------


def test_github_format_emits_exactly_one_command_per_finding(cli, tmp_path: Path) -> None:
    (tmp_path / "factlint.yaml").write_text("register: [register.yaml]\n", encoding="utf-8")
    (tmp_path / "register.yaml").write_text(REGISTER, encoding="utf-8")
    name = "odd,name::x.md"  # a file name with the property delimiters in it
    (tmp_path / name).write_text(DRAFT, encoding="utf-8")

    as_json = json.loads(cli("check", "--format", "json", name, cwd=tmp_path).out)["findings"]
    assert sorted(f["rule"] for f in as_json) == ["suppression-unused", "suppression-unused", "term-prefer"]
    assert any("'::stop-commands::x'" in f["message"] for f in as_json)
    assert any(INJECTING_WHY in f["message"] for f in as_json)

    result = cli("check", "--format", "github", name, cwd=tmp_path)
    assert result.returncode == 1
    lines = runner_lines(result.out)
    assert len(lines) == len(as_json)
    parsed = [runner_parse(line) for line in lines]
    assert all(p is not None and p[0] in ("error", "warning", "notice") for p in parsed), lines
    # What the runner decodes is exactly our message and our file name.
    assert sorted(p[2] for p in parsed) == sorted(f["message"] for f in as_json)
    assert {p[1]["file"] for p in parsed} == {name}
    assert not any(line.lstrip().startswith("::") for line in runner_lines(result.err))


def test_github_format_keeps_stdout_to_commands_when_a_draft_is_bad(cli, tmp_path: Path) -> None:
    (tmp_path / "good.md").write_text("Sales rose 40% last year.\n", encoding="utf-8")
    (tmp_path / "latin1.md").write_bytes("Caf\xe9 prices rose 40% last year.\n".encode("latin-1"))
    result = cli("check", "--format", "github", ".", cwd=tmp_path)
    assert result.returncode == 2
    assert [runner_parse(line)[0] for line in runner_lines(result.out)] == ["warning"]
    assert result.err.startswith("factlint: error: latin1.md:1:4: not UTF-8")


# -- the composite action -----------------------------------------------------


ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
_EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def lookup(context: dict[str, Any], dotted: str) -> str:
    value: Any = context
    for part in dotted.split("."):
        value = value.get(part, "") if isinstance(value, dict) else ""
    return "" if value is None else str(value)


def evaluate(condition: str, context: dict[str, Any]) -> bool:
    """The ``if:`` forms action.yml uses: ``a.b == 'x' && c.d != 'y'``."""
    for clause in condition.split("&&"):
        m = re.fullmatch(r"\s*([\w.-]+)\s*(==|!=)\s*'([^']*)'\s*", clause)
        assert m, f"unsupported condition {clause!r}"
        equal = lookup(context, m.group(1)) == m.group(3)
        if equal != (m.group(2) == "=="):
            return False
    return True


def run_action(repo: Path, inputs: dict[str, str], event: dict[str, Any], tmp: Path) -> dict[str, Any]:
    """Run the action's shell steps as the runner would (``uses:`` steps are recorded, not run)."""
    defaults = {k: v.get("default", "") for k, v in ACTION["inputs"].items()}
    temp = tmp / "runner-temp"
    temp.mkdir(exist_ok=True)
    context: dict[str, Any] = {"inputs": {**defaults, **inputs}, "steps": {},
                               "github": {"action_path": str(ROOT), "event": event},
                               "runner": {"temp": str(temp)}}
    log: dict[str, Any] = {"ran": [], "uses": [], "stdout": {}, "returncode": 0}
    for step in ACTION["runs"]["steps"]:
        if "if" in step and not evaluate(step["if"], context):
            continue
        name = step.get("id") or step.get("name")
        if "uses" in step:
            log["uses"].append((step["uses"], {k: _EXPRESSION.sub(lambda m: lookup(context, m.group(1)), str(v))
                                               for k, v in step.get("with", {}).items()}))
            continue
        if step.get("id") == "install":
            continue  # factlint is installed in the test environment already
        output = tmp / f"output-{name}"
        output.write_text("", encoding="utf-8")
        env = {**os.environ, "GITHUB_OUTPUT": str(output), "RUNNER_TEMP": str(temp)}
        env.update({k: _EXPRESSION.sub(lambda m: lookup(context, m.group(1)), str(v))
                    for k, v in step.get("env", {}).items()})
        # The runner's command for `shell: bash`.
        result = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
                                cwd=repo, env=env, capture_output=True, text=True, timeout=120)
        log["ran"].append(name)
        log["stdout"][name] = result.stdout
        if result.returncode:
            log["returncode"] = result.returncode
            log["stderr"] = result.stderr
            break
        outputs = dict(line.split("=", 1) for line in output.read_text(encoding="utf-8").splitlines() if line)
        if step.get("id"):
            context["steps"][step["id"]] = {"outputs": outputs}
    return log


@pytest.fixture
def pr_repo(tmp_path: Path) -> tuple[Path, str]:
    """A repo with an old finding on main and a pull request adding a new one; returns (repo, base sha)."""
    repo = new_repo(tmp_path / "repo")
    (repo / "factlint.yaml").write_text("packs: [ai-journalism]\n", encoding="utf-8")
    (repo / "drafts").mkdir()
    (repo / "drafts" / "old.md").write_text("Qwen and DeepSeek are open-source models.\n", encoding="utf-8")
    (repo / "drafts" / "post.md").write_text("The council met on Monday.\n", encoding="utf-8")
    (repo / "notes.py").write_text("print('not a draft')\n", encoding="utf-8")
    commit_all(repo, "main")
    base = git(repo, "rev-parse", "HEAD").strip()
    git(repo, "checkout", "-q", "-b", "pr")
    (repo / "drafts" / "post.md").write_text(
        "The council met on Monday.\n\nIts open-source models run on HuggingFace.\n", encoding="utf-8")
    (repo / "notes.py").write_text("print('changed, still not a draft')\n", encoding="utf-8")
    commit_all(repo, "pr")
    return repo, base


def test_action_annotates_only_changed_lines_of_changed_drafts(pr_repo, tmp_path: Path) -> None:
    repo, base = pr_repo
    log = run_action(repo, {}, {"pull_request": {"base": {"sha": base}}}, tmp_path)
    assert log["ran"] == ["drafts", "Annotate"]
    assert log["uses"] == [("actions/setup-python@v5", {"python-version": "3.12"})]
    assert log["returncode"] == 1  # warnings fail the step by default
    commands = [runner_parse(line) for line in runner_lines(log["stdout"]["Annotate"])]
    assert [(c[0], c[1]["file"], c[1]["line"], c[1]["title"]) for c in commands] == [
        ("warning", "drafts/post.md", "3", "factlint (term-prefer)"),
        ("warning", "drafts/post.md", "3", "factlint (term-spelling)"),
    ]


def test_action_inputs_paths_fail_on_and_sarif(pr_repo, tmp_path: Path) -> None:
    repo, base = pr_repo
    inputs = {"paths": "drafts", "changed-lines-only": "false", "fail-on": "error", "sarif": "true"}
    log = run_action(repo, inputs, {"pull_request": {"base": {"sha": base}}}, tmp_path)
    assert log["returncode"] == 0, log.get("stderr")
    assert log["ran"] == ["drafts", "Write SARIF", "Annotate"]
    sarif_file = tmp_path / "runner-temp" / "factlint.sarif"
    assert log["uses"][1] == ("github/codeql-action/upload-sarif@v3",
                              {"sarif_file": str(sarif_file), "category": "factlint"})
    results = json.loads(sarif_file.read_text(encoding="utf-8"))["runs"][0]["results"]
    uris = sorted(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results)
    assert uris == ["drafts/old.md", "drafts/post.md", "drafts/post.md"]  # every line, as asked
    annotations = runner_lines(log["stdout"]["Annotate"])
    assert len(annotations) == 3 and all(runner_parse(a)[0] == "warning" for a in annotations)


def test_action_on_a_push_without_draft_changes_checks_nothing(pr_repo, tmp_path: Path) -> None:
    repo, _ = pr_repo
    (repo / "notes.py").write_text("print('only code')\n", encoding="utf-8")
    commit_all(repo, "code only")
    before = git(repo, "rev-parse", "HEAD~1").strip()
    log = run_action(repo, {}, {"before": before}, tmp_path)
    assert log["ran"] == ["drafts"] and log["returncode"] == 0
    assert "0 path(s) to check (changes since" in log["stdout"]["drafts"]


def test_action_run_scripts_never_interpolate_expressions() -> None:
    for step in ACTION["runs"]["steps"]:
        assert "${{" not in step.get("run", ""), step.get("name")
        if "run" in step:
            assert step["shell"] == "bash"
    assert ACTION["runs"]["using"] == "composite"


# -- the GitLab CI snippet in the README -----------------------------------------


def readme_yaml_after(heading: str) -> dict[str, Any]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split(f"\n## {heading}\n", 1)[1]
    block = re.search(r"```yaml\n(.*?)```", section, re.S)
    assert block, f"no yaml block under {heading!r}"
    return yaml.safe_load(block.group(1))


def test_gitlab_snippet_writes_code_quality_for_changed_lines(pr_repo) -> None:
    repo, base = pr_repo
    job = readme_yaml_after("In GitLab CI")["factlint"]
    assert job["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    env = {**os.environ, "CI_MERGE_REQUEST_DIFF_BASE_SHA": base, "CI_PROJECT_DIR": str(repo),
           **{k: str(v) for k, v in job.get("variables", {}).items()}}
    codes = []
    for line in job["script"]:
        codes.append(subprocess.run(["bash", "-ec", line], cwd=repo, env=env, capture_output=True,
                                    text=True, timeout=120).returncode)
    assert codes == [0, 1]  # the report never fails the job; the text run does
    issues = json.loads((repo / "gl-code-quality-report.json").read_text(encoding="utf-8"))
    assert sorted((i["location"]["path"], i["location"]["lines"]["begin"], i["check_name"]) for i in issues) == [
        ("drafts/post.md", 3, "term-prefer"), ("drafts/post.md", 3, "term-spelling")]


def test_readme_github_workflow_uses_the_action_with_its_inputs() -> None:
    workflow = readme_yaml_after("In GitHub Actions")
    steps = workflow["jobs"]["factlint"]["steps"]
    assert steps[0]["with"]["fetch-depth"] == 0
    assert set(steps[1]["with"]) <= set(ACTION["inputs"])

