"""Hover text for the findings under the cursor: the message, then ``factlint explain``.

The explanation is the CLI's own (``factlint.explain.explain_text``), so the
editor never words a rule differently from the terminal. It is wrapped
plain text with indented examples, shown in a fenced block to keep its
layout; the message above it is Markdown-escaped, since drafts put any
character into messages.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Sequence

from factlint.errors import FactlintError
from factlint.explain import explain_text
from factlint.findings import Finding
from factlint.server.convert import finding_url
from factlint import regexstore

_MARKDOWN_SPECIAL = regexstore.compile(r"([\\`*_{}\[\]<>#|~])")


def hover_text(findings: Sequence[Finding], markdown: bool = True) -> str:
    """One section per finding, separated by rules (in Markdown) or blank lines."""
    sections = [_section(f, markdown) for f in findings]
    return ("\n\n---\n\n" if markdown else "\n\n").join(sections)


def _section(finding: Finding, markdown: bool) -> str:
    explanation = _explain(finding.rule)
    if not markdown:
        return f"{finding.severity} [{finding.rule}] {finding.message}\n\n{explanation}".rstrip()
    head = (f"**{finding.severity}** [`{finding.rule}`]({finding_url(finding)}): "
            f"{_escape(finding.message)}")
    if not explanation:
        return head
    fence = "`" * max(3, _longest_backtick_run(explanation) + 1)
    return f"{head}\n\n{fence}text\n{explanation.rstrip()}\n{fence}"


@lru_cache(maxsize=128)
def _explain(rule: str) -> str:
    try:
        return explain_text(rule)
    except FactlintError:
        return ""


def _escape(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _longest_backtick_run(text: str) -> int:
    return max((len(m) for m in re.findall(r"`+", text)), default=0)
