"""One self-contained HTML page: each draft with its findings highlighted in place.

For editors rather than tools: the page shows the draft text itself, every
finding a ``<mark>`` around its exact span (overlapping findings split the
text into segments that carry all of theirs), the messages under each
paragraph, a summary per rule, filters by rule and severity, and the
readability grade of each paragraph as a bar chart against the configured
limit.

The page never loads anything: CSS and JS are inline, and a
Content-Security-Policy forbids every network load and runs only our own
script (by hash), so even markup that escaped from a draft could do nothing.
All draft text, messages, paths and rule ids go through Jinja2's autoescape.
Without JS the page is complete; only the filters need it.

Size: a run of more than ``FULL_RUN_LIMIT`` drafts shows in full only the
drafts with findings and lists the clean ones in the index, without a grade
(textstat costs 1-2 ms a draft; with readability-grade on, a draft over its
limit has a finding and is shown); a smaller run shows every draft. Drafts
start collapsed beyond ``OPEN_LIMIT`` so a page of a thousand drafts opens at
once.

jinja2 is an optional extra (``factlint[html]``), imported inside ``render``.
"""

from __future__ import annotations

import base64
import bisect
import hashlib
from collections import Counter, defaultdict
from importlib import resources
from typing import Any, Iterable, Mapping, Sequence

from factlint.records import field, record
import factlint
from factlint.document import Document
from factlint.errors import FactlintError, require_extra
from factlint.findings import Finding, Severity
from factlint.reporters.base import Report

# The run must keep each draft's text: the page shows it.
NEEDS_TEXTS = True

# Runs of up to this many drafts show clean drafts in full too; larger runs list them.
FULL_RUN_LIMIT = 200
# Up to this many drafts shown in full start open; more start collapsed.
OPEN_LIMIT = 30
# The readability chart, in CSS pixels: at most this wide, bars 4-24 apart, this high.
CHART_WIDTH, MIN_PITCH, MAX_PITCH, CHART_HEIGHT = 720, 4, 24, 60

GRADE_RULE = "readability-grade"
_TEMPLATES = "templates"


# -- the view model: plain data the template only loops over -------------------------


@record
class Piece:
    """A run of one line's text covered by the same findings (none for plain text)."""

    text: str
    ids: str = ""  # the findings' numbers, space-separated
    severity: str = ""  # the most severe of them
    anchor: str = ""  # the id of the first piece of a finding


@record
class Note:
    """One finding as listed under its paragraph and in the summary."""

    number: int
    rule: str
    severity: str
    line: int
    column: int
    message: str
    fix: str
    mark: str  # the id of its first highlighted piece, or "" when it has none


@record
class Line:
    """One line of the draft (numbered by the page's CSS) and the notes listed after it."""

    pieces: list[Piece]
    anchor: str = ""
    notes: list[Note] = field(default_factory=list)


@record
class Bar:
    """One paragraph's bar: where it is drawn, its tooltip and the line it links to."""

    x: int
    width: int
    y: float
    height: float
    kind: str  # "o" over the limit, "g" graded under it, "n" not graded (short: one per bar)
    title: str
    href: str


@record
class Chart:
    """A draft's readability chart, in SVG units (the same as CSS pixels)."""

    width: int
    height: int
    limit_y: float
    bars: list[Bar]
    graded: int  # how many paragraphs were long enough to grade


@record
class Draft:
    """A draft's entry in the index and, when ``shown``, its text, notes and chart."""

    path: str
    anchor: str
    counts: dict[str, int]
    shown: bool
    grade: float | None = None
    lines: list[Line] = field(default_factory=list)
    # Findings with no text to place them in (a report built without texts).
    loose_notes: list[Note] = field(default_factory=list)
    chart: Chart | None = None


@record(frozen=True)
class Readability:
    """The readability-grade options in effect, and whether the rule ran."""

    max_paragraph: float
    max_document: float
    min_words: int
    enabled: bool


# -- render -----------------------------------------------------------------------------


def render(report: Report) -> str:
    """The report as one HTML page (UTF-8 text, no external resources)."""
    require_extra("jinja2", "html", "the html format")
    import jinja2

    from markupsafe import Markup

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("factlint.reporters", _TEMPLATES),
        autoescape=True, undefined=jinja2.StrictUndefined,
        trim_blocks=True, lstrip_blocks=True,
    )
    env.filters["counts"] = _counts_text
    css, js = _asset("report.css"), _asset("report.js")
    csp = ("default-src 'none'; "
           f"style-src '{_sha256(css)}'; script-src '{_sha256(js)}'; "
           "img-src 'none'; base-uri 'none'; form-action 'none'")
    page = _page(report)
    # Our own static CSS and JS are the only markup not escaped: no draft text is in them.
    return env.get_template("report.html.j2").render(
        css=Markup(css), js=Markup(js), csp=csp, **page)


def _asset(name: str) -> str:
    """One of the page's static files, read from the package (they ship as package data)."""
    return (resources.files("factlint.reporters") / _TEMPLATES / name).read_text("utf-8")


def _sha256(text: str) -> str:
    """A CSP source for exactly this inline text: nothing else may run or style the page."""
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()


def _page(report: Report) -> dict[str, Any]:
    """Everything the template shows, computed here so the template only loops."""
    readability = _readability(report)
    drafts = _drafts(report, readability)
    counts = Counter(str(f.severity) for f in report.findings)
    shown = [d for d in drafts if d.shown]
    return {
        "version": factlint.__version__,
        "drafts": drafts,
        "shown": shown,
        "open_drafts": len(shown) <= OPEN_LIMIT,
        "open_index": len(drafts) <= OPEN_LIMIT,
        "listed_only": len(drafts) - len(shown),
        "files_checked": report.files_checked,
        "files_with_findings": len({f.path for f in report.findings}),
        "total": len(report.findings),
        "counts": {s: counts.get(s, 0) for s in _severity_names()},
        "fixable": sum(1 for f in report.findings if f.fix),
        "rules": _rule_rows(report),
        "severities": _severity_names(),
        "readability": readability,
        "full_run_limit": FULL_RUN_LIMIT,
        "errors": list(report.errors),
    }


def _severity_names() -> list[str]:
    """'error', 'warning', 'info': the order every count and filter is shown in."""
    return [str(s) for s in sorted(Severity, reverse=True)]


def _rule_rows(report: Report) -> list[dict[str, Any]]:
    """Per rule: its severities, count, files and summary, most findings first."""
    by_rule: dict[str, list[Finding]] = defaultdict(list)
    for f in report.findings:
        by_rule[f.rule].append(f)
    rows = []
    for rule, found in by_rule.items():
        severities = sorted({f.severity for f in found}, reverse=True)
        rows.append({
            "rule": rule,
            "severity": "/".join(str(s) for s in severities),
            "top": str(severities[0]),
            "count": len(found),
            "files": len({f.path for f in found}),
            "summary": getattr(report.rules.get(rule), "summary", ""),
        })
    rows.sort(key=lambda r: (-r["count"], r["rule"]))
    return rows


def _readability(report: Report) -> Readability:
    """The grade limits from the run's options, or the rule's defaults when it was off."""
    from factlint.rules import all_rules

    defaults = dict(all_rules()[GRADE_RULE].options)
    options = {**defaults, **dict(report.options.get(GRADE_RULE) or {})}
    return Readability(float(options["max_paragraph_grade"]), float(options["max_document_grade"]),
                       int(options["min_words"]), GRADE_RULE in report.options)


# -- drafts -----------------------------------------------------------------------------


def _drafts(report: Report, readability: Readability) -> list[Draft]:
    """Every draft of the run in path order, with its findings numbered across the page."""
    by_path: dict[str, list[Finding]] = defaultdict(list)
    for f in report.findings:
        by_path[f.path].append(f)
    paths = sorted(set(report.texts) | set(by_path))
    show_all = len(paths) <= FULL_RUN_LIMIT
    drafts, number = [], 0
    for index, path in enumerate(paths):
        findings = sorted(by_path.get(path, ()), key=lambda f: (f.offset, f.end_offset, f.rule))
        draft = _draft(index, path, report.texts.get(path), findings, number,
                       bool(findings) or show_all, readability)
        number += len(findings)
        drafts.append(draft)
    return drafts


def _draft(index: int, path: str, text: str | None, findings: Sequence[Finding], first: int,
           shown: bool, readability: Readability) -> Draft:
    """One draft: the index entry, and when shown in full its lines, notes, grade and chart."""
    counts = Counter(str(f.severity) for f in findings)
    draft = Draft(path, f"d{index}", {s: counts.get(s, 0) for s in _severity_names()}, shown)
    if not shown:
        return draft  # listed only: no parse, no textstat
    doc = _document(path, text) if text is not None else None
    if doc is None:
        draft.loose_notes = [_note(first + i, f, text or "", "") for i, f in enumerate(findings)]
        return draft
    from factlint.rules.readability import paragraph_grades

    graded = paragraph_grades(doc, readability.min_words)
    draft.grade = _document_grade(doc, [p for p, _ in graded], readability.min_words)
    draft.lines = _lines(doc, findings, first)
    draft.chart = _chart(doc, graded, readability.max_paragraph, draft)
    return draft


def _document(path: str, text: str) -> Document | None:
    """The draft parsed as the linter parsed it (stdin ``-`` is Markdown)."""
    try:
        return Document.from_text(path, text, "markdown" if path == "-" else None)
    except FactlintError:  # bad front matter: the run reported it already
        return None


def _document_grade(doc: Document, body: Sequence[Any], min_words: int) -> float | None:
    """The whole draft's grade as readability-grade computes it (None when too short)."""
    # The rule's own helpers, so the number is the one its document finding would quote.
    from factlint.rules.readability import _textstat, _words

    whole = "\n\n".join(doc.prose[p.start:p.end] for p in body)
    if not body or _words(whole) < max(min_words, 100):
        return None
    return float(_textstat().flesch_kincaid_grade(whole))


# -- the text, split into highlighted pieces ----------------------------------------------


def _spans(findings: Sequence[Finding], length: int) -> list[tuple[int, int]]:
    """Each finding's span clamped to the text; an empty span widened to one character."""
    spans = []
    for f in findings:
        start = min(max(f.offset, 0), length)
        end = min(max(f.end_offset, start), length)
        if end == start:
            start, end = (start, start + 1) if start < length else (max(start - 1, 0), start)
        spans.append((start, end))
    return spans


def _segments(length: int, cuts: Iterable[int],
              spans: Sequence[tuple[int, int]]) -> Iterable[tuple[int, int, tuple[int, ...]]]:
    """Consecutive ``(start, end, findings)`` pieces of the text, findings by list index.

    One sweep over the span boundaries (plus ``cuts``, the line starts), so a
    draft with thousands of findings costs no more than sorting them.
    """
    starts: dict[int, list[int]] = defaultdict(list)
    ends: dict[int, list[int]] = defaultdict(list)
    for i, (a, b) in enumerate(spans):
        if a < b:
            starts[a].append(i)
            ends[b].append(i)
    bounds = sorted({0, length, *cuts, *starts, *ends})
    active: set[int] = set()
    for a, b in zip(bounds, bounds[1:]):
        active.difference_update(ends.get(a, ()))
        active.update(starts.get(a, ()))
        yield a, b, tuple(sorted(active))


def _lines(doc: Document, findings: Sequence[Finding], first: int) -> list[Line]:
    """The draft line by line, its findings marked, each note after its paragraph."""
    text, starts = doc.text, doc.line_starts
    spans = _spans(findings, len(text))
    lines = [Line([]) for _ in starts]
    content_end = [_content_end(text, starts, n) for n in range(len(starts))]
    marks: dict[int, str] = {}
    for a, b, active in _segments(len(text), starts, spans):
        n = bisect.bisect_right(starts, a) - 1
        b = min(b, content_end[n])
        if a >= b:
            continue  # the line break itself
        if not active:
            lines[n].pieces.append(Piece(text[a:b]))
            continue
        piece = _piece(text[a:b], [(first + i, findings[i]) for i in active])
        new = [i for i in active if i not in marks]
        if new:
            piece.anchor = f"m{first + new[0]}"
            marks.update((i, piece.anchor) for i in new)
        lines[n].pieces.append(piece)
    para_starts = [p.start for p in doc.paragraphs]
    for i, f in enumerate(findings):
        n = _note_line(doc, para_starts, spans[i])
        lines[n].notes.append(_note(first + i, f, text, marks.get(i, "")))
    return lines


def _content_end(text: str, starts: Sequence[int], n: int) -> int:
    """Where line ``n``'s text ends, before its line break."""
    end = starts[n + 1] if n + 1 < len(starts) else len(text)
    while end > starts[n] and text[end - 1] in "\r\n":
        end -= 1
    return end


def _piece(text: str, findings: Sequence[tuple[int, Finding]]) -> Piece:
    """A highlighted piece. Its hover note is filled in by the page's script from the notes
    below, not repeated here: the messages would otherwise be in the page twice."""
    severity = max(f.severity for _, f in findings)
    return Piece(text, " ".join(str(n) for n, _ in findings), str(severity))


def _note_line(doc: Document, para_starts: Sequence[int], span: tuple[int, int]) -> int:
    """The 0-based line after which a finding is listed: its paragraph's last, else its own."""
    i = bisect.bisect_right(para_starts, span[0]) - 1
    if i >= 0 and span[0] < doc.paragraphs[i].end:
        end = doc.paragraphs[i].end
    else:
        end = span[1]
    return bisect.bisect_right(doc.line_starts, max(end - 1, span[0])) - 1


def _note(number: int, f: Finding, text: str, mark: str) -> Note:
    """The finding as listed, with its fix in words (``--fix`` would apply it)."""
    return Note(number, f.rule, str(f.severity), f.line, f.column, f.message,
                _fix_text(f, text), mark)


def _fix_text(f: Finding, text: str) -> str:
    """What ``--fix`` would do, in words: 'replace “x” with “y”'."""
    parts = []
    for edit in f.fix:
        old = text[edit.start:edit.end]
        if old and edit.replacement:
            parts.append(f"replace “{old}” with “{edit.replacement}”")
        elif old:
            parts.append(f"delete “{old}”")
        else:
            parts.append(f"insert “{edit.replacement}”")
    return "; ".join(parts)


# -- the readability chart ----------------------------------------------------------------


def _chart(doc: Document, graded: Sequence[tuple[Any, float | None]], limit: float,
           draft: Draft) -> Chart | None:
    """One bar per paragraph, scaled so the limit line sits at 80% height or below.

    Bars get narrower as paragraphs grow in number, down to ``MIN_PITCH``; a
    longer draft's chart is wider than ``CHART_WIDTH`` and the page shrinks it.
    """
    if not graded:
        return None
    top = max([limit / 0.8, 1.0] + [g for _, g in graded if g is not None])
    pitch = max(MIN_PITCH, min(MAX_PITCH, CHART_WIDTH // len(graded)))
    width = max(1, round(pitch * 0.75))
    bars = []
    for i, (para, grade) in enumerate(graded):
        line = doc.position(para.start).line
        _anchor_line(draft, line)
        x = i * pitch
        if grade is None:
            bars.append(Bar(x, width, CHART_HEIGHT - 3, 3, "n", f"line {line}: too short to grade",
                            f"#{draft.anchor}-L{line}"))
            continue
        height = max(min(grade, top), 0.5) / top * CHART_HEIGHT
        bars.append(Bar(x, width, round(CHART_HEIGHT - height, 1), round(height, 1),
                        "o" if grade > limit else "g", f"line {line}: grade {grade:.1f}",
                        f"#{draft.anchor}-L{line}"))
    limit_y = round(CHART_HEIGHT - limit / top * CHART_HEIGHT, 1)
    return Chart(len(graded) * pitch, CHART_HEIGHT, limit_y, bars,
                 sum(1 for _, g in graded if g is not None))


def _anchor_line(draft: Draft, line: int) -> None:
    """Give line ``line`` an id, so a chart bar can link to its paragraph."""
    if 0 < line <= len(draft.lines):
        draft.lines[line - 1].anchor = f"{draft.anchor}-L{line}"


def _counts_text(counts: Mapping[str, int]) -> str:
    """'2 errors, 1 warning' for the severities present, or 'no findings'."""
    parts = [f"{n} {s}{'' if n == 1 or s == 'info' else 's'}" for s, n in counts.items() if n]
    return ", ".join(parts) or "no findings"
