"""Does a sentence name a source? Pure functions over a paragraph's sentences.

A statistic needs a source a reader could check; "experts say" is not one.
So every attribution found here is either *named* (a person, organisation,
publication, link or footnote a reader can follow, or a pronoun or "the
report" that points back to one) or *vague* (analysts, experts, critics,
sources, "a study", "it is believed", "reportedly").

The functions take the document's original ``text`` (for Markdown links and
footnotes, which the prose mask hides) and optionally its ``prose`` (same
length, markup masked to spaces), with absolute offsets, so the results
point straight into the document. Nothing here knows about Documents, so it
can be tested with plain strings.

Attribution flows between sentences in two ways only, both taken from how
news copy is written: a sentence that continues the previous one ("It also
found...", "The report added...") inherits its source, and a direct
quotation belongs to its speaker for as long as the quotation runs.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import Iterable, Iterator, Sequence
from factlint import regexstore
from factlint.analyses.patterns import by_first_letter, first_letters
from factlint.records import record, replace

__all__ = [
    "Attribution", "VagueCue", "attribute_sentence", "attribute_paragraph", "find_vague",
    "quoted_spans", "names_source",
]


@record(frozen=True)
class Attribution:
    """Who a sentence's claims are credited to.

    ``kind`` is 'named' or 'vague'; ``source`` is the source as written
    ("the Atlantic Council", "analysts", a link's text, "[^2]"), spanning
    ``start``..``end`` in the text; ``cue`` says how it was recognised
    ('according to', the reporting verb, 'link', 'footnote', 'source line',
    'cite_as', 'possessive', 'by', 'weasel'); ``inherited`` is True when the
    sentence got it from the one before. ``scope`` is the part of the text
    the source vouches for: normally the whole sentence, but a cue inside an
    aside ("- some say unrealistic -"), a trailing relative clause (", which
    Clarke says ...") or a main clause after "Though ...," covers only that.
    """

    kind: str
    source: str
    start: int
    end: int
    cue: str
    inherited: bool = False
    scope: tuple[int, int] = (0, 0)

    @property
    def named(self) -> bool:
        return self.kind == "named"

    def covers(self, start: int, end: int) -> bool:
        """Whether the source vouches for ``text[start:end]`` (a figure)."""
        return self.scope[0] <= start and end <= self.scope[1]

    def with_scope(self, scope: tuple[int, int]) -> Attribution:
        """This attribution vouching for ``scope``: ``replace`` costs several
        times more, and sentence analysis does this for nearly every attribution."""
        return Attribution(self.kind, self.source, self.start, self.end, self.cue,
                           self.inherited, scope)


@record(frozen=True)
class VagueCue:
    """A weasel phrase ("experts say", "it is widely believed") and its span."""

    start: int
    end: int
    phrase: str


# --- vocabulary ------------------------------------------------------------------

# Heads of noun phrases that credit nobody in particular. "sources" stays
# vague even when qualified ("sources close to the minister").
_VAGUE_HEADS = frozenset("""
    analyst analysts expert experts observer observers critic critics commentator commentators
    pundit pundits insider insiders source sources scientist scientists economist economists
    researcher researchers academic academics scholar scholars people some many others
    report reports study studies research survey surveys poll polls estimate estimates
    analysis analyses evidence figures data statistics numbers watchers skeptics sceptics
    supporters opponents detractors historians specialists strategists campaigners
    commentary rumours rumors speculation observers most several few
    official officials aide aides adviser advisers advisor advisors diplomat diplomats
""".split())


# The heads as one alternation, for patterns run on lower-cased text: a case-insensitive
# alternation costs several times more.
# Longest first: a fixed order, so one stored pattern.
_VAGUE_HEAD_ORDER = sorted(_VAGUE_HEADS, key=lambda w: (-len(w), w))
_VAGUE_HEAD_WORDS = by_first_letter(_VAGUE_HEAD_ORDER)
# The heads in the original text, where the lower-cased text does not line up with it.
_VAGUE_HEAD = regexstore.compile(
    r"\b(?=[" + "".join(sorted({w[0] for w in _VAGUE_HEADS})) + r"])(?:" + _VAGUE_HEAD_WORDS + r")\b")
_ALWAYS_VAGUE = frozenset({"source", "sources", "insider", "insiders", "rumours", "rumors",
                           "speculation"})
_PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "who", "which", "whom"})
_DETERMINERS = frozenset({
    "the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our",
    "my", "your", "of", "in", "on", "for", "to", "with", "by", "at", "from", "and", "or",
    "new", "latest", "recent", "annual", "first", "as", "than", "not", "no", "so", "what",
    "there", "here", "if", "you", "let's", "us", "me", "them", "him", "is", "was", "were",
    "are", "be", "been", "being", "would", "could", "should", "might", "may", "must",
})
# Words that make a reporting verb's subject the people counted, not a source:
# "63 percent said", "most voters said".
_QUANTIFIERS = regexstore.compile(
    r"\b(?:majority|minority|most|half|few|fewer|percent|per\s?cent|share|proportion|fraction|"
    r"third|quarter|fifth|tenth|number|one\s+in|out\s+of|\d)\b|%",
    re.I,
)
# Capitalised words that do not by themselves name anyone.
_GENERIC_CAPS = frozenset("""
    The A An But And Or So Yet However Still Meanwhile Also In On At For From By With As It He She
    They We I This That These Those Its Their His Her Our Some Many Most Several Other Others Few
    Western Eastern Northern Southern Official Officials Government Independent Leading Top Senior
    Local Foreign Private Public Industry Market Wall Street City Police Analysts Experts Critics
    Observers Sources Researchers Scientists Economists Studies Research Reports Report Study
    Survey Surveys Data Figures Estimates Commentators Insiders People Everyone Mr Mrs Ms Dr Prof
    Sir Lord Lady Many One Two Three Several Both Each Every All No According Recent New Latest
    Last Early Late Overall Earlier Later Now Then There Here Why What When Where How If While
    Although Though Because After Before Since Until Unless Whether Just Only Even Let Let's Let’s
    Say Suppose Imagine You Your Yes No
""".split())
_DEMONYM = regexstore.compile(r"^(?:[A-Z][a-z]+(?:an|ese|ish|ern|ic|i)|US|UK|EU|U\.S\.|U\.K\.|UN)$")

_REPORTING = (
    r"said|says|say|told|tells|tell|wrote|writes|reported|reports|found|finds|estimated|estimates|"
    r"estimate|announced|announces|noted|notes|added|adds|explained|explains|stated|"
    r"claimed|claims|claim|argued|argues|argue|predicted|predicts|predict|forecast|forecasts|"
    r"assured|assures|informed|reminded|pointed\s+to|points\s+to|highlighted|stressed|lists|listed|"
    r"projected|projects|expects|expected|expect|calculated|calculates|showed|shows|show|shown|"
    r"suggested|suggests|suggest|revealed|reveals|concluded|concludes|confirmed|confirms|"
    r"warned|warns|warn|insisted|insists|insist|acknowledged|acknowledges|testified|recalled|"
    r"tallied|disclosed|discloses|published|publishes|indicated|indicates|indicate|believes|"
    r"believe|believed|thinks|think|thought|contends|contend|asserted|countered|cited|"
    r"cites|puts|put|pegged|pegs|counted|recorded|records|measured|learned|learnt|understands|"
    r"proposed|proposes|proposing|pledged|pledges|promised|promises|vowed|vows|plans|wants|"
    r"wanted|called\s+for|calls\s+for|unveiled|unveils|posted|posts|booked|fear|fears|feared|"
    r"agree|agrees|maintain|maintains|point\s+out|points\s+out|pointed\s+out|observed|"
    r"observes|admitted|admits|conceded|concedes|reckons|reckon|reckoned|described|describes|"
    r"quoted|quotes|compiled|commented|discovered|discovers|identified|"
    r"replied|complained|boasted|bragged|rated|outlined|outlines|set\s+out|sets\s+out|"
    r"polled|surveyed|interviewed|questioned|sampled|"
    r"ranked|graded|recommended|recommends|"
    r"figured|showing|suggesting|forecasting|predicting|estimating|expecting|projecting|saying|"
    r"reporting|warning|claiming|calculating|arguing|telling|noting|according"
)
# Lower case only: "United States" is not a reporting verb.
_REPORTING_VERB = regexstore.compile(
    rf"(?=[a-z])\b(?P<verb>{by_first_letter(_REPORTING.split('|'))})\b(?!\s+(?:off|up|themselves|itself|himself|herself|away|down|back|"
    rf"goodbye|hello|farewell|sorry|thanks|thank\s+you|grace|prayers|yes\s+to|no\s+to)\b)")
# A participle after a comma credits the sentence's subject: "..., saying ...".
_PARTICIPLE = regexstore.compile(
    r",\s+(?:\w+ly\s+)?(?:saying|explaining|noting|adding|arguing|claiming|citing|insisting|"
    r"warning|estimating|predicting|stating|reporting|writing|telling|acknowledging|conceding|"
    r"boasting|complaining)\b")
_SENTENCE_SUBJECT = regexstore.compile(r"[\s“\"‘'(*_]*(?P<np>[^,;:()“”\"—–]{1,80}?)(?=\s+(?:[a-z]+ed|[a-z]+s|is|was|were|are|has|had|have|will|would|can|could|may|might|tried|made|took|gave|got|went|said|told|spent|put|set|cut|sold|bought)\b)")
# Verbs that may come before their speaker: '..., said Charlie King.'
_POSTPOSED_VERBS = (
    r"said|says|say|added|adds|wrote|writes|told|explained|noted|recalled|"
    r"insisted|argued|warned|asked|continued|suggests|suggested|believes|thinks|reckons|claims|"
    r"predicts|estimates|argues|according\s+to"
)
_POSTPOSED = regexstore.compile(
    rf"(?:^|[,“”\"'’]\s*)(?P<verb>{_POSTPOSED_VERBS})\s+"
    r"(?P<np>[^\s,.;:!?\"“”()][^,.;:!?\"“”()]{0,80})",
    re.I,
)
# _POSTPOSED after a comma or a quotation mark, as a gate: a pattern that opens with a
# character class is found quickly, one that opens with "^|" is tried at every position.
_POSTPOSED_AFTER_MARK = regexstore.compile(rf"[,“”\"'’]\s*(?:{_POSTPOSED_VERBS})\s", re.I)
_ACCORDING = regexstore.compile(r"\baccording\s+to\s+(?P<np>[^,.;:!?\"“”()—–]{1,100})", re.I)
_CLAUSE_BREAK = regexstore.compile(
    r",(?!\d{3})|[;:(\[“”\"—–]|[.!?](?=\s)|\s-\s|\b(?:that|but|while|because|although|though|whereas|when|after|"
    r"before|if|as|since|so|yet|until|unless|whether|where)\b",
    re.I,
)
_TRAILING_AUX = regexstore.compile(
    r"(?:\s+(?:has|have|had|also|would|will|could|can|may|might|did|does|do|previously|later|"
    r"recently|earlier|then|now|once|publicly|separately|further|repeatedly|privately|"
    r"initially|originally|independently|already|just|first|yesterday|today|last\s+\w+|"
    r"this\s+week|on\s+\w+day|had\s+been|has\s+been|have\s+been|not|never))+$",
    re.I,
)
# "on fears that", "amid claims", "the estimates": the word is a noun, not a reporting verb.
_NOUN_USE_BEFORE = regexstore.compile(
    r"\b(?:on|amid|over|of|the|a|an|these|those|such|despite|about|overall|total|final|initial|"
    r"original|main|key|latest|growth|sales|profit|earnings|budget)\s+$", re.I)
# "some might say", "few could say", "he may argue": what people may think is the writer's
# aside, not a credit. Lower case only: "in May said" is a month.
_MAY_BEFORE = regexstore.compile(r"\b(?:might|may|could)\s+$")
_PLURAL_NOUN_VERBS = frozenset({"forecasts", "estimates", "reports", "claims", "records", "notes",
                                "plans", "shows", "counts", "figures", "warns", "posts", "puts"})
_NOUN_USE_AFTER = regexstore.compile(r"\s+(?:\w+ing|are|were|is|was|have|has|had|of|for|from|by)\b", re.I)
# Verbs that are acts when a figure is their object: "added 146,000 jobs", "posted a $2m loss".
_ACTION_VERBS = frozenset({
    "added", "adds", "add", "counted", "put",
    "puts", "expects", "expect", "expected", "unveiled", "unveils", "outlined", "outlines",
    "plans", "wants", "wanted", "proposed", "proposes", "pledged", "pledges", "promised",
    "promises", "set out", "sets out",
})
# The people a figure is about, not who measured it: "Homeowners now expect ...".
_POPULATION = frozenset("""
    homeowners consumers shoppers voters people workers employees customers users drivers parents
    residents patients students investors buyers sellers viewers fans households families
    travellers passengers taxpayers borrowers savers motorists tenants landlords pupils teachers
    doctors nurses farmers businesses firms companies retailers manufacturers exporters
""".split())
_FIGURE_OBJECT = regexstore.compile(
    r"\s+(?:(?:only|just|almost|nearly|about|around|some|more\s+than|over|a|an|the|its|their|"
    r"record|net|further|another|extra|total\s+of)\s+){0,3}(?:[$€£¥]\s?\d|\d)", re.I)
_PASSIVE_AUX = r"is|was|were|are|be|been|being|to|it's|get|got|gets|isn't|wasn't|aren't|weren't|as"
_PASSIVE_BEFORE = regexstore.compile(
    rf"\b(?=[{first_letters(_PASSIVE_AUX)}])(?:{_PASSIVE_AUX})\s+(?:(?:\w+ly|not|never)\s+)*$", re.I)
_BY_AGENT = regexstore.compile(r"\s+by\s+(?P<np>[^,.;:!?\"“”()]{1,80})")
# A register's keeper vouches for what it holds: "16 parties listed by the Electoral
# Commission", "accounts filed with Companies House", "registered with the FSA". A lawsuit
# "filed by" someone credits no figure, so only "filed with" counts.
_REGISTER_VERBS = r"listed\s+by|registered\s+with|filed\s+with"
_REGISTER_AGENT = regexstore.compile(
    rf"\b(?=[{first_letters(_REGISTER_VERBS)}])(?:{_REGISTER_VERBS})\s+"
    r"(?P<np>[^,.;:!?\"“”()]{1,80})")
_SOURCE_LINE = regexstore.compile(
    r"\(?\s*\b(?:Source|Sources|Data|Via|Credit)\s*:\s*(?P<np>[^)\n]{2,120})\)?", re.I)
_FROM_BY = regexstore.compile(
    r"\b(?=[dDfFnNsSeErRpPaAcCiIt])(?:data|figures|numbers|statistics|estimates?|report|study|survey|poll|analysis|"
    r"research|review|audit|census|forecasts?|projections?|calculations?|index|paper|"
    r"findings|results|tally|filings?|records),?\s+(?:\w+\s+){0,2}?(?:from|by|of|at|compiled\s+by|"
    r"published\s+by|released\s+by|commissioned\s+by|conducted\s+by|carried\s+out\s+by|"
    r"prepared\s+by|produced\s+by|issued\s+by|for)\s+(?P<np>[^,.;:!?\"“”()]{1,80})",
    re.I,
)
# What a named party measured, said or proposed: "the IMF's estimate",
# "Clinton's plan", "a New York Times report", "his comment about".
_DOC_NOUNS = (
    r"report|reports|data|figures|survey|study|analysis|estimate|estimates|forecast|forecasts|"
    r"poll|polls|research|index|review|projections?|calculations?|census|numbers|statistics|"
    r"tally|count|findings|filing|filings|records|accounts|results|audit|model|paper|"
    r"investigation|assessment|ranking|rankings|database|tracker|survey|petition|prospectus|"
    r"submission|complaint|list"
)
# A party's proposal carries its own figures: "Clinton's plan would cap it at 28%".
_PLAN_NOUNS = (
    r"plan|plans|proposal|proposals|budget|manifesto|platform|pledge|pledges|promise|promises|"
    r"offer|bid|target|targets|goal|guidance|recommendation|recommended|estimated|projected|"
    r"forecast|calculation"
)
# What someone said counts only when the figure is its content: "his claim that ...".
_SPEECH_NOUNS = (
    r"claim|claims|assertion|argument|comment|comments|remark|remarks|statement|statements|"
    r"emphasis|insistence|contention|warning|prediction|predictions|suggestion|testimony|"
    r"speech|words|tweet|tweets|letter|memo|announcement|boast|admission|estimate|forecast"
)
_POSSESSIVE = regexstore.compile(
    r"(?<=\w)(?=['’])['’]s?\s+(?:\w+\s+){0,2}?"
    rf"(?:(?:{_DOC_NOUNS}|{_PLAN_NOUNS})\b(?!\s+for\b)|(?:{_SPEECH_NOUNS})\s+(?:that|about)\b)"
)
# The owner of a possessive: up to six capitalised words ending at the apostrophe.
_CAPS_BEFORE = regexstore.compile(r"(?:[A-Z][\w&.-]*\s+){0,5}[A-Z][\w&.-]*$")
# Sentences with none of these nouns need no document or possessive patterns.
_GATE_NOUNS = f"{_DOC_NOUNS}|{_PLAN_NOUNS}|{_SPEECH_NOUNS}|figures|data|numbers|statistics"
_NOUN_GATE = regexstore.compile(rf"(?=[a-z])\b(?:{by_first_letter(_GATE_NOUNS.split('|'))})\b")
_PRONOUN_POSSESSIVE = regexstore.compile(
    rf"\b(?P<np>his|her|their|its)\s+(?:\w+\s+){{0,2}}?(?:{_DOC_NOUNS}|{_PLAN_NOUNS}|{_SPEECH_NOUNS})\b"
    r"(?=\s+(?:that|about|showed|shows|found|finds|said|says|put|puts|estimated|suggested|"
    r"suggests|predicted))",
    re.I,
)
# "the Sunday Times Rich List": a ranking list named in title case is a document too ("the
# Civil List" is a payment, not a document).
_NAMED_DOC = regexstore.compile(
    rf"\b(?:an?|the|one)\s+(?P<np>(?:[A-Z][\w&./-]*\s+){{1,6}})(?:[a-z-]+\s+){{0,2}}?"
    rf"(?:(?:{_DOC_NOUNS})\b|(?:(?<=Rich\s)|(?<=Power\s)|(?<=Hot\s))List\b)"
)
# [text](url), [text][ref], <a href>, bare and autolinked URLs.
_LINK = regexstore.compile(
    r"\[(?P<label>(?:[^\[\]\n]|\[[^\[\]\n]*\])+)\]"
    r"(?:\([^()\s]*(?:\([^()]*\)[^()\s]*)*(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)|\[[^\[\]\n]*\])"
    r"|<a\s[^>]*href=[^>]*>(?P<alabel>.*?)</a>"
    r"|<https?://[^>\s]+>"
    r"|\bhttps?://[^\s<>\"')\]]+",
    re.I | re.S,
)
_FOOTNOTE = regexstore.compile(r"\[\^[^\]\s]+\](?!:)|<sup>[^<]{1,8}</sup>|[¹²³⁴⁵⁶⁷⁸⁹⁰]+")
# The first characters of a _FOOTNOTE: a one-character class is found quickly, the
# alternation is tried at every position, and nearly every sentence has no footnote.
_FOOTNOTE_START = regexstore.compile(r"[\[<¹²³⁴⁵⁶⁷⁸⁹⁰]")
_LINK_SOURCE_WORDS = regexstore.compile(
    r"^\W*(?:(?:a|an|the|this|our|their|its|new|latest|full)\s+)*(?:source|sources|here|link|data|report|study|survey|pdf|via|figures|paper|"
    r"statement|filing|release|press\s+release)\W*$", re.I)
_STANDALONE_AFTER = regexstore.compile(r"[)\].,;:!?\"”’'*_ \t]*(?:\n|$|(?<=\s)(?=[A-Z“\"(\[]))")
_AFTER_LINK_END = regexstore.compile(r"[\s)\].,;:!?\"”’'*_]*")

# Weasel phrases that are vague whatever the rest of the sentence says.
_WEASEL = regexstore.compile(
    r"""
    \b(?=[iIaArRsSmMoOpPtTeEwW])(?:
    \bit\s+(?:is|was|has\s+been|had\s+been)\s+(?:(?:widely|generally|often|commonly|increasingly|
        long|now|also|frequently|sometimes|popularly|broadly)\s+)?
        (?:(?:believed|thought|said|claimed|rumou?red|alleged|suggested|argued|reported|
             understood|estimated|feared)\b(?:\s+(?:that|to)\b)?
          |(?:felt|held|assumed|accepted|known|considered)\s+that\b)
  | \bit\s+(?:is|was|has\s+been)\s+(?:widely|generally|often|commonly|popularly|broadly)\s+
        (?:believed|thought|said|claimed|reported|accepted|known|assumed|held|considered)\b
  | \b(?:is|are|was|were)\s+(?:widely|generally|often|commonly|popularly|broadly)\s+
        (?:regarded|considered|seen|believed|thought|viewed|accepted|acknowledged|described|
           recognised|recognized|held)\b(?!\s+by\s+[A-Z])
  | \b(?:is|are|was|were)\s+(?:not\s+)?(?:(?:widely|generally|also|now|still)\s+)?
        (?:said|thought|believed|rumou?red|reputed|alleged|understood)\s+to\b
  | (?<=[,;]\s)(?:and\s+)?(?:widely\s+)?(?:considered|regarded|seen|viewed|thought)\s+
        (?:to\s+be\s+)?(?:the|as\s+the)\s+(?:only|main|leading|best|worst|biggest|largest|
        greatest|strongest|most\s+\w+)\b
  | (?<=\s)and\s+(?:widely\s+)?(?:considered|regarded)\s+(?:to\s+be\s+)?(?:the|as\s+the)\s+
        (?:only|main|leading|best|worst|biggest|largest|greatest|strongest|most\s+\w+)\b
  | \breportedly\b
  | \b(?:is|are|was|were)\s+(?:widely|generally|universally)\s+expected\s+to\b
  | \b(?:a|an)\s+(?:reported|estimated|rumou?red|alleged|claimed)(?=\s+(?:[$€£¥\d]|(?:one|two|three|
        four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|hundred)\b))
  | \bsome\s+(?:would\s+)?(?:say|said|argue|argued|believe|claim|claimed|suggest|suggested|
        contend|feel|think|fear)\b
  | \bsome\s+have\s+(?:said|argued|claimed|suggested|noted|warned)\b
  | \b(?:many|others|some\s+people|many\s+people|most\s+people)\s+(?:say|believe|
        think|argue|claim|feel|fear|suggest|agree)\b
  | \b(?:studies|research|surveys|evidence|science|polls|reports)\s+
        (?:(?:\w+\s+){0,4}?(?:has|have)\s+(?:\w+ly\s+)?|(?:consistently|repeatedly)\s+)?
        (?:shows?|shown|suggests?|suggested|proves?|proven|proved|indicates?|indicated|
           finds|found|confirms?|confirmed|demonstrates?|demonstrated)\b
  | \bthere\s+(?:is|are)\s+(?:(?:growing|widespread|broad|general|some|increasing|mounting)\s+)?
        (?:evidence|concerns?|fears?|consensus|speculation)\s+that\b
  | \b(?:is|are|was|were)\s+considered\s+by\s+(?:many|some|most|experts|analysts|critics)\b
  | \baccording\s+to\s+(?:some|many|most|several|reports|experts|analysts|observers|critics|
        sources|insiders|estimates|rumou?rs|speculation)\b
        (?!\s+(?:at\s+|from\s+|with\s+|for\s+|of\s+)?(?:the\s+)?[A-Z])
    )
    """,
    re.I | re.X,
)
# Words without which no _WEASEL alternative can match (keep the two in step). Most
# sentences have none, and these plain alternatives, run on lower-cased text and grouped
# by first letter, rule a sentence out four times faster than _WEASEL's
# case-insensitive ones.
_HEARSAY = r"(?:regarded|considered|seen|believed|thought|viewed|accepted|acknowledged|described|recogni[sz]ed|held)"
_WEASEL_WORDS = [
    r"it\s+(?:is|was|ha[sd]\s+been)\s+(?:\w+\s+)?(?:believed|thought|said|claimed|rumou?red|alleged|"
    r"suggested|argued|reported|understood|estimated|feared|felt|held|assumed|accepted|known|considered)",
    *(rf"{adverb}\s+{_HEARSAY}" for adverb in ("widely", "generally", "often", "commonly", "popularly",
                                              "broadly")),
    *(rf"{verb}\s+to" for verb in ("said", "thought", "believed", "rumou?red", "reputed", "alleged",
                                   "understood")),
    *(rf"{verb}\s+(?:to|the|as|by)" for verb in ("considered", "regarded", "seen", "viewed", "thought")),
    "reportedly",
    *(rf"{adverb}\s+expected" for adverb in ("widely", "generally", "universally")),
    r"an?\s+(?:reported|estimated|rumou?red|alleged|claimed)",
    r"some\s+(?:would|have|say|said|argue|believe|claim|suggest|contend|feel|think|fear)",
    *(rf"{who}\s+(?:say|believe|think|argue|claim|feel|fear|suggest|agree)"
      for who in ("many", "others", "people")),
    *(rf"{what}\s" for what in ("studies", "research", "surveys", "evidence", "science", "polls",
                                "reports")),
    r"there\s+(?:is|are)",
    r"according\s+to",
]
_WEASEL_GATE = regexstore.compile(by_first_letter(_WEASEL_WORDS))
# Letters that re.I matches to an ASCII letter but lower() does not turn into one
# ("ſ" is matched by "s"): a sentence with one gets no _WEASEL_GATE.
_CASE_ODDITIES = ("ı", "İ", "ſ")


def _may_have_weasel(sentence: str, lowered: str) -> bool:
    """False only when ``_WEASEL`` cannot match ``sentence`` (``lowered`` is its lower())."""
    if not sentence.isascii() and any(c in sentence for c in _CASE_ODDITIES):
        return True
    return _WEASEL_GATE.search(lowered) is not None


# Where a _WEASEL_WORDS entry or a vague head may start, in lower-cased text with a space in
# front: both in one pass, then told apart with _WEASEL_GATE and _VAGUE_HEAD_AT at each
# place found. A pattern that opens with a character class is tried only where the class
# matches, one that opens with "\b" at every character; and as the match is only the
# character before the word, no word is hidden by the one before. Every _WEASEL
# alternative opens with a word that follows "\b" or white space, and each has a
# _WEASEL_WORDS entry that starts at one of its words.
_WEASEL_OR_HEAD = regexstore.compile(
    r"[^\w](?=" + by_first_letter([*_WEASEL_WORDS, *(head + r"\b" for head in _VAGUE_HEAD_ORDER)]) + ")")
_VAGUE_HEAD_AT = regexstore.compile(rf"(?:{_VAGUE_HEAD_WORDS})\b")


def _weasel_words_and_heads(lowered: str, offset: int) -> tuple[list[int], list[int]]:
    """Where _WEASEL_WORDS entries and vague heads start in ``lowered``, plus ``offset``."""
    padded = " " + lowered
    entries, heads = [], []
    for m in _WEASEL_OR_HEAD.finditer(padded):
        word = m.start() + 1  # where the word starts in ``padded``: m.start() in ``lowered``
        if _WEASEL_GATE.match(padded, word):
            entries.append(m.start() + offset)
        if _VAGUE_HEAD_AT.match(padded, word):
            heads.append(m.start() + offset)
    return entries, heads


# What a _WEASEL match cannot contain: it is made of word characters and white space only.
_NOT_IN_WEASEL = regexstore.compile(r"[^\w\s]")


def _weasel_cues(prose: str, start: int, end: int, entries: list[int]) -> list[VagueCue]:
    """``_WEASEL.finditer(prose, start, end)`` as cues, searching only where one can be.

    ``entries`` are where _WEASEL_WORDS entries start in ``prose[start:end]``, found in
    its lower-cased form (which must line up with it and have no _CASE_ODDITIES). A match
    lies in one run of word characters and white space, and it holds an entry that starts
    in that run; so only the runs where an entry starts are searched. ``re`` sees the
    text before a search's start (look-behinds, "\b"), and a search stops one character
    past its run, where the look-aheads ("a reported $5m") end, so each run yields what
    the whole search yields there.
    """
    cues: list[VagueCue] = []
    searched = start  # no match starts before this that is not already in ``cues``
    for at in entries:
        if at < searched:
            continue
        stop = _NOT_IN_WEASEL.search(prose, at, end)
        run_end = stop.start() if stop else end
        for m in _WEASEL.finditer(prose, _run_start(prose, searched, at), min(run_end + 1, end)):
            cues.append(VagueCue(m.start(), m.end(), m.group()))
        searched = run_end
    return cues


def _run_start(prose: str, lo: int, at: int) -> int:
    """Where the run of word characters and white space holding ``at`` starts, or ``lo``."""
    hi, width = at, 128
    while hi > lo:
        a = max(lo, hi - width)
        last = None
        for last in _NOT_IN_WEASEL.finditer(prose, a, hi):
            pass
        if last is not None:
            return last.end()
        hi, width = a, width * 4
    return lo


# A sentence continues the one before when its subject points back at it.
_CONTINUES = regexstore.compile(
    r"""^[\s“"‘'(]*(?:(?:but|and|however|yet|still|meanwhile|moreover|furthermore|also|
        in\s+addition|additionally|separately|similarly|likewise|by\s+contrast|in\s+contrast|
        overall|specifically|in\s+particular|of\s+these|of\s+those|among\s+them)\W+)?
    (?:it|they|he|she|its|their|his|her|the\s+same|
       the\s+(?:\w+\s+){0,2}?(?:report|study|survey|poll|data|figures?|numbers?|analysis|research|
           statistics|estimate|forecast|reading|
           agency|group|company|firm|bank|fund|ministry|department|office|organi[sz]ation|
           researchers|authors|index|paper|review|document|statement|filing|audit|census|
           government|institute|centre|center|council|commission|authority|regulator|
           university|team|study's|report's|survey's|paper's|foundation|firm's|company's))\b
    |\b(?:also|additionally|further)\b
    |\b(?:added|continued|went\s+on)\b
    """,
    re.I | re.X,
)


_WORD = regexstore.compile(r"[\w'’.&-]+")


def _words(s: str) -> list[str]:
    return _WORD.findall(s)


_NP_ENDS_AT_VERB = regexstore.compile(r"\s+(?:is|was|are|were|has|have|had|will|would|could|can|may|might)\b")
_NP_ENDS_AT_CLAUSE = regexstore.compile(
    r"\s+(?:that|who|which|in\s+a|in\s+an|in\s+its|on\s+\w+day|last\s+\w+|this\s+week|earlier|"
    r"later|when|because|as|while|after|before)\b", re.I)


def _clean_np(np: str) -> str:
    """Cut a source phrase taken after 'according to' or 'said' down to the source itself."""
    np = _REPORTING_VERB.split(np, maxsplit=1)[0]
    np = _NP_ENDS_AT_VERB.split(np, maxsplit=1)[0]
    if _MAYBE_FIGURE.search(np):
        from factlint.quantities import find_statistics
        stats = find_statistics(np)
        if stats:
            np = np[:stats[0].start]
    np = _NP_ENDS_AT_CLAUSE.split(np, maxsplit=1)[0]
    return np.strip(" \t\n'’\"“”*_")


def _has_proper(np: str, sentence_initial: bool) -> bool:
    words = _words(np)
    for i, w in enumerate(words):
        if not w[:1].isupper() or w in _GENERIC_CAPS or w.rstrip(".") in _GENERIC_CAPS:
            continue
        if _DEMONYM.match(w.rstrip("'’s")):
            continue
        if i == 0 and sentence_initial and w.lower() in _VAGUE_HEADS:
            continue
        return True
    return False


_DEFINITE = frozenset({"the", "this", "that", "these", "those", "its", "their", "his", "her"})
# Unnamed but institutional: "official figures", "police said" point at one body.
_INSTITUTIONAL = frozenset({"official", "government", "ministry", "police", "census", "treasury",
                            "overnight", "company", "bank's", "firm's", "company's"})
_ANONYMOUS = regexstore.compile(r"\b(?:sources?|insiders?)\b", re.I)
_ANONYMOUS_QUALIFIED = regexstore.compile(r"\s+(?:close|familiar|at|in|from|inside|within|near|with|on)\b")
_GROUP_WORDS = frozenset({"some", "many", "several", "few", "numerous", "various", "certain"})
_ANONYMOUS_PEOPLE = frozenset({"official", "officials", "aide", "aides", "adviser", "advisers",
                               "advisor", "advisors", "diplomat", "diplomats"})
_BARE_QUALIFIERS = frozenset({
    "a", "an", "one", "two", "three", "four", "several", "some", "many", "senior", "top",
    "former", "other", "unnamed", "anonymous", "high-ranking", "junior", "leading", "key",
    "close", "longtime", "long-time", "veteran", "and", "or", "two", "few",
})
_RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
# Singular count nouns of documents: with no determiner ("Poll added", "Study said") the
# capitalised word is someone's name, the referee Graham Poll; "Polls show" and "Research
# suggests" (a plural, a mass noun) stay vague.
_COUNT_DOCUMENTS = frozenset({"poll", "survey", "study", "report", "estimate"})
_LOCATIVE = regexstore.compile(r"\s+(?:in|across|throughout|around|all\s+over)\s+")
_WH_WORDS = frozenset({"what", "how", "why", "where", "when", "whether"})


def _classify(np: str, sentence_initial: bool, from_quantities=None) -> str | None:
    """'named', 'vague' or None (not a source at all) for a source noun phrase.

    The head is the phrase's last word: "analysts at Goldman Sachs" ends in
    a name, "Wall Street analysts" in a vague head. A definite description
    ("the report", "the regulator") points at one body and counts as named.
    """
    np = np.strip()
    words = [w.lower().strip("'’.") for w in _words(np)]
    if not words:
        return None
    if from_quantities is not None and from_quantities(np):
        return None
    head = words[-1]
    local = _LOCATIVE.search(np)
    if local and local.start() > 0:
        # "polls in Pennsylvania": a place qualifies the source without naming it.
        head_np = np[:local.start()]
        if _words(head_np) and _words(head_np)[-1].lower() in _VAGUE_HEADS:
            return _classify(head_np, sentence_initial, from_quantities)
    if words[0] in _WH_WORDS or words[:2] == ["among", "others"]:
        return None  # "What needs to happen now, agree analysts": a clause, not a source
    if head in _RELATIVE_PRONOUNS and len(words) > 1:
        # "the minister, who said": the antecedent is the source, and it must name someone.
        rest = np[:np.lower().rfind(head)].strip(" ,")
        if _has_proper(rest, sentence_initial) or words[0] in _DEFINITE:
            return _classify(rest, sentence_initial, from_quantities)
        return None
    if head in _PRONOUNS:
        return "named"
    if words[0] in _GROUP_WORDS and len(words) <= 3 and (len(words) < 2 or words[1] != "of"):
        return "vague"  # "some Democrats said", "many economists believe"
    if head in _ANONYMOUS_PEOPLE:
        # "officials said", "a senior aide said" name no body; "police officials", "a White
        # House aide", "the official" (pointing back) do.
        qualifiers = [w for w in words[:-1] if w not in _BARE_QUALIFIERS]
        return "named" if qualifiers or words[0] in _DEFINITE else "vague"
    anonymous = _ANONYMOUS.search(np)
    if anonymous and (head in ("source", "sources", "insider", "insiders")
                      or _ANONYMOUS_QUALIFIED.match(np[anonymous.end():])):
        # "sources close to the minister" stay anonymous; "a Treasury source" names the body.
        before = np[:_ANONYMOUS.search(np).start()]
        return "named" if _has_proper(before, sentence_initial) else "vague"
    if head in _POPULATION and words[0] not in _DEFINITE and not _has_proper(np, False):
        return None  # "Homeowners now expect ...": the people measured, not a source
    if _has_proper(np, sentence_initial):
        return "named"  # "a Bloomberg poll", "analysts at Goldman Sachs"
    if len(words) == 1 and head in _COUNT_DOCUMENTS and np[:1].isupper():
        return "named"  # "Poll added: ...": a surname; the document noun needs "a"/"the"
    if head in _VAGUE_HEADS:
        if len(words) > 1 and (words[0] in _DEFINITE or _INSTITUTIONAL.intersection(words[:-1])):
            return "named"  # "the report" refers back; "official figures" name a body
        return "vague"
    if _QUANTIFIERS.search(np):
        return None
    if head in _DETERMINERS or words[0] in ("you", "let's", "to"):
        return None
    if head.endswith("s") and words[0] not in _DEFINITE and words[0] not in ("a", "an") \
            and not _INSTITUTIONAL.intersection(words):
        return None  # "Homeowners now expect ...", "like-for-like sales showed ...": the people or
        # things measured, not a source
    return "named"


_NP_STOP = frozenset({
    "is", "was", "were", "are", "has", "have", "had", "be", "been", "that", "which", "who", "and",
    "or", "but", "it", "when", "if", "as", "than", "then", "while", "so", "first", "now", "what",
    "whom", "whose", "where", "twice", "of", "to", "in", "on", "at", "by", "for", "with",
})


def _np_start(prose: str, start: int, end: int) -> int:
    """Where the noun phrase ending at ``end`` begins, at most four words back (for display)."""
    words = list(_WORD.finditer(prose[start:end]))
    if not words:
        return start
    keep = len(words) - 1
    if words[keep].group()[:1].isupper():
        return start + words[keep].start()  # "Analysts said": a capital opens the phrase
    for i in range(len(words) - 2, max(-1, len(words) - 5), -1):
        w = words[i].group()
        if w.lower() in _NP_STOP or w.lower().endswith(("ed", "ing")) or w[:1].isdigit():
            break
        keep = i
    return start + words[keep].start()


# A form of "be" (and an adverb) just before a progressive verb: "had been forecasting".
_BE_BEFORE = regexstore.compile(r"\b(?:is|was|were|are|been|be)\s+(?:\w+ly\s+)?$")
_SPACED_BE_BEFORE = regexstore.compile(r"\s*\b(?:is|was|were|are|been|be)\s+(?:\w+ly\s+)?$")
_WITH_BEFORE = regexstore.compile(r"\bwith\s+(?:\S+\s+){1,5}$")
_OF_AFTER_FIGURE = regexstore.compile(r"\s*(?:of|in|among|from)\b", re.I)
_SAMPLE_OF_BEFORE = regexstore.compile(
    r"\S\s+of\s+(?:(?:some|about|nearly|almost|over|more\s+than)\s+)?$", re.I)
# A data noun and its agent at the end of a clause, just before the verb: "... analysis by
# the firm (has found)".
_DATA_AGENT_TAIL = regexstore.compile(
    r"\b(?:analysis|research|figures|data|study|survey|report|estimates|calculations)\s+(?:by|from)\s+"
    r"(?:(?:the|a|an)\s+)?[\w&.'’-]+(?:\s+[\w&.'’-]+){0,4}\s*$", re.I)
_OF_TAIL = regexstore.compile(r"\s+of\s+(?:\S+\s+)*$")
_NON_SPACE = regexstore.compile(r"\S+")


def _subject_before(prose: str, sent_start: int, verb_start: int,
                    progressive: bool = False) -> tuple[int, int] | None:
    """The span of the noun phrase right before a reporting verb, within its clause.

    ``progressive`` verbs ("had been forecasting") follow a form of "be"
    without being passive.
    """
    window_start = max(sent_start, verb_start - 160)
    left = prose[window_start:verb_start]
    if progressive:
        if _BE_BEFORE.search(left):
            left = _SPACED_BE_BEFORE.sub(" ", left)
        elif not _WITH_BEFORE.search(left):
            return None  # a bare participle ("..., saying") is handled elsewhere
    elif _PASSIVE_BEFORE.search(left):
        return None
    trimmed = _TRAILING_AUX.sub("", left.rstrip())
    if trimmed.endswith(")"):  # "the Office for National Statistics (ONS) said": a label
        trimmed = _LABEL_TAIL.sub("", trimmed)
    cut = 0
    for m in _CLAUSE_BREAK.finditer(trimmed):
        cut = m.end()
    chunk = trimmed[cut:]
    if not chunk.strip() and trimmed.endswith((",", "-", "–", "—", ")")):
        # "The poll, which tracks voters daily, showed ...": the subject opens the sentence.
        m = _SENTENCE_SUBJECT_START.match(prose, sent_start, window_start + len(trimmed))
        if m:
            return m.start("np"), m.start("np") + len(m.group("np").rstrip())
        return None
    # "the minimum $20 million experts say": the speaker follows the figure.
    from factlint.quantities import find_statistics
    stats = find_statistics(chunk)
    if stats:
        rest = chunk[stats[-1].end:]
        before = chunk[:stats[0].start]
        agent = _DATA_AGENT_TAIL.search(rest) if " by " in rest or " from " in rest else None
        if agent is not None:
            # "15% of all e-mail traffic analysis by the firm has found": the comma is missing,
            # but the speaker is still the analysis and its agent.
            cut += stats[-1].end + agent.start()
            chunk = rest[agent.start():]
        elif rest.strip() and not _OF_AFTER_FIGURE.match(rest):
            cut += stats[-1].end
            chunk = rest
        elif not rest.strip() and _SAMPLE_OF_BEFORE.search(before):
            # "A Daily Telegraph poll of 1,313 people suggests": the poll is the source.
            chunk = _OF_TAIL.sub("", before)
        else:
            return None
    words = list(_NON_SPACE.finditer(chunk))
    if not words:
        return None
    words = words[-8:]
    s = window_start + cut + words[0].start()
    e = window_start + cut + words[-1].end()
    return s, e


# An abbreviation in brackets after a name, just before its verb: "the Office for National
# Statistics (ONS) said". Its bracket is not a clause break: the name is the speaker.
_LABEL_TAIL = regexstore.compile(r"(?<=[A-Za-z])\s*\(\s*[A-Z][A-Za-z&.]{1,9}\s*\)$")
_SENTENCE_SUBJECT_START = regexstore.compile(r"[\s“\"‘'(*_]*(?P<np>[^,;:()“”\"—–]{1,80}?)\s*(?:,|\s[-–—]|—|\()")


def _is_sentence_initial(prose: str, sent_start: int, pos: int) -> bool:
    return not prose[sent_start:pos].strip(" \t\n“\"‘'(*_#>-")


@lru_cache(maxsize=64)
def _cite_pattern(names: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str]] | None:
    """The pattern of the cite_as ``names`` as whole words, and a gate: the bare names.

    The bare alternation opens with a literal, which ``re`` finds quickly; the
    whole-word pattern opens with a look-behind, tried at every position. Most
    sentences name none of them.
    """
    names = tuple(n for n in names if n.strip())
    if not names:
        return None
    alts = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(alts), re.compile(rf"(?<!\w)(?:{alts})(?!\w)")


_MAYBE_FIGURE = regexstore.compile(
    r"[\d$€£¥₹%]|(?i:per\s?cent|million|billion|half|third|quarter|fifth|tenth|dozens|"
    r"hundreds|thousands|millions|twice|times|fold|doubl|tripl|halv|\bin\s+(?:two|three|four|"
    r"five|six|seven|eight|nine|ten)\b)")


def _stat_in(np: str) -> bool:
    if not _MAYBE_FIGURE.search(np):
        return False
    from factlint.quantities import find_statistics
    return bool(find_statistics(np))


def _links(text: str, start: int, end: int, next_start: int | None) -> Attribution | None:
    """A link around a figure or a source, or right after the claim."""
    from factlint.quantities import find_statistics
    limit = end if next_start is None else max(end, next_start)
    window = text[start:limit + 2]
    if "[" not in window and "<" not in window and "http" not in window:
        return None
    for m in _LINK.finditer(text, start, min(len(text), limit + 1000)):
        if m.start() > limit:
            break
        if m.start() >= end:
            # After the sentence: only a link that stands alone ("... 16%. [Reuters](url)").
            if text[end:m.start()].strip(" \t([") or not _STANDALONE_AFTER.match(text, m.end()):
                break
        label = m.group("label") or m.group("alabel") or m.group()
        tail = _AFTER_LINK_END.match(text, m.end()).end()
        at_end = tail >= end or m.start() >= end
        before = text[max(start, m.start() - 2):m.start()]
        if (at_end or "(" in before or _LINK_SOURCE_WORDS.match(label)
                or find_statistics(label)):
            return Attribution("named", label.strip(), m.start(), m.end(), "link")
    return None


_ASIDE = regexstore.compile(r"\([^()]*\)|\s[-–—]{1,2}\s[^-–—]{1,200}?\s[-–—]{1,2}(?=\s)|—[^—]{1,200}—")
_ACRONYM_LABEL = regexstore.compile(r"\(\s*[A-Z][A-Za-z&.]{1,9}\s*\)")
_RELATIVE = regexstore.compile(r",\s+(?:which|who|whom|whose|where)\b")
_LEADING_CLAUSE = regexstore.compile(
    r"[\s“\"‘'(*_]*(?:though|although|while|whereas|even\s+though|even\s+if|despite|"
    r"unless)\b[^,;]{1,200},", re.I)


@record(frozen=True)
class _Clauses:
    """A sentence's asides, relative clauses and leading clause, found once per sentence:
    searching them again for every cue is quadratic on a very long sentence."""

    asides: tuple[tuple[int, int], ...]
    relatives: tuple[int, ...]
    leading_end: int | None


def _clauses(prose: str, start: int, end: int) -> _Clauses:
    asides = tuple(m.span() for m in _ASIDE.finditer(prose, start, end)
                   if not _ACRONYM_LABEL.fullmatch(m.group()))  # "(HHA) said": a label
    relatives = tuple(m.start() for m in _RELATIVE.finditer(prose, start, end))
    m = _LEADING_CLAUSE.match(prose, start, end)
    return _Clauses(asides, relatives, m.end() if m else None)


def _scope(clauses: _Clauses, start: int, end: int, at: int) -> tuple[int, int]:
    """The part of the sentence ``start:end`` that a cue at ``at`` vouches for."""
    i = bisect.bisect_right(clauses.asides, (at, end + 1)) - 1
    if i >= 0 and clauses.asides[i][0] <= at < clauses.asides[i][1]:
        return clauses.asides[i]
    k = bisect.bisect_left(clauses.relatives, at)
    if k:  # the innermost relative clause that holds the cue
        return clauses.relatives[k - 1], end
    if clauses.leading_end is not None and at >= clauses.leading_end:
        return clauses.leading_end, end
    return start, end


def attribute_sentence(text: str, start: int, end: int, *, prose: str | None = None,
                       cite_as_names: Sequence[str] = (),
                       next_start: int | None = None) -> list[Attribution]:
    """Every attribution of ``text[start:end]``, best first (named before vague).

    ``next_start`` (where the next sentence begins) lets a link or footnote
    that directly follows the sentence count for it. Links, footnotes and
    cite_as names vouch for the whole sentence; reporting cues for their
    clause (see ``Attribution.scope``).
    """
    if prose is None:
        prose = text
    found = _attributions(text, start, end, prose, tuple(cite_as_names), next_start)
    if not found:
        return found
    clauses = _clauses(prose, start, end) if any(a.scope == (0, 0) for a in found) else None
    scoped = [a if a.scope != (0, 0) else a.with_scope(_scope(clauses, start, end, a.start))
              for a in found]
    whole = (start, end)
    scoped.sort(key=lambda a: (not a.named, a.scope != whole))
    return scoped


def best(attributions: Sequence[Attribution]) -> Attribution | None:
    """The attribution that speaks for a sentence as a whole, if any."""
    return attributions[0] if attributions else None


_WITH = regexstore.compile(r"with\s+")


def _postposed(prose: str, start: int, end: int) -> Iterable[re.Match[str]]:
    """``_POSTPOSED.finditer(prose, start, end)``; most sentences are ruled out by its gate
    ("^" matches only at the start of the whole text)."""
    if start == 0 or _POSTPOSED_AFTER_MARK.search(prose, start, end):
        return _POSTPOSED.finditer(prose, start, end)
    return ()


def _attributions(text: str, start: int, end: int, prose: str, cite_as_names: tuple[str, ...],
                  next_start: int | None) -> list[Attribution]:
    found: list[Attribution] = []
    whole = (start, end)

    cite = _cite_pattern(cite_as_names)
    if cite and cite[0].search(prose, start, end):
        m = cite[1].search(prose, start, end)
        if m:
            return [Attribution("named", m.group(), m.start(), m.end(), "cite_as", scope=whole)]
    link = _links(text, start, end, next_start)
    if link:
        return [link.with_scope(whole)]
    limit = end if next_start is None else max(end, min(next_start, end + 12))
    footnotes = _FOOTNOTE.finditer(text, start, limit) if _FOOTNOTE_START.search(text, start, limit) else ()
    for m in footnotes:
        if m.start() < end or not text[end:m.start()].strip():
            return [Attribution("named", m.group(), m.start(), m.end(), "footnote", scope=whole)]

    sentence = prose[start:end]
    lowered = sentence.lower()
    nouns = bool(_NOUN_GATE.search(lowered))
    for m in (_SOURCE_LINE.finditer(prose, start, end) if ":" in sentence else ()):
        np = _clean_np(m.group("np"))
        kind = _classify(np, False, _stat_in)
        if kind:
            found.append(Attribution(kind, np, m.start("np"), m.start("np") + len(np), "source line"))
    for m in (_ACCORDING.finditer(prose, start, end) if "according" in lowered else ()):
        np = _clean_np(m.group("np"))
        kind = _classify(np, False, _stat_in)
        if kind:
            s = m.start("np")
            found.append(Attribution(kind, np, s, s + len(np), "according to"))
    if nouns and ("'" in sentence or "’" in sentence):
        for m in _POSSESSIVE.finditer(prose, start, end):
            owner = _CAPS_BEFORE.search(prose, max(start, m.start() - 80), m.start())
            if owner and _has_proper(owner.group(), _is_sentence_initial(prose, start, owner.start())):
                found.append(Attribution("named", owner.group(), owner.start(), owner.end(),
                                         "possessive"))
    for m in (_NAMED_DOC.finditer(prose, start, end) if nouns else ()):
        np = m.group("np").strip()
        if _has_proper(np, False):
            found.append(Attribution("named", np, m.start("np"), m.start("np") + len(np),
                                     "document"))
    for m in (_PRONOUN_POSSESSIVE.finditer(prose, start, end) if nouns else ()):
        found.append(Attribution("named", m.group("np"), m.start("np"), m.end("np"), "possessive"))
    for m in _PARTICIPLE.finditer(prose, start, end):
        subject = _SENTENCE_SUBJECT.match(prose, start, m.start())
        if subject:
            np = subject.group("np").strip()
            kind = _classify(np, True, _stat_in)
            if kind:
                s = subject.start("np")
                found.append(Attribution(kind, np, s, s + len(np), "participle"))
    for m in (_FROM_BY.finditer(prose, start, end) if nouns else ()):
        np = _clean_np(m.group("np"))
        if _has_proper(np, False):
            s = m.start("np")
            found.append(Attribution("named", np, s, s + len(np), "by"))
    if "listed by" in lowered or "registered with" in lowered or "filed with" in lowered:
        found.extend(_register_keepers(prose, start, end))
    for m in _REPORTING_VERB.finditer(prose, start, end):
        verb = m.group("verb")
        low = verb.lower()
        if (low == "according" or _NOUN_USE_BEFORE.search(prose, max(start, m.start() - 12), m.start())
                or _MAY_BEFORE.search(prose, max(start, m.start() - 8), m.start())):
            continue
        if low in _PLURAL_NOUN_VERBS and _NOUN_USE_AFTER.match(prose, m.end()):
            continue  # "growth forecasts slipping", "estimates of": a noun
        if low in _ACTION_VERBS and _FIGURE_OBJECT.match(prose, m.end(), min(end, m.end() + 40)):
            continue  # "US firms added 146,000 jobs": an act, not a statement of it
        agent = _BY_AGENT.match(prose, m.end())
        if agent and _PASSIVE_BEFORE.search(prose, max(start, m.start() - 20), m.start()):
            np = _clean_np(agent.group("np"))
            kind = _classify(np, False, _stat_in)
            if kind:
                s = agent.start("np")
                found.append(Attribution(kind, np, s, s + len(np), low))
            continue
        span = _subject_before(prose, start, m.start(), progressive=verb.endswith("ing"))
        if span is None:
            continue
        np = prose[span[0]:span[1]]
        lead = _WITH.match(np)
        if lead:  # "with the BBC reporting ...": the speaker follows "with"
            span = (span[0] + lead.end(), span[1])
            np = np[lead.end():]
        kind = _classify(np, _is_sentence_initial(prose, start, span[0]), _stat_in)
        if kind:
            found.append(Attribution(kind, np.strip(), span[0], span[1], low))
    for m in _postposed(prose, start, end):
        if m.group("verb").lower().startswith("according"):
            continue
        np = _clean_np(m.group("np"))
        if not np:
            continue
        kind = _classify(np, False, _stat_in)
        if kind == "named" and not (_has_proper(np, False) or np.lower() in _PRONOUNS
                                    or np.lower().startswith(("the ", "a ", "an "))):
            kind = None
        if kind:
            s = m.start("np")
            found.append(Attribution(kind, np, s, s + len(np), m.group("verb").lower()))
    for m in (_WEASEL.finditer(prose, start, end) if _may_have_weasel(sentence, lowered) else ()):
        found.append(Attribution("vague", m.group(), m.start(), m.end(), "weasel"))
    if any(not a.named for a in found):
        # "according to [a study](url)": the link names what the words do not.
        links = [m.span() for m in _LINK.finditer(text, start, end)]
        found = [replace(a, kind="named", cue="link")
                 if not a.named and any(ls < a.end and a.start < le for ls, le in links) else a
                 for a in found]
    return found


def _register_keepers(prose: str, start: int, end: int) -> list[Attribution]:
    """Named keepers of a register or filing ("listed by the Electoral Commission"), with
    the cue 'register': a later "are listed as donating" points back to them."""
    out = []
    for m in _REGISTER_AGENT.finditer(prose, start, end):
        np = _clean_np(m.group("np"))
        if np and _has_proper(np, False):
            s = m.start("np")
            out.append(Attribution("named", np, s, s + len(np), "register"))
    return out


def continues(prose: str, start: int, end: int) -> bool:
    """Whether a sentence picks up where the previous one left off ("It also found...")."""
    return bool(_CONTINUES.search(prose[start:min(end, start + 200)]))


def attribute_paragraph(text: str, sentence_spans: Sequence[tuple[int, int]], *,
                        prose: str | None = None, cite_as_names: Sequence[str] = (),
                        paragraph_end: int | None = None) -> list[list[Attribution]]:
    """The attributions of each sentence (best first), with carry-over from the one before.

    A sentence without a source of its own inherits the previous sentence's
    best one when it continues it ("It also found...", "The report
    added..."), so the chain runs as long as the writer keeps pointing back.
    An inherited attribution covers the whole inheriting sentence.
    """
    return list(iter_paragraph(text, sentence_spans, prose=prose, cite_as_names=cite_as_names,
                               paragraph_end=paragraph_end))


def iter_paragraph(text: str, sentence_spans: Sequence[tuple[int, int]], *,
                   prose: str | None = None, cite_as_names: Sequence[str] = (),
                   paragraph_end: int | None = None) -> Iterator[list[Attribution]]:
    """``attribute_paragraph`` one sentence at a time: carry-over runs forward only, so a
    caller that needs the first sentences of a paragraph need not analyse the rest."""
    if prose is None:
        prose = text
    spans = list(sentence_spans)
    prev: Attribution | None = None
    for i, (s, e) in enumerate(spans):
        nxt = spans[i + 1][0] if i + 1 < len(spans) else paragraph_end
        own = attribute_sentence(text, s, e, prose=prose, cite_as_names=cite_as_names,
                                 next_start=nxt)
        if not own and prev is not None and continues(prose, s, e):
            own = [replace(prev, inherited=True, scope=(s, e))]
        elif (own and prev is not None and prev.named
              and own[0].source.lower() in _PRONOUNS - {"who", "which", "whom"}):
            # "It also found ...": name the source the pronoun points back to.
            own = [replace(prev, inherited=True, scope=own[0].scope)] + own
        prev = own[0] if own else None
        yield own


def names_source(attributions: Iterable[Iterable[Attribution] | Attribution | None]) -> bool:
    """True when any attribution names a source (the MOS:WEASEL exemption).

    Accepts ``attribute_paragraph``'s per-sentence lists or single attributions.
    """
    for item in attributions:
        if item is None:
            continue
        group = (item,) if isinstance(item, Attribution) else item
        if any(a.named for a in group):
            return True
    return False


def _vague_speakers(prose: str, start: int, end: int,
                    lowered: str | None = None, offset: int = 0) -> list[VagueCue]:
    """"Analysts said", "..., say web analysts", "according to experts" in one sentence.

    ``lowered``, when given, is the lower-cased text from ``offset`` on, lined up with
    ``prose`` and free of _CASE_ODDITIES: a speaker before a verb is then looked for only
    when a vague word comes before the verb.
    """
    cues = []
    verbs = [m for m in _REPORTING_VERB.finditer(prose, start, end)
             if m.group("verb").lower() != "according"]
    first_vague = -1  # no subject is looked for after a verb that starts here or before
    if lowered is not None and verbs:
        # A subject _classify calls vague holds one of these words, before its verb: for
        # the verbs up to the first of them in the sentence no subject is looked for.
        found = _VAGUE_INSIDE.search(lowered, start - offset, verbs[-1].start() - offset)
        first_vague = end if found is None else found.start() + offset
    for m in verbs:
        if m.start() <= first_vague or _MAY_BEFORE.search(prose, max(start, m.start() - 8), m.start()):
            continue
        span = _subject_before(prose, start, m.start(), progressive=m.group("verb").endswith("ing"))
        if span is None:
            continue
        np = prose[span[0]:span[1]]
        if _classify(np, _is_sentence_initial(prose, start, span[0]), _stat_in) == "vague":
            s = _np_start(prose, span[0], span[1])
            cues.append(VagueCue(s, m.end(), prose[s:m.end()]))
    for m in _postposed(prose, start, end):
        if m.group("verb").lower().startswith("according"):
            continue
        np = _clean_np(m.group("np"))
        if np and _classify(np, False, _stat_in) == "vague":
            s, e = m.start("verb"), m.start("np") + len(np)
            cues.append(VagueCue(s, e, prose[s:e]))
    if lowered is not None and lowered.find("according", start - offset, end - offset) < 0:
        return cues  # the lower-cased text stands for the text: no "according to" here
    for m in _ACCORDING.finditer(prose, start, end):
        np = _clean_np(m.group("np"))
        if _classify(np, False, _stat_in) == "vague":
            cues.append(VagueCue(m.start(), m.start("np") + len(np), prose[m.start():m.start("np") + len(np)]))
    return cues


# Words one of which every source _classify calls vague holds, lower-cased: its vague
# heads, its group words, "source" and "insider". Matched anywhere, even inside a word,
# because a subject taken from a window or cut after a figure can start mid-word.
_VAGUE_INSIDE = regexstore.compile(by_first_letter(sorted(
    _VAGUE_HEADS | {"numerous", "various", "certain"}, key=lambda w: (-len(w), w))))


def find_vague(text: str, start: int = 0, end: int | None = None, *,
               prose: str | None = None,
               sentences: Sequence[tuple[int, int]] | None = None) -> list[VagueCue]:
    """Weasel attributions in ``text[start:end]``: "experts say", "it is believed".

    Each is reported once, at the phrase. Whether it is a problem depends on
    the paragraph naming a source, which the caller decides. A speaker is
    looked for within its sentence only: pass the ``sentences`` of the range
    (default: the range is one sentence). A whole document in one call is
    much faster than one call per sentence.
    """
    if prose is None:
        prose = text
    if end is None:
        end = len(prose)
    if sentences is None:
        sentences = [(start, end)]
    part = prose[start:end]
    lowered = part.lower()
    if len(lowered) == end - start:
        entries, heads = _weasel_words_and_heads(lowered, start)
    else:
        entries, heads = [], [m.start() for m in _VAGUE_HEAD.finditer(prose, start, end)]  # pragma: no cover
    # Whether the lower-cased text stands for the text in every search made on it.
    lined_up = len(lowered) == end - start and (part.isascii() or not any(c in part for c in _CASE_ODDITIES))
    if lined_up:
        cues = _weasel_cues(prose, start, end, entries)
    elif _may_have_weasel(part, lowered):
        cues = [VagueCue(m.start(), m.end(), m.group()) for m in _WEASEL.finditer(prose, start, end)]
    else:
        cues = []
    if not heads:
        return cues  # no vague head noun: no vague speaker either
    starts = [s for s, _ in sentences]
    with_heads = sorted({bisect.bisect_right(starts, h) - 1 for h in heads} - {-1})
    for i in with_heads:
        s0, e0 = sentences[i]
        inside = lined_up and start <= s0 and e0 <= end
        cues.extend(_vague_speakers(prose, s0, e0, lowered if inside else None, start))
    cues.sort(key=lambda c: (c.start, -c.end))
    merged: list[VagueCue] = []
    for c in cues:
        if merged and c.start < merged[-1].end:
            continue
        merged.append(c)
    return merged


# Written as alternatives that each open with a plain character, not as "[“”\"«»]|''":
# then ``re`` skips to the next quotation mark in C instead of trying every position.
_QUOTE_MARK = regexstore.compile(r"“|”|\"|«|»|''")


def quoted_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Direct quotations in a paragraph, as (start, end) spans including the marks.

    Whether a mark opens or closes is read from its neighbours, not its
    shape, because drafts pasted from many tools mix straight and curly
    quotes and sometimes curl them the wrong way. A quotation left open
    runs to the end of the paragraph: news style opens each paragraph of a
    long quote and closes only the last.
    """
    if end is None:
        end = len(text)
    spans: list[tuple[int, int]] = []
    opened: int | None = None
    for m in _QUOTE_MARK.finditer(text, start, end):
        i, j = m.span()
        before = text[i - 1] if i > start else " "
        after = text[j] if j < end else " "
        space_before = before.isspace() or before in "([{—–-/"
        space_after = after.isspace() or after in ".,;:!?)]}—–-"
        mark = m.group()
        if mark in "“«":
            is_open = not (not space_before and space_after)
        elif mark in "”»":
            is_open = space_before and not space_after
        else:
            is_open = opened is None if space_before == space_after else space_before
        if is_open and opened is None:
            opened = i
        elif not is_open and opened is not None:
            spans.append((opened, j))
            opened = None
    if opened is not None and end - opened > 1:
        spans.append((opened, end))
    return spans
