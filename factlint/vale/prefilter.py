"""Skip a Vale rule on a draft that cannot match it, from the words the draft contains.

Most rules are long lists of words and phrases. Each alternative of a rule's
pattern that starts with literal letters (after any lookaround) needs a word
of the draft to start with those letters, so one scan of the draft's words
tells which rules can match at all. A rule with any alternative that gives
no such key always runs, so the filter never changes findings.
"""

from __future__ import annotations

import re
import time
from bisect import bisect_left
from collections import defaultdict
from itertools import accumulate, compress
from operator import itemgetter
from typing import Any, Iterator

import regex

from factlint.vale import patterns
from factlint.vale.memo import looked_up
from factlint import regexstore

_WORD = regexstore.compile(r"\w+")
_VWORD = regex.compile(r"\w+")
# The same words as _VWORD, as a split: non-words and words alternate.
_SPLIT_WORDS = regex.compile(r"(\w+)")
KEY = 3
# How many characters after a word the phrase check looks at before running a rule there.
NEXT = 3


class KeyTable:
    """Which word-list rules (their :class:`Dispatch`) a word can start a match of.

    Built once per setup. One scan of a block's words against it gives every
    rule its candidate words at once (see :class:`WordIndex`), instead of each
    rule looking up each of its own keys in the block.
    """

    def __init__(self, dispatches: "list[Dispatch]") -> None:
        self.dispatches = frozenset(dispatches)
        self._owners: dict[str, list[Dispatch]] = {}
        for d in dispatches:
            for k in d.keys:
                self._owners.setdefault(k, []).append(d)
        # The memos depend only on the table (and the word), so all documents share them.
        self._by_head: dict[str, tuple[tuple[Dispatch, tuple[str, ...]], ...]] = {}
        self._by_word: dict[str, tuple[tuple[Dispatch, Subset, bool], ...]] = {}
        self._by_next: dict[tuple[str, str], tuple[tuple[Dispatch, Subset, bool], ...]] = {}
        # Words with a candidate whose phrase must be checked against the text after the word.
        self.checked: set[str] = set()

    def __contains__(self, dispatch: object) -> bool:
        return dispatch in self.dispatches

    def entries(self, head: str) -> "tuple[tuple[Dispatch, tuple[str, ...]], ...]":
        """For a word whose lower-case form starts with ``head`` (up to KEY letters): each rule
        with a key among the word's heads, and those keys, shortest first."""
        found = self._by_head.get(head)
        if found is None:
            per: dict[Dispatch, list[str]] = {}
            for n in range(1, len(head) + 1):
                key = head[:n]
                for d in self._owners.get(key, ()):
                    per.setdefault(d, []).append(key)
            found = tuple((d, tuple(keys)) for d, keys in per.items())
            if len(self._by_head) < 100_000:
                self._by_head[head] = found
        return found

    def for_word(self, word: str) -> "tuple[tuple[Dispatch, Subset, bool], ...]":
        """The rules a match may start at a word ``word`` for: (rule, the subset of its
        alternatives to try there, whether the text after the word must be checked first)."""
        found = self._by_word.get(word)
        if found is None:
            out = []
            for d, keys in self.entries(word.lower()[:KEY]):
                subset = d.subset_for(keys)
                verdict = subset.at_word(word)
                if verdict is not None:
                    out.append((d, subset, verdict))
            found = tuple(out)
            if len(self._by_word) < 200_000:
                self._by_word[word] = found
                if any(check for _, _, check in found):
                    self.checked.add(word)
        return found

    def memo(self) -> "dict[str, tuple[tuple[Dispatch, Subset, bool], ...]]":
        """:meth:`for_word`'s memo, to look many words up at once (a miss: call for_word)."""
        return self._by_word

    def after(self, word: str, following: str) -> "tuple[tuple[Dispatch, Subset, bool], ...]":
        """:meth:`for_word` of ``word`` less the candidates whose phrases cannot go on with
        ``following`` (the next :data:`NEXT` characters of the text, or fewer at its end).

        "the" starts phrases of many rules, and each of its occurrences used to be checked
        against each of them; a phrase continues with the next characters, so those
        rule out nearly all of them at once. Only candidates that need the check
        (``check`` true) are dropped; the rest are kept as they are.
        """
        key = (word, following)
        found = self._by_next.get(key)
        if found is None:
            found = tuple(entry for entry in self.for_word(word)
                          if not entry[2] or entry[1].may_follow(word, following))
            if len(self._by_next) < 200_000:
                self._by_next[key] = found
        return found


Candidate = tuple[int, "Subset", bool]
_AT = itemgetter(0)


class WordIndex:
    """The words of one block, scanned once for every word-list rule of a :class:`KeyTable`."""

    def __init__(self, text: str, table: KeyTable) -> None:
        self.text = text
        self.table = table
        self._found: dict[Dispatch, list[Candidate]] | None = None
        # Of an index read from a larger block's (see part_of): that index and where this text starts in it.
        self._parent: WordIndex | None = None
        self._offset = 0

    @classmethod
    def part_of(cls, parent: "WordIndex", offset: int, text: str) -> "WordIndex":
        """The index of ``text``, which is ``parent.text[offset:offset + len(text)]`` (a sentence
        of a paragraph): read from the parent's candidates instead of scanning the words again.

        The words of the part are the parent's words inside it when no word runs across
        either end; otherwise the part scans its own text. A candidate the parent dropped
        for the characters after its word is no match in the part either (the part's
        characters after it are the same, or fewer).
        """
        index = cls(text, parent.table)
        end = offset + len(text)
        if (offset > 0 and _crosses(parent.text, offset)) or (end < len(parent.text) and _crosses(parent.text, end)):
            return index
        index._parent = parent
        index._offset = offset
        return index

    def _scan(self) -> "dict[Dispatch, list[Candidate]]":
        """Each word's candidates, with the ones whose next characters rule them out dropped.

        The words come from one ``split`` (no match object per word), and only words
        with candidates are visited in Python: about half of a news draft's words.
        """
        found: defaultdict[Dispatch, list[Candidate]] = defaultdict(list)
        table = self.table
        text = self.text
        pieces = _SPLIT_WORDS.split(text)
        words = pieces[1::2]
        entries = looked_up(table.memo(), words, table.for_word)
        if not any(entries):
            return found
        ends = list(accumulate(map(len, pieces)))
        after = table.after
        checked = table.checked
        for i in compress(range(len(words)), entries):
            word = words[i]
            at = ends[2 * i]
            found_here = entries[i]
            if word in checked:
                end = ends[2 * i + 1]
                found_here = after(word, text[end:end + NEXT])
            for d, subset, check in found_here:
                found[d].append((at, subset, check))
        return found

    def candidates(self, dispatch: "Dispatch") -> list[Candidate] | None:
        """(word start, the alternatives to try there, check the text after the word?) in text
        order, for one rule; None: the rule is not in the table."""
        if dispatch not in self.table:
            return None
        if self._found is None:
            self._found = {} if self._parent is not None else self._scan()
        found = self._found.get(dispatch)
        if found is None:
            if self._parent is None:
                return []
            found = self._found[dispatch] = self._from_parent(dispatch)
        return found

    def _from_parent(self, dispatch: "Dispatch") -> list[Candidate]:
        """The parent's candidates of one rule that lie in this text, at this text's offsets."""
        assert self._parent is not None
        inherited = self._parent.candidates(dispatch) or []
        first, last = self._offset, self._offset + len(self.text)
        lo = bisect_left(inherited, first, key=_AT)
        hi = bisect_left(inherited, last, lo, key=_AT)
        return [(at - first, subset, check) for at, subset, check in inherited[lo:hi]]


def _crosses(text: str, at: int) -> bool:
    """Whether a word (a run of \\w) of ``text`` goes on across offset ``at``."""
    return _VWORD.fullmatch(text, at - 1, at + 1) is not None


# The ASCII characters regex's \w matches.
_ASCII_WORD = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")


class Dispatch:
    """A word-template rule split by key: at a word, only the alternatives its letters allow.

    ``units`` are the rule's alternatives in order (tokens, or swap keys);
    ``build`` makes the pattern of a subset of them. At each candidate word the
    subset whose keys the word starts with is tried, in the rule's order, so
    the alternative chosen is the one the whole pattern would choose there:
    the matches are those of ``finditer`` with the whole pattern. A subset is
    not tried where the text does not start with any of its alternatives'
    literal start texts (:func:`literal_heads`).
    """

    def __init__(self, units: list[str], build: Any) -> None:
        self.units = units
        self.build = build
        self.by_key: dict[str, list[int]] = {}
        for i, unit in enumerate(units):
            keys = alternative_keys(unit)
            if not keys:
                raise ValueError(f"no key for {unit!r}")
            for k in keys:
                self.by_key.setdefault(k, []).append(i)
        self.keys = frozenset(self.by_key)
        # Compare start texts in lower case if the pattern may ignore case anywhere (an inline
        # (?i) in one alternative reaches the ones after it).
        self.fold = bool(patterns.CASELESS.search(build(units)))
        self.heads = [literal_heads(unit) for unit in units]
        self._cache: dict[tuple[str, ...], Subset] = {}

    def subset_for(self, keys: tuple[str, ...]) -> "Subset":
        """The alternatives with any of ``keys`` (the keys a candidate word starts with)."""
        found = self._cache.get(keys)
        if found is None:
            chosen = sorted({i for k in keys for i in self.by_key[k]})
            found = Subset(self.build([self.units[i] for i in chosen]), chosen,
                           [self.heads[i] for i in chosen], self.fold)
            if len(self._cache) < 4096:
                self._cache[keys] = found
        return found

    def matches(self, text: str, candidates: list[Candidate]) -> Iterator[tuple[Any, list[int]]]:
        """(match, original indices of the pattern's alternatives) in scan order.

        ``candidates`` are :meth:`WordIndex.candidates` of ``text`` for this rule.
        """
        deadline = time.perf_counter() + patterns.TIMEOUT
        last = 0
        clock = time.perf_counter
        for at, subset, check in candidates:
            if at < last or (check and not subset.starts(text, at)):
                continue
            compiled = subset.compiled()
            remaining = deadline - clock()
            if remaining <= 0:
                raise patterns.PatternTimeout(compiled.pattern)
            try:
                m = compiled.match(text, at, timeout=remaining)
            except TimeoutError:
                raise patterns.PatternTimeout(compiled.pattern) from None
            if m is not None:
                yield m, subset.chosen
                last = m.end() if m.end() > m.start() else m.end() + 1


class Subset:
    """Some alternatives of a :class:`Dispatch`, in order, and the texts a match of one of them
    starts with. Compiled when first run: most subsets a draft's words ask for are ruled out
    by those texts alone."""

    __slots__ = ("source", "chosen", "fold", "texts", "by_length", "_compiled", "_after")

    def __init__(self, source: str, chosen: list[int], heads: list[set[str] | None], fold: bool) -> None:
        self.source = source
        self.chosen = chosen
        self.fold = fold
        # None: some alternative has no start text, so the subset is tried at every candidate.
        self.texts: frozenset[str] | None = None
        self.by_length: tuple[tuple[int, frozenset[str]], ...] = ()
        if all(heads):
            self.texts = frozenset(t.lower() if fold else t for h in heads for t in h)  # type: ignore[union-attr]
            lengths = sorted({len(t) for t in self.texts})
            self.by_length = tuple((n, frozenset(t for t in self.texts if len(t) == n)) for n in lengths)
        self._compiled: Any = None
        # A word (as compared) -> what its start texts go on with after it (see may_follow).
        self._after: dict[str, tuple[frozenset[str], tuple[str, ...]]] = {}

    def compiled(self) -> Any:
        if self._compiled is None:
            self._compiled = patterns.compile_pattern(self.source)
        return self._compiled

    def at_word(self, word: str) -> bool | None:
        """At a word ``word`` (all of a run of \\w): None if no alternative can match there,
        False if one may, True if that depends on the text after the word."""
        if self.texts is None or not word.isascii():
            return False
        w = word.lower() if self.fold else word
        after = False
        for t in self.texts:
            if len(t) <= len(w):
                if w.startswith(t):
                    return False
            elif t.startswith(w) and t[len(w)] not in _ASCII_WORD:
                after = True
        return True if after else None

    def may_follow(self, word: str, following: str) -> bool:
        """Whether a start text can match at a word ``word`` (one that :meth:`at_word` says
        needs the check) whose next characters are ``following``: False only where
        :meth:`starts` is False at every such place.

        Such a start text is the word, a character that is not a word character, and more:
        it matches only where ``following`` (up to :data:`NEXT` characters) agrees with
        what comes after the word in it. Where ``following`` is not ASCII, :meth:`starts`
        is always True, and so is this.
        """
        if not following.isascii():
            return True
        w = word.lower() if self.fold else word
        nexts = self._after.get(w)
        if nexts is None:
            nexts = self._after[w] = self._continuations(w)
        full, short = nexts
        f = following.lower() if self.fold else following
        if f[:NEXT] in full:
            return True
        return any(f.startswith(r) for r in short)

    def _continuations(self, w: str) -> tuple[frozenset[str], tuple[str, ...]]:
        """What the start texts longer than ``w`` that begin with it go on with: their next
        :data:`NEXT` characters, and (apart) those that end sooner."""
        full, short = set(), set()
        for t in self.texts or ():
            if len(t) > len(w) and t.startswith(w):
                rest = t[len(w):len(w) + NEXT]
                (full if len(rest) == NEXT else short).add(rest)
        return frozenset(full), tuple(sorted(short))

    def starts(self, text: str, at: int) -> bool:
        """Whether ``text`` at ``at`` can start one of the texts: always, where it is not ASCII
        (case folding can match ASCII letters in other ways there)."""
        for n, texts in self.by_length:
            piece = text[at:at + n]
            if not piece.isascii() or (piece.lower() if self.fold else piece) in texts:
                return True
        return False


class Prefilter:
    def __init__(self, prefixes: set[str]) -> None:
        self.prefixes = prefixes

    @classmethod
    def for_doc(cls, text: str) -> "Prefilter":
        words = set(_WORD.findall(text.lower()))
        # Each word's first 1..KEY letters (a shorter word is its own prefix), sliced in C.
        prefixes: set[str] = set()
        for n in range(1, KEY + 1):
            prefixes.update(map(itemgetter(slice(0, n)), words))
        return cls(prefixes)

    def may_match(self, keys: frozenset[str]) -> bool:
        return not self.prefixes.isdisjoint(keys)

    @staticmethod
    def keys_for(check: Any) -> frozenset[str] | None:
        """The word prefixes one of which any match must contain, or None (always run)."""
        kind = getattr(check, "kind", "")
        data = getattr(check, "data", {})
        if data.get("nonword") or getattr(check.setup, "word_template", ""):
            return None
        if kind == "existence":
            if data.get("raw"):
                return None
            alts = list(check.tokens)
        elif kind == "substitution":
            alts = list(check.keys)
        else:
            return None
        keys: set[str] = set()
        for alt in alts:
            found = alternative_keys(alt)
            if not found:
                return None
            keys |= found
        return frozenset(keys)


def alternative_keys(pattern: str) -> set[str] | None:
    """Lower-case prefixes (up to 3 letters) a match of ``pattern`` must start a word with."""
    out: set[str] = set()
    for branch in split_branches(pattern):
        k = _branch_key(branch)
        if not k:
            return None
        out |= k
    return out


def _structure(p: str, start: int = 0) -> Iterator[tuple[int, str, int]]:
    """(index, character, group depth after it) for each character outside escapes and classes.

    Both the branch splitter and the group matcher need to see a pattern's
    parentheses and bars the way the regex engine does.
    """
    depth, i, in_class = 0, start, False
    while i < len(p):
        c = p[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        else:
            depth += (c == "(") - (c == ")")
            yield i, c, depth
        i += 1


def split_branches(p: str) -> list[str]:
    """The top-level alternatives of pattern ``p`` (``a|b(c|d)`` gives ``a`` and ``b(c|d)``)."""
    parts, start = [], 0
    for i, c, depth in _structure(p):
        if c == "|" and depth == 0:
            parts.append(p[start:i])
            start = i + 1
    parts.append(p[start:])
    return parts


def _skip_zero_width(b: str) -> int | None:
    """Where branch ``b`` starts to consume text: after lookarounds, \\b, ^ and inline flags (None: unclosed)."""
    i = 0
    while i < len(b):
        if b.startswith(r"\b", i):
            i += 2
        elif b[i] == "^":
            i += 1
        elif b.startswith(("(?=", "(?!", "(?<=", "(?<!"), i):
            end = _close(b, i)
            if end < 0:
                return None
            i = end + 1
        elif re.match(r"\(\?[imsx-]+\)", b[i:]):
            i = b.index(")", i) + 1
        else:
            break
    return i


def _branch_key(b: str) -> set[str] | None:
    start = _skip_zero_width(b)
    if start is None:
        return None
    i = start
    lit = []
    while i < len(b) and len(lit) < KEY:
        c = b[i]
        nxt = b[i + 1] if i + 1 < len(b) else ""
        if c.isalnum() or c == "_":
            if nxt in "?*" or b.startswith("{0", i + 1):
                break
            lit.append(c.lower())
            i += 1
            if nxt == "+" or nxt == "{":
                break
            continue
        group = re.match(r"\((?:\?:|\?P?<[A-Za-z_]\w*>|(?!\?))", b[i:])
        if c == "(" and group:
            end = _close(b, i)
            if end < 0 or (end + 1 < len(b) and b[end + 1] in "?*{"):
                break
            inner = alternative_keys(b[i + group.end():end])
            if not lit:
                return inner
            if inner:
                return {("".join(lit) + k)[:KEY] for k in inner}
            break
        if c == "[" and not lit:
            end = b.find("]", i)
            body = b[i + 1:end] if end > 0 else ""
            if end < 0 or not body or not all(ch.isalnum() for ch in body) or len(body) > 6 \
                    or (end + 1 < len(b) and b[end + 1] in "?*"):
                return None
            rest = _branch_key(b[end + 1:]) if end + 1 < len(b) else None
            if rest:
                return {(ch.lower() + r)[:KEY] for ch in body for r in rest}
            return {ch.lower() for ch in body}
        break
    return {"".join(lit)} if lit else None


# Characters that stand for themselves in a pattern (no (?x) mode: see literal_heads) and that
# only ASCII characters match, with or without (?i).
_LITERAL = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_ -',/:;\"!%&=<>@~")
_VERBOSE = regexstore.compile(r"\(\?[a-wyz-]*x")
_GROUP_OPEN = regexstore.compile(r"\((?:\?:|\?P?<[A-Za-z_]\w*>|(?!\?))")


def literal_heads(pattern: str) -> set[str] | None:
    """ASCII text a match of ``pattern`` must start with (as written), one per branch; None: not known.

    Longer than a key (it runs on past the first word: ``a lot`` gives ``a lot``),
    so at a candidate word it rules out most alternatives without running them.
    """
    if _VERBOSE.search(pattern):
        return None
    out: set[str] = set()
    for branch in split_branches(pattern):
        start = _skip_zero_width(branch)
        lits = _branch_literal(branch, start) if start is not None else None
        if not lits:
            return None
        out |= lits
    return out


def _branch_literal(b: str, i: int) -> set[str] | None:
    lit: list[str] = []
    while i < len(b):
        c = b[i]
        nxt = b[i + 1] if i + 1 < len(b) else ""
        if c in _LITERAL:
            if nxt and nxt in "?*{":   # optional, or a count not read here
                break
            lit.append(c)
            i += 1
            if nxt == "+":
                break
            continue
        if c == "(" and not lit:
            group = _GROUP_OPEN.match(b, i)
            end = _close(b, i) if group else -1
            if end < 0 or (end + 1 < len(b) and b[end + 1] in "?*{+"):
                return None
            return literal_heads(b[group.end():end])
        break
    return {"".join(lit)} if lit else None


def _close(b: str, i: int) -> int:
    """Where the group opened at ``b[i]`` closes, or -1."""
    for j, c, depth in _structure(b, i):
        if c == ")" and depth == 0:
            return j
    return -1