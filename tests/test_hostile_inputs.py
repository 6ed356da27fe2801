"""Inputs that once crashed, hung, blew memory or misled: each now gets one clear line.

A linter that reads untrusted pull requests in CI must not be a way in, and a
hook that hangs is uninstalled the same day. Each case here failed on the
main branch before it was fixed.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from factlint.errors import FactlintError
from factlint.fixes import write_fixed
from factlint.files import read_source
from factlint.fixes import Fixed
from factlint.yamlpos import load_text

BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8))


def _quick(seconds: float = 1.0):
    """Run the block and fail when it takes longer than ``seconds`` (hangs are the bug)."""
    class _Timer:
        def __enter__(self):
            self.t0 = time.perf_counter()

        def __exit__(self, *exc):
            assert time.perf_counter() - self.t0 < seconds, "took too long"
    return _Timer()


# --- output streams ------------------------------------------------------------------

@pytest.mark.parametrize("name", ["x\n::stop-commands::tok.md", "y\r::warning::z.md"])
def test_a_file_name_cannot_start_a_workflow_command(cli, tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_text("Sales rose 40% last year.\n", encoding="utf-8")
    result = cli("check", ".", cwd=tmp_path)
    for stream in (result.out, result.err):
        assert not any(line.startswith("::") for line in stream.splitlines()), stream
    assert "\\n::stop-commands" in result.out or "\\r::warning" in result.out


def test_an_error_line_escapes_the_path(cli, tmp_path: Path) -> None:
    result = cli("check", "missing\n::error::x.md", cwd=tmp_path)
    assert result.returncode == 2
    assert result.err.count("\n") == 1 and "missing\\n::error::x.md" in result.err


# --- files that are not drafts ---------------------------------------------------------

@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_in_a_folder_is_skipped_and_a_named_one_refused(cli, tmp_path: Path) -> None:
    (tmp_path / "draft.md").write_text("All is well.\n", encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.md")
    with _quick(10):
        result = cli("check", ".", cwd=tmp_path)
    assert result.returncode == 0, result.err
    with _quick(10):
        result = cli("check", "pipe.md", cwd=tmp_path)
    assert result.returncode == 2 and "pipe.md: not a regular file" in result.err


def test_baseline_from_a_device_is_refused_at_once(cli, tmp_path: Path) -> None:
    (tmp_path / "d.md").write_text("All is well.\n", encoding="utf-8")
    with _quick(10):
        result = cli("check", "--baseline", "/dev/zero", "d.md", cwd=tmp_path)
    assert result.returncode == 2 and "/dev/zero: not a regular file" in result.err


def test_utf16_is_named_and_nul_is_found_past_the_first_block(tmp_path: Path) -> None:
    utf16 = tmp_path / "u.md"
    utf16.write_bytes("Hello there.\n".encode("utf-16"))
    with pytest.raises(FactlintError, match="UTF-16"):
        read_source("u.md", utf16)
    late_nul = tmp_path / "n.md"
    late_nul.write_bytes(b"a" * 20000 + b"\0" + b"b")
    with pytest.raises(FactlintError, match="binary"):
        read_source("n.md", late_nul)


@pytest.mark.parametrize("jobs", ["-1", "1000", "x"])
def test_jobs_out_of_range_is_a_usage_error(cli, tmp_path: Path, jobs: str) -> None:
    result = cli("check", "-j", jobs, ".", cwd=tmp_path)
    assert result.returncode == 2 and "--jobs" in result.err and result.err.count("\n") == 1


# --- YAML bombs and depth ------------------------------------------------------------------

@pytest.mark.parametrize("text", [BOMB, "[" * 5000, "a: " + "[" * 100 + "]" * 100])
def test_yaml_bombs_and_deep_nesting_are_one_line_errors(text: str) -> None:
    with _quick():
        with pytest.raises(FactlintError, match="f.yaml"):
            load_text(text, "f.yaml")


def test_a_bomb_in_front_matter_fails_that_draft_only(cli, tmp_path: Path) -> None:
    indented = "".join("  " + line + "\n" for line in BOMB.splitlines())
    (tmp_path / "a.md").write_text(f"---\nauthor:\n{indented}---\n\nText.\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("Sales rose 40% last year.\n", encoding="utf-8")
    with _quick(10):
        result = cli("check", ".", cwd=tmp_path)
    assert result.returncode == 2
    assert "a.md" in result.err and "alias bomb" in result.err
    assert "b.md:1:12" in result.out  # the other draft is still checked


def test_a_bomb_in_the_config_is_a_config_error(cli, tmp_path: Path) -> None:
    (tmp_path / "factlint.yaml").write_text("baseline: " + "[" * 3000 + "\n", encoding="utf-8")
    (tmp_path / "d.md").write_text("Text.\n", encoding="utf-8")
    with _quick(10):
        result = cli("check", "d.md", cwd=tmp_path)
    assert result.returncode == 2 and "factlint.yaml" in result.err
    assert len(result.err) < 300


# --- fixes never take over a file ----------------------------------------------------------

def _fixed(path: Path) -> Fixed:
    source = read_source(path.name, path)
    return Fixed(source, source.text.replace("HuggingFace", "Hugging Face"), 1)


def test_a_read_only_file_is_not_replaced(tmp_path: Path) -> None:
    draft = tmp_path / "r.md"
    draft.write_text("On HuggingFace.\n", encoding="utf-8")
    draft.chmod(0o444)
    fixed = _fixed(draft)
    with pytest.raises(FactlintError, match="read-only"):
        write_fixed(fixed)
    assert draft.read_text(encoding="utf-8") == "On HuggingFace.\n"


def test_a_file_of_another_user_is_not_replaced(tmp_path: Path, monkeypatch) -> None:
    draft = tmp_path / "o.md"
    draft.write_text("On HuggingFace.\n", encoding="utf-8")
    fixed = _fixed(draft)
    owner = draft.stat().st_uid
    monkeypatch.setattr(os, "geteuid", lambda: owner + 1, raising=False)
    with pytest.raises(FactlintError, match="owned by another user"):
        write_fixed(fixed)
    assert draft.read_text(encoding="utf-8") == "On HuggingFace.\n"


# --- time that grows with the input, not with its square -------------------------------------

PATHOLOGICAL = {
    "a.": "a." * 16000,
    "1.": "1." * 16000,
    "a-": "a-" * 16000,
    "www.": "www." * 8000,
    "a@": "a@" * 16000,
    "percentages": " ".join(f"{i}%" for i in range(5000)),
    "long sentence": " ".join("the council said sales rose 12% last year while analysts expect "
                              "growth of 3% and 2,000 jobs".split() * 1500),
}


@pytest.mark.parametrize("name", sorted(PATHOLOGICAL))
def test_pathological_drafts_take_well_under_a_second(name: str) -> None:
    """Each took 15-75 s before its pattern was made linear (32 KB inputs)."""
    from conftest import make_linter

    linter = make_linter()
    started = time.process_time()  # CPU, not wall time: other work on the machine must not fail it
    linter.lint_text("p.md", PATHOLOGICAL[name])
    assert time.process_time() - started < 2.0, "took too long"  # the bug was a minute


def test_findings_on_one_long_line_share_the_line() -> None:
    from conftest import make_linter

    findings = make_linter().lint_text("p.txt", " ".join(f"Rents rose {i}%." for i in range(2000)))
    assert len(findings) > 1000
    assert len({id(f.source_line) for f in findings}) == 1


# --- changed lines agree with git -------------------------------------------------------------

def test_a_diff_line_with_a_form_feed_or_line_separator_does_not_end_the_hunk(tmp_path: Path) -> None:
    from factlint.changed_lines import parse_diff

    diff = ("--- a/d.md\n+++ b/d.md\n@@ -0,0 +1,3 @@\n+one \f two\n+three \u2028 four\n"
            "+five\n")
    changed = parse_diff(diff, tmp_path)
    assert changed.lines[str((tmp_path / "d.md").resolve())] == {1, 2, 3}


def test_a_lone_cr_is_no_line_break_for_changed_lines(tmp_path: Path) -> None:
    from conftest import lint
    from factlint.changed_lines import ChangedLines

    draft = tmp_path / "d.txt"
    draft.write_bytes(b"Intro.\rStill line one for git.\nRents rose 9% last year.\n")
    (finding,) = [f for f in lint(draft.read_bytes().decode("utf-8"), "",
                                  ["stat-unattributed"], path=str(draft))]
    assert finding.line == 3  # factlint counts the CR as a break
    changed = ChangedLines(lines={str(draft.resolve()): {2}})  # git says line 2 was added
    assert changed.keeps(finding)


def test_a_garbage_diff_is_an_error_and_an_empty_one_is_said(cli, tmp_path: Path) -> None:
    (tmp_path / "d.md").write_text("Rents rose 9% last year.\n", encoding="utf-8")
    (tmp_path / "g.diff").write_text("not a diff at all\n", encoding="utf-8")
    (tmp_path / "e.diff").write_text("", encoding="utf-8")
    garbage = cli("check", "--diff-file", "g.diff", "d.md", cwd=tmp_path)
    assert garbage.returncode == 2 and "g.diff: not a unified diff" in garbage.err
    empty = cli("check", "--diff-file", "e.diff", "d.md", cwd=tmp_path)
    assert empty.returncode == 0 and "e.diff changes no file" in empty.err


# --- wrong types are refused, not ignored -----------------------------------------------------

@pytest.mark.parametrize("config,message", [
    ("rules:\n  stat-unattributed: {enabled: 'false'}\n", "'enabled' must be true or false"),
    ("rules:\n  stat-unattributed: {min_count: .inf}\n", "finite number"),
    ("rules:\n  readability-sentence-length: {max_words: -5}\n", "finite number"),
    ("baseline: 5\n", "'baseline' must be a file name"),
    ("register: [\"a\\0b\"]\n", "not a usable file name"),
])
def test_bad_config_values_are_errors(cli, tmp_path: Path, config: str, message: str) -> None:
    (tmp_path / "factlint.yaml").write_text(config, encoding="utf-8")
    (tmp_path / "d.md").write_text("Text.\n", encoding="utf-8")
    result = cli("check", "d.md", cwd=tmp_path)
    assert result.returncode == 2 and message in result.err, result.err
    assert result.err.startswith("factlint: error: factlint.yaml:")


def test_a_nan_tolerance_is_refused() -> None:
    from factlint.register import load_register

    register = ("sources:\n  s: {publisher: P, date: 2026-01-01}\nfacts:\n  - id: f\n    claim: C\n"
                "    about: [x]\n    value: 5%\n    source: s\n    tolerance: .nan\n")
    with pytest.raises(FactlintError, match="tolerance"):
        load_register([("r.yaml", register)])


@pytest.mark.parametrize("args", [["check", "--select", "", "."], ["check", "--output-file", "", "."],
                                  ["check", "--diff-base", "", "."], ["register", "stale", "--before", ""]])
def test_empty_option_values_are_usage_errors(cli, tmp_path: Path, args: list[str]) -> None:
    result = cli(*args, cwd=tmp_path)
    assert result.returncode == 2 and "must not be empty" in result.err


def test_non_utf8_file_names_reach_sarif_and_output_files(cli, tmp_path: Path) -> None:
    if os.name != "posix":
        pytest.skip("needs byte file names")
    name = os.fsdecode(b"bad\xff.md")
    (tmp_path / name).write_text("Rents rose 9% last year.\n", encoding="utf-8")
    sarif = cli("check", "--format", "sarif", "--output-file", "out.sarif", ".", cwd=tmp_path)
    assert sarif.returncode == 1, sarif.err
    assert "bad%FF.md" in (tmp_path / "out.sarif").read_text(encoding="utf-8")
    text = cli("check", "--output-file", "out.txt", ".", cwd=tmp_path)
    assert text.returncode == 1 and "bad\\udcff.md:1:" in (tmp_path / "out.txt").read_text(encoding="utf-8")


def test_a_fix_another_run_already_wrote_is_no_error(tmp_path: Path) -> None:
    draft = tmp_path / "c.md"
    draft.write_text("On HuggingFace.\n", encoding="utf-8")
    fixed = _fixed(draft)
    draft.write_text(fixed.text, encoding="utf-8")  # the concurrent run got there first
    write_fixed(fixed)
    assert draft.read_text(encoding="utf-8") == "On Hugging Face.\n"


def test_two_concurrent_fix_runs_end_with_the_files_fixed(tmp_path: Path) -> None:
    import subprocess
    import sys

    (tmp_path / "factlint.yaml").write_text("packs: [ai-journalism]\n", encoding="utf-8")
    for i in range(40):
        (tmp_path / f"d{i}.md").write_text("Weights are on HuggingFace.\n", encoding="utf-8")
    runs = [subprocess.Popen([sys.executable, "-m", "factlint", "check", "--fix", "."], cwd=tmp_path,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
    results = [(p.wait(timeout=120), p.stderr.read().decode()) for p in runs]
    for code, err in results:
        assert code in (0, 1), err
        assert err.count("changed on disk") <= 40
    assert all((tmp_path / f"d{i}.md").read_text(encoding="utf-8") == "Weights are on Hugging Face.\n"
               for i in range(40))


def test_a_toml_error_inside_an_inline_table_names_its_line(cli, tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.factlint]\nrules = {stat-unattributed = "bogus"}\n', encoding="utf-8")
    (tmp_path / "d.md").write_text("Text.\n", encoding="utf-8")
    result = cli("check", "d.md", cwd=tmp_path)
    assert result.returncode == 2 and "pyproject.toml:2:10: rule 'stat-unattributed'" in result.err


def test_a_deeply_nested_baseline_and_an_over_long_or_device_register_are_one_line(cli, tmp_path: Path) -> None:
    (tmp_path / "d.md").write_text("Text.\n", encoding="utf-8")
    (tmp_path / "b.json").write_text('{"version": 1, "findings": ' + "[" * 100000 + "]" * 100000 + "}",
                                     encoding="utf-8")
    nested = cli("check", "--baseline", "b.json", "d.md", cwd=tmp_path)
    assert nested.returncode == 2 and "b.json: baseline is nested too deeply" in nested.err
    for value in ["a" * 5000, "/dev/zero"]:
        (tmp_path / "factlint.yaml").write_text(f'register: ["{value}"]\n', encoding="utf-8")
        result = cli("check", "d.md", cwd=tmp_path)
        assert result.returncode == 2 and result.err.startswith("factlint: error: factlint.yaml:1:")
        assert len(result.err) < 400 and "internal error" not in result.err


def test_a_sentence_is_matched_only_against_facts_that_share_its_words(monkeypatch) -> None:
    """10 or 10,000 facts cost a draft alike: unrelated facts are never tested."""
    from factlint.register import Fact, load_register

    facts = "".join(f"  - id: f{i}\n    claim: C{i}\n    about: [widget{i}]\n    value: {i % 90 + 1}%\n"
                    f"    source: s\n" for i in range(2000))
    register = load_register([("r.yaml", "sources:\n  s: {publisher: P, date: 2026-01-01}\nfacts:\n"
                               + facts)])
    tested = []
    original = Fact.is_about
    monkeypatch.setattr(Fact, "is_about", lambda self, s: tested.append(self.id) or original(self, s))
    assert [f.id for f in register.facts_about("Sales of widget7 rose 8%.")] == ["f7"]
    assert tested == ["f7"]
