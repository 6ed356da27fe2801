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
    with _quick(2.0):  # generous for a loaded CI machine; the bug was a minute
        linter.lint_text("p.md", PATHOLOGICAL[name])


def test_findings_on_one_long_line_share_the_line() -> None:
    from conftest import make_linter

    findings = make_linter().lint_text("p.txt", " ".join(f"Rents rose {i}%." for i in range(2000)))
    assert len(findings) > 1000
    assert len({id(f.source_line) for f in findings}) == 1
