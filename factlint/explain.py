"""``factlint explain RULE``: a rule's documentation and examples as text.

Its own module because the CLI and the language server's hover both show it.
"""

from __future__ import annotations

import textwrap

from factlint.errors import FactlintError
from factlint.rules import all_rules


def explain_text(rule_id: str) -> str:
    rules = all_rules()
    if rule_id not in rules:
        raise FactlintError(f"unknown rule {rule_id!r} (see 'factlint rules')")
    cls = rules[rule_id]
    out = [f"{cls.id} ({cls.severity}{'' if cls.default_enabled else ', off by default'})", "",
           cls.summary, ""]
    if cls.description:
        for paragraph in cls.description.split("\n\n"):  # wrap each, keep the breaks
            out += [textwrap.fill(paragraph, 78), ""]
    if cls.options:
        out.append("Options (under rules: in the config):")
        out += [f"  {k}: {v!r}" for k, v in cls.options.items()]
        out.append("")
    for title, examples in (("Flagged:", cls.examples_flag), ("Not flagged:", cls.examples_pass)):
        if examples:
            out.append(title)
            for example in examples:
                lines = example.rstrip("\n").splitlines()
                out.append("  - " + lines[0])
                out += ["    " + line for line in lines[1:]]
            out.append("")
    if cls.example_register:
        out.append("The examples use this register:")
        out += ["    " + line for line in cls.example_register.rstrip().splitlines()]
    return "\n".join(out).rstrip() + "\n"
