"""SARIF 2.1.0, the format GitHub code scanning (and most SARIF viewers) ingest.

Code scanning shows a rule's ``help``, not its ``helpUri``, so each rule
carries its description and examples in both text and Markdown. Columns are
Unicode code points, and the run says so with ``columnKind``: a viewer that
assumed UTF-16 would otherwise shift every span after an astral character.

GitHub keeps 5,000 results per run and drops the rest silently, so the most
severe are emitted first and a truncated run says so in a tool notification
and in its properties.

This module also holds the two location helpers the other CI formats share
(``relative_path`` and ``line_edits``); they live here because SARIF needs
both and every other CI format needs one of them.
"""

from __future__ import annotations

import json
import os
import re
from typing import TYPE_CHECKING, Any, Iterable, Mapping
from urllib.parse import quote

import factlint
from factlint.findings import Finding, Severity
from factlint.reporters.base import Report
from factlint.reporters.locations import line_edits, relative_path

if TYPE_CHECKING:
    from factlint.rules.base import Rule

SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
# GitHub code scanning keeps this many results per run.
MAX_RESULTS = 5000
SRCROOT = "%SRCROOT%"

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def render(report: Report) -> str:
    """The SARIF log of ``report`` as indented JSON (ASCII only, so any encoding reads it)."""
    return json.dumps(sarif_log(report), indent=2) + "\n"


def sarif_log(report: Report) -> dict[str, Any]:
    """The SARIF log as a dict, for callers (and tests) that want to inspect it."""
    findings = sorted(report.findings, key=lambda f: (-f.severity, f.sort_key()))
    shown = findings[:MAX_RESULTS]
    rules = _rule_descriptors(report.rules, (f.rule for f in shown))
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    driver: dict[str, Any] = {"name": "factlint", "version": factlint.__version__}
    url = getattr(factlint, "__url__", None)
    if url:
        driver["informationUri"] = url
    driver["rules"] = rules
    run: dict[str, Any] = {
        "tool": {"driver": driver},
        "columnKind": "unicodeCodePoints",
        "results": [_result(f, index[f.rule]) for f in shown],
    }
    if len(findings) > len(shown):
        run.update(_truncation(len(findings), len(shown)))
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def _truncation(total: int, shown: int) -> dict[str, Any]:
    """Say in two places that results were dropped: viewers show one or the other."""
    text = (
        f"factlint found {total} problems but reports only the {shown} most severe: "
        f"GitHub code scanning keeps {MAX_RESULTS} results per run."
    )
    return {
        "invocations": [{
            "executionSuccessful": True,
            "toolExecutionNotifications": [{"level": "warning", "message": {"text": text}}],
        }],
        "properties": {"truncated": True, "totalResults": total, "shownResults": shown},
    }


# -- rules -------------------------------------------------------------------


def _rule_descriptors(rules: Mapping[str, "type[Rule]"],
                      used: Iterable[str]) -> list[dict[str, Any]]:
    """Every rule that ran, plus a bare entry for any id a finding uses but no rule declares.

    Every result needs a ``ruleIndex`` into this list, and a finding can come
    from outside the rule registry (an unused-suppression report, say).
    """
    descriptors = {rule_id: _rule_descriptor(rule_id, rule) for rule_id, rule in rules.items()}
    for rule_id in used:
        if rule_id not in descriptors:
            descriptors[rule_id] = {"id": rule_id, "name": rule_id,
                                    "shortDescription": {"text": rule_id}}
    return [descriptors[rule_id] for rule_id in sorted(descriptors)]


def _rule_descriptor(rule_id: str, rule: "type[Rule]") -> dict[str, Any]:
    summary = getattr(rule, "summary", "") or rule_id
    description = getattr(rule, "description", "") or summary
    flag = tuple(getattr(rule, "examples_flag", ()))
    passing = tuple(getattr(rule, "examples_pass", ()))
    descriptor: dict[str, Any] = {
        "id": rule_id,
        "name": rule_id,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": description},
        "help": {"text": _help_text(description, flag, passing),
                 "markdown": _help_markdown(description, flag, passing)},
    }
    help_uri = getattr(rule, "help_uri", "")
    if help_uri:
        descriptor["helpUri"] = help_uri
    severity = getattr(rule, "severity", None)
    if severity in LEVELS:
        descriptor["defaultConfiguration"] = {"level": LEVELS[severity]}
    return descriptor


def _help_text(description: str, flag: tuple[str, ...], passing: tuple[str, ...]) -> str:
    parts = [description]
    for title, examples in (("Flagged:", flag), ("Not flagged:", passing)):
        if examples:
            indented = ("\n".join("    " + line for line in ex.splitlines()) for ex in examples)
            parts.append(title + "\n" + "\n\n".join(indented))
    return "\n\n".join(parts)


def _help_markdown(description: str, flag: tuple[str, ...], passing: tuple[str, ...]) -> str:
    parts = [description]
    for title, examples in (("Flagged", flag), ("Not flagged", passing)):
        if examples:
            parts.append(f"**{title}**")
            parts.extend(_fenced(ex) for ex in examples)
    return "\n\n".join(parts)


def _fenced(example: str) -> str:
    """A code block no backtick run inside the example can close early."""
    longest = max((len(run) for run in re.findall(r"`+", example)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}markdown\n{example.rstrip()}\n{fence}"


# -- results -----------------------------------------------------------------


def _result(finding: Finding, rule_index: int) -> dict[str, Any]:
    location = artifact_location(finding.path)
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [{"physicalLocation": {
            "artifactLocation": location,
            "region": {
                "startLine": max(1, finding.line),
                "startColumn": max(1, finding.column),
                "endLine": max(1, finding.end_line),
                "endColumn": max(1, finding.end_column),
            },
        }}],
    }
    if finding.fingerprint:
        result["partialFingerprints"] = {"primaryLocationLineHash": finding.fingerprint}
    fix = _fix(finding, location)
    if fix:
        result["fixes"] = [fix]
    return result


def _fix(finding: Finding, location: dict[str, str]) -> dict[str, Any] | None:
    """The finding's edits as a SARIF fix, or None when they cannot be placed exactly."""
    edits = line_edits(finding)
    if not edits:
        return None
    replacements = [{
        "deletedRegion": {"startLine": finding.line, "startColumn": start,
                          "endLine": finding.line, "endColumn": end},
        "insertedContent": {"text": text},
    } for start, end, text in edits]
    if len(edits) == 1:
        start, end, text = edits[0]
        old = finding.source_line[start - 1:end - 1]
        description = f"Replace {old!r} with {text!r}" if old else f"Insert {text!r}"
    else:
        description = f"Apply {len(edits)} edits"
    return {"description": {"text": description},
            "artifactChanges": [{"artifactLocation": location, "replacements": replacements}]}


def artifact_location(path: str) -> dict[str, str]:
    """A SARIF artifactLocation: a percent-encoded URI reference under %SRCROOT%.

    Spaces, ``#``, ``%``, ``:`` and non-ASCII characters in file names are
    percent-encoded (as UTF-8) so the reference parses as the same path; a file
    outside the current directory gets an absolute ``file:`` URI instead.
    """
    rel = relative_path(path)
    # A name that is not UTF-8 arrives surrogate-escaped: encode its original bytes.
    raw = os.fsencode(rel)
    if os.path.isabs(rel):
        return {"uri": "file://" + quote(raw, safe="/")}
    return {"uri": quote(raw, safe="/"), "uriBaseId": SRCROOT}
