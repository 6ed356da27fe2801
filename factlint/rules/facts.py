"""The fact-* rules: a draft that states a registered fact must state it right and credit its source.

What a sentence states about the register, and whether its source is cited,
is the analysis in ``factlint.analyses.facts``; each rule here words one
outcome of it:

- ``fact-mismatch``: a figure or date that no registered value supports;
- ``fact-unattributed``: the right figure, but the fact's source is nowhere
  in scope;
- ``fact-misattributed``: the right figure, credited to another named source;
- ``fact-expired``: the right figure of a fact past its ``valid_until`` or
  superseded by another.
"""

from __future__ import annotations

import datetime as dt
from typing import Iterable

from factlint.analyses.facts import Statement, analyse
from factlint.document import Document
from factlint.errors import FactlintError
from factlint.findings import Hit, Related, Severity
from factlint.quantities import Temporal, parse_when
from factlint.register import Fact, FactValue
from factlint.rules.base import Context, Rule, register

_MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
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


def _hit(doc: Document, st: Statement, message: str) -> Hit:
    """A fact finding, pointing at the register entry and naming its source."""
    fact = st.facts[0]
    source = fact.source
    where = ", ".join(x for x in (source.title, source.url) if x)
    related = Related(f"register fact '{fact.id}' ({fact.claim.rstrip('. ')}): source "
                      f"{source.citation()}{'; ' + where if where else ''}",
                      fact.origin.path, fact.origin.line, fact.origin.column)
    return Hit(st.start, st.end, message, context=_sentence_context(doc, st), related=(related,))


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
    """Headings (a front matter title, description or summary too: the body carries the
    source), and a plain-text draft's first line when it reads as a headline."""
    para = doc.paragraphs[st.sentence.paragraph]
    if para.kind == "heading" or para.front_matter:
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
            yield _hit(doc, st, f"'{said}' differs from the register: {describe(fact, value)}, per "
                                f"{fact.source.citation()}. Correct the figure, or update the register.")


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
            yield _hit(doc, st, message)


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
            yield _hit(doc, st, f"'{said}' is credited to {credit.credited}, but the register's source "
                                f"for {fact.claim.rstrip('. ')} is {fact.source.citation()}: credit "
                                f"it, or register the other source.")


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
        by_id = ctx.register.facts_by_id
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
            yield _hit(doc, st, message)


def _latest(by_id: dict[str, Fact], fact: Fact) -> Fact:
    seen = {fact.id}
    while fact.superseded_by and fact.superseded_by in by_id and fact.superseded_by not in seen:
        fact = by_id[fact.superseded_by]
        seen.add(fact.id)
    return fact
