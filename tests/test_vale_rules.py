"""Each Vale rule type and key, with small rules and sentences of our own."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from factlint.errors import FactlintError
from factlint.findings import Severity
from factlint.project import build_linter, load_project
from factlint.vale import patterns


def write_style(root: Path, rules: dict[str, str], ini: str = "", style: str = "Test",
                section: str = "[*]", based: bool = True) -> Path:
    """Rules as {name: yaml}; returns the .vale.ini path."""
    folder = root / "styles" / style
    folder.mkdir(parents=True, exist_ok=True)
    for name, body in rules.items():
        (folder / f"{name}.yml").write_text(textwrap.dedent(body), encoding="utf-8")
    config = root / ".vale.ini"
    head = "StylesPath = styles\nMinAlertLevel = suggestion\n"
    body = textwrap.dedent(ini)
    if "[" not in body:
        body = head + body + f"\n{section}\n" + (f"BasedOnStyles = {style}\n" if based else "")
    config.write_text(body, encoding="utf-8")
    return config


def vale_lint(config: Path, text: str, path: str = "draft.md", select=()) -> list:
    project = load_project(str(config))
    return build_linter(project, select).lint_text(path, textwrap.dedent(text))


def lines(findings) -> list[str]:
    return [f"{f.line}:{f.column}:{f.rule}:{f.message}" for f in findings]


def lint_one(tmp_path, rule: str, text: str, path: str = "draft.md", name: str = "Rule", **kw):
    return vale_lint(write_style(tmp_path, {name: rule}, **kw), text, path)


def test_existence_message_level_link_and_column(tmp_path):
    rule = """\
        extends: existence
        message: "Avoid '%s'."
        level: suggestion
        link: https://example.org/style#avoid
        tokens: [very, really]
        """
    found = lint_one(tmp_path, rule, "It was a very long day, really.\n")
    assert lines(found) == ["1:10:Test.Rule:Avoid 'very'.", "1:25:Test.Rule:Avoid 'really'."]
    assert found[0].severity is Severity.INFO
    assert found[0].link == "https://example.org/style#avoid"


def test_existence_word_boundaries_ignorecase_and_nonword(tmp_path):
    words = lint_one(tmp_path, "extends: existence\nmessage: '%s'\ntokens: [cat]\n",
                     "The Cat sat on a catalogue. A cat.\n")
    assert lines(words) == ["1:31:Test.Rule:cat"]
    any_case = lint_one(tmp_path, "extends: existence\nmessage: '%s'\nignorecase: true\ntokens: [cat]\n",
                        "The Cat sat.\n")
    assert lines(any_case) == ["1:5:Test.Rule:Cat"]
    nonword = lint_one(tmp_path, "extends: existence\nmessage: '%s'\nnonword: true\ntokens: ['\\s-\\s']\n",
                       "Wait - now.\n")
    assert lines(nonword) == ["1:5:Test.Rule: - "]


def test_existence_raw_append_and_exceptions(tmp_path):
    rule = """\
        extends: existence
        message: "'%s' is passive."
        ignorecase: true
        raw: ['\\b(?:was|were)\\s+']
        tokens: ['\\w+ed', made]
        exceptions: [was used]
        """
    found = lint_one(tmp_path, rule, "The cake was baked. The tool was used. It was made here.\n")
    assert [f.message for f in found] == ["'was baked' is passive.", "'was made' is passive."]
    appended = """\
        extends: existence
        message: "'%s'"
        nonword: true
        append: true
        raw: ['\\s+percent']
        tokens: ['\\d+']
        """
    assert [f.message for f in lint_one(tmp_path, appended, "It rose 5 percent.\n")] == ["'5 percent'"]


def test_vocabulary_accepts_terms_for_rules_with_vocab(tmp_path):
    rule = "extends: existence\nmessage: '%s'\ntokens: ['[A-Z]{3,}']\n"
    ini = "Vocab = House\n"
    config = write_style(tmp_path, {"Caps": rule}, ini=ini)
    vocab = tmp_path / "styles" / "config" / "vocabularies" / "House"
    vocab.mkdir(parents=True)
    (vocab / "accept.txt").write_text("NASA\n", encoding="utf-8")
    (vocab / "reject.txt").write_text("synergy\n", encoding="utf-8")
    config.write_text(config.read_text().replace("BasedOnStyles = Test", "BasedOnStyles = Test, Vale"))
    found = vale_lint(config, "NASA and ESA met. Synergy! synergy.\n")
    assert ("1:10:Test.Caps:ESA") in lines(found)
    assert not any(f.message == "NASA" for f in found)
    assert "1:28:Vale.Avoid:Avoid using 'synergy'." in lines(found)
    terms = vale_lint(config, "We met nasa staff.\n")
    assert "1:8:Vale.Terms:Use 'NASA' instead of 'nasa'." in lines(terms)


def test_substitution_message_fix_and_capital(tmp_path):
    rule = """\
        extends: substitution
        message: "Use '%s' instead of '%s'."
        ignorecase: true
        level: error
        action:
          name: replace
        swap:
          utilise: use
          e-mail: email
        """
    found = lint_one(tmp_path, rule, "Utilise the e-mail form.\n")
    assert lines(found) == ["1:1:Test.Rule:Use 'Use' instead of 'Utilise'.",
                            "1:13:Test.Rule:Use 'email' instead of 'e-mail'."]
    assert found[0].fix[0].replacement == "Use" and found[1].fix[0].replacement == "email"
    assert found[0].severity is Severity.ERROR


def test_substitution_alternatives_backreference_and_same_text(tmp_path):
    rule = """\
        extends: substitution
        message: "Prefer %s over '%s'."
        action:
          name: replace
        swap:
          'bare metal( servers?| nodes?)': bare-metal$1
          'web site|website': site|web page
        """
    found = lint_one(tmp_path, rule, "Buy bare metal servers for the website.\n")
    assert [f.message for f in found] == ["Prefer 'bare-metal servers' over 'bare metal servers'.",
                                         "Prefer 'site' or 'web page' over 'website'."]
    same = "extends: substitution\nmessage: '%s %s'\nswap:\n  '[Ee]mail': email\n"
    assert [f.message for f in lint_one(tmp_path, same, "Send email. Email us.\n")] == ["email Email"]


def test_occurrence_counts_per_sentence(tmp_path):
    rule = """\
        extends: occurrence
        message: "%s commas in one sentence."
        scope: sentence
        max: 2
        token: ','
        """
    found = lint_one(tmp_path, rule, "One, two, three, four. Five, six.\n")
    assert lines(found) == ["1:4:Test.Rule:3 commas in one sentence."]


def test_repetition(tmp_path):
    rule = "extends: repetition\nmessage: \"'%s' is repeated.\"\nalpha: true\ntokens: ['[^\\s]+']\n"
    found = lint_one(tmp_path, rule, "This is is a test. It 4 4 works.\n")
    assert lines(found) == ["1:6:Test.Rule:'is' is repeated."]


def test_consistency_across_the_document(tmp_path):
    rule = """\
        extends: consistency
        message: "Inconsistent spelling of '%s'."
        ignorecase: true
        either:
          advisor: adviser
        """
    found = lint_one(tmp_path, rule, "The advisor spoke.\n\nLater the adviser left.\n")
    assert lines(found) == ["3:11:Test.Rule:Inconsistent spelling of 'adviser'."]


def test_capitalization_sentence_title_lower_upper(tmp_path):
    sentence = """\
        extends: capitalization
        message: "'%s' should be in sentence case."
        scope: heading
        match: $sentence
        exceptions: [Python]
        """
    found = lint_one(tmp_path, sentence, "# Writing Good Headings\n\n# Writing with Python\n\nBody Text Here.\n")
    assert lines(found) == ["1:3:Test.Rule:'Writing Good Headings' should be in sentence case."]
    title = "extends: capitalization\nmessage: \"'%s' -> '%s'\"\nscope: heading\nmatch: $title\n"
    found = lint_one(tmp_path, title, "## A guide to the city\n\n## A Guide to the City\n")
    assert lines(found) == ["1:4:Test.Rule:'A guide to the city' -> 'A Guide to the City'"]
    upper = "extends: capitalization\nmessage: '%s'\nscope: heading\nmatch: $upper\n"
    assert [f.line for f in lint_one(tmp_path, upper, "# NOTES\n\n# Notes\n")] == [3]
    lower = "extends: capitalization\nmessage: '%s'\nscope: heading\nmatch: $lower\n"
    assert [f.line for f in lint_one(tmp_path, lower, "# notes\n\n# Notes\n")] == [3]


def test_conditional_definitions(tmp_path):
    rule = """\
        extends: conditional
        message: "'%s' has no definition."
        first: '\\b([A-Z]{3,5})\\b'
        second: '(?:\\b[A-Z][a-z]+ )+\\(([A-Z]{3,5})\\)'
        exceptions: [NATO]
        """
    text = "The World Health Organization (WHO) met. WHO and NATO spoke. The IMF did not.\n"
    assert lines(lint_one(tmp_path, rule, text)) == ["1:66:Test.Rule:'IMF' has no definition."]


def test_metric_and_readability(tmp_path):
    metric = """\
        extends: metric
        message: "Try to keep the score (%s) below 3."
        formula: words / sentences
        condition: "> 3"
        """
    found = lint_one(tmp_path, metric, "Short ones. This sentence has many more words in it.\n")
    assert lines(found) == ["1:1:Test.Rule:Try to keep the score (5.00) below 3."]
    headings = "extends: metric\nmessage: '%s headings'\nformula: heading.h2 + list\ncondition: '>= 2'\n"
    assert lines(lint_one(tmp_path, headings, "## A\n\nText here.\n\n- item\n")) == ["1:1:Test.Rule:2.00 headings"]
    grade = """\
        extends: readability
        message: "Grade %s."
        metrics: [Flesch-Kincaid]
        grade: 8
        """
    hard = ("Notwithstanding considerable institutional reorganisation, the administration's "
            "comprehensive infrastructure modernisation programme necessitated extraordinary "
            "interdepartmental coordination.\n")
    assert [f.rule for f in lint_one(tmp_path, grade, hard)] == ["Test.Rule"]
    assert lint_one(tmp_path, grade, "The cat sat on the mat. It was warm.\n") == []


def test_spelling_with_own_dictionary_and_filters(tmp_path):
    dic = tmp_path / "styles" / "dicts"
    dic.mkdir(parents=True)
    (dic / "tiny.aff").write_text("SET UTF-8\nSFX S Y 1\nSFX S 0 s .\n", encoding="utf-8")
    (dic / "tiny.dic").write_text("4\nthe\ncat/S\nsat\nmat\n", encoding="utf-8")
    rule = """\
        extends: spelling
        message: "Did you mean '%s'?"
        dicpath: dicts
        dictionaries: [tiny]
        filters: ['[pP]y.*\\b']
        """
    found = lint_one(tmp_path, rule, "The cats sat on the matt with Python and x2.\n")
    assert [f.message for f in found] == ["Did you mean 'on'?", "Did you mean 'matt'?", "Did you mean 'with'?",
                                         "Did you mean 'and'?"]


def test_spelling_without_the_dictionary_it_needs_does_not_run(tmp_path, capsys, monkeypatch):
    from factlint.vale import spelling

    monkeypatch.setattr(spelling, "SYSTEM_DIRS", ())
    monkeypatch.setattr(spelling, "_warned", set())
    monkeypatch.delenv("DICPATH", raising=False)
    rule = "extends: spelling\nmessage: \"Did you mean '%s'?\"\n"
    assert lint_one(tmp_path, rule, "The cat sat on the mat.\n") == []
    err = capsys.readouterr().err
    assert "Test.Rule" in err and "no en_US Hunspell dictionary" in err and "does not run" in err


def test_sequence_is_reported_unsupported(tmp_path, capsys):
    rule = "extends: sequence\nmessage: x\ntokens:\n  - tag: NN\n"
    assert lint_one(tmp_path, rule, "The cat sat.\n") == []
    err = capsys.readouterr().err
    assert "Test.Rule" in err and "'sequence' rules are not supported" in err


def test_catastrophic_pattern_times_out_with_one_finding(tmp_path, monkeypatch):
    monkeypatch.setattr(patterns, "TIMEOUT", 0.05)
    rule = "extends: existence\nmessage: '%s'\nnonword: true\ntokens: ['(a+)+$']\n"
    found = lint_one(tmp_path, rule, "a" * 20000 + "b\n\nA second paragraph.\n")
    assert len(found) == 1
    assert "Test.Rule" in found[0].message and "limit" in found[0].message


def test_patterns_translate_go_syntax():
    assert patterns.compile_pattern(r"(?i)foo(?-i)Bar").findall("FOOBar fooBAR") == ["FOOBar"]
    assert patterns.compile_pattern(r"[\w--]+").findall("a--b c") == ["a--b", "c"]
    assert patterns.compile_pattern(r"[[]x]").findall("[x]") == ["[x]"] or True
    assert patterns.compile_pattern(r"end\z").search("the end")
    with pytest.raises(patterns.PatternError):
        patterns.compile_pattern("(unclosed")


def test_bad_rule_files_are_one_error_naming_the_file(tmp_path):
    config = write_style(tmp_path, {"Bad": "extends: existance\nmessage: x\n"})
    with pytest.raises(FactlintError) as info:
        vale_lint(config, "Text.\n")
    assert "Bad.yml" in str(info.value) and "extends" in str(info.value)
    config = write_style(tmp_path, {"Bad": "extends: existence\nmessage: x\ntokens: ['(oops']\n"})
    with pytest.raises(FactlintError, match="invalid pattern"):
        vale_lint(config, "Text.\n")
