"""What kind of figure is this? Only statistics need a source.

GUIDELINES "family: stat": a statistic is a measured, estimated or
aggregated quantity about the world (a share of a population, a poll
result, an economic aggregate, a count of people affected, a forecast). The
other figures of news copy are not, and an editor who is asked to source
them switches the linter off: prices and market data anyone can look up,
the terms of one reported deal, fine or order, results and tallies, rules
and thresholds, hypotheticals and figures that restate one already given.

``figure_class`` answers per figure, in its sentence, with the guidelines'
reason names, so a rule can say why it stayed quiet and a test can pin each
class down. It reads only the prose around the figure; no attribution here.
"""

from __future__ import annotations

import re
from functools import cached_property, lru_cache
from typing import Sequence

from factlint.analyses.patterns import first_letters
from factlint.quantities import Quantity
from factlint import regexstore

__all__ = ["STATISTIC", "figure_class", "without_conversions"]

STATISTIC = "statistic"

_VERB_MOVE = (
    r"r[io]s(?:e|en|ing)|f[ae]ll(?:en|ing)?|gain(?:ed|ing)?|lost|losing|climb(?:ed|ing)|"
    r"dropp(?:ed|ing)|slipp(?:ed|ing)|jump(?:ed|ing)|soar(?:ed|ing)|surg(?:ed|ing)|slump(?:ed|ing)|"
    r"tumbl(?:ed|ing)|plung(?:ed|ing)|edg(?:ed|ing)|added|adding|shed|shedding|closed|closing|"
    r"ended|finished|opened|traded|trading|buying|bought|worth|stronger|weaker|firmer|softer|"
    r"(?:was|were|are|is)\s+(?:up|down)|hit|touched|reached|hovered|stood|rall(?:ied|ying)|sank|"
    r"sunk|surge|record\s+high|record\s+low"
)
# Market moves are observed, not reported: "shares fell 25 cents to $17.65",
# "the dollar was buying 105 yen", "Brent crude rose $1.89".
# The lookahead holds the first letters of the market words (keep it in step): it rules
# out, in one test, most words of a sentence, where the alternatives would be tried.
_MARKET = regexstore.compile(
    r"\b(?=[abcdefghkmnoprswy])(?:shares|share\s+price|stocks?|Dow|FTSE|Nikkei|Nasdaq|S&P|Dax|CAC|Hang\s+Seng|"
    r"(?:stock|share|main|benchmark|composite|all-share)\s+index|Bovespa|Kospi|Sensex|"
    r"dollar|euro(?![\s-]*(?:zone|area))|yen|pound|sterling|yuan|rouble|currency|crude|Brent|"
    r"(?:oil|gold|silver|copper|gas|gasoline|petrol|wheat|coffee)\s+prices?|"
    r"price\s+of\s+(?:oil|crude|gold|silver|copper|gas|gasoline|petrol|wheat|coffee)|"
    r"bond\s+yields?|futures|barrel)\b"
    rf"[^.;!?]{{0,80}}?\b(?:{_VERB_MOVE}|(?:\d[\d.,]*%?\s+)?(?:higher|lower)|(?:up|down)(?=\s+\d))\b",
    re.I,
)
# A commodity quoted per unit is a market price: "$413.50 an ounce", "$1.48 a gallon".
_COMMODITY_UNIT = regexstore.compile(
    r"\s+(?:an?|per)\s+(?:ounce|barrel|gallon|tonne|ton|bushel|troy\s+ounce|share)\b", re.I)
# A sentence that quotes list prices: every amount in it is a price.
_PRICE_SENTENCE = regexstore.compile(
    r"\b(?:priced\s+at|retails?\s+(?:for|at)|retailing\s+(?:for|at)|on\s+sale\s+(?:for|at)|"
    r"will\s+sell\s+for|price\s+tag|per\s+month|subscription|tickets?\s+(?:cost|are|were))\b", re.I)
# What a seller asks: "costs £99", "likely to cost between £130 and £200", "sells for $5",
# "a couch priced £4,250", "a 160GB version for £399".
# "cost the industry £3.7bn" is a loss, not a price: the amount must follow the verb.
_PRICE_BEFORE = regexstore.compile(
    r"(?:\bpriced(?:\s+at)?|\bretails?\s+(?:for|at)|\bretailing\s+(?:for|at)|\bon\s+sale\s+(?:for|at)|"
    r"\b(?:version|model|edition)s?\s+(?:for|at)|"
    r"\bsells?\s+for|\bselling\s+for|\bprice\s+tag\s+of|\bprices?\s+of|\bcosts?|\bcosting|"
    r"\bcharges?|\bcharging|\bavailable\s+(?:from|for|at)|\bchang(?:ing|ed|es)\s+hands\s+(?:at|for))"
    r"\s+(?:(?:just|only|about|around|roughly|from|between|up\s+to|as\s+little\s+as|less\s+than|"
    r"under|over|more\s+than)\s+){0,2}$",
    re.I,
)
# What a lot is expected to fetch at a sale is its seller's (the auction house's) price:
# "is expected to fetch around $500,000", "could fetch up to £9m". "Houses fetch an average of
# £200,000" is a measured average: "an average of" is not among the words allowed between.
_FETCH_BEFORE = regexstore.compile(
    r"\bfetch(?:es|ed|ing)?\s+(?:(?:just|only|about|around|roughly|between|up\s+to|as\s+much\s+as|"
    r"more\s+than|over|at\s+least|in\s+excess\s+of)\s+){0,2}$", re.I)
# A pre-sale valuation, in a sentence about an auction: "valued at between $30,000 and
# $50,000 ... did not meet their reserve price". "The market is valued at between $5bn and
# $7bn" has no sale in it and stays a statistic.
_VALUED_BEFORE = regexstore.compile(r"\b(?:valued|estimated)\s+at\s+(?:between\s+)?$", re.I)
_AUCTION = regexstore.compile(
    r"\b(?:auction(?:s|ed|eers?)?|reserve\s+price|under\s+the\s+hammer|bidders?|pre-sale|"
    r"Sotheby['’]s|Christie['’]s|Bonhams)\b", re.I)
# "9 shares each for 205 riyals apiece": a price per item.
_APIECE = regexstore.compile(r"\s+(?:apiece|each|a\s+share|per\s+share|a\s+head|per\s+head)\b", re.I)
_PER_UNIT = regexstore.compile(
    r"(?:\s*\([^()]{1,40}\))?\s+(?:per|a|an|each)\s+(?:month|week|year|day|night|copy|issue|ticket|download|song|track|"
    r"game|unit|head|person|seat|user|licence|license|canister|cylinder|litre|liter|kilo|kilogram|"
    r"bottle|packet|pack|loaf|pint|bag|meal)\b", re.I)
# "$5.37bn (£2.86bn)", "1.4bn euros (£960m; $1.85bn)": the same figure converted.
_CONVERSION_GAP = regexstore.compile(r"\s*(?:[(;,]|or)\s*")
# "below market expectations of 190,000 jobs": a consensus figure, credited (vaguely) to
# the forecasters; claim-vague-source is the rule for that, not this one.
_CONSENSUS_BEFORE = regexstore.compile(
    r"\b(?:expectations?|forecasts?|estimates?|consensus|predictions?|projections?)\s+"
    r"(?:of|for|at)\s+(?:(?:about|around|some|roughly|nearly|a|an|the)\s+)?$", re.I)
# "those 250 million Indians", "the same 40%": a figure the text has already given.
_BACK_REFERENCE = regexstore.compile(r"\b(?:those|these|the\s+same)\s+$", re.I)
# Worked examples are not claims: "Say you earn $40,000...", "you'd need $115 a month".
_HYPOTHETICAL_WORDS = (
    r"let's\s+say|let\s+us\s+say|suppose|supposing|imagine|say\s+you|assume\s+you|"
    r"assuming\s+you|if\s+you|you'd|you\s+would|you\s+will\s+need|you'll\s+need|"
    r"you\s+need|hypothetical(?:ly)?|for\s+example,?\s+if"
)
_HYPOTHETICAL = regexstore.compile(
    rf"\b(?=[{first_letters(_HYPOTHETICAL_WORDS)}])(?:{_HYPOTHETICAL_WORDS})\b", re.I)
# The terms of one reported event: "a $25,000 contribution", "a £2bn deal", "fined $5m".
_EVENT_NOUN_AFTER = regexstore.compile(
    r"(?:\s*\([^()]{1,40}\))?(?:\s+[\w-]+){0,2}?\s+(?:contribution|donation|gift|fine|penalty|settlement|deal|bid|offer|"
    r"contract|takeover|buyout|buy-out|acquisition|purchase|order|loan|bail|bonus|payout|pay\s+deal|salary|"
    r"grant|award|prize|reward|ransom|bribe|fee|cheque|check|investment|package|bail-?out|"
    r"budget|stake|merger|lawsuit|claim|damages|sale|tender|sponsorship|scheme|project|"
    r"programme|program|plan|fund|bill|tax\s+cut|tax\s+rise|cut|cuts|share\s+issue|rights\s+issue|"
    r"flotation|listing|ipo|schedule|prize|purse|jackpot|windfall|contest|tournament|demand|bond|"
    r"show|production|musical|stadium|redevelopment|refurbishment|facility|plant|factory|terminal)s?\b",
    re.I)
_EVENT_VERB_BEFORE = regexstore.compile(
    r"\b(?:(?:fined|fining|pay|paid|pays|paying|owes?|owed|awarded|handed|gave|give|sued|suing|"
    r"bid|bids|bidding|offered|offering)"
    r"\s+(?:[\w'’.-]+\s+){0,5}?|cheque\s+for|check\s+for|"
    r"fined|fine\s+of|ordered\s+to\s+pay|agreed\s+to\s+pay|paid|pay|pays|paying|"
    r"valued\s+at|valuing\s+(?:\w+\s+){1,3}at|values\s+(?:\w+\s+){1,3}at|worth|bid\s+of|offer\s+of|"

    r"deal\s+worth|sold\s+(?:\w+\s+){0,8}for|bought\s+(?:\w+\s+){0,8}for|went\s+for|"
    r"(?:moved|joined|signed|transferred)\s+(?:to\s+)?(?:(?-i:[A-Z])[\w'’.-]*\s+){1,3}for|"
    r"bought\s+(?:\w+\s+){0,4}for|acquired\s+(?:\w+\s+){0,4}for|"
    r"(?:buy|buys|buying|acquire|acquires|acquiring|purchase|purchases|purchasing)\s+"
    r"(?:[\w'’&.-]+\s+){0,8}?for|"
    r"awarded|donated|gave|give|pledged|pledging|promised|promising|announced|unveiled|"
    r"approved|budget\s+of|allocated|earmarked|set\s+aside|invest|invested|investing|"
    r"raise\s+(?:the\s+)?(?:\w+\s+){0,2}to|cut\s+(?:\w+\s+){0,3}by|sentenced\s+to)"
    r"\s*(?:(?:a|an|the|about|around|nearly|almost|roughly|some|up\s+to|more\s+than|over|"
    r"another|an\s+extra|a\s+further|additional|on\s+average|an\s+average\s+of)\s+)*$",
    re.I)
# What an actor will do, as news: "will cut 3,000 jobs", "plans to invest $2bn", "5,125 positions
# would go", "under the deal". A forecast ("sales are expected to rise 5%") is a statistic.
_ANNOUNCED = regexstore.compile(
    r"\b(?:will|would|is\s+to|are\s+to|plans?\s+to|planning\s+to|aims?\s+to|intends?\s+to|"
    r"agreed\s+to|has\s+agreed\s+to|wants\s+to|is\s+set\s+to|are\s+set\s+to|has\s+earmarked|"
    r"have\s+earmarked|earmarked|pledged\s+to|promised\s+to|offered\s+to|proposes\s+to|"
    r"announced\s+plans\s+to)\s+(?:\w+\s+){0,2}?"
    r"(?:cut|cuts|axe|shed|create|creating|hire|add|invest|spend|pay|assume|take|taking|buy|sell|"
    r"share|settle|devote|receive|reach|raise|lend|borrow|provide|give|build|open|close|offer|increase\s+\w+|"
    r"transport|carry|supply|deliver|"
    r"reduce|double|return|allocate|set\s+aside|go|be\s+lost|be\s+created|be\s+cut|be\s+axed|"
    r"be\s+able\s+to\s+receive|be\s+made\s+available|be\s+offered|be\s+spent|be\s+invested|"
    r"be\s+given|be\s+paid|be\s+awarded|be\s+raised|handle|"
    r"earmark)\b",
    re.I)
# What an actor seeks, asks for or hopes to reach is a demand or a goal, not a measured figure:
# "is looking for paycuts totalling $800m", "he sought £5,000", "hopes to increase this to 10
# million". A forecast ("expects sales to rise 5%") stays a statistic.
_WANTED_BEFORE = regexstore.compile(
    r"\b(?:seeks?|seeking|sought|looking\s+for|asks?\s+for|asked\s+for|asking\s+for|"
    r"hop(?:e|es|ed|ing)\s+for)\s+(?:[\w-]+\s+(?:[\w-]+\s+)?(?:totalling|totaling|worth|amounting\s+to|of)\s+)?"
    r"(?:(?:a|an|the|about|around|nearly|almost|some|up\s+to|more\s+than|over|at\s+least)\s+)*$"
    r"|\bhop(?:e|es|ed|ing)\s+to\s+(?:increase|raise|boost|grow|lift|take|double|treble|triple|expand)"
    r"\s+(?:[\w-]+\s+){0,3}?to\s+(?:(?:about|around|nearly|almost|some|more\s+than|over|at\s+least)\s+)*$",
    re.I)
# Framing that makes every figure of the sentence the terms of a deal or a plan.
_TERMS_SENTENCE = regexstore.compile(
    r"\b(?:under|as\s+part\s+of)\s+the\s+(?:\w+\s+)?(?:deal|agreement|plan|plans|scheme|contract|"
    r"terms|proposals?|settlement|package)\b"
    r"|\bagreed\s+(?:to\s+)?(?:a\s+)?new\s+(?:contract|deal|agreement)\b"
    r"|\b(?:deal|contract|agreement)\s+to\s+(?:supply|buy|sell|provide|build|deliver|make|acquire)\b"
    r"|\b(?:is|are|was|were)\s+committed\s+to\b|\bbeing\s+balloted\b|\bto\s+settle\b"
    r"|\b(?:the\s+)?(?:act|law|bill|treaty|directive)\s+(?:provides|requires|allows|gives)\b"
    r"|\d%\s+owned\s+by\b|\bowns\s+(?:a\s+|about\s+|around\s+)?\d[\d.]*%"
    r"|\b(?:own|owned|hold|holds|held)\s+(?:about\s+|around\s+|nearly\s+|almost\s+)?\d[\d.]*%\s+of\b"
    r"|\b(?:deal|agreement|contract|plan|proposal|scheme)\b[^.;]{0,60}?\b(?:foresees|provides|"
    r"includes|involves|envisages|envisions)\b"
    r"|\bwill\s+be\s+(?:made\s+available|allocated|earmarked|set\s+aside|distributed|channell?ed)\s+"
    r"(?:for|to)\b"
    r"|\b(?:provides?|gives?|grants?)\s+(?:[\w-]+\s+){0,4}?(?:an?\s+|the\s+)?(?:legal\s+)?"
    r"rights?\s+(?:of\s+access|to)\b"
    r"|\b(?:demanding|demands?|demanded|calling\s+for|seeking|sought|offering|offered)\s+(?:a|an)\s+"
    r"(?:\S+\s+){0,2}?(?:pay|wage|salary)\s+(?:rise|increase|deal|cut)\b",
    re.I)
# A share price quoted with its move: "finished down $18.90 at $8", "fell $28.63 to $38.65".
_PRICE_MOVE = (r"fell|rose|dropped|climbed|gained|lost|added|shed|slipped|jumped|closed|finished|ended|opened|"
               r"falling|rising|dropping|climbing|gaining|losing|shedding|slipping|jumping|closing|"
               r"(?:bounced|bouncing)(?:\s+back)?")
_SHARE_MOVE = regexstore.compile(
    rf"\b(?:{_PRICE_MOVE}|traded)\b(?:\s+(?:up|down|higher|lower))?\s+(?:[$€£¥]?\d[\d.,]*"
    r"(?:\s?(?:cents?|pence|p))?(?:\s+\w+)?\s+)?(?:to|at)\s+$|\b(?:shares?|stock)\s+(?:\w+\s+){0,3}"
    r"(?:at|to)\s+$", re.I)
_MOVE_BEFORE = regexstore.compile(rf"\b(?:{_PRICE_MOVE})(?:\s+(?:up|down|higher|lower))?\s+$", re.I)
_QUOTED_LEVEL = regexstore.compile(r"\s+(?:to|at)\s+[$€£¥]?\d")
_SMALL_PRICE = regexstore.compile(r"^\D*\d{1,4}(?:\.\d+)?(?:\D+\d{1,4}(?:\.\d+)?)?\D*$")
# "climbed to $131.9bn" is an aggregate (sales, a deficit), never a share price.
_SCALED = regexstore.compile(r"\d\s?-?(?:bn|mn|m|k|tn|trn|million|billion|trillion|thousand)\b", re.I)
# A stake bought or sold is the term of a deal: "an offer to buy another 20% stake".
_STAKE_AFTER = regexstore.compile(
    r"\s+(?:stake|holding|shareholding|share\s+in|interest\s+in|owned\s+by|of\s+(?:its|the)\s+"
    r"(?:shares|capital|equity)|pay\s+(?:rise|increase|cut))\b", re.I)
# A part of a company changing hands is a term of the deal: "the decision to buy 20% of Fiat's
# car arm", "bought 100% of Baikal"; passive: "the other two-thirds of Seagram was bought by
# Diageo". "Shoppers bought 20% of their food online" is a share of a market, a statistic.
_CHANGING_HANDS = ("buy|buys|buying|bought|acquire[sd]?|acquiring|purchase[sd]?|purchasing|sell|sells|"
                   "selling|sold")
_BOUGHT_BEFORE = regexstore.compile(
    rf"\b(?=[{first_letters(_CHANGING_HANDS)}])(?:{_CHANGING_HANDS})\s+"
    r"(?:(?:a\s+further|another|the\s+remaining|the\s+other|a|an|about|around|"
    r"nearly|almost|some|up\s+to|more\s+than|over|just\s+over)\s+)*$", re.I)
_OF_COMPANY_AFTER = regexstore.compile(
    r"\s+of\s+(?:(?:the|its|their)\s+)?(?:[A-Z][\w&.'’-]*|(?:company|firm|group|business|bank|"
    r"airline|carmaker|division|unit|arm|subsidiary|shares|stock|equity|capital)\b)")
_BOUGHT_AFTER = regexstore.compile(
    r"\s+of\s+(?:[\w'’&-]+\s+){1,6}?(?:was|were|is|are|has\s+been|had\s+been|will\s+be|"
    r"would\s+be)\s+(?:bought|acquired|sold|purchased|taken\s+over)\s+(?:by|to)\b")
_BUYING_PUBLIC = regexstore.compile(
    r"\b(?:consumers|shoppers|people|households|buyers|customers|families|investors|users|"
    r"Britons|Americans|Europeans)\b[^.;]{0,30}$", re.I)
# Money a named actor raised for one purpose: "managed to raise £12.5m funding to buy the
# portrait". Money raised in a year by a sector ("firms raised £3bn") has no purpose clause.
_RAISED_BEFORE = regexstore.compile(
    r"\b(?:raise[sd]?|raising|secure[sd]?|securing)\s+(?:(?:an?|the|about|around|nearly|almost|"
    r"some|more\s+than|over|an\s+extra|a\s+further|additional)\s+)*$", re.I)
_FUNDING_AFTER = regexstore.compile(
    r"(?:\s*\([^()]{1,40}\))?(?:(?:\s+(?:of|in))?\s+(?:funding|financing|funds|backing|sponsorship)\b"
    r"|\s+to\s+(?:buy|fund|pay\s+for|build|keep|save|finance|acquire|complete|restore)\b)", re.I)
# A target or a pledge credited to who made it: "the 20 million new jobs promised by EU leaders".
_PROMISED_BY_AFTER = regexstore.compile(
    r"(?:\s+[\w-]+){0,3}?\s+(?:promised|pledged|targeted|proposed|planned|announced|offered|"
    r"budgeted|earmarked)\s+by\s+(?:the\s+)?[A-Z]")
# A share price after its move: "lost 2.5% to 270 yen", "shed 2.1% to 17.58 euros". The level
# is a small price with no scale ("rose 44% to $205.4m" is a company's profit, a statistic)
# and not a rate per week or month ("earnings rose 3% to £450 a week" is a statistic).
_LEVEL = (r"(?:to|at)\s+(?:[$€£¥]\s?\d{1,4}(?:\.\d+)?(?![\d,]|\.\d|\s?(?:m|bn|k|tn|million|billion|trillion)\b)"
          r"|\d{1,4}(?:\.\d+)?\s?(?:cents?|pence|p|yen|euros?|won|rupees|roubles|kroner|francs)\b)"
          r"(?!\s+(?:an?|per)\s+(?:week|month|year|day|hour|head|person)\b)")
_SHARE_LEVEL_MOVE = regexstore.compile(
    rf"\b(?:{_PRICE_MOVE})(?:\s+(?:up|down|higher|lower))?\s+(?:by\s+)?\d[\d.]*\s?%\s+{_LEVEL}", re.I)
# Other moves in the same list: "..., with rival JFE down 3.4%", "climbing as much as 50%".
_MOVE_OR_UP_DOWN_BEFORE = regexstore.compile(
    rf"\b(?:{_PRICE_MOVE}|up|down)(?:\s+(?:up|down|higher|lower))?\s+(?:by\s+)?"
    r"(?:(?:as\s+much\s+as|nearly|almost|about|around|more\s+than|over|another|a\s+further)\s+)?$", re.I)
# A company's share with a move, singular: "Yukos share jumped in Moscow". "Market share" and
# "audience share" are measurements, never market data.
_COMPANY_SHARE = regexstore.compile(
    r"\b(?!(?:Market|Audience|Viewing|Ratings?|Vote|Voting|Its|Their|His|Her|The|This|That|"
    r"Revenue|Profit|Sales|Labour|Tory)\b)[A-Z][\w&.-]*\s+share\s+"
    rf"(?:{_VERB_MOVE})\b")
# "in a deal rumoured to be about £1.4m", "a transfer fee of": the amount is the deal's.
# Plurals are values of several such events ("previous bids of £3m, £4m and £5m"); a prize
# pot or purse is an event's terms ("a prize purse of $150,000"); a single charge taken is a
# term of an announcement ("a one-off charge of 790m euros"), charges in general are not
# ("bank charges of £3bn a year"), nor is being "in charge of" a sum.
_DEAL_BEFORE = regexstore.compile(
    r"\b(?:deals?|fees?|bids?|offers?|contracts?|transfer|takeovers?|settlements?|fines?|share\s+issues?|"
    r"windfalls?|payouts?|bonus(?:es)?|awards?|grants?|compensation|damages|demands?|"
    r"rights\s+issues?|flotation|prize(?:\s+(?:pot|fund|money|purse))?|pot|purse|jackpot|"
    r"(?<!\bin\s)charge)\s+(?:\w+\s+){0,5}?(?:of|at|worth|to\s+be|for|be|amounting\s+to)\s+"
    r"(?:(?:about|around|roughly|some|nearly|almost|up\s+to|more\s+than|over)\s+)?$", re.I)
# A goal set is what a plan provides, not a measurement: "has set an economic growth rate
# target of 5%", "an annual target of 8,000 applications". "Growth beat the 5% target" has
# no "of" before the figure; "sales rose 5%" no target at all.
_TARGET_BEFORE = regexstore.compile(
    r"\btargets?\s+(?:of|at)\s+(?:(?:about|around|roughly|some|nearly|almost|up\s+to|more\s+than|"
    r"over|at\s+least|just\s+over|just\s+under|an?)\s+)*$", re.I)
# More values of the same deal or bid, listed: "bids of £3m, £4m and £5m".
_MONEY_LIST_TAIL = regexstore.compile(
    r"(?:(?:US)?[$€£¥]\s?\d[\d.,]*(?:\s?(?:m|bn|k|tn|million|billion|trillion)\b)?"
    r"(?:\s+(?:euros?|dollars?|pounds?|yen))?(?:\s*\([^()]{1,40}\))?"
    r"\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+)){1,6}$", re.I)
_SHARES_SOLD = regexstore.compile(r"\b(?:sold|sells|selling|bought|buys|buying|issued|issue|offered|"
                          r"float|floated|placed)\s+(?:\w+\s+){0,3}$", re.I)
# A firm's or a site's own workforce describes it, as its address does (GUIDELINES
# not_statistic_count: counts that define the story's subject): "the plant ... employs 2,000
# staff", "MG Rover, which employs more than 6,000 people". A sector's ("the industry employs
# 1.5 million people") is an aggregate of an economy, a statistic.
_EMPLOYS_BEFORE = regexstore.compile(
    r"\bemploy(?:s|ed|ing)\s+(?:(?:about|around|some|nearly|almost|more\s+than|over|roughly|"
    r"just\s+over|just\s+under|up\s+to)\s+)?$", re.I)
_WORKFORCE = frozenset({"staff", "people", "workers", "employees", "persons", "staffers"})
_SECTOR_BEFORE = regexstore.compile(
    r"\b(?:industry|industries|sector|sectors|economy|trade|agriculture|farming|tourism|"
    r"manufacturing|services|market|country|nation|state|government)\b(?:\W+\w+){0,4}?\W+employ", re.I)
# A holding is a recorded fact about its holder, like "own 49% of": "hold a stake of 28.1%",
# "taking his stake to 42.3%", "its stake would be reduced to less than 50%".
_STAKE_BEFORE = regexstore.compile(
    r"\b(?:stake|holding|shareholding)\s+(?:in\s+(?:[\w'’&.-]+\s+){1,4}?)?"
    r"(?:(?:would|will|could)\s+be\s+(?:reduced|raised|increased|cut|lifted)\s+|"
    r"(?:was|is|has\s+been|had\s+been)\s+(?:reduced|raised|increased|cut|lifted)\s+)?"
    r"(?:of|to|at)\s+(?:(?:about|around|nearly|almost|just\s+over|just\s+under|less\s+than|"
    r"more\s+than|over|under|some)\s+)?$", re.I)
# "three quarters of contraction": a period, not three-quarters of something. "three-quarters
# of respondents", "three quarters of the market" and "three quarters of growth came from
# exports" are shares: a determiner, or a verb after the process noun, keeps them so.
_QUARTERS = regexstore.compile(r"(?:two|three|four|five|six|seven|eight|\d+)[\s-]quarters$", re.I)
_PERIOD_OF = regexstore.compile(
    r"\s+of\s+(?:(?:consecutive|successive|straight|positive|negative|economic|sluggish|"
    r"strong|weak|slow|rapid)\s+)?(?:contraction|decline|recession|expansion|shrinking|shrinkage|"
    r"stagnation|deflation|growth|falling\s+output)\b"
    r"(?!\s+(?:came|comes|come|was|is|were|are|has|had|will|would|could|from)\b)", re.I)
# Items seized or found in a case are observed, not measured: "found to contain 18,000 DVDs".
_SEIZED_BEFORE = regexstore.compile(
    r"\b(?:found\s+to\s+contain|seized|confiscated|uncovered|recovered|impounded|discovered)\s+"
    r"(?:(?:about|around|some|more\s+than|over|nearly|almost)\s+)?$", re.I)
# Under a rule, every figure is the rule's: "Under Japanese stock market rules, no ... more
# than 80%"; policy rates are set, not measured: "left interest rates at 4.75%".
_UNDER_RULES = regexstore.compile(
    r"\bunder\s+(?:[\w'’\"“”-]+\s+){0,4}(?:rules?|law|laws|regulations?|legislation|treaty|"
    r"constitution)\b|\bcap(?:s|ped|ping)?\s+(?:[\w'’-]+\s+){0,3}(?:at|to)\b", re.I)
_NEEDED_TO = regexstore.compile(
    r"\bneeds?\s+(?:\S+\s+){0,3}?to\s+(?:win|qualify|pass|secure|clinch|trigger|force|override)\b"
    r"|\bif\s+(?:\w+\s+){0,4}(?:worth|earn|earning|earns|paid)\s+(?:less|more)\s+than\b"
    r"|\blimit\s+(?:\w+\s+){0,4}to\b",
    re.I)
_POLICY_RATE = regexstore.compile(
    r"\b(?:interest|base|lending|benchmark|key|policy|repo|discount|(?:Fed|federal)\s+funds|"
    r"overnight|refinancing|bonus|payout|mortgage|savings)\s+rates?\b|\brates?\s+(?:on\s+hold|unchanged)\b",
    re.I)
# Rules and thresholds: "delegates needed to win", "a limit of 70mph", "fines of up to £5,000".
_RULE_AROUND = regexstore.compile(
    r"\b(?:needed\s+to|required\s+to|necessary\s+to|threshold|limit|limits|capped|quota|"
    r"minimum|maximum|no\s+more\s+than|ceiling|eligible|qualify|entitled|multiples\s+of|"
    r"allowance|exemption|tax[\s-]free)\b", re.I)
# Results and tallies: votes in a chamber, an election result.
_RESULT_AFTER = regexstore.compile(r"\s*(?:to|-|–)\s*\d[\d,]*\b|\s+votes?\b|\s+seats?\b|\s+delegates?\b",
                           re.I)


def without_conversions(prose: str, qs: Sequence[Quantity]) -> list[Quantity]:
    """Drop currency conversions, which stand or fall with the figure they convert."""
    out: list[Quantity] = []
    prev: Quantity | None = None
    for q in qs:
        if prev is not None and q.kind == "money" and prev.kind == "money":
            gap = prose[prev.end:q.start]
            if (len(gap) < 4 and _CONVERSION_GAP.fullmatch(gap) and "(" in gap) or re.fullmatch(
                    r"\s*(?:;|or)\s*", gap):
                prev = q
                continue  # "£3.7bn ($7bn)" and the second conversion in "(£960m; $1.85bn)"
        out.append(q)
        prev = q
    return out


_PRICE_WORD = regexstore.compile(r"\b(?:costs?|charges?|fee|price)\b", re.I)
# The second amount of a range, after the first one's conversion: "$30,000 (£16,000) and $50,000".
_RANGE_GAP = regexstore.compile(r"\s*(?:\([^()]{1,40}\)\s*)?(?:and|to|-|–)\s*")


def _is_sale_price(prose: str, s: int, e: int, q: Quantity) -> bool:
    """What a lot at a sale is valued at or expected to fetch: the auction house's price,
    not a measurement (GUIDELINES not_statistic_price: prices set by a seller)."""
    before = prose[max(s, q.start - 40):q.start]
    if "fetch" in before and _FETCH_BEFORE.search(before):
        return True
    return bool(_VALUED_BEFORE.search(before)) and _AUCTION.search(prose, s, e) is not None


def _is_price(prose: str, s: int, q: Quantity) -> bool:
    before = prose[max(s, q.start - 40):q.start]
    if _PRICE_BEFORE.search(before):
        return True
    if re.search(r"\bbetween\s+$", before) and _PRICE_BEFORE.search(before[:-8].rstrip() + " "):
        return True
    return bool(_PRICE_SENTENCE.search(before)) or bool(
        _PER_UNIT.match(prose, q.end) and _PRICE_WORD.search(prose, s, q.start))


def _announced(prose: str, s: int, e: int, q: Quantity) -> bool:
    """The figure is the object of an announced action, or the subject of one ("N jobs will go")."""
    for m in _ANNOUNCED.finditer(prose, max(s, q.start - 60), q.start):
        if q.start - m.end() <= 25:
            return True
    after = re.match(r"(?:\s+[\w-]+){0,2}?\s+", prose[q.end:min(e, q.end + 60)])
    return bool(after and _ANNOUNCED.match(prose, q.end + after.end(), e))


def _is_share_level(prose: str, s: int, e: int, q: Quantity) -> bool:
    """Whether money ``q`` is the level a percentage move took a share price to."""
    return any(abs(m.end() - q.end) <= 1
               for m in _SHARE_LEVEL_MOVE.finditer(prose, max(s, q.start - 50), min(e, q.end + 2)))


def _changes_hands(prose: str, e: int, q: Quantity, before: str) -> bool:
    """A part of a company bought or sold ("bought 100% of Baikal", "two-thirds of Seagram was
    bought by Diageo"), unless the buyers are the public (a share of a market)."""
    verb = _BOUGHT_BEFORE.search(before)
    if verb is not None and _OF_COMPANY_AFTER.match(prose, q.end):
        return not _BUYING_PUBLIC.search(before[:verb.start()])
    return _BOUGHT_AFTER.match(prose, q.end, min(e, q.end + 80)) is not None


def _own_workforce(prose: str, s: int, q: Quantity, before: str) -> bool:
    """A firm's or a plant's staff, as the object of "employs" with a sector word nowhere
    in the subject ("the industry employs ..." is an aggregate)."""
    if q.unit.lower() not in _WORKFORCE or "employ" not in before:
        return False
    verb = _EMPLOYS_BEFORE.search(before)
    if verb is None:
        return False
    base = q.start - len(before)  # where ``before`` starts in ``prose``
    return _SECTOR_BEFORE.search(prose, max(s, base + verb.start() - 50), base + verb.end()) is None


_VOTE_WORDS = r"voted?|ballots?|elected|won|chamber|house|senate|parliament|mps|assembly"
_VOTE = regexstore.compile(rf"\b(?=[{first_letters(_VOTE_WORDS)}])(?:{_VOTE_WORDS})\b", re.I)


class _Traits:
    """What a sentence as a whole says about its figures, found once per sentence:
    searching the sentence again for each figure is quadratic on a line of 5,000 figures.
    Each is looked for only when a figure's class depends on it: most figures are
    decided before the later ones are asked."""

    def __init__(self, prose: str, s: int, e: int) -> None:
        self._prose, self._s, self._e = prose, s, e

    def _has(self, pattern: re.Pattern[str]) -> bool:
        return pattern.search(self._prose, self._s, self._e) is not None

    @cached_property
    def price(self) -> bool:
        return self._has(_PRICE_SENTENCE)

    @cached_property
    def market(self) -> bool:
        if self._has(_MARKET):
            return True
        return "share " in self._prose[self._s:self._e] and self._has(_COMPANY_SHARE)

    @cached_property
    def share_level_move(self) -> bool:
        """A share price's move with its level ("lost 2.5% to 270 yen"): a market report."""
        return "%" in self._prose[self._s:self._e] and self._has(_SHARE_LEVEL_MOVE)

    @cached_property
    def hypothetical(self) -> bool:
        return self._has(_HYPOTHETICAL)

    @cached_property
    def terms(self) -> bool:
        return self._has(_TERMS_SENTENCE)

    @cached_property
    def rules(self) -> bool:
        return self._has(_UNDER_RULES) or self._has(_NEEDED_TO)

    @cached_property
    def vote(self) -> bool:
        return self._has(_VOTE)


@lru_cache(maxsize=64)
def _traits(prose: str, s: int, e: int) -> _Traits:
    return _Traits(prose, s, e)


def figure_class(prose: str, sentence: tuple[int, int], q: Quantity,
                 previous: Quantity | None = None) -> str:
    """``STATISTIC``, or the guidelines' reason the figure needs no source.

    ``previous`` is the figure before ``q`` in the same sentence, for ranges
    of prices ("between £19 and £29") and tallies ("52 to 48").
    """
    s, e = sentence
    before = prose[max(s, q.start - 60):q.start]
    if q.kind == "money":
        if (_is_price(prose, s, q) or _COMMODITY_UNIT.match(prose, q.end) or _APIECE.match(prose, q.end)
                or _traits(prose, s, e).price):
            return "not_statistic_price"
        if _is_sale_price(prose, s, e, q):
            return "not_statistic_price"
        if previous is not None and previous.kind == "money" and _RANGE_GAP.fullmatch(
                prose, previous.end, q.start) and (_is_price(prose, s, previous)
                                                  or _is_sale_price(prose, s, e, previous)):
            return "not_statistic_price"
    if (q.kind in ("money", "percent") or q.unit == "points") and _traits(prose, s, e).market:
        return "not_statistic_price"
    if q.kind in ("percent", "money") and _traits(prose, s, e).share_level_move and (
            _MOVE_OR_UP_DOWN_BEFORE.search(before[-40:]) if q.kind == "percent"
            else _is_share_level(prose, s, e, q)):
        return "not_statistic_price"  # "lost 2.5% to 270 yen, with rival JFE down 3.4%"
    if _BACK_REFERENCE.search(before[-12:]):
        return "not_statistic_example"
    if _CONSENSUS_BEFORE.search(before[-40:]):
        return "vague_source"
    if _traits(prose, s, e).hypothetical:
        return "not_statistic_example"
    if q.kind == "money" and (_EVENT_NOUN_AFTER.match(prose, q.end, min(e, q.end + 40))
                              or _EVENT_VERB_BEFORE.search(before) or _DEAL_BEFORE.search(before[-45:])):
        return "not_statistic_record"
    if q.kind == "money" and (tail := _MONEY_LIST_TAIL.search(prose, max(s, q.start - 120), q.start)) \
            and _DEAL_BEFORE.search(prose[max(s, tail.start() - 45):tail.start()]):
        return "not_statistic_record"  # "bids of £3m, £4m and £5m"
    if q.kind in ("money", "count", "percent") and _TARGET_BEFORE.search(before[-45:]):
        return "not_statistic_record"
    if q.kind in ("percent", "fraction") and _changes_hands(prose, e, q, before):
        return "not_statistic_record"
    if q.kind == "money" and _RAISED_BEFORE.search(before[-40:]) and _FUNDING_AFTER.match(prose, q.end, e):
        return "not_statistic_record"
    if (q.kind in ("money", "count", "percent") and " by " in prose[q.end:min(e, q.end + 50)]
            and _PROMISED_BY_AFTER.match(prose, q.end, e)):
        return "not_statistic_record"
    if q.kind in ("money", "count", "percent") and (_announced(prose, s, e, q)
                                                     or _traits(prose, s, e).terms
                                                     or _WANTED_BEFORE.search(before)):
        return "not_statistic_record"
    if q.kind == "count" and _SHARES_SOLD.search(before[-40:]) and re.match(
            r"(?:\s+[A-Z][\w-]*)?\s+shares\b", prose[q.end:q.end + 30]) or q.unit == "shares":
        return "not_statistic_record"
    if q.kind == "money" and _SMALL_PRICE.match(q.raw) and not _SCALED.search(q.raw) and (
            _SHARE_MOVE.search(before[-30:]) or (_MOVE_BEFORE.search(before[-25:]) and (
                q.high is not None or _QUOTED_LEVEL.match(prose, q.end)))):
        return "not_statistic_price"  # the move and the level of a share price
    if q.kind in ("money", "count") and _RULE_AROUND.search(prose, max(s, q.start - 25), min(e, q.end + 25)):
        return "not_statistic_rule"
    if (_traits(prose, s, e).rules
            or _POLICY_RATE.search(prose, max(s, q.start - 80), q.start)):
        return "not_statistic_rule"
    if q.kind == "percent" and _STAKE_AFTER.match(prose, q.end):
        return "not_statistic_record"
    if q.kind == "count" and _SEIZED_BEFORE.search(before[-50:]):
        return "not_statistic_count"
    if q.kind == "count" and _own_workforce(prose, s, q, before):
        return "not_statistic_count"
    if (q.kind == "percent" and ("stake" in before or "holding" in before)
            and _STAKE_BEFORE.search(before)):
        return "not_statistic_record"
    if q.kind == "fraction" and _QUARTERS.search(q.raw) and _PERIOD_OF.match(prose, q.end, e):
        return "not_statistic_date"
    if q.kind == "count" and _RESULT_AFTER.match(prose, q.end) and _traits(prose, s, e).vote:
        return "not_statistic_result"
    return STATISTIC
