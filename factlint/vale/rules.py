"""Vale rule files (``Style/Rule.yml``) loaded as checks that run over blocks of text.

Each rule type follows Vale's own semantics: how its pattern is built from
``tokens``/``raw``/``swap`` and the word template, which part of a match is
reported, how ``exceptions`` and the vocabulary are applied, and how the
message is filled (``%s`` with the match; for substitution the expected form
and the one found). A check returns :class:`Alert` spans in the block's
text; :mod:`factlint.vale.engine` maps them back to the draft.
"""

from __future__ import annotations

import ast
import math
import re
import sys
from itertools import islice
from operator import eq
from pathlib import Path
from typing import Any, Callable

from factlint.errors import FactlintError
from factlint.files import display_path
from factlint.records import field, record
from factlint.vale import patterns, prefilter
from factlint.vale.memo import looked_up
from factlint.vale.patterns import PatternError, compile_pattern, finditer, search
from factlint.yamlpos import MarkedDict, load_text
from factlint import regexstore

RULE_TYPES = ("existence", "substitution", "occurrence", "repetition", "consistency",
              "capitalization", "conditional", "metric", "readability", "spelling", "sequence", "script")
ALLOWED_SCOPES = {"text", "heading", "table", "list", "paragraph", "sentence", "alt", "title",
                  "blockquote", "summary", "raw", "link", "figure"}
WORD_TEMPLATE = r"(?m)\b(?:%s)\b"
NONWORD_TEMPLATE = r"(?m)(?:%s)"
COMMON_KEYS = {"extends", "message", "description", "level", "scope", "link", "limit", "action",
               "name", "code"}
TYPE_KEYS = {
    "existence": {"tokens", "raw", "exceptions", "append", "ignorecase", "nonword", "vocab"},
    "substitution": {"swap", "exceptions", "ignorecase", "nonword", "vocab", "capitalize", "pos"},
    "occurrence": {"token", "max", "min", "ignorecase"},
    "repetition": {"tokens", "max", "ignorecase", "alpha", "vocab", "exceptions"},
    "consistency": {"either", "nonword", "ignorecase"},
    "capitalization": {"match", "style", "exceptions", "indicators", "threshold", "vocab", "prefix"},
    "conditional": {"first", "second", "exceptions", "ignorecase", "vocab"},
    "metric": {"formula", "condition"},
    "readability": {"metrics", "grade"},
    "spelling": {"aff", "dic", "dicpath", "dictionaries", "filters", "ignore", "exceptions", "custom",
                 "append", "threshold"},
    "sequence": {"tokens", "ignorecase"},
    "script": {"script"},
}


@record
class Alert:
    start: int          # offsets into the block's text
    end: int
    message: str
    replacement: str | None = None   # a fix, when the rule's action gives one


def warn(message: str) -> None:
    print(f"factlint: warning: {message}", file=sys.stderr)


_VERB = regexstore.compile(r"%[%sdvq]")


def format_message(msg: str, *subs: str) -> str:
    """Go's Sprintf for %s, as Vale's CondSprintf: extra arguments are dropped, missing ones empty."""
    if "%" not in msg:
        return msg
    template = _TEMPLATES.get(msg)
    if template is None:
        template = message_template(msg)
        if len(_TEMPLATES) < 4096:
            _TEMPLATES[msg] = template
    literals, verbs = template
    out = [literals[0]]
    k = 0
    for verb, literal in zip(verbs, literals[1:]):
        if verb == "%%":
            out.append("%")
        else:
            out.append(subs[k] if k < len(subs) else "")
            k += 1
        out.append(literal)
    return "".join(out)


# A message -> its template (see message_template): a rule's alerts share a few messages.
_TEMPLATES: dict[str, tuple[list[str], list[str]]] = {}


def message_template(msg: str) -> tuple[list[str], list[str]]:
    """``msg`` cut at its verbs (``%s``, ``%%``...): the texts around them, and the verbs.

    Parsed once per message, so filling it in (:func:`format_message`, once per alert)
    does not run a pattern and a callback per verb.
    """
    return _VERB.split(msg), _VERB.findall(msg)


def to_sentence(words: list[str], joiner: str = "or") -> str:
    if len(words) == 1:
        return f"'{words[0]}'"
    if len(words) == 2:
        return f"'{words[0]}' or '{words[1]}'"
    quoted = [f"'{w}'" for w in words]
    quoted[-1] = joiner + " " + quoted[-1]
    return ", ".join(quoted)


def cap_first(s: str) -> str:
    return s[:1].upper() + s[1:] if s else s


def is_phrase(s: str) -> bool:
    return all(c.isalpha() or c.isdigit() or c in " -" for c in s)


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value if v is not None]
    return [str(value)]


def make_regexp(template: str, ignorecase: bool, word: bool, raw: str, append: bool) -> str:
    regex = (template or WORD_TEMPLATE) if word else NONWORD_TEMPLATE
    regex = regex + raw if append else raw + regex
    return ("(?i)" if ignorecase else "") + regex


def exceptions_pattern(exceptions: list[str], accepted: list[str], vocab: bool):
    terms = list(exceptions) + (list(accepted) if vocab else [])
    if not terms:
        return None
    terms.sort(key=len, reverse=True)
    terms = [t if t.startswith("(?i)") else "(?-i)" + t for t in terms]
    return compile_pattern(WORD_TEMPLATE.replace("%s", "|".join(terms)))


def is_match(compiled, s: str) -> bool:
    return compiled is not None and search(compiled, s) is not None


def shared_spans(state: dict, compiled: Any, text: str) -> list[tuple[int, int]]:
    """All match spans of ``compiled`` in ``text``, computed once per document for every rule
    that asks (both styles count a sentence's words with the same token pattern).

    ``state["shared"]`` is the document's own dict (see the engine): nothing outlives the run.
    """
    shared = state.get("shared")
    if shared is None:
        return patterns.spans(compiled, text)
    key = ("spans", compiled, text)
    found = shared.get(key)
    if found is None:
        found = shared[key] = patterns.spans(compiled, text)
    return found


def shared_count(state: dict, compiled: Any, text: str) -> int:
    """How many matches :func:`shared_spans` would give, without a match object per match.

    Both styles' sentence-length rules count every sentence's words and report only
    the long ones, so the spans are made only for those (see Occurrence.run).
    """
    shared = state.get("shared")
    if shared is None:
        return len(patterns.findall(compiled, text))
    key = ("count", compiled, text)
    found = shared.get(key)
    if found is None:
        spans = shared.get(("spans", compiled, text))
        found = shared[key] = len(spans) if spans is not None else len(patterns.findall(compiled, text))
    return found


class ValeCheck:
    """One Vale rule, compiled. ``run`` gives the alerts of one block."""

    kind = ""
    # A word-list rule's alternatives by key (prefilter.Dispatch), or None: the rule scans whole blocks.
    dispatch: Any = None
    # Of a rule that scans whole blocks: texts one of which each match contains (None: not known),
    # and whether its pattern may ignore case (see patterns.may_contain).
    required: frozenset[str] | None = None
    fold = True
    # Rules whose scope is fixed (readability, metric: the summary).
    forced_scope: list[str] | None = None

    def __init__(self, name: str, data: dict, path: Path, accepted: list[str], setup: Any) -> None:
        self.name = name
        self.path = path
        self.data = data
        self.message = str(data.get("message", ""))
        self.description = str(data.get("description", "") or "")
        self.link = str(data.get("link", "") or "")
        self.level = str(data.get("level", "warning"))
        self.limit = int(data.get("limit") or 0)
        action = data.get("action") or {}
        self.action = str(action.get("name", "")) if isinstance(action, dict) else ""
        self.action_params = _as_list(action.get("params")) if isinstance(action, dict) else []
        scope = self.forced_scope or _as_list(data.get("scope")) or ["text"]
        self.scope = Scope(scope)
        self.accepted = accepted
        self.setup = setup
        # What rules the next key checks run before deciding to run at all (see engine).
        self.prefilter: frozenset[str] | None = None

    def run(self, text: str, state: dict) -> list[Alert]:
        raise NotImplementedError

    def alert(self, text: str, s: int, e: int) -> Alert:
        match = text[s:e]
        repl = self.fix_for(match)
        if self.action:
            return Alert(s, e, format_message(self.message, match, repl or ""), repl)
        return Alert(s, e, format_message(self.message, match), repl)

    def fix_for(self, match: str) -> str | None:
        if self.action == "replace" and self.action_params:
            return self.action_params[0]
        if self.action == "remove":
            return ""
        return None

    def describe(self) -> str:
        return f"Vale {self.kind} rule from {display_path(self.path)}."


class Scope:
    """A rule's ``scope``: selectors with ``.`` parts, ``~`` negation and ``&`` combination."""

    def __init__(self, values: list[str]) -> None:
        self.values = values
        self.selectors = []
        for value in values:
            parts = []
            for part in value.split("&"):
                part = part.strip()
                negated = part.startswith("~")
                parts.append((negated, frozenset(part.lstrip("~").split("."))))
            self.selectors.append(parts)
        # A block's parts -> whether the scope takes it: blocks of few kinds repeat in every draft.
        self._memo: dict[frozenset[str], bool] = {}

    def matches(self, block_parts: frozenset[str]) -> bool:
        found = self._memo.get(block_parts)
        if found is None:
            found = self._matches(block_parts)
            if len(self._memo) < 1024:
                self._memo[block_parts] = found
        return found

    def _matches(self, block_parts: frozenset[str]) -> bool:
        for parts in self.selectors:
            ok = True
            for negated, wanted in parts:
                present = wanted <= block_parts
                if negated:
                    if present or "raw" in block_parts or "summary" in block_parts:
                        ok = False
                        break
                elif not present:
                    ok = False
                    break
            if ok:
                return True
        return False

    def base(self) -> set[str]:
        out = set()
        for parts in self.selectors:
            for negated, wanted in parts:
                out |= {w for w in wanted if w in ("sentence", "paragraph", "summary", "raw")}
        return out


class Existence(ValeCheck):
    kind = "existence"

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        d = self.data
        tokens = [t for t in _as_list(d.get("tokens")) if t.strip()]
        raw = "".join(_as_list(d.get("raw")))
        regex = make_regexp(self.setup.word_template, bool(d.get("ignorecase")),
                            not d.get("nonword") and bool(tokens), raw, bool(d.get("append")))
        self.source = regex.replace("%s", "|".join(tokens), 1)
        self.pattern = compile_pattern(self.source)
        self.gate = patterns.BlockGate(self.pattern.pattern)  # for blocks scanned whole
        self.tokens = tokens
        self.dispatch = None
        if not raw and not d.get("nonword") and tokens and not self.setup.word_template:
            try:
                self.dispatch = prefilter.Dispatch(tokens, lambda units: regex.replace("%s", "|".join(units), 1))
            except ValueError:
                pass
        self.except_re = exceptions_pattern(_as_list(d.get("exceptions")), self.accepted,
                                            d.get("vocab", True) is not False)

    def run(self, text: str, state: dict, index: Any = None) -> list[Alert]:
        out = []
        candidates = index.candidates(self.dispatch) if self.dispatch and index else None
        if candidates is None and not self.gate.may_match(text):
            return out
        found = (m for m, _ in self.dispatch.matches(text, candidates)) if candidates is not None else \
            finditer(self.pattern, text)
        for m in found:
            if m.end() == m.start():
                continue
            observed = m.group().strip()
            if not is_match(self.except_re, observed):
                out.append(self.alert(text, m.start(), m.end()))
        return out


_CAPTURE_OPEN = regexstore.compile(r"(?<!\\)\((?!\?)")


class Substitution(ValeCheck):
    kind = "substitution"

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        d = self.data
        swap = d.get("swap") or {}
        if not isinstance(swap, dict):
            raise ValueError("'swap' must map patterns to replacements")
        self.ignorecase = bool(d.get("ignorecase"))
        self.capitalize = bool(d.get("capitalize"))
        regex = make_regexp(self.setup.word_template, self.ignorecase, not d.get("nonword"), "", True)
        keys = sorted((str(k) for k in swap), key=len, reverse=True)
        self.keys = keys
        self.repl = [str(swap[k]) if swap[k] is not None else "" for k in keys]
        alts = []
        for key in keys:
            if key.count("(") != key.count("(?") + key.count(r"\("):
                key = _CAPTURE_OPEN.sub("(?:", key)
            alts.append("(" + key + ")")
        self.source = regex.replace("%s", "|".join(alts), 1)
        self.pattern = compile_pattern(self.source)
        self.gate = patterns.BlockGate(self.pattern.pattern)  # for blocks scanned whole
        self.dispatch = None
        if not d.get("nonword") and alts and not self.setup.word_template:
            try:
                self.dispatch = prefilter.Dispatch(alts, lambda units: regex.replace("%s", "|".join(units), 1))
            except ValueError:
                pass
        self.except_re = exceptions_pattern(_as_list(d.get("exceptions")), self.accepted,
                                            d.get("vocab", True) is not False)

    def expected_for(self, index: int, observed: str) -> str:
        expected = self.repl[index]
        if self.capitalize and observed == cap_first(observed):
            expected = cap_first(expected)
        if not re.search(r"\$\d", expected):
            return expected
        key = ("(?i)" if self.ignorecase else "") + self.keys[index]
        try:
            compiled = compile_pattern(key)
        except PatternError:
            return expected

        def fill(m) -> str:
            return re.sub(r"\$(\d+)", lambda g: (m.group(int(g.group(1))) or "")
                          if int(g.group(1)) <= (compiled.groups or 0) else "", expected)
        return compiled.sub(fill, observed)

    def run(self, text: str, state: dict, index: Any = None) -> list[Alert]:
        out = []
        candidates = index.candidates(self.dispatch) if self.dispatch and index else None
        if candidates is None and not self.gate.may_match(text):
            return out
        found = self.dispatch.matches(text, candidates) if candidates is not None else \
            ((m, None) for m in finditer(self.pattern, text))
        for m, chosen in found:
            group = m.lastindex
            if not group:
                continue
            s, e = m.span(group)
            observed = text[s:e].strip()
            expected = self.expected_for(chosen[group - 1] if chosen is not None else group - 1, observed)
            if _same(expected, observed) or is_match(self.except_re, observed):
                continue
            message = self.message
            repl = None
            if self.action == "replace" and not self.action_params:
                params = expected.split("|")
                # Vale before 3.4 capitalised the suggestion at a capital with ignorecase.
                if (self.capitalize or self.ignorecase) and observed == cap_first(observed):
                    params = [cap_first(p) for p in params]
                repl = params[0]
                expected = to_sentence(params, "or")
                for spec in ("'%s'", '"%s"'):
                    if message.count(spec) == 2:
                        message = message.replace(spec, "%s", 1)
            elif self.action:
                repl = self.fix_for(text[s:e])
            out.append(Alert(s, e, format_message(message, expected, observed), repl))
        return out


def _same(expected: str, observed: str) -> bool:
    if is_phrase(expected):
        return expected == observed
    try:
        compiled = compile_pattern("^(?:" + expected + ")$")
    except PatternError:
        return expected == observed
    return search(compiled, observed) is not None


class Occurrence(ValeCheck):
    kind = "occurrence"

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        d = self.data
        self.max = int(d.get("max") or 0)
        self.min = int(d.get("min") or 0)
        self.pattern = compile_pattern(("(?i)" if d.get("ignorecase") else "") + "(?:" + str(d.get("token", "")) + ")")

    def run(self, text: str, state: dict) -> list[Alert]:
        n = shared_count(state, self.pattern, text)
        if not ((self.max > 0 and n > self.max) or (self.min > 0 and n < self.min)):
            return []
        locs = shared_spans(state, self.pattern, text)
        if n == 0:
            return [Alert(-1, -1, format_message(self.message, str(n)))]
        for s, e in locs:
            m = text[s:e]
            if m.strip() and not all(c in "*@" for c in m):
                return [Alert(s, e, format_message(self.message, str(n)))]
        return []


class Repetition(ValeCheck):
    kind = "repetition"

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        d = self.data
        self.max = int(d.get("max") or 0)
        self.ignorecase = bool(d.get("ignorecase"))
        self.alpha = bool(d.get("alpha"))
        self.pattern = compile_pattern(("(?i)" if self.ignorecase else "") + "(" + "|".join(_as_list(d.get("tokens"))) + ")")
        self.except_re = exceptions_pattern(_as_list(d.get("exceptions")), self.accepted,
                                            d.get("vocab", True) is not False)

    def run(self, text: str, state: dict) -> list[Alert]:
        out: list[Alert] = []
        if not self.may_repeat(text):
            return out
        prev, ploc, count = "", (0, 0), 0
        for m in finditer(self.pattern, text):
            curr = m.group().strip()
            hit = (curr.casefold() == prev.casefold() if self.ignorecase else curr == prev) and curr != ""
            hit = hit and (not self.alpha or all(c.isalpha() for c in curr))
            if hit:
                count += 1
            if hit and count > self.max:
                span = text[ploc[0]:m.end()]
                if "\n" not in span and not is_match(self.except_re, span):
                    out.append(Alert(ploc[0], m.end(), format_message(self.message, curr)))
                    count = 0
            ploc, prev = m.span(), curr
        return out

    def may_repeat(self, text: str) -> bool:
        """False where no token equals the one before it (after strip and, with ignorecase,
        casefold): then no token counts as a repetition, so :meth:`run` finds nothing.

        Decided from one ``findall`` and comparisons done in C, where the loop in
        :meth:`run` makes a match object and several strings per token of every block.
        The tokens are the whole matches only with the pattern's one group (its own);
        with groups in the tokens, the answer is True.
        """
        if self.pattern.groups != 1:
            return True
        tokens = list(map(str.strip, patterns.findall(self.pattern, text)))
        if self.ignorecase:
            tokens = list(map(str.casefold, tokens))
        return any(map(eq, tokens, islice(tokens, 1, None)))


class Consistency(ValeCheck):
    kind = "consistency"

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        d = self.data
        either = d.get("either") or {}
        regex = make_regexp(self.setup.word_template, bool(d.get("ignorecase")), not d.get("nonword"), "", True)
        self.steps = []
        for i, (a, b) in enumerate(either.items()):
            compiled = compile_pattern(regex.replace("%s", f"(?P<g{2 * i}>{a})|(?P<g{2 * i + 1}>{b})", 1))
            self.steps.append((compiled, f"g{2 * i}", f"g{2 * i + 1}"))

    def run(self, text: str, state: dict) -> list[Alert]:
        seen = state.setdefault("sequences", set())
        out = []
        for compiled, first, second in self.steps:
            loc = None
            for m in finditer(compiled, text):
                for name in (first, second):
                    if m.group(name) is not None:
                        loc = m.span(name)
                        seen.add(name)
            if loc is not None and first in seen and second in seen:
                out.append(self.alert(text, *loc))
        return out


class Conditional(ValeCheck):
    kind = "conditional"

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        d = self.data
        self.second = compile_pattern(str(d.get("second", "")))
        self.first = compile_pattern(str(d.get("first", "")))
        # A block that cannot hold a match of ``second`` defines nothing: skip that scan.
        self.second_gate = patterns.BlockGate(self.second.pattern)
        self.except_re = exceptions_pattern(_as_list(d.get("exceptions")), self.accepted,
                                            d.get("vocab", True) is not False)

    def run(self, text: str, state: dict) -> list[Alert]:
        defined = state.setdefault("defined", set())
        if self.second_gate.may_match(text):
            for m in finditer(self.second, text):
                for g in m.groups():
                    if g:
                        defined.add(g)
        out = []
        for m in finditer(self.first, text):
            s = m.group()
            if s not in defined and not is_match(self.except_re, s):
                out.append(self.alert(text, m.start(), m.end()))
        return out


class Capitalization(ValeCheck):
    kind = "capitalization"

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        d = self.data
        self.match = str(d.get("match", "$title"))
        self.threshold = float(d.get("threshold") or 0.8)
        self.exceptions = _as_list(d.get("exceptions"))
        vocab = d.get("vocab", True) is not False
        if vocab:
            self.exceptions = self.exceptions + list(self.accepted)
        self.except_re = exceptions_pattern(_as_list(d.get("exceptions")), self.accepted, vocab)
        self.indicators = _as_list(d.get("indicators"))
        self.style = str(d.get("style", "AP"))
        self.prefix = str(d.get("prefix", "") or "")
        self.vocab_sorted = sorted(self.exceptions, key=len, reverse=True)
        ps = r"[\p{N}\p{L}*]+[^\s]*"
        if self.except_re is not None:
            ps = self.except_re.pattern + "|" + ps
        self.token_re = patterns.regex.compile(ps, patterns.regex.V1)
        if self.match not in ("$title", "$sentence", "$lower", "$upper"):
            self.custom = compile_pattern(self.match)

    def run(self, text: str, state: dict) -> list[Alert]:
        if self.match == "$lower":
            expected = text.lower()
            ok = text == expected or is_match(self.except_re, text)
        elif self.match == "$upper":
            expected = text.upper()
            ok = text == expected or is_match(self.except_re, text)
        elif self.match == "$sentence":
            expected, ok = self._sentence(text)
        elif self.match == "$title":
            expected, ok = self._title(text)
        else:
            expected = self.match
            ok = search(self.custom, text) is not None or is_match(self.except_re, text)
        if ok:
            return []
        repl = expected if self.action == "replace" and self.match in ("$title", "$sentence") else None
        return [Alert(0, len(text), format_message(self.message, text, expected), repl)]

    def _in_vocab(self, token: str) -> str:
        for term in self.vocab_sorted:
            if term.lower() == token.lower():
                return term
            try:
                if search(compile_pattern(term), token):
                    return token
            except PatternError:
                pass
        return ""

    def _indicator(self, word: str, idx: int) -> bool:
        if any(word.endswith(s) for s in self.indicators):
            return True
        return idx == 0 and bool(re.search(r"\d+\.", word))

    def _sentence(self, s: str) -> tuple[str, bool]:
        prefix = ""
        if self.prefix:
            m = re.match(self.prefix, s)
            if m:
                prefix, s = m.group(), s[m.end():]
        ps = r"[\p{N}\p{L}*]+[^\s]*"
        if self.vocab_sorted:
            ps = r"\b(?:" + "|".join(self.vocab_sorted) + r")\b|" + ps
        try:
            conv = compile_pattern("(?i)" + ps)
        except PatternError:
            conv = compile_pattern("(?i)" + r"[\p{N}\p{L}*]+[^\s]*")
        tokens = [m.group() for m in finditer(conv, s)]
        made = []
        for i, token in enumerate(tokens):
            prev = tokens[i - 1] if i else ""
            entry = self._in_vocab(token)
            if entry:
                made.append(entry)
            elif i == 0 or self._indicator(prev, i - 1):
                made.append(token[:1].upper() + token[1:].lower())
            else:
                made.append(token.lower())
        expected = prefix + " ".join(made)
        words = [m.group() for m in finditer(self.token_re, prefix + s)]
        exp_tokens = [m.group() for m in finditer(self.token_re, expected)]
        count = total = 0.0
        for i, w in enumerate(words):
            if i >= len(exp_tokens):
                count += 1
            elif w == exp_tokens[i] or is_match(self.except_re, w):
                count += 1
            elif i == 0 and w != w[:1].upper() + w[1:].lower():
                return expected, False
            total += 1
        return expected, (count / total if total else 1.0) >= self.threshold

    _SMALL = {"a", "an", "and", "as", "at", "but", "by", "en", "for", "if", "in", "nor", "of", "on",
              "or", "per", "the", "to", "vs", "vs.", "via", "v", "v."}
    _PREPOSITIONS = {"with", "from", "into", "during", "including", "until", "against", "among",
                     "throughout", "despite", "towards", "upon", "concerning", "about", "over",
                     "through", "before", "between", "after", "since", "without", "under", "within",
                     "along", "following", "across", "beyond", "around", "down", "near", "above"}

    def _title(self, s: str) -> tuple[str, bool]:
        words_re = re.compile(r"[^\W_][^\s\-/]*")
        small = self._SMALL | (self._PREPOSITIONS if self.style == "Chicago" else set())
        pieces, pos = [], 0
        matches = list(words_re.finditer(s))
        for k, m in enumerate(matches):
            w = m.group()
            pieces.append(s[pos:m.start()])
            found = self._in_vocab(w)
            first_or_last = k == 0 or m.end() == len(s)
            prev = s[m.start() - 1] if m.start() else ""
            if found:
                pieces.append(found)
            elif (not first_or_last and w.lower() in small and prev in " -/"):
                pieces.append(w.lower())
            else:
                pieces.append(w[:1].upper() + w[1:])
            pos = m.end()
        pieces.append(s[pos:])
        expected = "".join(pieces)
        words = [m.group() for m in finditer(self.token_re, s)]
        exp_tokens = [m.group() for m in finditer(self.token_re, expected)]
        count = total = 0.0
        for i, w in enumerate(words):
            if i >= len(exp_tokens) or w == exp_tokens[i] or is_match(self.except_re, w) or w == w.upper():
                count += 1
            total += 1
        return expected, (count / total if total else 1.0) >= self.threshold


# A token of _STATS_WORD -> (words, characters, syllables, long, polysyllabic, complex) it adds to
# text_stats; a pure function of the token (textstat's settings are fixed once imported), so
# shared by all documents.
_TOKEN_STATS: dict[str, tuple[int, int, int, int, int, int]] = {}
_NO_WORD = (0, 0, 0, 0, 0, 0)
_STATS_WORD = regexstore.compile(r"[\w'’-]+")
_INFLECTED = regexstore.compile(r"(es|ed|ing)$")


def token_stats(count: Callable[[str], int], token: str) -> tuple[int, int, int, int, int, int]:
    """What one token adds to :func:`text_stats`: nothing when it is only apostrophes and hyphens."""
    found = _TOKEN_STATS.get(token)
    if found is None:
        word = token.strip("'’-")
        if not word:
            found = _NO_WORD
        else:
            low = word.lower()
            syl = max(1, count(low)) if any(c.isalpha() for c in low) else 1
            poly = syl > 2
            found = (1, sum(1 for c in word if c.isalnum()), syl, int(len(word) > 6), int(poly),
                     int(poly and not word[:1].isupper() and not _INFLECTED.search(word)))
        if len(_TOKEN_STATS) < 200_000:
            _TOKEN_STATS[token] = found
    return found


def text_stats(text: str) -> dict[str, float]:
    """Words, sentences, syllables and the rest of Vale's summary statistics.

    Each token's share comes from a memo, looked up for a paragraph's tokens at once
    and summed column by column: the same sums, without a Python step per word.
    """
    from factlint.rules.readability import _textstat
    from factlint.sentences import split_sentences

    count = _textstat().syllable_count
    stats = dict.fromkeys(("words", "sentences", "syllables", "characters", "complex_words",
                           "long_words", "polysyllabic_words", "paragraphs"), 0.0)
    columns = ("words", "characters", "syllables", "long_words", "polysyllabic_words", "complex_words")
    paragraphs = text.split("\n\n")
    for para in paragraphs:
        stats["paragraphs"] += 1
        if not para.strip():
            continue
        stats["sentences"] += max(1, len(split_sentences(para, 0, len(para))))
        tokens = _STATS_WORD.findall(para)
        rows = looked_up(_TOKEN_STATS, tokens, lambda token: token_stats(count, token))
        if rows:
            for key, total in zip(columns, map(sum, zip(*rows))):
                stats[key] += total
    stats["paragraphs"] -= 1
    return stats


def shared_stats(state: dict, text: str) -> dict[str, float]:
    """:func:`text_stats` of ``text``, once per document for all readability and metric rules."""
    shared = state.get("shared")
    if shared is None:
        return text_stats(text)
    key = ("stats", text)
    found = shared.get(key)
    if found is None:
        found = shared[key] = text_stats(text)
    return found


class Readability(ValeCheck):
    kind = "readability"
    forced_scope = ["summary"]

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.metrics = _as_list(self.data.get("metrics"))
        self.grade = float(self.data.get("grade") or 0)

    def run(self, text: str, state: dict) -> list[Alert]:
        st = shared_stats(state, text)
        if not st["words"]:
            return []
        w, s = st["words"], max(1.0, st["sentences"])
        scores = {
            "Flesch-Kincaid": 0.39 * w / s + 11.8 * st["syllables"] / w - 15.59,
            "Gunning Fog": 0.4 * (w / s + 100.0 * st["complex_words"] / w),
            "Coleman-Liau": 0.0588 * (st["characters"] / w) * 100 - 0.296 * (s / w) * 100 - 15.8,
            "SMOG": 1.0430 * math.sqrt(st["polysyllabic_words"] * 30.0 / s) + 3.1291,
            "Automated Readability": 4.71 * (st["characters"] / w) + 0.5 * (w / s) - 21.43,
        }
        chosen = [scores[m] for m in self.metrics if m in scores]
        if not chosen:
            return []
        grade = sum(chosen) / len(chosen)
        if grade > self.grade:
            return [Alert(-1, -1, format_message(self.message, f"{grade:.2f}"))]
        return []


_MATH_NAMES = {k: getattr(math, k) for k in dir(math) if not k.startswith("_")}


def evaluate(expr: str, names: dict[str, float]) -> Any:
    """A formula or condition of a metric rule: arithmetic, comparisons and math.* only."""
    tree = ast.parse(expr.strip(), mode="eval")
    ops: dict[type, Callable] = {
        ast.Add: lambda a, b: a + b, ast.Sub: lambda a, b: a - b, ast.Mult: lambda a, b: a * b,
        ast.Div: lambda a, b: a / b if b else 0.0, ast.Mod: lambda a, b: a % b, ast.Pow: lambda a, b: a ** b,
        ast.Gt: lambda a, b: a > b, ast.Lt: lambda a, b: a < b, ast.GtE: lambda a, b: a >= b,
        ast.LtE: lambda a, b: a <= b, ast.Eq: lambda a, b: a == b, ast.NotEq: lambda a, b: a != b,
    }

    def ev(node: ast.AST) -> Any:
        if isinstance(node, ast.Expression):
            return ev(node.body)
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
            return float(node.value)
        if isinstance(node, ast.Name):
            return float(names.get(node.id, 0.0))
        if isinstance(node, ast.BinOp) and type(node.op) in ops:
            return ops[type(node.op)](ev(node.left), ev(node.right))
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            return -ev(node.operand)
        if isinstance(node, ast.Compare) and len(node.ops) == 1 and type(node.ops[0]) in ops:
            return ops[type(node.ops[0])](ev(node.left), ev(node.comparators[0]))
        if isinstance(node, ast.BoolOp):
            values = [ev(v) for v in node.values]
            return all(values) if isinstance(node.op, ast.And) else any(values)
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name) and node.func.value.id == "math"
                and node.func.attr in _MATH_NAMES):
            return float(_MATH_NAMES[node.func.attr](*[ev(a) for a in node.args]))
        raise ValueError(f"unsupported expression: {ast.dump(node)[:60]}")

    return ev(tree)


class Metric(ValeCheck):
    kind = "metric"
    forced_scope = ["summary"]

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.formula = re.sub(r"heading\.(h[1-6])", r"heading_\1", str(self.data.get("formula", "")))
        self.condition = str(self.data.get("condition", ""))
        cond = self.condition.replace("&&", " and ").replace("||", " or ")
        try:
            evaluate(self.formula, {})
            evaluate("1.0 " + cond, {})
        except (SyntaxError, ValueError) as exc:
            raise ValueError(f"formula or condition cannot be read: {exc}") from None
        self.cond = cond

    def run(self, text: str, state: dict) -> list[Alert]:
        names = dict(shared_stats(state, text))
        if not names["words"]:
            return []
        names.update(state.get("metrics", {}))
        for k in ("pre", "list", "blockquote", *(f"heading_h{i}" for i in range(1, 7))):
            names.setdefault(k, 0.0)
        try:
            res = evaluate(self.formula, names)
            hit = evaluate(f"{res!r} {self.cond}", names)
        except (ValueError, ZeroDivisionError, OverflowError):
            return []
        if hit:
            return [Alert(-1, -1, format_message(self.message, f"{res:.2f}"))]
        return []


class Unsupported(ValeCheck):
    """``sequence`` (part-of-speech) and ``script`` rules: loaded, listed, reported, not run."""

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.kind = str(self.data.get("extends"))

    def run(self, text: str, state: dict) -> list[Alert]:
        return []


def checks() -> dict[str, type[ValeCheck]]:
    """The check class of each rule type (spelling's module imports this one, so it comes last)."""
    from factlint.vale.spelling import Spelling

    return {
        "existence": Existence, "substitution": Substitution, "occurrence": Occurrence,
        "repetition": Repetition, "consistency": Consistency, "conditional": Conditional,
        "capitalization": Capitalization, "readability": Readability, "metric": Metric,
        "spelling": Spelling, "sequence": Unsupported, "script": Unsupported,
    }


def load_rule(name: str, path: Path, setup: Any, level_override: str | None = None) -> ValeCheck:
    """Load one rule file; any mistake is a FactlintError naming the file (and line)."""
    display = display_path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise FactlintError(f"cannot read Vale rule: {exc}", display) from None
    data = load_text(text, display)
    if not isinstance(data, dict):
        raise FactlintError("a Vale rule must be a YAML mapping", display, 1, 1)
    where = data.where if isinstance(data, MarkedDict) else (lambda key=None: (1, 1))
    extends = data.get("extends")
    kinds = checks()
    if extends not in kinds:
        line, col = where("extends")
        raise FactlintError(f"'extends' must be one of {', '.join(RULE_TYPES)}, not {extends!r}",
                            display, line, col)
    if "message" not in data:
        raise FactlintError("a Vale rule needs a 'message'", display, 1, 1)
    level = level_override or data.get("level") or "warning"
    if level not in ("suggestion", "warning", "error"):
        line, col = where("level")
        raise FactlintError(f"'level' must be suggestion, warning or error, not {level!r}", display, line, col)
    data = dict(data)
    data["level"] = level
    unknown = sorted(set(data) - COMMON_KEYS - TYPE_KEYS.get(str(extends), set()))
    if unknown:
        warn(f"{display}: {name}: key {', '.join(repr(k) for k in unknown)} is not a Vale "
             f"{extends} key; ignored")
    for scope in _as_list(data.get("scope")):
        for part in scope.split("&"):
            base = part.strip().lstrip("~").split(".")[0]
            if base not in ALLOWED_SCOPES:
                line, col = where("scope")
                raise FactlintError(f"{scope!r} is not a Vale scope ({', '.join(sorted(ALLOWED_SCOPES))})",
                                    display, line, col)
    try:
        check = kinds[str(extends)](name, data, path, setup.accepted, setup)
    except PatternError as exc:
        raise FactlintError(f"{name}: {exc}", display, 1, 1) from None
    except (ValueError, TypeError) as exc:
        raise FactlintError(f"{name}: {exc}", display, 1, 1) from None
    return check


@record
class RuleFile:
    name: str
    path: Path
    checks: list[ValeCheck] = field(default_factory=list)
