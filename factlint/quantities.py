"""Find and normalise the figures in prose: shares, money, counts, changes, dates.

A linter that asks for a source behind every number would drown writers in
false alarms: years, ages, scores, section numbers and model names such as
"Qwen 2.5" are numbers but not statistics. So a figure counts only when it
carries a unit that makes it a measurement of the world (a percent sign, a
currency, a scale word like "million", a counted noun after a large number)
or is one of the few word forms that state a proportion or change ("one in
five", "three times as many", "doubled", "fell by half"). Bare numbers are
never statistics.

Everything is done by one compiled alternation per job (statistics,
temporal expressions) plus cheap checks on each match, so a whole archive
costs one regex pass per file.

``parse_value`` reads the same notations from register YAML, so that a fact's
"16 per cent" and a draft's "16%" normalise to the same ``Quantity``.
"""

from __future__ import annotations

import re
from factlint import regexstore
from factlint.analyses.patterns import by_first_letter, first_letters
from factlint.records import record, replace

__all__ = [
    "Quantity", "Temporal", "find_statistics", "find_temporal", "parse_value", "parse_when",
]


@record(frozen=True)
class Quantity:
    """One figure, with offsets into the text it was found in.

    ``kind`` is one of 'percent', 'points' (percentage points), 'money',
    'count', 'fraction', 'multiple', 'change' or, from ``parse_value`` only,
    'number'. ``value`` is normalised: 16% -> 16.0 with unit '%'; $1.2bn ->
    1.2e9 with unit 'USD'; "a fifth" -> 0.2; "three times" -> 3.0 with unit
    'x'; "doubled" -> 2.0 and "fell by half" -> 0.5 (factors, unit 'x').
    For counts ``unit`` is the word after the number ("2 million users" ->
    'users'), best effort. ``high`` is the second value of a range, in the
    order written ("fell from 60% to 16%" -> value 60, high 16).
    ``approximate`` marks word forms like "dozens of" whose value is a floor.
    """

    start: int
    end: int
    kind: str
    value: float
    unit: str
    raw: str
    high: float | None = None
    approximate: bool = False

    def as_fraction(self) -> float | None:
        """The value as a share of one, for comparing '20%' with 'a fifth'."""
        if self.kind == "percent":
            return self.value / 100.0
        if self.kind == "fraction":
            return self.value
        return None


@record(frozen=True)
class Temporal:
    """A year, a year and month, or a full date, as written in the text."""

    start: int
    end: int
    year: int
    month: int | None = None
    day: int | None = None
    raw: str = ""

    @property
    def key(self) -> str:
        """ISO-like form at the precision written: '2026', '2026-03', '2026-03-04'."""
        out = f"{self.year:04d}"
        if self.month is not None:
            out += f"-{self.month:02d}"
            if self.day is not None:
                out += f"-{self.day:02d}"
        return out

    def matches(self, other: "Temporal | str") -> bool:
        """True when both name the same period at the coarser of the two precisions."""
        if isinstance(other, str):
            other = parse_when(other)
        if self.year != other.year:
            return False
        if self.month is None or other.month is None:
            return True
        if self.month != other.month:
            return False
        return self.day is None or other.day is None or self.day == other.day


# --- vocabulary --------------------------------------------------------------

_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9,
}
_TEENS = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
_SCALES = {
    "hundred": 1e2, "thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6,
    "mln": 1e6, "billion": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12,
    "trn": 1e12,
}
_PARTS = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
    "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "seventh": 7, "sevenths": 7,
    "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9, "tenth": 10, "tenths": 10,
}
_VAGUE_COUNTS = {
    "dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2e3, "millions": 2e6,
    "billions": 2e9, "tens of thousands": 2e4, "hundreds of thousands": 2e5,
    "tens of millions": 2e7, "hundreds of millions": 2e8,
}
_CHANGES = {
    "doubled": 2.0, "doubling": 2.0, "tripled": 3.0, "trebled": 3.0,
    "tripling": 3.0, "quadrupled": 4.0, "halved": 0.5, "halving": 0.5,
}
_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
# Symbols and codes; '$' alone is read as US dollars and '¥' as yuan (write
# 'JP¥' or 'yen' for yen), which is what this newsroom's register uses.
_CURRENCY = {
    "$": "USD", "us$": "USD", "u.s.$": "USD", "usd": "USD", "dollar": "USD", "dollars": "USD",
    "a$": "AUD", "au$": "AUD", "aud": "AUD", "c$": "CAD", "ca$": "CAD", "cad": "CAD",
    "hk$": "HKD", "hkd": "HKD", "nz$": "NZD", "nzd": "NZD", "s$": "SGD", "sgd": "SGD",
    "r$": "BRL", "brl": "BRL",
    "€": "EUR", "eur": "EUR", "euro": "EUR", "euros": "EUR",
    "£": "GBP", "gbp": "GBP", "pound": "GBP", "pounds": "GBP", "sterling": "GBP",
    "¥": "CNY", "cn¥": "CNY", "rmb": "CNY", "cny": "CNY", "yuan": "CNY", "renminbi": "CNY",
    "jp¥": "JPY", "jpy": "JPY", "yen": "JPY",
    "₹": "INR", "inr": "INR", "rs": "INR", "rs.": "INR", "rupees": "INR", "rupee": "INR",
    "₩": "KRW", "krw": "KRW", "₽": "RUB", "rub": "RUB", "roubles": "RUB", "rubles": "RUB",
    "chf": "CHF", "francs": "CHF",
}

_SEQUENCE_BEFORE = regexstore.compile(r"\b(?:round|stage|level|game|race|lap|set|chapter|number|no\.|top)\s+$",
                              re.I)
_TRIES_AFTER = regexstore.compile(r"\s+(?:attempts|tries|starts|outings|appearances|games|matches|races|"
                          r"visits|years|seasons|days|weeks|months)\b", re.I)

# Words after a large number that end the figure without making it something else.
_PREPOSITIONS = frozenset("""
    during since after before until over under between among across through against into
    about around last next throughout within without despite following
""".split())

# Nouns after a large number that make it a duration, a distance or an
# identifier rather than a count of people or things.
_NOT_COUNTED = frozenset("""
    year years yr yrs month months week weeks day days hour hours hr hrs minute minutes min mins
    second seconds sec secs decade decades century centuries millennia bc ad bce ce am pm
    mile miles km kilometre kilometres kilometer kilometers metre metres meter meters m ft foot
    feet inch inches yard yards mph kph kmh mm cm
    a an the and or but of in on at to for from by with as than that this these those it its is
    was were are be been has have had will would can could may might must shall should
    which who whom whose where when while if so not no nor per each every all
    am pm gmt bst utc est edt pst
""".split())

# A few nouns that make a bare 'm' after a number mean million, not metres.
_COUNT_NOUNS_AFTER_M = (
    r"people|users|customers|subscribers|viewers|listeners|readers|visitors|voters|votes|"
    r"workers|jobs|homes|households|members|children|adults|passengers|patients|students|"
    r"residents|consumers|copies|units|downloads|shares|barrels|tonnes|tons|cars|vehicles|"
    r"phones|devices|accounts|fans|employees|staff|cases|deaths|sales|items|songs|tracks|"
    r"albums|tickets|calls|messages|emails|pages|records|games|players|gamers|members|"
    r"consoles|handsets|machines|computers|subscriptions|troops|refugees|tourists|drivers"
)

_WORDNUM = (
    r"(?:(?:" + "|".join(_TENS) + r")(?:[- ](?:" + "|".join(_UNITS) + r"))?"
    r"|" + "|".join(_TEENS) + r"|" + "|".join(_UNITS) + r")"
)
_NUM = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
# Digits must not continue an identifier, a date, a version or a phone number.
_NUMSTART = r"(?<![\w.,:/#-])"
_PCT = r"(?:%|％|\s?per\s?cent\b|\s?percent\b|\s?pct\b)"
_POINTS = r"\s?(?:percentage|percent|per\s?cent)[\s-]points?\b"
_CUR_BEFORE = (
    r"(?:US\$|U\.S\.\s?\$|AU?\$|CA?\$|HK\$|NZ\$|S\$|R\$|CN¥|JP¥|"
    r"(?:USD|EUR|GBP|CNY|JPY|RMB|INR|KRW|CHF|AUD|CAD|HKD|SGD)\s?|Rs\.?\s?|\$|€|£|¥|₹|₩|₽)"
)
_CUR_AFTER = (
    r"(?:dollars|euros|euro(?![\s-]*(?:zone|area))|pounds(?:\s+sterling)?|sterling|yuan|renminbi|"
    r"yen|rupees|roubles|rubles|francs|kroner|kronor|krone|kronur|rand|baht|pesos|zlotys?|forints?|"
    r"lira|lire|shekels|dinars|dirhams|riyals|ringgits?|rupiah|naira|"
    r"USD|EUR|GBP|CNY|RMB|JPY|INR|CHF)\b"
)
_SCALE_WORD = r"(?:million|billion|trillion|thousand)"
_SCALE_ABBR = r"(?:bn|mn|mln|tn|trn|m|b|k)"
_FRACTION_PART = "|".join(sorted(_PARTS, key=len, reverse=True))
_SMALL = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})"
_MULT_NEXT = (
    r"as\s+(?:many|much|likely|[a-z]+\s+as)|more|less|fewer|higher|lower|larger|bigger|smaller|greater|faster|slower|cheaper|the|"
    r"that|what|its|their|his|her|our|than|over"
)

# Two passes keep a whole archive fast. Figures written with digits or a
# currency start with a digit, a symbol or an upper-case code, which a
# leading lookahead finds without trying every alternative at every
# character; a code ("US$", "U.S. $", "USD ", "Rs. ") has its digit within
# six characters, so the many capitals of a text with no digit after them
# are passed over there. Figures written in words ("two-thirds", "doubled")
# are found by looking around a few rare anchor words only.
_NUMERIC = regexstore.compile(
    rf"""
    (?=[\d$€£¥₹₩₽]|[UERGCJAHNSKIBDTMP][A-Za-z.$¥\s]{{0,5}}\d)
    (?:
    (?P<money>
        (?<![A-Za-z])(?P<m_cur>{_CUR_BEFORE})
        (?P<m_val>{_NUM})
        (?:\s?[-–]\s?(?P<m_hi>{_NUM}))?
        (?:\s?-?\s?(?P<m_scale>(?i:{_SCALE_WORD})\b|(?i:{_SCALE_ABBR})(?![a-z])))?
    )
  | (?P<money2>
        {_NUMSTART}(?P<w_val>{_NUM})(?:\s?-?(?P<w_scale>(?i:{_SCALE_WORD}|bn|mn|tn|m))\b)?
        \s(?P<w_cur>(?i:{_CUR_AFTER}))
    )
  | (?P<pct>
        (?:{_NUMSTART}(?P<p_lo2>{_NUM})(?:(?i:{_PCT}))?\s?(?P<p_join>-|–|to|and)\s?)?
        (?:(?<=[-–])|{_NUMSTART})(?P<p_val>{_NUM})
        (?:(?P<p_points>(?i:{_POINTS}))|(?i:{_PCT}))
    )
  | (?P<scaled>
        {_NUMSTART}(?P<s_val>{_NUM})
        (?:
            \s?-?(?P<s_scale>(?i:{_SCALE_WORD}|bn|mn|tn))\b
          | (?P<s_m>m)(?=\s+(?:[A-Z][\w-]*\s+){{0,2}}(?:{_COUNT_NOUNS_AFTER_M})\b)
        )
        (?:\s+(?P<s_noun>[A-Za-z][a-z]+(?:-[a-z]+)*))?
    )
  | (?P<plain>
        {_NUMSTART}(?P<c_val>\d{{1,3}}(?:,\d{{3}})+|[1-9]\d{{4,}})(?![\d,.]\d|[\w/:-])
        \s+(?P<c_noun>[A-Za-z][a-z]+(?:-[a-z]+)*)
    )
  | (?P<oneinx>
        {_NUMSTART}(?P<o_num>\d{{1,2}})\s+(?:in|out\s+of)\s+(?P<o_den>\d{{1,2}}|100|1,?000)\b
        (?!\s?(?:%|(?i:per\s?cent|percent)))
    )
  | (?P<mult>
        {_NUMSTART}(?P<x_val>{_NUM})
        (?:
            \s?-?(?i:fold)\b
          | \s+(?i:times)\s+(?=(?i:{_MULT_NEXT})\b)
        )
    )
    )
    """,
    re.X,
)
_ANCHOR_WORDS = [
    r"per\s?cent", "percent", "million", "billion", "trillion", "thousand", "dozens", "scores",
    "hundreds", "thousands", "millions", "billions", "half", "thirds?", "quarters?", "fifths?",
    "sixths?", "sevenths?", "eighths?", "ninths?", "tenths?", "times", "twice", "thrice",
    "doubl[a-z]+", "tripl[a-z]+", "trebl[a-z]+", "quadrupl[a-z]+", "halv[a-z]+",
    *(f"{n}fold" for n in ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                           "hundred")),
    *(rf"{w}\s+(?:two|three|four|five|six|seven|eight|nine|ten|\d{{1,2}}|hundred|100|1,?000)\b"
      for w in ("in", r"out\s+of")),
]
_ANCHOR = regexstore.compile(rf"\b(?=[{first_letters(_ANCHOR_WORDS)}])(?:{by_first_letter(_ANCHOR_WORDS)})\b")
# Every _NUMERIC alternative has a digit; a phrase without one (most that the source
# analysis asks about) needs no _NUMERIC scan, which is tried at every position.
_DIGIT = regexstore.compile(r"\d")
_WORDS = regexstore.compile(
    rf"""
    \b(?=[abcdefhjlmnopqrstu\d])  # every alternative opens a word with one of these
    (?:
    (?P<pct>
        \b(?P<p_word>{_WORDNUM})
        (?:(?P<p_points>{_POINTS})|{_PCT})
    )
  | (?P<scaled>
        \b(?P<s_word>{_WORDNUM}|a)
        \s?-?(?P<s_scale>{_SCALE_WORD})\b
        (?:\s+(?P<s_noun>[A-Za-z][a-z]+(?:-[a-z]+)*))?
    )
  | (?P<vague>
        \b(?P<v_word>(?:tens|hundreds)\s+of\s+(?:thousands|millions)|dozens|scores|hundreds|thousands|millions|billions)
        \s+of\b
    )
  | (?P<oneinx>
        \b(?P<o_num>{_SMALL})\s+(?:in|out\s+of)\s+(?P<o_den>{_SMALL}|hundred|100|1,?000)\b
        (?!\s?(?:%|per\s?cent|percent))
    )
  | (?P<frac>
        (?P<f_by>\bby\s+)?
        \b(?P<f_num>a|one|two|three|four|five|six|seven|eight|nine)(?P<f_sep>[\s-])
        (?P<f_part>{_FRACTION_PART})\b
        (?P<f_of>\s+of\b)?
    )
  | (?P<half>
        \b(?:(?P<h_pre>more\s+than|less\s+than|fewer\s+than|nearly|almost|about|around|roughly|over|under|just\s+under|just\s+over)\s+)?
        half\b(?P<h_of>\s+of\b)?
    )
  | (?P<mult>
        \b(?P<x_word>{_WORDNUM}|twice|thrice)
        (?:
            \s?-?fold\b
          | \s+times\s+(?=(?:{_MULT_NEXT})\b)
          | (?<=twice)\s+(?=as\s+(?:many|much|large|big|high|likely|fast|often)\b|the\s+(?:number|amount|rate|size|level|average|national)\b)
        )
      | \b(?P<x_fold>two|three|four|five|six|seven|eight|nine|ten|hundred)fold\b
    )
  | (?P<change>
        \b(?P<c_verb>doubled|doubling|tripled|trebled|tripling|quadrupled|halved|halving)\b
        (?!\s+(?:as|down|up|back|over)\b|\s+(?:the|their|his|her|its|our)\s+(?:lead|advantage|tally|score)\b)
      | \b(?:fell|fallen|falls|fall|dropped|drops|declined|cut|cuts|reduce|reduced|shrank|shrunk|slashed|
            decreased|plunged|slumped|sank|tumbled)\s+(?:by\s+)?(?:(?:nearly|almost|about|more\s+than|roughly|around)\s+)?half\b
      | \bcut\s+in\s+half\b
    )
    )
    """,
    re.I | re.X,
)

# A percent of 100 followed by these is a figure of speech, not a measurement.
_CERTAINTY = regexstore.compile(
    r"\s*(?:sure|certain|certainly|right|wrong|behind|committed|fit|confident|focused|"
    r"true|honest|correct|convinced|safe|clear|serious|accurate|positive|guaranteed|"
    r"effort|on\s+board|of\s+the\s+time)\b",
    re.I,
)
# "half" that is a period or part of a game, not a share.
_HALF_BEFORE = regexstore.compile(
    r"(?:\b(?:first|second|other|latter|former|last|top|bottom|better|back|front|the|a|one|"
    r"its|their|his|her|our|in|by)\s+)$",
    re.I,
)

_BETWEEN_BEFORE = regexstore.compile(r"\bbetween\s+$", re.I)
# "a quarter of a century", "half of the season": periods, not shares.
_PERIOD_AFTER_OF = regexstore.compile(
    r"\s+(?:(?:a|an|the|this|that|last|next)\s+)?(?:\d+(?:st|nd|rd|th)\s+)?"
    r"(?:century|centuries|hour|hours|minute|mile|day|week|month|year|decade|season|game|match|"
    r"term|game|innings|inning|\d{4}\b)",
    re.I,
)


def _number(digits: str) -> float:
    return float(digits.replace(",", ""))


def _word_number(word: str) -> float:
    word = word.lower()
    if word in ("a", "an"):
        return 1.0
    parts = re.split(r"[- ]", word)
    total = 0.0
    for p in parts:
        total += _UNITS.get(p) or _TEENS.get(p) or _TENS.get(p) or 0
    return total


def _small(word: str) -> float:
    w = word.lower()
    if w.isdigit():
        return float(w)
    if w == "hundred":
        return 100.0
    return float(_UNITS.get(w) or _TEENS.get(w) or 0)


def _currency(code: str) -> str:
    key = re.sub(r"\s+", "", code).lower()
    if key.startswith("pounds"):
        key = "pounds"
    return _CURRENCY.get(key, key.upper())


def _scale(word: str | None) -> float:
    if not word:
        return 1.0
    return _SCALES[word.lower()]


def _quantity(m: re.Match[str], text: str) -> Quantity | None:
    """Turn one match into a Quantity, or None when context shows it is no statistic."""
    start, end = m.span()
    raw = m.group()
    kind = m.lastgroup
    groups = m.groupdict()
    g = groups.get
    if kind == "money":
        scale = _scale(g("m_scale"))
        value = _number(g("m_val")) * scale
        high = _number(g("m_hi")) * scale if g("m_hi") else None
        return Quantity(start, end, "money", value, _currency(g("m_cur")), raw, high)
    if kind == "money2":
        value = _number(g("w_val")) * _scale(g("w_scale"))
        return Quantity(start, end, "money", value, _currency(g("w_cur")), raw)
    if kind == "pct":
        value = _number(g("p_val")) if g("p_val") else _word_number(g("p_word"))
        lo = g("p_lo2") if "p_lo2" in m.re.groupindex else None
        if lo and g("p_join").lower() == "and":
            # "30 and 40%" is two figures unless "between" makes it a range.
            between = _BETWEEN_BEFORE.search(text, max(0, start - 9), start)
            if not between:
                alone = _NUMERIC.match(text, m.start("p_val"), end)
                return _quantity(alone, text) if alone else None
            start, raw = between.start(), text[between.start():end]
        if value in (100, 110) and not lo and _CERTAINTY.match(text, end):
            return None
        unit, qkind = ("pp", "points") if g("p_points") else ("%", "percent")
        if lo:
            return Quantity(start, end, qkind, _number(lo), unit, raw, value)
        return Quantity(start, end, qkind, value, unit, raw)
    if kind == "scaled":
        base = _number(g("s_val")) if g("s_val") else _word_number(g("s_word"))
        scale_word = g("s_scale") or g("s_m")
        if g("s_word") and g("s_word").lower() == "a" and scale_word.lower() == "thousand":
            return None  # "a thousand" is rhetorical far more often than counted
        noun = g("s_noun") or ""
        if noun.lower() in _NOT_COUNTED or noun[:1].isupper():
            # "2 million in 2020": the count ends at the number.
            end = m.end("s_scale") if g("s_scale") else m.end("s_m")
            raw = text[start:end]
            noun = ""
        elif noun.lower() in ("years", "miles", "times"):
            return None
        return Quantity(start, end, "count", base * _scale(scale_word), noun.lower(), raw)
    if kind == "plain":
        noun = g("c_noun")
        if noun.lower() in _PREPOSITIONS:
            # "averaged 178,000 during the period": the figure is the number, not its neighbour.
            end = m.end("c_val")
            return Quantity(start, end, "count", _number(g("c_val")), "", text[start:end])
        if noun.lower() in _NOT_COUNTED or "year" in noun.lower() or noun.lower().endswith("-old"):
            return None
        return Quantity(start, end, "count", _number(g("c_val")), noun.lower(), raw)
    if kind == "vague":
        word = " ".join(g("v_word").lower().split())
        return Quantity(start, end, "count", float(_VAGUE_COUNTS[word]), "", raw, approximate=True)
    if kind == "oneinx":
        num, den = _small(g("o_num")), _small(g("o_den"))
        if not num or not den or num >= den:
            return None
        if _SEQUENCE_BEFORE.search(text, max(0, start - 12), start) or _TRIES_AFTER.match(text, end):
            return None  # "beyond round four in eight attempts": a place and a count, not a share
        return Quantity(start, end, "fraction", num / den, "", raw)
    if kind == "frac":
        part = g("f_part").lower()
        plural = part.endswith("s") and part != "halves"
        hyphen = g("f_sep") == "-"
        if part in ("half", "halves"):
            return None  # "a half hour", "one half of the duo"; shares of half are read below
        if not (g("f_of") or g("f_by") or (hyphen and g("f_num").lower() != "a")):
            return None  # "a third term", "a fifth consecutive"; keep "two-thirds", "by a fifth"
        if plural and g("f_num").lower() in ("a", "one"):
            return None
        num = 1.0 if g("f_num").lower() in ("a", "one") else _small(g("f_num"))
        if g("f_by"):  # the statistic is the fraction, not the preposition
            start = m.start("f_num")
            raw = text[start:end]
        if g("f_of"):
            if _PERIOD_AFTER_OF.match(text, m.end()):
                return None
            end = m.start("f_of")
            raw = text[start:end]
        return Quantity(start, end, "fraction", num / _PARTS[part], "", raw)
    if kind == "half":
        if not g("h_pre") and not g("h_of"):
            return None
        if not g("h_pre") and _HALF_BEFORE.search(text, max(0, start - 12), start):
            return None
        if g("h_of") and _PERIOD_AFTER_OF.match(text, m.end()):
            return None
        end = m.end() - (len(g("h_of")) if g("h_of") else 0)
        return Quantity(start, end, "fraction", 0.5, "", text[start:end])
    if kind == "mult":
        if g("x_fold"):
            word = g("x_fold").lower()
            value = 100.0 if word == "hundred" else _small(word)
        elif g("x_val"):
            value = _number(g("x_val"))
        else:
            word = g("x_word").lower()
            value = {"twice": 2.0, "thrice": 3.0}.get(word) or _word_number(word)
        end = start + len(raw.rstrip())
        return Quantity(start, end, "multiple", value, "x", text[start:end])
    if kind == "change":
        verb = g("c_verb")
        value = _CHANGES[verb.lower()] if verb else 0.5
        return Quantity(start, end, "change", value, "x", raw)
    return None  # pragma: no cover - every alternative is handled above


def find_statistics(text: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    """Every statistic in ``text[start:end]``, in order, with offsets into ``text``.

    Pass a Document's ``prose`` (code and markup masked to spaces) so that
    numbers in code, URLs and link destinations are never read. Ranges come
    back as one Quantity ("$1m to $5m" has ``value`` 1e6 and ``high`` 5e6).
    """
    if end is None:
        end = len(text)
    matches = list(_NUMERIC.finditer(text, start, end)) if _DIGIT.search(text, start, end) else []
    lowered = text[start:end].lower()
    if len(lowered) == end - start:  # lower() kept every offset (true for nearly all text)
        seen: set[tuple[int, int]] = set()
        for a in _ANCHOR.finditer(lowered):
            a0, a1 = a.start() + start, a.end() + start
            for m in _WORDS.finditer(text, max(start, a0 - 40), min(end, a1 + 25)):
                if m.start() < a1 and a0 < m.end() + 1 and m.span() not in seen:
                    seen.add(m.span())
                    matches.append(m)
    else:
        matches.extend(_WORDS.finditer(text, start, end))
    matches.sort(key=lambda m: (m.start(), -m.end()))
    found: list[Quantity] = []
    last_end = -1
    for m in matches:
        if m.start() < last_end:
            continue
        q = _quantity(m, text)
        if q is None:
            continue
        last_end = m.end()
        if found and _joins_range(found[-1], q, text):
            prev = found.pop()
            q = replace(prev, end=q.end, raw=text[prev.start:q.end], high=q.value)
        found.append(q)
    return found


_RANGE_JOIN = regexstore.compile(r"\s*(?:-|–|—|to|and)\s*", re.I)


def _joins_range(a: Quantity, b: Quantity, text: str) -> bool:
    """'$1m to $5m', '60% to 16%': two figures of one unit joined by 'to' or a dash."""
    if a.kind != b.kind or a.unit != b.unit or a.high is not None or b.high is not None:
        return False
    if a.kind not in ("money", "percent", "points", "count") or b.start - a.end > 6:
        return False
    m = _RANGE_JOIN.fullmatch(text, a.end, b.start)
    if not m:
        return False
    if "and" in m.group().lower():  # only "between X and Y" is a range
        return bool(re.search(r"\bbetween\s+$", text[max(0, a.start - 9):a.start], re.I))
    return True


# --- dates and years -----------------------------------------------------------

_MONTH_NAME = (
    r"(?P<{g}>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_YEAR = r"(?:1[5-9]\d\d|20\d\d|21\d\d)"
_TEMPORAL = regexstore.compile(
    rf"""
    (?<![\w.$€£¥/-])
    (?:
        (?P<iso_y>{_YEAR})-(?P<iso_m>0[1-9]|1[0-2])(?:-(?P<iso_d>0[1-9]|[12]\d|3[01]))?(?![\w-]|\.\d)
      | {_MONTH_NAME.format(g="md_m")}\s+(?:(?P<md_d>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?,?\s+)?(?P<md_y>{_YEAR})\b
      | (?P<dm_d>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_NAME.format(g="dm_m")},?\s+(?P<dm_y>{_YEAR})\b
      | (?P<y>{_YEAR})(?![\w%]|[.,]\d|-\d|\s?(?:per\s?cent|percent|{_SCALE_WORD})\b)
    )
    """,
    re.I | re.X,
)


def _month(name: str) -> int:
    return _MONTHS[name.lower().rstrip(".")[:4 if name.lower().startswith("sept") else 3]]


def _temporal(m: re.Match[str]) -> Temporal:
    g = m.group
    if g("iso_y"):
        return Temporal(m.start(), m.end(), int(g("iso_y")), int(g("iso_m")),
                        int(g("iso_d")) if g("iso_d") else None, m.group())
    if g("md_y"):
        return Temporal(m.start(), m.end(), int(g("md_y")), _month(g("md_m")),
                        int(g("md_d")) if g("md_d") else None, m.group())
    if g("dm_y"):
        return Temporal(m.start(), m.end(), int(g("dm_y")), _month(g("dm_m")), int(g("dm_d")), m.group())
    return Temporal(m.start(), m.end(), int(g("y")), raw=m.group())


def find_temporal(text: str, start: int = 0, end: int | None = None) -> list[Temporal]:
    """Years, year-months and dates in ``text[start:end]`` ("2018", "March 2026", "2026-03").

    The fact rules use this to tell which of a fact's dated values a sentence
    talks about. A month or day without a year is relative to the story and
    is not returned.
    """
    if end is None:
        end = len(text)
    out = []
    for m in _TEMPORAL.finditer(text, start, end):
        t = _temporal(m)
        if t.day is not None:
            try:
                import datetime
                datetime.date(t.year, t.month or 1, t.day)
            except ValueError:
                continue
        out.append(t)
    return out


# --- register values -------------------------------------------------------------

_PLAIN_NUMBER = regexstore.compile(r"[-+]?" + _NUM)
_HELP = ("expected a figure such as '60%', '16 per cent', '$1.2bn', '2 million', '1,500' "
         "or a date such as '2018', '2026-03', 'March 2026'")


def parse_when(s: str) -> Temporal:
    """Read a register ``when:`` ('2018', '2026-03', '2026-03-04', 'March 2026') or raise ValueError."""
    text = str(s).strip()
    found = find_temporal(text)
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(text):
        return found[0]
    raise ValueError(f"cannot read {text!r} as a date: expected '2018', '2026-03', "
                     f"'2026-03-04' or 'March 2026'")


def parse_value(s: str) -> Quantity | Temporal:
    """Read a register value the way a draft would write it, or raise ValueError.

    Figures come back as a Quantity spanning the whole string; years and
    dates as a Temporal; a bare number ("1,500", "42") as a Quantity of kind
    'number'. Values are normalised the same way as in drafts, so "16 per
    cent" in the register and "16%" in a draft compare equal.
    """
    if isinstance(s, bool) or s is None:
        raise ValueError(f"{s!r} is not a value: {_HELP}")
    text = str(s).strip()
    if not text:
        raise ValueError(f"empty value: {_HELP}")
    try:
        return parse_when(text)
    except ValueError:
        pass
    found = find_statistics(text)
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(text):
        return found[0]
    if _PLAIN_NUMBER.fullmatch(text):
        return Quantity(0, len(text), "number", _number(text), "", text)
    raise ValueError(f"cannot read {text!r}: {_HELP}")
