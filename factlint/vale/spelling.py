"""Vale ``spelling`` rules: Hunspell dictionaries read by spylls, Vale's tokenizer and filters.

Vale accepts a word when the dictionary (its affixes expanded) has it as
written or in lower case, after dropping words its filters match (by
default anything with a character other than a letter, ``_`` or ``'``, and
camel-cased or all-capital words). ``append: true`` (or no dictionary named)
adds the default ``en_US`` dictionary, looked for beside the rule's
``dicpath``, under StylesPath/config/dictionaries, in ``$DICPATH`` and in
the system's hunspell folders.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from factlint.vale.rules import Alert, ValeCheck, _as_list, warn
from factlint import regexstore

DEFAULT_FILTERS = (r"[A-Z]{1}[a-z]+[A-Z]+\w+", r"[A-Z]+$", r"[^a-zA-Z_']")
SYSTEM_DIRS = ("/usr/share/hunspell", "/usr/share/myspell", "/usr/share/myspell/dicts",
               "/usr/local/share/hunspell", "/Library/Spelling")
_PREFIXES = "$(\"['"
_SUFFIXES = ",)\"]!;.?:'"
_SPECIAL = regexstore.compile(r"^(?:[A-Za-z]\.){2,}$|^[A-Z][a-z]{1,2}\.$")
_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'"})
_warned: set[str] = set()


def tokenize(text: str) -> list[str]:
    """Vale's word tokenizer: split on white space, peel leading and trailing punctuation."""
    out = []
    for token in text.translate(_QUOTES).split():
        word = _TOKENS.get(token)
        if word is None:
            word = _peel(token)
            if len(_TOKENS) < 200_000:
                _TOKENS[token] = word
        if word:
            out.append(word)
    return out


# A white-space-separated token -> its word ("" for none): a pure function, so shared by all documents.
_TOKENS: dict[str, str] = {}


def _peel(token: str) -> str:
    """The word Vale reads in one token, or "" (no letter left)."""
    last = -1
    while token and len(token) != last:
        if _SPECIAL.match(token):
            return token if any(c.isalpha() for c in token) else ""
        last = len(token)
        if token[0] in _PREFIXES:
            token = token[1:]
        elif token[-1] in _SUFFIXES:
            token = token[:-1]
        else:
            return token if any(c.isalpha() for c in token) else ""
    return ""


@lru_cache(maxsize=32)
def _dictionary(base: str) -> Any:
    from spylls.hunspell import Dictionary

    return Dictionary.from_files(base)


def find_default(dirs: list[Path]) -> str | None:
    env = [Path(p) for p in os.environ.get("DICPATH", "").split(os.pathsep) if p]
    for folder in [*dirs, *env, *(Path(d) for d in SYSTEM_DIRS)]:
        for name in ("en_US", "en_US-web", "en-US", "en_us"):
            if (folder / f"{name}.dic").is_file() and (folder / f"{name}.aff").is_file():
                return str(folder / name)
    return None


class Spelling(ValeCheck):
    kind = "spelling"

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        d = self.data
        self.filters = [re.compile(f) for f in _as_list(d.get("filters"))]
        if not d.get("custom"):
            self.filters += [re.compile(f) for f in DEFAULT_FILTERS]
        self.exceptions = set(self.accepted) | set(_as_list(d.get("exceptions")))
        self.except_re = re.compile("(?i)" + "|".join(self.accepted)) if self.accepted else None
        styles = self.setup.styles_paths
        dicdirs: list[Path] = []
        dicpath = d.get("dicpath")
        if dicpath:
            for base in [Path(str(dicpath)), *(p / str(dicpath) for p in styles), Path.cwd() / str(dicpath)]:
                if base.is_dir():
                    dicdirs.append(base)
                    break
            else:
                raise ValueError(f"dicpath {dicpath!r}: no such folder (relative to StylesPath)")
        dicdirs += [p / "config" / "dictionaries" for p in styles]
        bases: list[str] = []
        aff, dic = d.get("aff"), d.get("dic")
        if aff and dic:
            for root in [Path.cwd(), *styles, *dicdirs]:
                if (root / str(dic)).is_file() and (root / str(aff)).is_file():
                    bases.append(str(root / str(dic))[:-4])
                    break
        names = _as_list(d.get("dictionaries"))
        for name in names:
            for folder in dicdirs:
                if (folder / f"{name}.dic").is_file():
                    bases.append(str(folder / name))
                    break
            else:
                raise ValueError(f"dictionary {name!r} not found in {', '.join(map(str, dicdirs)) or 'dicpath'}")
        if d.get("append") or not bases:
            default = find_default(dicdirs)
            if default:
                bases.insert(0, default)
            elif "default" not in _warned:
                _warned.add("default")
                warn(f"{self.name}: no en_US Hunspell dictionary found (install hunspell-en-us, or put "
                     f"en_US.aff and en_US.dic in StylesPath/config/dictionaries); only the rule's "
                     f"own dictionaries are used")
        try:
            self.dictionaries = [_dictionary(b) for b in bases]
        except Exception as exc:  # noqa: BLE001 - a broken .aff/.dic is the rule's error
            raise ValueError(f"cannot read Hunspell dictionary: {exc}") from None
        self.words: set[str] = set()
        for ignore in _as_list(d.get("ignore")):
            for candidate in [Path(ignore), *(p / ignore for p in styles),
                              *(p / "config" / "ignore" / ignore for p in styles)]:
                if candidate.is_file():
                    self.words |= {w.strip() for w in candidate.read_text(encoding="utf-8").splitlines()
                                   if w.strip() and w.strip() != "#"}
        self._known: dict[str, bool] = {}
        self._bad: dict[str, bool] = {}

    def spelled(self, word: str) -> bool:
        known = self._known.get(word)
        if known is None:
            known = (word in self.words or word.lower() in self.words
                     or any(_lookup(d, word) or _lookup(d, word.lower()) for d in self.dictionaries))
            self._known[word] = known
        return known

    def run(self, text: str, state: dict) -> list[Alert]:
        out = []
        for word in tokenize(text):
            bad = self._bad.get(word)
            if bad is None:
                bad = not (any(f.search(word) for f in self.filters) or word in self.exceptions
                           or (self.except_re and self.except_re.search(word)) or self.spelled(word))
                if len(self._bad) < 500_000:
                    self._bad[word] = bad
            if bad:
                at = text.translate(_QUOTES).find(word)
                if at >= 0:
                    out.append(self.alert(text, at, at + len(word)))
        return out


def _lookup(dictionary: Any, word: str) -> bool:
    try:
        return bool(dictionary.lookup(word))
    except Exception:  # noqa: BLE001 - spylls on odd input
        return False
