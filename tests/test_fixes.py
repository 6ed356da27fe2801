"""``check --fix`` and ``--diff``: safe fixes, written atomically, nothing else about the file changed."""

from __future__ import annotations

import os
import stat
import subprocess
from pathlib import Path

import pytest

from conftest import HF_FACT_REGISTER
from factlint import fixes
from factlint.errors import FactlintError
from factlint.files import Source, read_source
from factlint.findings import Edit, Finding, Position, Severity
from factlint.fixes import Fixed, apply_edits, fix_text, unified_diff, write_fixed

CONFIG = "packs: [ai-journalism]\n"
BAD = ("Open-source models from Qwen lead downloads on HuggingFace.\r\n"
       "\r\n"
       "Sales of the phones rose 40% last year.\r\n"
       "\r\n"
       "Deepseek said its open source model is free.")          # no final line break
GOOD = ("Open-weights models from Qwen lead downloads on Hugging Face.\r\n"
        "\r\n"
        "Sales of the phones rose 40% last year.\r\n"
        "\r\n"
        "DeepSeek said its open weights model is free.")
BOM = b"\xef\xbb\xbf"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "factlint.yaml").write_text(CONFIG, encoding="utf-8")
    return tmp_path


# -- applying edits ----------------------------------------------------------


def test_edits_apply_right_to_left_and_overlaps_are_skipped() -> None:
    text = "alpha beta gamma"
    edits = [Edit(0, 5, "ALPHA"), Edit(11, 16, "GAMMA"), Edit(3, 8, "clash"), Edit(11, 16, "GAMMA")]
    assert apply_edits(text, edits) == ("ALPHA beta GAMMA", 2, 1)
    assert apply_edits(text, [Edit(10, 99, "x")]) == (text, 0, 1)
    assert apply_edits(text, []) == (text, 0, 0)
    # Insertions at the same point as a replacement's end do not overlap it.
    assert apply_edits("ab", [Edit(0, 1, "A"), Edit(1, 1, "-")])[0] == "A-b"


def test_fix_text_applies_only_what_is_allowed_and_repeats_until_stable() -> None:
    # "one" is fixed to "two", which a second pass fixes to "2"; "three" is not safe.
    source = Source("a.md", None, "one three")
    table = {"one": ("two", "safe"), "two": ("2", "safe"), "three": ("3", "unsafe")}

    def lint(text: str) -> list[Finding]:
        found = []
        for word, (new, rule) in table.items():
            at = text.find(word)
            if at >= 0:
                found.append(Finding(path="a.md", rule=rule, severity=Severity.WARNING, message=word,
                                     start=Position(1, at + 1), end=Position(1, at + len(word) + 1),
                                     offset=at, end_offset=at + len(word),
                                     fix=(Edit(at, at + len(word), new),)))
        return found

    result = fix_text(source, lint, lambda f: f.rule == "safe")
    assert result.text == "2 three" and result.applied == 2
    assert [f.rule for f in result.findings] == ["unsafe"]


# -- writing ------------------------------------------------------------------


def test_fix_keeps_bom_crlf_missing_final_newline_and_mode(cli, project: Path) -> None:
    draft = project / "brief.md"
    draft.write_bytes(BOM + BAD.encode("utf-8"))
    os.chmod(draft, 0o640)
    inode = draft.stat().st_ino
    result = cli("check", "--fix", "brief.md", cwd=project)
    assert draft.read_bytes() == BOM + GOOD.encode("utf-8")
    assert stat.S_IMODE(draft.stat().st_mode) == 0o640
    assert draft.stat().st_ino != inode  # replaced by rename, not rewritten in place
    assert "Fixed 4 findings in 1 file." in result.err
    # What is left is reported and decides the exit code: the unsourced 40%.
    assert result.returncode == 1
    assert [line.split(" ")[2] for line in result.out.splitlines() if "[" in line] == ["[stat-unattributed]"]
    assert not [p for p in project.iterdir() if "factlint-tmp" in p.name]

    again = cli("check", "--fix", "brief.md", cwd=project)
    assert "Fixed" not in again.err
    assert draft.read_bytes() == BOM + GOOD.encode("utf-8")
    assert "fixable" not in again.out


def test_fix_writes_through_a_symlink(cli, project: Path) -> None:
    real = project / "real.md"
    real.write_text("Qwen and DeepSeek are open-source models.\n", encoding="utf-8")
    (project / "link.md").symlink_to(real)
    cli("check", "--fix", "link.md", cwd=project)
    assert (project / "link.md").is_symlink()
    assert real.read_text(encoding="utf-8") == "Qwen and DeepSeek are open-weights models.\n"


def test_only_fixes_of_findings_the_user_sees(cli, project: Path) -> None:
    """Findings hidden by a baseline or a suppression are not rewritten behind the writer's back."""
    draft = project / "brief.md"
    draft.write_text("Qwen and DeepSeek are open-source models.\n", encoding="utf-8")
    cli("baseline", "brief.md", cwd=project)
    draft.write_text("Qwen and DeepSeek are open-source models.\n\n"
                     "<!-- factlint-disable-next-line term-spelling -->\n"
                     "Files live on HuggingFace.\n\n"
                     "Mirrors live on HuggingFace too.\n", encoding="utf-8")
    result = cli("check", "--fix", "--baseline", ".factlint-baseline.json", "brief.md", cwd=project)
    assert result.returncode == 0, result.out + result.err
    assert draft.read_text(encoding="utf-8") == (
        "Qwen and DeepSeek are open-source models.\n\n"
        "<!-- factlint-disable-next-line term-spelling -->\n"
        "Files live on HuggingFace.\n\n"
        "Mirrors live on Hugging Face too.\n")


def test_a_file_changed_since_it_was_read_is_not_overwritten(tmp_path: Path) -> None:
    draft = tmp_path / "a.md"
    draft.write_text("one\n", encoding="utf-8")
    source = read_source("a.md", draft)
    draft.write_text("someone else's edit\n", encoding="utf-8")
    with pytest.raises(FactlintError, match="changed on disk"):
        write_fixed(Fixed(source, "ONE\n", 1))
    assert draft.read_text(encoding="utf-8") == "someone else's edit\n"


def test_a_failed_write_leaves_the_old_file_and_no_temp_file(tmp_path: Path, monkeypatch) -> None:
    draft = tmp_path / "a.md"
    draft.write_text("one\n", encoding="utf-8")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(fixes.os, "replace", broken_replace)
    with pytest.raises(FactlintError, match="cannot write fix: No space left on device"):
        write_fixed(Fixed(read_source("a.md", draft), "ONE\n", 1))
    assert draft.read_text(encoding="utf-8") == "one\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.md"]


# -- --diff -------------------------------------------------------------------


def test_diff_prints_a_patch_git_applies_and_writes_nothing(cli, project: Path) -> None:
    draft = project / "brief.md"
    draft.write_bytes(BAD.encode("utf-8"))
    result = cli("check", "--diff", "brief.md", cwd=project)
    assert result.returncode == 1
    assert draft.read_bytes() == BAD.encode("utf-8")
    assert result.out.startswith("--- a/brief.md\n+++ b/brief.md\n@@ ")
    assert "\\ No newline at end of file" in result.out
    assert "Would fix 4 findings in 1 file." in result.err

    (project / "fix.patch").write_bytes(result.stdout)
    subprocess.run(["git", "apply", "--whitespace=nowarn", "fix.patch"], cwd=project, check=True,
                   capture_output=True)
    assert draft.read_bytes() == GOOD.encode("utf-8")

    nothing = cli("check", "--diff", "brief.md", cwd=project)
    assert nothing.returncode == 0 and nothing.out == ""


def test_diff_and_a_machine_format_do_not_mix(cli, project: Path) -> None:
    (project / "a.md").write_text("Qwen is open-source.\n", encoding="utf-8")
    result = cli("check", "--diff", "--format", "json", "a.md", cwd=project)
    assert result.returncode == 2 and "cannot be combined with --format" in result.err


def test_unified_diff_splits_only_at_line_feeds() -> None:
    old = "page one\x0cpage two\u2028same line\nsecond\n"
    new = old.replace("second", "2nd")
    assert unified_diff("a.md", old, new).split("\n")[3:] == [
        " page one\x0cpage two\u2028same line", "-second", "+2nd", ""]


# -- stdin --------------------------------------------------------------------


def test_fix_on_stdin_prints_the_fixed_draft_and_reports_on_stderr(cli, project: Path) -> None:
    result = cli("check", "--fix", "-", "--stdin-filename", "brief.md", cwd=project,
                 stdin=BOM + BAD.encode("utf-8"))
    assert result.stdout == BOM + GOOD.encode("utf-8")
    assert "[stat-unattributed]" in result.err and result.returncode == 1
    untouched = cli("check", "--fix", "-", cwd=project, stdin=b"Nothing to fix here.\n")
    assert untouched.stdout == b"Nothing to fix here.\n" and untouched.returncode == 0


FACT_REGISTER = HF_FACT_REGISTER + """\
terms:
  - use: Hugging Face
    instead_of: [HuggingFace]
"""


def test_a_fix_that_would_create_a_finding_is_withheld(tmp_path: Path, cli) -> None:
    (tmp_path / "register.yaml").write_text(FACT_REGISTER, encoding="utf-8")
    (tmp_path / "factlint.yaml").write_text("register: [register.yaml]\n", encoding="utf-8")
    draft = tmp_path / "d.md"
    text = ("U.S. models had 40% of HuggingFace downloads in 2025, The Wire China said.\n\n"
            "The weights are on HuggingFace.\n")
    draft.write_text(text, encoding="utf-8")
    result = cli("check", "--fix", "d.md", cwd=tmp_path)
    fixed = draft.read_text(encoding="utf-8")
    # The second spelling is fixed; the first would turn the sentence into a fact mismatch.
    assert fixed == text.replace("on HuggingFace", "on Hugging Face")
    assert "d.md:1:24: fix for [term-spelling] not applied: it would add [fact-mismatch]" in result.err
    assert result.returncode == 1  # the withheld finding is still reported
    assert "term-spelling" in result.out


def test_fixing_never_rewrites_a_quoted_speaker(tmp_path: Path, cli) -> None:
    (tmp_path / "factlint.yaml").write_text(CONFIG, encoding="utf-8")
    draft = tmp_path / "q.md"
    text = "\u201cOur open source models live on HuggingFace,\u201d said Ana Ruiz.\n"
    draft.write_text(text, encoding="utf-8")
    cli("check", "--fix", "q.md", cwd=tmp_path)
    assert draft.read_text(encoding="utf-8") == text
