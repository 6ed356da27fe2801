"""House terminology: preferred terms, exact spellings, one spelling per document.

All three rules read one shared scan of the prose (``termindex.term_index``),
so the cost of a run does not grow with the number of terms.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

from factlint.analyses.sources import quoted_spans
from factlint.document import Document
from factlint.findings import Edit, Hit, Related, Severity
from factlint.register import Term
from factlint.rules.base import Context, Rule, register
from factlint.termindex import TermMatch, term_index

_QUOTES = "'\"‘’“”«»‹›"
_MENTION_CUE = re.compile(r"(?:\b(?:term|word|words|phrase|label|expression|called|so-called)\s+)$", re.I)
_NEXT_WORDS = re.compile(r"[\s\-–—]*([\w][\w\s\-]{0,60})")
_PREV_WORDS = re.compile(r"([\w\s\-]{0,60}?\w)[\s\-–—]*$")

TERMS_EXAMPLE_REGISTER = """\
terms:
  - use: open weights
    instead_of: [open source, open-source]
    near: [model, models, weights, LLM, LLMs, Qwen, DeepSeek]
    not_before: [software, code, licence, license, frameworks, their, its]
    why: Models that publish only their parameters are open weights, not open source.
  - use: Hugging Face
    instead_of: [HuggingFace, Huggingface, Hugging face]
  - use: DeepSeek
    instead_of: [Deepseek, Deep Seek]
  - use: Moonshot AI
    instead_of: [Moonshot Ai, MoonShot AI]
  - consistent: [U.S., US]
"""


def scan(doc: Document, ctx: Context) -> list[TermMatch]:
    """The term matches of a document, computed once and shared by the term rules."""
    key = ("terms", id(ctx.register))
    if key not in doc.cache:
        doc.cache[key] = list(term_index(ctx.register).scan(doc.prose))
    return doc.cache[key]


def in_quotation(doc: Document, offset: int) -> bool:
    """True inside quotation marks: a speaker's words are quoted as said, not restyled."""
    sentence = doc.sentence_at(offset)
    if sentence is None:
        return False
    key = ("quoted", sentence.paragraph)
    if key not in doc.cache:
        para = doc.paragraphs[sentence.paragraph]
        doc.cache[key] = quoted_spans(doc.prose, para.start, para.end)
    return any(s <= offset < e for s, e in doc.cache[key])


def quoted_speech(doc: Document, m: TermMatch) -> bool:
    """A speaker's quoted words, which keep their own terms unless the entry opts in."""
    return not m.term.in_quotes and in_quotation(doc, m.start)


def is_mention(prose: str, start: int, end: int) -> bool:
    """True when the text talks *about* the term: 'open source' in quotes, 'the term X'."""
    before = prose[start - 1] if start > 0 else ""
    after_index = end
    while after_index < len(prose) and prose[after_index] in ",.;:!?":
        after_index += 1
    after = prose[after_index] if after_index < len(prose) else ""
    if before and before in _QUOTES and after and after in _QUOTES:
        return True
    return bool(_MENTION_CUE.search(prose, max(0, start - 20), start))


@lru_cache(maxsize=None)
def _word_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)", re.I)


def _starts_with_any(text: str, words: tuple[str, ...]) -> bool:
    return bool(words) and bool(_word_pattern(words).match(text))


def in_context(doc: Document, m: TermMatch) -> bool:
    """Whether the term's ``near``/``not_before``/``not_after`` conditions hold."""
    term = m.term
    found = doc.text[m.start:m.end]
    sentence = doc.sentence_at(m.start)
    if _is_title_case(found) and not (sentence and sentence.start == m.start):
        return False  # part of a name or label: "the Open Source Initiative"
    if term.near:
        lo, hi = (sentence.start, sentence.end) if sentence else (m.start, m.end)
        if not _word_pattern(term.near).search(doc.prose, lo, hi):
            return False
    if term.not_before:
        nxt = _NEXT_WORDS.match(doc.prose, m.end)
        if nxt and _starts_with_any(nxt.group(1), term.not_before):
            return False
    if term.not_after:
        prev = _PREV_WORDS.search(doc.prose, max(0, m.start - 64), m.start)
        if prev:
            words = prev.group(1).split()
            for n in range(1, min(len(words), 4) + 1):
                if _word_pattern(term.not_after).fullmatch(" ".join(words[-n:])):
                    return False
    return True


def _is_title_case(found: str) -> bool:
    words = [w for w in re.split(r"[\s\-]+", found) if w]
    return len(words) > 1 and all(w[:1].isupper() for w in words)


def _capitalised_like(found: str, use: str) -> str:
    """``use`` with a capital first letter when ``found`` had one (a sentence start)."""
    return use[:1].upper() + use[1:] if found[:1].isupper() and use[:1].islower() else use


def replacement(found: str, use: str) -> str:
    """``use`` shaped like ``found``: hyphenated if it was, capitalised if it was."""
    if "-" in found and " " not in found.strip():
        use = use.replace(" ", "-")
    return _capitalised_like(found, use)


@register
class TermPrefer(Rule):
    id = "term-prefer"
    severity = Severity.WARNING
    summary = "Use the house term instead of a discouraged one."
    description = (
        "Terms come from the register and rule packs (`terms:` entries with `use` and "
        "`instead_of`). A term can be limited to a context: `near` words must appear in the "
        "same sentence, and `not_before` / `not_after` words must not directly follow or "
        "precede it. A term in quotation marks or after 'the term' is being talked about, "
        "not used, and passes; so does a term inside a direct quotation, which keeps the "
        "speaker's words. The fix keeps a capital at the start of a sentence and "
        "hyphenation."
    )
    fixable = True
    example_register = TERMS_EXAMPLE_REGISTER
    examples_flag = (
        "Qwen and DeepSeek are open-source models.",
        "DeepSeek's open source model is free to download.",
        "Open-source models from Qwen now lead downloads.",
    )
    examples_pass = (
        "The newsroom runs on open-source software.",
        "The lab chose an open source licence for the code.",
        "The term 'open source' is imprecise for DeepSeek's models.",
        "Install it with `pip install open-source-models` today.",
        "DeepSeek models joined the Open Source Initiative's list.",
        "See https://example.org/open-source-models for the model list.",
        "The models are open weights.",
        '"Our open source models are free," the chief executive of DeepSeek said.',
    )

    def check(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        for m in scan(doc, ctx):
            if (m.term.rule != "prefer" or is_mention(doc.prose, m.start, m.end)
                    or quoted_speech(doc, m) or not in_context(doc, m)):
                continue
            found = doc.text[m.start:m.end]
            new = replacement(found, m.term.use)
            why = f" {m.term.why}" if m.term.why else ""
            yield Hit(m.start, m.end, f'Use "{new}" instead of "{found}".{why}',
                      fix=(Edit(m.start, m.end, new),), related=_entry(m.term))


def _entry(term: Term) -> tuple[Related, ...]:
    """The register or pack entry behind a term finding, for editors to jump to."""
    o = term.origin
    return (Related(f'term entry: use "{term.use}"', o.path, o.line, o.column),)


@register
class TermSpelling(Rule):
    id = "term-spelling"
    severity = Severity.WARNING
    summary = "Spell names and terms exactly as the register does."
    description = (
        "Register and pack entries whose `instead_of` spellings are the same letters as `use` "
        "(HuggingFace, Hugging face for Hugging Face) enforce an exact spelling and casing: the "
        "listed spellings are flagged exactly as written, so a common noun is never taken for a "
        "name. Never matched inside URLs, code, file names or hyphenated compounds."
    )
    fixable = True
    example_register = TERMS_EXAMPLE_REGISTER
    examples_flag = (
        "The weights are on HuggingFace.",
        "Models hosted by Huggingface grew fast.",
        "Deepseek released a new model.",
        "The Hugging face hub is busy.",
    )
    examples_pass = (
        "The weights are on Hugging Face.",
        "DeepSeek released a new model.",
        "Clone `huggingface/transformers` first.",
        "Read https://huggingface.co/deepseek-ai for details.",
        "Open the file deepseek.md in the repo.",
        "Landing on the Moon was a moonshot AI researchers admire.",
        "The Deepseek-V3 checkpoint is large.",
    )

    def check(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        for m in scan(doc, ctx):
            found = doc.text[m.start:m.end]
            # Only the listed misspellings, exactly as listed: "a moonshot"
            # must not be taken for "Moonshot AI".
            if (m.term.rule != "spelling" or " ".join(found.split()) not in m.term.instead_of
                    or quoted_speech(doc, m)):
                continue
            new = _capitalised_like(found, m.term.use)
            yield Hit(m.start, m.end, f'Write "{new}", not "{found}".', fix=(Edit(m.start, m.end, new),),
                      related=_entry(m.term))


@register
class TermConsistency(Rule):
    id = "term-consistency"
    severity = Severity.INFO
    summary = "Use one spelling per document for each configured group."
    description = (
        "`terms:` entries with `consistent: [U.S., US]` list spellings that are all acceptable, "
        "but not mixed in one document. The first spelling used wins; later different ones are "
        "reported. Spellings are compared exactly, so 'us' is never taken for 'US'."
    )
    fixable = True
    example_register = TERMS_EXAMPLE_REGISTER
    examples_flag = ("The U.S. market grew. The US share fell.",)
    examples_pass = (
        "The U.S. market grew. The U.S. share fell.",
        "The US market grew. Analysts told us the US share fell.",
    )

    def check(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        first: dict[Term, tuple[str, int]] = {}
        for m in scan(doc, ctx):
            if m.term.rule != "consistency":
                continue
            found = doc.text[m.start:m.end]
            if found not in (m.term.use, *m.term.instead_of) or quoted_speech(doc, m):
                continue
            if m.term not in first:
                first[m.term] = (found, m.start)
                continue
            chosen, at = first[m.term]
            if found != chosen:
                line = doc.position(at).line
                yield Hit(m.start, m.end,
                          f'"{found}" is written "{chosen}" earlier in this document (line {line}); '
                          f"use one spelling.", fix=(Edit(m.start, m.end, chosen),))
