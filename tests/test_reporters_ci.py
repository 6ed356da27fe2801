"""The CI output formats: GitHub workflow commands, SARIF, GitLab Code Quality, rdjson.

Findings are built directly (no engine), from short sentences written for
these tests. The GitHub tests decode output with the runner's own rules
(actions/runner ActionCommand.TryParseV2 and its unescape tables), so they
check what the runner would do, not what we meant it to do.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from urllib.parse import unquote

import pytest

from factlint.findings import Edit, Finding, Position, Severity
from factlint.reporters import FORMATS, renderer
from factlint.reporters import github, gitlab, rdjson, sarif
from factlint.reporters.base import Report
from factlint.rules.base import Rule

SCHEMA = Path(__file__).resolve().parents[2] / "shared/schemas/sarif-schema-2.1.0.json"


# -- building findings -------------------------------------------------------


def make(message: str = "A share needs a named source.", *, rule: str = "stat-unattributed",
         severity: Severity = Severity.ERROR, path: str = "drafts/post.md", line: int = 12,
         column: int = 5, end_line: int | None = None, end_column: int = 40,
         offset: int = 100, fix: tuple[Edit, ...] = (), fingerprint: str = "fp-1",
         source_line: str = "") -> Finding:
    end_line = line if end_line is None else end_line
    return Finding(path=path, rule=rule, severity=severity, message=message,
                   start=Position(line, column), end=Position(end_line, end_column),
                   offset=offset, end_offset=offset + max(0, end_column - column),
                   fix=fix, fingerprint=fingerprint, source_line=source_line)


def locate(text: str, needle: str, *, replacement: str | None = None, path: str = "drafts/post.md",
           rule: str = "term-spelling", message: str = "Write 'Hugging Face'.") -> Finding:
    """A finding on ``needle`` in ``text``, positioned the way the engine does it."""
    start = text.index(needle)
    end = start + len(needle)
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line_end = len(text) if line_end < 0 else line_end
    line = text.count("\n", 0, start) + 1
    fix = (Edit(start, end, replacement),) if replacement is not None else ()
    return Finding(path=path, rule=rule, severity=Severity.WARNING, message=message,
                   start=Position(line, start - line_start + 1),
                   end=Position(line, end - line_start + 1), offset=start, end_offset=end,
                   fix=fix, fingerprint="fp-" + needle, source_line=text[line_start:line_end])


class StatRule(Rule):
    id = "stat-unattributed"
    severity = Severity.ERROR
    summary = "A statistic needs a named source."
    description = "A share or rate the writer could not observe needs a source in the sentence."
    examples_flag = ("Sales rose 40% last year.", "Use ``` fences ```` with care: 12% of people.")
    examples_pass = ("Sales rose 40% last year, the agency said.",)


class TermRule(Rule):
    id = "term-spelling"
    severity = Severity.WARNING
    summary = "Use the house spelling."


def report(*findings: Finding, rules: dict | None = None) -> Report:
    if rules is None:
        rules = {"stat-unattributed": StatRule, "term-spelling": TermRule}
    return Report(findings=list(findings), rules=rules, files_checked=2)


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch, tmp_path):
    """Run every test in an empty directory with no CI variables set."""
    for name in ("GITHUB_STEP_SUMMARY", "GITHUB_WORKSPACE", "CI_PROJECT_DIR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)


# -- the runner's parser, for decoding --------------------------------------

# actions/runner src/Runner.Common/ActionCommand.cs: unescape applies these
# (replacement -> token) in order, "%25" last.
RUNNER_DATA = (("%0D", "\r"), ("%0A", "\n"), ("%25", "%"))
RUNNER_PROPERTY = (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%"))
RUNNER_COMMANDS = {"error", "warning", "notice", "debug", "group", "endgroup", "echo",
                   "add-mask", "add-path", "set-env", "set-output", "save-state",
                   "add-matcher", "remove-matcher", "stop-commands"}


def runner_lines(output: str) -> list[str]:
    """Split output as the runner reads it: on CR, LF or CRLF."""
    lines = re.split(r"\r\n|\r|\n", output)
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def runner_parse(line: str) -> tuple[str, dict[str, str], str] | None:
    """TryParseV2: (command, properties, data), or None if the line is not a command."""
    message = line.lstrip()
    if not message.startswith("::"):
        return None
    end = message.find("::", 2)
    if end < 0:
        return None
    info = message[2:end]
    name, _, props = info.partition(" ")
    if name not in RUNNER_COMMANDS:
        return None
    properties = {}
    for item in filter(None, props.strip().split(",")):
        pair = [p for p in item.split("=", 1) if p]
        if len(pair) == 2:
            properties[pair[0]] = _unescape(pair[1], RUNNER_PROPERTY)
    return name, properties, _unescape(message[end + 2:], RUNNER_DATA)


def _unescape(text: str, table) -> str:
    for replacement, token in table:
        text = text.replace(replacement, token)
    return text


# -- GitHub ------------------------------------------------------------------


def test_github_exact_line():
    out = github.render(report(make()))
    assert out == ("::error file=drafts/post.md,line=12,col=5,endLine=12,endColumn=40,"
                   "title=factlint (stat-unattributed)::A share needs a named source.\n")


def test_github_multiline_span_has_no_columns():
    out = github.render(report(make(severity=Severity.INFO, end_line=14, end_column=3)))
    assert out == ("::notice file=drafts/post.md,line=12,endLine=14,"
                   "title=factlint (stat-unattributed)::A share needs a named source.\n")


def test_github_no_findings_prints_nothing():
    assert github.render(report()) == ""


NASTY = [
    "::stop-commands::x",
    "::error::pwned",
    "%0A::add-mask::secret",
    "quote ends here\r::warning::forged",
    "first line\n::add-mask::hidden\n  ::set-output name=a::b",
    "\r\n::endgroup::",
    "100% sure, 50%25 of the time: %3A %2C",
    "##[add-mask]legacy ##[error]too",
    "   ::group::indented",
    "",
]


def test_github_injection_cannot_start_a_line():
    findings = [make(message, line=i + 1, column=1, end_column=2,
                     path="drafts/a,b:c %0A.md", rule="rule::x,y")
                for i, message in enumerate(NASTY)]
    lines = runner_lines(github.render(report(*findings)))
    assert len(lines) == len(findings)
    for line, finding in zip(lines, findings):
        assert line.startswith("::error ")
        parsed = runner_parse(line)
        assert parsed is not None
        name, props, data = parsed
        assert name == "error"
        assert data == finding.message
        assert props["file"] == finding.path
        assert props["title"] == f"factlint ({finding.rule})"
        assert props["line"] == str(finding.line)
        assert set(props) == {"file", "line", "col", "endLine", "endColumn", "title"}


def test_github_round_trip_of_every_escape_sequence():
    samples = ["%", "%%", "%25", "%250A", "%0A", "\r", "\n", ":", ",", "%3A%2C", "a%\r\nb"]
    for text in samples:
        assert _unescape(github.escape_data(text), RUNNER_DATA) == text
        assert _unescape(github.escape_property(text), RUNNER_PROPERTY) == text
        assert "\r" not in github.escape_data(text) and "\n" not in github.escape_data(text)
        assert ":" not in github.escape_property(text) and "," not in github.escape_property(text)


def test_github_most_severe_first_then_path_and_line():
    findings = [
        make("i", severity=Severity.INFO, path="a.md", line=1),
        make("w", severity=Severity.WARNING, path="a.md", line=2),
        make("e2", severity=Severity.ERROR, path="b.md", line=1),
        make("e1", severity=Severity.ERROR, path="a.md", line=9),
        make("e0", severity=Severity.ERROR, path="a.md", line=3),
    ]
    parsed = [runner_parse(line) for line in runner_lines(github.render(report(*findings)))]
    assert [(name, data) for name, _, data in parsed] == [
        ("error", "e0"), ("error", "e1"), ("error", "e2"), ("warning", "w"), ("notice", "i")]


def test_github_absolute_path_made_relative(tmp_path):
    path = str(tmp_path / "drafts" / "post.md")
    _, props, _ = runner_parse(github.render(report(make(path=path))).rstrip("\n"))
    assert props["file"] == "drafts/post.md"


def test_github_workspace_is_the_root(tmp_path, monkeypatch):
    (tmp_path / "sub").mkdir()
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path))
    monkeypatch.chdir(tmp_path / "sub")
    _, props, _ = runner_parse(github.render(report(make(path="post.md"))).rstrip("\n"))
    assert props["file"] == "sub/post.md"


def table_rows(summary: str) -> list[str]:
    return [line for line in summary.splitlines() if line.startswith("| ")]


def cells(row: str) -> list[str]:
    """Split a table row on unescaped pipes, as GitHub's table parser does."""
    parts = re.split(r"(?<!\\)\|", row)
    assert parts[0] == "" and parts[-1] == ""
    return [p.strip() for p in parts[1:-1]]


def test_github_step_summary_written_and_unbreakable(tmp_path, monkeypatch):
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    findings = [
        make("Cell | breaker || and \\| too", line=1),
        make("Two\nlines\r\nand `code` and ``` and <!-- hide the rest", line=2),
        make("[link](javascript:x) *bold* _em_ ~~del~~ &amp; \\", line=3,
             severity=Severity.WARNING),
        make("Plain.", path="drafts/we|ird`name.md", line=4, severity=Severity.INFO),
    ]
    out = github.render(report(*findings))
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n")
    assert "2 errors, 1 warning, 1 info in 2 files." in text
    rows = table_rows(text)
    assert len(rows) == 2 + len(findings)           # header, delimiter, one row each
    assert all(len(cells(row)) == 4 for row in rows)
    assert "`" not in re.sub(r"\\`", "", text)       # every backtick is escaped
    assert "\\<!--" in text and re.search(r"(?<!\\)[<>&]", text) is None
    assert cells(rows[2])[3] == r"Cell \| breaker \|\| and \\\| too"
    assert cells(rows[3])[3].startswith("Two lines and ")
    assert cells(rows[5])[1] == r"drafts/we\|ird\`name.md:4:5"
    # The annotations still go to stdout; nothing else does.
    assert len(runner_lines(out)) == len(findings)


def test_github_step_summary_without_findings(tmp_path, monkeypatch):
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    assert github.render(report()) == ""
    assert "No findings in 2 files." in summary.read_text(encoding="utf-8")


def test_github_step_summary_capped(tmp_path, monkeypatch):
    summary = tmp_path / "summary.md"
    summary.write_text("x" * 500, encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    monkeypatch.setattr(github, "SUMMARY_LIMIT", 4000)
    findings = [make(f"Finding number {i} about Müller.", line=i + 1) for i in range(200)]
    lines = runner_lines(github.render(report(*findings)))
    assert len(lines) == 200                         # annotations are never capped
    data = summary.read_bytes()
    assert len(data) <= 4000
    text = data.decode("utf-8")
    shown = len(table_rows(text)) - 2
    assert 0 < shown < 200
    assert f"_{200 - shown} more findings not shown" in text


def test_github_summary_fits_limit_exactly_without_note():
    findings = [make(f"m{i}", line=i + 1) for i in range(3)]
    full = github.summary_markdown(findings, limit=10**6)
    size = len(full.encode("utf-8"))
    assert github.summary_markdown(findings, limit=size) == full
    assert "not shown" in github.summary_markdown(findings, limit=size - 1)
    assert github.summary_markdown(findings, limit=10) == ""


def test_github_unwritable_summary_does_not_fail(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path))   # a directory
    out = github.render(report(make()))
    assert len(runner_lines(out)) == 1
    err = capsys.readouterr().err
    assert err.startswith("factlint: could not write the job summary")
    assert not any(line.lstrip().startswith("::") for line in err.splitlines())


# -- SARIF -------------------------------------------------------------------


def sarif_findings(tmp_path: Path) -> list[Finding]:
    text = "# Hub\n\nMüller said the Huggingface hub grew 𐐀 fast.\n"
    return [
        make(),
        make("Spans two lines.", severity=Severity.INFO, end_line=13, end_column=4,
             path="drafts/my post #1 100%.md"),
        locate(text, "Huggingface", replacement="Hugging Face", path="drafts/Zürich.md"),
        make("Outside any rule.", rule="unused-suppression", severity=Severity.WARNING,
             path=str(tmp_path / "abs" / "post.md"), fingerprint=""),
    ]


def test_sarif_validates_against_schema(tmp_path):
    jsonschema = pytest.importorskip("jsonschema")
    if not SCHEMA.is_file():
        pytest.skip(f"SARIF schema not found at {SCHEMA} (kept in ../shared, not in the project)")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    many = [make(f"m{i}", line=i + 1) for i in range(3)]
    log = json.loads(sarif.render(report(*sarif_findings(tmp_path), *many)))
    jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER
                               ).validate(log)
    # jsonschema checks "format": "uri" only with optional packages: check URIs here.
    uri_reference = re.compile(r"(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-F]{2})+")
    uris = re.findall(r'"uri": "([^"]*)"', json.dumps(log))
    assert len(uris) >= 5
    assert all(uri_reference.fullmatch(uri) for uri in uris), uris


def test_sarif_fields(tmp_path):
    found = sarif_findings(tmp_path)
    log = json.loads(sarif.render(report(*found)))
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-schema-2.1.0.json")
    run = log["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    driver = run["tool"]["driver"]
    assert driver["name"] == "factlint"
    import factlint
    assert driver["version"] == factlint.__version__
    rules = driver["rules"]
    assert [r["id"] for r in rules] == ["stat-unattributed", "term-spelling", "unused-suppression"]
    stat = rules[0]
    assert stat["shortDescription"]["text"] == StatRule.summary
    assert stat["fullDescription"]["text"] == StatRule.description
    assert stat["defaultConfiguration"]["level"] == "error"
    assert "Sales rose 40% last year." in stat["help"]["text"]
    fenced = "`````markdown\nUse ``` fences ```` with care: 12% of people.\n`````"
    assert fenced in stat["help"]["markdown"]
    assert rules[1]["fullDescription"]["text"] == TermRule.summary   # no description: summary

    results = run["results"]
    assert [r["level"] for r in results] == ["error", "warning", "warning", "note"]
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]

    by_message = {r["message"]["text"]: r for r in results}
    first = by_message["A share needs a named source."]
    location = first["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "drafts/post.md", "uriBaseId": "%SRCROOT%"}
    assert location["region"] == {"startLine": 12, "startColumn": 5, "endLine": 12, "endColumn": 40}
    assert first["partialFingerprints"] == {"primaryLocationLineHash": "fp-1"}
    assert "fixes" not in first

    spaced = by_message["Spans two lines."]["locations"][0]["physicalLocation"]
    uri = spaced["artifactLocation"]["uri"]
    assert uri == "drafts/my%20post%20%231%20100%25.md"
    assert unquote(uri) == "drafts/my post #1 100%.md"
    assert spaced["region"]["endLine"] == 13

    outside = by_message["Outside any rule."]
    art = outside["locations"][0]["physicalLocation"]["artifactLocation"]
    assert art == {"uri": "abs/post.md", "uriBaseId": "%SRCROOT%"}   # under the cwd
    assert "partialFingerprints" not in outside


def test_sarif_fix_uses_code_point_columns(tmp_path):
    text = "Intro.\nMüller said the Huggingface 𐐀 hub grew.\n"
    finding = locate(text, "Huggingface", replacement="Hugging Face", path="drafts/Zürich.md")
    result = json.loads(sarif.render(report(finding)))["runs"][0]["results"][0]
    region = result["locations"][0]["physicalLocation"]["region"]
    line = text.splitlines()[1]
    assert line[region["startColumn"] - 1:region["endColumn"] - 1] == "Huggingface"
    change = result["fixes"][0]["artifactChanges"][0]
    assert change["artifactLocation"] == {"uri": "drafts/Z%C3%BCrich.md", "uriBaseId": "%SRCROOT%"}
    replacement = change["replacements"][0]
    assert replacement["deletedRegion"] == {"startLine": 2, "startColumn": 17,
                                            "endLine": 2, "endColumn": 28}
    assert replacement["insertedContent"] == {"text": "Hugging Face"}


def test_sarif_omits_fix_that_leaves_the_line():
    text = "One line here.\nHuggingface again.\n"
    finding = locate(text, "Huggingface", replacement="Hugging Face")
    off_line = Edit(0, 3, "Two")
    moved = Finding(**{**finding.__dict__, "fix": finding.fix + (off_line,)})
    result = json.loads(sarif.render(report(moved)))["runs"][0]["results"][0]
    assert "fixes" not in result


def test_sarif_absolute_path_outside_cwd(tmp_path, monkeypatch):
    (tmp_path / "work").mkdir()
    monkeypatch.chdir(tmp_path / "work")
    outside = tmp_path / "elsewhere" / "post.md"
    result = json.loads(sarif.render(report(make(path=str(outside)))))["runs"][0]["results"][0]
    art = result["locations"][0]["physicalLocation"]["artifactLocation"]
    assert art == {"uri": outside.as_uri()}


def test_sarif_caps_results_most_severe_first():
    infos = [make(f"i{i}", severity=Severity.INFO, line=i + 1) for i in range(sarif.MAX_RESULTS)]
    errors = [make("late error", path="zz.md", line=1), make("other error", path="zz.md", line=2)]
    log = json.loads(sarif.render(report(*infos, *errors)))
    run = log["runs"][0]
    results = run["results"]
    assert len(results) == sarif.MAX_RESULTS
    assert [r["message"]["text"] for r in results[:2]] == ["late error", "other error"]
    assert run["properties"] == {"truncated": True, "totalResults": sarif.MAX_RESULTS + 2,
                                 "shownResults": sarif.MAX_RESULTS}
    note = run["invocations"][0]["toolExecutionNotifications"][0]
    assert "5000" in note["message"]["text"] and note["level"] == "warning"


def test_sarif_not_truncated_has_no_truncation_note():
    run = json.loads(sarif.render(report(make())))["runs"][0]
    assert "properties" not in run and "invocations" not in run


# -- GitLab ------------------------------------------------------------------


def test_gitlab_issues(tmp_path):
    findings = [
        make("Same sentence.", fingerprint="shared"),
        make("Same sentence.", fingerprint="shared", line=30),       # same file, same print
        make("Same sentence.", fingerprint="shared", path="drafts/other.md"),
        make("No print.", fingerprint="", severity=Severity.WARNING),
        make("No print.", fingerprint="", severity=Severity.WARNING, line=40),
        make("Info.", severity=Severity.INFO, path=str(tmp_path / "drafts" / "abs.md"),
             end_line=15, end_column=2),
    ]
    out = gitlab.render(report(*findings))
    assert not out.startswith("\ufeff")
    assert out.isascii()
    issues = json.loads(out.encode("utf-8"))
    assert isinstance(issues, list) and len(issues) == len(findings)
    prints = [i["fingerprint"] for i in issues]
    assert len(set(prints)) == len(prints)
    assert all(re.fullmatch(r"[0-9a-f]{32}", p) for p in prints)
    first = issues[0]
    assert first == {
        "description": "[stat-unattributed] Same sentence.",
        "check_name": "stat-unattributed",
        "fingerprint": first["fingerprint"],
        "severity": "major",
        "location": {"path": "drafts/post.md", "lines": {"begin": 12, "end": 12}},
    }
    assert [i["severity"] for i in issues] == ["major", "major", "major", "minor", "minor", "info"]
    assert issues[5]["location"] == {"path": "drafts/abs.md", "lines": {"begin": 12, "end": 15}}


def test_gitlab_fingerprints_stable_when_lines_move():
    before = json.loads(gitlab.render(report(make(line=3), make("other", line=9, fingerprint="x"))))
    after = json.loads(gitlab.render(report(make(line=7), make("other", line=20, fingerprint="x"))))
    assert [i["fingerprint"] for i in before] == [i["fingerprint"] for i in after]


def test_gitlab_relative_to_ci_project_dir(tmp_path, monkeypatch):
    (tmp_path / "drafts").mkdir()
    monkeypatch.setenv("CI_PROJECT_DIR", str(tmp_path))
    monkeypatch.chdir(tmp_path / "drafts")
    issues = json.loads(gitlab.render(report(make(path="post.md"))))
    assert issues[0]["location"]["path"] == "drafts/post.md"


def test_gitlab_empty_is_empty_array():
    assert json.loads(gitlab.render(report())) == []


# -- rdjson / rdjsonl ---------------------------------------------------------

DRAFT = "# Notes\n\nMüller said the Huggingface 𐐀 hub grew.\nNext line.\n"


def byte_slice(line: str, start: dict, end: dict) -> str:
    return line.encode("utf-8")[start["column"] - 1:end["column"] - 1].decode("utf-8")


def test_rdjson_byte_columns_and_suggestion():
    finding = locate(DRAFT, "Huggingface", replacement="Hugging Face")
    line = finding.source_line
    assert finding.column == 17                     # code points
    doc = json.loads(rdjson.render(report(finding)))
    assert doc["source"]["name"] == "factlint"
    diag = doc["diagnostics"][0]
    rng = diag["location"]["range"]
    assert rng == {"start": {"line": 3, "column": 18}, "end": {"line": 3, "column": 29}}
    assert byte_slice(line, rng["start"], rng["end"]) == "Huggingface"
    assert diag["severity"] == "WARNING"
    assert diag["code"]["value"] == "term-spelling"
    assert diag["location"]["path"] == "drafts/post.md"
    [suggestion] = diag["suggestions"]
    assert suggestion == {"range": rng, "text": "Hugging Face"}


def test_rdjson_after_astral_character():
    finding = locate(DRAFT, "hub", replacement="Hub")
    rng = json.loads(rdjson.render(report(finding)))["diagnostics"][0]["location"]["range"]
    # ü is 2 bytes and 𐐀 is 4: the byte column runs 4 ahead of the code-point one.
    assert rng["start"]["column"] == finding.column + 4
    assert byte_slice(finding.source_line, rng["start"], rng["end"]) == "hub"


def test_rdjson_multiline_end_has_no_column():
    finding = make(end_line=14, end_column=3, source_line="The share rose sharply, it said.")
    rng = json.loads(rdjson.render(report(finding)))["diagnostics"][0]["location"]["range"]
    assert rng == {"start": {"line": 12, "column": 5}, "end": {"line": 14}}


def test_rdjson_without_source_line_keeps_code_point_columns():
    rng = json.loads(rdjson.render(report(make())))["diagnostics"][0]["location"]["range"]
    assert rng == {"start": {"line": 12, "column": 5}, "end": {"line": 12, "column": 40}}


def test_rdjson_insertion_and_deletion_suggestions():
    finding = locate(DRAFT, "Huggingface")
    start = finding.offset
    both = Finding(**{**finding.__dict__, "fix": (Edit(start, start, "the "),
                                                  Edit(start + 7, start + 11, ""))})
    suggestions = json.loads(rdjson.render(report(both)))["diagnostics"][0]["suggestions"]
    assert suggestions == [
        {"range": {"start": {"line": 3, "column": 18}, "end": {"line": 3, "column": 18}},
         "text": "the "},
        {"range": {"start": {"line": 3, "column": 25}, "end": {"line": 3, "column": 29}},
         "text": ""},
    ]


def test_rdjson_no_suggestions_for_edits_off_the_line():
    finding = locate(DRAFT, "Huggingface", replacement="Hugging Face")
    elsewhere = DRAFT.index("Next")
    moved = Finding(**{**finding.__dict__, "fix": (Edit(elsewhere, elsewhere + 4, "Then"),)})
    assert "suggestions" not in json.loads(rdjson.render(report(moved)))["diagnostics"][0]


def test_rdjson_severities():
    findings = [make(severity=s) for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)]
    diags = json.loads(rdjson.render(report(*findings)))["diagnostics"]
    assert [d["severity"] for d in diags] == ["ERROR", "WARNING", "INFO"]


def test_rdjsonl_one_object_per_line():
    findings = [locate(DRAFT, "Huggingface", replacement="Hugging Face"),
                make("Line one\nline two\r\u2028still one", severity=Severity.ERROR)]
    out = renderer("rdjsonl")(report(*findings))
    lines = out.split("\n")
    assert lines[-1] == "" and len(lines) == len(findings) + 1
    for text, finding in zip(lines, findings):
        diag = json.loads(text)
        assert diag["message"] == finding.message
        assert diag["source"]["name"] == "factlint"
        assert diag["code"]["value"] == finding.rule
        assert set(diag) <= {"message", "location", "severity", "source", "code", "suggestions"}
    assert renderer("rdjsonl")(report()) == ""


def test_byte_column_edges():
    assert rdjson.byte_column("", 3) == 3
    assert rdjson.byte_column("aé", 3) == 4
    assert rdjson.byte_column("aé", 5) == 6              # past the end: line break bytes
    surrogate = b"a\xe9b".decode("utf-8", "surrogateescape")
    assert rdjson.byte_column(surrogate, 3) == 3         # the undecodable byte counts once


# -- registry ----------------------------------------------------------------


def test_formats_registered():
    for name in ("github", "sarif", "gitlab", "rdjson", "rdjsonl"):
        assert name in FORMATS
    assert renderer("github") is github.render
    assert renderer("sarif") is sarif.render
    assert renderer("gitlab") is gitlab.render
    assert renderer("rdjson") is rdjson.render
    assert renderer("rdjsonl") is rdjson.render_lines


def test_relative_path_keeps_outside_paths(tmp_path, monkeypatch):
    (tmp_path / "a").mkdir()
    monkeypatch.chdir(tmp_path / "a")
    assert sarif.relative_path("./x/../y.md") == "y.md"
    assert sarif.relative_path("../b/y.md") == "../b/y.md"
    assert sarif.relative_path(str(tmp_path / "a" / "z.md")) == "z.md"
    outside = str(tmp_path / "b.md")
    assert sarif.relative_path(outside) == outside.replace(os.sep, "/")
