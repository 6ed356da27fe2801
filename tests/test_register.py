"""Register validation: every error names the file, line and column of the problem."""

from __future__ import annotations

import pytest

from conftest import ROOT
from factlint.errors import FactlintError
from factlint.register import load_register

GOOD = """\
sources:
  wire:
    publisher: The Wire China
    date: 2026-06-21
    cite_as: [The Wire China, Colville]
facts:
  - id: share
    claim: U.S. share of downloads
    about: [Hugging Face, [download, downloads]]
    values:
      - {value: 16%, when: 2025-11}
    source: wire
terms:
  - use: Hugging Face
    instead_of: [HuggingFace]
  - use: open weights
    instead_of: [open source]
  - consistent: [U.S., US]
"""


def load(text: str):
    return load_register([("register.yaml", text)])


def error_of(text: str) -> str:
    with pytest.raises(FactlintError) as info:
        load(text)
    return str(info.value)


def test_a_good_register_loads() -> None:
    reg = load(GOOD)
    assert list(reg.sources) == ["wire"]
    fact = reg.facts[0]
    assert fact.source.publisher == "The Wire China"
    assert fact.is_about("Hugging Face downloads rose")
    assert not fact.is_about("Hugging Face grew")
    assert [t.rule for t in reg.terms] == ["spelling", "prefer", "consistency"]
    assert reg.cite_names == ("Colville", "The Wire China")


def test_seeds_register_is_valid() -> None:
    reg = load_register([("seeds/register.yaml", ROOT / "seeds" / "register.yaml")])
    ids = {f.id for f in reg.facts}
    assert {"hf-us-download-share", "china-five-year-plan-adopted", "xi-lead-goose-effect",
            "china-un-ai-capacity-plan"} <= ids
    assert all(f.source.publisher and f.source.date for f in reg.facts)


@pytest.mark.parametrize("mutation,expected", [
    (("source: wire\nterms", "source: wire-china\nterms"),
     "register.yaml:12:5: fact 'share' names source 'wire-china' which is not defined (sources: wire)"),
    (("    date: 2026-06-21\n", ""), "register.yaml:3:5: source 'wire' needs 'date'"),
    (("    date: 2026-06-21", "    date: June 2026"), "register.yaml:4:5: 'date' of source 'wire' must be a date"),
    (("    publisher: The Wire China\n", ""), "register.yaml:3:5: source 'wire' needs 'publisher'"),
    (("{value: 16%,", "{value: lots,"), "register.yaml:11:10: value 'lots' of fact 'share' does not parse"),
    (("    claim: U.S. share of downloads\n", "    claim: U.S. share of downloads\n    colour: red\n"),
     "register.yaml:9:5: unknown key 'colour' in fact 'share'"),
    (("  - use: open weights\n    instead_of: [open source]\n", "  - use: open weights\n"),
     "register.yaml:16:5: term 'open weights' needs 'instead_of'"),
    (("facts:", "facts:\n  - id: share\n    claim: x\n    about: [x]\n    source: wire"),
     "fact id 'share' is already used at register.yaml:7:5"),
    (("sources:", "sorces:"), "register.yaml:1:1: unknown key 'sorces' in the register"),
    (("    cite_as: [The Wire China, Colville]", "    cite_as: [The Wire China, Colville"),
     "register.yaml:6:6: invalid YAML"),
])
def test_errors_point_at_the_line(mutation: tuple[str, str], expected: str) -> None:
    old, new = mutation
    assert old in GOOD
    assert expected in error_of(GOOD.replace(old, new, 1))


def test_a_register_that_is_not_a_mapping_is_refused() -> None:
    assert error_of("- just\n- a list\n") .startswith("register.yaml:1:1: a register must be a mapping")


def test_empty_register_is_fine() -> None:
    assert load("").facts == []


def test_sources_are_shared_across_files() -> None:
    reg = load_register([("a.yaml", "sources:\n  s:\n    publisher: P\n    date: 2026-01-01\n"),
                         ("b.yaml", "facts:\n  - {id: f, claim: c, about: [x], source: s, value: 5%}\n")])
    assert reg.facts[0].source.id == "s"


def test_superseded_by_must_name_a_fact() -> None:
    text = GOOD.replace("    source: wire\nterms", "    source: wire\n    superseded_by: nope\nterms")
    assert "'superseded_by' names fact 'nope' which is not defined" in error_of(text)
