"""stat-unattributed: a figure the writer could not have observed needs a source.

The check itself (``unattributed``) is a pure function over the text, the
prose mask and paragraph/sentence spans, so it can be measured against
annotated corpora without building Documents.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Sequence

from factlint.attribution import attribute_paragraph, quoted_spans
from factlint.findings import Hit, Severity
from factlint.quantities import Quantity, find_statistics
from factlint.rules.base import Context, Rule, register

ParagraphSpans = tuple[int, int, Sequence[tuple[int, int]]]
ALL_KINDS = ("percent", "points", "money", "count", "fraction", "multiple", "change")


@dataclass(frozen=True)
class Unsourced:
    """The statistics of one sentence that no source covers."""

    sentence: tuple[int, int]
    quantities: tuple[Quantity, ...]


# Worked examples are not claims: "Say you earn $40,000...", "you'd need $115 a month".
_HYPOTHETICAL = re.compile(
    r"\b(?:let's\s+say|let\s+us\s+say|suppose|supposing|imagine|say\s+you|assume\s+you|"
    r"assuming\s+you|if\s+you|you'd|you\s+would|you\s+will\s+need|you'll\s+need|"
    r"you\s+need|hypothetical(?:ly)?|for\s+example,?\s+if)\b",
    re.I,
)


# Market moves are observed, not reported: "shares fell 25 cents to $17.65",
# "the dollar was trading at 105 yen", "Brent crude rose $1.89".
_MARKET = re.compile(
    r"\b(?:shares|share\s+price|stocks?|Dow|FTSE|Nikkei|Nasdaq|S&P|Dax|CAC|Hang\s+Seng|"
    r"dollar|euro(?![\s-]*(?:zone|area))|yen|pound|sterling|yuan|rouble|currency|crude|Brent|"
    r"(?:oil|gold|silver|copper|gas|gasoline|petrol|wheat|coffee)\s+prices?|"
    r"price\s+of\s+(?:oil|crude|gold|silver|copper|gas|gasoline|petrol|wheat|coffee)|"
    r"bond\s+yields?|futures|barrel)\b"
    r"[^.;!?]{0,80}?\b(?:r[io]s(?:e|en|ing)|f[ae]ll(?:en|ing)?|gain(?:ed|ing)?|lost|losing|"
    r"climb(?:ed|ing)|dropp(?:ed|ing)|slipp(?:ed|ing)|jump(?:ed|ing)|soar(?:ed|ing)|"
    r"surg(?:ed|ing)|slump(?:ed|ing)|tumbl(?:ed|ing)|plung(?:ed|ing)|edg(?:ed|ing)|added|adding|"
    r"shed|shedding|closed|closing|ended|finished|opened|traded|trading|"
    r"(?:was|were|are|is)\s+(?:up|down)|hit|touched|reached|hovered|stood|rall(?:ied|ying)|sank|"
    r"sunk|surge|record\s+high|record\s+low)\b",
    re.I,
)
# A commodity quoted per unit is a market price: "$413.50 an ounce", "$1.48 a gallon".
_COMMODITY_UNIT = re.compile(r"\s+(?:an?|per)\s+(?:ounce|barrel|gallon|tonne|ton|bushel|troy\s+ounce)\b",
                             re.I)
# A sentence that quotes list prices: every amount in it is a price.
_PRICE_SENTENCE = re.compile(
    r"\b(?:priced\s+at|retails?\s+(?:for|at)|retailing\s+(?:for|at)|on\s+sale\s+(?:for|at)|"
    r"will\s+sell\s+for|price\s+tag|per\s+month|subscription)\b", re.I)
# "$5.37bn (£2.86bn)", "1.4bn euros (£960m; $1.85bn)": the same figure converted.
_CONVERSION_GAP = re.compile(r"\s*[(;,]\s*")
# "below market expectations of 190,000 jobs": a consensus figure, credited (vaguely) to
# the forecasters; claim-vague-source is the rule for that, not this one.
_CONSENSUS_BEFORE = re.compile(
    r"\b(?:expectations?|forecasts?|estimates?|consensus|predictions?|projections?)\s+"
    r"(?:of|for|at)\s+(?:(?:about|around|some|roughly|nearly|a|an|the)\s+)?$", re.I)
# "those 250 million Indians": a figure the text has already given.
_BACK_REFERENCE = re.compile(r"\b(?:those|these|the\s+same)\s+$", re.I)
# A list price is published, not estimated: "priced at £229", "costs $15 a month".
_PRICE_BEFORE = re.compile(
    r"(?:\bpriced\s+at|\bretails?\s+(?:for|at)|\bretailing\s+(?:for|at)|\bon\s+sale\s+(?:for|at)|"
    r"\bsells\s+for|\bprice\s+tag\s+of|\bcosts?\s+(?:just|only|about|around)?)\s*$",
    re.I,
)
_PER_UNIT = re.compile(
    r"\s+(?:per|a|an|each)\s+(?:month|week|year|day|night|copy|issue|ticket|download|song|track|"
    r"game|unit|head|person|seat|user|licence|license)\b", re.I)
# A headline: one short line with no closing punctuation. It summarises the body below.
_HEADLINE = re.compile(r"[^\n.!?:;]{1,120}(?<![.!?:;\"”’)])\s*")


def _without_conversions(prose: str, qs: list[Quantity]) -> list[Quantity]:
    """Drop currency conversions, which stand or fall with the figure they convert."""
    out: list[Quantity] = []
    for q in qs:
        if (out and q.kind == "money" and out[-1].kind == "money" and q.start - out[-1].end < 4
                and _CONVERSION_GAP.fullmatch(prose, out[-1].end, q.start)
                and "(" in prose[out[-1].start:q.start]):
            continue
        if (out and q.kind == "money" and out[-1].kind == "money"
                and re.fullmatch(r"\s*;\s*", prose[out[-1].end:q.start])):
            continue  # the second conversion in "(£960m; $1.85bn)"
        out.append(q)
    return out


def _is_price(prose: str, q: Quantity) -> bool:
    before = prose[max(0, q.start - 25):q.start]
    if not _PRICE_BEFORE.search(before):
        return False
    return bool(re.search(r"(?:priced|retail|sale|sells|tag)", before, re.I)
                or _PER_UNIT.match(prose, q.end))


def _wanted(q: Quantity, kinds: frozenset[str], min_count: float, vague_counts: bool) -> bool:
    if q.kind not in kinds:
        return False
    if q.kind == "count":
        if q.approximate and not vague_counts:
            return False
        return q.value >= min_count
    return True


def _inside(q: Quantity, spans: Sequence[tuple[int, int]]) -> bool:
    return any(a <= q.start and q.end <= b for a, b in spans)


def unattributed(text: str, prose: str, paragraphs: Iterable[ParagraphSpans], *,
                 cite_as_names: Sequence[str] = (), kinds: Iterable[str] = ALL_KINDS,
                 min_count: float = 1000, vague_counts: bool = False,
                 skip_hypotheticals: bool = True,
                 covered: Callable[[str, Quantity], bool] | None = None,
                 statistics: Sequence[Quantity] | None = None) -> list[Unsourced]:
    """Sentences whose statistics have no source, named or vague.

    A statistic is sourced when its sentence has an attribution (or inherits
    one from the sentence it continues) or when it sits inside a direct
    quotation, which belongs to its speaker. ``covered(sentence, q)`` lets
    the caller hand statistics to another rule (registered facts).
    ``statistics`` (``find_statistics`` over all of ``prose``) saves the
    search when the caller already has it.
    """
    kinds = frozenset(kinds)
    if statistics is not None:
        starts = [q.start for q in statistics]
    out: list[Unsourced] = []
    for p_start, p_end, spans in paragraphs:
        spans = list(spans)
        if not spans:
            continue
        if statistics is not None:
            lo, hi = bisect.bisect_left(starts, p_start), bisect.bisect_left(starts, p_end)
            candidates = statistics[lo:hi]
        else:
            candidates = find_statistics(prose, p_start, p_end)
        in_paragraph = [q for q in candidates if _wanted(q, kinds, min_count, vague_counts)]
        if not in_paragraph:
            continue
        stats_by_sentence = [[q for q in in_paragraph if s <= q.start < e] for s, e in spans]
        attributions = attribute_paragraph(text, spans, prose=prose, cite_as_names=cite_as_names,
                                           paragraph_end=p_end)
        quotes = quoted_spans(prose, p_start, p_end)
        for (s, e), qs, sources in zip(spans, stats_by_sentence, attributions, strict=True):
            qs = _without_conversions(prose, qs)
            if qs and _PRICE_SENTENCE.search(prose, s, e):
                qs = [q for q in qs if q.kind != "money"]
            qs = [q for q in qs if not _inside(q, quotes)
                  and not any(a.covers(q.start, q.end) for a in sources)
                  and not (q.kind == "money" and (_is_price(prose, q)
                                                  or _COMMODITY_UNIT.match(prose, q.end)))
                  and not _BACK_REFERENCE.search(prose, max(s, q.start - 12), q.start)
                  and not _CONSENSUS_BEFORE.search(prose, max(s, q.start - 40), q.start)]
            if qs and any(q.kind in ("money", "percent") for q in qs) and _MARKET.search(prose, s, e):
                qs = [q for q in qs if q.kind not in ("money", "percent")]
            if qs and skip_hypotheticals and _HYPOTHETICAL.search(prose, s, e):
                continue
            if covered is not None:
                sentence = prose[s:e]
                qs = [q for q in qs if not covered(sentence, q)]
            if qs:
                out.append(Unsourced((s, e), tuple(qs)))
    return out


def is_headline(prose: str, start: int, end: int) -> bool:
    """A one-line paragraph without closing punctuation: a title, not a claim."""
    return bool(_HEADLINE.fullmatch(prose, start, end))


def _same_kind(q: Quantity, value: Any) -> bool:
    return getattr(value, "kind", None) == q.kind and getattr(value, "unit", None) == q.unit


def _message(qs: Sequence[Quantity]) -> str:
    shown = ", ".join(f"'{q.raw}'" for q in qs[:3]) + (" ..." if len(qs) > 3 else "")
    noun = "statistic" if len(qs) == 1 else "statistics"
    return (f"{noun} {shown} with no named source: say who measured it "
            f"(\"according to ...\", \"... said\") or link the source")


@register
class StatUnattributed(Rule):
    id = "stat-unattributed"
    severity = Severity.WARNING
    summary = "A statistic (share, rate, money, count, change) with no source."
    description = (
        "A figure the writer could not have observed (a percentage, an amount of money, a large "
        "count, a fraction, a multiple, a change such as 'doubled' or 'fell by half') needs a "
        "source in the same sentence: 'according to X', 'X said/found/estimated', 'data from X "
        "show', 'X's report', '(Source: X)', a Markdown link around or right after the claim, a "
        "footnote, or a register source's cite_as name. A sentence that continues the previous "
        "one in the same paragraph ('It also found...', 'The report added...') inherits its "
        "source, and figures inside a direct quotation belong to the speaker.\n\n"
        "Years, dates, times, ages, ordinals, scores, model and version names ('Qwen 2.5'), "
        "phone numbers, reading times and list or section numbers are not statistics; nor are "
        "small bare counts ('three people') or vague ones ('dozens of') unless configured.\n\n"
        "A figure credited vaguely ('analysts said', 'sources said', 'a study found') is not "
        "reported here: it has an attribution, just not a named one, and claim-vague-source "
        "reports that, so one sentence never gets two warnings for one problem. A figure in a "
        "sentence about a registered fact is left to the fact-* rules, which can say which "
        "source to cite. Headings and headline-like lines (one line, no closing punctuation) are "
        "skipped by default: a headline summarises a body where the sourcing belongs. So are "
        "market moves ('shares fell 3% to $17.65', 'the dollar traded at 105 yen'), which anyone "
        "can observe, list prices ('priced at £229', 'costs $15 a month') and worked examples "
        "('Say you earn $40,000...')."
    )
    options = {
        "kinds": list(ALL_KINDS),
        "min_count": 1000,
        "vague_counts": False,
        "headings": False,
        "hypotheticals_exempt": True,
    }
    examples_flag = (
        "Sales of electric bikes rose 40% last year.\n",
        "The ministry spent $3.4bn on the new rail line.\n",
        "Almost one in five households now owns a heat pump.\n",
        "Subscriptions to the service doubled in the first quarter.\n",
        "More than 2 million people visited the exhibition.\n",
        "The Harbour Trust opened a new office. Rents in the district fell by a third.\n",
    )
    examples_pass = (
        "Sales of electric bikes rose 40% last year, according to the Cycling Trade Association.\n",
        "The ministry spent $3.4bn on the new rail line, the National Audit Office found.\n",
        "Analysts said household borrowing had risen by 12%.\n",
        "\"We expect revenue to fall by a quarter,\" said Ana Ruiz. \"Costs are up 30 per cent.\"\n",
        "The survey by Pew Research Center was published in March. It also found that 62% of "
        "adults use the app.\n",
        "Mei Lin, 34, joined the company in 2019 and won 2-1 in the final of the 15th cup.\n",
        "DeepSeek V4 and Qwen 2.5 outperform GPT-4o on the benchmark, by Ana Ruiz, 6 min read.\n",
        "Revenue grew 8% last year ([annual report](https://example.org/report)).\n",
        "Revenue grew 8% last year.[^1]\n\n[^1]: Harbour Trust annual report, 2025.\n",
        "E-bike sales rose 40% in 2025.\n",
        "Shares in the carmaker fell 3% to $17.65 in early trading.\n",
        "## Sales up 40% in a year\n\nThe Cycling Trade Association published its figures today.\n",
    )
    example_register = """\
sources:
  cycle-survey-2026:
    publisher: Cycle Trade Survey
    date: 2026-02-01
    cite_as: [Cycle Trade Survey]
facts:
  - id: ebike-sales-growth
    claim: Growth of e-bike sales in 2025
    about: [[e-bike, e-bikes], [sales]]
    value: 40%
    source: cycle-survey-2026
"""

    def check(self, doc: "Any", ctx: Context) -> Iterable[Hit]:
        opts = {**self.options, **(ctx.options or {})}
        register_ = ctx.register
        facts_about = getattr(register_, "facts_about", None)
        cite_names = tuple(getattr(register_, "cite_names", ()) or ())

        def covered(sentence: str, q: Quantity) -> bool:
            if facts_about is None:
                return False
            return any(_same_kind(q, v.quantity) for f in facts_about(sentence) for v in f.values)

        paragraphs = [
            (p.start, p.end, [(s.start, s.end) for s in p.sentences])
            for p in doc.paragraphs
            if opts["headings"] or not (p.kind == "heading" or is_headline(doc.prose, p.start, p.end))
        ]
        key = ("statistics",)
        if key not in doc.cache:  # shared with other rules that read figures
            doc.cache[key] = find_statistics(doc.prose)
        for u in unattributed(doc.text, doc.prose, paragraphs, cite_as_names=cite_names,
                              statistics=doc.cache[key],
                              kinds=opts["kinds"], min_count=float(opts["min_count"]),
                              vague_counts=bool(opts["vague_counts"]),
                              skip_hypotheticals=bool(opts["hypotheticals_exempt"]), covered=covered):
            first, last = u.quantities[0], u.quantities[-1]
            yield Hit(first.start, last.end, _message(u.quantities),
                      context=doc.prose[u.sentence[0]:u.sentence[1]])
