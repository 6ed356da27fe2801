"""The register: sourced facts and house terminology, kept by the standards desk.

Loaded once per run and validated strictly: a fact without a source, a
dangling source id or a value that does not parse would make every later
finding about it wrong, so each is an error pointing at its YAML line.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from functools import cached_property
from pathlib import Path
from typing import Any, Iterable, Sequence

from factlint.analyses.patterns import literal_trie
from factlint.errors import FactlintError
from factlint.records import field, record
from factlint.yamlpos import MarkedDict, MarkedList, load_file, load_text
from factlint import regexstore

SOURCE_KEYS = {"publisher", "date", "author", "title", "url", "cite_as", "note"}
FACT_KEYS = {"id", "claim", "about", "value", "values", "source", "tolerance",
             "valid_until", "superseded_by", "note"}
VALUE_KEYS = {"value", "when", "note"}
TERM_KEYS = {"use", "instead_of", "why", "near", "not_before", "not_after", "rule", "consistent",
             "in_quotes"}
PATTERN_TERM_KEYS = {"pattern", "use", "ignorecase", "why", "near", "not_before", "not_after", "rule",
                     "in_quotes"}
EXACT_TERM_KEYS = {"exact", "why", "in_quotes"}
TOP_KEYS = {"sources", "facts", "terms", "description"}
TERM_RULES = ("prefer", "spelling", "consistency")


@record(frozen=True)
class Origin:
    """Where a register entry was written, for messages that point at it."""

    path: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@record(frozen=True)
class Source:
    id: str
    publisher: str
    date: str
    author: str | None = None
    title: str | None = None
    url: str | None = None
    cite_as: tuple[str, ...] = ()

    def citation(self) -> str:
        """How messages name the source: 'The Wire China (2026-06-21)'."""
        return f"{self.publisher} ({self.date})"


@record(frozen=True)
class FactValue:
    raw: str
    when: str | None
    quantity: Any  # factlint.quantities.Quantity


@record(frozen=True)
class Fact:
    id: str
    claim: str
    about: tuple[tuple[str, ...], ...]
    values: tuple[FactValue, ...]
    source: Source
    origin: Origin
    tolerance: float = 0.0
    valid_until: str | None = None
    superseded_by: str | None = None

    @cached_property
    def _about_patterns(self) -> tuple[re.Pattern[str], ...]:
        return tuple(
            re.compile(r"(?<!\w)(?:" + "|".join(re.escape(a) for a in group) + r")(?!\w)", re.I)
            for group in self.about
        )

    def is_about(self, sentence: str) -> bool:
        """True when every ``about`` group has a match in the sentence."""
        return all(p.search(sentence) for p in self._about_patterns)


@record(frozen=True)
class Term:
    """One terminology entry; ``rule`` says which term rule enforces it."""

    rule: str
    use: str
    instead_of: tuple[str, ...]
    origin: Origin
    why: str = ""
    near: tuple[str, ...] = ()
    not_before: tuple[str, ...] = ()
    not_after: tuple[str, ...] = ()
    # Terms are not enforced inside a speaker's quoted words unless the entry opts in.
    in_quotes: bool = False
    # A pattern term: ``pattern`` (a regular expression, run with ``regex`` under a time
    # limit) is replaced by ``use``, which may name its groups ($1, \1). ``rule`` is
    # "prefer" or "spelling" when the entry says so, else "pattern": each match is then a
    # spelling finding when it and its replacement are the same letters, else a prefer one.
    pattern: str = ""
    ignorecase: bool = False
    # An exact-casing term (``exact: JavaScript``): every other casing of ``use`` is flagged.
    exact: bool = False


_WORD = regexstore.compile(r"\w+")


class AboutIndex:
    """Facts keyed by the first word of each term of their first ``about`` group.

    A fact can only be about a sentence whose words include one of those, so
    each sentence is tested against a handful of facts, not the whole register.
    ``Fact.is_about`` then decides, so the answer is the register's own.
    """

    def __init__(self, facts: Sequence[Fact]) -> None:
        self.by_word: dict[str, list[Fact]] = {}
        self.always: list[Fact] = []
        for fact in facts:
            firsts = [_WORD.search(term) for term in fact.about[0]]
            if not all(firsts):
                self.always.append(fact)  # a term with no word in it: test every sentence
            for w in {m.group().lower() for m in firsts if m}:
                self.by_word.setdefault(w, []).append(fact)
        # The key words as one pattern, so a sentence's other words are never looked at in
        # Python. A key that is not one whole word (lower() makes "İ" two code points) can
        # never be one of a sentence's words and is left out.
        keys = [w for w in self.by_word if _WORD.fullmatch(w)]
        self._key_words = re.compile(rf"\b(?:{literal_trie(keys)})\b") if keys else None
        # The same words anywhere, as a gate: a pattern that opens with "\b" is tried at every
        # character, one that opens with a letter only where the letter is, and most
        # sentences hold none of the words.
        self._key_gate = re.compile(f"(?:{literal_trie(keys)})") if keys else None

    def facts_about(self, sentence: str) -> list[Fact]:
        seen: dict[str, Fact] = {f.id: f for f in self.always} if self.always else {}
        if self._key_words is not None and self._key_gate is not None:
            lowered = sentence.lower()
            if self._key_gate.search(lowered):
                for m in self._key_words.finditer(lowered):
                    for f in self.by_word[m.group()]:
                        seen.setdefault(f.id, f)
        if not seen:
            return []
        return [f for f in seen.values() if f.is_about(sentence)]


@record
class Register:
    sources: dict[str, Source] = field(default_factory=dict)
    facts: list[Fact] = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)

    def facts_about(self, sentence: str) -> list[Fact]:
        """The facts a sentence is about, looked up by word: 10 or 10,000 facts cost alike."""
        return self.about_index.facts_about(sentence)

    @cached_property
    def about_index(self) -> "AboutIndex":
        return AboutIndex(self.facts)

    @cached_property
    def facts_by_id(self) -> dict[str, Fact]:
        return {f.id: f for f in self.facts}

    @cached_property
    def cite_names(self) -> tuple[str, ...]:
        """Every name that counts as citing some registered source."""
        return tuple(sorted({n for s in self.sources.values() for n in s.cite_as}))



class _Loader:
    """Validates one YAML file into a Register under construction."""

    def __init__(self, register: Register, display: str) -> None:
        self.register = register
        self.display = display
        self._fact_ids: dict[str, Origin] = {}
        self._pending_supersede: list[tuple[str, Origin]] = []

    def error(self, message: str, node: Any = None, key: Any = None) -> FactlintError:
        line, col = node.where(key) if isinstance(node, (MarkedDict, MarkedList)) else (None, None)
        return FactlintError(message, self.display, line, col)

    def origin(self, node: Any, key: Any = None) -> Origin:
        line, col = node.where(key) if isinstance(node, (MarkedDict, MarkedList)) else (1, 1)
        return Origin(self.display, line, col)

    def mapping(self, node: Any, what: str, parent: Any = None, key: Any = None) -> MarkedDict:
        if not isinstance(node, MarkedDict):
            raise self.error(f"{what} must be a mapping", parent, key)
        return node

    def check_keys(self, node: MarkedDict, allowed: set[str], what: str) -> None:
        for key in node:
            if key not in allowed:
                raise self.error(f"unknown key {key!r} in {what} (allowed: {', '.join(sorted(allowed))})",
                                 node, key)

    def text(self, node: MarkedDict, key: str, what: str, required: bool = True) -> str | None:
        value = node.get(key)
        if value is None:
            if required:
                raise self.error(f"{what} needs {key!r}", node)
            return None
        if isinstance(value, (MarkedDict, MarkedList)) or not str(value).strip():
            raise self.error(f"{key!r} of {what} must be a non-empty text", node, key)
        return str(value)

    def strings(self, node: MarkedDict, key: str, what: str) -> tuple[str, ...]:
        value = node.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            return (value,)
        if not isinstance(value, MarkedList) or not all(isinstance(v, (str, int, float)) for v in value):
            raise self.error(f"{key!r} of {what} must be a text or a list of texts", node, key)
        return tuple(str(v) for v in value)

    def date(self, node: MarkedDict, key: str, what: str, required: bool) -> str | None:
        value = self.text(node, key, what, required)
        if value is None:
            return None
        if not _is_date(value):
            raise self.error(f"{key!r} of {what} must be a date (YYYY-MM-DD, YYYY-MM or YYYY), "
                             f"not {value!r}", node, key)
        return value

    def load(self, data: Any) -> None:
        if data is None:
            return
        if not isinstance(data, MarkedDict):
            raise FactlintError("a register must be a mapping with sources, facts and/or terms",
                                self.display, 1, 1)
        self.check_keys(data, TOP_KEYS, "the register")
        sources = data.get("sources") or MarkedDict()
        for sid in self.mapping(sources, "'sources'", data, "sources"):
            self.load_source(sid, sources)
        facts = data.get("facts") or MarkedList()
        if not isinstance(facts, MarkedList):
            raise self.error("'facts' must be a list", data, "facts")
        for i, node in enumerate(facts):
            self.load_fact(self.mapping(node, "a fact", facts, i))
        terms = data.get("terms") or MarkedList()
        if not isinstance(terms, MarkedList):
            raise self.error("'terms' must be a list", data, "terms")
        for i, node in enumerate(terms):
            self.load_term(self.mapping(node, "a term", terms, i))

    def load_source(self, sid: Any, sources: MarkedDict) -> None:
        what = f"source {sid!r}"
        if sid in self.register.sources:
            raise self.error(f"source id {sid!r} is defined twice", sources, sid)
        node = self.mapping(sources[sid], what, sources, sid)
        self.check_keys(node, SOURCE_KEYS, what)
        publisher = self.text(node, "publisher", what)
        cite_as = self.strings(node, "cite_as", what) or (publisher,)
        author = self.text(node, "author", what, required=False)
        self.register.sources[str(sid)] = Source(
            id=str(sid), publisher=publisher, date=self.date(node, "date", what, required=True),
            author=author, title=self.text(node, "title", what, required=False),
            url=self.text(node, "url", what, required=False), cite_as=cite_as,
        )

    def load_fact(self, node: MarkedDict) -> None:
        from factlint.quantities import parse_value  # only registers with facts need it

        fid = self.text(node, "id", "a fact")
        what = f"fact {fid!r}"
        self.check_keys(node, FACT_KEYS, what)
        if fid in self._fact_ids:
            raise self.error(f"fact id {fid!r} is already used at {self._fact_ids[fid]}", node, "id")
        self._fact_ids[fid] = self.origin(node, "id")
        sid = self.text(node, "source", what)
        if sid not in self.register.sources:
            known = ", ".join(sorted(self.register.sources)) or "none defined"
            raise self.error(f"{what} names source {sid!r} which is not defined (sources: {known})",
                             node, "source")
        about = self.about(node, what)
        values = []
        raw_values = node.get("values")
        if raw_values is None and "value" in node:
            raw_values = MarkedList([MarkedDict(value=node["value"])])
            raw_values.mark, raw_values.item_marks = node.where("value"), [node.where("value")]
            raw_values[0].mark, raw_values[0].key_marks = node.where("value"), {"value": node.where("value")}
        if raw_values is None:
            raw_values = MarkedList()  # a fact with no figure: cited, never mismatched
        if not isinstance(raw_values, MarkedList):
            raise self.error(f"'values' of {what} must be a list of {{value, when}}", node, "values")
        for i, item in enumerate(raw_values):
            if isinstance(item, (str, int, float)):
                item = MarkedDict(value=item)
                item.mark = raw_values.where(i)
                item.key_marks = {"value": raw_values.where(i)}
            item = self.mapping(item, f"a value of {what}", raw_values, i)
            self.check_keys(item, VALUE_KEYS, f"a value of {what}")
            raw = self.text(item, "value", f"a value of {what}")
            try:
                quantity = parse_value(raw)
            except ValueError as exc:
                raise self.error(f"value {raw!r} of {what} does not parse: {exc}", item, "value") from None
            when = self.text(item, "when", f"a value of {what}", required=False)
            if when is not None and not _is_date(when):
                raise self.error(f"'when' of {what} must be a date (YYYY-MM-DD, YYYY-MM or YYYY), "
                                 f"not {when!r}", item, "when")
            values.append(FactValue(raw, when, quantity))
        tolerance = node.get("tolerance", 0)
        if isinstance(tolerance, bool) or not isinstance(tolerance, (int, float)) or not (
                math.isfinite(tolerance) and tolerance >= 0):
            raise self.error(f"'tolerance' of {what} must be a number >= 0", node, "tolerance")
        superseded_by = self.text(node, "superseded_by", what, required=False)
        if superseded_by:
            self._pending_supersede.append((superseded_by, self.origin(node, "superseded_by")))
        self.register.facts.append(Fact(
            id=fid, claim=self.text(node, "claim", what), about=about, values=tuple(values),
            source=self.register.sources[sid], origin=self.origin(node),
            tolerance=float(tolerance), valid_until=self.date(node, "valid_until", what, required=False),
            superseded_by=superseded_by,
        ))

    def about(self, node: MarkedDict, what: str) -> tuple[tuple[str, ...], ...]:
        raw = node.get("about")
        if isinstance(raw, str):
            raw = [raw]
        if not isinstance(raw, list) or not raw:
            raise self.error(f"{what} needs 'about': words that a sentence about it contains", node,
                             "about" if "about" in node else None)
        groups = []
        for item in raw:
            group = (item,) if isinstance(item, (str, int)) else item
            if not isinstance(group, list | tuple) or not group or not all(isinstance(g, (str, int)) for g in group):
                raise self.error(f"'about' of {what}: each item is a word or a list of alternatives",
                                 node, "about")
            groups.append(tuple(str(g) for g in group))
        return tuple(groups)

    def load_term(self, node: MarkedDict) -> None:
        if "pattern" in node:
            self.load_pattern_term(node)
            return
        if "exact" in node:
            what = "an exact-casing term"
            self.check_keys(node, EXACT_TERM_KEYS, what)
            spellings = self.strings(node, "exact", what)
            if not spellings or not all(s.strip() for s in spellings):
                raise self.error("'exact' needs a term, or a list of terms, written as it must be spelt",
                                 node, "exact")
            why = self.text(node, "why", what, required=False) or ""
            in_quotes = self.boolean(node, "in_quotes", what)
            listed = node["exact"]
            for i, spelling in enumerate(spellings):
                origin = (Origin(self.display, *listed.where(i)) if isinstance(listed, MarkedList)
                          else self.origin(node, "exact"))
                self.register.terms.append(Term(
                    "spelling", spelling.strip(), (), origin, why=why, in_quotes=in_quotes, exact=True))
            return
        if "consistent" in node:
            variants = self.strings(node, "consistent", "a consistency term")
            if len(variants) < 2:
                raise self.error("'consistent' needs two or more spellings", node, "consistent")
            self.check_keys(node, {"consistent", "why", "in_quotes"}, "a consistency term")
            self.register.terms.append(Term(
                "consistency", variants[0], variants[1:], self.origin(node),
                why=self.text(node, "why", "a term", required=False) or "",
                in_quotes=self.boolean(node, "in_quotes", "a consistency term")))
            return
        use = self.text(node, "use", "a term")
        what = f"term {use!r}"
        self.check_keys(node, TERM_KEYS - {"consistent"}, what)
        instead_of = self.strings(node, "instead_of", what)
        if not instead_of:
            raise self.error(f"{what} needs 'instead_of': the spellings to replace", node)
        rule = node.get("rule") or _infer_term_rule(use, instead_of)
        if rule not in TERM_RULES[:2]:
            raise self.error(f"'rule' of {what} must be prefer or spelling", node, "rule")
        self.register.terms.append(Term(
            rule=rule, use=use, instead_of=instead_of, origin=self.origin(node),
            why=self.text(node, "why", what, required=False) or "",
            near=self.strings(node, "near", what), not_before=self.strings(node, "not_before", what),
            not_after=self.strings(node, "not_after", what),
            in_quotes=self.boolean(node, "in_quotes", what),
        ))

    def load_pattern_term(self, node: MarkedDict) -> None:
        from factlint.termindex import compile_term_pattern, replacement_groups  # needs ``regex``

        pattern = self.text(node, "pattern", "a pattern term")
        what = f"pattern term {pattern!r}"
        self.check_keys(node, PATTERN_TERM_KEYS, what)
        use = self.text(node, "use", what)
        ignorecase = self.boolean(node, "ignorecase", what)
        try:
            compiled = compile_term_pattern(pattern, ignorecase)
        except ValueError as exc:
            raise self.error(f"{what} does not compile: {exc}", node, "pattern") from None
        for group in replacement_groups(use):
            if isinstance(group, int) and group > compiled.groups or (
                    isinstance(group, str) and group not in compiled.groupindex):
                raise self.error(f"'use' of {what} names group {group!r}, which the pattern does not "
                                 f"have (it has {compiled.groups} numbered)", node, "use")
        rule = node.get("rule") or "pattern"
        if rule not in ("pattern", *TERM_RULES[:2]):
            raise self.error(f"'rule' of {what} must be prefer or spelling", node, "rule")
        self.register.terms.append(Term(
            rule=rule, use=use, instead_of=(), origin=self.origin(node, "pattern"),
            why=self.text(node, "why", what, required=False) or "",
            near=self.strings(node, "near", what), not_before=self.strings(node, "not_before", what),
            not_after=self.strings(node, "not_after", what),
            in_quotes=self.boolean(node, "in_quotes", what), pattern=pattern, ignorecase=ignorecase,
        ))

    def boolean(self, node: MarkedDict, key: str, what: str) -> bool:
        value = node.get(key, False)
        if not isinstance(value, bool):
            raise self.error(f"'{key}' of {what} must be true or false", node, key)
        return value

    def finish(self) -> None:
        ids = {f.id for f in self.register.facts}
        for target, origin in self._pending_supersede:
            if target not in ids:
                raise FactlintError(f"'superseded_by' names fact {target!r} which is not defined",
                                    origin.path, origin.line, origin.column)


def _fold(term: str) -> str:
    return re.sub(r"[\W_]+", "", term).lower()


def _infer_term_rule(use: str, instead_of: Sequence[str]) -> str:
    """'spelling' when every variant is the same letters as ``use`` (HuggingFace,
    Hugging face), 'prefer' when a different word is wanted (open source)."""
    return "spelling" if all(_fold(v) == _fold(use) for v in instead_of) else "prefer"


_DATE = regexstore.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


def _is_date(value: str) -> bool:
    if not _DATE.fullmatch(value):
        return False
    parts = [int(p) for p in value.split("-")]
    try:
        dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return False
    return True


def load_register(paths: Iterable[tuple[str, Path | str]]) -> Register:
    """Load and validate register files into one Register.

    Each item is (display name, path), or (display name, YAML text) for a
    register that is not a file (a rule's examples). Sources are shared across
    files, so a fact may cite a source defined in an earlier file.
    """
    register = Register()
    loaders = []
    for display, where in paths:
        loader = _Loader(register, display)
        loader.load(load_text(where, display) if isinstance(where, str) else load_file(where, display))
        loaders.append(loader)
    all_ids: dict[str, Origin] = {}
    for loader in loaders:
        for fid, origin in loader._fact_ids.items():
            if fid in all_ids and all_ids[fid] != origin:
                raise FactlintError(f"fact id {fid!r} is already used at {all_ids[fid]}",
                                    origin.path, origin.line, origin.column)
            all_ids[fid] = origin
        loader.finish()
    return register
