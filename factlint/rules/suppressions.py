"""``suppression-unused``: a directive that silences nothing.

The engine applies suppressions after all rules ran, so this rule's findings
are produced there; the class holds its documentation and examples.
"""

from __future__ import annotations

from typing import Iterable

from factlint.document import Document
from factlint.findings import Hit, Severity
from factlint.rules.base import Context, Rule, register
from factlint.rules.terminology import TERMS_EXAMPLE_REGISTER


@register
class SuppressionUnused(Rule):
    id = "suppression-unused"
    severity = Severity.WARNING
    summary = "A factlint-disable directive that suppresses nothing."
    description = (
        "Directives: `<!-- factlint-disable RULE[,RULE] -->` ... `<!-- factlint-enable -->`, "
        "`<!-- factlint-disable-next-line RULE -->`, `<!-- factlint-disable-file -->` (in plain "
        "text, the same words on a line of their own). One that silences no finding, or names a "
        "rule that does not exist, is reported so stale directives do not hide future problems."
    )
    example_register = TERMS_EXAMPLE_REGISTER
    examples_flag = (
        "<!-- factlint-disable-next-line term-spelling -->\nThis line is spelt correctly.\n",
        "<!-- factlint-disable no-such-rule -->\nHuggingFace hosts it.\n<!-- factlint-enable -->\n",
    )
    examples_pass = (
        "<!-- factlint-disable-next-line term-spelling -->\nThe weights are on HuggingFace.\n",
        "<!-- factlint-disable term-spelling -->\nHuggingFace hosts it.\n<!-- factlint-enable -->\n",
        "Text with `<!-- factlint-disable -->` in code is not a directive.\n",
    )

    def check(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        return ()
