"""Property-based tests: random drafts through every rule, and fixes that never lose text.

Random Unicode and random Markdown structure (nested lists, unclosed fences,
HTML, tables, front-matter fragments, CR/CRLF/LF mixes, NUL, combining marks,
emoji, right-to-left text, letters whose case mapping changes length). For
every finding: its positions lie inside the file and its span is the text it
names. The default run tries a few hundred drafts; ``pytest -m slow`` tries
ten thousand (``.ci/run`` runs both).
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import HF_FACT_REGISTER, make_linter
from factlint.errors import FactlintError
from factlint.files import Source
from factlint.fixes import fix_text

PACK_REGISTER = HF_FACT_REGISTER + """\
terms:
  - use: open weights
    instead_of: [open source, open-source]
    near: [model, models]
  - use: Hugging Face
    instead_of: [HuggingFace]
  - use: DeepSeek
    instead_of: [Deepseek]
  - consistent: [U.S., US]
"""
LINTER = make_linter(PACK_REGISTER)

_PIECES = [
    "Sales rose 40% last year", "according to the Harbour Trust", "experts say", "\u201cWe will win,\u201d",
    "said Ana Ruiz", "the largest firm in the country", "HuggingFace", "Deepseek", "open-source models",
    "U.S.", "US", "İstanbul", "e\u0301", "\U0001F600", "\u05e9\u05dc\u05d5\u05dd", "\u0000", "$3.4bn",
    "16%", "Hugging Face downloads", "`code`", "<b>x</b>", "<!-- factlint-disable -->", "[link](http://x.y)",
    "www.example.com", "a@b.co", "ﬁ", "ß", "\t", "|a|b|", "# Heading", "- item", "  - nested", "> quote",
    "```", "---", "title: x", "1.", "a.", "\u2028", "\x85", "\f",
]
_BREAKS = st.sampled_from(["\n", "\r\n", "\r", "\n\n", " ", " ", " "])
DRAFTS = st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=12)), max_size=40).flatmap(
    lambda parts: st.lists(_BREAKS, min_size=len(parts), max_size=len(parts)).map(
        lambda seps: "".join(p + s for p, s in zip(parts, seps))))


def _check(text: str, path: str) -> None:
    try:
        findings = LINTER.lint_text(path, text)
    except FactlintError:
        return  # a bad front matter is the one input error a draft may have
    lines = text.splitlines() or [""]
    for f in findings:
        assert 0 <= f.offset <= f.end_offset <= len(text), f
        assert 1 <= f.line <= f.end_line <= len(text.split("\n")) + text.count("\r") + 1, f
        assert f.column >= 1 and f.end_column >= 1
        span = text[f.offset:f.end_offset]
        if f.rule in ("term-prefer", "term-spelling", "term-consistency"):
            assert f'"{span}"' in f.message, (span, f.message)
        if f.rule == "stat-unattributed":
            assert f"'{span}'" in f.message, (span, f.message)
    assert lines is not None


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DRAFTS, st.sampled_from(["d.md", "d.txt"]))
def test_every_finding_lies_in_the_file_and_names_its_span(text: str, path: str) -> None:
    _check(text, path)


@pytest.mark.slow
@settings(max_examples=10_000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DRAFTS, st.sampled_from(["d.md", "d.txt"]))
def test_every_finding_lies_in_the_file_and_names_its_span_10000(text: str, path: str) -> None:
    _check(text, path)


# --- fixes never lose text -------------------------------------------------------------------

_WORDS = st.sampled_from(["The", "lab", "said", "it", "weights", "are", "on", "now", "and", "42",
                          "café", "İ", "\U0001F600", "models", "free", "ok"])
_FIXABLE = {"HuggingFace": "Hugging Face", "Deepseek": "DeepSeek"}


@st.composite
def _fixable_drafts(draw):
    parts, expected = [], []
    for _ in range(draw(st.integers(1, 30))):
        if draw(st.integers(0, 4)) == 0:
            term = draw(st.sampled_from(sorted(_FIXABLE)))
            parts.append(term)
            expected.append(_FIXABLE[term])
        else:
            word = draw(_WORDS)
            parts.append(word)
            expected.append(word)
        sep = draw(st.sampled_from([" ", " ", "\n", "\r\n", ". "]))
        parts.append(sep)
        expected.append(sep)
    return "".join(parts), "".join(expected)


def _fix_once(text: str) -> tuple[str, int]:
    linter = make_linter(PACK_REGISTER, ["term-spelling"])
    result = fix_text(Source("d.md", None, text, False), lambda t: linter.lint_text("d.md", t),
                      lambda f: bool(f.fix))
    return result.text, result.applied


@settings(max_examples=200, deadline=None)
@given(_fixable_drafts())
def test_fixes_change_only_the_fixed_spans_and_converge(draft: tuple[str, str]) -> None:
    text, expected = draft
    fixed, _ = _fix_once(text)
    assert fixed == expected  # everything outside the fixed spans is as it was, line ends too
    again, applied = _fix_once(fixed)
    assert again == fixed and applied == 0
