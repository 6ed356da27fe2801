"""Figures that are statistics, figures that are not, and register values."""

from __future__ import annotations

import pytest

from factlint.quantities import (
    Quantity, Temporal, find_statistics, find_temporal, parse_value, parse_when,
)


def one(text: str) -> Quantity:
    found = find_statistics(text)
    assert len(found) == 1, f"{text!r}: {found}"
    return found[0]


@pytest.mark.parametrize("text,value", [
    ("Turnout fell to 16% this year.", 16.0),
    ("Turnout fell to 16 per cent this year.", 16.0),
    ("Turnout fell to 16 percent this year.", 16.0),
    ("Turnout fell to sixteen percent this year.", 16.0),
    ("Only twenty-five per cent replied.", 25.0),
    ("Rates rose 0.25% overnight.", 0.25),
])
def test_percent(text: str, value: float) -> None:
    q = one(text)
    assert (q.kind, q.value, q.unit) == ("percent", value, "%")
    assert text[q.start:q.end] == q.raw


def test_percentage_points_are_not_percent() -> None:
    q = one("Support dropped 4 percentage points.")
    assert (q.kind, q.value, q.unit) == ("points", 4.0, "pp")


@pytest.mark.parametrize("text,value,unit", [
    ("The fund raised $1.2bn.", 1.2e9, "USD"),
    ("The fund raised US$1.2 billion.", 1.2e9, "USD"),
    ("The bank lent ¥3 trillion.", 3e12, "CNY"),
    ("The club paid €40m for him.", 40e6, "EUR"),
    ("The council saved £600m.", 600e6, "GBP"),
    ("It sold for $846.8million.", 846.8e6, "USD"),
    ("Exports reached 1.2bn yuan.", 1.2e9, "CNY"),
    ("The budget is 3 trillion yen.", 3e12, "JPY"),
    ("Cleaners earn $12-an-hour.", 12.0, "USD"),
    ("A ticket costs £35.", 35.0, "GBP"),
])
def test_money(text: str, value: float, unit: str) -> None:
    q = one(text)
    assert (q.kind, q.value, q.unit) == ("money", pytest.approx(value), unit)


@pytest.mark.parametrize("text,value,unit", [
    ("The app has 2 million users.", 2e6, "users"),
    ("The app has two million users.", 2e6, "users"),
    ("About 2.5m people watched.", 2.5e6, "people"),
    ("The port handled 11,491 containers.", 11491.0, "containers"),
    ("Some 250000 households signed up.", 250000.0, "households"),
])
def test_counts(text: str, value: float, unit: str) -> None:
    q = one(text)
    assert (q.kind, q.value, q.unit) == ("count", value, unit)


def test_vague_counts_are_approximate() -> None:
    q = one("Dozens of shops closed.")
    assert q.kind == "count" and q.approximate and q.raw == "Dozens of"
    assert one("Hundreds of thousands of people marched.").value == 2e5


@pytest.mark.parametrize("text,value", [
    ("A fifth of the staff left.", 0.2),
    ("One in five drivers speed.", 0.2),
    ("Nine out of 10 vets agree.", 0.9),
    ("Two-thirds of members voted.", 2 / 3),
    ("Sales fell by a quarter.", 0.25),
    ("More than half of the seats changed hands.", 0.5),
])
def test_fractions(text: str, value: float) -> None:
    q = one(text)
    assert q.kind == "fraction" and q.value == pytest.approx(value)


@pytest.mark.parametrize("text,kind,value", [
    ("Rents are three times as high as in 2010.", "multiple", 3.0),
    ("Usage grew 2.5 times faster.", "multiple", 2.5),
    ("Demand rose tenfold.", "multiple", 10.0),
    ("Women were twice as likely to apply.", "multiple", 2.0),
    ("The price of eggs doubled.", "change", 2.0),
    ("Waiting lists fell by half.", "change", 0.5),
    ("The subsidy was halved.", "change", 0.5),
    ("Costs were cut in half.", "change", 0.5),
])
def test_multiples_and_changes(text: str, kind: str, value: float) -> None:
    q = one(text)
    assert (q.kind, q.value) == (kind, value)


@pytest.mark.parametrize("text,value,high,unit", [
    ("The share fell from 60% to 16%.", 60.0, 16.0, "%"),
    ("Fees range from $1m to $5m.", 1e6, 5e6, "USD"),
    ("Prices rose 5-10%.", 5.0, 10.0, "%"),
    ("Growth of between 5 and 10 percent is expected.", 5.0, 10.0, "%"),
    ("Pay is between $30,000 and $60,000.", 30000.0, 60000.0, "USD"),
    ("A deal worth $1-2bn is likely.", 1e9, 2e9, "USD"),
])
def test_ranges(text: str, value: float, high: float, unit: str) -> None:
    q = one(text)
    assert (q.value, q.high, q.unit) == (value, high, unit)


def test_range_needs_between_for_and() -> None:
    found = find_statistics("It cost $30,000 and $60,000 more later.")
    assert [q.high for q in found] == [None, None]


@pytest.mark.parametrize("text", [
    "The law was passed in 1995.",
    "The strike began on Sept. 11 and ended on 4 March 2026.",
    "The meeting starts at 10:30 and ends at 3pm.",
    "Budi Santoso, 34, runs a bakery.",
    "A 34-year-old man was arrested.",
    "The 15th Five-Year Plan starts next year.",
    "Leeds won 2-1 on Saturday.",
    "DeepSeek V4 beats Qwen 2.5 and GPT-4o on the test.",
    "Call us on +44 20 7946 0958 or 555-0100.",
    "By Ana Ruiz | Jun 16, 2026 | 6 min read",
    "1. Open the settings page.",
    "## 2.1 Methods",
    "Windows 10 ships with version 22.04 of the tool.",
    "She was 100 percent sure of it.",
    "The ruins are 2,000 years old and 1,500 miles away.",
    "He was elected to a third term and won a fifth consecutive title.",
    "The first half of the season went well.",
    "It happened a quarter of a century ago.",
    "She ran the 100m hurdles twice.",
    "The bar doubled as a cinema, and Smith doubled the lead.",
    "He played three times a week.",
    "The firm has three offices and 40 staff.",
])
def test_not_statistics(text: str) -> None:
    assert find_statistics(text) == []


def test_offsets_and_window() -> None:
    text = "Intro. Sales rose 5% and costs 7%."
    found = find_statistics(text, 7)
    assert [text[q.start:q.end] for q in found] == ["5%", "7%"]
    assert find_statistics(text, 0, 19) == []


def test_code_masked_prose_has_no_figures() -> None:
    # Rules pass the prose mask, where code is spaces.
    assert find_statistics("Run            to get the total.") == []


@pytest.mark.parametrize("text,keys", [
    ("In 2018 sales rose.", ["2018"]),
    ("By November 2025 that share had fallen.", ["2025-11"]),
    ("Published 2026-03-04, updated 2026-03.", ["2026-03-04", "2026-03"]),
    ("On 4 March 2026 and March 4, 2026.", ["2026-03-04", "2026-03-04"]),
    ("Jun 16, 2026 6 min read", ["2026-06-16"]),
    ("In March the rate was 5%.", []),
    ("It cost £2000 and 40%.", []),
])
def test_find_temporal(text: str, keys: list[str]) -> None:
    assert [t.key for t in find_temporal(text)] == keys


def test_temporal_matches_at_coarser_precision() -> None:
    t = find_temporal("by November 2025")[0]
    assert t.matches("2025") and t.matches("2025-11") and not t.matches("2025-10")
    assert not t.matches("2024")


@pytest.mark.parametrize("raw,kind,value,unit", [
    ("60%", "percent", 60.0, "%"),
    ("16 per cent", "percent", 16.0, "%"),
    ("$1.2bn", "money", 1.2e9, "USD"),
    ("2 million", "count", 2e6, ""),
    ("1,500", "number", 1500.0, ""),
    ("42", "number", 42.0, ""),
])
def test_parse_value_figures(raw: str, kind: str, value: float, unit: str) -> None:
    q = parse_value(raw)
    assert isinstance(q, Quantity)
    assert (q.kind, q.value, q.unit) == (kind, pytest.approx(value), unit)


def test_register_and_draft_agree() -> None:
    assert parse_value("16 per cent").value == one("It was 16%.").value


@pytest.mark.parametrize("raw,key", [
    ("2018", "2018"), ("2026-03", "2026-03"), ("March 2026", "2026-03"), ("2026-03-04", "2026-03-04"),
])
def test_parse_value_dates(raw: str, key: str) -> None:
    t = parse_value(raw)
    assert isinstance(t, Temporal) and t.key == key
    assert parse_when(raw).key == key


@pytest.mark.parametrize("raw", ["", "junk", "16%%", "about 5", "2026-13", "$", "5% and 6%"])
def test_parse_value_rejects_junk(raw: str) -> None:
    with pytest.raises(ValueError, match="expected"):
        parse_value(raw)


def test_parse_when_rejects_figures() -> None:
    with pytest.raises(ValueError, match="date"):
        parse_when("60%")
