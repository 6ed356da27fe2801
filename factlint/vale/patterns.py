"""Vale patterns (Go regexp2 syntax) compiled with ``regex``, and run with a time limit.

regexp2 follows .NET: inline flags such as ``(?i)`` or ``(?-i)`` hold to the
end of their group, across alternatives; ``[`` inside a class is a literal;
``\\z`` ends the text. ``regex``'s VERSION1 has the same inline-flag rules,
so the translation is small: character classes are escaped where VERSION1
would read set operations (``--``, ``&&``, ``||``, ``~~``) or a nested set,
``\\z`` becomes ``\\Z`` and ``(?P<name>`` / ``(?<name>`` are kept.

Every search goes through :func:`finditer` with a deadline: a pattern that
backtracks catastrophically raises :class:`PatternTimeout`, which the caller
turns into one finding naming the rule, and the run goes on.
"""

from __future__ import annotations

import os
from functools import lru_cache
from typing import Iterator

import regex

from factlint.records import record

# Seconds one pattern may spend on one document (all its matches together).
TIMEOUT = float(os.environ.get("FACTLINT_PATTERN_TIMEOUT", "1.0"))

class PatternError(ValueError):
    """A pattern that does not compile; the message says why."""


class PatternTimeout(Exception):
    """A pattern ran past its time limit on one text."""

    def __init__(self, pattern: str) -> None:
        super().__init__(pattern)
        self.pattern = pattern


def translate(pattern: str) -> str:
    """The ``regex`` (VERSION1) spelling of a Go regexp2 pattern."""
    out: list[str] = []
    i, n = 0, len(pattern)
    in_class = False
    class_start = 0
    while i < n:
        c = pattern[i]
        if c == "\\" and i + 1 < n:
            nxt = pattern[i + 1]
            if not in_class and nxt == "z":
                out.append(r"\Z")
            elif nxt == "Q":  # \Q...\E: a literal run
                end = pattern.find(r"\E", i + 2)
                end = n if end < 0 else end
                out.append(regex.escape(pattern[i + 2:end]))
                i = end + 2
                continue
            else:
                out.append(pattern[i:i + 2])
            i += 2
            continue
        if in_class:
            if c == "]" and i > class_start:
                in_class = False
                out.append(c)
            elif c == "[":
                if pattern.startswith("[:", i):
                    end = pattern.find(":]", i + 2)
                    if end > 0:
                        out.append(pattern[i:end + 2])
                        i = end + 2
                        continue
                out.append(r"\[")
            elif c in "-&|~" and i + 1 < n and pattern[i + 1] == c:
                out.append("\\" + c + "\\" + c)
                i += 2
                continue
            else:
                out.append(c)
            i += 1
            continue
        if c == "[":
            in_class = True
            out.append(c)
            i += 1
            if i < n and pattern[i] == "^":
                out.append("^")
                i += 1
            class_start = i
            if i < n and pattern[i] == "]":  # a leading ] is a literal
                out.append(r"\]")
                i += 1
                class_start = i
            continue
        out.append(c)
        i += 1
    return "".join(out)


@lru_cache(maxsize=4096)
def compile_pattern(pattern: str) -> "regex.Pattern[str]":
    """Compile a Vale pattern; :class:`PatternError` says what is wrong with it."""
    try:
        return regex.compile(translate(pattern), regex.V1)
    except (regex.error, ValueError, OverflowError) as exc:
        raise PatternError(f"invalid pattern {pattern[:120]!r}: {exc}") from None


def finditer(compiled: "regex.Pattern[str]", text: str, timeout: float | None = None,
             pos: int = 0, endpos: int | None = None) -> Iterator["regex.Match[str]"]:
    """``compiled.finditer`` with a deadline; raises :class:`PatternTimeout`."""
    limit = TIMEOUT if timeout is None else timeout
    try:
        if endpos is None:
            yield from compiled.finditer(text, pos, timeout=limit)
        else:
            yield from compiled.finditer(text, pos, endpos, timeout=limit)
    except TimeoutError:
        raise PatternTimeout(compiled.pattern) from None


def spans(compiled: "regex.Pattern[str]", text: str, timeout: float | None = None) -> list[tuple[int, int]]:
    """The spans of all matches, as :func:`finditer` gives them (without a generator per match)."""
    try:
        return [m.span() for m in compiled.finditer(text, timeout=TIMEOUT if timeout is None else timeout)]
    except TimeoutError:
        raise PatternTimeout(compiled.pattern) from None


def findall(compiled: "regex.Pattern[str]", text: str, timeout: float | None = None) -> list:
    """``compiled.findall`` (the matches :func:`finditer` gives, as strings or group tuples) with a deadline."""
    try:
        return compiled.findall(text, timeout=TIMEOUT if timeout is None else timeout)
    except TimeoutError:
        raise PatternTimeout(compiled.pattern) from None


def search(compiled: "regex.Pattern[str]", text: str, timeout: float | None = None) -> "regex.Match[str] | None":
    limit = TIMEOUT if timeout is None else timeout
    try:
        return compiled.search(text, timeout=limit)
    except TimeoutError:
        raise PatternTimeout(compiled.pattern) from None


# Texts every match must contain -----------------------------------------------------------------
#
# A rule that scans whole blocks (no word keys) is skipped on a block that lacks every text one
# of which each of its matches must contain: one substring search instead of a regex scan.

_META = set("\\.^$*+?{}[]()|")
# Whether a pattern may ignore case somewhere: (?i), (?i:...), (?mi)... (or (?-i): to be safe).
CASELESS = regex.compile(r"\(\?\^?[A-Za-z-]*i")
_QUANTIFIER = regex.compile(r"\{(\d*)(?:,(\d*))?\}")
_FLAGS_ONLY = regex.compile(r"\(\?[a-zA-Z-]+\)")
_FLAGS_SCOPED = regex.compile(r"\(\?[a-zA-Z-]+:")
_NAMED = regex.compile(r"\(\?P?<[A-Za-z_]\w*>")


class _Unknown(Exception):
    """Syntax the scan below does not read: the pattern gets no required texts."""


def required_texts(pattern: str) -> frozenset[str] | None:
    """Texts one of which every match of ``pattern`` (regex V1 syntax) contains; None: not known.

    Only characters that are ASCII, or have no case at all (dashes, quotes...), go into a text,
    so :func:`may_contain` can compare them exactly or, for ASCII drafts, in lower case.
    """
    if regex.search(r"\(\?[a-wyz-]*x", pattern):  # verbose mode: spaces and # mean other things
        return None
    try:
        found, end = _alternation(pattern, 0)
    except _Unknown:
        return None
    if end != len(pattern) or not found:
        return None
    return frozenset(found)


def _alternation(p: str, i: int) -> tuple[set[str] | None, int]:
    """The required texts of the alternatives from ``p[i]`` to the closing ``)`` or the end."""
    out: set[str] | None = set()
    while True:
        need, i = _sequence(p, i)
        if need is None or out is None:
            out = None
        else:
            out |= need
        if i < len(p) and p[i] == "|":
            i += 1
            continue
        return out, i


def _sequence(p: str, i: int) -> tuple[set[str] | None, int]:
    """One alternative: its best requirement (the longest literal run, or a group's texts)."""
    best: set[str] | None = None
    run: list[str] = []

    def offer(need: set[str] | None) -> None:
        nonlocal best
        if need and all(need) and (best is None or min(map(len, need)) > min(map(len, best))):
            best = need

    def close_run() -> None:
        if run:
            offer({"".join(run)})
            run.clear()

    while i < len(p) and p[i] not in "|)":
        item, i = _item(p, i)
        low, repeated, i = _quantifier(p, i)
        kind, value = item
        if kind == "char" and low >= 1 and _plain(value):
            run.append(value)
            if repeated:  # the run cannot go on past a repeated character
                close_run()
            continue
        close_run()
        if kind == "group" and low >= 1:
            offer(value)
    close_run()
    return best, i


def _plain(c: str) -> bool:
    """A character that matches only itself, in any case mode, or only ASCII letters' cases."""
    return c.isascii() or (c.lower() == c == c.upper() and c.casefold() == c)


def _item(p: str, i: int) -> tuple[tuple[str, object], int]:
    """The atom at ``p[i]``: ("char", c), ("group", required texts or None) or ("other", None)."""
    c = p[i]
    if c == "\\":
        if i + 1 >= len(p):
            raise _Unknown
        nxt = p[i + 1]
        if nxt.isalnum():
            if nxt in "pPNxuUgkoc":  # \p{..}, \N{..}, \x.., \g<..>: read as "something", with its length
                m = regex.match(r"\\[pPN]\{[^}]*\}|\\[pP][A-Za-z]|\\x[0-9a-fA-F]{2}|\\x\{[0-9a-fA-F]+\}"
                                r"|\\u[0-9a-fA-F]{4}|\\U[0-9a-fA-F]{8}", p[i:])
                if not m:
                    raise _Unknown
                return ("other", None), i + m.end()
            return ("other", None), i + 2
        return ("char", nxt), i + 2
    if c == "[":
        end = _class_end(p, i)
        body = p[i + 1:end - 1]
        # A short class of plain characters ([—–]) requires one of them.
        if body and len(body) <= 8 and all(ch not in "^-\\[]" and _plain(ch) for ch in body):
            return ("group", set(body)), end
        return ("other", None), end
    if c == "(":
        if p.startswith("(?#", i):
            end = p.find(")", i)
            if end < 0:
                raise _Unknown
            return ("other", None), end + 1
        m = _FLAGS_ONLY.match(p, i)
        if m:
            return ("other", None), m.end()
        if p.startswith(("(?=", "(?!", "(?<=", "(?<!"), i):
            start = i + (4 if p.startswith("(?<", i) else 3)
            _, end = _alternation(p, start)
            return ("other", None), _closing(p, end)
        m = _FLAGS_SCOPED.match(p, i) or _NAMED.match(p, i)
        if m:
            start = m.end()
        elif p.startswith("(?:", i):
            start = i + 3
        elif p.startswith("(?", i):
            raise _Unknown  # atomic, conditional, recursion, branch reset...
        else:
            start = i + 1
        need, end = _alternation(p, start)
        return ("group", need), _closing(p, end)
    if c in "^$.":
        return ("other", None), i + 1
    if c in _META:
        raise _Unknown  # a quantifier with nothing before it, a stray brace...
    return ("char", c), i + 1


def _closing(p: str, i: int) -> int:
    if i >= len(p) or p[i] != ")":
        raise _Unknown
    return i + 1


def _class_end(p: str, i: int) -> int:
    """Just past the character class opened at ``p[i]`` (translated: nested ``[`` are escaped)."""
    j = i + 1
    if j < len(p) and p[j] == "^":
        j += 1
    if j < len(p) and p[j] == "]":
        j += 1
    while j < len(p):
        if p[j] == "\\":
            j += 2
            continue
        if p.startswith("[:", j):
            end = p.find(":]", j + 2)
            if end > 0:
                j = end + 2
                continue
        if p[j] == "[":
            raise _Unknown  # a nested set
        if p[j] == "]":
            return j + 1
        j += 1
    raise _Unknown


def _quantifier(p: str, i: int) -> tuple[int, bool, int]:
    """The fewest repeats the quantifier at ``p[i]`` allows, whether there is one, and where it ends."""
    if i >= len(p):
        return 1, False, i
    c = p[i]
    if c in "?*+":
        low = 1 if c == "+" else 0
        i += 1
    elif c == "{":
        m = _QUANTIFIER.match(p, i)
        if not m:
            raise _Unknown
        low = int(m.group(1) or 0)
        i = m.end()
    else:
        return 1, False, i
    if i < len(p) and p[i] in "?+":  # lazy or possessive
        i += 1
    if i < len(p) and p[i] in "?*+{":
        raise _Unknown
    return low, True, i


def may_contain(texts: frozenset[str] | None, text: str, fold: bool) -> bool:
    """Whether ``text`` holds one of ``texts`` (from :func:`required_texts`); ``fold``: the
    pattern may ignore case, so letters are compared in lower case, and only in ASCII text
    (where case folding has no other ways to match an ASCII letter)."""
    if texts is None:
        return True
    if not fold:
        for t in texts:
            if t in text:
                return True
        return False
    low = None
    for t in texts:
        if t.lower() == t.upper():
            if t in text:
                return True
            continue
        if low is None:
            if not text.isascii():
                return True
            low = text.lower()
        if t.lower() in low:
            return True
    return False


# A cheaper pattern that finds a match wherever a pattern does ------------------------------------
#
# Many whole-block patterns begin or end with a repeated word character (``\w+[.?!][A-Z]\w+``).
# Unanchored, the engine tries ``\w+`` from every character of every word and backs off one
# character at a time, so a block costs about the square of its word lengths, to find
# nothing in nearly every block. A match of ``X+R`` ends with a match of ``XR`` (its last X
# and R) and ``XR`` is a match of ``X+R``: the two match in the same texts, and the second
# costs one step per character. :func:`probe_pattern` makes such a pattern; a block where it
# finds nothing needs no scan with the rule's own pattern.

_BACKREFERENCE = regex.compile(r"\\[1-9]|\\[gk]|\(\?P=")
_ASSERTIONS = ("\\b", "\\B", "\\A", "\\Z", "\\G", "^", "$")
# Texts whose probes may be at most this many pieces long (a group repeated n times is copied n times).
_MAX_PIECES = 64


@record
class _Piece:
    """One item of a pattern's sequence: an atom as written and its quantifier."""

    atom: str
    quantifier: str = ""
    low: int = 1
    kind: str = "atom"        # "atom", "group" (plain or capturing), "assert" (zero width), "flags"
    inner: str = ""           # a group's content

    def text(self) -> str:
        return self.atom + self.quantifier


def _pieces(p: str, i: int) -> tuple[list[_Piece], int]:
    """The items of one alternative from ``p[i]`` to its ``|``, closing ``)`` or the end."""
    out: list[_Piece] = []
    while i < len(p) and p[i] not in "|)":
        start = i
        _, end = _item(p, i)
        low, repeated, stop = _quantifier(p, end)
        piece = _Piece(p[start:end], p[end:stop], low if repeated else 1)
        atom = piece.atom
        if atom in _ASSERTIONS or atom.startswith(("(?=", "(?!", "(?<=", "(?<!")):
            piece.kind = "assert"
        elif _FLAGS_ONLY.fullmatch(atom) or atom.startswith("(?#"):
            piece.kind = "flags"
        elif atom.startswith("("):
            opened = _NAMED.match(atom) or (regex.match(r"\(\?:", atom)) or regex.match(r"\((?!\?)", atom)
            if opened:
                piece.kind = "group"
                piece.inner = atom[opened.end():-1]
        out.append(piece)
        i = stop
    return out, i


def _branches(p: str) -> list[list[_Piece]]:
    """The top-level alternatives of ``p``, each as its items."""
    out = []
    i = 0
    while True:
        seq, i = _pieces(p, i)
        out.append(seq)
        if i >= len(p):
            return out
        if p[i] != "|":
            raise _Unknown
        i += 1


def _unbounded(quantifier: str) -> bool:
    return quantifier[:1] in ("+", "*") or bool(regex.match(r"\{\d*,\}", quantifier))


def _trim(seq: list[_Piece], front: bool) -> tuple[list[_Piece], bool]:
    """``seq`` with its first (or last) consuming item made as cheap as :func:`probe_pattern` says:
    an assertion dropped, a repeat cut to its fewest, a one-branch group opened up; and
    whether a repeat without an upper bound was cut."""
    seq = list(seq)
    cut = False
    while len(seq) <= _MAX_PIECES:
        order = range(len(seq)) if front else range(len(seq) - 1, -1, -1)
        k = next((j for j in order if seq[j].kind != "flags"), None)
        if k is None:
            break
        piece = seq[k]
        possessive = len(piece.quantifier) > 1 and piece.quantifier.endswith("+")
        if piece.kind == "assert" and not piece.quantifier:
            del seq[k]  # fewer conditions: the probe matches at least where the pattern does
            continue
        if possessive or piece.kind == "assert":
            break
        if piece.quantifier:
            cut = cut or _unbounded(piece.quantifier)
            if piece.low == 0:
                del seq[k]
                continue
            if piece.kind == "group" and piece.low <= 4:
                seq[k] = _Piece(piece.atom, "", 1, "group", piece.inner)
                seq[k + 1:k + 1] = [_Piece(piece.atom, "", 1, "group", piece.inner) for _ in range(piece.low - 1)]
                continue
            seq[k] = _Piece(piece.atom, "" if piece.low == 1 else "{%d}" % piece.low, piece.low, piece.kind,
                            piece.inner)
            break
        if piece.kind == "group":
            inner = _branches(piece.inner)
            if len(inner) == 1 and not any(q.kind == "flags" for q in inner[0]):
                seq[k:k + 1] = inner[0]
                continue
        break
    return seq, cut


def _probe_sequence(seq: list[_Piece]) -> tuple[str, bool]:
    """The probe of one alternative, and whether it cut an unbounded repeat at its start."""
    seq, cut = _trim(seq, True)
    seq, _ = _trim(seq, False)
    consuming = [q for q in seq if q.kind != "flags"]
    if len(consuming) == 1 and consuming[0].kind == "group" and not consuming[0].quantifier:
        group = consuming[0]
        branches = _branches(group.inner)
        if len(branches) > 1:
            probed = [_probe_sequence(b) for b in branches]
            cut = cut or any(c for _, c in probed)
            opened = group.atom[:len(group.atom) - len(group.inner) - 1]
            group.atom = opened + "|".join(t for t, _ in probed) + ")"
    return "".join(q.text() for q in seq), cut


def probe_pattern(pattern: str) -> str | None:
    """A pattern (regex V1 syntax) that finds a match in every text where ``pattern`` finds one,
    cheaper to run; None where no alternative starts with an unbounded repeat (``\\w+``,
    ``(...){1,}``), or the syntax is not read here.

    Each step keeps that promise: a repeated first (or last) item cut to its fewest repeats
    finds matches in the same texts; a dropped assertion (``\\b``, a lookaround) only adds
    matches; a group of one alternative is its items. A group of several alternatives that
    is all an alternative consumes is probed alternative by alternative. Inline flags stay
    where they are, and a group with flags of its own is not opened (its flags would
    reach further); patterns with backreferences are left alone.
    """
    if _BACKREFERENCE.search(pattern) or regex.search(r"\(\?[a-wyz-]*x", pattern):
        return None
    try:
        probed = [_probe_sequence(seq) for seq in _branches(pattern)]
    except (_Unknown, IndexError):
        return None
    probe = "|".join(t for t, _ in probed)
    # Worth a second pattern only where an alternative began with an unbounded repeat (the
    # engine's cost above); elsewhere the probe scans about as slowly as the pattern.
    if not any(c for _, c in probed) or not probe.replace("(?:", "").strip("()|"):
        return None
    try:
        regex.compile(probe, regex.V1)
    except (regex.error, ValueError, OverflowError):
        return None
    return probe


class BlockGate:
    """The cheap tests a block passes before ``pattern`` is scanned over it whole: the block
    holds one of the pattern's required texts (:func:`required_texts`), and the cheaper
    probe (:func:`probe_pattern`), where there is one, finds a match in it. A block that
    fails either holds no match."""

    __slots__ = ("required", "fold", "probe")

    def __init__(self, pattern: str) -> None:
        self.required = required_texts(pattern)
        self.fold = bool(CASELESS.search(pattern))
        probe = probe_pattern(pattern)
        self.probe = regex.compile(probe, regex.V1) if probe else None

    def may_match(self, text: str) -> bool:
        return may_contain(self.required, text, self.fold) and (
            self.probe is None or search(self.probe, text) is not None)
