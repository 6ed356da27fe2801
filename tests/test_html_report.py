"""The HTML report: findings highlighted in place, escaped, summarised, filterable.

Every report here comes from real factlint runs over short drafts written for
these tests; the page is read back with the standard library's HTML parser,
the way a browser would tokenise it.
"""

from __future__ import annotations

import base64
import hashlib
import re
import subprocess
import sys
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import make_linter
from factlint.errors import FactlintError
from factlint.findings import Finding, Position, Severity
from factlint.reporters import html as html_format
from factlint.reporters.base import Report
from factlint.rules import all_rules

DEFAULT_RULES = [r for r, c in all_rules().items() if c.default_enabled]
LONG_SENTENCE = (
    "The council, which had spent most of the previous year arguing about whether the bridge "
    "should be repaired or replaced and who should pay for either option, finally voted on "
    "Tuesday night to replace it, although sales of electric bikes rose 40% last year and the "
    "costs of the work were expected to rise again before the builders began next spring in "
    "the town."
)
# A lede with a vague source and two statistics, then a long sentence with a statistic inside.
NEWS = (
    "# Valley jobs\n\n"
    "Experts say the valley is recovering. Quarterly profits at the bakery chain jumped 76% "
    "to $1.1bn.\n\n"
    + LONG_SENTENCE + "\n"
)
PAYLOAD = '<script>alert(1)</script> and "><img src=x onerror=alert(1)>'
# The payload inside a long sentence: a highlighted span of hostile text.
HOSTILE_TEXT = f"{LONG_SENTENCE[:-1]}, and a reader wrote {PAYLOAD} in a letter.\n"
HOSTILE_PATH = '"><img src=x onerror=alert(2)>.txt'
HOSTILE_REGISTER = """\
terms:
  - use: lorry
    instead_of: [truck]
    why: "<script>alert(3)</script> & \\"quotes\\" <img src=x onerror=alert(4)>"
"""
HARD = all_rules()["readability-grade"].examples_flag[0]
PLAIN = all_rules()["readability-grade"].examples_pass[0]


def run(drafts: dict[str, str], rules: list[str] | None = None, register: str = "",
        options: dict[str, dict] | None = None) -> tuple[Report, str]:
    """Lint ``drafts`` (path -> text) as one run and render its HTML report."""
    linter = make_linter(register, rules if rules is not None else DEFAULT_RULES)
    for enabled in linter.rules:
        enabled.options.update((options or {}).get(enabled.rule.id, {}))
    findings = sorted((f for path, text in drafts.items() for f in linter.lint_text(path, text)),
                      key=lambda f: f.sort_key())
    report = Report(findings, {r.rule.id: type(r.rule) for r in linter.rules}, len(drafts),
                    texts=drafts, options={r.rule.id: r.options for r in linter.rules})
    return report, html_format.render(report)


class Page(HTMLParser):
    """The parts of the page the tests look at: tags, marks, notes, text per element id."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.marks: list[dict] = []  # {"f": [numbers], "sev", "text", "class"}
        self.notes: dict[int, dict] = {}  # number -> {"rule", "sev", "msg"}
        self._mark: dict | None = None
        self._note: dict | None = None
        self._in_msg = False
        self.feed(source)
        self.close()

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag == "mark":
            self._mark = {"f": [int(n) for n in (a.get("data-f") or "").split()],
                          "sev": a.get("data-sev"), "text": "", "class": a.get("class") or ""}
        elif tag == "li" and "note" in (a.get("class") or ""):
            self._note = {"rule": a.get("data-rule"), "sev": a.get("data-sev"), "msg": ""}
            self.notes[int(a["id"][1:])] = self._note
        elif tag == "span" and a.get("class") == "msg" and self._note is not None:
            self._in_msg = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark" and self._mark is not None:
            self.marks.append(self._mark)
            self._mark = None
        elif tag == "li":
            self._note = None
        elif tag == "span":
            self._in_msg = False

    def handle_data(self, data: str) -> None:
        if self._mark is not None:
            self._mark["text"] += data
        if self._in_msg and self._note is not None:
            self._note["msg"] += data

    def marked_text(self, number: int) -> str:
        """The text of every piece that carries finding ``number``, in page order."""
        return "".join(m["text"] for m in self.marks if number in m["f"])

    def elements(self, tag: str, **attrs: str) -> list[dict[str, str | None]]:
        return [a for t, a in self.tags
                if t == tag and all(a.get(k.replace("_", "-")) == v for k, v in attrs.items())]


def numbered(report: Report) -> list[Finding]:
    """The report's findings in the page's numbering: by path, then by position."""
    out = []
    for path in sorted({f.path for f in report.findings} | set(report.texts)):
        out.extend(sorted((f for f in report.findings if f.path == path),
                          key=lambda f: (f.offset, f.end_offset, f.rule)))
    return out


# -- highlights ------------------------------------------------------------------------


def test_every_mark_wraps_exactly_its_findings_span():
    report, page_html = run({"news.md": NEWS})
    page = Page(page_html)
    rules = Counter(f.rule for f in report.findings)
    assert rules["stat-unattributed"] >= 3 and rules["claim-vague-source"] == 1
    assert rules["readability-sentence-length"] == 1
    for number, f in enumerate(numbered(report)):
        assert page.marked_text(number) == NEWS[f.offset:f.end_offset].replace("\n", "")
        assert page.notes[number]["rule"] == f.rule and page.notes[number]["msg"] == f.message
    assert {m["text"] for m in page.marks} >= {"Experts say", "76%", "$1.1bn", "40%"}


def test_overlapping_findings_split_into_pieces_that_carry_both():
    report, page_html = run({"news.md": NEWS})
    page = Page(page_html)
    by_rule = {f.rule: n for n, f in enumerate(numbered(report)) if f.rule != "stat-unattributed"}
    long_n = by_rule["readability-sentence-length"]
    inner = [m for m in page.marks if m["text"] == "40%"]
    assert len(inner) == 1 and long_n in inner[0]["f"] and len(inner[0]["f"]) == 2
    # The most severe finding of a piece colours it: the statistic's warning, not the info.
    assert inner[0]["sev"] == "warning"
    assert page.marked_text(long_n) == LONG_SENTENCE
    # No piece is marked twice: the pieces of the long sentence are consecutive, not nested.
    assert "<mark" not in "".join(m["text"] for m in page.marks)


def test_crlf_and_empty_spans_and_offsets_past_the_end_stay_in_the_text():
    text = "Experts say it works.\r\nSales of electric bikes rose 40% last year.\r\n"
    report, _ = run({"crlf.txt": text})
    assert {text[f.offset:f.end_offset] for f in report.findings} == {"Experts say", "40%"}
    zero = Finding("crlf.txt", "zero-span", Severity.INFO, "an empty span", Position(1, 3),
                   Position(1, 3), 2, 2)
    beyond = Finding("crlf.txt", "beyond", Severity.ERROR, "past the end", Position(2, 1),
                     Position(2, 1), 60, 900)
    report = Report([*report.findings, zero, beyond], files_checked=1, texts={"crlf.txt": text})
    page = Page(html_format.render(report))
    texts = {page.notes[n]["rule"]: page.marked_text(n) for n in page.notes}
    assert texts == {"claim-vague-source": "Experts say", "stat-unattributed": "40%",
                     "zero-span": "p", "beyond": " year."}
    assert not any("\r" in m["text"] for m in page.marks)


# -- escaping --------------------------------------------------------------------------


def test_hostile_text_path_message_and_rule_id_stay_text():
    report, _ = run({HOSTILE_PATH: HOSTILE_TEXT, "t.md": "A truck hit the wall.\n"},
                    register=HOSTILE_REGISTER)
    assert {f.rule for f in report.findings} >= {"readability-sentence-length", "term-prefer"}
    rogue = Finding(HOSTILE_PATH, '<b onmouseover="alert(5)">x</b>', Severity.WARNING,
                    "</li></ul><script>alert(6)</script>", Position(1, 1), Position(1, 2), 0, 1)
    report = Report([*report.findings, rogue], report.rules, 2, texts=report.texts,
                    options=report.options)
    page_html = html_format.render(report)
    page = Page(page_html)
    tags = Counter(t for t, _ in page.tags)
    assert tags["script"] == 1 and tags["img"] == 0 and tags["b"] == 0
    assert not [a for _, attrs in page.tags for a in attrs if a.startswith("on")]
    # Each hostile string is on the page as the text it was.
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page_html
    assert "&#34;&gt;&lt;img src=x onerror=alert(2)&gt;.txt" in page_html
    assert "&lt;script&gt;alert(3)&lt;/script&gt; &amp; &#34;quotes&#34;" in page_html
    assert "&lt;/li&gt;&lt;/ul&gt;&lt;script&gt;alert(6)" in page_html
    messages = {n["rule"]: n["msg"] for n in page.notes.values()}
    assert messages['<b onmouseover="alert(5)">x</b>'] == "</li></ul><script>alert(6)</script>"
    assert "<img src=x onerror=alert(4)>" in messages["term-prefer"]
    assert any(PAYLOAD in m["text"] for m in page.marks)


def test_no_external_resources_and_a_policy_that_runs_only_our_script():
    _, page_html = run({"news.md": NEWS})
    page = Page(page_html)
    for _, attrs in page.tags:
        for name in ("src", "href", "action", "srcset", "xlink:href"):
            assert attrs.get(name) is None or attrs[name].startswith("#"), attrs
    assert not re.search(r"url\(|@import|https?://", page_html.split("<body>")[0])
    policy = page.elements("meta", http_equiv="Content-Security-Policy")[0]["content"]
    assert "default-src 'none'" in policy and "unsafe" not in policy
    for tag in ("script", "style"):
        body = re.search(rf"<{tag}>(.*?)</{tag}>", page_html, re.S).group(1)
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in policy


# -- summary, filters, readability -----------------------------------------------------


def test_summary_counts_rules_severities_and_drafts():
    drafts = {"news.md": NEWS, "clean.md": PLAIN, "t.md": "A truck hit the wall.\n"}
    report, page_html = run(drafts, register=HOSTILE_REGISTER)
    rows = re.findall(r'<tr data-rule="([^"]+)"><td>.*?</td><td><span[^>]*>(\w+)</span></td>'
                      r'<td>(\d+)</td><td>(\d+)</td></tr>', page_html)
    expected = Counter(f.rule for f in report.findings)
    assert {r: int(n) for r, _, n, _ in rows} == dict(expected)
    files = {r: int(k) for r, _, _, k in rows}
    assert files["stat-unattributed"] == 1 and files["term-prefer"] == 1
    assert dict((r, s) for r, s, _, _ in rows)["term-prefer"] == "warning"
    total = len(report.findings)
    assert f"{total} findings ({report.count(Severity.WARNING)} warnings, " in page_html
    assert "in 2 of 3 drafts checked" in page_html
    assert "All drafts (3)" in page_html and "1 fixable with <code>--fix</code>" in page_html


def test_filters_for_every_rule_and_severity_hidden_until_the_script_runs():
    report, page_html = run({"news.md": NEWS})
    page = Page(page_html)
    form = page.elements("form", id="filters")
    assert form and "hidden" in form[0]
    boxes = page.elements("input", type="checkbox")
    assert {b["value"] for b in boxes if b["name"] == "rule"} == {f.rule for f in report.findings}
    assert {b["value"] for b in boxes if b["name"] == "severity"} == {"error", "warning", "info"}
    assert all("checked" in b for b in boxes)
    assert "<noscript>" in page_html


def test_readability_chart_draws_each_paragraph_against_the_configured_limit():
    drafts = {"hard.md": HARD + "\n" + PLAIN + "\n" + "The end came soon after that.\n"}
    _, page_html = run(drafts, DEFAULT_RULES + ["readability-grade"],
                       options={"readability-grade": {"max_paragraph_grade": 12}})
    svg = re.search(r"<svg .*?</svg>", page_html, re.S).group(0)
    bars = re.findall(r'<rect class="(\w)" x="\d+" y="([\d.]+)" width="\d+" height="([\d.]+)">'
                      r"<title>line (\d+): ([^<]*)</title>", svg)
    assert [(kind, line) for kind, _, _, line, _ in bars] == [("o", "1"), ("g", "3"), ("n", "5")]
    assert bars[2][4] == "too short to grade"
    limit_y = float(re.search(r'<line x1="0" y1="([\d.]+)"', svg).group(1))
    over, under = (float(b[1]) for b in bars[:2])
    assert over < limit_y < under  # the hard paragraph's bar rises above the dashed line
    assert "dashed: limit 12)" in page_html and "ran with these limits" in page_html
    assert 'href="#d0-L3"' in svg and 'id="d0-L3"' in page_html


def test_readability_chart_without_the_rule_uses_its_default_limit():
    report, page_html = run({"hard.md": HARD + "\n" + PLAIN})
    assert "readability-grade" not in {f.rule for f in report.findings}
    assert '<rect class="o"' in page_html and "dashed: limit 18)" in page_html
    assert "is off, so these are its default limits" in page_html


def test_large_runs_show_drafts_with_findings_and_list_the_clean_ones(monkeypatch):
    monkeypatch.setattr(html_format, "FULL_RUN_LIMIT", 2)
    monkeypatch.setattr(html_format, "OPEN_LIMIT", 0)
    drafts = {"a-news.md": NEWS + "\n" + PLAIN, "b-clean.md": PLAIN, "c-clean.md": PLAIN + "\n" + PLAIN}
    _, page_html = run(drafts)
    shown = re.findall(r'<details class="draft" id="d\d+"( open)?>\s*<summary><h2>([^<]+)</h2>',
                       page_html)
    assert shown == [("", "a-news.md")]  # collapsed: more drafts than OPEN_LIMIT
    assert "<td>b-clean.md</td>" in page_html and "the 2 without findings are only listed" in page_html
    assert "<td>c-clean.md</td><td></td><td></td><td></td><td></td></tr>" in page_html  # no grade
    assert re.search(r'<a href="#d0">a-news.md</a></td><td></td><td>\d+</td><td>1</td><td>[\d.]+</td>',
                     page_html)


def test_a_clean_run_says_all_clear():
    _, page_html = run({"clean.md": PLAIN})
    assert "All clear: no findings in 1 draft." in page_html
    assert '<form id="filters"' not in page_html and "<mark" not in page_html


# -- the optional dependency and the CLI -----------------------------------------------


def test_without_jinja2_one_line_says_what_to_install(monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "jinja2" else real(name, *a))
    with pytest.raises(FactlintError, match=r"pip install 'factlint\[html\]'"):
        html_format.render(Report([], files_checked=0))


def test_the_format_module_does_not_import_jinja2():
    code = "import sys, factlint.reporters.html as h; print(h.NEEDS_TEXTS, 'jinja2' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "False"]


def test_check_writes_the_page_with_the_configs_limit(cli, tmp_path: Path):
    (tmp_path / HOSTILE_PATH).write_text(HOSTILE_TEXT, encoding="utf-8")
    (tmp_path / "news.md").write_text(NEWS, encoding="utf-8")
    (tmp_path / "hard.md").write_text(HARD + "\n" + PLAIN, encoding="utf-8")
    (tmp_path / "factlint.yaml").write_text(
        "rules:\n  readability-grade: {severity: info, max_paragraph_grade: 11}\n", encoding="utf-8")
    result = cli("check", "--format", "html", "--output-file", "report.html", ".", cwd=tmp_path)
    assert result.returncode == 1, result.err
    page_html = (tmp_path / "report.html").read_text(encoding="utf-8")
    page = Page(page_html)
    assert {n["rule"] for n in page.notes.values()} >= {"stat-unattributed", "readability-grade"}
    assert "dashed: limit 11)" in page_html and "ran with these limits" in page_html
    assert Counter(t for t, _ in page.tags)["img"] == 0
    assert "40%" in {m["text"] for m in page.marks}
