"""The input every reporter gets: the findings of one run and what produced them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Mapping, Sequence

from factlint.findings import Finding, Severity
from factlint.records import field, record

if TYPE_CHECKING:
    from factlint.rules.base import Rule


@record(frozen=True)
class Report:
    """Findings sorted by path and position, plus run facts some formats need."""

    findings: Sequence[Finding]
    # Every rule that ran, by id, for formats that describe rules (SARIF).
    rules: dict[str, "type[Rule]"] = field(default_factory=dict)
    files_checked: int = 0
    # Whether the text reporter may use ANSI colour.
    color: bool = False
    # Each checked draft's decoded text by path, for formats that show drafts in
    # place (a module with ``NEEDS_TEXTS = True``); empty for the others.
    texts: Mapping[str, str] = field(default_factory=dict)
    # One line per path or draft that could not be checked (missing, not UTF-8, ...).
    errors: Sequence[str] = ()
    # The options each rule ran with (its defaults overlaid by the config), by id.
    options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity == severity)
