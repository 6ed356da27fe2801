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
from factlint.register import Term, _fold
from factlint.rules.base import Context, Rule, register
from factlint.termindex import TermMatch, term_index
from factlint import regexstore

_QUOTES = "'\"‘’“”«»‹›"
_MENTION_CUE = regexstore.compile(r"(?:\b(?:term|word|words|phrase|label|expression|called|so-called)\s+)$", re.I)
_NEXT_WORDS = regexstore.compile(r"[\s\-–—]*([\w][\w\s\-]{0,60})")
_PREV_WORDS = regexstore.compile(r"([\w\s\-]{0,60}?\w)[\s\-–—]*$")

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
  - pattern: "Internet(?! Explorer)"
    use: internet
  - pattern: "bug[- ]fix(es)?"
    use: bugfix$1
    ignorecase: true
  - exact: WhatsApp
"""


def scan(doc: Document, ctx: Context) -> list[TermMatch]:
    """The term matches of a document, computed once and shared by the term rules.

    Pattern terms are matched apart from the fixed terms; where a pattern's match
    overlaps a fixed term's match that is not already the right spelling, the fixed
    term decides (it names the words exactly and may carry their context)."""
    key = ("terms", id(ctx.register))
    if key not in doc.cache:
        index = term_index(ctx.register)
        found = list(index.scan(doc.prose))
        timed_out: list[Term] = []
        if index.patterns:
            by_pattern, timed_out = index.scan_patterns(doc.prose)
            if by_pattern:
                found = _merge(doc, found, by_pattern)
        doc.cache[key] = found
        doc.cache[("term-timeouts", id(ctx.register))] = timed_out
    return doc.cache[key]


def _blocks(doc: Document, m: TermMatch) -> bool:
    """Whether a fixed term's match keeps pattern terms off its words."""
    rule = m.term.rule
    if rule == "prefer":
        return True
    if rule == "spelling":
        found = " ".join(doc.text[m.start:m.end].split())
        return found != m.term.use if m.term.exact else found in m.term.instead_of
    return False


def _merge(doc: Document, fixed: list[TermMatch], by_pattern: list[TermMatch]) -> list[TermMatch]:
    blockers = [(m.start, m.end) for m in fixed if _blocks(doc, m)]
    kept = [p for p in by_pattern if not any(s < p.end and p.start < e for s, e in blockers)]
    return sorted(fixed + kept, key=lambda m: (m.start, m.replacement is not None))


def timeouts(doc: Document, ctx: Context, rule: str) -> Iterable[Hit]:
    """One hit per pattern term of ``rule`` that ran past its time limit on this document."""
    scan(doc, ctx)
    for term in doc.cache[("term-timeouts", id(ctx.register))]:
        if (term.rule if term.rule != "pattern" else "prefer") != rule:
            continue
        from factlint.vale.patterns import TIMEOUT  # the regex engine: imported only when a term timed out

        yield Hit(0, min(1, len(doc.text)),
                  f"term-{rule}: pattern term {term.pattern[:80]!r} ({term.origin}) ran past its "
                  f"{TIMEOUT:g} s limit on this file, so it was stopped here; the other terms ran.",
                  context=f"timeout\0term-{rule}\0{term.origin}", related=_entry(term))


_WORD_CHAR = regexstore.compile(r"\w")
_FIRST_WORD = regexstore.compile(r"\w+")


def at_sentence_start(doc: Document, offset: int) -> bool:
    """True when no word of the sentence comes before ``offset``."""
    sentence = doc.sentence_at(offset)
    start = sentence.start if sentence else 0
    return not _WORD_CHAR.search(doc.prose, start, offset)


def sentence_case(found: str, use: str, at_start: bool) -> str:
    """``use``, capitalised where a sentence starts with it capitalised and its first word is
    all lower case ("Webpack is good", "Bugfixes ship today"); "iOS" and "eBay" keep their
    own form anywhere."""
    first = _FIRST_WORD.search(use)
    if at_start and found[:1].isupper() and first and first.group().islower() and use[:1].islower():
        return use[:1].upper() + use[1:]
    return use


def pattern_hit(doc: Document, m: TermMatch, rule: str) -> Hit | None:
    """The finding of a pattern term's match, when it is one for ``rule``.

    The rule is the entry's ``rule`` if it gives one, else spelling when the match and
    its replacement are the same letters ("bug-fix" for "bugfix") and prefer when they
    are not ("Golang" for "Go")."""
    found = doc.text[m.start:m.end]
    new = sentence_case(found, m.replacement or "", at_sentence_start(doc, m.start))
    if " ".join(found.split()) == new or not new:
        return None
    term = m.term
    kind = term.rule if term.rule != "pattern" else ("spelling" if _fold(found) == _fold(new) else "prefer")
    if kind != rule or quoted_speech(doc, m) or not in_context(doc, m, names=False):
        return None
    if rule == "prefer" and is_mention(doc.prose, m.start, m.end):
        return None
    why = f" {term.why}" if term.why else ""
    message = (f'Use "{new}" instead of "{found}".{why}' if rule == "prefer"
               else f'Write "{new}", not "{found}".{why}')
    return Hit(m.start, m.end, message, fix=(Edit(m.start, m.end, new),), related=_entry(term))


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


def in_context(doc: Document, m: TermMatch, names: bool = True) -> bool:
    """Whether the term's ``near``/``not_before``/``not_after`` conditions hold (and, with
    ``names``, the match is not a title-cased name)."""
    term = m.term
    found = doc.text[m.start:m.end]
    sentence = doc.sentence_at(m.start)
    if names and _is_title_case(found) and not (sentence and sentence.start == m.start):
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
        "hyphenation. A `pattern:` entry (a regular expression; `use` may name its groups, "
        "`$1`) reports here when its replacement is a different word, and under term-spelling "
        "when it is the same letters; each pattern runs under a time limit, and one that "
        "passes it is reported once at the top of the file, naming its entry."
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
        yield from timeouts(doc, ctx, "prefer")
        for m in scan(doc, ctx):
            if m.replacement is not None:
                hit = pattern_hit(doc, m, "prefer")
                if hit:
                    yield hit
                continue
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
    what = (f'pattern "{term.pattern}", use "{term.use}"' if term.pattern
            else f'exact "{term.use}"' if term.exact else f'use "{term.use}"')
    return (Related(f"term entry: {what}", o.path, o.line, o.column),)


@register
class TermSpelling(Rule):
    id = "term-spelling"
    severity = Severity.WARNING
    summary = "Spell names and terms exactly as the register does."
    description = (
        "Register and pack entries whose `instead_of` spellings are the same letters as `use` "
        "(HuggingFace, Hugging face for Hugging Face) enforce an exact spelling and casing: the "
        "listed spellings are flagged exactly as written, so a common noun is never taken for a "
        "name. An `exact: WhatsApp` entry flags every other casing of the same letters "
        "(Whatsapp, WHATSAPP); a term written all in lower case (webpack) may take a capital "
        "to start a sentence. Pattern entries whose replacement is the same letters as the "
        "match (bug-fix for bugfix) report here too. Never matched inside URLs, code, file "
        "names or hyphenated compounds."
    )
    fixable = True
    example_register = TERMS_EXAMPLE_REGISTER
    examples_flag = (
        "The weights are on HuggingFace.",
        "Models hosted by Huggingface grew fast.",
        "Deepseek released a new model.",
        "The Hugging face hub is busy.",
        "The Internet went down for an hour.",
        "Two bug-fixes shipped on Monday.",
        "Whatsapp groups spread the claim.",
    )
    examples_pass = (
        "The weights are on Hugging Face.",
        "DeepSeek released a new model.",
        "Clone `huggingface/transformers` first.",
        "Read https://huggingface.co/deepseek-ai for details.",
        "Open the file deepseek.md in the repo.",
        "Landing on the Moon was a moonshot AI researchers admire.",
        "The Deepseek-V3 checkpoint is large.",
        "Internet Explorer 6 is gone. Internet use is up.",
        "Two bugfixes shipped on WhatsApp.",
        "Read https://example.org/bug-fix for the patch notes.",
    )

    def check(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        yield from timeouts(doc, ctx, "spelling")
        for m in scan(doc, ctx):
            if m.replacement is not None:
                hit = pattern_hit(doc, m, "spelling")
                if hit:
                    yield hit
                continue
            found = doc.text[m.start:m.end]
            if m.term.exact:
                hit = self.exact_hit(doc, m, found)
                if hit:
                    yield hit
                continue
            # Only the listed misspellings, exactly as listed: "a moonshot"
            # must not be taken for "Moonshot AI".
            if (m.term.rule != "spelling" or " ".join(found.split()) not in m.term.instead_of
                    or quoted_speech(doc, m)):
                continue
            new = _capitalised_like(found, m.term.use)
            yield Hit(m.start, m.end, f'Write "{new}", not "{found}".', fix=(Edit(m.start, m.end, new),),
                      related=_entry(m.term))

    @staticmethod
    def exact_hit(doc: Document, m: TermMatch, found: str) -> Hit | None:
        """An ``exact:`` term: any casing but the written one is flagged (a capital
        that starts a sentence is kept for an all-lower-case term)."""
        if m.term.rule != "spelling" or quoted_speech(doc, m):
            return None
        new = sentence_case(found, m.term.use, at_sentence_start(doc, m.start))
        if " ".join(found.split()) == new:
            return None
        why = f" {m.term.why}" if m.term.why else ""
        return Hit(m.start, m.end, f'Write "{new}", not "{found}".{why}', fix=(Edit(m.start, m.end, new),),
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
