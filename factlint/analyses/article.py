"""Attribution at the level of the article: who vouches for each sentence, and how far.

An editor does not read sentence by sentence. A figure is sourced when a
reader would connect it to a source (GUIDELINES "Reach"): one named in its
own sentence, in the sentence before or after it in the same paragraph
(across a paragraph break when news copy gives a sentence a paragraph of its
own), in the paragraph before when this one continues it ("The poll also
found ..."), or a named poll, survey or report introduced anywhere above that
the sentence points back to ("the survey", "respondents", "the same poll").

This module computes that once per Document (``article_attribution``), and
every fact rule reads the same result, so four rules no longer re-run the
sentence analysis on the same paragraph. The sentence-level cues come from
``factlint.analyses.sources``; this module only decides reach.
"""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING, Iterator, Sequence

from factlint.analyses.patterns import by_first_letter, first_letters
from factlint.analyses.sources import Attribution, continues, iter_paragraph, quoted_spans
from factlint.quantities import Quantity, find_statistics
from factlint import regexstore
from factlint.records import record

if TYPE_CHECKING:
    from factlint.document import Document

__all__ = ["ArticleAttribution", "Reach", "article_attribution", "is_headline", "is_person"]

# A headline: one short line with no closing punctuation. It summarises the body below.
_HEADLINE = regexstore.compile(r"(?:[^\n.!?:;]|(?<=\d)[.:](?=\d)){1,120}(?<![.!?:;\"”’)])\s*")
_TITLE_WORD = regexstore.compile(r"[A-Z0-9$£€“\"'‘]")
_SMALL_WORDS = frozenset("a an the and or but of in on at to for by with from as vs".split())

# Documents whose findings later sentences may continue without naming them again.
_DOCUMENT_NOUNS = (r"poll|polling|survey|study|report|research|census|data|figures|"
                   r"analysis|index|audit|review|estimates?|tally|count")
_DOCUMENT_NOUN = regexstore.compile(
    rf"\b(?=[{first_letters(_DOCUMENT_NOUNS)}])(?P<noun>{_DOCUMENT_NOUNS})\b(?!\s+(?:said|says))", re.I)
# "the survey", "the same poll", "this report", "its data": a pointer back to a document.
_BACK_TO_DOCUMENT = regexstore.compile(
    r"\b(?:the|this|that|these|its|their|same|latest|new)\s+(?:[\w/-]+\s+){0,2}?"
    r"(?P<noun>poll|polls|survey|study|report|research|census|data|figures|analysis|index|"
    r"audit|review|estimates?|tally|sample|list)\b"
    r"|\b(?P<people>respondents|those\s+(?:polled|surveyed|questioned|asked|interviewed)|"
    r"(?:voters|people|adults|Americans|Britons|users|customers|participants)\s+"
    r"(?:polled|surveyed|questioned|asked|interviewed|sampled))\b",
    re.I)
# What a poll reports: shares of people choosing, saying, supporting.
POLL_RESULT = regexstore.compile(
    r"\b(?:said|say|says|would|will|plan|expect|expects|support|supports|supported|back|backs|"
    r"favou?r|favou?rs|oppose|opposes|approve|approves|disapprove|prefer|prefers|agree|agreed|"
    r"disagree|lead|leads|led|leading|trail|trails|ahead|behind|tied|choose|chose|vote|voted|"
    r"voters?|respondents|electorate|approval|rating|margin|percentage\s+points?|points?)\b",
    re.I)
# A person, not a body: "Leslie Wimes", "Mr Jain", "she". "The MPAA said" names an
# organisation, which does not answer "some believe" or "experts say".
_PERSON = regexstore.compile(
    r"^(?:he|she|(?:(?:Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Gen|Sir|Lord|Lady)\.?\s+)?"
    r"(?:[A-Z][a-z]+(?:[-’'][A-Za-z]+)?\.?\s+){0,3}[A-Z][a-z]+(?:[-’'][A-Za-z]+)?|"
    r"(?:[\w-]+\s+){0,5}(?:Mr|Mrs|Ms|Dr|Sen\.|Rep\.)\s+[A-Z][a-z]+)$")
_BODY = regexstore.compile(
    r"^(?:the|a|an)\s|\b(?:Agency|Association|Council|Committee|Party|Campaign|Department|"
    r"Ministry|Office|Bank|Group|Institute|University|Trust|Union|Commission|Authority|Board|"
    r"Service|Corporation|Company|Inc|Ltd|News|Times|Post|Police|Court|Foundation|Centre|Center|"
    r"Fund|Organi[sz]ation|Network|Research|Federation|Society|League|House|Senate|Congress|"
    r"Parliament|Government|Administration|Bureau|Exchange|Forum|Alliance|Coalition)\b")


# A later sentence that says where the figures before it came from.
_DATA_BACK = regexstore.compile(
    r"\b(?:the|these|those|its|latest|new|official)\s+(?:\w+\s+){0,2}?(?:figures|data|numbers|"
    r"statistics|report|survey|study|research|results|estimates?|release|index)\b"
    r"|^[\s“\"]*(?:This|That|These|Those)\s+(?:equated|equates|means|meant|represents|represented|"
    r"compares|compared|is|was|were|are)\b", re.I)
# A paragraph that talks of "the figures" as already known: it goes on reporting a release.
_RELEASE_BACK = regexstore.compile(
    r"\b(?:the|these|those|today['’]s|official)\s+(?:official\s+|latest\s+|new\s+|government\s+)?"
    r"(?:figures|statistics)\b", re.I)
_PRONOUN_SOURCE = regexstore.compile(r"^(?:it|they|he|she|this|that|these|those|we)\b", re.I)
# The first person singular outside quotation marks: a reader's comment or a writer's own
# experience ("I have been scammed of £139", "my bill rose to £320").
_FIRST_PERSON = regexstore.compile(r"\b(?:[Mm]y|me)\b|\bI(?:['’](?:m|ve|d|ll))?(?=\s+[a-z])")
# People by role: "a senior Finance Ministry official", "the bank's chief executive".
_PERSON_ROLE = regexstore.compile(
    r"\b(?:official|officials|spokesman|spokeswoman|spokesperson|spokesmen|chief|minister|director|"
    r"analyst|economist|executive|chairman|chairwoman|chair|president|secretary|head|boss|"
    r"manager|adviser|advisor|aide|source|sources|expert|professor|lawyer|founder|governor|"
    r"commissioner|officer|editor|researcher|strategist|leader|member|mp|senator|"
    r"representative)s?$", re.I)
# A body named for what it serves, whose name may end in a role word: "the Office of the
# Deputy Prime Minister", "the Department for Work and Pensions". Its head is the institution.
_INSTITUTION_OF = regexstore.compile(
    r"(?:the\s+)?(?:[A-Z][\w'’&-]*\s+){0,3}(?:Office|Department|Ministry|Bureau|Agency|"
    r"Commission|Directorate|Secretariat)\s+(?:of|for)\s+[A-Z\w]")
# Bodies whose statements are data releases: "the Office for National Statistics said".
_OFFICIAL = regexstore.compile(
    r"\b(?:Office|Statistics|Statistical|Bureau|Agency|Department|Ministry|Commission|Institute|"
    r"Registry|Survey|Authority|Fund|Bank|Treasury|Census|Federation|Association|Council|"
    r"statistics\s+office|statistical\s+office|central\s+bank|ministry|department)\b")
# A release of measurements, not a view: "OneStat.com has reported that ...", "... found that".
# "Celltick has found a way to ..." releases nothing: the verb must take a "that" clause.
_MEASURE_CUES = frozenset({"reported", "reports", "found", "finds", "showed", "shows", "measured",
                           "recorded", "calculated", "counted", "tallied", "compiled"})
_RELEASE_THAT = regexstore.compile(
    r"[\s,]*(?:(?:has|have|had|also|now)\s+)*(?:reported|reports|found|finds|showed|shows|"
    r"measured|recorded|calculated|counted|tallied|compiled)\s+that\b")
# Names the measured sentence shares with the release: "Firefox ... IE" then "IE's share".
_NAME = regexstore.compile(r"(?<![\w.])[A-Z][\w.&-]*[A-Za-z]")
_SENTENCE_OPENERS = frozenset("""
    The A An This That These Those It Its In On At For But And While Although However When
    After Before Since As If Of By With From Meanwhile Last Next
""".split())
# A pointer back to a register named above: "McDonald's are listed as donating £10,575".
# The gate is the plain word, so most paragraphs skip the pattern.
_REGISTER_BACK = regexstore.compile(r"\b(?:is|are|was|were)\s+(?:also\s+)?listed\s+as\b")
# Verbs of a view rather than a release of figures.
_OPINION_CUES = frozenset({
    "believes", "believe", "believed", "thinks", "think", "thought", "argues", "argue", "argued",
    "fears", "fear", "feared", "hopes", "wants", "wanted", "contends", "contend", "reckons",
    "reckon", "reckoned", "insists", "insisted", "insist", "warned", "warns", "warn", "claims",
    "claimed", "claim", "agree", "agrees",
})
# A company's own results, reported in the story: its later figures are the same release.
_RESULT_WORDS = r"profits?|results|earnings|sales|revenues?|turnover|losses|loss|income"
_RESULTS = regexstore.compile(rf"\b(?:{_RESULT_WORDS})\b", re.I)
_COMPANY_BACK = regexstore.compile(
    r"\b(?:the\s+(?:\w+\s+)?(?:firm|company|group|bank|carmaker|airline|retailer|operator|chain|"
    r"giant|business|maker|insurer|brewer|publisher)|its|it)\b", re.I)
_NOUN_FAMILY = {
    "poll": "poll", "polls": "poll", "polling": "poll", "survey": "poll", "surveys": "poll",
    "sample": "poll", "study": "study", "research": "study", "report": "report",
    "census": "data", "data": "data", "figures": "data", "analysis": "study", "index": "data",
    "audit": "report", "review": "report", "estimate": "data", "estimates": "data",
    "tally": "data", "count": "data", "list": "list",
}
# A paragraph that reads from a named list ("Other performers in the list included ...") gives
# its other figures from that list too: a ranking's entries continue it.
_LIST_AFTER = regexstore.compile(r"['’]?s?(?:\s+[\w-]+){0,3}?\s+(?:list|List)\b")
# A word without which a sentence introduces no document (a document noun, a list, a
# register's keeper, a company's results): the other sentences need no analysis for it.
# Searched in lower-cased text; it may find more than the patterns it stands for, never less.
_INTRODUCING = [*_DOCUMENT_NOUNS.split("|"), *_RESULT_WORDS.split("|"),
                "list", r"listed\s+by", r"registered\s+with", r"filed\s+with"]
_MAY_INTRODUCE = rf"\b(?=[{first_letters(_INTRODUCING)}])(?:{by_first_letter(_INTRODUCING)})\b"
_MAY_INTRODUCE_LOWER = regexstore.compile(_MAY_INTRODUCE)
_MAY_INTRODUCE_ANY_CASE = regexstore.compile(_MAY_INTRODUCE, re.I)  # where lower() moves offsets
_FROM_LIST = regexstore.compile(
    r"\b(?:in|on|of|from|tops?|topped|heads?|headed|entry|entries)\s+the\s+(?:[\w-]+\s+){0,2}?list\b",
    re.I)


# A survey's sample, the survey describing itself: "based on a survey of 10,227 firms", "9,000
# business leaders in 104 countries were surveyed for <the report>".
_SAMPLE_WORD = regexstore.compile(r"(?i:survey|poll|questio|interview|sampl|canvass|census|study)")
_SAMPLE_NOUNS = "survey|poll|study|questionnaire|sample|census|canvass"
_SAMPLE_BEFORE = regexstore.compile(
    rf"\b(?=[{first_letters(_SAMPLE_NOUNS)}])(?:{_SAMPLE_NOUNS})\s+of\s+"
    r"(?:(?:about|around|some|nearly|almost|more\s+than|over|roughly|just\s+over|just\s+under)\s+)?$", re.I)
_SAMPLE_AFTER = regexstore.compile(
    r"(?:\s+[\w,-]+){0,6}?\s+(?:were|was|have\s+been|had\s+been|are|being)\s+"
    r"(?:surveyed|polled|questioned|interviewed|sampled|canvassed)\b", re.I)
# A document named in the sample's own sentence: "The Tankan index is based on ...",
# "... were surveyed for Business and Health", "... polled by Gallup".
_NAMES_DOCUMENT = regexstore.compile(
    r"\b(?!(?:The|A|An|This|That|Its|Their|New|Latest|Annual|Our|Each|Every)\b)[A-Z][\w&.'’-]*\s+"
    r"(?:index|survey|poll|study|report|census|barometer|monitor)\b"
    r"|\b(?:surveyed|polled|questioned|interviewed|sampled)\s+(?:for|by)\s+(?:the\s+)?[A-Z]")
# "..., the survey found": a paragraph that says so continues the survey named above. The gate,
# plain words, rules out most paragraphs before the case-insensitive pattern runs.
_FOUND_GATE = regexstore.compile(r"(?i:survey|poll|study|report)")
_DOCUMENT_FOUND = regexstore.compile(
    r"\b(?:the|this)\s+(?:same\s+)?(?P<noun>survey|poll|study|report)\s+(?:also\s+)?"
    r"(?:found|finds|showed|shows|revealed|reveals|suggested|suggests)\b", re.I)

# Who a survey's figures are about: "59% of those with broadband", "one in five US citizens".
_RESPONDENTS = regexstore.compile(
    r"\b(?:those\s+(?:who|with|aged|on|in|earning|living|polled|surveyed|questioned|asked)|people|"
    r"adults|citizens|users|parents|men|women|voters|consumers|customers|households|firms|"
    r"companies|businesses|respondents|Americans|Britons|readers|viewers|workers|employees)\b", re.I)
# News copy calls one survey "the study" and "the survey" in turn.
_FOUND_FAMILIES = {"poll": ("poll", "study"), "study": ("poll", "study"), "report": ("report", "study")}


@record(frozen=True)
class Reach:
    """The source a reader would connect a span with, and how it was reached.

    ``how`` is 'sentence', 'adjacent', 'paragraph' (a release the paragraph
    goes on reporting), 'paragraph-before', 'document' (a named poll or
    report introduced above), 'body' (a standfirst figure credited below) or
    'release' (a claim in a later paragraph that goes on about "the figures"
    of an official release named above).
    """

    attribution: Attribution
    how: str

    @property
    def named(self) -> bool:
        return self.attribution.named


@record(frozen=True)
class _Introduced:
    """A named document (poll, survey, report) and where the article introduced it."""

    family: str
    offset: int
    attribution: Attribution


class _ParagraphAttributions:
    """The sentences' own attributions, analysed when a rule first asks for them.

    The sentence analysis is most of a run's cost, and most paragraphs of news
    copy hold nothing a rule asks about (no figure, no vague cue): their
    sentences are never analysed. Paragraphs are independent and carry-over
    runs forward within one, so a paragraph is analysed up to the sentence
    asked for, and the result is the same as analysing everything.
    """

    def __init__(self, doc: "Document", sentences: Sequence, first: Sequence[int],
                 cite_as_names: Sequence[str]) -> None:
        self._doc = doc
        self._sentences = sentences
        self._first = first  # each paragraph's first sentence
        self._cite_as_names = cite_as_names
        self._slots: list[list[Attribution] | None] = [None] * len(sentences)
        self._going: dict[int, Iterator[list[Attribution]]] = {}  # by paragraph

    def __len__(self) -> int:
        return len(self._slots)

    def __getitem__(self, i: int) -> list[Attribution]:
        found = self._slots[i]
        if found is None:
            found = self._analyse_to(i)
        return found

    def _analyse_to(self, i: int) -> list[Attribution]:
        p = self._sentences[i].paragraph
        going = self._going.get(p)
        if going is None:
            para = self._doc.paragraphs[p]
            going = self._going[p] = iter_paragraph(
                self._doc.text, [(s.start, s.end) for s in para.sentences], prose=self._doc.prose,
                cite_as_names=self._cite_as_names, paragraph_end=para.end)
        k = i  # the paragraph's first sentence not yet analysed
        while k > self._first[p] and self._slots[k - 1] is None:
            k -= 1
        for j in range(k, i + 1):
            self._slots[j] = next(going)
        return self._slots[i]  # type: ignore[return-value]


class ArticleAttribution:
    """Sources per sentence of one Document, with the reach the guidelines give them."""

    def __init__(self, doc: "Document", cite_as_names: Sequence[str] = ()) -> None:
        self.doc = doc
        prose = doc.prose
        self.sentences = list(doc.sentences)
        self._starts = [s.start for s in self.sentences]
        self.quotes: list[tuple[int, int]] = []
        # The index of the first sentence of each paragraph in ``sentences``.
        self._first: list[int] = []
        count = 0
        for para in doc.paragraphs:
            self._first.append(count)
            count += len(para.sentences)
            self.quotes.extend(quoted_spans(prose, para.start, para.end))
        self.own = _ParagraphAttributions(doc, self.sentences, self._first, tuple(cite_as_names))
        self._quote_starts = [a for a, _ in self.quotes]
        # Headings and headline-like lines: titles that summarise a body carrying the sourcing.
        # So do the front matter's title, description and summary (headline and standfirst
        # metadata); the standfirst below stays the body's first paragraph.
        self.titles = frozenset(n for n, para in enumerate(doc.paragraphs)
                                if para.kind == "heading" or para.front_matter
                                or is_headline(prose, para.start, para.end))
        # The standfirst: the first paragraph with sentences that is not a title.
        self.lede = next((n for n, para in enumerate(doc.paragraphs)
                          if para.sentences and n not in self.titles), None)
        self._figures: dict[int, list] = {}
        self._found_in: dict[int, Attribution | None] = {}
        self._values: dict[int, dict[tuple, list[tuple[int, Quantity]]]] = {}
        self._respondents: dict[int, bool] = {}
        self._sample_words: dict[int, bool] = {}
        self._first_person: dict[int, bool] = {}
        self._introduced: list[_Introduced] | None = None

    @property
    def introduced(self) -> list[_Introduced]:
        """The named documents the article introduces, found when a rule first needs them."""
        if self._introduced is None:
            self._introduced = self._introduced_documents()
        return self._introduced

    # --- where things are ---------------------------------------------------------------

    def sentence_index(self, offset: int) -> int | None:
        i = bisect.bisect_right(self._starts, offset) - 1
        if i >= 0 and offset < self.sentences[i].end:
            return i
        return None

    def in_quote(self, start: int, end: int) -> bool:
        """Whether ``start:end`` lies inside a direct quotation (the speaker's words)."""
        i = bisect.bisect_right(self._quote_starts, start) - 1
        return i >= 0 and end <= self.quotes[i][1]

    def first_person(self, i: int) -> bool:
        """Whether sentence ``i``, or the first sentence of its paragraph, speaks in the first
        person singular outside quotations: a reader's comment or the writer's own experience,
        whose sums are an anecdote rather than a measurement. (A columnist's "the guides I
        wrote" late in a paragraph does not make the paragraph's figures personal.)"""
        first = self._paragraph_sentences(i).start
        return any(self._speaks_as_i(k) for k in {first, i})

    def _speaks_as_i(self, k: int) -> bool:
        found = self._first_person.get(k)
        if found is None:
            s = self.sentences[k]
            found = self._first_person[k] = any(
                not self.in_quote(m.start(), m.end())
                for m in _FIRST_PERSON.finditer(self.doc.prose, s.start, s.end))
        return found

    def paragraph_sentences(self, p: int) -> range:
        """The indexes in ``sentences`` of paragraph ``p``'s sentences."""
        first = self._first[p]
        return range(first, self._first[p + 1] if p + 1 < len(self._first) else len(self.sentences))

    def _paragraph_sentences(self, i: int) -> range:
        """The sentences of the paragraph that holds sentence ``i``."""
        return self.paragraph_sentences(self.sentences[i].paragraph)

    def _sentences_matching(self, pattern: "re.Pattern[str]", text: str) -> list[int]:
        """The sentences, in order, in which ``pattern`` matches ``text`` (the prose or a copy
        with the same offsets): one scan, not one search per sentence. Where a match runs
        across sentences, the sentences it spans are searched one by one, so the answer is
        what per-sentence searches give."""
        found: set[int] = set()
        for m in pattern.finditer(text):
            first = bisect.bisect_right(self._starts, m.start()) - 1
            last = bisect.bisect_right(self._starts, m.end() - 1) - 1
            if first == last and first >= 0 and m.end() <= self.sentences[first].end:
                found.add(first)
                continue
            for k in range(max(first, 0), last + 1):
                s = self.sentences[k]
                if k not in found and pattern.search(text, s.start, s.end):
                    found.add(k)
        return sorted(found)

    def figures_in(self, k: int) -> list:
        """The figures of sentence ``k``, found once: reach asks for them sentence by sentence."""
        found = self._figures.get(k)
        if found is None:
            s = self.sentences[k]
            found = self._figures[k] = find_statistics(self.doc.prose, s.start, s.end)
        return found

    # --- reach ----------------------------------------------------------------------

    def own_source(self, i: int, start: int, end: int) -> Attribution | None:
        """The sentence's own attribution that vouches for ``start:end``, named first."""
        for a in self.own[i]:
            if a.covers(start, end):
                return a
        return None

    def named_in(self, i: int) -> Attribution | None:
        """A named source of sentence ``i`` as a whole (not one inside a quotation)."""
        for a in self.own[i]:
            if a.named and not self.in_quote(a.start, a.end):
                return a
        return None

    def neighbours(self, i: int) -> list[int]:
        """Sentences a reader takes as the same passage: before and after in the paragraph,
        and across the break when either paragraph is a single sentence."""
        here = self._paragraph_sentences(i)
        out = [k for k in (i - 1, i + 1) if k in here]
        if i == here.start and i > 0:
            before = self._paragraph_sentences(i - 1)
            if len(here) == 1 or len(before) == 1:
                out.append(i - 1)
        if i == here.stop - 1 and i + 1 < len(self.sentences):
            after = self._paragraph_sentences(i + 1)
            if len(here) == 1 or len(after) == 1:
                out.append(i + 1)
        return out

    def _reaches_over(self, k: int, i: int) -> Attribution | None:
        """The named source of neighbour ``k`` if it carries over to sentence ``i``.

        A document (a survey, figures gathered by a firm, a report) vouches for
        the passage around it; a speaker only for the sentence that points
        back ("The figures come from ...", "That, she said, ...").
        """
        a = self.named_in(k)
        if a is None:
            return None
        later = self.sentences[max(i, k)]
        if continues(self.doc.prose, later.start, later.end):
            return a
        if k < i and self._is_document(k, a):
            return a
        return None

    def _is_data(self, k: int, a: Attribution) -> bool:
        """Whether ``a`` is a body's or a document's release of figures, not a person's view.

        An official body ("the statistical office said") releases data; anyone
        else's release must carry figures (or name a document): "Celltick has
        found a way to ..." credits nothing that later figures could continue.
        """
        if not a.inherited and _PRONOUN_SOURCE.match(a.source):
            return False  # "It even suggests ...": nobody named to carry on
        if self._is_document(k, a) or (_OFFICIAL.search(a.source) and not is_person(a.source)):
            return True
        if a.cue in _OPINION_CUES:
            return False  # "Mr Weiner believes ...": a view, not a release
        return any(a.covers(q.start, q.end) for q in self.figures_in(k))

    def _data_run(self, i: int) -> Attribution | None:
        """A release credited earlier in the paragraph (up to three sentences back, or in
        the sentence just before the paragraph break) that the sentence goes on
        reporting, until another source speaks (GUIDELINES: "same data, continues the
        paragraph")."""
        here = self._paragraph_sentences(i)
        for k in range(i - 1, max(here.start, i - 4) - 1, -1):
            a = self.named_in(k)
            if a is not None:
                return a if self._is_data(k, a) else None
        for k in range(i + 1, min(here.stop, i + 3)):  # "... The figures, the ONS said, ..."
            a = self.named_in(k)
            if a is not None:
                if self._is_data(k, a) and _DATA_BACK.search(self.doc.prose, self.sentences[k].start,
                                                             self.sentences[k].end):
                    return a
                break
        if here.start > 0:  # the sentence just before the break, if it released data
            k = here.start - 1
            a = self.named_in(k)
            if a is not None and self._is_data(k, a):
                return a
        return None

    def _is_document(self, k: int, a: Attribution) -> bool:
        # An inherited attribution ("It said ...") points into the sentence that named it.
        k = self.sentence_index(a.start) if a.inherited else k
        if k is None:
            return False
        s = self.sentences[k]
        return any(a.start - 40 <= m.start() <= a.end
                   for m in _DOCUMENT_NOUN.finditer(self.doc.prose, s.start, s.end))

    def reach(self, i: int, start: int, end: int, figure: bool = True) -> Reach | None:
        """The source that covers ``start:end`` in sentence ``i``, if any a reader would see.

        A vague source of the sentence itself is returned as it is (the caller
        reports it as vague); neighbours and documents count only when named.
        """
        own = self.own_source(i, start, end)
        if own is not None:
            return Reach(own, "sentence")
        for k in self.neighbours(i):
            a = self._reaches_over(k, i)
            if a is not None:
                return Reach(a, "adjacent")
        run = self._data_run(i) or (self._measured_before(i) if figure else None)
        if run is not None:
            return Reach(run, "paragraph")
        repeat = self._repeated_in_paragraph(i, start, end) if figure else None
        if repeat is not None:
            return Reach(repeat, "paragraph")
        here = self._paragraph_sentences(i)
        if here.start > 0 and self._continues_paragraph(here.start):
            for k in reversed(self._paragraph_sentences(here.start - 1)):
                a = self.named_in(k)
                if a is not None:
                    return Reach(a, "paragraph-before")
        doc = self.document_for(i, start, figure)
        if doc is None and figure:
            doc = (self._sample_of_survey(i, start, end) or self._survey_share(i)
                   or self._register_paragraph(i))
        if doc is not None:
            return Reach(doc, "document")
        body = self._credited_below_standfirst(i, start, end, figure)
        if body is not None:
            return Reach(body, "body")
        # A ranking within the release ("a record low of 3.24 million"). Figures are left
        # out: a paragraph of a release also compares it with others' ("12.1% in Germany").
        release = None if figure else self._release_continued(i)
        if release is not None:
            return Reach(release, "release")
        return None

    def _release_continued(self, i: int) -> Attribution | None:
        """The official release named above whose figures sentence ``i``'s paragraph goes
        on reporting, when another sentence of it says "the figures" (GUIDELINES Reach: a
        named dataset introduced earlier whose findings the item clearly continues).

        Only an official body credited with figures counts ("..., the Land Registry
        said"), and only while no one else is named between the sentence and the pointer
        or before it in the paragraph: "the figures" after another source's are that
        source's.
        """
        if self.own[i] or not self.figures_in(i):
            return None  # a ranking by measurement carries its figure
        here = self._paragraph_sentences(i)
        if here.start == 0:
            return None
        prose = self.doc.prose
        pointer = None
        for k in here:
            if k == i:
                continue
            if k < i and self.named_in(k) is not None:
                return None
            s = self.sentences[k]
            m = _RELEASE_BACK.search(prose, s.start, s.end)
            if m is not None and not self.in_quote(m.start(), m.end()):
                pointer = k
                break
        if pointer is None or any(self.named_in(k) is not None
                                  for k in range(min(i, pointer) + 1, max(i, pointer))):
            return None
        return self._official_release_before(here.start)

    def _official_release_before(self, i: int) -> Attribution | None:
        """The last official body (a statistics office, a registry) credited with figures
        before sentence ``i``: the release a later "the figures" points to. Another named
        source releasing figures in between would be the one meant, so it ends the search."""
        for k in range(i - 1, -1, -1):
            a = self.named_in(k)
            if a is None or a.inherited:
                continue
            if not any(a.covers(q.start, q.end) for q in self.figures_in(k)):
                continue
            return a if _OFFICIAL.search(a.source) and not is_person(a.source) else None
        return None

    def _credited_below_standfirst(self, i: int, start: int, end: int,
                                   figure: bool) -> Attribution | None:
        """For the standfirst (the first paragraph under the headline): the source the two
        paragraphs below give for the same figure (GUIDELINES: a standfirst item is fine
        when the body attributes the same figure or claim)."""
        p = self.sentences[i].paragraph
        if p != self.lede:
            return None
        wanted = [(q.kind, q.value) for q in find_statistics(self.doc.prose, start, end)] if figure else []
        for q in range(p + 1, min(p + 3, len(self._first))):
            for k in self.paragraph_sentences(q):
                a = self.named_in(k)
                if a is None or not self._is_data(k, a):
                    continue
                if not figure or any((g.kind, g.value) in wanted for g in self.figures_in(k)):
                    return a
        return None

    def _sample_of_survey(self, i: int, start: int, end: int) -> Attribution | None:
        """A survey's own sample size ("a survey of 10,227 firms", "9,000 leaders were
        surveyed for <the report>") when the survey is named in that sentence or earlier in
        the paragraph. "9,000 business leaders were surveyed", with no survey named, is not."""
        prose = self.doc.prose
        s = self.sentences[i]
        if not self._sentence_has(i, _SAMPLE_WORD, self._sample_words):
            return None  # most sentences: no survey word, no sample
        if not (_SAMPLE_BEFORE.search(prose, max(s.start, start - 40), start)
                or _SAMPLE_AFTER.match(prose, end, s.end)):
            return None
        para_start = self.sentences[self._paragraph_sentences(i).start].start
        earlier = [d for d in self.introduced if para_start <= d.offset < start]
        if earlier:
            return earlier[-1].attribution
        named = _NAMES_DOCUMENT.search(prose, s.start, s.end)
        if named is not None:
            return Attribution("named", named.group(), named.start(),
                               named.end(), "document", scope=(s.start, s.end))
        return None

    def _survey_share(self, i: int) -> Attribution | None:
        """A share of the people or firms asked, in a paragraph that reports a survey named
        above. "Japan's economy grew by 0.1%" in that paragraph is another release's figure."""
        if self.own[i]:
            return None
        survey = self._paragraph_of_survey(i)
        if survey is None:
            return None
        return survey if self._sentence_has(i, _RESPONDENTS, self._respondents) else None

    def _sentence_has(self, i: int, pattern: "re.Pattern[str]", seen: dict[int, bool]) -> bool:
        """Whether sentence ``i`` matches ``pattern``, searched once per sentence: a sentence
        may hold thousands of figures."""
        found = seen.get(i)
        if found is None:
            s = self.sentences[i]
            found = seen[i] = pattern.search(self.doc.prose, s.start, s.end) is not None
        return found

    def _paragraph_of_survey(self, i: int) -> Attribution | None:
        """The survey named above that this paragraph reports: it says "the survey found"
        somewhere, so its other figures are the survey's too (GUIDELINES Reach: a named
        survey introduced earlier whose findings the item continues)."""
        p = self.sentences[i].paragraph
        if p in self._found_in:
            return self._found_in[p]
        found = None
        here = self._paragraph_sentences(i)
        prose = self.doc.prose
        first, last = self.sentences[here.start].start, self.sentences[here.stop - 1].end
        gate = _FOUND_GATE.search(prose, first, last)
        for m in (_DOCUMENT_FOUND.finditer(prose, first, last) if gate else ()):
            if self.in_quote(m.start(), m.end()):
                continue
            families = _FOUND_FAMILIES[_NOUN_FAMILY[m.group("noun").lower()]]
            match = [d for d in self.introduced if d.offset < first and d.family in families]
            if match:
                found = match[-1].attribution
                break
        self._found_in[p] = found
        return found

    def _measured_before(self, i: int) -> Attribution | None:
        """A named body's release of measurements in the sentence just before, in the same
        paragraph ("Net traffic monitor OneStat.com has reported that Firefox ... draws users
        from IE"), when sentence ``i`` goes on with the same measure (it names what the
        release was about: "IE's market share has dropped 5%").

        A person's statement ("..., said BBC correspondent Stephen Cape") or a body's
        view ("The government says ...") before a figure on another point does not reach.
        """
        if i == 0 or self.own[i] or i - 1 not in self._paragraph_sentences(i):
            return None
        a = self.named_in(i - 1)
        if (a is None or a.inherited or a.cue not in _MEASURE_CUES or is_person(a.source)
                or _PRONOUN_SOURCE.match(a.source)):
            return None
        prose = self.doc.prose
        if not _RELEASE_THAT.match(prose, a.end):
            return None
        before = self.sentences[i - 1]
        released = prose[a.end:before.end]
        about = {m.group() for m in _NAME.finditer(released)} - _SENTENCE_OPENERS
        s = self.sentences[i]
        here = {m.group() for m in _NAME.finditer(prose, s.start, s.end)}
        return a if about & here else None

    def _repeated_in_paragraph(self, i: int, start: int, end: int) -> Attribution | None:
        """The named source of another sentence of the paragraph that gives the same figure
        again, in its own words or inside a quotation of a speaker named earlier in the
        paragraph: "... eventually took $1.8bn", then Exhibitor Relations' Paul Dergarabedian
        quoted: "When Titanic does $1.8bn ...". Only figures with two significant digits
        or more count: two "5%" in one paragraph may be two measures."""
        q = next((q for q in self.figures_in(i) if q.start == start and q.end == end), None)
        if q is None or len(re.sub(r"\D", "", q.raw).rstrip("0")) < 2:
            return None
        for k, g in self._paragraph_values(i).get((q.kind, q.unit, q.value, q.high), ()):
            if k == i:
                continue
            a = self.own_source(k, g.start, g.end)
            if a is not None and a.named:
                return a
            if self.in_quote(g.start, g.end):
                speaker = next((a for a in (self.named_in(j) for j in reversed(
                    range(self._paragraph_sentences(i).start, k + 1))) if a is not None), None)
                if speaker is not None:
                    return speaker
        return None

    def _paragraph_values(self, i: int) -> dict[tuple, list[tuple[int, Quantity]]]:
        """The figures of sentence ``i``'s paragraph by value, indexed once per paragraph:
        looking each figure up in the rest would be quadratic on a paragraph of tables."""
        p = self.sentences[i].paragraph
        found = self._values.get(p)
        if found is None:
            found = self._values[p] = {}
            for k in self._paragraph_sentences(i):
                for g in self.figures_in(k):
                    found.setdefault((g.kind, g.unit, g.value, g.high), []).append((k, g))
        return found

    def _register_paragraph(self, i: int) -> Attribution | None:
        """The register named in an earlier paragraph ("listed by the Electoral Commission")
        that this paragraph goes on reading from, as it says ("... are listed as donating"):
        its other figures are the register's entries too (GUIDELINES Reach: a named dataset
        introduced earlier whose findings the item clearly continues)."""
        if self.own[i]:
            return None
        here = self._paragraph_sentences(i)
        prose = self.doc.prose
        first, last = self.sentences[here.start].start, self.sentences[here.stop - 1].end
        registers = [d for d in self.introduced if d.family == "register" and d.offset < first]
        if not registers or "listed" not in prose[first:last]:
            return None
        for m in _REGISTER_BACK.finditer(prose, first, last):
            if not self.in_quote(m.start(), m.end()):
                return registers[-1].attribution
        return None

    def _continues_paragraph(self, i: int) -> bool:
        s = self.sentences[i]
        return continues(self.doc.prose, s.start, s.end)

    # --- documents introduced above -------------------------------------------------

    def _introduced_documents(self) -> list[_Introduced]:
        prose = self.doc.prose
        out: list[_Introduced] = []
        lowered = prose.lower()
        gate = ((_MAY_INTRODUCE_LOWER, lowered) if len(lowered) == len(prose)
                else (_MAY_INTRODUCE_ANY_CASE, prose))
        for i in self._sentences_matching(*gate):
            s = self.sentences[i]
            named = [a for a in self.own[i] if a.named and not a.inherited]
            if not named:
                continue
            for m in _DOCUMENT_NOUN.finditer(prose, s.start, s.end):
                # The document must be the named source's own: "a Reuters survey", "a report
                # by Politico", "figures gathered by Continental Research"; not "the polls".
                a = next((a for a in named if a.start - 40 <= m.start() <= a.end), None)
                if a is not None and not self.in_quote(m.start(), m.end()):
                    out.append(_Introduced(_NOUN_FAMILY[m.group("noun").lower()], m.start(), a))
            out.extend(_Introduced("register", a.start, a) for a in named if a.cue == "register")
            # A named list follows its owner: "Rolling Stone's annual list", "the Sunday Times
            # Rich List"; a "waiting list, Mr Bez said" is no document.
            out.extend(_Introduced("list", a.start, a) for a in named
                       if a.cue in ("possessive", "document") and not self.in_quote(a.start, a.end)
                       and _LIST_AFTER.match(prose, a.end, min(s.end, a.end + 40)))
            body = next((a for a in named if not is_person(a.source)
                         and a.cue in ("reported", "reports", "posted", "announced", "unveiled")
                         and _RESULTS.search(prose, a.end, min(s.end, a.end + 80))), None)
            if body is not None:  # "Ford reported higher fourth-quarter profits"
                out.append(_Introduced("results", s.start, body))
        return out

    def document_for(self, i: int, offset: int, figure: bool = True) -> Attribution | None:
        """A named document introduced above that sentence ``i`` points back to.

        "The survey also found", "respondents said", "in the same poll" each
        continue a named document; a poll result ("46 percent would back
        Clinton") continues the poll an article has introduced; a company's
        figures continue the results it was reported to post (``figure``: the
        span is a figure, not a claim in words).
        """
        s = self.sentences[i]
        earlier = [d for d in self.introduced if d.offset < offset]
        if not earlier:
            return None
        prose = self.doc.prose
        for m in _BACK_TO_DOCUMENT.finditer(prose, s.start, s.end):
            if m.group("people"):  # "respondents": of any survey, poll or study named above
                match = [d for d in earlier if d.family in ("poll", "study", "report", "data")]
            else:
                match = [d for d in earlier if d.family == _NOUN_FAMILY[m.group("noun").lower()]]
            if match:
                return match[-1].attribution
        for d in reversed(earlier if figure else ()):
            if d.family == "results":
                name = d.attribution.source.split()[-1] if d.attribution.source.split() else ""
                sentence = prose[s.start:s.end]
                if (len(name) > 2 and name[0].isupper() and name in sentence) or _COMPANY_BACK.search(sentence):
                    return d.attribution
        lists = [d for d in earlier if d.family == "list"] if figure else []
        if lists:
            here = self._paragraph_sentences(i)
            first, last = self.sentences[here.start].start, self.sentences[here.stop - 1].end
            if any(not self.in_quote(m.start(), m.end()) for m in _FROM_LIST.finditer(prose, first, last)):
                return lists[-1].attribution
        polls = [d for d in earlier if d.family == "poll"]
        if polls and POLL_RESULT.search(prose, s.start, s.end):
            return polls[-1].attribution
        return None


def is_headline(prose: str, start: int, end: int) -> bool:
    """A title, not a claim: one short line without closing punctuation, or in Title Case.

    The body below it carries the sourcing (GUIDELINES: a headline item is
    fine when the body attributes it).
    """
    line = prose[start:end]
    stripped = line.strip()
    if "\n" in stripped:
        return False
    # A headline is at most 120 characters before its trailing space: a longer line need
    # not be tried (the pattern would backtrack through all 120 first).
    if len(line.rstrip()) <= 120 and _HEADLINE.fullmatch(line):
        return True
    words = []
    for w in stripped.split():
        if w.lower() not in _SMALL_WORDS:
            words.append(w)
            if len(words) > 20:
                return False  # a paragraph of prose: no need to read the rest
    return len(words) >= 3 and sum(bool(_TITLE_WORD.match(w)) for w in words) >= 0.8 * len(words)


def is_person(source: str) -> bool:
    """A named person ("Leslie Wimes", "Mr Jain", "she"), not a body or a document."""
    source = source.strip()
    if source.lower() in ("it", "they", "we", "its", "their"):
        return False
    if _INSTITUTION_OF.match(source):
        return False  # "the Office of the Deputy Prime Minister": the office, not the minister
    if _PERSON_ROLE.search(source):
        return True
    return bool(_PERSON.match(source)) and not _BODY.search(source)


def article_attribution(doc: "Document", cite_as_names: Sequence[str] = ()) -> ArticleAttribution:
    """The attribution analysis of ``doc``, computed once and shared by every rule."""
    key = ("article-attribution", tuple(cite_as_names))
    found = doc.cache.get(key)
    if found is None:
        found = doc.cache[key] = ArticleAttribution(doc, cite_as_names)
    return found
