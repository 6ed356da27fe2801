"""What a writer sees: findings in context, streaming, progress, and the config in force."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from factlint.findings import Finding, Position, Severity
from factlint.reporters.snippet import char_cells, fit
from factlint.reporters.text import in_context

from test_cli import BAD_DRAFT as BAD
from test_cli import CONFIG


def caret_under(block: str, word: str) -> None:
    """The caret line of a full-format block sits exactly under ``word`` on the line above it."""
    lines = block.splitlines()
    source = next(i for i, line in enumerate(lines) if "|" in line and word in line)
    text, carets = lines[source], lines[source + 1]
    start = carets.index("^")
    width = len(carets[start:].split(" ")[0])
    assert text[start:start + width] == word, (text, carets)


# -- fitting a line to the terminal ------------------------------------------------------------

def at_cells(text: str, start: int, width: int) -> str:
    """The characters of ``text`` that occupy cells ``start`` to ``start + width`` on a terminal."""
    out, cell = [], 0
    for ch in text:
        if start <= cell < start + width:
            out.append(ch)
        cell += char_cells(ch)[1]
    return "".join(out)


def test_fit_counts_cells_for_tabs_cjk_emoji_and_controls() -> None:
    for line in ("\tTabbed open-source line", "報告書 open-source 模型", "🚀🚀 then open-source",
                 "e\u0301te\u0301 open-source", "a\x1b[31mred open-source"):
        start = line.index("open-source")
        shown = fit(line, start, start + 11)
        assert shown.caret_width == 11
        assert at_cells(shown.text, shown.caret_start, shown.caret_width) == "open-source", line
    assert "\x1b" not in fit("a\x1b[31mred", 0, 1).text


def test_fit_windows_a_wide_line_around_the_span() -> None:
    line = "word " * 300 + "open-source " + "word " * 300
    start = line.index("open-source")
    shown = fit(line, start, start + 11, width=80)
    assert shown.text.startswith("…") and shown.text.endswith("…")
    assert len(shown.text) <= 82
    assert at_cells(shown.text, shown.caret_start, 11) == "open-source"


def test_full_block_places_carets_under_the_word_after_wide_characters() -> None:
    line = "🚀 報告 Qwen is an open-source model."
    start = line.index("open-source")
    finding = Finding("a.md", "term-prefer", Severity.WARNING, "Use open weights.", Position(3, start + 1),
                      Position(3, start + 12), 0, 11, source_line=line)
    block = in_context(finding, color=False)
    lines = block.splitlines()
    assert lines[0] == f"a.md:3:{start + 1}: warning [term-prefer] Use open weights."
    text_line, caret_line = lines[2], lines[3]
    assert text_line.startswith("3 | ")
    # In cells: the rocket and the two CJK characters take two each.
    assert at_cells(text_line, caret_line.index("^"), caret_line.count("^")) == "open-source"


def test_full_format_shows_the_fix_and_the_register_entry(cli, project: Path) -> None:
    (project / "a.md").write_text(BAD, encoding="utf-8")
    result = cli("check", "--format", "full", "a.md", cwd=project)
    assert result.returncode == 1
    block = result.out
    caret_under(block, "open-source")
    assert "- Qwen and DeepSeek are open-source models." in block
    assert "+ Qwen and DeepSeek are open-weights models." in block
    assert 'term entry: use "open weights"' in block and "ai-journalism.yaml:" in block
    assert block.rstrip().endswith("1 fixable with --fix.")


def test_full_format_names_the_fact_and_its_source(cli, tmp_path: Path) -> None:
    (tmp_path / "register.yaml").write_text(
        "sources:\n  census: {publisher: Harbour Statistics Office, date: 2026-02-01, "
        "url: 'https://example.org/census', cite_as: [Harbour Statistics Office]}\n"
        "facts:\n  - id: harbour-population\n    claim: Population of Harbourtown\n"
        "    about: [Harbourtown, [population, residents]]\n    values: [{value: 41000, when: 2025}]\n"
        "    source: census\n", encoding="utf-8")
    (tmp_path / "factlint.yaml").write_text("register: register.yaml\n", encoding="utf-8")
    (tmp_path / "a.md").write_text("Harbourtown's population was 52,000 in 2025, the Harbour Statistics "
                                   "Office said.\n", encoding="utf-8")
    result = cli("check", "--format", "full", "a.md", cwd=tmp_path)
    assert "[fact-mismatch]" in result.out
    assert ("register fact 'harbour-population' (Population of Harbourtown): source Harbour Statistics "
            "Office (2026-02-01); https://example.org/census (register.yaml:4:5)") in result.out


def test_text_is_concise_in_a_pipe_and_full_on_a_terminal(project: Path) -> None:
    (project / "a.md").write_text(BAD, encoding="utf-8")
    piped = subprocess.run([sys.executable, "-m", "factlint", "check", "a.md"], cwd=project,
                           capture_output=True, text=True)
    assert piped.stdout.splitlines()[0].startswith("a.md:1:23: warning [term-prefer]")
    assert "^^^" not in piped.stdout
    out = _on_terminal([sys.executable, "-m", "factlint", "check", "--color", "never", "a.md"], project)
    assert "^^^^^^^^^^^" in out and "1 | Qwen and DeepSeek" in out


def _on_terminal(argv: list[str], cwd: Path, env: dict | None = None) -> str:
    """Run ``argv`` with stdout and stderr on a pseudo-terminal; return all it wrote."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen(argv, cwd=cwd, stdout=follower, stderr=follower, stdin=subprocess.DEVNULL,
                            env={**os.environ, "TERM": "xterm", **(env or {})})
    os.close(follower)
    chunks = []
    while True:
        try:
            data = os.read(leader, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=120)
    os.close(leader)
    return b"".join(chunks).decode("utf-8", "replace").replace("\r\n", "\n")


# -- honest, streaming output --------------------------------------------------------------------

def test_no_all_clear_when_a_path_is_missing(cli, project: Path) -> None:
    result = cli("check", "nonexist.md", cwd=project)
    assert result.returncode == 2 and "All clear" not in result.out + result.err
    (project / "ok.md").write_text("The quay reopens in May, the council said.\n", encoding="utf-8")
    result = cli("check", "nonexist.md", "ok.md", cwd=project)
    assert result.returncode == 2
    assert "All clear" not in result.out
    assert "No findings in 1 file checked, but 1 error: not all clear." in result.out
    assert "nonexist.md: no such file or folder" in result.err


def test_findings_come_file_by_file_and_sort_gives_one_order(cli, project: Path) -> None:
    (project / "b.md").write_text(BAD, encoding="utf-8")
    (project / "a.md").write_text("Experts say the ferry is late.\n" + BAD, encoding="utf-8")
    streamed = cli("check", "--format", "concise", ".", cwd=project).out.splitlines()
    ordered = cli("check", "--format", "concise", "--sort", ".", cwd=project).out.splitlines()
    assert sorted(streamed) == sorted(ordered) and streamed[-1] == ordered[-1]
    paths = [line.split(":")[0] for line in streamed[:-1]]
    assert paths == sorted(paths)


def test_progress_bar_only_on_a_terminal_for_people(project: Path) -> None:
    for i in range(60):
        (project / f"d{i:02}.md").write_text("The quay reopens in May, the council said.\n", encoding="utf-8")
    piped = subprocess.run([sys.executable, "-m", "factlint", "check", "."], cwd=project,
                           capture_output=True, text=True)
    assert "file/s" not in piped.stderr and "it/s" not in piped.stderr
    shown = _on_terminal([sys.executable, "-m", "factlint", "check", "--jobs", "1", "."], project)
    assert "factlint:" in shown and "/60 [" in shown and "file/s" in shown
    assert shown.endswith("\rAll clear: no findings in 60 files.\n")  # the bar is cleared first
    machine = _on_terminal([sys.executable, "-m", "factlint", "check", "--format", "json", "."], project)
    assert "/60 [" not in machine
    json.loads(machine)


def test_statistics_counts_per_rule(cli, project: Path) -> None:
    (project / "a.md").write_text(BAD + "Qwen is an open-source model too.\nExperts say it works.\n",
                                  encoding="utf-8")
    text = cli("check", "--statistics", "a.md", cwd=project).out.splitlines()
    assert text[0].split()[:3] == ["2", "term-prefer", "[fix]"]
    assert text[1].split()[:2] == ["1", "claim-vague-source"]
    data = json.loads(cli("check", "--statistics", "--format", "json", "a.md", cwd=project).out)
    assert data[0] == {"rule": "term-prefer", "count": 2, "fixable": 2,
                       "summary": "Use the house term instead of a discouraged one."}


# -- the hook keeps the config's word -------------------------------------------------------------

def test_force_exclude_applies_exclude_to_named_files(cli, tmp_path: Path) -> None:
    (tmp_path / "factlint.yaml").write_text(CONFIG + "exclude: [archive]\n", encoding="utf-8")
    (tmp_path / "archive").mkdir()
    (tmp_path / "archive" / "old.md").write_text(BAD, encoding="utf-8")
    (tmp_path / "new.md").write_text(BAD, encoding="utf-8")
    assert cli("check", "archive/old.md", cwd=tmp_path).returncode == 1  # named: checked, as in ruff
    result = cli("check", "--force-exclude", "archive/old.md", cwd=tmp_path)
    assert result.returncode == 0, result.out + result.err
    result = cli("check", "--force-exclude", "archive/old.md", "new.md", cwd=tmp_path)
    assert result.returncode == 1 and "archive" not in result.out
    shown = cli("check", "--force-exclude", "--show-files", "archive/old.md", "new.md", cwd=tmp_path)
    assert shown.out == "new.md\n"
    sub = tmp_path / "archive"
    assert cli("check", "--force-exclude", "old.md", cwd=sub).returncode == 0  # from below the config too


def test_register_check_of_changed_files(cli, tmp_path: Path) -> None:
    (tmp_path / "factlint.yaml").write_text("register: register.yaml\n", encoding="utf-8")
    (tmp_path / "register.yaml").write_text("terms:\n  - use: open weights\n    instead_of: [open source]\n",
                                            encoding="utf-8")
    (tmp_path / "workflow.yml").write_text("on: push\n", encoding="utf-8")
    quiet = cli("register", "check", "workflow.yml", cwd=tmp_path)
    assert quiet.returncode == 0 and quiet.out == ""
    assert "Register OK" in cli("register", "check", "register.yaml", cwd=tmp_path).out
    (tmp_path / "register.yaml").write_text("terms:\n  - use: open weights\n    instead_of: [open source\n",
                                            encoding="utf-8")
    broken = cli("register", "check", "register.yaml", cwd=tmp_path)
    assert broken.returncode == 2
    assert broken.err.startswith("factlint: error: register.yaml:")
    assert broken.err.split(":")[3].strip().isdigit()  # register.yaml:LINE:COL


# -- the settings in force -------------------------------------------------------------------------

def test_rules_and_explain_show_the_config_in_force(cli, tmp_path: Path) -> None:
    (tmp_path / "factlint.yaml").write_text(
        "rules:\n  claim-absolute: off\n  stat-unattributed: error\n"
        "  readability-grade: {enabled: true, max_paragraph_grade: 11}\n", encoding="utf-8")
    rows = {line.split()[0]: line.split()[1] for line in cli("rules", cwd=tmp_path).out.splitlines()}
    assert rows["claim-absolute"] == "off" and rows["stat-unattributed"] == "error"
    assert rows["readability-grade"] == "info" and rows["term-prefer"] == "warning"
    assert "(max_paragraph_grade: 11)" in cli("rules", cwd=tmp_path).out
    explained = cli("explain", "readability-grade", cwd=tmp_path).out
    assert explained.rstrip().endswith("In this project (factlint.yaml): info, max_paragraph_grade: 11")
    settings = cli("check", "--show-settings", cwd=tmp_path).out
    assert "config: factlint.yaml" in settings and "claim-absolute               off" in settings


def test_extends_adds_to_a_base_config(cli, tmp_path: Path) -> None:
    (tmp_path / "desk").mkdir()
    (tmp_path / "desk" / "terms.yaml").write_text("terms:\n  - use: ferry operator\n    instead_of: "
                                                  "[boat company]\n", encoding="utf-8")
    (tmp_path / "desk" / "factlint.yaml").write_text(
        "register: terms.yaml\nrules:\n  claim-vague-source: error\n  claim-absolute: off\n", encoding="utf-8")
    (tmp_path / "factlint.yaml").write_text("extends: desk/factlint.yaml\npacks: [ai-journalism]\n"
                                            "rules:\n  claim-absolute: info\n", encoding="utf-8")
    (tmp_path / "a.md").write_text("The boat company runs open-source models. Experts say so.\n",
                                   encoding="utf-8")
    out = cli("check", "a.md", cwd=tmp_path).out
    assert "[term-prefer] Use \"ferry operator\"" in out  # the base's register
    assert "[term-prefer] Use \"open-weights\"" in out  # this config's pack
    assert "error [claim-vague-source]" in out  # the base's rule setting
    rows = {line.split()[0]: line.split()[1] for line in cli("rules", cwd=tmp_path).out.splitlines()}
    assert rows["claim-absolute"] == "info"  # this config's own setting wins


@pytest.mark.parametrize("config, expected", [
    ("extends: factlint.yaml\n", "factlint.yaml:1:1: extends: 'factlint.yaml' leads back to this file"),
    ("extends: no-such-pack\n", "factlint.yaml:1:1: extends: unknown pack 'no-such-pack'"),
    ("extends: missing.yaml\n", "factlint.yaml:1:1: extends: file 'missing.yaml' not found"),
    ("per-file-ignores:\n  'archive/*': [stat-unatributed]\n",
     "factlint.yaml:2:17: per-file-ignores: unknown rule 'stat-unatributed'"),
    ("per-file-ignores: [a]\n", "factlint.yaml:1:1: 'per-file-ignores' must map file globs"),
])
def test_config_errors_point_at_the_line(cli, tmp_path: Path, config: str, expected: str) -> None:
    (tmp_path / "factlint.yaml").write_text(config, encoding="utf-8")
    result = cli("check", "--show-settings", cwd=tmp_path)
    assert result.returncode == 2 and result.err.startswith("factlint: error: " + expected), result.err


def test_per_file_ignores(cli, tmp_path: Path) -> None:
    (tmp_path / "factlint.yaml").write_text(CONFIG + "per-file-ignores:\n  'wire/*': [term-prefer]\n"
                                            "  '*.txt': [claim-vague-source]\n", encoding="utf-8")
    (tmp_path / "wire").mkdir()
    text = BAD + "Experts say so.\n"
    for name in ("wire/copy.md", "own.md", "notes.txt"):
        (tmp_path / name).write_text(text, encoding="utf-8")
    out = cli("check", "--format", "concise", ".", cwd=tmp_path).out
    rules = {(line.split(":")[0], line.split("[")[1].split("]")[0]) for line in out.splitlines()[:-1]}
    assert rules == {("wire/copy.md", "claim-vague-source"), ("own.md", "term-prefer"),
                     ("own.md", "claim-vague-source"), ("notes.txt", "term-prefer")}


def test_missing_extra_is_one_line(cli, tmp_path: Path) -> None:
    code = ("import importlib.util, sys; real = importlib.util.find_spec; "
            "importlib.util.find_spec = lambda name, *a: None if name == 'jinja2' else real(name, *a); "
            "from factlint.cli import main; sys.exit(main(['check', '--format', 'html', '.']))")
    (tmp_path / "a.md").write_text(BAD, encoding="utf-8")
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 2
    assert result.stderr.strip() == "factlint: error: the html format needs jinja2: pip install 'factlint[html]'"
