"""Every registered fact, stated right and stated wrong.

Sentences are built from each fact of seeds/register.yaml (its claim, about
terms and values), so a fact added to the register is covered without
touching this file. The fact rules' own example register runs through the
same generator, so money, counts and full dates are covered even while the
seeds register holds only percentages and years. A faithful sentence that credits the source must give
no fact-* finding; a sentence whose figure, unit or date was changed must
give fact-mismatch. A value's ``when`` is context, not a value: changing
only the year a percentage held is deliberately *not* a mismatch (see
fact-mismatch's description), and that is asserted too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from factlint.engine import EnabledRule, Linter
from factlint.quantities import Quantity, Temporal, parse_when
from factlint.register import Fact, FactValue, Register, load_register
from factlint.rules import all_rules

ROOT = Path(__file__).resolve().parents[1]
SEEDS_REGISTER = ROOT / "seeds" / "register.yaml"
FACT_RULES = ("fact-mismatch", "fact-unattributed", "fact-misattributed", "fact-expired")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_SCALES = {"bn": "m", "m": "bn", "billion": "million", "million": "billion", "trillion": "billion",
           "thousand": "million", "k": "m", "mn": "bn", "tn": "bn"}


def _registers() -> dict[str, Register]:
    from factlint.rules.facts import FACTS_EXAMPLE_REGISTER

    return {"seeds": load_register([("seeds/register.yaml", SEEDS_REGISTER)]),
            "examples": load_register([("examples.yaml", FACTS_EXAMPLE_REGISTER)])}


REGISTERS = _registers()
REGISTER = REGISTERS["seeds"]


def _linter(rules: tuple[str, ...] = FACT_RULES, register: Register | None = None) -> Linter:
    known = all_rules()
    enabled = [EnabledRule(known[r](), known[r].severity, dict(known[r].options)) for r in rules]
    return Linter(enabled, register or REGISTER, known)


def prose_date(t: Temporal) -> str:
    if t.month is None:
        return str(t.year)
    if t.day is None:
        return f"{MONTHS[t.month - 1]} {t.year}"
    return f"{t.day} {MONTHS[t.month - 1]} {t.year}"


def ensure_about(fact: Fact, sentence: str) -> str:
    """Prefix the first term of every ``about`` group the sentence lacks."""
    if fact.is_about(sentence):
        return sentence
    missing = [g[0] for g, p in zip(fact.about, fact._about_patterns) if not p.search(sentence)]
    return f"On {' and '.join(missing)}: {sentence}"


def sentence(fact: Fact, value_text: str, value: FactValue, cite: bool = True, when: str | None = None) -> str:
    """"<claim> was <value> in <when>, according to <source>." or "<claim> in <date>, ..."."""
    claim = fact.claim.rstrip(". ")
    credit = f", according to {fact.source.cite_as[0]}" if cite else ""
    if isinstance(value.quantity, Temporal):
        text = f"{claim} in {value_text}{credit}."
    else:
        when = when if when is not None else value.when
        dated = f" in {prose_date(parse_when(when))}" if when else ""
        text = f"{claim} was {value_text}{dated}{credit}."
    return ensure_about(fact, text)


def _bump(number: str, fact: Fact) -> str:
    """A figure well beyond the tolerance, written with the same decimals."""
    value = float(number.replace(",", ""))
    decimals = len(number.split(".")[1]) if "." in number else 0
    new = value * 1.5 + max(5.0, 3 * fact.tolerance)
    out = f"{new:,.{decimals}f}" if "," in number else f"{new:.{decimals}f}"
    return out


@dataclass(frozen=True)
class Case:
    register: str
    fact: str
    kind: str  # figure, unit, year, month, day
    text: str

    def __str__(self) -> str:
        return f"{self.register}:{self.fact}:{self.kind}"


def mutations(reg: str, fact: Fact, value: FactValue) -> list[Case]:
    q = value.quantity
    out: list[Case] = []
    if isinstance(q, Temporal):
        changed = [("year", Temporal(0, 0, q.year + 5, q.month, q.day))]
        if q.month is not None:
            changed.append(("month", Temporal(0, 0, q.year, q.month % 12 + 1, q.day)))
        if q.day is not None:
            changed.append(("day", Temporal(0, 0, q.year, q.month, q.day % 28 + 1)))
        return [Case(reg, fact.id, k, sentence(fact, prose_date(t), value)) for k, t in changed]
    raw = value.raw
    m = _NUMBER.search(raw)
    assert m, f"value {raw!r} of {fact.id} has no digits to mutate"
    out.append(Case(reg, fact.id, "figure", sentence(fact, raw[:m.start()] + _bump(m.group(), fact) + raw[m.end():], value)))
    if q.kind in ("percent", "points"):
        # The classic unit slip: a share written as a fraction with a percent sign.
        slipped = f"{float(m.group().replace(',', '')) / 100:g}"
        out.append(Case(reg, fact.id, "unit", sentence(fact, raw[:m.start()] + slipped + raw[m.end():], value)))
    elif q.kind in ("money", "count"):
        scale = re.search(r"(?<=\d)\s?(bn|m|mn|tn|k|billion|million|trillion|thousand)\b", raw)
        if scale:
            unit = raw[:scale.start(1)] + _SCALES[scale.group(1)] + raw[scale.end(1):]
        else:
            unit = raw[:m.end()] + (" million" if q.kind == "count" else "bn") + raw[m.end():]
        out.append(Case(reg, fact.id, "unit", sentence(fact, unit, value)))
    elif q.kind == "number":
        out.append(Case(reg, fact.id, "unit", sentence(fact, raw[:m.end()] + ",000" + raw[m.end():], value)))
    return out


def _current(fact: Fact) -> bool:
    """Superseded or lapsed facts are the business of fact-expired, not of these tests."""
    return not fact.superseded_by and not (fact.valid_until and fact.valid_until < date.today().isoformat())


FACTS_WITH_VALUES = [f for f in REGISTER.facts if f.values]
ALL_VALUES = [(name, f, v) for name, reg in REGISTERS.items() for f in reg.facts if _current(f)
              for v in f.values]
FAITHFUL = [(f, v) for name, f, v in ALL_VALUES if name == "seeds"]
MUTATED = [c for name, f, v in ALL_VALUES for c in mutations(name, f, v)]


def _findings(text: str, rules: tuple[str, ...] = FACT_RULES, register: str = "seeds"):
    return _linter(rules, REGISTERS[register]).lint_text("draft.md", text + "\n")


def test_the_register_has_facts_to_mutate() -> None:
    assert FACTS_WITH_VALUES, "seeds/register.yaml should register facts with values"
    assert {c.kind for c in MUTATED if c.register == "seeds"} >= {"figure", "unit", "year"}
    kinds = {v.quantity.kind if isinstance(v.quantity, Quantity) else "date" for _, _, v in ALL_VALUES}
    assert {"percent", "money", "count", "date"} <= kinds


@pytest.mark.parametrize("fact,value", FAITHFUL, ids=[f"{f.id}={v.raw}" for f, v in FAITHFUL])
def test_faithful_sentence_gives_no_fact_finding(fact: Fact, value: FactValue) -> None:
    text = sentence(fact, value.raw if isinstance(value.quantity, Quantity)
                    else prose_date(value.quantity), value)
    assert fact.is_about(text)
    found = _findings(text)
    assert not found, (text, [f.message for f in found])


@pytest.mark.parametrize("name,fact,value", ALL_VALUES, ids=[f"{n}:{f.id}={v.raw}" for n, f, v in ALL_VALUES])
def test_faithful_sentence_from_any_register_gives_no_mismatch(name: str, fact: Fact, value: FactValue) -> None:
    text = sentence(fact, value.raw if isinstance(value.quantity, Quantity)
                    else prose_date(value.quantity), value)
    found = _findings(text, register=name)
    assert not [f for f in found if f.rule == "fact-mismatch"], (text, [f.message for f in found])


@pytest.mark.parametrize("case", MUTATED, ids=[str(c) for c in MUTATED])
def test_mutation_gives_fact_mismatch(case: Case) -> None:
    found = _findings(case.text, register=case.register)
    mismatches = [f for f in found if f.rule == "fact-mismatch"]
    assert mismatches, (case.text, [f.message for f in found])
    fact = next(f for f in REGISTERS[case.register].facts if f.id == case.fact)
    message = mismatches[0].message
    assert "differs from the register" in message and fact.source.citation() in message
    assert message.endswith("Correct the figure, or update the register.")


@pytest.mark.parametrize("fact,value", [(f, v) for f, v in FAITHFUL if isinstance(v.quantity, Quantity)],
                         ids=[f"{f.id}={v.raw}" for f, v in FAITHFUL if isinstance(v.quantity, Quantity)])
def test_respelled_unit_is_not_a_mismatch(fact: Fact, value: FactValue) -> None:
    """'16 per cent' is '16%': normalised units must not look like changed ones."""
    respelled = re.sub(r"\s?%", " per cent", value.raw) if value.quantity.kind == "percent" else value.raw
    found = _findings(sentence(fact, respelled, value))
    assert not [f for f in found if f.rule == "fact-mismatch"], [f.message for f in found]


@pytest.mark.parametrize("fact,value", [(f, v) for f, v in FAITHFUL if isinstance(v.quantity, Quantity) and v.when],
                         ids=[f"{f.id}={v.raw}" for f, v in FAITHFUL if isinstance(v.quantity, Quantity) and v.when])
def test_changed_when_of_a_figure_is_context_not_a_mismatch(fact: Fact, value: FactValue) -> None:
    year = parse_when(value.when).year
    found = _findings(sentence(fact, value.raw, value, when=str(year - 3)))
    assert not [f for f in found if f.rule == "fact-mismatch"], [f.message for f in found]


@pytest.mark.parametrize("fact,value", FAITHFUL, ids=[f"{f.id}={v.raw}" for f, v in FAITHFUL])
def test_uncited_fact_is_reported_once_by_fact_unattributed(fact: Fact, value: FactValue) -> None:
    """The figure is the fact rules' to report, never stat-unattributed's as well."""
    text = sentence(fact, value.raw if isinstance(value.quantity, Quantity)
                    else prose_date(value.quantity), value, cite=False)
    found = _findings(text, FACT_RULES + ("stat-unattributed",))
    rules = [f.rule for f in found]
    assert rules == ["fact-unattributed"], (text, [(f.rule, f.message) for f in found])
    assert found[0].message.endswith(f"cite {fact.source.citation()}.")


def test_mismatch_message_names_value_when_and_source() -> None:
    fact = next(f for f in FACTS_WITH_VALUES if any(isinstance(v.quantity, Quantity) and v.when for v in f.values))
    value = next(v for v in fact.values if isinstance(v.quantity, Quantity) and v.when)
    m = _NUMBER.search(value.raw)
    wrong = value.raw[:m.start()] + _bump(m.group(), fact) + value.raw[m.end():]
    found = [f for f in _findings(sentence(fact, wrong, value)) if f.rule == "fact-mismatch"]
    assert found
    from factlint.rules.facts import format_when
    assert found[0].message.startswith(f"'{wrong}' differs from the register")
    assert f"was {value.raw} ({format_when(value.when)}), per {fact.source.citation()}." in found[0].message


def test_within_tolerance_is_not_a_mismatch() -> None:
    tolerant = [(f, v) for f, v in FAITHFUL if f.tolerance and isinstance(v.quantity, Quantity)]
    if not tolerant:
        pytest.skip("no fact in the seeds register has a tolerance")
    for fact, value in tolerant:
        m = _NUMBER.search(value.raw)
        near = f"{float(m.group()) + fact.tolerance * 0.8:.1f}"
        text = sentence(fact, value.raw[:m.start()] + near + value.raw[m.end():], value)
        assert not [f for f in _findings(text) if f.rule == "fact-mismatch"], text


# --- the semantics the rules promise, on the seeds register's facts ------------------

HF = "hf-us-download-share"


def _rules_of(text: str, rules: tuple[str, ...] = FACT_RULES) -> list[tuple[str, str]]:
    return [(f.rule, f.message) for f in _findings(text, rules)]


def test_two_subjects_in_one_sentence_compare_only_the_fact_clause() -> None:
    text = ("According to The Wire China, U.S. models had 16% of Hugging Face downloads in "
            "November 2025, while Chinese models had 17%.")
    assert _rules_of(text) == []


def test_a_later_clause_that_refers_back_is_compared() -> None:
    text = ("According to The Wire China, four years ago U.S. models accounted for 60% of "
            "downloads on Hugging Face; by November 2025 that share had fallen to 26%.")
    found = _rules_of(text)
    assert [r for r, _ in found] == ["fact-mismatch"]
    assert "16% (Nov 2025)" in found[0][1] and found[0][1].startswith("'26%' differs")


def test_changes_and_points_are_not_levels() -> None:
    text = ("U.S. models' share of Hugging Face downloads fell 44 percentage points, a 73% "
            "drop, The Wire China found.")
    assert _rules_of(text, FACT_RULES + ("stat-unattributed",)) == []


def test_hedges_and_rounding_are_honoured() -> None:
    for said in ("more than 15%", "about 17%", "16.3%", "nearly 60%"):
        text = f"U.S. models had {said} of Hugging Face downloads, Colville wrote."
        assert _rules_of(text) == [], said
    assert [r for r, _ in _rules_of("U.S. models had under 12% of Hugging Face downloads, "
                                      "Colville wrote.")] == ["fact-mismatch"]


def test_deadlines_and_other_years_are_not_the_event_date() -> None:
    text = ("The new Five-Year Plan, adopted in March 2026 to run until 2030, builds on reforms "
            "of 2021, Zendoric reported.")
    assert _rules_of(text) == []


def test_credit_to_another_source_is_misattribution() -> None:
    found = _rules_of("According to Reuters, U.S. models had 16% of Hugging Face downloads in "
                      "November 2025.")
    assert [r for r, _ in found] == ["fact-misattributed"]
    assert "Reuters" in found[0][1] and "The Wire China (2026-06-21)" in found[0][1]


def test_the_subject_of_the_fact_is_not_a_rival_source() -> None:
    found = _rules_of("According to Hugging Face, U.S. models had 16% of its downloads in "
                      "November 2025.")
    assert [r for r, _ in found] == ["fact-unattributed"]


def test_paragraph_citation_and_back_reference_count() -> None:
    text = ("A report by Alex Colville in The Wire China tracks open models.\n\n"
            "According to the report, U.S. models had 16% of Hugging Face downloads in "
            "November 2025.\n\n"
            "Elsewhere, Reuters reported on chips. According to the article, U.S. models had 60% "
            "of Hugging Face downloads in 2021.\n")
    found = _rules_of(text)
    assert [r for r, _ in found] == ["fact-unattributed"]
    assert "60%" in found[0][1]


def test_figures_in_quotations_belong_to_the_speaker() -> None:
    text = ("\"U.S. models now get 16% of Hugging Face downloads,\" said Dana Reyes, who runs a "
            "lab.\n")
    assert _rules_of(text) == []


def test_seed_drafts_state_registered_facts_and_cite_them() -> None:
    """The seeds state four registered facts, each with its source in the paragraph
    (or, for the Zendoric piece's own facts, published by Zendoric)."""
    from factlint.document import Document
    from factlint.analyses.facts import analyse

    stated: dict[str, set[str]] = {}
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        doc = Document.from_text(str(path), path.read_text(encoding="utf-8"))
        analysis = analyse(doc, REGISTER)
        for st in analysis.statements:
            assert st.kind == "agree", (path.name, st.raw)
            assert analysis.credits[st].status == "cited", (path.name, st.raw)
            stated.setdefault(st.facts[0].id, set()).add(" ".join(st.raw.split()))
    assert stated.get(HF) == {"60% to 16%", "60%", "16%"}
    assert {"china-five-year-plan-adopted", "xi-lead-goose-effect",
            "china-un-ai-capacity-plan"} <= set(stated)


def test_expired_and_superseded_values() -> None:
    yaml = (ROOT / "seeds" / "register.yaml").read_text(encoding="utf-8") + """
  - id: hf-us-download-share-2026
    claim: U.S. models' share of downloads on Hugging Face
    about: [Hugging Face, [download, downloads], [U.S., US, American]]
    values:
      - {value: 12%, when: 2026-05}
    source: wire-china-2026-06
    valid_until: 2026-09-30
"""
    yaml = yaml.replace("    tolerance: 0.5\n", "    tolerance: 0.5\n    superseded_by: hf-us-download-share-2026\n", 1)
    register = load_register([("register.yaml", yaml)])
    known = all_rules()

    def run(text: str, today: str) -> list[tuple[str, str]]:
        rules = [EnabledRule(known[r](), known[r].severity, {**known[r].options, "today": today}
                             if r == "fact-expired" else dict(known[r].options)) for r in FACT_RULES]
        return [(f.rule, f.message) for f in Linter(rules, register, known).lint_text("d.md", text)]

    old = run("U.S. models had 16% of Hugging Face downloads, The Wire China reported.\n", "2026-07-01")
    assert [r for r, _ in old] == ["fact-expired"]
    assert "12% (May 2026)" in old[0][1]
    new = "U.S. models had 12% of Hugging Face downloads, The Wire China reported.\n"
    assert run(new, "2026-07-01") == []
    lapsed = run(new, "2026-10-01")
    assert [r for r, _ in lapsed] == ["fact-expired"] and "expired on 2026-09-30" in lapsed[0][1]


def test_citation_may_say_the_and_wrap_lines() -> None:
    text = ("U.S. models had 16% of Hugging Face downloads in November 2025, according to the\n"
            "Wire China.\n")
    assert _rules_of(text) == []


def test_a_draft_published_by_the_source_need_not_cite_it() -> None:
    body = "The new Five-Year Plan, adopted in March 2026, sets out the goals.\n"
    assert [r for r, _ in _rules_of(body)] == ["fact-unattributed"]
    byline = "Plans and goals\n\nPublished on Zendoric: 26 June 2026\n\n" + body
    assert _linter().lint_text("draft.txt", byline) == []
    front = "---\npublisher: Zendoric\n---\n\n" + body
    assert _rules_of(front) == []
