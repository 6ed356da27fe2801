"""Each class of the newsdesk guidelines, both ways, in sentences written for these tests.

The guidelines (../shared/eval/newsdesk/GUIDELINES.md) say what a careful
standards editor wants flagged. Every false-alarm class found by reading real
copy, and every miss, has a case here, so a change that brings one back fails
by name rather than as a drop in a benchmark.
"""

from __future__ import annotations

import pytest

from conftest import lint

STAT = ["stat-unattributed"]
VAGUE = ["claim-vague-source"]
ABSOLUTE = ["claim-absolute"]
QUOTE = ["quote-unattributed"]


def found(text: str, rules: list[str]) -> list[str]:
    return [text[f.offset:f.end_offset] for f in lint(text, "", rules)]


# --- stat: what needs a source -------------------------------------------------------

@pytest.mark.parametrize("text,figure", [
    ("Almost 40% of adults in the region now cycle to work.", "40%"),
    ("Unemployment rose to 6.1% in March.", "6.1%"),
    ("The scheme's members lost £2.3bn in the crash.", "£2.3bn"),
    ("More than 12,000 people were left homeless by the floods.", "12,000 people"),
    ("The rival network now has 4m subscribers across the country.", "4m"),
    ("Support for the mayor among young voters has fallen to 23 percent.", "23 percent"),
    ("Harbour Phone Sales Soar\n\nThe new phone sold 50,000 units in its first week.\n\n"
     "Retailers said they expected more stock in March.", "50,000 units"),
    ("The campaign raised more than $40 million in August.", "$40 million"),
    ("Harbour Trust opened a new office in May. Rents in the district fell by a third.",
     "by a third"),
])
def test_statistics_without_a_source_are_flagged(text: str, figure: str) -> None:
    assert any(figure in f or f in figure for f in found(text, STAT))


@pytest.mark.parametrize("why,text", [
    ("price: list price", "The new handset costs £249 and goes on sale on Friday."),
    ("price: a range of prices", "Tickets are expected to cost between £30 and £45."),
    ("price: available from", "Set-top boxes are available from as little as 60 euros."),
    ("price: market move", "The euro was buying $1.1812, 0.4% higher on the day."),
    ("price: share move", "Harbour Trust finished down $1.20 at $8.40, while Nordby fell $2.10 to $19.65."),
    ("price: commodity", "Oil prices ended the year about 20% higher."),
    ("record: a contribution", "The foundation made an improper $15,000 contribution to the campaign."),
    ("record: a fine", "The league fined the club's coach £4,000 for the outburst."),
    ("record: a fine after a conversion", "The regulator landed the broadcaster with a $350,000 (£186,000) fine."),
    ("record: a deal", "The carmaker agreed to pay its former partner 1.2bn euros to end the deal."),
    ("record: announced cuts", "The airline will cut 3,000 jobs over the next two years."),
    ("record: jobs that will go", "The bank said 2,400 positions would go by the end of 2027."),
    ("record: a stake", "The brewer plans to make an offer to buy another 20% stake in its rival."),
    ("record: a budget earmarked", "The government has earmarked $9bn for the first six months."),
    ("rule: a threshold", "A candidate needs 1,237 delegates to win the nomination outright."),
    ("rule: under the rules", "Under the league's rules, no club can be more than 40% owned by one investor."),
    ("rule: a cap", "The tribunal is likely to cap her compensation at about £60,000."),
    ("rule: a policy rate", "The central bank left interest rates on hold at 4.5%."),
    ("count: items seized", "The warehouse was found to contain 18,000 fake handbags."),
    ("count: small", "Three people were arrested and two officers were hurt."),
    ("date", "The bridge opened in 2019, and the toll ended on 1 May 2024."),
    ("name", "The Route 66 festival runs on Windows 10 machines at the G20 venue."),
    ("example: hypothetical", "Say you earn $40,000 a year and save $500 a month."),
    ("example: a figure restated", "Those 250 million readers matter more than ever."),
    ("in quote", "\u201cOur sales rose 40% last year,\u201d said Ana Ruiz, the firm's founder."),
    ("sourced: same sentence", "Sales rose 40% last year, according to the Cycle Trade Association."),
    ("sourced: 'As reported by'", "As reported by the Harbour Gazette, rents rose 9% last year."),
    ("sourced: 'X lists'", "Forbes lists her fortune at $2.1bn."),
    ("sourced: 'In a X poll'", "In a CNN/ORC poll, 38 percent of voters backed the measure."),
    ("sourced: earlier in the paragraph",
     "The Office for National Statistics said exports rose in May. Imports gained 13% and the "
     "trade gap narrowed to £2.1bn."),
    ("sourced: the paragraph before",
     "Growth figures were published by the statistical office on Tuesday.\n\n"
     "Exports for the year rose by 14%."),
    ("sourced: a poll named earlier",
     "Voters are split, according to a new Harbour Gazette poll.\n\n"
     "Among likely voters, 46 percent would back Ruiz and 44 percent would back Berg."),
    ("sourced: 'the survey' points back",
     "A survey by the Cycle Trade Association asked 2,000 adults how they travel.\n\n"
     "Some 62% of respondents said they had cycled in the past month."),
    ("sourced: an inverted reporting verb",
     "With 53% of homes now online, the council, suggests Ana Ruiz, could act sooner."),
    ("sourced: respondents of a named study",
     "The research, by the Harbour Institute, covered 6,000 people.\n\n"
     "More than a third of respondents said they shop online."),
    ("sourced: a standfirst figure the body credits",
     "Harbour Phone Sales Soar\n\nThe new phone sold 50,000 units in its first week.\n\n"
     "The 50,000 sales were confirmed by market analysts Chartline, the firm said."),
    ("price: apiece", "Applicants got nine shares each for 205 riyals apiece."),
    ("not a share: a place and a count", "She has never been beyond round four in eight attempts."),
    ("record: a pay demand", "Tram drivers walked out, demanding a 12% pay rise."),
    ("record: prize money", "A further $150,000 will be given to the winner of the final."),
    ("record: ownership", "The company is 85% owned by the city and 15% by its staff."),
    ("rule: bonus rates set by a firm", "Annual bonus rates on its policies were cut from 2.5% to 2%."),
    ("sourced: company results",
     "Harbour Trust reported a rise in full-year profits on Tuesday.\n\n"
     "The firm said revenue grew 8% to $2.3bn, helped by strong sales in Asia."),
])
def test_figures_that_need_no_finding(why: str, text: str) -> None:
    assert found(text, STAT) == [], why


def test_a_figure_credited_vaguely_is_the_vague_rule_s() -> None:
    text = "Piracy cost the film industry £3.7bn in 2003, according to analysts."
    assert found(text, STAT) == []
    assert found(text, VAGUE) == ["according to analysts"]


def test_a_speaker_nearby_does_not_source_the_writer_s_figures() -> None:
    text = ("The firm's chief, Ana Ruiz, said she was pleased. The country has $850bn in "
            "reserves, making it the second-biggest holder.")
    assert "$850bn" in found(text, STAT)


# --- vague: attributions that name no one ---------------------------------------------

@pytest.mark.parametrize("text,phrase", [
    ("Experts say the new reactor design is safer.", "Experts say"),
    ("Analysts say that the service will reach 10% of homes by 2030.", "Analysts say"),
    ("The agency is said to be looking into the loss.", "is said to"),
    ("The exchange is thought to be courting foreign listings.", "is thought to"),
    ("The country is not thought to be capable of launching such a rocket.", "is not thought to"),
    ("Polls show a close race in the state.", "Polls show"),
    ("Recent polls in Ohio and Iowa have similarly shown the lead shrinking.",
     "polls in Ohio and Iowa have similarly shown"),
    ("The firm has reportedly hired a new adviser.", "reportedly"),
    ("Some Democrats said the plan went too far.", "Some Democrats said"),
    ("Officials said the bridge would reopen in June.", "Officials said"),
    ("An adviser said the minister would resign.", "An adviser said"),
    ("The mayor is widely expected to stand again.", "is widely expected to"),
])
def test_vague_attribution_is_flagged(text: str, phrase: str) -> None:
    (hit,) = found(text, VAGUE)
    assert phrase in hit or hit in phrase


@pytest.mark.parametrize("why,text", [
    ("named in the same sentence",
     "Phone sales rose 26% in the quarter, according to analysts at Gartner."),
    ("institution named", "Senate sources say the tapes were lost in transit."),
    ("institution named: police officials", "Police officials said a second device was found."),
    ("a named person quoted next",
     "Some believe the campaign is worried. \u201cThey are in panic mode,\u201d said Leslie Moreau."),
    ("named person in the next paragraph",
     "The dam was built in 1960.\n\nExperts say it is unsafe.\n\n"
     "\u201cIt could fail within a decade,\u201d said Jonas Berg, a hydrologist."),
    ("study named next", "Studies have shown that walking helps. Research by the University "
                         "of Leeds found that it cut sick days by 8%."),
    ("standfirst answered by the body",
     "Harbour Dam Under Review\n\nThe dam is unsafe, a report says.\n\n"
     "The Flood Agency's report, published on Monday, found cracks in the wall."),
    ("headline", "Mayor Reportedly Weighs Second Term Bid\n\nThe mayor met advisers on Monday."),
    ("inside a quotation", "\u201cExperts say all sorts of things,\u201d Jonas Berg told the committee."),
    ("attributes nothing: an argument in court", "The case was heard when it was argued in January."),
    ("attributes nothing: goodbyes", "People said goodbye at the station."),
    ("attributes nothing: a motive", "The review was released early because it was thought the "
                                     "vote would be close."),
    ("attributes nothing: a plain expectation", "The election, widely expected on 5 May, will be close."),
    ("poll respondents are not a source", "Some 87% said politicians did not keep their promises."),
])
def test_vague_phrases_that_need_no_finding(why: str, text: str) -> None:
    assert found(text, VAGUE) == [], why


def test_an_anonymous_source_is_reported_at_its_first_mention() -> None:
    text = "A senior aide said the talks had stalled. The source said a deal was unlikely."
    assert found(text, VAGUE) == ["A senior aide said"]


def test_an_unnamed_kind_credited_again_is_a_repeat() -> None:
    text = ("Analysts said the merger would cut costs. They also expect more deals. Demand is "
            "set to grow, analysts said.\n\nRegulators may object, analysts say.")
    assert found(text, VAGUE) == ["Analysts said"]


@pytest.mark.parametrize("why,text,count", [
    ("passive hedges have no source noun",
     "The minister is said to favour the toll. Her deputy is said to oppose it.", 2),
    ("a new characterisation, not a bare credit",
     "Analysts pointed to weak demand. The deficit is large, and analysts have predicted "
     "more losses.", 2),
    ("other analysts are other people",
     "Analysts said the deal was cheap. Other analysts said it was too dear.", 2),
    ("another kind of person", "Analysts said the deal was cheap. Critics said it was too dear.", 2),
])
def test_vague_mentions_that_are_not_repeats(why: str, text: str, count: int) -> None:
    assert len(found(text, VAGUE)) == count, why


@pytest.mark.parametrize("why,text", [
    ("latest figures of a release named in the paragraph",
     "Ticket sales have doubled since May, said market researchers Gatecount. The numbers "
     "were helped by a festival. Latest figures suggest 80,000 tickets have been sold."),
    ("a company's results, its own figures next",
     "According to recent figures, Harbour Mobile's profits doubled in the quarter. Over 40% "
     "of the handsets it sold had cameras, it said."),
])
def test_figures_a_named_release_gives(why: str, text: str) -> None:
    assert found(text, VAGUE) == [], why


@pytest.mark.parametrize("why,text,phrase", [
    ("a body named for something else",
     "The new tablet goes on sale in March, Harbour Mobile said. Latest figures suggest its "
     "sales fell by 5%.", "Latest figures suggest"),
    ("a person's figures are a view",
     "Ticket sales have doubled, said Ana Ruiz, a promoter. Latest figures suggest 80,000 "
     "tickets have been sold.", "Latest figures suggest"),
    ("the estimate is not the named body's",
     "The airline has an estimated $3bn gap in its pension fund, which the Pension Agency "
     "will now cover.", "an estimated"),
    ("a study left unnamed", "A study revealed that 80% of visitors to the museum carried "
                             "phones.", "A study revealed"),
])
def test_figures_no_named_release_gives(why: str, text: str, phrase: str) -> None:
    assert found(text, VAGUE) == [phrase], why


def test_one_finding_per_anonymous_sentence() -> None:
    text = "The country is not thought to be capable of it, and it is considered a threat."
    assert len(found(text, VAGUE)) == 1


def test_an_unrelated_name_in_the_paragraph_does_not_excuse_reportedly() -> None:
    text = ("The mayor met Ana Ruiz on Monday. The council has reportedly dropped the plan. "
            "Ruiz leads the harbour board.")
    assert found(text, VAGUE) == ["reportedly"]


# --- absolute: firsts, records, superlatives ------------------------------------------

@pytest.mark.parametrize("text,phrase", [
    ("Harbour Mobile is the largest mobile firm in the country.", "the largest mobile firm in the country"),
    ("Nordland is the biggest holder of gold reserves in the world.",
     "the biggest holder of gold reserves in the world"),
    ("The council imposed some of the harshest parking fines ever.",
     "the harshest parking fines ever"),
    ("The mayor has record low support among young voters.", "record low"),
    ("The flooding was unprecedented.", "unprecedented"),
])
def test_absolute_claims_are_flagged(text: str, phrase: str) -> None:
    assert found(text, ABSOLUTE) == [phrase]


@pytest.mark.parametrize("why,text", [
    ("trivial: personal first", "She made her first TV appearance in 1987."),
    ("trivial: bare first time", "Officials from both towns were invited for the first time."),
    ("trivial: a sequence", "The team led in the first half and won the first round in Oslo."),
    ("not a claim: idiom", "His rivals were for the most part career politicians."),
    ("not a claim: award", "She won the award for best actress in a leading role."),
    ("not a claim: opinion", "I think it is the best film ever made."),
    ("not a claim: negated", "It was not the first time the bridge had closed."),
    ("hedged", "It is one of the largest firms in the region."),
    ("market data", "The dollar fell to a record low against the euro."),
    ("market data: shares", "Shares in Harbour Trust hit an all-time high on Monday."),
    ("sourced", "It is the longest bridge ever built, according to Guinness World Records."),
    ("sourced: speaker", "The latest test, the ministry said, was its biggest yet."),
    ("inside a quotation", "\u201cWe are paying the largest ransom in the world,\u201d said Ana Ruiz."),
    ("a period, not an absolute", "They were the only operators in the country until 1993."),
    ("sourced: a ranking in an official release the paragraph goes on reporting",
     "Harbour Prices Slow\n\nFlat prices rose 4% in the year, the Land Registry said. Sales fell "
     "by a tenth.\n\nBuyers are waiting for the spring.\n\nThe biggest annual gains were made "
     "in Nordby, where prices were up by 12%. The figures point to a cooling market."),
    ("market data: the day's biggest gainer",
     "Harbour Trust's shares were up 2.1% at 14 euros, the highest gainer in Nordby."),
    ("trivial: a promotion's first buyers",
     "The game will be given free to the first million buyers in the US."),
    ("not a claim: a reader's verdict",
     "The paper clip has got to be one of the most useful inventions ever."),
])
def test_absolute_phrases_that_need_no_finding(why: str, text: str) -> None:
    assert found(text, ABSOLUTE) == [], why


@pytest.mark.parametrize("why,text,phrase", [
    ("merger consequence", "The merger would create the biggest ferry operator in Europe.",
     "the biggest ferry operator in Europe"),
    ("a first beside a date and a spokeswoman who does not vouch for it",
     "The first ever call over a car phone was made in 1971. Harbour Mobile opened its own "
     "network in 1985, said Ana Ruiz, a spokeswoman.", "The first ever"),
    ("a first of people", "They were the first two women in the world to row across the ocean.",
     "the first two women in the world"),
    ("a ranking with no share move", "Harbour Bank is the biggest loser in the country, as its "
                                     "rivals grow.", "the biggest loser in the country"),
    ("the figures of a person, not of an official release",
     "Harbour Prices Slow\n\nFlat prices rose 4% in the year, Ana Ruiz said. Sales fell by a "
     "tenth.\n\nBuyers are waiting for the spring.\n\nThe biggest annual gains were made in "
     "Nordby, where prices were up by 12%. The figures point to a cooling market.",
     "The biggest annual gains were made in Nordby"),
])
def test_absolute_look_alikes_stay_flagged(why: str, text: str, phrase: str) -> None:
    assert found(text, ABSOLUTE) == [phrase], why


# --- quotes: a speaker the reader can see ---------------------------------------------

def test_a_quotation_with_no_speaker_is_flagged() -> None:
    text = ("The council met on Monday.\n\n\u201cEvery permit will be processed within a week "
            "from now on, without exception.\u201d\n\nThe meeting ended at ten.\n")
    assert found(text, QUOTE)


@pytest.mark.parametrize("why,text", [
    ("dash credit on the next line",
     "\u201cWe will not stop until every worker is paid fairly for their work.\u201d\n\n"
     "- Ana Ruiz\n"),
    ("bracket credit", "\u201cThe market has never been this crowded with new entrants.\u201d [Harbour Gazette]\n"),
    ("colon introduction", "The minister put it plainly: \u201cWe will build the bridge, and we "
                           "will build it on time.\u201d\n"),
    ("continued quote",
     "\u201cWe picked the model our staff could audit,\u201d Berg said.\n\n"
     "\u201cNobody had to take a vendor's word for anything. That mattered to us.\u201d\n"),
    ("transcript label", "RUIZ: \u201cWe will appeal the ruling as soon as we can.\u201d\n"),
    ("slogan", "\u201cBuild the bridge now\u201d was the campaign's slogan all summer.\n"),
    ("quoted headline", "The paper ran the headline \u201cHarbour City Says No To The Bridge\u201d.\n"),
])
def test_quotations_that_need_no_finding(why: str, text: str) -> None:
    assert found(text, QUOTE) == [], why
