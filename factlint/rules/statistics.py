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
        "survey', '46 percent would back Ruiz'), including its own sample ('a survey of 2,000 "
        "firms') and the shares of a paragraph that says 'the survey found'; the entries of a "
        "named register ('listed by the Electoral Commission') in a later paragraph that says "
        "it reads from it ('are listed as donating'); a named firm's release of measurements in "
        "the sentence just before ('OneStat.com has reported that ...') when the figure goes on "
        "about what it measured; a figure a named source gives again in the same paragraph. "
        "Figures inside a "
        "direct quotation belong to "
        "the speaker.\n\n"
        "Other figures are not statistics and are never reported (the newsdesk guidelines' "
        "classes): prices and market data ('costs £99', 'shares fell 3% to $17.65', 'the Nikkei down "
        "1%', 'interest rates at 4.5%', what a lot at auction is valued at or expected to fetch); the terms of one reported event or announcement (a deal's, fine's or "
        "contribution's value, a bid made, a player's fee, a tax demand, 'the £11m show', a deal "
        "to supply 30,000 cars, 'will cut 3,000 jobs', a stake or a part of a company bought, a "
        "court-ordered payment, funding raised for one purpose, what a plan or law provides, a "
        "holder's stake); "
        "rules and thresholds "
        "('delegates needed to win', 'under the rules ... no more than 40%', a cap); results "
        "and tallies; small or observed counts ('three people', 'found to contain 18,000 "
        "DVDs', a firm's own workforce: 'the plant employs 2,000 staff'); dates, ages, "
        "ordinals, periods ('three quarters of contraction'), names and version numbers; hypotheticals and figures "
        "that restate one already given ('those 250 million readers'); the writer's or a "
        "reader's own money, in a sentence or a paragraph that opens in the first person ('my "
        "bill rose to £320').\n\n"
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
        # Look-alikes of the classes passed below: a person's view, the public's share of a
        # market, a merger's sales, a forecast of people affected, results, ratings, a sample
        # with no survey named, another release's figure in a survey's paragraph.
        "Housing is a priority, the Deputy First Minister has said. Rents climbed 4% in the "
        "year.\n",
        "Shoppers bought 20% of their groceries online last year.\n",
        "A merged group would have annual sales of $12bn and a production capacity of 40 "
        "million tonnes.\n",
        "Up to 900,000 nurses could take part in the strike.\n",
        "Profits rose 44% to $205.4m in the quarter.\n",
        "The channel's audience share jumped to 6.3% in March.\n",
        "Its market share fell 5% to 88.9%.\n",
        "Nearly 6,000 commuters were surveyed.\n",
        "A study by the Harbour Institute found that e-bikes are popular.\n\nCity leaders "
        "welcomed the news.\n\nAlmost a quarter of commuters own one, the survey found. The "
        "mayor said the scheme was a success. The city's economy grew by 2% last year.\n",
        # Look-alikes of the workforce, holding, period, sale-price, register, release and
        # repeated-figure classes passed below: a sector's jobs, a market share, a share of a
        # market, a market's size, a register with no pointer back, a person's or a body's
        # view in the sentence before, a figure no one repeats.
        "The textile industry employs around 1.5 million people.\n",
        "Harbour Oil will now control about 16% of the country's crude output.\n",
        "Almost three quarters of the market is held by two firms.\n",
        "The city's art market is valued at between $5bn and $7bn.\n",
        "Gifts of £8,213,400 went to 12 parties listed by the Harbour Electoral Board. Most came "
        "from unions.\n\nThe Green Party took in £41,650 in the quarter.\n",
        "Kestrel is drawing users from Voyager, said Ana Ruiz, an analyst at SiteCount. "
        "Voyager's market share has dropped 4% since May to 86.2%.\n",
        "The government says many state firms were sold. More than 90,000 firms have been sold "
        "off since 1992.\n",
        "The film eventually took $1.6bn (£850m). \"Audiences love a winner,\" said Ana Ruiz of "
        "box office tracker FilmCount.\n",
        # Look-alikes of the target, bid, charge, prize and named-list classes passed below:
        # measured aggregates after "of", charges as a quantity, a list that is no document.
        "Annual sales of $32bn made it the region's biggest retailer.\n",
        "Inflation of 70% wiped out savings in 2001.\n",
        "Restructuring charges rose 5% last year.\n",
        "There is a waiting list for the car, Ana Ruiz said. Output should double from 2,400 cars "
        "a year.\n",
        "Royals receive no money from the Civil List. The duchy generated £12m last year.\n",
        # Look-alikes of the index-move, single-event and first-person classes passed below:
        # a rate "down" that is no market quote, a loss, a household aggregate.
        "Unemployment was down 0.3% in March.\n",
        "The show made a £5m loss.\n",
        "Energy bills rose by £300 last year.\n",
        "Sales of the 32GB version rose 40% last year.\n",
        "Families spend $500 a month on childcare. Read the guides I wrote last year.\n",
        # The writer's aside credits nothing, so the figure is still unsourced.
        "Sales of scooters, some might say, rose 40% last year.\n",
    )
    examples_pass = (
        # An index's move without a verb; a bid, a fee, a lot's sale, a demand, a production's
        # cost, a payout, a supply deal: one event's terms; a reader's own money.
        "Exporters struggled, with the Kospi down 0.8% in morning trade.\n",
        "Harbour United bid £4m for the defender this week.\n",
        "The winger moved to Harbour United for £3m in 2001.\n",
        "A letter signed by the poet went for £12,000.\n",
        "The firm faces a $2bn tax demand from the authorities.\n",
        "The £9m musical opens in Leeds next spring.\n",
        "Members will get a windfall of up to £150.\n",
        "Kestrel Motors has struck a deal to supply Harbour Cars with 20,000 vans.\n",
        "My phone bill rose from £30 to £320 in a month.\n",
        "I have a neighbour who was caught out. Her bill reached £900 in a month.\n",
        "The tablet comes in a 32GB version for £149.\n",
        "A walnut desk priced £900 stood by the door.\n",
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
        # A body's name with its abbreviation; one deal's, award's or plan's terms; share
        # prices with their level; a survey's own sample and the paragraph that reports it.
        "Exports rose in May, the Office for Trade Statistics (OTS) said. Sales to Asia climbed "
        "4% in the month.\n",
        "Rents edged up in June, the Office of the Deputy First Minister (ODFM) has "
        "said.\n\nThe average rent rose to £950 from £940 in May.\n",
        "The bakery chain faces a $1.2bn (£640m) buyout by a rival.\n",
        "Harbour Rail agreed to buy its former parent Coastline for about $9bn.\n",
        "The carmaker's decision to buy 30% of Bustec's truck arm in 2001 proved costly.\n",
        "The remaining two-thirds of the brewer was bought by a rival.\n",
        "The student was ordered to pay 80,000 kroner (£6,500) to the label.\n",
        "The gallery managed to raise £7.5m funding to buy the sculpture.\n",
        "Regulators will study a 300m euro ($370m; £205m) loan to the airline.\n",
        "The new pipeline aims to transport 500,000 daily barrels of crude.\n",
        "Forty percent of the fund will be made available for rural schools, 35% for clinics "
        "and 25% for roads.\n",
        "It gives citizens a right of access to records held by about 60,000 public bodies.\n",
        "The 15 million new homes promised by Harbour Party leaders in 2020 have not been built.\n",
        "Steelco lost 2.5% to 270 yen in Tokyo, with rival Ironco down 3.4%.\n",
        "The Tallinn bourse halted trading after Ferrox share soared, gaining as much as 40% by noon.\n",
        "The Harbour Confidence index is based on a survey of 8,500 firms.\n",
        "The findings come in a report published by the Cycle Forum. \"Too few cities act,\" "
        "said Ana Ruiz, its director. Nearly 6,000 commuters in 40 cities were surveyed for "
        "Cycling and Cities.\n",
        "The figures come from mail firm Spamco. Attacks are rising, said its chief, Ana Ruiz. "
        "Phishing now makes up close to 60% of all chat message traffic analysis by the "
        "company has found.\n",
        "A study by the Harbour Institute found that e-bikes are popular.\n\nCity leaders "
        "welcomed the news.\n\nOf the 2 million riders, 59% are men. Commuting is the main use. "
        "Most rides are short. Almost a quarter of parents own one, the survey found.\n",
        # A firm's own workforce, a holding, a period, a lot's sale price; entries of a register
        # named above that the paragraph says it reads from; a measuring firm's release just
        # before; a figure repeated in a named tracker's quote.
        "The Harbour Mill factory makes bicycles and employs 2,400 staff.\n",
        "Ms Ruiz and her family hold a stake of 31.4% in the club.\n",
        "Investors hoped for a recovery after three quarters of contraction.\n",
        "Letters by the poet valued at between $20,000 (£11,000) and $40,000 (£22,000) failed to "
        "reach their reserve price at the auction.\n",
        "The poet's desk is expected to fetch around $300,000 (£160,000) next month.\n",
        "Gifts of £8,213,400 went to 12 parties listed by the Harbour Electoral Board. Most came "
        "from unions.\n\nThe Green Party took in £41,650 in the quarter. Harbour Ferries are "
        "listed as donating a sum of £12,400.\n",
        "Web monitor SiteCount.com has reported that the Kestrel browser is drawing users from "
        "Voyager. Voyager's market share has dropped 4% since May to 86.2%.\n",
        "The film eventually took $1.6bn (£850m). \"Audiences love a winner,\" said Ana Ruiz of "
        "box office tracker FilmCount. \"When a film does $1.6bn, people care.\"\n",
        # A target set, bids made, a charge taken, a prize pot: an event's or a plan's terms.
        # A named list's entries, in a later paragraph that reads from "the list".
        "The ministry has set a growth target of 4% for next year.\n",
        "Rivals had made earlier bids of £2m, £3m and £4m for the striker.\n",
        "The job cuts will lead to a one-off charge of 400m euros.\n",
        "The winner takes a prize pot of $250,000 at the $1m tournament.\n",
        "Ana Ruiz is the highest new entry in the Harbour Herald Rich List, with a £90m "
        "fortune.\n\nTom Lee is third with £45m. Other new names in the list include Mei Lin.\n",
        "Pop star Ana Ruiz topped Harbour Weekly's annual list of top earners.\n\nShe took $40m "
        "from touring last year. Other acts in the list included Tom Lee.\n",
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
                            or (q.kind == "money" and article.first_person(i))
                            or article.reach(i, q.start, q.end) is not None):
                        continue
                    if any(_same_kind(q, v.quantity) for f in about for v in f.values):
                        continue  # the fact-* rules can say which source to cite
                    yield Hit(q.start, q.end, _message(q), context=context)
