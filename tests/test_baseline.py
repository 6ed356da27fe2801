"""``factlint baseline`` and ``check --baseline``: only findings that are new are reported."""

from __future__ import annotations

import json
from factlint.records import replace
from pathlib import Path

import pytest

from factlint.baseline import Baseline, dumps, load
from factlint.errors import FactlintError
from factlint.findings import Finding, Position, Severity

CONFIG = "packs: [ai-journalism]\n"
DRAFT = (
    "# Weekly briefing\n"
    "\n"
    "Qwen and DeepSeek are open-source models.\n"
    "\n"
    "The weights are on HuggingFace for anyone to try.\n"
)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "factlint.yaml").write_text(CONFIG, encoding="utf-8")
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "brief.md").write_text(DRAFT, encoding="utf-8")
    return tmp_path


def rules_and_lines(output: str) -> list[tuple[str, str]]:
    return [(line.split(":")[1], line.split("[")[1].split("]")[0])
            for line in output.splitlines() if "[" in line and line.count(":") >= 3]


def test_baseline_hides_todays_findings_and_reports_new_ones(cli, project: Path) -> None:
    before = cli("check", "drafts", cwd=project)
    assert rules_and_lines(before.out) == [("3", "term-prefer"), ("5", "term-spelling")]

    written = cli("baseline", "drafts", cwd=project)
    assert written.returncode == 0, written.err
    assert "Wrote 2 findings from 1 file to .factlint-baseline.json" in written.out
    data = json.loads((project / ".factlint-baseline.json").read_text(encoding="utf-8"))
    assert data["version"] == 1
    assert [(e["path"], e["rule"], e["line"]) for e in data["findings"]] == [
        ("drafts/brief.md", "term-prefer", 3), ("drafts/brief.md", "term-spelling", 5)]

    clean = cli("check", "drafts", "--baseline", ".factlint-baseline.json", cwd=project)
    assert clean.returncode == 0, clean.out
    assert "All clear" in clean.out and "2 findings in the baseline" in clean.err


def test_fingerprints_survive_edits_elsewhere_and_moved_lines(cli, project: Path) -> None:
    cli("baseline", "drafts", cwd=project)
    draft = project / "drafts" / "brief.md"
    edited = (
        "# Weekly briefing, revised\n"
        "\n"
        "An editor's note added above everything.\n"
        "\n"
        "The weights are on HuggingFace for anyone to try.\n"   # moved up, now line 5
        "\n"
        "A second new paragraph pushes the rest down.\n"
        "\n"
        "Qwen and DeepSeek are open-source models.\n"            # moved down, now line 9
        "\n"
        "Moonshot Ai released a new chatbot this week.\n"         # new finding, line 11
    )
    draft.write_text(edited, encoding="utf-8")
    everything = cli("check", "drafts", "--no-baseline", cwd=project)
    assert rules_and_lines(everything.out) == [("5", "term-spelling"), ("9", "term-prefer"),
                                               ("11", "term-spelling")]
    result = cli("check", "drafts", "--baseline", ".factlint-baseline.json", cwd=project)
    assert result.returncode == 1
    assert rules_and_lines(result.out) == [("11", "term-spelling")]


def test_editing_the_sentence_itself_makes_the_finding_new(cli, project: Path) -> None:
    cli("baseline", "drafts", cwd=project)
    draft = project / "drafts" / "brief.md"
    draft.write_text(DRAFT.replace("Qwen and DeepSeek are", "Qwen and DeepSeek remain"), encoding="utf-8")
    result = cli("check", "drafts", "--baseline", ".factlint-baseline.json", cwd=project)
    assert rules_and_lines(result.out) == [("3", "term-prefer")]


def test_a_pasted_copy_of_a_known_sentence_is_new(cli, project: Path) -> None:
    cli("baseline", "drafts", cwd=project)
    draft = project / "drafts" / "brief.md"
    draft.write_text(DRAFT + "\nQwen and DeepSeek are open-source models.\n", encoding="utf-8")
    result = cli("check", "drafts", "--baseline", ".factlint-baseline.json", cwd=project)
    assert len(rules_and_lines(result.out)) == 1 and rules_and_lines(result.out)[0][1] == "term-prefer"


def test_config_baseline_is_used_from_a_subfolder_and_written_there(cli, project: Path) -> None:
    (project / "factlint.yaml").write_text(CONFIG + "baseline: known.json\n", encoding="utf-8")
    missing = cli("check", "drafts", cwd=project)
    assert missing.returncode == 2
    assert "known.json: baseline file not found; create it with 'factlint baseline'" in missing.err
    written = cli("baseline", cwd=project / "drafts")
    assert written.returncode == 0, written.err
    assert (project / "known.json").is_file()
    assert "Use it with" not in written.out  # the config already names it
    assert cli("check", cwd=project / "drafts").returncode == 0
    assert cli("check", "drafts", cwd=project).returncode == 0
    assert cli("check", "drafts", "--no-baseline", cwd=project).returncode == 1


def test_baseline_refuses_to_write_when_a_draft_cannot_be_read(cli, project: Path) -> None:
    (project / "drafts" / "latin1.md").write_bytes("Caf\xe9 notes\n".encode("latin-1"))
    result = cli("baseline", "drafts", cwd=project)
    assert result.returncode == 2
    assert "latin1.md:1:4: not UTF-8" in result.err
    assert not (project / ".factlint-baseline.json").exists()


@pytest.mark.parametrize("content, message", [
    ("{not json", "baseline is not valid JSON"),
    ('{"version": 1}', "not a factlint baseline"),
    ('{"version": 99, "findings": []}', "baseline version 99 is not supported"),
    ('{"version": 1, "findings": [{"path": 3}]}', "entry 0 needs 'path' and 'fingerprint'"),
])
def test_damaged_baseline_is_an_error(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "b.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(FactlintError, match=message):
        load(path)


def test_paths_are_stored_relative_to_the_baseline_file(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    finding = Finding(path="drafts/a.md", rule="term-prefer", severity=Severity.WARNING, message="m",
                      start=Position(1, 1), end=Position(1, 2), offset=0, end_offset=1, fingerprint="f1")
    path = tmp_path / "sub" / "b.json"
    path.parent.mkdir()
    entry = json.loads(dumps([finding], path))["findings"][0]
    assert entry["path"] == "../drafts/a.md"
    baseline = Baseline(path, [(entry["path"], "f1")])
    assert baseline.filter([finding]) == ([], 1)
    # The same file named from another working folder is the same entry.
    (tmp_path / "drafts").mkdir()
    monkeypatch.chdir(tmp_path / "drafts")
    assert baseline.filter([replace(finding, path="a.md")]) == ([], 1)
    assert baseline.filter([replace(finding, path="b.md")]) == ([replace(finding, path="b.md")], 0)
