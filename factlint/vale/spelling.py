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

import gc
import os
import re
from functools import lru_cache
from itertools import compress
from pathlib import Path
from typing import Any

from factlint.vale.memo import looked_up
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
    return _words(text.translate(_QUOTES))


def _words(translated: str) -> list[str]:
    """:func:`tokenize` of a text whose quotation marks are already straight.

    The tokens are looked up in the memo all at once; only new ones are peeled.
    """
    return list(filter(None, looked_up(_TOKENS, translated.split(), _peeled)))


def _peeled(token: str) -> str:
    word = _peel(token)
    if len(_TOKENS) < 200_000:
        _TOKENS[token] = word
    return word


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
    """A Hunspell dictionary, read once per process and kept out of the garbage collector's scans.

    en_US is about 360,000 tracked objects that live as long as this cache (to the
    end of the process): every full collection of a run would walk them all (about
    0.25 s each, several times over a corpus) and find nothing. Freezing moves them
    to the permanent generation; objects alive beside them at that moment are
    frozen too, which happens at most once per dictionary file.
    """
    from spylls.hunspell import Dictionary

    dictionary = Dictionary.from_files(base)
    gc.freeze()
    return dictionary


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
        # Without the en_US dictionary it adds to (or, with none of its own, the only one), the
        # rule would report nearly every word: 720,000 findings on the BBC corpus. It is off.
        self.off = False
        if d.get("append") or not bases:
            default = find_default(dicdirs)
            if default:
                bases.insert(0, default)
            else:
                self.off, bases = True, []
                if self.name not in _warned:
                    _warned.add(self.name)
                    warn(f"{self.name}: no en_US Hunspell dictionary found (install hunspell-en-us, or "
                         f"put en_US.aff and en_US.dic in StylesPath/config/dictionaries); this rule "
                         f"does not run")
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
            lower = word.lower()
            # The same "or" as a dictionary lookup of the word and of its lower case, in each
            # dictionary; the cheap sure answers (a stem as written) are asked first.
            known = (word in self.words or lower in self.words
                     or any(_bare_stem(d, word) or _bare_stem(d, lower) for d in self.dictionaries)
                     or any(_lookup(d, word) or _lookup(d, lower) for d in self.dictionaries))
            self._known[word] = known
        return known

    def is_bad(self, word: str) -> bool:
        """Whether the rule reports ``word`` (memoised: a pure function of the word)."""
        bad = self._bad.get(word)
        if bad is None:
            bad = not (any(f.search(word) for f in self.filters) or word in self.exceptions
                       or (self.except_re and self.except_re.search(word)) or self.spelled(word))
            if len(self._bad) < 500_000:
                self._bad[word] = bad
        return bad

    def run(self, text: str, state: dict) -> list[Alert]:
        out: list[Alert] = []
        if self.off:
            return out
        translated = text.translate(_QUOTES)
        words = _words(translated)
        verdicts = looked_up(self._bad, words, self.is_bad)
        for i in compress(range(len(words)), verdicts):
            word = words[i]
            # As Vale does: the alert is at the word's first occurrence in the block.
            at = translated.find(word)
            if at >= 0:
                out.append(self.alert(text, at, at + len(word)))
        return out


def _bare_stem(dictionary: Any, word: str) -> bool:
    """True only where ``dictionary.lookup(word)`` is True: the word is a stem of the dictionary,
    as written, that spylls accepts without affixes (False: not known here, ask ``lookup``).

    A lookup tries every affix and compound split and costs about 30 µs even for a stem;
    this is the first form it tries (the whole word, as cased, against its stems'
    flags, with spylls' own test), after the checks it makes before that: the word is
    not forbidden, and input conversion and ignored characters do not change it.
    German sharp-s handling is left to ``lookup``.
    """
    try:
        aff, dic = dictionary.aff, dictionary.dic
        homonyms = dic.homonyms(word)
        if not homonyms or aff.CHECKSHARPS:
            return False
        if aff.FORBIDDENWORD and all(aff.FORBIDDENWORD in h.flags for h in homonyms):
            return False
        if (aff.ICONV and aff.ICONV(word) != word) or (aff.IGNORE and word.translate(aff.IGNORE.tr) != word):
            return False
        from spylls.hunspell.algo.lookup import AffixForm

        captype = aff.casing.guess(word)
        form = AffixForm(text=word, stem=word)
        return any(dictionary.lookuper.is_good_form(form.replace(in_dictionary=h), compoundpos=None,
                                                    captype=captype, allow_nosuggest=True) for h in homonyms)
    except Exception:  # noqa: BLE001 - another spylls: the full lookup decides
        return False


def _lookup(dictionary: Any, word: str) -> bool:
    try:
        return bool(dictionary.lookup(word))
    except Exception:  # noqa: BLE001 - spylls on odd input
        return False
