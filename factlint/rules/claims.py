"""Unsourced claims: weasel attributions and absolute claims.

Each rule here reads the paragraph structure of the Document and the
attribution analysis in ``factlint.attribution``; new claim rules belong in
this module as further ``@register`` classes.
"""

from __future__ import annotations

import bisect
import re
from typing import Any, Iterable, Sequence

from factlint.attribution import (
    VagueCue, attribute_paragraph, find_vague, names_source, quoted_spans,
)
from factlint.findings import Hit, Severity
from factlint.rules.base import Context, Rule, register
from factlint.rules.quotes import quotations

ParagraphSpans = tuple[int, int, Sequence[tuple[int, int]]]
_DOCUMENT = re.compile(
    r"\b(?:report|reports|survey|surveys|study|studies|poll|polls|research|figures|data|analysis|"
    r"statistics|numbers|estimates)\b", re.I)


def vague_without_source(text: str, prose: str, paragraphs: Sequence[ParagraphSpans], *,
                         cite_as_names: Sequence[str] = ()) -> list[VagueCue]:
    """Weasel attributions in paragraphs that name no source anywhere.

    Phrases inside a direct quotation are the speaker's words, not the
    writer's attribution, so they are left alone.
    """
    paragraphs = [(a, b, list(spans)) for a, b, spans in paragraphs if spans]
    if not paragraphs:
        return []
    sentences = [span for _, _, spans in paragraphs for span in spans]
    cues = find_vague(text, paragraphs[0][0], paragraphs[-1][1], prose=prose, sentences=sentences)
    starts = [a for a, _, _ in paragraphs]
    by_paragraph: dict[int, list[VagueCue]] = {}
    for c in cues:
        i = bisect.bisect_right(starts, c.start) - 1
        if i >= 0 and c.start < paragraphs[i][1]:
            by_paragraph.setdefault(i, []).append(c)
    def names(i: int) -> bool:
        p_start, p_end, spans = paragraphs[i]
        return names_source(attribute_paragraph(text, spans, prose=prose,
                                                cite_as_names=cite_as_names, paragraph_end=p_end))

    out: list[VagueCue] = []
    for i, found in sorted(by_paragraph.items()):
        p_start, p_end, spans = paragraphs[i]
        quotes = quoted_spans(prose, p_start, p_end)
        found = [c for c in found if not any(a <= c.start and c.end <= b for a, b in quotes)]
        if not found or names(i):
            continue
        if i + 1 < len(paragraphs) and names(i + 1):
            # A news lede ("..., a survey suggests.") names the survey in the next paragraph.
            found = [c for c in found if not _DOCUMENT.search(c.phrase)]
        out.extend(found)
    return out


def _paragraphs(doc: Any) -> list[ParagraphSpans]:
    return [(p.start, p.end, [(s.start, s.end) for s in p.sentences]) for p in doc.paragraphs]


@register
class ClaimVagueSource(Rule):
    id = "claim-vague-source"
    severity = Severity.WARNING
    summary = "Vague attribution ('experts say', 'it is believed') with no named source nearby."
    description = (
        "Weasel attributions make a claim sound sourced without saying who stands behind it: "
        "'experts say', 'some observers believe', 'critics argue', 'it is widely thought', "
        "'research has shown', 'studies show', 'a report found', 'reportedly', 'sources said'. "
        "Name the expert, the study or the publication, or link it. Following Wikipedia's "
        "Words to watch (MOS:WEASEL), such a phrase is fine when the same paragraph names a "
        "source ('analysts at Barclays', 'the ONS', a link, a footnote, a register source), so "
        "those paragraphs are not reported; nor are phrases inside a direct quotation, which "
        "are the speaker's words. A lede that credits 'a survey' or 'a report' is fine when the "
        "next paragraph names it, the way news copy delays attribution by one paragraph.\n\n"
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
    )
    examples_pass = (
        "Experts at the Royal Institute of Navigation say the new system is safer.\n",
        "Some observers believe the merger will be blocked. The Competition Authority said on "
        "Monday that it had opened an inquiry.\n",
        "Research by the University of Leeds has shown that four-day weeks raise output.\n",
        "\"Experts say all sorts of things,\" Jonas Berg told the committee.\n",
        "The ministry announced the plan on Tuesday.\n",
        "According to [a study](https://example.org/study), the tax raised little.\n",
        "Commuters are switching to bicycles, a survey suggests.\n\nThe survey, by the Cycle "
        "Trade Survey, asked 2,000 adults how they travel.\n",
    )

    def check(self, doc: Any, ctx: Context) -> Iterable[Hit]:
        cite_names = tuple(getattr(ctx.register, "cite_names", ()) or ())
        for cue in vague_without_source(doc.text, doc.prose, _paragraphs(doc),
                                        cite_as_names=cite_names):
            phrase = " ".join(cue.phrase.split())
            sentence = doc.sentence_at(cue.start)
            context = doc.prose[sentence.start:sentence.end] if sentence else phrase
            yield Hit(cue.start, cue.end,
                      f"vague attribution '{phrase}': name who says so (a person, organisation "
                      f"or publication) or link the source",
                      context=context)


# --- absolute claims -------------------------------------------------------------------

_SUPERLATIVE = (
    r"(?:first|largest|biggest|highest|lowest|fastest|oldest|longest|richest|greatest|"
    r"strongest|smallest|deadliest|worst|best|only|most\s+[a-z]+|least\s+[a-z]+)"
)
# World-scope superlatives, firsts, "unprecedented", "never before" and record
# levels: claims no reporter can have observed first-hand and that are true
# or false of the whole world, so they need someone who checked.
_ABSOLUTE = re.compile(
    rf"""
    \b(?:the\s+)?(?:world|planet|globe)['’]s\s+(?:first|only)\b(?!\s+(?:time|of|one))
      | \bthe\s+{_SUPERLATIVE}(?:[\s-]+ever\b|\s+(?:[\w'’-]+\s+){{0,5}}?(?:ever(?:\s+(?:made|built|
        recorded|seen|sold|produced|published|paid|held|staged))?|in\s+(?:recorded\s+)?history|
        on\s+record|of\s+all\s+time|in\s+living\s+memory)\b)
      | \b(?:first|largest|biggest|best|highest|lowest|worst)-ever\b
      | \bfor\s+the\s+first\s+time\s+(?:ever|in\s+(?:history|the\s+world))\b
      | \bunprecedented\b
      | (?<!like\s)(?<!as\s)\bnever\s+before\b
      | \bnever\s+(?:been\s+)?(?:seen|done|attempted|achieved|recorded|witnessed)\s+before\b
      | \b(?:a|an|the|new|another|fresh)\s+record[\s-](?:high|low|level|levels|number|numbers|
        amount|amounts|sum|year|profit|profits|sales|loss|losses|turnout|temperature|
        temperatures|demand|price|prices|growth|figure|figures|total|quarter|month|deficit|
        surplus|exports|imports|revenue|revenues|earnings|highs|lows|debt|rise|fall|increase|
        investment|spending|budget|output|production|valuation)\b
      | \brecord[\s-]breaking\b(?!\s+form\b)
      | \ball[\s-]time\s+(?:high|low|record)s?\b
      | \bsince\s+records\s+began\b
    """,
    re.I | re.X,
)
# Every absolute claim contains one of these words, so the full pattern runs only on
# sentences that have one. The leading character class lets ``re`` skip to
# candidates at C speed (a bare alternation behind \b is several times slower).
_TRIGGER = re.compile(
    r"[eEhHrRuUnNaAwWpPgGlL](?<=\b[eEhHrRuUnNaAwWpPgGlL])"
    r"(?:ver|istory|ecords?|nprecedented|ever|ll[\s-]time|orld['’]s|lanet['’]s|lobe['’]s|"
    r"iving\s+memory)\b"
)
# "one of the biggest ever" is not absolute; "the best film I have ever seen" is a view.
_HEDGED_BEFORE = re.compile(r"\b(?:one|some|among|two|three|several|many)\s+of\s+$|\bamong\s+$", re.I)
_PERSONAL_EVER = re.compile(r"\b(?:I|we|you|he|she|they)(?:\s+\w+|['’]\w+){0,2}\s+ever\b", re.I)
# A verdict credited to whoever gave it: "named the best band of all time", "billed as".
_VERDICT_BEFORE = re.compile(
    r"\b(?:named|voted|chosen|crowned|ranked|rated|listed|billed|hailed|dubbed|described|regarded|"
    r"considered|seen|acclaimed|judged|declared|certified|recognised|recognized|list\s+of|"
    r"poll\s+of)(?:\s+by\s+[\w\s]{1,30}?)?(?:\s+as)?\s+$",
    re.I,
)
_BY_AGENT_AFTER = re.compile(r"^[^.;]{0,60}?\bby\s+(?:the\s+)?(?:[a-z]+\s+){0,3}[A-Z]")


@register
class ClaimAbsolute(Rule):
    id = "claim-absolute"
    severity = Severity.INFO
    summary = "An absolute claim ('the world's first', 'unprecedented', 'a record high') with no source."
    description = (
        "Firsts, superlatives of world or historical scope, 'unprecedented', 'never before' "
        "and record levels are claims about everything that ever happened: true or false, a "
        "reporter cannot have checked them by looking. They need someone who did: a source in "
        "the same sentence ('according to Guinness World Records', 'the ONS said', a link), "
        "in the sentence before when this one continues it ('It was also the largest...'), or "
        "anywhere in the paragraph (the same MOS:WEASEL exemption as claim-vague-source). A "
        "claim inside a direct quotation is the speaker's, a verdict is its judge's ('named the "
        "best band of all time in a poll', 'billed as the first ever', '... by Mobile PC'), and "
        "a vague source ('experts say') is left to claim-vague-source.\n\n"
        "Ordinary ordinals and superlatives are not absolute claims: 'the first half', 'the "
        "first time we met', 'the largest room in the house', 'one of the biggest ever', 'the "
        "best film I have ever seen', 'like never before', 'a world record' in sport, a "
        "criminal or track record. Headings are skipped: the body carries the source."
    )
    options: dict[str, Any] = {}
    examples_flag = (
        "It is the longest bridge ever built.\n",
        "The new device is the world's first foldable e-reader.\n",
        "House prices reached a record high in March.\n",
        "The flooding was unprecedented.\n",
        "Never before has a village team reached the final.\n",
    )
    examples_pass = (
        "It is the longest bridge ever built, according to Guinness World Records.\n",
        "It is one of the biggest ever, and the best film I have ever seen.\n",
        "The band was named the best of all time in a listeners' poll run by Radio Nord.\n",
        "House prices reached a record high in March, the Land Registry said.\n",
        "\"The flooding was unprecedented,\" said Mayor Ana Ruiz.\n",
        "Sales rose in the first half of the year and the team scored first.\n",
        "She has a criminal record and a poor track record, and he set a world record.\n",
        "It was the largest room in the house.\n",
    )

    def check(self, doc: Any, ctx: Context) -> Iterable[Hit]:
        prose, text = doc.prose, doc.text
        cite_names = tuple(getattr(ctx.register, "cite_names", ()) or ())
        candidates: dict[int, list[int]] = {}
        for t in _TRIGGER.finditer(prose):
            sentence = doc.sentence_at(t.start())
            if sentence is not None and sentence.start not in candidates.setdefault(sentence.paragraph, []):
                candidates[sentence.paragraph].append(sentence.start)
        for index, starts in candidates.items():
            para = doc.paragraphs[index]
            if para.kind == "heading":
                continue
            found = [m for s in para.sentences if s.start in starts
                     for m in _ABSOLUTE.finditer(prose, s.start, s.end)]
            if not found:
                continue
            found = [m for m in found
                     if not _HEDGED_BEFORE.search(prose, max(para.start, m.start() - 12), m.start())
                     and not _PERSONAL_EVER.search(m.group())
                     and not _VERDICT_BEFORE.search(prose, max(para.start, m.start() - 30), m.start())
                     and not _BY_AGENT_AFTER.match(prose[m.end():min(para.end, m.end() + 120)])]
            quotes = quoted_spans(prose, para.start, para.end) + [
                (q.start, q.end) for q in quotations(doc, para)]
            found = [m for m in found if not any(a <= m.start() and m.end() <= b for a, b in quotes)]
            if not found:
                continue
            spans = [(s.start, s.end) for s in para.sentences]
            attributions = attribute_paragraph(text, spans, prose=prose, cite_as_names=cite_names,
                                                paragraph_end=para.end)
            if names_source(attributions):
                continue  # MOS:WEASEL: a paragraph that names its source is sourced
            for m in found:
                k = next((i for i, (s, e) in enumerate(spans) if s <= m.start() < e), None)
                if k is None or attributions[k]:
                    continue
                phrase = " ".join(m.group().split())
                yield Hit(m.start(), m.end(),
                          f"absolute claim '{phrase}' with no source: say who established it "
                          f"('according to ...', '... said') or link the evidence",
                          context=prose[spans[k][0]:spans[k][1]])
