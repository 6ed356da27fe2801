"""Which sentences state registered facts, what they state, and whether they credit the source.

One analysis per Document (``analyse``), read by the four fact-* rules in
``factlint.rules.facts``; the register's own ``about`` test decides what a
sentence is about.

The standards desk records a fact once (its values, when each held, who
published it); every draft that mentions it is then checked against that
record. The four fact-* rules share this analysis of the document, cached on
it, so a run pays for it once.

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

import re
from typing import Any, Iterable, Sequence

from factlint.analyses.sources import Attribution, attribute_paragraph, attribute_sentence
from factlint.document import Document, Paragraph, Sentence
from factlint.quantities import Quantity, Temporal, find_statistics, find_temporal
from factlint.records import field, record
from factlint.register import AboutIndex, Fact, FactValue, Register
from factlint.analyses.quotations import quotations
from factlint import regexstore

# --- vocabulary --------------------------------------------------------------

# Words before a figure that make it a bound or an approximation, not a point.
_HEDGE = regexstore.compile(
    r"\b(?P<lower>more\s+than|over|above|at\s+least|upwards\s+of|in\s+excess\s+of|exceeding|"
    r"just\s+over|north\s+of|past)\s+(?:the\s+)?$"
    r"|\b(?P<upper>less\s+than|fewer\s+than|under|below|up\s+to|at\s+most|no\s+more\s+than|"
    r"just\s+under|nearly|almost|not\s+quite|short\s+of)\s+(?:the\s+)?$"
    r"|\b(?P<approx>about|around|roughly|approximately|some|close\s+to|an\s+estimated|"
    r"estimated|circa|c\.|an?\s+approximate|more\s+or\s+less|or\s+so)\s+(?:the\s+)?$",
    re.I,
)
# A figure that states a change, not a level: "fell 44%", "up $2.80", "a fall of $12", "a 44% drop".
_CHANGE_BEFORE = regexstore.compile(
    r"(?:\b(?:by|(?<!made\s)(?<!make\s)(?<!makes\s)(?<!making\s)(?<!split\s)up|down|rose|rise|rises|risen|rising|fell|fall|falls|fallen|falling|grew|grow|"
    r"grows|grown|growing|increased|increases|decreased|decreases|declined|declines|dropped|"
    r"drops|jumped|jumps|climbed|climbs|slumped|gained|gains|lost|surged|soared|plunged|"
    r"plummeted|slipped|tumbled|shrank|shrunk|cut|raised|boosted|lifted|trimmed|slashed|increase|"
    r"decrease|decline|drop|jump|gain|loss|losses|surge|slump|hike|reduction|growth|change))\s+"
    r"(?:of\s+)?(?:(?:nearly|almost|about|around|roughly|some|more\s+than|over|just|a\s+further|"
    r"another|less\s+than|under)\s+)?$",
    re.I,
)
_CHANGE_AFTER = regexstore.compile(
    r"\s*(?:-\s*)?(?:rise|rises|fall|falls|increase|increases|decrease|decline|drop|jump|gain|"
    r"cut|growth|slump|surge|hike|reduction|higher|lower|more|less|fewer|cheaper|smaller|larger|"
    r"bigger|up|down|year[\s-]on[\s-]year|on\s+the\s+year)\b",
    re.I,
)
_MOVED_UP = regexstore.compile(r"\b(?:went|gone|goes|go|moved|moves|pushed|edged|crept|shot|climbed|rose|ticked|"
                       r"jumped|risen|rises|rising|going|moving|\w+ed)\s+up\s+to\s+(?:the\s+)?$", re.I)
_LAST_FIGURE = regexstore.compile(r"(?:[A-Z]{0,3}[$€£¥₹]\s?)?\d[\d,.]*(?:\s?(?:%|per\s?cent|percent|bn|m|million|billion|trillion))?\s*$", re.I)
_FROM_BEFORE = regexstore.compile(r"\bfrom\s+(?:(?:about|around|roughly|some|nearly|almost)\s+)?$", re.I)
# Where one sentence turns to another subject: figures past these are only
# compared when their own clause is about the fact.
_CLAUSE = regexstore.compile(
    r";|\s[—–-]\s|—|\b(?:while|whereas|but|compared\s+(?:with|to)|against|versus|vs\.?|unlike|"
    r"including|excluding|plus|of\s+which|and\s+(?:that\s+)?of)\b|,\s+and\b|\band\s+(?=[A-Z])",
    re.I,
)
# A clause that goes on about the fact without repeating its terms: "that share had
# fallen to 16%", "it was 16% by 2025".
_ANAPHORIC_CLAUSE = regexstore.compile(
    r"\b(?:that|this|the|its|their|the\s+same)\s+(?:[\w-]+\s+)?(?:share|figure|proportion|"
    r"percentage|portion|rate|number|total|level|value|count|amount|sum|tally|date|year)\b"
    r"|\b(?:it|this|that|which)\s+(?:had\s+|has\s+|then\s+|later\s+|only\s+)?(?:been\s+)?"
    r"(?:was|is|fell|rose|dropped|grew|stood|reached|hit|shrank|slipped|climbed|came|happened|"
    r"took\s+place|fallen|risen|dropped|grown)\b",
    re.I,
)
_CAPITALISED = regexstore.compile(r"\b[A-Z][\w'’.&-]*")
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
_DATE_LEAD = regexstore.compile(
    r"(?:\b(?:in|on|during|of|dated)\s+(?:(?:early|late|mid|the\s+(?:spring|summer|autumn|fall|"
    r"winter|start|end|beginning|middle|first\s+half|second\s+half)\s+of)[\s-]+)?|\()$",
    re.I,
)
_DATE_NOT_LEAD = regexstore.compile(r"\b(?:by|until|till|through|to|before|after|since|from|between)\s+$", re.I)
# Anaphoric credits: "according to the article", "the report found", "it said".
_ANAPHOR = regexstore.compile(
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
_DEMONYM = regexstore.compile(r"[A-Z][a-z]+(?:an|ans|ese|ish|i|ic)|U\.?S\.?|U\.?K\.?|EU|UN")
# Who a figure is about: "Chinese", "European", "U.S.", "China's".
_QUALIFIER = regexstore.compile(
    r"\b(?P<q>[A-Z][a-z]+(?:an|ese|ish|ian|i|ic)|U\.S\.|US|U\.K\.|UK|EU|[A-Z][a-z]+['’]s)(?![\w.])"
    r"|\b(?P<q2>U\.S\.|U\.K\.)"
    r"|\bfrom\s+(?P<q3>[A-Z][a-z]+)\b(?!['’])"
    r"|\b(?P<q4>[A-Z][a-z]+)-(?:made|based|built|owned)\b")
# How a sentence credits a publication or a data source rather than a speaker.
_PUBLICATION_CUES = frozenset({
    "cite_as", "according to", "by", "possessive", "document", "source line", "reported",
    "reports", "published", "publishes", "found", "finds", "estimated", "estimates",
    "calculated", "calculates", "showed", "shows", "compiled", "tallied", "recorded", "records",
})
_BYLINE = regexstore.compile(
    r"^\W*(?:published\s+(?:on|by|in|at)|first\s+published\s+(?:on|by|in)|by|from|source\s*:)\s+(?P<name>.{2,80})",
    re.I,
)
_META_KEYS = ("publisher", "publication", "source", "site", "outlet", "author", "byline")
_FOOTNOTE_REF = regexstore.compile(r"\[\^([^\]\s]+)\](?!:)")
_LINK_TARGET = regexstore.compile(r"\]\((?P<url>[^()\s]+)|<(?P<auto>https?://[^>\s]+)>|(?P<bare>\bhttps?://[^\s<>\"')\]]+)")
_BARE_NUMBER = regexstore.compile(r"(?<![\w.,:/#$€£¥-])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\w%]|[.,]\d|-\w|\s?(?:per\s?cent|percent)\b)")
_NUMBER_IN_RAW = regexstore.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_WORD = regexstore.compile(r"\w+")
_EPS = 1e-9


# --- which sentences are about which facts -----------------------------------------

_INDEXES: dict[int, tuple[Register, AboutIndex, re.Pattern[str] | None]] = {}


def _index(reg: Register) -> tuple[AboutIndex, re.Pattern[str] | None]:
    """The about-index and the pattern of every cite_as name, built once per register."""
    hit = _INDEXES.get(id(reg))
    if hit is None or hit[0] is not reg:
        if len(_INDEXES) > 16:  # registers are loaded once per run; tests load many
            _INDEXES.clear()
        names = sorted({n for s in reg.sources.values() for n in s.cite_as if n.strip()}, key=len, reverse=True)
        pattern = re.compile(r"(?<!\w)(?:" + "|".join(_name_pattern(n) for n in names) + r")(?!\w)") if names else None
        hit = (reg, reg.about_index, pattern)
        _INDEXES[id(reg)] = hit
    return hit[1], hit[2]


# --- the analysis shared by the four rules --------------------------------------------

@record(frozen=True)
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


@record(frozen=True)
class Credit:
    """Whether a statement's source is cited: 'cited', 'misattributed', 'unattributed'."""

    status: str
    credited: str = ""


@record
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
        self.by_id = reg.facts_by_id

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
        if self.cite_pattern:  # "The Wire China" names a source, not a subject
            clause = self.cite_pattern.sub(lambda m: " " * len(m.group()), clause)
        for m in _QUALIFIER.finditer(clause):
            word = m.group("q") or m.group("q2") or m.group("q3") or m.group("q4")
            if word.lower() in _NEUTRAL_CAPS:
                continue
            if re.sub(r"['’]s$", "", word).lower().replace(".", "") not in own:
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


