"""Direct quotations need a speaker the reader can see.

A quotation with nobody saying it reads as the writer's own claim in
someone else's voice, or as a quote whose speaker was cut in editing. News
copy names the speaker in the quote's own sentence, the one before ("He
said:") or the one after ("..., she added."), and a long quotation runs on
over several sentences or paragraphs under one speaker. So quotations are
grouped into *runs* of consecutive sentences that carry a quotation, and a
run is attributed when any of its sentences, or the sentence just before or
after it, has a speaker cue outside the quotation marks.

News style also names speakers in ways no rule book lists, and a false alarm
on a properly sourced quote costs more than a miss, so these count too
(each seen in BBC copy): a person put forward in the sentence before
("McIlroy is brimming with confidence." then the quote), a reporting verb
earlier in the same paragraph ("Mr Dein said that ..."), a colon or a label
before the quote ("- Bolton boss Sam Allardyce "I am ..."), a dash credit
after it ('"..." ― Carla Sanchez'), and a run that follows an attributed
run within five sentences (the same speaker, carrying on).

Only quotations of a sentence or more count. Scare quotes and mentions
("'open weights'", "the so-called 'lead goose effect'") are short phrases;
titles ("the film 'Four Weddings and a Funeral'") are title-case or follow
a naming word; neither is a quotation.
"""

from __future__ import annotations

import bisect
import re
from typing import Iterable

from factlint.analyses.quotations import Quotation, quotations
from factlint.document import Document, Sentence
from factlint.findings import Hit, Severity
from factlint.records import field, record
from factlint.rules.base import Context, Rule, register
from factlint import regexstore

_WORDS = regexstore.compile(r"[\w’'-]+")
_SMALL_WORDS = frozenset("a an the and or but of in on at to for by with from as is are was".split())
# A quotation that is then said to be a slogan or a message: '"Say no" was the slogan'.
_NAMED_AFTER = regexstore.compile(
    r"[\s,]*(?:is|was|has\s+been|had\s+been|became|becomes|remains)\s+(?:(?:the|this|that|its|their|"
    r"his|her|our|a|an)\s+)?(?:[\w'’-]+\s+){0,4}?(?:slogan|motto|message|theme|title|talking\s+point|"
    r"catchphrase|headline|name|tagline|mantra|refrain|question|watchword|rallying\s+cry)\b",
    re.I,
)
# Words that introduce a title or a mention rather than speech, "_" standing for white
# space: "the film 'Four Weddings'", "known as 'the Boss'", "signs saying 'No'".
_NAMING_WORDS = """
    called titled entitled named dubbed headlined headed labelled labeled branded known_as
    so-called nicknamed billed_as marketed_as slogan motto catchphrase hashtag phrase term words
    expression headline title caption banner placard sign song single album track film movie
    book novel play musical show series programme program sitcom episode poem painting campaign
    lyric lyrics chant chanting chanted reading read sign_saying signs_saying
""".split()
# The naming words ending a text (then "of", "as", "is", "was", ":" or ","), matched at the
# start of the text reversed: one attempt instead of a search tried at every character.
_NAMING_REVERSED = regexstore.compile(
    r"\s*(?:fo|sa|si|saw|:|,)?\s*(?:"
    + "|".join(w[::-1].replace("_", r"\s+") for w in _NAMING_WORDS) + r")\b",
    re.I,
)


def _names_next(before: str) -> bool:
    """Whether ``before`` ends with a word that introduces a title or a mention."""
    return _NAMING_REVERSED.match(before[::-1]) is not None


# Speech cues: single words are looked up in a set (one findall per sentence,
# instead of a 200-way alternation tried at every character), phrases by regex.
_SPEECH_WORDS = frozenset("""
    said says saying say told tells telling tell added adds adding asked asks asking explained
    explains explaining insisted insists wrote writes writing written continued continues warned
    warns argued argues arguing claimed claims claiming stated states noted notes recalled recalls
    recalling admitted admits joked jokes urged urges declared declares announced announces
    replied replies responded responds commented comments spoke speaks speaking smiles smiled
    grins grinned laughs laughed shrugs shrugged nods nodded remembers remembered believe believes
    believed think thinks thought hopes hoped feels felt calculated estimated estimates found
    finds showed shows concluded concludes remarked remarks observed observes conceded concedes
    acknowledged acknowledges confirmed confirms revealed reveals tweeted tweets posted posts
    quipped shouted described describes describing called calls calling cried exclaimed whispered
    sighed maintained maintains predicted predicts reckons reckoned suggested suggests boasted
    boasts complained complains agreed agrees countered counters stressed stresses emphasised
    emphasized emphasises emphasizes mused wondered pleaded promised promises vowed vows accused
    accuses praised praises hailed condemned criticised criticized welcomed welcomes informed
    assured reminded testified cautioned demanded demands proclaimed reported reports quoted
    quoting quotes quote recounted recounts answered answers retorted snapped yelled screamed
    murmured chimed interjected elaborated elaborates confided confessed confesses spokesman
    spokeswoman spokesperson statement interview testimony memo letter email e-mail speech
    tweet blog column reads read
""".split())
_SPEECH_PHRASE = regexstore.compile(
    r"\b(?:pointed\s+out|points\s+out|went\s+on|goes\s+on|put\s+it|puts\s+it|summed\s+up|"
    r"according\s+to|in\s+a\s+statement|in\s+an\s+interview|in\s+(?:his|her|their|its)\s+words)\b",
    re.I,
)
_SPEECH_TOKEN = regexstore.compile(r"[A-Za-z][a-z-]*")


def _speech_cue(text: str) -> bool:
    if not _SPEECH_WORDS.isdisjoint(map(str.lower, _SPEECH_TOKEN.findall(text))):
        return True
    return bool(_SPEECH_PHRASE.search(text))


_SAID = regexstore.compile(
    r"\b(?:said|says|told|tells|added|adds|explained|explains|wrote|writes|according\s+to|"
    r"insisted|insists|recalled|recalls|argued|argues|stated|states|asked|replied|warned)\b",
    re.I,
)
# An epigraph-style credit after a quotation: '"..." ― Carla Sanchez'.
_DASH_CREDIT = regexstore.compile(r"[ \t]*[―—–-]+[ \t]*[A-Z]")
# A credit after the quotation in the original text: a dash line below it ("- Ana Ruiz"),
# or a bracketed source ("[Harbour Gazette]", "(Reuters)").
_CREDIT_AFTER = regexstore.compile(
    r"[ \t\"”’']*(?:\r?\n[ \t]*){1,2}[―—–-]+[ \t]*[A-Z]"
    r"|[ \t]*(?:\[[A-Z][^\]\n]{1,60}\]|\((?:[A-Z][\w.&'’-]*[ \t]*){1,5}\))")
# A person put forward as the subject: a personal pronoun, an honorific, or a
# name directly followed by a verb ("Collins was sixth", "Ruddock, though, is").
_PERSON = regexstore.compile(
    r"\b(?:[Hh]e|[Ss]he|[Hh]is|[Hh]er|[Hh]im)\b"
    r"|\b(?:Mr|Mrs|Ms|Miss|Dr|Prof|Sir|Lord|Lady|Dame|Rev)\.?\s+[A-Z]"
    r"|(?<![\w'’-])(?!(?:It|This|That|There|These|Those|What|Which|Here|The|A|An|And|But|So|If|"
    r"In|On|At|As|For|When|While|Although|Though|After|Before|With|By|From)\b)"
    r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*(?:,\s*[^,.]{1,60},)?\s+(?:\w+ly\s+)?"
    r"(?:is|was|has|had|will|would|can|could|says|feels|felt|believes|hopes|thinks|thought|looks|"
    r"remains|wants|admits|insists|knows|knew|seems|appears|reckons|expects|still|also|now|"
    r"remembers|recalls|accepts|agrees|tells|told|spent|won|lost|made|took|came|went|gave|got|"
    r"beat|ran|saw|kept|left|led|met|paid|set|became|began|broke|brought|built|chose|drew|"
    r"fell|found|grew|held|heard|meant|rose|sold|sent|shot|stood|struck|understood|\w+ed)\b"
)
# A speaker label right before a quotation: "- Bolton boss Sam Allardyce "I am ..."".
_LABEL = regexstore.compile(r"^[\s\-–—•*:]*(?:[\w'’.-]+\s+){0,5}[A-Z][\w'’.-]+\s*$")


def is_quotation(prose: str, q: Quotation, min_words: int) -> bool:
    """Whether a quoted span is speech of a sentence or more, not a scare quote or a title.

    A quotation that starts in lower case and does not end a sentence is a
    partial quotation of a phrase ("the rules reward 'continued creativity'"),
    not a sentence: it is left alone however long it is.
    """
    text = q.content(prose)
    words = _WORDS.findall(text)
    if len(words) < min_words:
        return False
    if _names_next(prose[max(0, q.start - 40):q.start]) or _NAMED_AFTER.match(prose, q.end):
        return False
    if len(words) <= 12 and _title_case(words):
        return False  # a title or a name in title case
    first = _WORD_CHAR.search(text)
    return bool(first and first.group().isupper()) or bool(_SENTENCE_END.search(text))


_WORD_CHAR = regexstore.compile(r"\w")
_SENTENCE_END = regexstore.compile(r"[.!?…]\W*$")


def _title_case(words: list[str]) -> bool:
    """Whether most words that are not small words are capitalised, as in a title."""
    big = [w for w in words if w.lower() not in _SMALL_WORDS]
    return bool(big) and sum(w[:1].isupper() for w in big) >= 0.7 * len(big)


@register
class QuoteUnattributed(Rule):
    id = "quote-unattributed"
    severity = Severity.WARNING
    summary = "A direct quotation with no speaker in or next to its sentence."
    description = (
        "A quotation of a sentence or more (straight or curly, double or single quotes) needs "
        "a speaker cue ('she said', 'told the BBC', 'according to', 'in a statement', "
        "'Mr Smith:') outside the quotation marks in its own sentence, the sentence before or "
        "the sentence after. A quotation that runs on over several sentences or paragraphs "
        "belongs to the speaker named anywhere in that run, and one that follows an attributed "
        "quotation within five sentences continues that speaker. As news copy does, a person "
        "put forward in the sentence before ('Collins was sixth in Athens.'), a reporting verb "
        "earlier in the paragraph, a colon or a name label before the quotation and a dash "
        "credit after it ('\"...\" ― Carla Sanchez') also name the speaker.\n\n"
        "Not quotations: scare quotes and mentions of a word or short phrase (fewer than "
        "`min_words` words), titles (in title case, or after 'the film', 'called', 'titled', "
        "'the slogan'), and a single-quoted phrase inside a double-quoted quotation."
    )
    options = {"min_words": 5}
    examples_flag = (
        "The plan was shelved in March.\n\n\"We cannot afford to build it now, and nobody will "
        "pay for it later.\"\n",
        "Ticket prices rose again. 'It is simply too expensive for families,' is the view in "
        "town.\n",
        "The council met on Tuesday. “Nobody told us about the closure. We found out from the "
        "paper.” The meeting ended at nine.\n",
    )
    examples_pass = (
        "\"We cannot afford to build it now,\" said Ana Ruiz, the council leader.\n",
        "Ana Ruiz, the council leader, spoke after the vote.\n\n“We cannot afford to build it "
        "now. Nobody will pay for it later. It is over.”\n",
        "He told the committee: “The numbers do not add up.”\n",
        "\"We cannot afford it,\" she said. \"Nobody will pay for it later. The money is "
        "gone.\" The vote was close.\n",
        "Writers call such models 'open weights' rather than 'open source'.\n",
        "Xi spoke of the 'lead goose effect' in 2018.\n",
        "The band played 'Don't Look Back In Anger' to close the show.\n",
        "Critics of the so-called 'Southbound Pivot' say little.\n",
        "Collins was sixth in Athens last year.\n\n\"This will be a big year for me and I plan "
        "to defend my title.\"\n",
        "“We need better buses in this town, and we need them now.” ― Carla Mendes, a "
        "commuter\n",
    )

    def check(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        min_words = int((ctx.options or {}).get("min_words", 5))
        prose = doc.prose
        sentences = doc.sentences
        quotes: list[Quotation] = []
        for para in doc.paragraphs:
            quotes.extend(quotations(doc, para))
        if not quotes or not sentences:
            return
        for run in _runs(doc, quotes, min_words):
            if not run.speech or run.attributed:
                continue
            for q in run.speech:
                text = " ".join(q.content(prose).split())
                shown = text if len(text) <= 50 else text[:48].rsplit(" ", 1)[0].rstrip(",;:") + "..."
                yield Hit(q.start, q.end,
                          f"Quotation '{shown}' has no speaker: say who said it in this sentence, "
                          f"the one before or the one after ('..., she said', 'according to ...').",
                          context=prose[q.start:q.end])


@record
class _Run:
    """Consecutive sentences that carry quotations, and whether a speaker covers them."""

    lo: int
    hi: int
    quotes: list[Quotation]
    attributed: bool = False
    # The quotations that are speech of a sentence or more, not scare quotes or titles.
    speech: list[Quotation] = field(default_factory=list)


def _runs(doc: Document, quotes: list[Quotation], min_words: int) -> list[_Run]:
    prose, sentences = doc.prose, doc.sentences
    starts = [s.start for s in sentences]
    runs: list[_Run] = []
    for q in quotes:
        i = max(0, bisect.bisect_right(starts, q.start) - 1)
        j = max(i, bisect.bisect_left(starts, q.end) - 1)
        if runs and i <= runs[-1].hi + 1:
            runs[-1].hi = max(runs[-1].hi, j)
            runs[-1].quotes.append(q)
        else:
            runs.append(_Run(i, j, [q]))
    cue: dict[int, bool] = {}

    def speech(k: int) -> bool:
        if not 0 <= k < len(sentences):
            return False
        if k not in cue:
            s = sentences[k]
            cue[k] = _has_speaker(prose, s.start, s.end, quotes)
        return cue[k]

    previous: _Run | None = None
    for run in runs:
        run.speech = [q for q in run.quotes if is_quotation(prose, q, min_words)]
        if not run.speech:
            continue  # scare quotes and titles: nothing to report, no speaker to carry on
        first = sentences[run.lo]
        para = doc.paragraphs[first.paragraph]
        earlier = range(run.lo - para.sentences.index(first), run.lo)  # this paragraph's, before it
        prev = run.lo - 1
        before_quote = prose[first.start:run.quotes[0].start] if run.quotes[0].start > first.start else ""
        run.attributed = (
            any(speech(k) for k in range(prev, run.hi + 2))          # its sentences and neighbours
            or (prev >= 1 and _said(prose, sentences[prev - 1], quotes))  # "X said ..." just before
            or any(speech(k) for k in earlier)                       # "X said that ..." earlier on
            or (prev >= 0 and _introduces(prose, sentences[prev].start, sentences[prev].end, quotes))
            or bool(_PERSON.search(before_quote) or _LABEL.match(before_quote))
            or prose[para.start:run.quotes[0].start].rstrip().endswith(":")
            or any(_DASH_CREDIT.match(prose, q.end) or _CREDIT_AFTER.match(doc.text, q.end)
                   for q in run.quotes)
            or (previous is not None and previous.attributed and run.lo - previous.hi <= 5)
        )
        previous = run  # only speech carries a speaker on; scare quotes do not
    return runs


def _outside(prose: str, start: int, end: int, quotes: list[Quotation]) -> str:
    """text[start:end] with quotations blanked out."""
    parts, pos = [], start
    for q in quotes:
        if q.end <= start or q.start >= end:
            continue
        parts.append(prose[pos:max(pos, q.start)])
        pos = max(pos, q.end)
    parts.append(prose[pos:end] if pos < end else "")
    return " ".join(parts)


def _has_speaker(prose: str, start: int, end: int, quotes: list[Quotation]) -> bool:
    """A speech cue in text[start:end] outside the quotation marks."""
    return _speech_cue(_outside(prose, start, end, quotes))


def _said(prose: str, sentence: Sentence, quotes: list[Quotation]) -> bool:
    """A plain reporting verb ("said", "told", "according to") outside quotation marks."""
    return bool(_SAID.search(_outside(prose, sentence.start, sentence.end, quotes)))


def _introduces(prose: str, start: int, end: int, quotes: list[Quotation]) -> bool:
    """Whether a sentence puts a person forward as the next quotation's speaker:
    "McIlroy is brimming with confidence.", "His main concern is privacy."."""
    return bool(_PERSON.search(_outside(prose, start, end, quotes)))

