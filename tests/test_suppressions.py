"""Inline directives in Markdown comments and plain-text lines."""

from __future__ import annotations

from conftest import lint

TERMS = "terms:\n  - use: Hugging Face\n    instead_of: [HuggingFace]\n"
RULES = ["term-spelling", "suppression-unused"]


def rules_at(text: str, path: str = "draft.md") -> list[tuple[str, int]]:
    return [(f.rule, f.line) for f in lint(text, TERMS, RULES, path)]


def test_disable_next_line_skips_blank_lines() -> None:
    text = "<!-- factlint-disable-next-line term-spelling -->\n\nHuggingFace.\nHuggingFace.\n"
    assert rules_at(text) == [("term-spelling", 4)]


def test_disable_and_enable_a_range() -> None:
    text = ("HuggingFace.\n\n<!-- factlint-disable term-spelling -->\n\nHuggingFace.\n\n"
            "<!-- factlint-enable -->\n\nHuggingFace.\n")
    assert rules_at(text) == [("term-spelling", 1), ("term-spelling", 9)]


def test_disable_without_rules_disables_all() -> None:
    assert rules_at("<!-- factlint-disable -->\nHuggingFace.\n") == []


def test_disable_file() -> None:
    assert rules_at("HuggingFace.\n\n<!-- factlint-disable-file -->\n") == []


def test_unused_and_unknown_directives_are_reported() -> None:
    text = ("<!-- factlint-disable-next-line term-spelling -->\nAll fine.\n\n"
            "<!-- factlint-disable-next-line no-such-rule -->\nHuggingFace.\n")
    found = lint(text, TERMS, RULES)
    assert [(f.rule, f.line) for f in found] == [
        ("suppression-unused", 1), ("suppression-unused", 4), ("term-spelling", 5)]
    assert "suppresses nothing" in found[0].message
    assert "unknown rule 'no-such-rule'" in found[1].message


def test_directive_in_code_is_not_a_directive() -> None:
    text = "```\n<!-- factlint-disable-file -->\n```\n\nHuggingFace.\n"
    assert rules_at(text) == [("term-spelling", 5)]


def test_plain_text_directives_are_lines_of_their_own() -> None:
    text = "factlint-disable-next-line term-spelling\nHuggingFace.\nHuggingFace.\n"
    assert rules_at(text, "draft.txt") == [("term-spelling", 3)]


def test_directive_for_a_rule_that_is_not_running_is_not_unused() -> None:
    text = "<!-- factlint-disable-next-line stat-unattributed -->\nAll fine.\n"
    assert rules_at(text) == []


def test_plain_text_directives_work_with_crlf_line_endings() -> None:
    text = "factlint-disable-next-line term-spelling\r\nHuggingFace.\r\nHuggingFace.\r\n"
    assert rules_at(text, "draft.txt") == [("term-spelling", 3)]
