"""A page of correctly sourced copy must pass the sourcing rules untouched.

The fixture is full of things that look like statistics or claims but are
not (years, dates, times, ages, vote counts and scores, ordinals, model
versions, a byline's reading time) and of figures and quotations that are
properly credited, including a registered fact stated right with its
source. A false alarm on any of them is the kind that makes editors switch
a linter off.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from factlint.engine import EnabledRule, Linter
from factlint.register import load_register
from factlint.rules import all_rules

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "clean_copy.md"
SOURCING_PREFIXES = ("stat-", "claim-", "quote-", "fact-")


def _linter() -> Linter:
    known = all_rules()
    ids = [r for r in known if r.startswith(SOURCING_PREFIXES)]
    enabled = [EnabledRule(known[r](), known[r].severity, dict(known[r].options)) for r in ids]
    register = load_register([("seeds/register.yaml", ROOT / "seeds" / "register.yaml")])
    return Linter(enabled, register, known)


def test_the_sourcing_rules_are_all_there() -> None:
    ids = set(all_rules())
    for rule in ("stat-unattributed", "claim-vague-source", "claim-absolute", "quote-unattributed",
                 "fact-mismatch", "fact-unattributed", "fact-misattributed", "fact-expired"):
        assert rule in ids


def test_clean_copy_has_no_sourcing_findings() -> None:
    text = FIXTURE.read_text(encoding="utf-8")
    findings = _linter().lint_text("clean_copy.md", text)
    assert findings == [], "\n".join(f"{f.line}:{f.column} {f.rule} {f.message}" for f in findings)


def test_clean_copy_really_states_the_registered_fact() -> None:
    """Guard against a silent pass: the fixture must exercise the fact rules."""
    from factlint.document import Document
    from factlint.analyses.facts import analyse

    text = FIXTURE.read_text(encoding="utf-8")
    register = load_register([("seeds/register.yaml", ROOT / "seeds" / "register.yaml")])
    analysis = analyse(Document.from_text("clean_copy.md", text), register)
    agreeing = {" ".join(s.raw.split()) for s in analysis.statements if s.kind == "agree"}
    assert {"60% to 16%", "16%"} <= agreeing
    assert all(analysis.credits[s].status == "cited" for s in analysis.statements)


@pytest.mark.parametrize("broken,rule", [
    ("U.S. models' share of downloads on Hugging Face fell from 60% to 26% in four years.",
     "fact-mismatch"),
    ("\"Nobody had to take a vendor's word for anything at all.\"", "quote-unattributed"),
    ("The permit office is the first of its kind ever built.", "claim-absolute"),
])
def test_breaking_the_copy_is_noticed(broken: str, rule: str) -> None:
    """The same page with one sentence broken gives the finding it should."""
    filler = ("The vote was close. The minutes will follow. The budget comes later. Few people "
              "attended. The room was cold. The meeting ended at ten.")
    text = FIXTURE.read_text(encoding="utf-8") + "\n" + filler + "\n\n" + broken + "\n"
    findings = _linter().lint_text("clean_copy.md", text)
    assert [f.rule for f in findings] == [rule], [(f.rule, f.message) for f in findings]
