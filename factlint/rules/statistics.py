"""stat-unattributed: a statistic no source reaches.

What counts as a statistic is ``factlint.analyses.figures``; where a source
reaches is ``factlint.analyses.article``. This module only joins the two and
words the finding.
"""

from __future__ import annotations

from typing import Any, Iterable

from factlint.analyses.article import article_attribution, is_headline
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
        for para in doc.paragraphs:
            skip = not opts["headings"] and (para.kind == "heading"
                                             or is_headline(prose, para.start, para.end))
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
                about = facts_about(prose[sentence.start:sentence.end]) if facts_about else ()
                previous = None
                for q in without_conversions(prose, mine):
                    kind, previous = figure_class(prose, span, q, previous), q
                    if (not _wanted(q, kinds, min_count, vague_counts) or kind != STATISTIC
                            or article.in_quote(q.start, q.end)
                            or article.reach(i, q.start, q.end) is not None):
                        continue
                    if any(_same_kind(q, v.quantity) for f in about for v in f.values):
                        continue  # the fact-* rules can say which source to cite
                    yield Hit(q.start, q.end, _message(q), context=prose[span[0]:span[1]])
