"""Unsourced claims: weasel attributions and absolute claims.

Each rule here reads the paragraph structure of the Document and the
attribution analysis in ``factlint.analyses.sources``; new claim rules belong in
this module as further ``@register`` classes.
"""

from __future__ import annotations

import bisect
import re
from typing import Any, Iterable, Iterator

from factlint.analyses.article import ArticleAttribution, article_attribution, is_person
from factlint.analyses.sources import (
    VagueCue, find_vague,
)
from factlint.findings import Hit, Severity
from factlint.rules.base import Context, Rule, register
from factlint import regexstore

_DOCUMENT = regexstore.compile(
    r"\b(?:report|reports|survey|surveys|study|studies|poll|polls|research|figures|data|analysis|"
    r"statistics|numbers|estimates)\b", re.I)
# "the source said", "those officials", "agree analysts": the anonymous source named before.
_REPEAT = regexstore.compile(r"^(?:the|those|these|that|this|same)\b|^(?:agree|agreed|added)\b", re.I)
_REPEAT_BEFORE = regexstore.compile(r"\b(?:the|those|these)\s+$", re.I)
_SPEECH_CUES = frozenset({"document", "by", "possessive", "link", "footnote", "source line",
                          "cite_as", "according to"})


# Impersonal hedges ("is said to", "is thought to", "reportedly") have no speaker a later
# sentence could be: only a source in their own sentence answers them.
# The kind of person a vague phrase credits, as a stem: "analysts" -> "analyst".
_KIND = regexstore.compile(
    r"\b(analyst|expert|economist|scientist|researcher|critic|observer|official|strategist|"
    r"historian|academic|specialist|campaigner|lawyer|doctor|diplomat|adviser|advisor|aide|"
    r"insider|source|commentator|pundit|Democrat|Republican|Conservative|Tory|MP|Labour)", re.I)
# People who publish: "say researchers" is answered by the study the body names.
_RESEARCHERS = regexstore.compile(r"\b(?:researchers|scientists|academics|scholars|experts|economists)\b", re.I)
_IMPERSONAL = regexstore.compile(r"^(?:it\s|is\s|are\s|was\s|were\s|and\s|reportedly|considered|"
                         r"regarded|seen|viewed|thought|according\s+to)", re.I)
# A bare speech credit of a kind of person: "analysts said", "say critics", "supporters
# also say". When the article has already credited the same kind anonymously, the reader
# takes it as the same unnamed group cited again (GUIDELINES "repeat": one finding at the
# first appearance). Only plain speech verbs: "analysts have predicted ..." after
# "analysts pointed to ..." is a new characterisation the editors flag, and "other
# analysts" are other people.
_PLAIN_CREDIT = regexstore.compile(
    r"^(?:(?:many|most|several)\s+)?(?P<a>[a-z-]+),?\s+(?:also\s+|have\s+|had\s+)?"
    r"(?:say|says|said|told|added)(?:\s+that)?$"
    r"|^(?:say|says|said|added)\s+(?:many\s+|most\s+|several\s+)?(?P<b>[a-z-]+)$", re.I)
# The kinds a plain credit can repeat, as stems ("analysts" -> "analyst").
_CREDIT_KIND = regexstore.compile(
    r"(analyst|expert|economist|scientist|researcher|critic|observer|strategist|commentator|"
    r"pundit|insider|supporter|opponent|detractor|campaigner|sceptic|skeptic|watcher|"
    r"historian|specialist|academic)s?$", re.I)
# "Latest figures suggest ...", "according to recent figures": a pointer to a release, not
# a source of its own. The release it points to may be named in the paragraph.
_RELEASE_POINTER = regexstore.compile(
    r"^(?:according\s+to\s+)?(?:the\s+)?(?:latest|recent|new|updated|fresh)\s+(?:[a-z-]+\s+)?"
    r"(?:figures|numbers|data|statistics)\b", re.I)
# A company's own results: "Acme's profits tripled", which the next sentence's "it said" gives.
_COMPANY_RESULTS = regexstore.compile(
    r"\b(?-i:[A-Z][\w&-]*)(?:\s+(?-i:[A-Z][\w&-]*)){0,3}['’]s\s+(?:[a-z-]+\s+)?"
    r"(?:profits?|sales|revenues?|earnings|turnover|results|losses)\b", re.I)
_IT_SAID = frozenset({"it", "It"})
_OTHER = regexstore.compile(r"\bother\b", re.I)
# A name in a source: "market analysts Chart-Track", not a stray phrase ("in a widely-").
_NAME_WORD = regexstore.compile(r"\b[A-Z][\w&-]+")
# "because it was thought ...", "when it was argued in court": the hedge gives a motive or a
# time, not a claim.
_MOTIVE_BEFORE = regexstore.compile(r"\b(?:because|as|since|when|while|after|before|until)\s+$", re.I)


def _person_speaks(article: ArticleAttribution, k: int) -> bool:
    """Whether sentence ``k`` has a named person saying something."""
    return any(a.named and not a.inherited and a.cue not in _SPEECH_CUES and is_person(a.source)
               for a in article.own[k])


def _following(article: ArticleAttribution, i: int) -> list[int]:
    """The sentence after ``i`` (in the next paragraph when ``i`` ends its own)."""
    return [i + 1] if i + 1 < len(article.sentences) else []


def unsourced_vague_cues(doc: Any, article: ArticleAttribution) -> list[VagueCue]:
    """Weasel attributions no named source answers, one finding per sentence.

    GUIDELINES "family: vague": the phrase is fine when its own sentence names
    the source; when the next sentence gives a named person saying it ("Some
    believe ..." then a quote of one who does); when "studies show" is
    followed by a study credited by name; when a lede or standfirst's "a
    survey suggests", "experts say" is answered by a source named in the two
    paragraphs below it; and when it repeats one already described ("the
    source said"). Phrases inside a quotation are the speaker's words,
    headlines summarise the body, and a hedge giving an actor's motive
    ("because it was thought ...") credits no claim.
    """
    prose = doc.prose
    body = [i for i, p in enumerate(doc.paragraphs) if p.sentences and i not in article.titles]
    if not body:
        return []
    spans = [(s.start, s.end) for i in body for s in doc.paragraphs[i].sentences]
    cues = find_vague(doc.text, spans[0][0], spans[-1][1], prose=prose, sentences=spans)
    allowed = set(body)
    out: list[VagueCue] = []
    reported: set[int] = set()
    kinds: set[str] = set()  # kinds of person already credited anonymously
    for cue in cues:
        i = article.sentence_index(cue.start)
        if i is None or i in reported or article.sentences[i].paragraph not in allowed:
            continue
        if (article.in_quote(cue.start, cue.end) or _REPEAT.match(cue.phrase)
                or _REPEAT_BEFORE.search(prose, max(0, cue.start - 8), cue.start)):
            continue
        if _MOTIVE_BEFORE.search(prose, max(0, cue.start - 12), cue.start):
            continue
        # The unnamed group is introduced to the reader at its first credit, even one that a
        # named source beside it leaves unflagged: a later "analysts say" repeats it.
        kind = _credit_kind(cue.phrase)
        repeated = kind is not None and kind in kinds
        kinds.update(_kinds_in(cue.phrase))
        if article.named_in(i) is not None:
            continue
        following = _following(article, i)
        if not _IMPERSONAL.match(cue.phrase) and any(_answers(article, k, cue) for k in following):
            continue  # "Some believe ..." and the next sentence quotes one who does
        if _DOCUMENT.search(cue.phrase) and any(
                _document_named(article, k) for k in following
                if article.sentences[k].paragraph == article.sentences[i].paragraph):
            continue  # "Studies have shown ..." then "Research by X found ..."
        if _RELEASE_POINTER.match(cue.phrase) and _release_named(article, i):
            continue  # "Latest figures suggest ..." after "..., said market analysts Chart-Track"
        if article.sentences[i].paragraph == article.lede and _named_below(article, cue):
            continue  # a standfirst's "a report says", named in the body's opening
        if repeated:
            continue  # "analysts said" again: the unnamed analysts introduced above
        reported.add(i)
        out.append(cue)
    return out


def _release_named(article: ArticleAttribution, i: int) -> bool:
    """Whether the "latest figures" of sentence ``i`` are a release named in its paragraph.

    Either a body (not a person, whose figures would be a view) is credited with
    figures earlier in the paragraph, up to three sentences back and before any other
    named source ("Sales have tripled, said market analysts Chart-Track. The numbers
    ..."); or the sentence reports a company's results and the next one gives the
    company's own figures ("..., it said"). A body named in the paragraph for
    something else ("the firm announced a deal") does not make the figures its own.
    """
    here = article.paragraph_sentences(article.sentences[i].paragraph)
    for k in range(i - 1, max(here.start, i - 4) - 1, -1):
        a = article.named_in(k)
        if a is not None:
            if _releases_figures(article, k, a):
                return True
            break
    k = i + 1
    if k in here and any(a.source in _IT_SAID and a.cue in ("said", "says") and any(
            a.covers(q.start, q.end) for q in article.figures_in(k)) for a in article.own[k]):
        s = article.sentences[i]
        return _COMPANY_RESULTS.search(article.doc.prose, s.start, s.end) is not None
    return False


def _releases_figures(article: ArticleAttribution, k: int, a: Any) -> bool:
    """Whether the named source ``a`` of sentence ``k`` is a body credited with figures in
    the sentence that names it (for "The numbers were also boosted ...", the one before)."""
    home = article.sentence_index(a.start) if a.inherited else k
    if home is None or is_person(a.source) or not _NAME_WORD.search(a.source):
        return False
    owner = next((b for b in article.own[home] if b.start == a.start and not b.inherited), a)
    return any(owner.covers(q.start, q.end) for q in article.figures_in(home))


def _credit_kind(phrase: str) -> str | None:
    """The kind of person a bare speech credit names ("say analysts" -> "analyst"), or
    None when the phrase says more than who spoke ("analysts have predicted")."""
    m = _PLAIN_CREDIT.match(" ".join(phrase.split()))
    if m is None:
        return None
    kind = _CREDIT_KIND.fullmatch(m.group("a") or m.group("b"))
    return kind.group(1).lower() if kind else None


def _kinds_in(phrase: str) -> set[str]:
    """The kinds of person a reported vague phrase introduces ("Analysts believe",
    "some analysts said"); "other analysts" are not the ones a later credit repeats."""
    if _OTHER.search(phrase):
        return set()
    return {m.group(1).lower() for w in phrase.split()
            if (m := _CREDIT_KIND.fullmatch(w.strip(",;:")))}


def _document_named(article: ArticleAttribution, k: int) -> bool:
    a = article.named_in(k)
    return a is not None and bool(_DOCUMENT.search(article.doc.prose, max(0, a.start - 40), a.end + 40))


def _named_below(article: ArticleAttribution, cue: VagueCue) -> bool:
    """Whether the two paragraphs after the lede name the standfirst's source: a named
    document for "a report says", a named person of the same kind for "analysts said"."""
    lede = article.lede
    for p in range(lede + 1, min(lede + 3, len(article.doc.paragraphs))):
        for k in article.paragraph_sentences(p):
            document = _document_named(article, k) or _introduces_document(article, k)
            if _DOCUMENT.search(cue.phrase):
                if document:
                    return True
            elif _answers(article, k, cue) or (_RESEARCHERS.search(cue.phrase) and document):
                return True
    return False


def _introduces_document(article: ArticleAttribution, k: int) -> bool:
    s = article.sentences[k]
    return any(s.start <= d.offset < s.end for d in article.introduced)


def _answers(article: ArticleAttribution, k: int, cue: VagueCue) -> bool:
    """Whether sentence ``k`` gives a named person who says what the vague phrase credits:
    a direct quotation of a named person ("Some believe ..." then '"They are in panic
    mode," said Leslie Moreau'), or a named person of the phrase's own kind ("analysts
    say ..." then "said Ana Ruiz, an analyst at Harbour Bank")."""
    if not _person_speaks(article, k):
        return False
    s = article.sentences[k]
    if any(a < s.end and s.start < b for a, b in article.quotes):
        return True
    head = _KIND.search(cue.phrase)
    return bool(head) and re.search(rf"\b{head.group(1)}", article.doc.prose[s.start:s.end], re.I) is not None


@register
class ClaimVagueSource(Rule):
    id = "claim-vague-source"
    severity = Severity.WARNING
    summary = "Vague attribution ('experts say', 'it is believed') with no named source nearby."
    description = (
        "Weasel attributions make a claim sound sourced without saying who stands behind it: "
        "'experts say', 'some observers believe', 'critics argue', 'some Democrats said', "
        "bare 'officials said' or 'an adviser said', 'it is widely thought', 'is said to', "
        "'is widely expected to', 'studies show', 'polls show', 'reportedly', 'according to "
        "analysts'. Name the expert, the study or the publication, or link it.\n\n"
        "Not reported, as the newsdesk guidelines say: a phrase whose own sentence names the "
        "source ('according to analysts at Gartner'); an anonymous source whose institution is "
        "named ('Senate sources', 'police officials', 'a White House aide'); 'some believe ...' "
        "when the next sentence quotes a named person who does; 'studies show' when the next "
        "sentence credits a study by name; a standfirst's 'a report says' when the two "
        "paragraphs below name the source; 'latest figures suggest' when a body credited with "
        "figures earlier in the paragraph, or the company whose results they are ('..., it "
        "said'), gives them; a later mention of a source already described ('the source said', "
        "or a second bare 'analysts said' after unnamed analysts were credited; passive "
        "hedges such as 'is said to' are each reported); phrases inside a quotation (the speaker's words) and headlines; and "
        "phrases that credit no claim ('people said goodbye', 'when it was argued in court', "
        "'because it was thought ...', '87% said' of poll respondents). One finding per "
        "sentence.\n\n"
        "This rule, not stat-unattributed, reports a figure credited only to a vague source "
        "('analysts said sales fell 5%'): the figure has an attribution, just not a usable one."
    )
    options: dict[str, Any] = {}
    examples_flag = (
        "Experts say the new reactor design is safer.\n",
        "Some observers believe the merger will be blocked.\n",
        "It is widely thought that the tax will be scrapped next year.\n",
        "Research has shown that four-day weeks raise output.\n",
        "Critics argue the scheme rewards landlords, and the minister has reportedly "
        "considered dropping it.\n",
        "Commuters are switching to bicycles, a survey suggests.\n\nMany of them cite the cost of "
        "fuel.\n",
        # Passive hedges have no source noun: two of them may be two sources, each reported.
        "The minister is said to favour the toll. Her deputy is said to oppose it.\n",
        # A body named in the paragraph for something else does not own "latest figures".
        "The new tablet goes on sale in March, Harbour Mobile said. Latest figures suggest its "
        "sales fell by 5%.\n",
        # The company is in the sentence, but nothing says the estimate is its own.
        "The airline has an estimated $3bn gap in its pension fund, which the Pension Agency "
        "will now cover.\n",
        # A document noun with a determiner, or plural, is a document, not a name.
        "The referee let the goal stand. A poll said most fans agreed.\n",
        "Polls show most fans agreed with the referee.\n",
        # "would argue" states a view that some hold; only "may" and "might" are asides.
        "Some would argue the reforms came too late.\n",
    )
    examples_pass = (
        "Experts at the Royal Institute of Navigation say the new system is safer.\n",
        "Some observers believe the merger will be blocked. \u201cIt will not pass,\u201d said "
        "Ines Moreau, a competition lawyer.\n",
        "Research by the University of Leeds has shown that four-day weeks raise output.\n",
        "\"Experts say all sorts of things,\" Jonas Berg told the committee.\n",
        "The ministry announced the plan on Tuesday.\n",
        "According to [a study](https://example.org/study), the tax raised little.\n",
        "Commuters are switching to bicycles, a survey suggests.\n\nThe survey, by the Cycle "
        "Trade Survey, asked 2,000 adults how they travel.\n",
        # "Latest figures" of a release named earlier in the paragraph.
        "Ticket sales have doubled since May, said market researchers Gatecount. The numbers "
        "were helped by a festival. Latest figures suggest 80,000 tickets have been sold.\n",
        # A company's results, its own figures given in the next sentence.
        "According to recent figures, Harbour Mobile's profits doubled in the quarter. Over 40% "
        "of the handsets it sold had cameras, it said.\n",
        # A surname that is also a document noun: referee Anna Poll, then "Poll added".
        "Referee Anna Poll explained her decision. \"I applied the laws,\" said Poll. Poll "
        "added: \"The player asked and I agreed.\"\n",
        # The writer's aside; analysts introduced beside a named source, then credited again.
        "The band, some might say, has never sounded better.\n",
        "Harbour Foods said its stores would stay open, but analysts said it would sell some "
        "sites.\n\nAnalysts say the chain had fallen behind its rivals.\n",
    )

    def check(self, doc: Any, ctx: Context) -> Iterable[Hit]:
        article = article_attribution(doc, tuple(getattr(ctx.register, "cite_names", ()) or ()))
        for cue in unsourced_vague_cues(doc, article):
            phrase = " ".join(cue.phrase.split())
            sentence = doc.sentence_at(cue.start)
            context = doc.prose[sentence.start:sentence.end] if sentence else phrase
            yield Hit(cue.start, cue.end,
                      f"Vague attribution '{phrase}' names no one: say who (a person, "
                      f"organisation or publication) or link the source.",
                      context=context)


# --- absolute claims -------------------------------------------------------------------

_SUPERLATIVE = (
    r"(?:first|largest|biggest|highest|lowest|fastest|oldest|longest|richest|greatest|"
    r"strongest|smallest|deadliest|worst|best|only|most\s+[a-z]+|least\s+[a-z]+)"
)
# "the first half", "the first round in Melbourne": a place in a sequence, not a claim.
_SEQUENCE = (
    r"half|halves|round|set|day|days|week|weeks|quarter|leg|innings|time|minute|minutes|"
    r"game|match|race|stage|lap|season|episode|chapter|page|part|step|phase|question|"
    r"instance|place|year|month|night|weekend|hour|period"
)
# Places a superlative can be claimed over: "the largest mobile firm in the country".
_SCOPE = (
    r"in\s+the\s+(?:world|country|nation|region|continent|US|U\.S\.|UK|U\.K\.|EU|state|"
    r"industry|market|sector)\b|in\s+(?:recorded\s+)?history\b|on\s+record\b|of\s+all\s+time\b|"
    r"in\s+living\s+memory\b|in\s+(?!(?:January|February|March|April|May|June|July|August|"
    r"September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
    r"Sunday)\b)(?-i:[A-Z][a-z]+)(?:\s+(?-i:[A-Z][a-z]+))?\b(?!['’])"
)
# World-scope superlatives, firsts, "unprecedented", "never before" and record
# levels: claims no reporter can have observed first-hand and that are true
# or false of the whole world, so they need someone who checked.
_ABSOLUTE = regexstore.compile(
    # Every branch opens a word with one of these letters: the word boundary and the
    # lookahead let the engine skip, in one or two tests, every position no branch can start at.
    rf"""\b(?=[twpgfulbhnaresTWPGFULBHNARES])(?:
    \b(?:the\s+)?(?:world|planet|globe)['’]s\s+(?:first|only)\b(?!\s+(?:time|of|one))
      | \bthe\s+{_SUPERLATIVE}(?!\s+(?:other|{_SEQUENCE})\b)(?:[\s-]+ever\b|\s+(?:[\w'’-]+\s+){{0,5}}?(?:ever(?:\s+(?:made|built|
        recorded|seen|sold|produced|published|paid|held|staged))?\b|{_SCOPE}))
      | \bthe\s+(?!(?:latest|interest|rest|nearest|forest|protest|contest|request|honest|finest|
        greatest|best|worst)\b)
        [a-z]{{2,}}est\s+(?:[\w'’-]+\s+){{0,3}}?ever\b
      | \b(?:first|largest|biggest|best|highest|lowest|worst)-ever\b
      | \bfor\s+the\s+first\s+time\s+(?:ever|anywhere|in\s+(?:history|the\s+world|living\s+memory))\b
      | \bunprecedented\b
      | (?<!like\s)(?<!as\s)\bnever\s+before\b
      | \bnever\s+(?:been\s+)?(?:seen|done|attempted|achieved|recorded|witnessed)\s+before\b
      | \b(?:a|an|the|new|another|fresh)\s+record[\s-](?:level|levels|number|numbers|
        turnout|temperature|temperatures|demand|growth|deficit|surplus|exports|imports|debt|
        investment|spending|output|production)\b
      | \brecord[\s-](?:highs?|lows?)\b
      | \brecord[\s-]breaking\b(?!\s+form\b)
      | \ball[\s-]time\s+(?:high|low|record)s?\b
      | \bsince\s+records\s+began\b
    )""",
    re.I | re.X,
)
# Every branch of _ABSOLUTE needs one of these (lower case): a sentence with none is
# skipped by a substring test, ten times cheaper than running the pattern over it.
_ABSOLUTE_WORDS = ("first", "only", "ever", "unprecedent", "never", "record", "all time", "all-time",
                   "est ", "est-", "most ", "least ", "best", "worst")
# The same test in one pass, for text whose lower-cased form does not line up with it
# (_absolute_phrases otherwise finds each word in the whole text with ``str.find``).
_ABSOLUTE_WORD = regexstore.compile("|".join(re.escape(w) for w in _ABSOLUTE_WORDS))
# Award categories ("the best actress in a leading role") and evaluative words are no
# measurable claims: "the best film of all time" is a view, "the largest" is checkable.
_AWARD = regexstore.compile(
    r"the\s+(?:best|worst|finest|greatest)\b(?:\s+[\w'’-]+){0,3}?\s+(?:actor|actress|director|film|"
    r"picture|song|album|newcomer|player|performance|score|screenplay|documentary|drama|comedy|"
    r"musical|band|act|category|award)s?\b|the\s+(?:best|worst|finest|greatest)\b(?!.*\b(?:in\s+the\s+world|"
    r"in\s+history)\b)", re.I)
# The writer's own view, a letter or a column: "I think it is the best ...", "the pen has
# got to be one of the most used gadgets ever" (a verdict, in a reader's comment).
_OPINION = regexstore.compile(r"\b(?:I\s+think|I\s+believe|I\s+reckon|I['’]m|I\s+am|for\s+me|in\s+my\s+"
                      r"(?:view|opinion)|my\s+(?:view|opinion)|(?:has|have)\s+got\s+to\s+be)\b")
_WISH_OR_LIST = regexstore.compile(
    r"\b(?:wants?|wanted|wanting|hopes?|hoped|hoping|aims?|aimed|aiming|bid|dreams?\s+of|"
    r"determined)\s+to\s+(?:be|become)\s+$|\b(?:charts|ranks|lists|measures|names)\s+$", re.I)
_THIS_SEASON = regexstore.compile(r"\s*(?:so\s+far\s+)?(?:this|last)\s+(?:year|season|week|month)\b", re.I)
_HYPOTHETICAL = regexstore.compile(r"\bif\s+you(?:['’]re|\s+are|\s+were)?\s+$", re.I)
_NEGATED = regexstore.compile(r"\bnot\s+(?:the|be\s+the)?\s*$|\bnot\s+$", re.I)
# "one of the biggest ever" is still a claim; "one of the largest in the country" is hedged.
_EVER = regexstore.compile(r"\bever\b|-ever\b", re.I)
# A personal or internal first is no claim about the world: "for the first time, she ...".
_PERSONAL = regexstore.compile(r"\b(?:I|we|you|he|she|they|his|her|their|my|our|your|its)\b", re.I)
# "one of the largest in the country" is hedged; "the best film I have ever seen" is a view.
_HEDGED_BEFORE = regexstore.compile(r"\b(?:one|some|among|two|three|several|many)\s+of\s+$|\bamong\s+$", re.I)
_PERSONAL_EVER = regexstore.compile(r"\b(?:I|we|you|he|she|they)(?:\s+\w+|['’]\w+){0,2}\s+ever\b", re.I)
# A verdict credited to whoever gave it: "named the best band of all time", "billed as".
_VERDICT_BEFORE = regexstore.compile(
    r"\b(?:named|voted|chosen|crowned|ranked|rated|listed|billed|hailed|dubbed|described|regarded|"
    r"considered|seen|acclaimed|judged|declared|certified|recognised|recognized|list\s+of|"
    r"poll\s+of)(?:\s+by\s+[\w\s]{1,30}?)?(?:\s+as)?\s+$",
    re.I,
)
_MARKET_WORDS = (r"shares|stocks?|stock\s+markets?|index|Dow|FTSE|Nikkei|Nasdaq|dollar|euro|yen|"
                 r"pound|sterling|currency|oil|fuel|petrol|gold|crude|bond|yields?|futures|commodit\w+")
_MARKET_SENTENCE = regexstore.compile(
    rf"\b(?:{_MARKET_WORDS})\b[^.;!?]{{0,120}}?\b(?:record[\s-](?:highs?|lows?|levels?)|"
    rf"all[\s-]time\s+(?:highs?|lows?)|record[\s-]breaking)\b"
    rf"|\b(?:record[\s-](?:highs?|lows?)|all[\s-]time\s+(?:highs?|lows?))\b[^.;!?]{{0,60}}?"
    rf"\b(?:against\s+the|{_MARKET_WORDS})\b",
    re.I)
# "the highest gainer in Frankfurt", "the biggest faller on the FTSE": a place in the day's
# market table, observed like the share move beside it.
_MARKET_RANK = regexstore.compile(
    r"^the\s+(?:biggest|highest|largest|top|best|worst|sharpest)\s+(?:gainers?|fallers?|risers?|"
    r"losers?|performers?)\b", re.I)
_SHARE_MOVE = regexstore.compile(
    r"\b(?:shares?|stocks?)\b[^.;!?]{0,80}?\b(?:up|down|rose|fell|gained|lost|jumped|slid|dropped|"
    r"climbed|added|shed|surged|slumped|soared|tumbled|rallied)\b", re.I)
# "given to the first million customers": a promotion's terms, not a claim to be first.
# "the first two women in the world to ..." is one, so only buyers of a product count.
_FIRST_BUYERS = regexstore.compile(
    r"^the\s+first\s+(?:[\d,.]+\s*(?:m\b|k\b)?|(?:[\d,.]+\s+|a\s+)?(?:hundred|thousand|million)|"
    r"one|two|three|four|five|six|seven|eight|nine|ten|twenty|fifty|few)\s*(?:hundred\s+|thousand\s+|"
    r"million\s+)?(?:customers|buyers|shoppers|subscribers|purchasers|visitors|callers|applicants|"
    r"orders|users)\b", re.I)
_TO_OR_FOR = regexstore.compile(r"\b(?:to|for)\s+$", re.I)
_BY_AGENT_AFTER = regexstore.compile(r"^[^.;]{0,60}?\bby\s+(?:the\s+)?(?:[a-z]+\s+){0,3}[A-Z]")


@register
class ClaimAbsolute(Rule):
    id = "claim-absolute"
    severity = Severity.INFO
    summary = "An absolute claim ('the world's first', 'unprecedented', 'a record high') with no source."
    description = (
        "Firsts, superlatives of world, national or historical scope ('the largest mobile firm "
        "in the country', 'the world's first', 'the harshest sanctions ever'), "
        "'unprecedented', 'never before' and record levels ('record low support') are claims "
        "a fact-checker would have to verify. They need a source within reach, as for "
        "statistics: the same sentence ('according to Guinness World Records', 'the ministry "
        "said'), a neighbouring sentence that points back, or a release the paragraph "
        "continues. A claim inside a direct quotation is the speaker's, a verdict is its "
        "judge's ('named the best band of all time in a poll', '... by Mobile PC'), a ranking "
        "in a paragraph that goes on reporting 'the figures' of an official release named above "
        "is the release's, and market data is observed ('the dollar fell to a record low "
        "against the euro', 'shares were up 3%, the highest gainer in Paris').\n\n"
        "Not absolute claims: personal or internal firsts ('her first TV appearance', 'for the "
        "first time' without 'ever' or 'in history'), sequences ('the first half', 'the first "
        "round in Oslo'), a promotion's terms ('free to the first million buyers'), hedges ('one of the largest in the region'), idioms ('for the most "
        "part'), award categories ('best actress'), opinion ('I think it is the best film "
        "ever', 'has got to be one of the most useful gadgets ever'), negations ('not the first time') and periods ('the only operators until "
        "1993'). Headings and headlines are skipped: the body carries the source."
    )
    options: dict[str, Any] = {}
    examples_flag = (
        "It is the longest bridge ever built.\n",
        "The new device is the world's first foldable e-reader.\n",
        "House prices reached a record high in March.\n",
        "The flooding was unprecedented.\n",
        "Never before has a village team reached the final.\n",
        # Merger consequences are unsourced rankings, not deal terms.
        "The merger would create the biggest ferry operator in Europe.\n",
        # A first next to dates and a named spokesman who does not vouch for it.
        "The first ever call over a car phone was made in 1971. Harbour Mobile opened its own "
        "network in 1985, said Ana Ruiz, a spokeswoman.\n",
        # Firsts of people, not a promotion's buyers.
        "They were the first two women in the world to row across the ocean.\n",
        # "The figures" of a person, not of an official release.
        "Harbour Prices Slow\n\nFlat prices rose 4% in the year, Ana Ruiz said. Sales fell by a "
        "tenth.\n\nBuyers are waiting for the spring.\n\nThe biggest annual gains were made in "
        "Nordby, where prices were up by 12%. The figures point to a cooling market.\n",
        # A ranking with no share move beside it.
        "Harbour Bank is the biggest loser in the country, as its rivals grow.\n",
    )
    examples_pass = (
        "It is the longest bridge ever built, according to Guinness World Records.\n",
        "It is one of the biggest in the region, and the best film I have ever seen.\n",
        "The band was named the best of all time in a listeners' poll run by Radio Nord.\n",
        "House prices reached a record high in March, the Land Registry said.\n",
        "\"The flooding was unprecedented,\" said Mayor Ana Ruiz.\n",
        "Sales rose in the first half of the year and the team scored first.\n",
        "She has a criminal record and a poor track record, and he set a world record.\n",
        "It was the largest room in the house.\n",
        # A ranking within an official release the paragraph goes on reporting.
        "Harbour Prices Slow\n\nFlat prices rose 4% in the year, the Land Registry said. Sales "
        "fell by a tenth.\n\nBuyers are waiting for the spring.\n\nThe biggest annual gains were "
        "made in Nordby, where prices were up by 12%. The figures point to a cooling market.\n",
        "Harbour Trust's shares were up 2.1% at 14 euros, the highest gainer in Nordby.\n",
        "The game will be given free to the first million buyers in the US.\n",
        "The paper clip has got to be one of the most useful inventions ever.\n",
    )

    def check(self, doc: Any, ctx: Context) -> Iterable[Hit]:
        prose = doc.prose
        article = article_attribution(doc, tuple(getattr(ctx.register, "cite_names", ()) or ()))
        reported: set[int] = set()
        for m in _absolute_phrases(prose, article.sentences):
            i = article.sentence_index(m.start())
            if i is None or i in reported:
                continue
            sentence = article.sentences[i]
            if sentence.paragraph in article.titles:
                continue
            para = doc.paragraphs[sentence.paragraph]
            if not _is_claim(prose, m, sentence.start, para):
                continue
            if article.in_quote(m.start(), m.end()) or article.reach(i, m.start(), m.end(), figure=False):
                continue
            if _MARKET_SENTENCE.search(prose, sentence.start, sentence.end):
                continue  # record highs and lows of prices are market data
            if _MARKET_RANK.match(m.group()) and _SHARE_MOVE.search(prose, sentence.start, sentence.end):
                continue  # "shares were up 3.4%, the highest gainer in Frankfurt"
            reported.add(i)
            phrase = " ".join(m.group().split())
            yield Hit(m.start(), m.end(),
                      f"Absolute claim '{phrase}' has no source: say who established it "
                      f"('according to ...', '... said') or link the evidence.",
                      context=prose[sentence.start:sentence.end])


def _absolute_phrases(prose: str, sentences: Any) -> Iterator[re.Match[str]]:
    """_ABSOLUTE's matches in the sentences that hold one of _ABSOLUTE_WORDS.

    The words are found once in the whole lower-cased text, with ``str.find``, which
    is several times faster than the alternation searched sentence by sentence. That
    needs the lower-cased text to line up with ``prose`` (no "İ"); otherwise each
    sentence is lower-cased and tested on its own.
    """
    lowered = prose.lower()
    if len(lowered) != len(prose):
        for sentence in sentences:
            if _ABSOLUTE_WORD.search(prose[sentence.start:sentence.end].lower()):
                yield from _ABSOLUTE.finditer(prose, sentence.start, sentence.end)
        return
    found = _absolute_words(lowered)
    starts = [s for s, _ in found]
    for sentence in sentences:
        i = bisect.bisect_left(starts, sentence.start)
        while i < len(found) and found[i][0] < sentence.end:
            if found[i][1] <= sentence.end:
                yield from _ABSOLUTE.finditer(prose, sentence.start, sentence.end)
                break
            i += 1


def _absolute_words(lowered: str) -> list[tuple[int, int]]:
    """Every place (start, end) where one of _ABSOLUTE_WORDS occurs, overlaps too, in order."""
    found = []
    for word in _ABSOLUTE_WORDS:
        n, i = len(word), lowered.find(word)
        while i >= 0:
            found.append((i, i + n))
            i = lowered.find(word, i + 1)
    found.sort()
    return found


def _is_claim(prose: str, m: re.Match[str], sentence_start: int, para: Any) -> bool:
    """Whether an absolute phrase claims something of the world, not a view or a hedge."""
    before = prose[max(para.start, m.start() - 30):m.start()]
    if _AWARD.match(m.group()) or _NEGATED.search(before[-12:]):
        return False
    if _HEDGED_BEFORE.search(before[-12:]) and not _EVER.search(m.group()):
        return False
    if _PERSONAL_EVER.search(m.group()) or _VERDICT_BEFORE.search(before):
        return False
    if _BY_AGENT_AFTER.match(prose[m.end():min(para.end, m.end() + 120)]):
        return False
    sentence_end = prose.find("\n", m.end())
    rest = prose[m.end():para.end if sentence_end < 0 else min(para.end, sentence_end)]
    if _OPINION.search(prose, max(para.start, sentence_start - 1), m.start()) or _HYPOTHETICAL.search(before):
        return False
    if _WISH_OR_LIST.search(before) or _THIS_SEASON.match(rest):
        return False  # "want to be the biggest band ever"; "the fastest 60m in the world this year"
    if m.group().lower().startswith("the only") and re.match(r"[^.;!?]{0,80}\buntil\b", rest):
        return False  # "the only operators until 1993": a period, not an absolute
    if _FIRST_BUYERS.match(m.group()) and _TO_OR_FOR.search(before):
        return False  # "free to the first million customers": a promotion's terms
    if m.group().lower().startswith("for the first time"):
        return not _PERSONAL.search(prose, max(sentence_start, m.start() - 80), m.start())
    return True
