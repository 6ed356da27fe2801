"""stat-unattributed: a statistic no source reaches.

What counts as a statistic is ``factlint.analyses.figures``; where a source
reaches is ``factlint.analyses.article``. This module only joins the two and
words the finding.
"""

from __future__ import annotations

from typing import Any, Iterable

from factlint.analyses.article import article_attribution
from factlint.analyses.figures import STATISTIC, figure_class, without_conversions
from factlint.findings import Hit, Severity
from factlint.quantities import Quantity, find_statistics
from factlint.rules.base import Context, Rule, register

ALL_KINDS = ("percent", "points", "money", "count", "fraction", "multiple", "change")


def _wanted(q: Quantity, kinds: frozenset[str], min_count: float, vague_counts: bool) -> bool:
    if q.kind not in kinds:
        return False
    if q.kind == "count":
        if q.approximate and not vague_counts:
            return False
        return q.value >= min_count
    return True


def _same_kind(q: Quantity, value: Any) -> bool:
    return getattr(value, "kind", None) == q.kind and getattr(value, "unit", None) == q.unit


def _message(q: Quantity) -> str:
    return (f"Statistic '{q.raw}' has no source: name who measured it "
            f"('according to ...', '... said') or link the source.")


@register
class StatUnattributed(Rule):
    id = "stat-unattributed"
    severity = Severity.WARNING
    summary = "A statistic (share, rate, money, count, change) with no source."
    description = (
        "A statistic is a measured, estimated or aggregated quantity about the world: a share "
        "or rate of a population, a poll result, an economic or business aggregate (growth, "
        "sales, profit, users), a count of people affected, an estimate or forecast. It needs a "
        "named source a reader would connect it with: in its own sentence ('according to X', "
        "'X said/found/estimated', 'X's report', a link, a footnote, a register source's "
        "cite_as name); in the sentence before or after when that one points back ('The "
        "figures come from X'); earlier in the paragraph, or at the end of the paragraph "
        "before, when a body or a document released the figures ('the statistics office "
        "said ...', then more of its figures); or a named poll, survey, report or company "
        "results introduced anywhere above that the sentence continues ('respondents', 'the "
        "survey', '46 percent would back Ruiz'). Figures inside a direct quotation belong to "
        "the speaker.\n\n"
        "Other figures are not statistics and are never reported (the newsdesk guidelines' "
        "classes): prices and market data ('costs £99', 'shares fell 3% to $17.65', 'interest "
        "rates at 4.5%'); the terms of one reported event or announcement (a deal's, fine's or "
        "contribution's value, 'will cut 3,000 jobs', a stake bought); rules and thresholds "
        "('delegates needed to win', 'under the rules ... no more than 40%', a cap); results "
        "and tallies; small or observed counts ('three people', 'found to contain 18,000 "
        "DVDs'); dates, ages, ordinals, names and version numbers; hypotheticals and figures "
        "that restate one already given ('those 250 million readers').\n\n"
        "A figure credited vaguely ('analysts said', 'an estimated') is claim-vague-source's, "
        "so one problem gets one warning. A figure in a sentence about a registered fact is "
        "left to the fact-* rules, which can say which source to cite. Headlines (one line "
        "without closing punctuation, or in Title Case) are skipped: the body carries the "
        "sourcing. One finding per figure, on the figure's own words."
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
        "The ferry operator is looking for pay cuts totalling $40m.\n",
        "The harbour trust and its partner own 49% of the marina.\n",
        "The council hopes to increase this to 12,000 riders by 2030.\n",
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
        "The airline will cut 3,000 jobs and fined its supplier $2m.\n",
        "A survey by the Cycle Trade Association asked 2,000 adults how they travel.\n\nSome "
        "62% of respondents said they had cycled in the past month.\n",
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

    def check(self, doc: Any, ctx: Context) -> Iterable[Hit]:
        opts = {**self.options, **(ctx.options or {})}
        kinds = frozenset(opts["kinds"])
        min_count, vague_counts = float(opts["min_count"]), bool(opts["vague_counts"])
        facts_about = getattr(ctx.register, "facts_about", None)
        article = article_attribution(doc, tuple(getattr(ctx.register, "cite_names", ()) or ()))
        prose = doc.prose
        key = ("statistics",)
        if key not in doc.cache:  # shared with other rules that read figures
            doc.cache[key] = find_statistics(prose)
        figures = doc.cache[key]
        k = 0
        for index, para in enumerate(doc.paragraphs):
            skip = not opts["headings"] and index in article.titles
            for sentence in para.sentences:
                i = article.sentence_index(sentence.start)
                mine = []
                while k < len(figures) and figures[k].start < sentence.end:
                    if figures[k].start >= sentence.start:
                        mine.append(figures[k])
                    k += 1
                if skip or i is None or not mine:
                    continue
                span = (sentence.start, sentence.end)
                context = prose[sentence.start:sentence.end]  # one copy for all its findings
                about = facts_about(context) if facts_about else ()
                previous = None
                for q in without_conversions(prose, mine):
                    kind, previous = figure_class(prose, span, q, previous), q
                    if (not _wanted(q, kinds, min_count, vague_counts) or kind != STATISTIC
                            or article.in_quote(q.start, q.end)
                            or article.reach(i, q.start, q.end) is not None):
                        continue
                    if any(_same_kind(q, v.quantity) for f in about for v in f.values):
                        continue  # the fact-* rules can say which source to cite
                    yield Hit(q.start, q.end, _message(q), context=context)
