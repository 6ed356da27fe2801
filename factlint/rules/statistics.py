"""stat-unattributed: a figure the writer could not have observed needs a source.

The check itself (``unattributed``) is a pure function over the text, the
prose mask and paragraph/sentence spans, so it can be measured against
annotated corpora without building Documents.
"""

from __future__ import annotations

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
                 covered: Callable[[str, Quantity], bool] | None = None) -> list[Unsourced]:
    """Sentences whose statistics have no source, named or vague.

    A statistic is sourced when its sentence has an attribution (or inherits
    one from the sentence it continues) or when it sits inside a direct
    quotation, which belongs to its speaker. ``covered(sentence, q)`` lets
    the caller hand statistics to another rule (registered facts).
    """
    kinds = frozenset(kinds)
    out: list[Unsourced] = []
    for p_start, p_end, spans in paragraphs:
        spans = list(spans)
        if not spans:
            continue
        stats_by_sentence = []
        any_stats = False
        for s, e in spans:
            qs = [q for q in find_statistics(prose, s, e) if _wanted(q, kinds, min_count, vague_counts)]
            stats_by_sentence.append(qs)
            any_stats = any_stats or bool(qs)
        if not any_stats:
            continue
        attributions = attribute_paragraph(text, spans, prose=prose, cite_as_names=cite_as_names,
                                           paragraph_end=p_end)
        quotes = quoted_spans(prose, p_start, p_end)
        for (s, e), qs, attribution in zip(spans, stats_by_sentence, attributions):
            if not qs or attribution is not None:
                continue
            qs = [q for q in qs if not _inside(q, quotes)]
            if qs and skip_hypotheticals and _HYPOTHETICAL.search(prose, s, e):
                continue
            if covered is not None:
                sentence = prose[s:e]
                qs = [q for q in qs if not covered(sentence, q)]
            if qs:
                out.append(Unsourced((s, e), tuple(qs)))
    return out


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
        "source to cite. Markdown headings are skipped by default: a headline summarises a body "
        "where the sourcing belongs."
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
    )
    examples_pass = (
        "Sales of electric bikes rose 40% last year, according to the Cycling Trade Association.\n",
        "The ministry spent $3.4bn on the new rail line, the National Audit Office found.\n",
        "Analysts said household borrowing had risen by 12%.\n",
        "\"We expect revenue to fall by a quarter of what we forecast,\" said Ana Ruiz. "
        "\"Costs are up 30 per cent.\"\n",
        "The survey by Pew Research Center was published in March. It also found that 62% of "
        "adults use the app.\n",
        "Mei Lin, 34, joined the company in 2019 and won 2-1 in the final of the 15th cup.\n",
        "DeepSeek V4 and Qwen 2.5 outperform GPT-4o on the benchmark, by Ana Ruiz, 6 min read.\n",
        "Revenue grew 8% last year ([annual report](https://example.org/report)).\n",
    )

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
            if opts["headings"] or p.kind != "heading"
        ]
        for u in unattributed(doc.text, doc.prose, paragraphs, cite_as_names=cite_names,
                              kinds=opts["kinds"], min_count=float(opts["min_count"]),
                              vague_counts=bool(opts["vague_counts"]),
                              skip_hypotheticals=bool(opts["hypotheticals_exempt"]), covered=covered):
            first, last = u.quantities[0], u.quantities[-1]
            yield Hit(first.start, last.end, _message(u.quantities),
                      context=doc.prose[u.sentence[0]:u.sentence[1]])
