"""Terminology matching beyond the rules' own examples: packs, positions, scale."""

from __future__ import annotations

from conftest import ROOT, lint
from factlint.register import Origin, Term, load_register
from factlint.termindex import TermIndex

PACKS = [(p.name, p) for p in sorted((ROOT / "lint_rules").glob("*.yaml"))]


def pack_lint(text: str, path: str = "draft.md"):
    from factlint.engine import EnabledRule, Linter
    from factlint.rules import all_rules

    known = all_rules()
    rules = [EnabledRule(known[r](), known[r].severity, {}) for r in
             ("term-prefer", "term-spelling", "term-consistency")]
    return Linter(rules, load_register(PACKS), known).lint_text(path, text)


def test_shipped_packs_load_and_flag_the_house_terms() -> None:
    found = pack_lint("Qwen and DeepSeek are open-source models.\nThe weights are on HuggingFace.\n")
    assert [(f.rule, f.line, f.column, f.end_column) for f in found] == [
        ("term-prefer", 1, 23, 34), ("term-spelling", 2, 20, 31)]
    assert 'Use "open-weights" instead of "open-source"' in found[0].message
    assert found[0].fix[0].replacement == "open-weights"


def test_packs_pass_correct_usage() -> None:
    text = ("The newsroom uses open-source software and an open source licence for the code.\n"
            "The term 'open source' is imprecise for models; say 'open weights'.\n"
            "Read `open source model` docs at https://example.org/open-source-models.\n"
            "Labs plan to open-source their weights next year, a model maker said.\n")
    assert pack_lint(text) == []


def test_sentence_start_capital_is_kept_in_the_fix() -> None:
    found = pack_lint("Open source models now lead.\n")
    assert found[0].fix[0].replacement == "Open weights"


def test_terms_never_match_inside_compounds_paths_or_handles() -> None:
    text = "The Deepseek-V3 file sits in deepseek/models and @Deepseek posts, see x.Deepseek too.\n"
    assert pack_lint(text) == []


def test_consistency_reports_the_later_spelling_with_the_first_line() -> None:
    found = pack_lint("The U.S. grew.\n\nLater the US fell and they told us.\n")
    assert [(f.rule, f.line) for f in found] == [("term-consistency", 3)]
    assert "line 1" in found[0].message


def test_wrapped_multiword_term_matches_across_a_line_break() -> None:
    found = pack_lint("These models are published as open\nsource models by the lab.\n")
    assert [(f.line, f.column, f.end_line, f.end_column) for f in found] == [(1, 31, 2, 7)]


def test_many_terms_match_like_few() -> None:
    terms = [Term("spelling", f"Brand{i}Name", (f"Brand{i}name",), Origin("t", 1, 1)) for i in range(1000)]
    index = TermIndex(terms)
    prose = "We met Brand7name and Brand999name and Brand5Name today."
    found = [prose[m.start:m.end] for m in index.scan(prose)]
    assert found == ["Brand7name", "Brand999name", "Brand5Name"]


def test_term_findings_in_a_register_of_the_user() -> None:
    register = "terms:\n  - use: data centre\n    instead_of: [datacenter, data center]\n"
    found = lint("A new data center opened.\n", register, rules=["term-prefer"])
    assert [f.message.split(".")[0] for f in found] == ['Use "data centre" instead of "data center"']


def test_spelling_fix_keeps_a_sentence_start_capital() -> None:
    found = pack_lint("E-mail the desk. Then e-mail the editor.\n")
    assert [f.fix[0].replacement for f in found] == ["Email", "email"]


def test_no_restyling_inside_a_direct_quotation() -> None:
    text = '"Our business model is built on open source models," she said.\n'
    assert pack_lint(text) == []


def test_no_spelling_or_consistency_finding_in_a_speaker_s_words() -> None:
    text = ("The U.S. lab said so. \u201cWe put our Deepseek weights on HuggingFace for the US "
            "market,\u201d said Ana Ruiz.\n")
    assert pack_lint(text) == []


def test_a_term_can_opt_in_to_quotations() -> None:
    register = ("terms:\n  - use: Hugging Face\n    instead_of: [HuggingFace]\n    in_quotes: true\n"
                "  - use: DeepSeek\n    instead_of: [Deepseek]\n")
    text = "\u201cWe use HuggingFace and Deepseek,\u201d said Ana Ruiz.\n"
    found = lint(text, register, rules=["term-spelling"])
    assert [text[f.offset:f.end_offset] for f in found] == ["HuggingFace"]


def test_in_quotes_must_be_a_boolean() -> None:
    import pytest

    from factlint.errors import FactlintError

    with pytest.raises(FactlintError, match="'in_quotes' of term 'Hugging Face' must be true or false"):
        load_register([("r.yaml", "terms:\n  - use: Hugging Face\n    instead_of: [HuggingFace]\n"
                                  "    in_quotes: sometimes\n")])


def test_a_letter_whose_lower_case_is_longer_shifts_no_match() -> None:
    """"İ" lower-cases to two code points; matching must not drift onto later words."""
    text = "İİİİİİİİİİİİ open-source abcd-efghij models are popular.\n\nİstanbul startups use HuggingFace.\n"
    found = pack_lint(text)
    assert [text[f.offset:f.end_offset] for f in found] == ["open-source", "HuggingFace"]
    assert [f.fix[0].replacement for f in found] == ["open-weights", "Hugging Face"]
