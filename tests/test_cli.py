"""The command as users run it: exit codes, formats, discovery, and every bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import ROOT, SHARED

CONFIG = "packs: [ai-journalism, house-style]\n"
BAD_DRAFT = "Qwen and DeepSeek are open-source models.\n"


def one_error_line(result) -> str:
    """Bad input: exit 2, one line on stderr, no traceback."""
    assert result.returncode == 2, result.err
    lines = result.err.strip().splitlines()
    assert len(lines) >= 1 and all(line.startswith("factlint: error: ") for line in lines), result.err
    assert "Traceback" not in result.err
    return lines[0]


def test_seeds_report_terminology_at_the_right_place(cli) -> None:
    result = cli("check", "seeds/", "--select", "term-prefer,term-spelling", cwd=ROOT)
    assert result.returncode == 1
    lines = result.out.splitlines()
    assert any(line.startswith("seeds/000_f5887a468ea7c2e4.txt:22:355: warning [term-prefer] "
                               'Use "open-weights" instead of "open-source".') for line in lines)
    # "open-source frameworks" (line 30) and the quoted 'open source' in 002 pass.
    assert not any(":30:" in line and "term-prefer" in line for line in lines)
    assert not any(line.startswith("seeds/002") for line in lines if "term-prefer" in line)


def test_exit_codes_and_fail_on(cli, project: Path) -> None:
    (project / "a.md").write_text(BAD_DRAFT, encoding="utf-8")
    assert cli("check", "a.md", cwd=project).returncode == 1
    assert cli("check", "a.md", "--fail-on", "error", cwd=project).returncode == 0
    assert cli("check", "a.md", "--exit-zero", cwd=project).returncode == 0
    assert cli("check", "a.md", "--fail-on", "never", cwd=project).returncode == 0
    assert cli("check", "a.md", "--ignore", "term-prefer", cwd=project).returncode == 0


def test_json_shape(cli, project: Path) -> None:
    (project / "a.md").write_text(BAD_DRAFT, encoding="utf-8")
    data = json.loads(cli("check", "--format", "json", "a.md", cwd=project).out)
    assert data["version"] == 1
    (finding,) = data["findings"]
    assert {k: finding[k] for k in ("path", "line", "column", "end_line", "end_column", "rule", "severity")} == {
        "path": "a.md", "line": 1, "column": 23, "end_line": 1, "end_column": 34,
        "rule": "term-prefer", "severity": "warning"}
    assert finding["fix"] == [{"offset": 22, "end_offset": 33, "replacement": "open-weights"}]
    assert data["summary"]["findings"] == 1


def test_folders_are_searched_recursively_with_include_and_exclude(cli, project: Path) -> None:
    (project / "drafts" / "old").mkdir(parents=True)
    (project / "drafts" / "a.md").write_text(BAD_DRAFT, encoding="utf-8")
    (project / "drafts" / "b.txt").write_text(BAD_DRAFT, encoding="utf-8")
    (project / "drafts" / "c.rst").write_text(BAD_DRAFT, encoding="utf-8")
    (project / "drafts" / "old" / "d.md").write_text(BAD_DRAFT, encoding="utf-8")
    (project / "factlint.yaml").write_text(CONFIG + "exclude: [old]\n", encoding="utf-8")
    result = cli("check", "drafts", "--format", "json", cwd=project)
    assert sorted(f["path"] for f in json.loads(result.out)["findings"]) == ["drafts/a.md", "drafts/b.txt"]
    # A file named explicitly is checked whatever its extension.
    assert cli("check", "drafts/c.rst", cwd=project).returncode == 1


def test_stdin(cli, project: Path) -> None:
    result = cli("check", "-", "--stdin-filename", "piece.md", cwd=project, stdin=BAD_DRAFT.encode())
    assert result.returncode == 1 and result.out.startswith("piece.md:1:23: warning [term-prefer]")


def test_config_is_found_from_a_subfolder(cli, project: Path) -> None:
    (project / "drafts").mkdir()
    (project / "drafts" / "a.md").write_text(BAD_DRAFT, encoding="utf-8")
    assert cli("check", "a.md", cwd=project / "drafts").returncode == 1


def test_quiet_and_summary(cli, project: Path) -> None:
    (project / "a.md").write_text(BAD_DRAFT, encoding="utf-8")
    assert "Found 1 finding (1 warning) in 1 file of 1 checked." in cli("check", "a.md", cwd=project).out
    assert "Found" not in cli("check", "a.md", "-q", cwd=project).out
    (project / "b.md").write_text("All good.\n", encoding="utf-8")
    assert cli("check", "b.md", cwd=project).out == "All clear: no findings in 1 file.\n"


def test_rules_and_explain(cli) -> None:
    listing = cli("rules").out
    assert "term-prefer" in listing and "suppression-unused" in listing
    text = cli("explain", "term-prefer").out
    assert "Flagged:" in text and "open-source models" in text and "Not flagged:" in text


def test_init_writes_a_working_starter_and_never_overwrites(cli, tmp_path: Path) -> None:
    assert cli("init", cwd=tmp_path).returncode == 0
    assert cli("register", "check", cwd=tmp_path).returncode == 0
    (tmp_path / "a.md").write_text("The models are open source models.\n", encoding="utf-8")
    assert cli("check", "a.md", cwd=tmp_path).returncode == 1
    assert "already exists" in one_error_line(cli("init", cwd=tmp_path))


def test_register_check(cli) -> None:
    result = cli("register", "check", cwd=ROOT)
    assert result.returncode == 0 and result.out.startswith("Register OK:")


# --- bad input: one line naming the file (and line), exit 2, nothing lost ---

def test_empty_draft_is_clean(cli, project: Path) -> None:
    (project / "empty.md").write_text("", encoding="utf-8")
    (project / "blank.txt").write_text("\n\n", encoding="utf-8")
    result = cli("check", "empty.md", "blank.txt", cwd=project)
    assert result.returncode == 0, result.err


def test_nonexistent_path(cli, project: Path) -> None:
    assert one_error_line(cli("check", "nope.md", cwd=project)) == "factlint: error: nope.md: no such file or folder"


def test_folder_without_drafts(cli, project: Path) -> None:
    (project / "empty").mkdir()
    assert "empty: no drafts found in this folder" in one_error_line(cli("check", "empty", cwd=project))


def test_binary_file(cli, project: Path) -> None:
    (project / "image.md").write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR")
    assert "image.md: binary file" in one_error_line(cli("check", "image.md", cwd=project))


def test_non_utf8_file_names_line_and_column_and_other_files_still_checked(cli, project: Path) -> None:
    (project / "latin.txt").write_bytes("First line.\nPrices in £ rose.\n".encode("latin-1"))
    (project / "a.md").write_text(BAD_DRAFT, encoding="utf-8")
    result = cli("check", "latin.txt", "a.md", cwd=project)
    assert "latin.txt:2:11: not UTF-8 (byte 0xa3)" in one_error_line(result)
    assert "a.md:1:23: warning [term-prefer]" in result.out  # nothing lost


def test_latin1_article_from_the_bbc_corpus(cli, project: Path) -> None:
    path = SHARED / "corpora" / "bbc-news" / "sport" / "199.txt"
    if not path.exists():
        pytest.skip("../shared/corpora is not beside this checkout")
    line = one_error_line(cli("check", str(path), cwd=project))
    assert f"{path}:" in line and "not UTF-8" in line


def test_utf8_bom_and_crlf_drafts_work(cli, project: Path) -> None:
    (project / "bom.md").write_bytes(b"\xef\xbb\xbf" + BAD_DRAFT.replace("\n", "\r\n").encode())
    result = cli("check", "bom.md", "--format", "json", cwd=project)
    (finding,) = json.loads(result.out)["findings"]
    assert (finding["line"], finding["column"]) == (1, 23)


def test_malformed_config_yaml(cli, project: Path) -> None:
    (project / "factlint.yaml").write_text("packs: [ai-journalism\nrules: {}\n", encoding="utf-8")
    line = one_error_line(cli("check", "x.md", cwd=project))
    assert "factlint.yaml:2:6: invalid YAML" in line


def test_malformed_register_yaml(cli, project: Path) -> None:
    (project / "register.yaml").write_text("facts:\n  - id: x\n    about: [a\n", encoding="utf-8")
    (project / "factlint.yaml").write_text("register: [register.yaml]\n", encoding="utf-8")
    assert "register.yaml:4:1: invalid YAML" in one_error_line(cli("register", "check", cwd=project))


def test_unknown_rule_on_the_command_line_and_in_config(cli, project: Path) -> None:
    (project / "a.md").write_text("Fine.\n", encoding="utf-8")
    assert "unknown rule 'term-prefr'" in one_error_line(cli("check", "a.md", "--select", "term-prefr", cwd=project))
    assert "unknown rule 'nope'" in one_error_line(cli("explain", "nope", cwd=project))
    (project / "factlint.yaml").write_text("rules:\n  term-prefr: off\n", encoding="utf-8")
    assert "factlint.yaml:2:3: unknown rule 'term-prefr'" in one_error_line(cli("check", "a.md", cwd=project))


def test_broken_config_keys(cli, project: Path) -> None:
    (project / "factlint.yaml").write_text("packs: [house-style]\nexlude: [x]\n", encoding="utf-8")
    assert "factlint.yaml:2:1: unknown config key 'exlude'" in one_error_line(cli("check", ".", cwd=project))


def test_missing_explicit_config(cli, project: Path) -> None:
    assert "nope.yaml: config file not found" in one_error_line(cli("check", "--config", "nope.yaml", cwd=project))


def test_usage_error_is_one_line_exit_2(cli) -> None:
    result = cli("check", "--format", "xml")
    assert result.returncode == 2 and "Traceback" not in result.err
    assert len(result.err.strip().splitlines()) == 1


def test_malformed_front_matter_names_its_line(cli, project: Path) -> None:
    (project / "a.md").write_text("---\ntitle: [open\n---\nText.\n", encoding="utf-8")
    assert "a.md:2:13: invalid YAML" in one_error_line(cli("check", "a.md", cwd=project))
