"""Every rule's own examples, as yamllint and proselint do: its docs cannot drift from its behaviour."""

from __future__ import annotations

import pytest

from conftest import make_linter
from factlint.rules import all_rules

RULES = all_rules()
CASES = [(rule_id, kind, i, example)
         for rule_id, cls in RULES.items()
         for kind, examples in (("flag", cls.examples_flag), ("pass", cls.examples_pass))
         for i, example in enumerate(examples)]


def _findings(rule_id: str, example: str):
    cls = RULES[rule_id]
    # All default rules run too, so suppression examples have something to suppress.
    ids = {r for r, c in RULES.items() if c.default_enabled} | {rule_id}
    linter = make_linter(cls.example_register, ids)
    return [f for f in linter.lint_text("example.md", example) if f.rule == rule_id]


@pytest.mark.parametrize("rule_id,kind,index,example", CASES,
                         ids=[f"{r}-{k}-{i}" for r, k, i, _ in CASES])
def test_example(rule_id: str, kind: str, index: int, example: str) -> None:
    found = _findings(rule_id, example)
    if kind == "flag":
        assert found, f"{rule_id} should flag: {example!r}"
    else:
        assert not found, f"{rule_id} should pass {example!r} but said: {[f.message for f in found]}"


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_rule_is_documented(rule_id: str) -> None:
    cls = RULES[rule_id]
    assert cls.summary and cls.description
    assert cls.examples_flag and cls.examples_pass, "each rule needs examples both ways"
    assert cls.id == rule_id and cls.id.islower() and " " not in cls.id
