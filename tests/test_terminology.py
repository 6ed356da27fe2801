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


# Pattern terms and exact-casing terms (issue 8, item 4).

TERM_RULES = ["term-prefer", "term-spelling", "term-consistency"]
PATTERNS = """\
terms:
  - pattern: "bug[- ]fix(es)?"
    use: bugfix$1
    ignorecase: true
  - pattern: "Covid-19"
    use: Covid
    why: The desk style drops the year.
  - pattern: "Internet(?! Explorer)"
    use: internet
  - pattern: "(?i)lock[- ]down(s)?"
    use: lockdown\\1
  - exact: [WhatsApp, TikTok, webpack, iOS]
"""


def term_findings(text: str, register: str = PATTERNS) -> list[tuple[str, str, str]]:
    """(rule, the words flagged, the fix) of each term finding."""
    return [(f.rule, text[f.offset:f.end_offset], f.fix[0].replacement if f.fix else "")
            for f in lint(text, register, rules=TERM_RULES)]


def test_a_pattern_term_fills_its_groups_into_the_fix() -> None:
    text = "Two bug-fixes landed, then a bug fix and three lock-downs.\n"
    assert term_findings(text) == [("term-spelling", "bug-fixes", "bugfixes"),
                                   ("term-spelling", "bug fix", "bugfix"),
                                   ("term-spelling", "lock-downs", "lockdowns")]


def test_a_pattern_term_with_another_word_is_a_prefer_finding() -> None:
    found = lint("Hospitals treated Covid-19 patients.\n", PATTERNS, rules=TERM_RULES)
    assert [(f.rule, f.message) for f in found] == [
        ("term-prefer", 'Use "Covid" instead of "Covid-19". The desk style drops the year.')]
    assert found[0].related[0].message == 'term entry: pattern "Covid-19", use "Covid"'
    assert (found[0].related[0].line, found[0].related[0].column) == (5, 5)


def test_a_pattern_is_case_sensitive_unless_it_says_otherwise() -> None:
    assert term_findings("Hospitals treated covid-19 patients. A BUG-FIX is due.\n") == [
        ("term-spelling", "BUG-FIX", "bugfix")]


def test_internet_is_lower_case_except_in_the_browser_and_to_start_a_sentence() -> None:
    text = ("Rural homes lack fast Internet. Internet Explorer 6 is gone.\n\n"
            "Internet access is up, the regulator said.\n")
    assert term_findings(text) == [("term-spelling", "Internet", "internet")]
    assert lint(text, PATTERNS, rules=TERM_RULES)[0].column == 23


def test_a_sentence_that_starts_with_a_pattern_term_keeps_its_capital_in_the_fix() -> None:
    assert term_findings("Bug-fixes ship on Fridays.\n") == [("term-spelling", "Bug-fixes", "Bugfixes")]


def test_pattern_terms_stay_out_of_code_links_file_names_compounds_and_quotes() -> None:
    text = ("Run `bug-fix --all` and read https://example.org/bug-fix today.\n\n"
            "Open bug-fix.md and the debug-fixes folder, or see [notes](https://example.org/Covid-19).\n\n"
            "\u201cThe bug-fix came late,\u201d said Ana Ruiz.\n")
    assert term_findings(text) == []


def test_a_mention_of_a_pattern_term_is_not_a_prefer_finding() -> None:
    assert term_findings("The phrase 'Covid-19' fell out of use.\n") == []


def test_pattern_term_context_keys_apply() -> None:
    register = ('terms:\n  - pattern: "Covid-19"\n    use: Covid\n    not_before: [vaccine, vaccines]\n'
                '    near: [patients, cases]\n')
    text = "Covid-19 cases rose. Covid-19 vaccines arrived. Covid-19 was everywhere.\n"
    assert term_findings(text, register) == [("term-prefer", "Covid-19", "Covid")]


def test_a_pattern_term_may_name_its_rule() -> None:
    register = 'terms:\n  - {pattern: "Covid-19", use: Covid, rule: spelling}\n'
    assert term_findings("Covid-19 cases rose.\n", register) == [("term-spelling", "Covid-19", "Covid")]


def test_a_pattern_term_that_does_not_compile_is_an_error_at_its_line() -> None:
    import pytest

    from factlint.errors import FactlintError

    text = "terms:\n  - use: email\n    instead_of: [e-mail]\n  - pattern: \"bug[- ]fix(es\"\n    use: bugfix\n"
    with pytest.raises(FactlintError) as info:
        load_register([("house.yaml", text)])
    assert str(info.value).startswith("house.yaml:4:5: pattern term 'bug[- ]fix(es' does not compile: missing )")


def test_a_pattern_term_s_replacement_must_name_groups_it_has() -> None:
    import pytest

    from factlint.errors import FactlintError

    with pytest.raises(FactlintError, match=r"house.yaml:2:\d+: 'use' of pattern term .* names group 2"):
        load_register([("house.yaml", 'terms:\n  - {pattern: "bug[- ]fix(es)?", use: "bugfix$2"}\n')])
    with pytest.raises(FactlintError, match="unknown key 'instead_of' in pattern term"):
        load_register([("house.yaml", 'terms:\n  - {pattern: "x", use: y, instead_of: [z]}\n')])
    with pytest.raises(FactlintError, match="'ignorecase' of pattern term 'x' must be true or false"):
        load_register([("house.yaml", 'terms:\n  - {pattern: "x", use: y, ignorecase: maybe}\n')])


def test_a_broken_pattern_stops_factlint_check_with_exit_2(tmp_path, cli) -> None:
    (tmp_path / "factlint.yaml").write_text("register: [register.yaml]\n", encoding="utf-8")
    (tmp_path / "register.yaml").write_text('terms:\n  - pattern: "(unclosed"\n    use: x\n', encoding="utf-8")
    (tmp_path / "draft.md").write_text("A draft.\n", encoding="utf-8")
    result = cli("check", "draft.md", cwd=tmp_path)
    assert result.returncode == 2
    assert "register.yaml:2:5: pattern term '(unclosed' does not compile" in result.stderr.decode()


def test_a_catastrophic_pattern_times_out_once_and_the_other_terms_run(monkeypatch) -> None:
    import time

    from factlint.vale import patterns

    monkeypatch.setattr(patterns, "TIMEOUT", 0.2)
    register = ('terms:\n  - use: data centre\n    instead_of: [data center]\n'
                '  - pattern: "(a+)+$"\n    use: a\n  - {pattern: "bug[- ]fix(es)?", use: "bugfix$1"}\n'
                '  - exact: WhatsApp\n')
    text = "A data center bug-fix reached Whatsapp users. " + "a" * 30000 + "b\n\nMore " + "a" * 30000 + "b\n"
    start = time.perf_counter()
    found = lint(text, register, rules=TERM_RULES)
    assert time.perf_counter() - start < 5
    timeouts = [f for f in found if "ran past" in f.message]
    assert len(timeouts) == 1 and timeouts[0].rule == "term-prefer" and timeouts[0].line == 1
    assert timeouts[0].message.startswith(
        "term-prefer: pattern term '(a+)+$' (register.yaml:4:5) ran past its 0.2 s limit on this file")
    assert [text[f.offset:f.end_offset] for f in found if f not in timeouts] == [
        "data center", "bug-fix", "Whatsapp"]


def test_exact_terms_flag_every_other_casing_and_never_the_written_one() -> None:
    text = "Share it on WhatsApp, Whatsapp or WHATSAPP, then on tiktok and TikTok.\n"
    assert term_findings(text) == [("term-spelling", "Whatsapp", "WhatsApp"),
                                   ("term-spelling", "WHATSAPP", "WhatsApp"),
                                   ("term-spelling", "tiktok", "TikTok")]
    assert lint(text, PATTERNS, rules=TERM_RULES)[0].message == 'Write "WhatsApp", not "Whatsapp".'


def test_exact_terms_respect_word_boundaries_paths_and_file_names() -> None:
    text = ("The whatsappish tone of uberwhatsapp posts. Install whatsapp-export first.\n\n"
            "Open whatsapp.md or chats_whatsapp.txt, see https://example.org/whatsapp and `whatsapp`.\n")
    assert term_findings(text) == []


def test_a_lower_case_exact_term_may_start_a_sentence_capitalised() -> None:
    text = "Webpack bundles the code. The team chose Webpack over WEBPACK.\n"
    assert term_findings(text) == [("term-spelling", "Webpack", "webpack"),
                                   ("term-spelling", "WEBPACK", "webpack")]
    assert term_findings("WEBPACK bundles the code.\n") == [("term-spelling", "WEBPACK", "Webpack")]


def test_a_name_with_its_own_capitals_keeps_them_at_a_sentence_start() -> None:
    assert term_findings("IOS users updated. Ios users too.\n") == [
        ("term-spelling", "IOS", "iOS"), ("term-spelling", "Ios", "iOS")]


def test_each_exact_term_of_a_list_points_at_its_own_item() -> None:
    reg = load_register([("house.yaml", "terms:\n  - exact: [WhatsApp,\n            TikTok]\n    why: Brand.\n")])
    assert [(t.use, t.exact, t.origin.line, t.why) for t in reg.terms] == [
        ("WhatsApp", True, 2, "Brand."), ("TikTok", True, 3, "Brand.")]


def test_a_fixed_term_decides_where_a_pattern_overlaps_it() -> None:
    register = ('terms:\n  - use: email\n    instead_of: [e-mail]\n'
                '  - {pattern: "e[- ]?mail(s)?", use: "email$1", ignorecase: true}\n'
                '  - exact: Java\n  - {pattern: "Java[ -]?Script", use: JavaScript, ignorecase: true}\n')
    text = "Send an e-mail, two e-mails and an E mail about Java Script.\n"
    assert term_findings(text, register) == [("term-spelling", "e-mail", "email"),
                                             ("term-spelling", "e-mails", "emails"),
                                             ("term-spelling", "E mail", "email"),
                                             ("term-spelling", "Java Script", "JavaScript")]


def test_the_literal_prefilter_never_changes_what_patterns_find() -> None:
    from factlint.termindex import PatternTerm, required_literals

    assert required_literals("E[ -]?PUB") == {"PUB"}
    assert required_literals("bug[- ]fix(es)?") == {"bug"}
    assert required_literals("colou?r|hue") == {"colo", "hue"}
    assert required_literals("(a+)+$") is None
    reg = load_register([("p.yaml", PATTERNS)])
    text = ("Bug-fixes and a BUG FIX; Covid-19 and the Internet; lock-downs, lockdowns.\n" * 3)
    index = TermIndex(reg.terms)
    with_filter = [(m.start, m.end, m.replacement) for m in index.scan_patterns(text)[0]]
    for p in index.patterns:
        assert isinstance(p, PatternTerm)
        p.keys = None
    assert [(m.start, m.end, m.replacement) for m in index.scan_patterns(text)[0]] == with_filter
    assert len(with_filter) == 15


def test_replacement_references() -> None:
    import regex

    from factlint.termindex import expand

    m = regex.match(r"(?P<w>co)-?(op)(s)?", "co-op")
    assert expand("$1$2$3!", m) == "coop!"
    assert expand(r"\1\2 $<w> \g<w> $& $$", m) == "coop co co co-op $"
    assert expand("$12", m) == "co2"  # one group too few: $1 then "2", as JavaScript reads it


def test_fixes_of_pattern_and_exact_terms_apply_cleanly() -> None:
    from factlint.fixes import apply_edits

    text = "Bug-fixes for Whatsapp and the Internet arrived.\n"
    found = lint(text, PATTERNS, rules=TERM_RULES)
    assert apply_edits(text, [e for f in found for e in f.fix])[0] == (
        "Bugfixes for WhatsApp and the internet arrived.\n")
