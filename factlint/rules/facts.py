"""Registered facts: a draft that states one must state it right and credit its source.

The standards desk records a fact once (its values, when each held, who
published it); every draft that mentions it is then checked against that
record. Four rules share one analysis of the document (``analyse``), cached
on it, so a run pays for it once:

- ``fact-mismatch``: a figure or date that no registered value supports;
- ``fact-unattributed``: the right figure, but the fact's source is nowhere
  in scope;
- ``fact-misattributed``: the right figure, credited to another named source;
- ``fact-expired``: the right figure of a fact past its ``valid_until`` or
  superseded by another.

A sentence is *about* a fact when every ``about`` group matches in it (the
register's own test). Statistics in such sentences of the same kind and unit
as a registered value are left to these rules by ``stat-unattributed``, so
every such figure ends up here: it agrees with the register (then its
citation is checked), it contradicts it (mismatch), or it cannot be compared
(a change such as "fell 44%", or a figure about another subject in the same
sentence), in which case it still needs a source like any statistic.

Precision matters more than recall: a mismatch is an error, so only values
of the same kind are compared (percent with percent, money with money in
the same currency, counts of the same noun, dates with date-valued facts),
hedges ("more than", "about") and the writer's rounding are honoured, and a
figure whose clause is plainly about something else is not compared.

A source is *in scope* for a statement (decided here, documented in
fact-unattributed) when the paragraph names it (a ``cite_as`` name, a link
to its ``url``, a footnote naming it), when the sentence or paragraph refers
back to it ("according to the article") and it is the last registered source
the draft named with no other credited since, or when the draft is itself
published by it. The paragraph, not just the sentence before, because news
copy names a report once and then reports it for a paragraph; a sentence
that credits another publication outright is misattributed even so.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, Iterable, Sequence

from factlint.analyses.sources import Attribution, attribute_paragraph, attribute_sentence
from factlint.document import Document, Paragraph, Sentence
from factlint.errors import FactlintError
from factlint.findings import Hit, Severity
from factlint.quantities import Quantity, Temporal, find_statistics, find_temporal, parse_when
from factlint.register import Fact, FactValue, Register
from factlint.rules.base import Context, Rule, register
from factlint.rules.quotes import quotations

# --- the example register the rules document themselves with -------------------

FACTS_EXAMPLE_REGISTER = """\
sources:
  wire-china-2026-06:
    publisher: The Wire China
    author: Alex Colville
    date: 2026-06-21
    url: https://example.org/wire-china/chinese-ai-global-south
    cite_as: [The Wire China, Wire China, Colville]
  stats-office-2025:
    publisher: Statistics Office
    date: 2025-02-01
    cite_as: [Statistics Office]
  stats-office-2026:
    publisher: Statistics Office
    date: 2026-02-01
    cite_as: [Statistics Office]
  harbour-board:
    publisher: Harbour Board
    date: 2026-01-15
    cite_as: [Harbour Board]
facts:
  - id: hf-us-download-share
    claim: U.S. models' share of Hugging Face downloads
    about: [Hugging Face, [download, downloads], [U.S., US, American]]
    values:
      - {value: 60%, when: "2021"}
      - {value: 16%, when: 2025-11}
    source: wire-china-2026-06
    tolerance: 0.5
  - id: harbour-bridge-opened
    claim: The harbour bridge opened
    about: [harbour bridge, [opened, opening]]
    values:
      - {value: 2019-05}
    source: harbour-board
  - id: city-population-2024
    claim: The city's population
    about: [city, [population, residents]]
    values:
      - {value: 1.2 million, when: "2024"}
    source: stats-office-2025
    superseded_by: city-population-2025
  - id: city-population-2025
    claim: The city's population
    about: [city, [population, residents]]
    values:
      - {value: 1.3 million, when: "2025"}
    source: stats-office-2026
  - id: harbour-bridge-cost
    claim: The harbour bridge's construction cost
    about: [harbour bridge, [cost, costs, build, built]]
    values:
      - {value: $1.2bn}
    source: harbour-board
    tolerance: 0.05
  - id: harbour-bridge-toll
    claim: The harbour bridge toll
    about: [harbour bridge, toll]
    values:
      - {value: $2.50}
    source: harbour-board
    valid_until: 2020-12-31
"""

# --- vocabulary --------------------------------------------------------------

# Words before a figure that make it a bound or an approximation, not a point.
_HEDGE = re.compile(
    r"\b(?P<lower>more\s+than|over|above|at\s+least|upwards\s+of|in\s+excess\s+of|exceeding|"
    r"just\s+over|north\s+of|past)\s+(?:the\s+)?$"
    r"|\b(?P<upper>less\s+than|fewer\s+than|under|below|up\s+to|at\s+most|no\s+more\s+than|"
    r"just\s+under|nearly|almost|not\s+quite|short\s+of)\s+(?:the\s+)?$"
    r"|\b(?P<approx>about|around|roughly|approximately|some|close\s+to|an\s+estimated|"
    r"estimated|circa|c\.|an?\s+approximate|more\s+or\s+less|or\s+so)\s+(?:the\s+)?$",
    re.I,
)
# A figure that states a change, not a level: "fell 44%", "up $2.80", "a fall of $12", "a 44% drop".
_CHANGE_BEFORE = re.compile(
    r"(?:\b(?:by|(?<!made\s)(?<!make\s)(?<!makes\s)(?<!making\s)(?<!split\s)up|down|rose|rise|rises|risen|rising|fell|fall|falls|fallen|falling|grew|grow|"
    r"grows|grown|growing|increased|increases|decreased|decreases|declined|declines|dropped|"
    r"drops|jumped|jumps|climbed|climbs|slumped|gained|gains|lost|surged|soared|plunged|"
    r"plummeted|slipped|tumbled|shrank|shrunk|cut|raised|boosted|lifted|trimmed|slashed|increase|"
    r"decrease|decline|drop|jump|gain|loss|losses|surge|slump|hike|reduction|growth|change))\s+"
    r"(?:of\s+)?(?:(?:nearly|almost|about|around|roughly|some|more\s+than|over|just|a\s+further|"
    r"another|less\s+than|under)\s+)?$",
    re.I,
)
_CHANGE_AFTER = re.compile(
    r"\s*(?:-\s*)?(?:rise|rises|fall|falls|increase|increases|decrease|decline|drop|jump|gain|"
    r"cut|growth|slump|surge|hike|reduction|higher|lower|more|less|fewer|cheaper|smaller|larger|"
    r"bigger|up|down|year[\s-]on[\s-]year|on\s+the\s+year)\b",
    re.I,
)
_MOVED_UP = re.compile(r"\b(?:went|gone|goes|go|moved|moves|pushed|edged|crept|shot|climbed|rose|ticked|"
                       r"jumped|risen|rises|rising|going|moving|\w+ed)\s+up\s+to\s+(?:the\s+)?$", re.I)
_LAST_FIGURE = re.compile(r"(?:[A-Z]{0,3}[$€£¥₹]\s?)?\d[\d,.]*(?:\s?(?:%|per\s?cent|percent|bn|m|million|billion|trillion))?\s*$", re.I)
_FROM_BEFORE = re.compile(r"\bfrom\s+(?:(?:about|around|roughly|some|nearly|almost)\s+)?$", re.I)
# Where one sentence turns to another subject: figures past these are only
# compared when their own clause is about the fact.
_CLAUSE = re.compile(
    r";|\s[—–-]\s|—|\b(?:while|whereas|but|compared\s+(?:with|to)|against|versus|vs\.?|unlike|"
    r"including|excluding|plus|of\s+which|and\s+(?:that\s+)?of)\b|,\s+and\b|\band\s+(?=[A-Z])",
    re.I,
)
# A clause that goes on about the fact without repeating its terms: "that share had
# fallen to 16%", "it was 16% by 2025".
_ANAPHORIC_CLAUSE = re.compile(
    r"\b(?:that|this|the|its|their|the\s+same)\s+(?:[\w-]+\s+)?(?:share|figure|proportion|"
    r"percentage|portion|rate|number|total|level|value|count|amount|sum|tally|date|year)\b"
    r"|\b(?:it|this|that|which)\s+(?:had\s+|has\s+|then\s+|later\s+|only\s+)?(?:been\s+)?"
    r"(?:was|is|fell|rose|dropped|grew|stood|reached|hit|shrank|slipped|climbed|came|happened|"
    r"took\s+place|fallen|risen|dropped|grown)\b",
    re.I,
)
_CAPITALISED = re.compile(r"\b[A-Z][\w'’.&-]*")
_NEUTRAL_CAPS = frozenset("""
    the a an in on at by for from of to with as and but or so yet it its this that these those
    he she they we i his her their our some many most all no not only also however meanwhile
    according since after before by until while when where which who what if though although
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday
    saturday sunday today yesterday last next this year years month months week weeks
    mr mrs ms dr prof
""".split())
# A year or date that dates the fact's event, not a deadline or a range end.
_DATE_LEAD = re.compile(
    r"(?:\b(?:in|on|during|of|dated)\s+(?:(?:early|late|mid|the\s+(?:spring|summer|autumn|fall|"
    r"winter|start|end|beginning|middle|first\s+half|second\s+half)\s+of)[\s-]+)?|\()$",
    re.I,
)
_DATE_NOT_LEAD = re.compile(r"\b(?:by|until|till|through|to|before|after|since|from|between)\s+$", re.I)
# Anaphoric credits: "according to the article", "the report found", "it said".
_ANAPHOR = re.compile(
    r"\b(?:according\s+to|per|as\s+(?:reported|noted|described|documented|shown)\s+(?:by|in)|"
    r"cited\s+(?:by|in)|in)\s+(?:the|this|that|its|their)\s+(?:[\w-]+\s+)?"
    r"(?:report|article|study|piece|analysis|survey|paper|story|investigation|research|text|"
    r"review|account|data|figures)\b"
    r"|\b(?:the|this|that)\s+(?:[\w-]+\s+)?(?:report|article|study|piece|analysis|survey|paper|"
    r"story|investigation|text|review|account|author|authors|publication|outlet)\s+(?:itself\s+)?"
    r"(?:also\s+)?(?:said|says|found|finds|shows|showed|show|notes|noted|cites|cited|describes|"
    r"described|reported|reports|estimates|estimated|argues|argued|underscores|stresses|states|"
    r"stated|puts|put|adds|added|counts|counted|recalls|recalled|writes|wrote|records|recorded)\b"
    r"|\b(?:it|she|he|they)\s+(?:also\s+)?(?:said|says|found|wrote|writes|reported|reports|"
    r"notes|noted|added|adds|estimated|estimates)\b",
    re.I,
)
_DEMONYM = re.compile(r"[A-Z][a-z]+(?:an|ans|ese|ish|i|ic)|U\.?S\.?|U\.?K\.?|EU|UN")
# Who a figure is about: "Chinese", "European", "U.S.", "China's".
_QUALIFIER = re.compile(
    r"\b(?:[A-Z][a-z]+(?:an|ese|ish|ian|i|ic)|U\.S\.|US|U\.K\.|UK|EU|[A-Z][a-z]+['’]s)(?![\w.])"
    r"|\b(?:U\.S\.|U\.K\.)")
# How a sentence credits a publication or a data source rather than a speaker.
_PUBLICATION_CUES = frozenset({
    "cite_as", "according to", "by", "possessive", "document", "source line", "reported",
    "reports", "published", "publishes", "found", "finds", "estimated", "estimates",
    "calculated", "calculates", "showed", "shows", "compiled", "tallied", "recorded", "records",
})
_BYLINE = re.compile(
    r"^\W*(?:published\s+(?:on|by|in|at)|first\s+published\s+(?:on|by|in)|by|from|source\s*:)\s+(?P<name>.{2,80})",
    re.I,
)
_META_KEYS = ("publisher", "publication", "source", "site", "outlet", "author", "byline")
_FOOTNOTE_REF = re.compile(r"\[\^([^\]\s]+)\](?!:)")
_LINK_TARGET = re.compile(r"\]\((?P<url>[^()\s]+)|<(?P<auto>https?://[^>\s]+)>|(?P<bare>\bhttps?://[^\s<>\"')\]]+)")
_BARE_NUMBER = re.compile(r"(?<![\w.,:/#$€£¥-])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\w%]|[.,]\d|-\w|\s?(?:per\s?cent|percent)\b)")
_NUMBER_IN_RAW = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_WORD = re.compile(r"\w+")
_MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_EPS = 1e-9


# --- which sentences are about which facts -----------------------------------------

class _AboutIndex:
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

    def facts_about(self, sentence: str) -> list[Fact]:
        seen: dict[str, Fact] = {f.id: f for f in self.always}
        for w in set(_WORD.findall(sentence.lower())):
            for f in self.by_word.get(w, ()):
                seen.setdefault(f.id, f)
        return [f for f in seen.values() if f.is_about(sentence)]


_INDEXES: dict[int, tuple[Register, _AboutIndex, re.Pattern[str] | None]] = {}


def _index(reg: Register) -> tuple[_AboutIndex, re.Pattern[str] | None]:
    """The about-index and the pattern of every cite_as name, built once per register."""
    hit = _INDEXES.get(id(reg))
    if hit is None or hit[0] is not reg:
        if len(_INDEXES) > 16:  # registers are loaded once per run; tests load many
            _INDEXES.clear()
        names = sorted({n for s in reg.sources.values() for n in s.cite_as if n.strip()}, key=len, reverse=True)
        pattern = re.compile(r"(?<!\w)(?:" + "|".join(_name_pattern(n) for n in names) + r")(?!\w)") if names else None
        hit = (reg, _AboutIndex(reg.facts), pattern)
        _INDEXES[id(reg)] = hit
    return hit[1], hit[2]


# --- the analysis shared by the four rules --------------------------------------------

@dataclass(frozen=True)
class Statement:
    """One thing a sentence says about registered facts.

    ``kind`` is 'agree' (a value the register holds, or for a fact without
    values the mention itself), 'mismatch' (a figure or date no registered
    value supports) or 'loose' (a figure the fact rules took over from
    stat-unattributed but cannot compare, such as a change). ``expected`` is
    the register's value: the one agreed with, or the one a mismatch misses.
    """

    kind: str
    start: int
    end: int
    raw: str
    facts: tuple[Fact, ...]
    sentence: Sentence
    expected: FactValue | None = None
    in_quote: bool = False


@dataclass(frozen=True)
class Credit:
    """Whether a statement's source is cited: 'cited', 'misattributed', 'unattributed'."""

    status: str
    credited: str = ""


@dataclass
class Analysis:
    statements: list[Statement] = field(default_factory=list)
    credits: dict[Statement, Credit] = field(default_factory=dict)


def analyse(doc: Document, reg: Register) -> Analysis:
    """Every statement the document makes about registered facts, cached on the document."""
    key = ("facts", id(reg))
    if key not in doc.cache:
        doc.cache[key] = _Analyser(doc, reg).run()
    return doc.cache[key]


class _Analyser:
    def __init__(self, doc: Document, reg: Register) -> None:
        self.doc, self.reg = doc, reg
        self.index, self.cite_pattern = _index(reg)
        self.by_id = {f.id: f for f in reg.facts}

    def run(self) -> Analysis:
        out = Analysis()
        if not self.reg.facts:
            return out
        for para in self.doc.paragraphs:
            found: list[Statement] = []
            for sentence in para.sentences:
                text = self.doc.prose[sentence.start:sentence.end]
                facts = self.index.facts_about(text)
                if facts:
                    found.extend(self.sentence(sentence, facts))
            if found:
                quotes = [(q.start, q.end) for q in quotations(self.doc, para)]
                found = [s if not _inside(s.start, s.end, quotes) else _replace_quote(s) for s in found]
                out.statements.extend(found)
                self.credit(para, found, out.credits)
        return out

    # -- what a sentence states -------------------------------------------------------

    def sentence(self, sentence: Sentence, facts: list[Fact]) -> list[Statement]:
        prose = self.doc.prose
        s, e = sentence.start, sentence.end
        out: list[Statement] = []
        figures = [(f, v) for f in facts for v in f.values if isinstance(v.quantity, Quantity)]
        dates = [(f, v) for f in facts for v in f.values if isinstance(v.quantity, Temporal)]
        stats = find_statistics(prose, s, e) if figures else []
        for q in stats:
            comparable = [(f, v) for f, v in figures if _same_kind(q, v.quantity)]
            if comparable:
                out.append(self.figure(sentence, q, comparable, facts))
        numbers = [(f, v) for f, v in figures if v.quantity.kind == "number"]
        if numbers:
            out.extend(self.bare_numbers(sentence, numbers, stats, facts))
        if dates:
            out.extend(self.dates(sentence, dates, facts))
        for f in facts:
            if not f.values:
                m = f._about_patterns[0].search(prose, s, e)
                if m:
                    out.append(Statement("agree", m.start(), m.end(), m.group(), (f,), sentence))
        return out

    def _accepted(self, comparable: list[tuple[Fact, FactValue]], kind_of: Any) -> list[tuple[Fact, FactValue]]:
        """The comparable values plus those of the facts that supersede them."""
        out = list(comparable)
        for f, _ in comparable:
            nxt, seen = f.superseded_by, {f.id}
            while nxt and nxt in self.by_id and nxt not in seen:
                seen.add(nxt)
                g = self.by_id[nxt]
                out.extend((g, v) for v in g.values if kind_of(v))
                nxt = g.superseded_by
        return out

    def figure(self, sentence: Sentence, q: Quantity, comparable: list[tuple[Fact, FactValue]],
               facts: list[Fact]) -> Statement:
        prose = self.doc.prose
        before = prose[max(sentence.start, q.start - 40):q.start]
        after = prose[q.end:min(sentence.end, q.end + 30)]
        change = bool(_CHANGE_BEFORE.search(before))
        if (change and q.high is None) or (q.high is None and _CHANGE_AFTER.match(after)):
            return Statement("loose", q.start, q.end, q.raw, _facts(comparable), sentence)
        if self.rival_subject(sentence, q.start, _facts(comparable)):
            return Statement("loose", q.start, q.end, q.raw, _facts(comparable), sentence)
        accepted = self._accepted(comparable, lambda v: isinstance(v.quantity, Quantity) and _same_kind(q, v.quantity))
        hedge = _hedge(before)
        ends = [q.value]
        interval = None
        written = _written_numbers(q.raw)
        if q.high is not None:
            if _FROM_BEFORE.search(before):  # "fell from 60% to 16%": two levels
                ends = [q.value, q.high]
            elif change:  # "fell $2.86 to $41.32": a change, then the level
                level = _LAST_FIGURE.search(q.raw)
                if level:
                    q = Quantity(q.start + level.start(), q.end, q.kind, q.high, q.unit, level.group())
                ends, hedge, written = [q.value], None, written[-1:]
            else:
                interval = (min(q.value, q.high), max(q.value, q.high))
        agreeing: list[tuple[Fact, FactValue]] = []
        failed = False
        for i, number in enumerate(ends):
            digits = written[i] if i < len(written) else written[-1] if written else ""
            ok = [(f, v) for f, v in accepted
                  if _agrees(number, digits, hedge if i == 0 else None, interval, v, f.tolerance)]
            if ok:
                agreeing.extend(ok)
            else:
                failed = True
        if not failed:
            return Statement("agree", q.start, q.end, q.raw, _facts(agreeing), sentence, agreeing[0][1])
        live = [(f, v) for f, v in comparable if not self.superseded(f)]
        if live and self.in_scope(sentence, q.start, _facts(comparable), facts) \
                and not self.other_period(sentence, q.start, q.end, live):
            expected = self.nearest(live, q.value, sentence)
            return Statement("mismatch", q.start, q.end, q.raw, (expected[0],), sentence, expected[1])
        return Statement("loose", q.start, q.end, q.raw, _facts(comparable), sentence)

    def bare_numbers(self, sentence: Sentence, numbers: list[tuple[Fact, FactValue]],
                     stats: list[Quantity], facts: list[Fact]) -> list[Statement]:
        """Plain numbers for facts registered as one ('1,500'); compared only when unambiguous."""
        prose = self.doc.prose
        taken = [(q.start, q.end) for q in stats] + [
            (t.start, t.end) for t in find_temporal(prose, sentence.start, sentence.end)]
        found = [m for m in _BARE_NUMBER.finditer(prose, sentence.start, sentence.end)
                 if not any(a < m.end() and m.start() < b for a, b in taken)]
        out = []
        for m in found:
            value = float(m.group().replace(",", ""))
            accepted = self._accepted(numbers, lambda v: v.quantity.kind == "number")
            ok = [(f, v) for f, v in accepted if _agrees(value, m.group(), None, None, v, f.tolerance)]
            if ok:
                out.append(Statement("agree", m.start(), m.end(), m.group(), _facts(ok), sentence, ok[0][1]))
            elif len(found) == 1 and self.in_scope(sentence, m.start(), _facts(numbers), facts):
                f, v = self.nearest(numbers, value, sentence)
                out.append(Statement("mismatch", m.start(), m.end(), m.group(), (f,), sentence, v))
        return out

    def dates(self, sentence: Sentence, dates: list[tuple[Fact, FactValue]],
              facts: list[Fact]) -> list[Statement]:
        """Years and dates that date the fact's event: introduced by 'in', 'on', '(' and near
        one of its about terms, so "by 2030" or "the 2014 reforms" are never compared."""
        prose = self.doc.prose
        s, e = sentence.start, sentence.end
        anchors = [m.span() for f, _ in dates for p in f._about_patterns for m in p.finditer(prose, s, e)]
        out = []
        for t in find_temporal(prose, s, e):
            before = prose[max(s, t.start - 40):t.start]
            if not _DATE_LEAD.search(before) or _DATE_NOT_LEAD.search(before):
                continue
            if prose[t.end:t.end + 2].lstrip()[:1] in ("-", "–"):
                continue  # "2026-2030": a range, not the event's date
            if not any(_words_between(prose, t.start, t.end, a, b) <= 8 for a, b in anchors):
                continue
            near = [(f, v) for f, v in dates
                    if any(_words_between(prose, t.start, t.end, a, b) <= 8
                           for p in f._about_patterns for a, b in (m.span() for m in p.finditer(prose, s, e)))]
            accepted = self._accepted(near, lambda v: isinstance(v.quantity, Temporal))
            ok = [(f, v) for f, v in accepted if t.matches(v.quantity)]
            if ok:
                out.append(Statement("agree", t.start, t.end, t.raw, _facts(ok), sentence, ok[0][1]))
                continue
            live = [(f, v) for f, v in near if not self.superseded(f)]
            if live and self.in_scope(sentence, t.start, _facts(near), facts):
                f, v = min(live, key=lambda fv: abs(fv[1].quantity.year - t.year))
                out.append(Statement("mismatch", t.start, t.end, t.raw, (f,), sentence, v))
        return out

    def other_period(self, sentence: Sentence, start: int, end: int,
                     values: list[tuple[Fact, FactValue]]) -> bool:
        """Whether the figure is dated to a time none of the values held ("20% in May 2002").

        A value's ``when`` never makes a figure wrong, but a figure dated to
        another period is about that period, so it is not compared at all.
        """
        if not all(v.when for _, v in values):
            return False
        prose = self.doc.prose
        dated = [(_words_between(prose, start, end, t.start, t.end), t)
                 for t in find_temporal(prose, sentence.start, sentence.end)]
        dated = [(d, t) for d, t in dated if d <= 6]
        if not dated:
            return False
        closest = min(dated, key=lambda dt_: dt_[0])[1]
        return not any(closest.matches(v.when) for _, v in values)

    def superseded(self, fact: Fact) -> bool:
        """Superseded facts are not the standard a figure is held to; their successor is."""
        return bool(fact.superseded_by)

    def nearest(self, candidates: list[tuple[Fact, FactValue]], value: float,
                sentence: Sentence) -> tuple[Fact, FactValue]:
        """The value to quote in a mismatch: the one whose 'when' the sentence names, else the closest."""
        prose = self.doc.prose
        temporals = find_temporal(prose, sentence.start, sentence.end)
        for f, v in candidates:
            if v.when and any(t.matches(v.when) for t in temporals):
                return f, v
        return min(candidates, key=lambda fv: abs(fv[1].quantity.value - value))

    def rival_subject(self, sentence: Sentence, at: int, facts: tuple[Fact, ...]) -> bool:
        """Whether the figure's clause qualifies its subject as someone the facts are not about.

        "Chinese models had 40% of Hugging Face downloads" is about Chinese
        models, not the U.S. share the register holds: a demonym or place in
        the clause before the figure that none of the facts' own words
        contain means another subject, so the figure is not compared.
        """
        prose = self.doc.prose
        cuts = [sentence.start] + [m.start() for m in _CLAUSE.finditer(prose, sentence.start, at)]
        clause = prose[max(cuts):at]
        own = {w.lower().replace(".", "") for f in facts
               for text in (f.claim, *(t for g in f.about for t in g))
               for w in re.findall(r"[\w.’'-]+", text)}
        for m in _QUALIFIER.finditer(clause):
            if re.sub(r"['’]s$", "", m.group()).lower().replace(".", "") not in own:
                return True
        return False

    def in_scope(self, sentence: Sentence, at: int, facts: tuple[Fact, ...], all_facts: list[Fact]) -> bool:
        """Whether the figure at ``at`` speaks about the fact, not a rival subject.

        Its clause must be about the fact, or refer back to it ("that share
        had fallen to 16%") and name nobody else: in "US models had 16% of
        Hugging Face downloads while Chinese models had 17%" the 17% belongs to
        "Chinese models" and is not compared.
        """
        prose = self.doc.prose
        s, e = sentence.start, sentence.end
        cuts = [s] + [m.start() for m in _CLAUSE.finditer(prose, s, e)] + [e]
        lo = max(c for c in cuts if c <= at)
        hi = min(c for c in cuts if c > at)
        clause = prose[lo:hi]
        if any(f.is_about(clause) for f in facts):
            return True
        if not _ANAPHORIC_CLAUSE.search(clause):
            return False
        allowed = set(_NEUTRAL_CAPS)
        for f in all_facts:
            allowed.update(w.lower() for group in f.about for term in group for w in _WORD.findall(term))
        if self.cite_pattern:
            for m in self.cite_pattern.finditer(prose, s, e):
                allowed.update(w.lower() for w in _WORD.findall(m.group()))
        for m in _CAPITALISED.finditer(clause):
            words = [w.lower() for w in _WORD.findall(m.group())]
            if words and not all(w in allowed or w.isdigit() for w in words):
                return False
        return True

    # -- who is credited ---------------------------------------------------------------

    def credit(self, para: Paragraph, statements: list[Statement], credits: dict[Statement, Credit]) -> None:
        doc, prose = self.doc, self.doc.prose
        spans = [(s.start, s.end) for s in para.sentences]
        attributions = attribute_paragraph(doc.text, spans, prose=prose, cite_as_names=self.reg.cite_names,
                                           paragraph_end=para.end)
        by_sentence = {span: attrs for span, attrs in zip(spans, attributions)}
        self_published = self.self_published()
        for st in statements:
            if st.kind == "mismatch" or st.in_quote:
                continue
            sources = {f.source.id for f in st.facts}
            if sources & self_published:
                credits[st] = Credit("cited")
                continue
            s, e = st.sentence.start, st.sentence.end
            attrs = by_sentence.get((s, e), [])
            if self.names(sources, s, e, attrs):
                credits[st] = Credit("cited")
                continue
            other = self.other_source(st, attrs)
            if other is not None:
                credits[st] = Credit("misattributed", other)
                continue
            if self.names(sources, para.start, para.end, ()) or self.anaphor_in(sources, para.start, para.end):
                credits[st] = Credit("cited")
                continue
            if self.speaker(st, attrs):
                credits[st] = Credit("cited")  # a speaker vouches for it ("..., Lord Browne said")
                continue
            if st.kind == "loose" and any(a.covers(st.start, st.end) for a in attrs):
                credits[st] = Credit("cited")  # sourced, just not by the register: stat rules' standard
                continue
            credits[st] = Credit("unattributed")

    def names(self, sources: set[str], start: int, end: int, attrs: Sequence[Attribution]) -> bool:
        """Whether text[start:end] cites one of ``sources``: a cite_as name, a link to its
        url, a footnote whose note names it, or an inherited attribution that does."""
        doc = self.doc
        names = [n for sid in sources for n in self.reg.sources[sid].cite_as]
        if self.cite_pattern:
            for m in self.cite_pattern.finditer(doc.prose, start, end):
                if _name_key(m.group()) in {_name_key(n) for n in names}:
                    return True
        for a in attrs:
            if a.inherited and any(_contains_name(a.source, n) for n in names):
                return True
        urls = [self.reg.sources[sid].url for sid in sources if self.reg.sources[sid].url]
        if urls:
            for m in _LINK_TARGET.finditer(doc.text, start, end):
                target = m.group("url") or m.group("auto") or m.group("bare") or ""
                if any(_same_document(target, u) for u in urls):
                    return True
        for m in _FOOTNOTE_REF.finditer(doc.text, start, end):
            note = re.search(rf"^\s*\[\^{re.escape(m.group(1))}\]:(.*)$", doc.text, re.M)
            if note and any(_contains_name(note.group(1), n) for n in names):
                return True
        return self.anaphor_in(sources, start, end) if attrs else False

    def anaphor_in(self, sources: set[str], start: int, end: int) -> bool:
        """'According to the article' counts when the last source the document named is ours:
        a registered source's name, with no other named source credited since."""
        for m in _ANAPHOR.finditer(self.doc.prose, start, end):
            at, ids = self.last_named(m.start())
            if ids & sources and not self.credited_between(at, m.start()):
                return True
        return False

    def last_named(self, offset: int) -> tuple[int, set[str]]:
        last: tuple[int, set[str]] = (0, set())
        for at, ids in self.named_occurrences():
            if at >= offset:
                break
            last = (at, ids)
        return last

    def credited_between(self, start: int, end: int) -> bool:
        """Whether a sentence between two offsets credits some other named source."""
        doc = self.doc
        first = doc.sentence_at(start)
        index = doc.sentences.index(first) + 1 if first else 0
        for sentence in doc.sentences[index:index + 30]:
            if sentence.start >= end:
                break
            stop = min(sentence.end, end)
            for a in attribute_sentence(doc.text, sentence.start, stop, prose=doc.prose):
                if a.named and a.cue not in ("link", "footnote") and _proper_name(a.source):
                    return True
        return False

    def named_occurrences(self) -> list[tuple[int, set[str]]]:
        key = ("facts-named", id(self.reg))
        if key not in self.doc.cache:
            out = []
            if self.cite_pattern:
                by_name: dict[str, set[str]] = {}
                for sid, src in self.reg.sources.items():
                    for n in src.cite_as:
                        by_name.setdefault(_name_key(n), set()).add(sid)
                out = [(m.start(), by_name.get(_name_key(m.group()), set()))
                       for m in self.cite_pattern.finditer(self.doc.prose)]
            self.doc.cache[key] = out
        return self.doc.cache[key]

    def other_source(self, st: Statement, attrs: Sequence[Attribution]) -> str | None:
        """A named source other than the fact's that the sentence credits, if any.

        Pronouns, "the report" and the fact's own subject ("according to
        Hugging Face" for a Hugging Face figure) do not count: they say
        nothing about which publication the figure came from.
        """
        prose = self.doc.prose
        about_spans = [m.span() for f in st.facts for p in f._about_patterns
                       for m in p.finditer(prose, st.sentence.start, st.sentence.end)]
        registered = set(self.reg.cite_names)
        for a in attrs:
            if not a.named or a.cue in ("link", "footnote"):
                continue
            if a.cue not in _PUBLICATION_CUES and not any(_contains_name(a.source, n) for n in registered):
                continue  # "Lord Browne said": a speaker's claim, not a rival publication
            if a.inherited is False and not a.covers(st.start, st.end) and a.scope != (0, 0):
                continue
            name = a.source.strip()
            if not _proper_name(name) or any(a.start < b and x < a.end for x, b in about_spans):
                continue
            return name
        return None

    def speaker(self, st: Statement, attrs: Sequence[Attribution]) -> bool:
        """Whether a named person or body (not the fact's own subject, not "the report")
        is credited with the figure: then it is their claim, sourced, if not the register's."""
        prose = self.doc.prose
        about_spans = [m.span() for f in st.facts for p in f._about_patterns
                       for m in p.finditer(prose, st.sentence.start, st.sentence.end)]
        for a in attrs:
            if not a.named or not (a.inherited or a.covers(st.start, st.end)):
                continue
            if any(a.start < b and x < a.end for x, b in about_spans):
                continue
            if _proper_name(a.source) or a.source.strip().lower() in ("he", "she", "they", "we", "i"):
                return True
        return False

    def self_published(self) -> set[str]:
        """Sources that published the draft itself: it need not cite them.

        Read from front matter (publisher, source, author...) or from a byline
        near the top ("Published on Zendoric", "By The Wire China").
        """
        key = ("facts-self", id(self.reg))
        if key in self.doc.cache:
            return self.doc.cache[key]
        texts: list[str] = []
        for k in _META_KEYS:
            v = self.doc.metadata.get(k)
            if isinstance(v, str):
                texts.append(v)
            elif isinstance(v, list):
                texts.extend(str(x) for x in v)
        for para in self.doc.paragraphs[:6]:
            line = self.doc.prose[para.start:para.end]
            if len(line) <= 200:
                m = _BYLINE.match(line)
                if m:
                    texts.append(m.group("name"))
        found = {sid for sid, src in self.reg.sources.items()
                 for t in texts for n in src.cite_as if _starts_with_name(t, n)}
        self.doc.cache[key] = found
        return found


# --- small helpers -----------------------------------------------------------------------

def _facts(pairs: Iterable[tuple[Fact, FactValue]]) -> tuple[Fact, ...]:
    out: dict[str, Fact] = {}
    for f, _ in pairs:
        out.setdefault(f.id, f)
    return tuple(out.values())


def _inside(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(a <= start and end <= b for a, b in spans)


def _replace_quote(st: Statement) -> Statement:
    return Statement(st.kind, st.start, st.end, st.raw, st.facts, st.sentence, st.expected, True)


def _same_kind(q: Quantity, value: Any) -> bool:
    """Stat-unattributed's hand-over test: the same kind and unit as a registered value."""
    return getattr(value, "kind", None) == q.kind and getattr(value, "unit", None) == q.unit


def _hedge(before: str) -> str | None:
    m = _HEDGE.search(before)
    if m and m.lastgroup == "upper" and _MOVED_UP.search(before):
        return None  # "went up to 5.5%" is a level reached, not a ceiling
    return m.lastgroup if m else None


def _written_numbers(raw: str) -> list[str]:
    return _NUMBER_IN_RAW.findall(raw)


def _precision(digits: str, kind: str) -> float:
    """The rounding step a figure was written at: '16' -> 1, '1.2' -> 0.1, '2,000' -> 1000."""
    digits = digits.replace(",", "")
    if "." in digits:
        return 10.0 ** -len(digits.split(".")[1])
    if kind in ("count", "money", "number") and len(digits) >= 4:
        zeros = len(digits) - len(digits.rstrip("0"))
        return 10.0 ** zeros
    return 1.0


def _agrees(stated: float, digits: str, hedge: str | None, interval: tuple[float, float] | None,
            value: FactValue, tolerance: float) -> bool:
    """Whether a stated number is consistent with a registered value.

    Tolerance is in the register value's own written unit (0.5 on '16%' is
    half a point; 0.1 on '$1.2bn' is $0.1bn). A stated figure agrees when it
    is the value rounded the way the writer rounded it ('16%' for 15.6%,
    '$1.2bn' for $1.23bn), and hedged figures agree when the bound or
    approximation holds ('more than 15%' for 16%).
    """
    q = value.quantity
    reg_digits = _written_numbers(value.raw)
    written = float(reg_digits[0].replace(",", "")) if reg_digits else 0.0
    scale = q.value / written if written else 1.0
    tol = tolerance * abs(scale) + _EPS * max(1.0, abs(q.value))
    target = q.value
    if interval is not None:
        return interval[0] - tol <= target <= interval[1] + tol
    if abs(stated - target) <= tol:
        return True
    stated_written = float(digits.replace(",", "")) if digits else stated
    stated_scale = stated / stated_written if stated_written else 1.0
    step = _precision(digits, q.kind) * stated_scale if digits else 0.0
    if step and abs(stated - target) <= step / 2 + tol:
        return True
    if hedge == "lower":
        return target >= stated - tol
    if hedge == "upper":
        return target <= stated + tol
    if hedge == "approx":
        return abs(stated - target) <= max(tol, step, 0.05 * max(abs(stated), abs(target)))
    return False


def _words_between(prose: str, s: int, e: int, a: int, b: int) -> int:
    """How many words separate span (s, e) from span (a, b); 99 across a clause break."""
    lo, hi = (e, a) if e <= a else (b, s)
    if hi < lo:
        return 0
    gap = prose[lo:hi]
    if _CLAUSE.search(gap) or ";" in gap:
        return 99
    return len(_WORD.findall(gap))


def _proper_name(name: str) -> bool:
    """A source a reader could look up ("Reuters", "the Atlantic Council"): not a pronoun,
    not "the report", not "an Indonesian developer" (a demonym names no one)."""
    words = re.findall(r"[\w'’.&-]+", name.strip())
    if not words or _ANAPHOR.search(name):
        return False
    if words[0].lower() in _NEUTRAL_CAPS or words[0].lower() in ("who", "which", "whom"):
        words = words[1:]
    return any(w[:1].isupper() and not _DEMONYM.fullmatch(w.rstrip("'’s")) for w in words)


def _name_pattern(name: str) -> str:
    """A cite_as name as a pattern: exact, except that a leading 'The' may be 'the'
    ("according to the Wire China") and a line break may fall between its words."""
    words = name.split()
    body = r"\s+".join(re.escape(w) for w in (words[1:] if words[0] == "The" and len(words) > 1 else words))
    return r"[Tt]he\s+" + body if words[0] == "The" and len(words) > 1 else body


def _name_key(found: str) -> str:
    return " ".join(re.sub(r"^[Tt]he\s+", "The ", found).split())


def _contains_name(text: str, name: str) -> bool:
    return bool(re.search(r"(?<!\w)" + _name_pattern(name) + r"(?!\w)", text))


def _starts_with_name(text: str, name: str) -> bool:
    return bool(re.match(r"\W*(?:the\s+)?" + re.escape(name) + r"(?!\w)", text.strip(), re.I))


def _same_document(target: str, url: str) -> bool:
    norm = lambda u: re.sub(r"^https?://(?:www\.)?", "", u.strip()).rstrip("/").lower()  # noqa: E731
    a, b = norm(target), norm(url)
    return a == b or a.startswith(b + "/") or a.startswith(b + "?") or a.startswith(b + "#")


def format_when(when: str | None) -> str:
    """'2025-11' -> 'Nov 2025', '2026-03-04' -> '4 Mar 2026', '2021' -> '2021'."""
    if not when:
        return ""
    t = parse_when(when)
    if t.month is None:
        return str(t.year)
    if t.day is None:
        return f"{_MONTH_ABBR[t.month - 1]} {t.year}"
    return f"{t.day} {_MONTH_ABBR[t.month - 1]} {t.year}"


def describe(fact: Fact, value: FactValue | None) -> str:
    """The register's statement of a fact: "U.S. models' share ... was 16% (Nov 2025)"."""
    claim = fact.claim.rstrip(". ")
    if value is None:
        return claim
    if isinstance(value.quantity, Temporal):
        prep = "on" if value.quantity.day is not None else "in"
        return f"{claim} {prep} {format_when(value.raw)}"
    when = f" ({format_when(value.when)})" if value.when else ""
    return f"{claim} was {value.raw}{when}"


def describe_values(fact: Fact) -> str:
    if not fact.values:
        return fact.claim.rstrip(". ")
    return "; ".join(describe(fact, v) for v in fact.values)


def _sentence_context(doc: Document, st: Statement) -> str:
    return doc.prose[st.sentence.start:st.sentence.end]


def _today(ctx: Context) -> dt.date:
    value = (ctx.options or {}).get("today")
    if value in (None, ""):
        return dt.date.today()
    if isinstance(value, dt.date):
        return value
    try:
        t = parse_when(str(value))
    except ValueError:
        raise FactlintError(f"rule fact-expired: option 'today' must be a date (YYYY-MM-DD), "
                            f"not {value!r}") from None
    return dt.date(t.year, t.month or 1, t.day or 1)


def _end_of(when: str) -> dt.date:
    """The last day a 'valid_until' of '2026', '2026-03' or '2026-03-04' covers."""
    t = parse_when(when)
    if t.month is None:
        return dt.date(t.year, 12, 31)
    if t.day is None:
        nxt = dt.date(t.year + (t.month == 12), t.month % 12 + 1, 1)
        return nxt - dt.timedelta(days=1)
    return dt.date(t.year, t.month, t.day)


def _is_heading(doc: Document, st: Statement) -> bool:
    """Markdown headings, and a plain-text draft's first line when it reads as a headline."""
    para = doc.paragraphs[st.sentence.paragraph]
    if para.kind == "heading":
        return True
    if doc.kind != "markdown" and st.sentence.paragraph == 0:
        line = doc.prose[para.start:para.end].strip()
        return len(line.split()) <= 15 and not line.endswith((".", "!", "?", ".\"", ".”"))
    return False


# --- the rules ------------------------------------------------------------------------------

@register
class FactMismatch(Rule):
    id = "fact-mismatch"
    severity = Severity.ERROR
    summary = "A figure or date about a registered fact that differs from the register."
    description = (
        "A sentence is about a registered fact when every `about` group of the fact matches in "
        "it. Its figures of the same kind as a registered value (percent with percent, money "
        "with money in the same currency, counts of the same thing) must agree with one of the "
        "fact's values within `tolerance` (in the value's own unit); years and dates are "
        "compared with a date-valued fact when they date its event ('adopted in March 2026', "
        "'(2018)'), never a deadline or a range ('by 2030', '2026-2030').\n\n"
        "A value's `when` is context, not a value: 'by November 2025 the share was 16%' is "
        "checked for 16%, not for the year. The writer's rounding ('16%' for 15.6%, '$1.2bn' "
        "for $1.23bn) and hedges ('more than 15%', 'about 60%') are honoured; a change ('fell "
        "44%') is not a level and is not compared; a figure whose clause names another subject "
        "('... while Chinese models had 17%') is not compared, nor is one dated to a period none "
        "of the values held ('20% in May 2002'), nor one inside a direct quotation (the "
        "speaker's words, often about the past). Values of a superseded fact are checked "
        "against its successor. The message quotes the register's value, when it held and its "
        "source."
    )
    example_register = FACTS_EXAMPLE_REGISTER
    examples_flag = (
        "U.S. models' share of downloads on Hugging Face fell to 26% by November 2025, The Wire "
        "China reported.\n",
        "According to The Wire China, American models made up 70% of Hugging Face downloads in "
        "2021.\n",
        "The harbour bridge, opened in June 2019, is busy.\n",
        "The city's population reached 1.5 million in 2025, the Statistics Office said.\n",
        "The harbour bridge cost $1.8bn to build, the Harbour Board said.\n",
    )
    examples_pass = (
        "U.S. models' share of downloads on Hugging Face fell from 60% to 16% in four years, "
        "according to The Wire China.\n",
        "By November 2025, US models accounted for only 16.3% of Hugging Face downloads, "
        "Colville wrote.\n",
        "The share of Hugging Face downloads going to U.S. models fell 44 percentage points, "
        "The Wire China found.\n",
        "US models had 16% of Hugging Face downloads while Chinese models had 17%, according "
        "to The Wire China.\n",
        "The harbour bridge opened in May 2019 and will be repainted by 2030, the Harbour Board "
        "said.\n",
        "The city's population reached 1.3 million in 2025, the Statistics Office said.\n",
        "More than 15% of Hugging Face downloads were of U.S. models in late 2025, per The Wire "
        "China.\n",
        "The harbour bridge cost about $1.2bn, or roughly €1.1bn, the Harbour Board said.\n",
    )

    def check(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        for st in analyse(doc, ctx.register).statements:
            if st.kind != "mismatch" or st.in_quote:
                continue
            fact, value = st.facts[0], st.expected
            said = " ".join(doc.text[st.start:st.end].split())
            yield Hit(st.start, st.end,
                      f"'{said}' differs from the register: {describe(fact, value)}, per "
                      f"{fact.source.citation()}. Correct the figure, or update the register.",
                      context=_sentence_context(doc, st))


@register
class FactUnattributed(Rule):
    id = "fact-unattributed"
    severity = Severity.WARNING
    summary = "A registered fact stated without citing the register's source for it."
    description = (
        "The right figure still needs its source. The source counts as cited when, in the "
        "same paragraph, the draft names it (one of its `cite_as` names), links to its `url`, "
        "has a footnote whose note names it, or refers back to it ('according to the report', "
        "'the article says') when it is the last registered source the draft named. A draft "
        "published by the source itself (front matter `publisher:`/`source:`, or a byline such "
        "as 'Published on Zendoric' near the top) need not cite it, and a figure a named person "
        "or body is credited with ('..., Lord Browne said') is theirs: it is not reported here "
        "(fact-misattributed reports a rival publication).\n\n"
        "Figures in a sentence about a fact that cannot be compared with it (a change such as "
        "'fell 44%', a figure about another subject) are reported here too when they have no "
        "source at all: stat-unattributed leaves every figure in a fact's sentence to the "
        "fact rules, so nothing is reported twice and nothing is lost. Figures inside a direct "
        "quotation belong to the speaker, and headings summarise a body where the sourcing "
        "belongs; neither is reported. Facts without values are cited whenever a sentence is "
        "about them. The message says what to cite."
    )
    example_register = FACTS_EXAMPLE_REGISTER
    examples_flag = (
        "U.S. models' share of downloads on Hugging Face fell from 60% to 16% in four years.\n",
        "The harbour bridge opened in May 2019 to great fanfare.\n",
        "The share of Hugging Face downloads going to U.S. models fell 73% in four years.\n",
    )
    examples_pass = (
        "The Wire China looked at open models. U.S. models' share of downloads on Hugging Face "
        "fell to 16%.\n",
        "A report by Alex Colville in The Wire China tracks open models.\n\nAccording to the "
        "article, US models had 60% of Hugging Face downloads in 2021.\n",
        "U.S. models' share of [Hugging Face downloads]"
        "(https://example.org/wire-china/chinese-ai-global-south) was 16% in November 2025.\n",
        "\"We now have 16% of downloads on Hugging Face,\" said Dana Reyes, who runs a US lab.\n",
        "---\npublisher: The Wire China\n---\n\nUS models' share of Hugging Face downloads is "
        "16%.\n",
    )

    def check(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        analysis = analyse(doc, ctx.register)
        for st in analysis.statements:
            credit = analysis.credits.get(st)
            if credit is None or credit.status != "unattributed" or _is_heading(doc, st):
                continue
            if st.kind == "agree" and any(_stale(f) for f in st.facts):
                continue  # fact-expired says what to do; the citation follows the update
            source = st.facts[0].source
            said = " ".join(doc.text[st.start:st.end].split())
            if st.kind == "agree":
                stated = describe(st.facts[0], st.expected) if st.expected else describe_values(st.facts[0])
                message = (f"'{said}' states a registered fact ({stated}) "
                           f"with no citation: cite {source.citation()}.")
            else:
                message = (f"'{said}' in a sentence about {st.facts[0].claim.rstrip('. ')} has no "
                           f"source: if it comes from the register's source, cite {source.citation()}.")
            yield Hit(st.start, st.end, message, context=_sentence_context(doc, st))


@register
class FactMisattributed(Rule):
    id = "fact-misattributed"
    severity = Severity.WARNING
    summary = "A registered fact credited to a different named source than the register's."
    description = (
        "The sentence states a registered value and credits it to a publication or data source "
        "that is not the fact's ('according to Reuters', 'Reuters reported', 'the ONS's "
        "figures', 'data from X', or another registered source's name), and does not also name "
        "the fact's source. A person quoted on the figure ('..., Lord Browne said') is making "
        "their own claim, not misattributing one, and pronouns, 'the report' and the fact's own "
        "subject ('according to Hugging Face' for a Hugging Face figure) are not a different "
        "source. Either the draft has the figure from elsewhere (then register that source) or "
        "it should credit the register's source."
    )
    example_register = FACTS_EXAMPLE_REGISTER
    examples_flag = (
        "According to Reuters, U.S. models' share of downloads on Hugging Face was 16% in "
        "November 2025.\n",
        "The Harbour Gazette reported that the harbour bridge opened in May 2019.\n",
    )
    examples_pass = (
        "According to Reuters, citing The Wire China, U.S. models' share of downloads on "
        "Hugging Face was 16% in November 2025.\n",
        "According to Hugging Face, U.S. models' share of its downloads was 16%; The Wire China "
        "first reported the figure.\n",
        "The Harbour Board said the harbour bridge opened in May 2019.\n",
    )

    def check(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        analysis = analyse(doc, ctx.register)
        for st in analysis.statements:
            credit = analysis.credits.get(st)
            if credit is None or credit.status != "misattributed" or st.kind != "agree":
                continue
            if any(_stale(f) for f in st.facts):
                continue
            fact = st.facts[0]
            said = " ".join(doc.text[st.start:st.end].split())
            yield Hit(st.start, st.end,
                      f"'{said}' is credited to {credit.credited}, but the register's source for "
                      f"{fact.claim.rstrip('. ')} is {fact.source.citation()}: credit it, or "
                      f"register the other source.",
                      context=_sentence_context(doc, st))


def _stale(fact: Fact) -> bool:
    return bool(fact.superseded_by)


@register
class FactExpired(Rule):
    id = "fact-expired"
    severity = Severity.WARNING
    summary = "A registered value past its valid_until date, or superseded by a newer fact."
    description = (
        "The register can say how long a fact holds (`valid_until: 2026-12-31`; a year or "
        "month means its last day) and which fact replaces it (`superseded_by: fact-id`). A "
        "draft that states a value of such a fact is told the newer value or that the old one "
        "has lapsed. The option `today` (YYYY-MM-DD) fixes the date compared with, for "
        "reproducible runs and tests; by default it is the date of the run."
    )
    options = {"today": None}
    example_register = FACTS_EXAMPLE_REGISTER
    examples_flag = (
        "The city's population is 1.2 million, the Statistics Office said.\n",
        "The harbour bridge toll is $2.50, the Harbour Board said.\n",
    )
    examples_pass = (
        "The city's population reached 1.3 million in 2025, the Statistics Office said.\n",
        "U.S. models' share of downloads on Hugging Face was 16% in November 2025, according to "
        "The Wire China.\n",
    )

    def check(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        today = _today(ctx)
        by_id = {f.id: f for f in ctx.register.facts}
        for st in analyse(doc, ctx.register).statements:
            if st.kind != "agree":
                continue
            fresh = [f for f in st.facts if not f.superseded_by
                     and not (f.valid_until and _end_of(f.valid_until) < today)]
            if fresh:
                continue
            fact = st.facts[0]
            said = " ".join(doc.text[st.start:st.end].split())
            if fact.superseded_by:
                new = _latest(by_id, fact)
                message = (f"'{said}' is a superseded value ({describe_values(fact)}, per "
                           f"{fact.source.citation()}); the register now has: "
                           f"{describe_values(new)}, per {new.source.citation()}.")
            else:
                message = (f"'{said}' states a registered value that expired on "
                           f"{fact.valid_until} ({describe_values(fact)}, per "
                           f"{fact.source.citation()}): check for a newer figure.")
            yield Hit(st.start, st.end, message, context=_sentence_context(doc, st))


def _latest(by_id: dict[str, Fact], fact: Fact) -> Fact:
    seen = {fact.id}
    while fact.superseded_by and fact.superseded_by in by_id and fact.superseded_by not in seen:
        fact = by_id[fact.superseded_by]
        seen.add(fact.id)
    return fact
