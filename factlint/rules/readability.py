"""Readability: grade level per paragraph and per draft, and very long sentences.

These are matters of house style, not of accuracy, so the limits are
lenient: they catch the paragraph nobody can follow and the sentence that
lost its full stop, not ordinary news prose (BBC copy averages grade 9-10
and 20 words a sentence).

``readability-grade`` is off by default. It needs textstat, whose import
(it pulls in nltk) costs 1.5-2 s, most of a pre-commit run's budget, and
whose English syllable counts want nltk's cmudict, which textstat 0.7.13
downloads on first use. A linter must never go to the network, so when the
dictionary is not installed the rule asks textstat for the "en-US" locale,
which counts syllables with pyphen's hyphenation patterns (bundled) instead.

``readability-sentence-length`` needs no library and is on: it counts the
writer's own words (quotations are the speaker's and cannot be shortened)
and skips lists such as team sheets, which are long by nature.
"""

from __future__ import annotations

from typing import Any, Iterable

from factlint.analyses.sources import quoted_spans
from factlint.document import Document, Paragraph
from factlint.findings import Hit, Severity
from factlint.rules.base import Context, Rule, register
from factlint import regexstore

# A word: a run of word characters, apostrophes and hyphens with a word character in it.
# Written to stop at the run's last word character, so that ``re`` can skip to the next
# run in C (each run with a word character is still one match, so the count is the same
# as that of r"[\w'’-]*\w[\w'’-]*", which is tried at every character).
_WORD = regexstore.compile(r"[\w'’-]+(?<=\w)")
_SEPARATOR = regexstore.compile(r"[,;]")
_CAPITALISED = regexstore.compile(r"\b[A-Z]")

_TEXTSTAT: Any = None


def _textstat() -> Any:
    """textstat, imported on first use and set to count syllables without the network."""
    global _TEXTSTAT
    if _TEXTSTAT is None:
        import textstat  # ~1.5 s with nltk: only when a readability rule runs

        try:
            import nltk

            nltk.data.find("corpora/cmudict")
        except LookupError:
            # "en-US" is not "en" to textstat, so it skips cmudict (and its download)
            # and counts syllables with pyphen's en_US patterns.
            textstat.set_lang("en-US")
        _TEXTSTAT = textstat
    return _TEXTSTAT


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def _own_words(doc: Document, start: int, end: int, quotes: list[tuple[int, int]]) -> int:
    """Words in text[start:end] outside quotation marks."""
    total, pos = 0, start
    for a, b in quotes:
        if b <= start or a >= end:
            continue
        total += _words(doc.prose[pos:max(pos, a)])
        pos = max(pos, b)
    if pos < end:
        total += _words(doc.prose[pos:end])
    return total


def _is_list(text: str, words: int) -> bool:
    """A run of names or items ('Backs: M Blair (Edinburgh), A Craig (Glasgow), ...')."""
    separators = len(_SEPARATOR.findall(text))
    if separators >= 8 and words / (separators + 1) <= 6:
        return True
    return len(_CAPITALISED.findall(text)) >= 0.5 * words


@register
class ReadabilitySentenceLength(Rule):
    id = "readability-sentence-length"
    severity = Severity.INFO
    summary = "A very long sentence of the writer's own words."
    description = (
        "Counts the words of each sentence outside quotation marks (a quotation is the "
        "speaker's and cannot be shortened) and reports sentences over `max_words` (default "
        "60, lenient: 9 of the BBC corpus's 44,000 sentences are reported, run-ons in readers' "
        "comments and a missing full stop). Lists such as team sheets and name-heavy runs are "
        "skipped, "
        "and so are headings and table cells. On by default: it costs one regex pass per "
        "sentence and needs no library."
    )
    options = {"max_words": 60}
    examples_flag = (
        "The council, which had spent most of the previous year arguing about whether the "
        "bridge should be repaired or replaced and who should pay for either option, finally "
        "voted on Tuesday night to replace it, although several members who had opposed the "
        "plan from the start said that they would keep campaigning against it and that they "
        "expected the costs to rise again before work began.\n",
    )
    examples_pass = (
        "The council voted on Tuesday to replace the bridge. Several members said they would "
        "keep campaigning against the plan.\n",
        "\"We spent most of the year arguing about whether the bridge should be repaired or "
        "replaced and who should pay for either option and we are still arguing about it now "
        "and I expect that we will still be arguing about it when the work begins next spring "
        "and possibly even after that,\" said Ana Ruiz.\n",
        "Backs: A Berg (Leeds), C Dunn (Hull), E Fox (York), G Hale (Bath), I Jones (Ely), "
        "K Lowe (Wick), M Nunn (Rye), O Pike (Ayr), Q Rowe (Looe), S Tate (Deal), U Vine (Kew), "
        "W Wood (Bude), Y Young (Hove), Z Zane (Lewes), B Bell (Diss), D Dale (Holt).\n",
    )

    def check(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        limit = int((ctx.options or {}).get("max_words", self.options["max_words"]))
        for para in doc.paragraphs:
            if para.kind in ("heading", "cell"):
                continue
            quotes: list[tuple[int, int]] | None = None
            for s in para.sentences:
                text = doc.prose[s.start:s.end]
                if (len(text) + 1) // 2 <= limit:
                    continue  # too short for that many words, each a character and a gap
                words = _words(text)
                if words <= limit:
                    continue
                if quotes is None:
                    quotes = quoted_spans(doc.prose, para.start, para.end)
                own = _own_words(doc, s.start, s.end, quotes)
                if own <= limit or _is_list(text, words):
                    continue
                yield Hit(s.start, s.end,
                          f"Sentence of {own} words (limit {limit}): split it where it changes "
                          f"subject.", context=text)


@register
class ReadabilityGrade(Rule):
    id = "readability-grade"
    severity = Severity.INFO
    summary = "A paragraph or draft whose grade level is above the configured limit."
    description = (
        "Flesch-Kincaid grade level from textstat, for each paragraph of at least "
        "`min_words` words and two sentences (shorter ones give meaningless grades) against "
        "`max_paragraph_grade`, and for the whole draft's prose against `max_document_grade`; "
        "lists such as team sheets and award winners are left out of both. "
        "The defaults are lenient (18 and 15; BBC news copy has a median of about 9 for both, "
        "and 0.1% of its paragraphs exceed 18).\n\n"
        "Off by default: grade formulas are a matter of house taste, and textstat with nltk "
        "takes 1.5-2 s to import, too much for every pre-commit run. Switch it on with "
        "`rules: {readability-grade: info}` in factlint.yaml."
    )
    options = {"max_paragraph_grade": 18.0, "max_document_grade": 15.0, "min_words": 40}
    default_enabled = False
    examples_flag = (
        "Notwithstanding considerable institutional heterogeneity, intergovernmental "
        "organisations increasingly operationalise multidimensional sustainability "
        "frameworks, institutionalising comprehensive accountability mechanisms "
        "characterised by unprecedented methodological sophistication. Consequently, "
        "administrative infrastructures necessitate interdisciplinary collaboration, "
        "continuous professionalisation and systematic organisational transformation "
        "throughout governmental hierarchies. Nevertheless, implementation responsibilities "
        "remain disproportionately concentrated among underresourced municipal authorities.\n",
    )
    examples_pass = (
        "The council voted on Tuesday to replace the old bridge. Work will start in spring. "
        "The new bridge will have a path for bikes and a wider road for buses. Members said "
        "the cost was high but the old bridge was not safe. A public meeting will be held next "
        "month so that people can see the plans and ask questions about them.\n",
    )

    def check(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        opts = {**self.options, **(ctx.options or {})}
        body = [p for p in doc.paragraphs if p.kind not in ("heading", "cell")
                and not _is_list(doc.prose[p.start:p.end], _words(doc.prose[p.start:p.end]))]
        if not body:
            return
        textstat = _textstat()
        max_para, max_doc = float(opts["max_paragraph_grade"]), float(opts["max_document_grade"])
        min_words = int(opts["min_words"])
        for para in body:
            text = doc.prose[para.start:para.end]
            if len(para.sentences) < 2 or _words(text) < min_words:
                continue
            grade = textstat.flesch_kincaid_grade(text)
            if grade > max_para:
                yield Hit(para.start, para.end,
                          f"Paragraph reads at grade {grade:.1f} (limit {max_para:g}): use shorter "
                          f"sentences and plainer words.", context=text)
        whole = "\n\n".join(doc.prose[p.start:p.end] for p in body)
        if _words(whole) >= max(min_words, 100):
            grade = textstat.flesch_kincaid_grade(whole)
            if grade > max_doc:
                first = body[0]
                end = first.sentences[0].end if first.sentences else first.end
                yield Hit(first.start, end, f"The draft reads at grade {grade:.1f} (limit "
                          f"{max_doc:g}): use shorter sentences and plainer words.",
                          context="document grade")


def paragraph_grades(doc: Document, min_words: int = 40) -> list[tuple[Paragraph, float | None]]:
    """Each body paragraph with the grade ``readability-grade`` gives it, or None.

    For pictures of a draft's readability (the HTML report): the same paragraphs
    and the same textstat call as the rule, so a bar over the limit is a paragraph
    the rule flags when it is on. Headings, table cells and lists are left out;
    paragraphs under ``min_words`` words or of one sentence get None (their grades
    mean nothing). textstat is imported only when some paragraph is long enough.
    """
    graded: list[tuple[Paragraph, float | None]] = []
    for para in doc.paragraphs:
        text = doc.prose[para.start:para.end]
        words = _words(text)
        if para.kind in ("heading", "cell") or _is_list(text, words):
            continue
        long_enough = len(para.sentences) >= 2 and words >= min_words
        graded.append((para, _textstat().flesch_kincaid_grade(text) if long_enough else None))
    return graded
