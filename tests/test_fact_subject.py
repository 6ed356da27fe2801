"""A mismatch is an error, so it needs the fact's own subject: near misses are not compared.

The register below is the README's example register, so the README's own
example works as shown.
"""

from __future__ import annotations

import pytest

from conftest import lint

README_REGISTER = """\
sources:
  wire-china-2026-06:
    publisher: The Wire China
    author: Alex Colville
    date: 2026-06-21
    cite_as: [The Wire China, Colville]
facts:
  - id: hf-us-download-share
    claim: U.S. models' share of downloads on Hugging Face
    about: [Hugging Face, [download, downloads]]
    values:
      - {value: 60%, when: "2021"}
      - {value: 16%, when: 2025-11}
    source: wire-china-2026-06
    tolerance: 0.5
"""
FACT_RULES = ["fact-mismatch", "fact-unattributed", "fact-misattributed", "fact-expired"]


def fact_findings(text: str) -> list[tuple[str, str]]:
    return [(f.rule, text[f.offset:f.end_offset]) for f in lint(text, README_REGISTER, FACT_RULES)]


@pytest.mark.parametrize("text", [
    "Chinese models had 40% of Hugging Face downloads in 2025, according to Reuters.",
    "Chinese models had 17% of Hugging Face downloads in 2025, according to Reuters.",
    "European models had 12% of Hugging Face downloads in 2025, The Wire China said.",
    "Models from China had 40% of Hugging Face downloads in 2025, according to Reuters.",
    "China's models took 40% of Hugging Face downloads last year, according to Reuters.",
    "Korean-made models had 9% of Hugging Face downloads in 2025, according to Reuters.",
])
def test_another_subject_is_not_compared(text: str) -> None:
    assert fact_findings(text) == []


@pytest.mark.parametrize("text,expected", [
    ("U.S. models had 40% of Hugging Face downloads in 2025, according to The Wire China.",
     [("fact-mismatch", "40%")]),
    ("US models had 40% of Hugging Face downloads in 2025, according to The Wire China.",
     [("fact-mismatch", "40%")]),
    ("Models had 40% of Hugging Face downloads in November 2025, The Wire China said.",
     [("fact-mismatch", "40%")]),
    ("U.S. models had 16% of Hugging Face downloads in 2025, according to Reuters.",
     [("fact-misattributed", "16%")]),
    ("U.S. models had 16% of Hugging Face downloads in November 2025.",
     [("fact-unattributed", "16%")]),
])
def test_the_fact_s_own_subject_is_compared(text: str, expected: list[tuple[str, str]]) -> None:
    assert fact_findings(text) == expected


def test_a_rival_in_the_same_sentence_does_not_make_the_fact_s_figure_a_mismatch() -> None:
    text = ("U.S. models had 16% of Hugging Face downloads in November 2025, while Chinese models "
            "had 17%, The Wire China found.")
    assert fact_findings(text) == []
