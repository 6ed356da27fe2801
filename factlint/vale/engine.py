"""A loaded Vale configuration, run over a Document as factlint rules.

:func:`load_setup` reads a ``.vale.ini`` and every rule it switches on; each
rule becomes a factlint :class:`~factlint.rules.base.Rule` subclass whose id
is ``Style.Rule``, so severities, ``--select``, suppression comments, fixes
and every reporter treat it like a built-in rule. All Vale rules of a
document run in one pass over its blocks (:meth:`ValeSetup.hits`, cached on
the document), each pattern under a time limit.
"""

from __future__ import annotations

import gc
import hashlib
import re
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator

from factlint.errors import FactlintError
from factlint.files import display_path
from factlint.findings import Edit, Hit, Severity
from factlint.records import field, record
from factlint.rules.base import Context, Rule
from factlint.vale import patterns
from factlint.vale.ini import ValeConfig, load_ini
from factlint.vale.prefilter import KeyTable, Prefilter, WordIndex
from factlint.vale.rules import Alert, ValeCheck, load_rule, warn
from factlint.vale.view import Block, comment_switches, doc_blocks

if TYPE_CHECKING:
    from factlint.document import Document

LEVEL_SEVERITY = {"suggestion": Severity.INFO, "warning": Severity.WARNING, "error": Severity.ERROR}
LEVEL_RANK = {"suggestion": 1, "warning": 2, "error": 3}


class ValeRule(Rule):
    """Base of the generated rule classes; ``setup`` and ``check_name`` are set per class."""

    setup: "ValeSetup"
    source: str = ""
    vale_level: str = ""
    vale_kind: str = ""
    help_uri: str = ""
    unsupported: bool = False

    def check(self, doc: "Document", ctx: Context) -> Iterable[Hit]:
        return self.setup.hits(doc).get(self.id, ())


@record
class ValeSetup:
    config: ValeConfig
    checks: dict[str, ValeCheck] = field(default_factory=dict)
    rule_classes: dict[str, type[ValeRule]] = field(default_factory=dict)
    # The ids a run has switched on (build_linter sets it); None: all.
    active: set[str] | None = None
    files: list[Path] = field(default_factory=list)
    _table: KeyTable | None = field(default=None, repr=False)

    # What the rule modules read from the setup.
    @property
    def accepted(self) -> list[str]:
        return self.config.accepted

    @property
    def word_template(self) -> str:
        return self.config.word_template

    @property
    def styles_paths(self) -> list[Path]:
        return self.config.styles_paths

    def hits(self, doc: "Document") -> dict[str, list[Hit]]:
        key = ("vale", id(self))
        found = doc.cache.get(key)
        if found is None:
            found = doc.cache[key] = self._run(doc)
        return found

    def _run(self, doc: "Document") -> dict[str, list[Hit]]:
        styles, switches, sections = self.config.for_file(doc.path)
        names = [n for n, c in self.checks.items()
                 if (self.active is None or n in self.active)
                 and LEVEL_RANK[c.level] >= self.config.min_level
                 and self.config.rule_runs(n, styles, switches)
                 and not getattr(self.rule_classes[n], "unsupported", False)]
        out: dict[str, list[Hit]] = {}
        if not names:
            return out
        stars, drop = self._ignores(doc, sections)
        checks = [self.checks[n] for n in names]
        bases = set().union(*(c.scope.base() for c in checks))
        ext = "." + doc.path.rsplit(".", 1)[-1].lower() if "." in doc.path else ""
        blocks = doc_blocks(doc, stars, drop, "sentence" in bases, "paragraph" in bases, ext,
                            self.config.ignored_scopes, self.config.skipped_scopes)
        switches_at = comment_switches(doc)
        # What rules may share within this document (the same spans, the same statistics).
        shared: dict[Any, Any] = {}
        states: dict[str, dict] = {n: {"shared": shared} for n in names}
        if any(c.kind == "metric" for c in checks):
            metrics = _tag_metrics(doc)
            for n in names:
                states[n]["metrics"] = metrics
        # Words do not run across "\n", so a text that repeats (a paragraph's "paragraph" and
        # "text" blocks) adds nothing the second time.
        prefilter = Prefilter.for_doc(doc.text + "\n" + "\n".join(dict.fromkeys(
            b.view.text for b in blocks if not b.scope.startswith(("raw", "summary")))))
        # The doc-wide word filter does not depend on the block: apply it once.
        checks = [c for c in checks if c.prefilter is None or prefilter.may_match(c.prefilter)]
        table = self.key_table()
        indexes: dict[str, WordIndex] = {}
        by_scope: dict[frozenset[str], list[ValeCheck]] = {}
        seen: set[tuple[str, int]] = set()
        counts: dict[str, int] = {}
        failed: set[str] = set()
        for block in blocks:
            parts = block.parts
            text = block.view.text
            # A paragraph's "paragraph" and "text" blocks have the same text: one index for both.
            index = indexes.get(text)
            if index is None:
                index = indexes[text] = _word_index(indexes, block, table)
            scoped = by_scope.get(parts)
            if scoped is None:
                scoped = by_scope[parts] = [c for c in checks if c.scope.matches(parts)]
            disabled = _disabled(switches_at, block.end if block.scope.split(".")[0] not in ("raw", "summary")
                                 else -1) if switches_at else None
            for check in scoped:
                name = check.name
                if name in failed or (disabled is not None and disabled(name)):
                    continue
                if check.dispatch is not None and index.candidates(check.dispatch) == []:
                    continue  # no word of the block starts any of the rule's words
                try:
                    if check.kind in ("existence", "substitution"):
                        alerts = check.run(text, states[name], index)
                    else:
                        alerts = check.run(text, states[name])
                except patterns.PatternTimeout:
                    failed.add(name)
                    out.setdefault(name, []).append(Hit(
                        0, min(1, len(doc.text)),
                        f"{name}: a pattern ran past its {patterns.TIMEOUT:g} s limit on this file, "
                        f"so the rule was stopped here ({display_path(check.path)})",
                        context=f"timeout\0{name}"))
                    continue
                if alerts:
                    self._collect(block, check, alerts, switches_at, seen, counts, out)
        return out

    @staticmethod
    def _collect(block: Block, check: ValeCheck, alerts: list[Alert],
                 switches_at: list[tuple[int, str, bool | None]], seen: set[tuple[str, int]],
                 counts: dict[str, int], out: dict[str, list[Hit]]) -> None:
        """A block's alerts as hits on the draft: one per rule and offset, at most ``limit`` per rule."""
        name = check.name
        raw = block.scope.startswith("raw")
        for alert in alerts:
            if alert.start < 0:
                start, end = 0, 0
            else:
                start, end = block.view.span(alert.start, alert.end)
            if raw and switches_at and _disabled(switches_at, start)(name):
                continue
            if (name, start) in seen:
                continue
            if check.limit and counts.get(name, 0) >= check.limit:
                continue
            seen.add((name, start))
            counts[name] = counts.get(name, 0) + 1
            fix = (Edit(start, end, alert.replacement),) if (
                alert.replacement is not None and end > start and check.action in ("replace", "remove")
            ) else ()
            out.setdefault(name, []).append(Hit(start, end, _whitespace_to_space(alert.message) or name,
                                                fix=fix, link=check.link))

    def key_table(self) -> KeyTable:
        """The word-list rules of all checks by key, built on first use (the checks are fixed by then)."""
        dispatches = [c.dispatch for c in self.checks.values() if c.dispatch is not None]
        if self._table is None or len(self._table.dispatches) != len(dispatches):
            self._table = KeyTable(dispatches)
        return self._table

    def _ignores(self, doc: "Document", sections: list) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
        block_pats = list(self.config.global_block_ignores)
        token_pats = list(self.config.global_token_ignores)
        for sec in sections:
            block_pats += sec.block_ignores
            token_pats += sec.token_ignores
        stars: list[tuple[int, int]] = []
        drop: list[tuple[int, int]] = []
        for pats, target in ((token_pats, stars), (block_pats, drop)):
            for p in pats:
                compiled = patterns.compile_pattern(p)
                try:
                    target.extend(m.span() for m in patterns.finditer(compiled, doc.text) if m.end() > m.start())
                except patterns.PatternTimeout:
                    warn(f"{doc.path}: ignore pattern {p[:60]!r} ran past its time limit; not applied")
        return stars, drop


def _word_index(indexes: dict[str, WordIndex], block: Block, table: KeyTable) -> WordIndex:
    """A block's word index; a sentence's is read from its paragraph's, made here if need be."""
    text = block.view.text
    if block.within is None or block.within == text:
        return WordIndex(text, table)
    parent = indexes.get(block.within)
    if parent is None:
        parent = indexes[block.within] = WordIndex(block.within, table)
    return WordIndex.part_of(parent, block.offset, text)


def _whitespace_to_space(message: str) -> str:
    """As Vale prints messages: line breaks become spaces, runs of spaces one space."""
    if "  " not in message and "\n" not in message and "\r" not in message:
        return message  # nothing to change: most messages, once per alert
    return re.sub(" +", " ", message.replace("\r\n", " ").replace("\n", " ").replace("\r", " "))


def _disabled(switches: list[tuple[int, str, bool | None]], at: int):
    """Which rules Vale's comments have switched off at draft offset ``at`` (-1: at the end)."""
    off = False
    rules: dict[str, bool] = {}
    for offset, name, value in switches:
        if at >= 0 and offset >= at:
            break
        if name == "off":
            off = bool(value)
        else:
            rules[name] = bool(value)

    def disabled(rule: str) -> bool:
        if off:
            return True
        style_rule = ".".join(rule.split(".")[:2])
        return rules.get(style_rule, False)
    return disabled


def _tag_metrics(doc: "Document") -> dict[str, float]:
    counts: dict[str, float] = {}
    for p in doc.paragraphs:
        if p.scope.startswith("heading."):
            key = "heading_" + p.scope.split(".")[1]
            counts[key] = counts.get(key, 0) + 1
        elif p.scope in ("list", "blockquote"):
            counts[p.scope] = counts.get(p.scope, 0) + 1
    counts["pre"] = float(sum(1 for a, b in doc.code if "\n" in doc.text[a:b]))
    return counts


def _find_rule_file(paths: list[Path], name: str) -> Path | None:
    style, _, rule = name.partition(".")
    for base in paths:
        for ext in (".yml", ".yaml"):
            candidate = base / style / (rule + ext)
            if candidate.is_file():
                return candidate
    return None


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off while a setup loads, as during factlint's imports.

    Loading makes objects by the hundred thousand (a Hunspell dictionary, compiled
    patterns) that live as long as the setup, so the full collections their
    allocation sets off (about 0.35 s for the Microsoft and Red Hat styles) find
    nothing. Nothing is frozen: a setup dropped later is still collected.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_setup(path: Path) -> ValeSetup:
    """Read a .vale.ini and the rules it can switch on; errors name the file and line."""
    with _collector_paused():
        return _load_setup(path)


def _load_setup(path: Path) -> ValeSetup:
    config = load_ini(path)
    setup = ValeSetup(config)
    display = display_path(path)
    files: list[tuple[str, Path]] = []
    for style in config.all_styles():
        if style == "Vale":
            continue
        folder = next((p / style for p in config.styles_paths if (p / style).is_dir()), None)
        if folder is None:
            raise FactlintError(f"style {style!r} does not exist on StylesPath "
                                f"({', '.join(str(p) for p in config.styles_paths) or 'not set'})", display)
        for file in sorted(folder.rglob("*.y*ml")):
            if file.suffix in (".yml", ".yaml"):
                files.append((file.parent.name + "." + file.stem, file))
    have = {n for n, _ in files}
    for name in config.named_rules():
        if name in have or name.startswith("Vale."):
            continue
        file = _find_rule_file(config.styles_paths, name)
        if file is None:
            line = config.rule_lines.get(name)
            warn(f"{display}{':' + str(line) if line else ''}: no rule file for {name} on StylesPath; "
                 f"it does not run")
            continue
        files.append((name, file))
        have.add(name)
    for name, file in files:
        if name in setup.checks:
            continue
        check = load_rule(name, file, setup, config.rule_levels.get(name))
        setup.checks[name] = check
        setup.files.append(file)
    _builtin_rules(setup)
    digest = hashlib.blake2b(digest_size=12)
    for file in [path, *setup.files]:
        try:
            digest.update(file.read_bytes())
        except OSError:
            pass
    digest.update("\n".join(config.accepted + ["\0"] + config.rejected).encode("utf-8"))
    for name, check in setup.checks.items():
        setup.rule_classes[name] = _rule_class(setup, check, digest.hexdigest())
        check.prefilter = Prefilter.keys_for(check)
    for name, cls in setup.rule_classes.items():
        if cls.unsupported and _could_run(config, name, setup.checks[name]):
            warn(f"{name} ({display_path(setup.checks[name].path)}): Vale '{cls.vale_kind}' rules are not "
                 f"supported by factlint; this rule does not run")
    return setup


def _could_run(config: ValeConfig, name: str, check: ValeCheck) -> bool:
    if LEVEL_RANK[check.level] < config.min_level:
        return False
    style = name.split(".")[0]
    if config.global_checks.get(name) is False:
        return False
    return (config.global_checks.get(name) or style in config.global_styles
            or any(sec.checks.get(name) or (style in (sec.base_styles or []) and sec.checks.get(name) is not False)
                   for sec in config.sections))


def _builtin_rules(setup: ValeSetup) -> None:
    """Vale's own style: Vale.Terms and Vale.Avoid from the vocabulary, Vale.Repetition."""
    config = setup.config
    wanted = "Vale" in config.all_styles() or any(n.startswith("Vale.") for n in config.named_rules())
    if not wanted:
        return
    from factlint.vale.rules import Existence, Repetition, Substitution

    here = config.path
    if config.accepted:
        swap = {t.lower(): t for t in config.accepted if all(c.isalnum() or c in " -" for c in t)}
        data = {"extends": "substitution", "message": "Use '%s' instead of '%s'.", "ignorecase": True,
                "swap": swap, "vocab": False, "level": config.rule_levels.get("Vale.Terms", "error")}
        setup.checks["Vale.Terms"] = Substitution("Vale.Terms", data, here, config.accepted, setup)
    if config.rejected:
        data = {"extends": "existence", "message": "Avoid using '%s'.", "tokens": list(config.rejected),
                "level": config.rule_levels.get("Vale.Avoid", "error")}
        setup.checks["Vale.Avoid"] = Existence("Vale.Avoid", data, here, config.accepted, setup)
    data = {"extends": "repetition", "message": "'%s' is repeated!", "alpha": True, "tokens": [r"[^\s]+"],
            "level": config.rule_levels.get("Vale.Repetition", "error")}
    setup.checks["Vale.Repetition"] = Repetition("Vale.Repetition", data, here, config.accepted, setup)
    try:
        from factlint.vale.spelling import Spelling, find_default

        if find_default([p / "config" / "dictionaries" for p in config.styles_paths]):
            data = {"extends": "spelling", "message": "Did you really mean '%s'?",
                    "level": config.rule_levels.get("Vale.Spelling", "error")}
            setup.checks["Vale.Spelling"] = Spelling("Vale.Spelling", data, here, config.accepted, setup)
    except ImportError:
        pass


def _rule_class(setup: ValeSetup, check: ValeCheck, digest: str) -> type[ValeRule]:
    source = display_path(check.path)
    unsupported = check.kind in ("sequence", "script")
    summary = " ".join(check.message.replace("%s", "…").split())[:120] or check.name
    description = (f"Vale {check.kind} rule {check.name} from {source} (level {check.level}"
                   f"{', scope ' + ', '.join(check.scope.values) if check.scope.values != ['text'] else ''})."
                   + (f" {check.description}" if check.description else "")
                   + (f" See {check.link}" if check.link else "")
                   + (" factlint does not run this kind of rule." if unsupported else ""))
    attrs: dict[str, Any] = {
        "id": check.name, "severity": LEVEL_SEVERITY[check.level], "summary": summary,
        "description": description, "fixable": check.action == "replace", "setup": setup,
        "source": source, "vale_level": check.level, "vale_kind": check.kind, "help_uri": check.link,
        "unsupported": unsupported,
        "default_enabled": not unsupported and _could_run(setup.config, check.name, check),
        # Part of the cache key: a changed style or vocabulary must not reuse old results.
        "options": {"vale_digest": digest},
    }
    return type("Vale_" + check.name.replace(".", "_"), (ValeRule,), attrs)


def explain_vale(cls: type[ValeRule]) -> str:
    """``factlint explain Style.Rule``: what the rule file says, and where it is."""
    import textwrap

    check = cls.setup.checks[cls.id]
    out = [f"{cls.id} ({cls.severity}; Vale level {cls.vale_level})", "", cls.summary, "",
           textwrap.fill(cls.description, 78), "", f"Rule file: {cls.source}",
           f"Type: {check.kind}" + (" (not supported: factlint does not run it)" if cls.unsupported else ""),
           f"Scope: {', '.join(check.scope.values)}"]
    if check.link:
        out.append(f"Link: {check.link}")
    if check.action:
        out.append(f"Action: {check.action}" + (" (a fix with --fix)" if cls.fixable else ""))
    return "\n".join(out).rstrip() + "\n"


def vale_summary(setup: ValeSetup) -> str:
    return f"{len(setup.checks)} Vale rules from {display_path(setup.config.path)}"


if __name__ == "__main__":  # pragma: no cover
    s = load_setup(Path(sys.argv[1]))
    print(vale_summary(s))
