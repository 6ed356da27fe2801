"""Rule-based English sentence splitter for news prose.

We keep our own splitter because the general-purpose ones (syntok, pysbd) are
two orders of magnitude too slow to run on every lint.  The design keeps the
Python work proportional to the number of sentences, not characters: one
compiled regex finds candidate boundaries (a terminator run plus any closing
quotes/brackets, followed by whitespace or a capital letter), and each
candidate is accepted or rejected by a few constant-time checks on the words
around it.

The input is prose-masked text (code, URLs and markup already blanked to
spaces), so URLs and e-mail addresses need no special handling here.
"""

import re
from factlint import regexstore

# A terminator run, then closing quotes/brackets (they belong to the sentence
# they close), then whitespace -- or a capital or unambiguous opening quote
# directly after ("world.Today" typos).  A spaced ". . ." is one run, so
# ". . . ." (omission plus full stop) can be told apart from a three-dot
# omission.  The run is deliberately not a group: starting the pattern with a
# bare character set lets `re` skip ahead to the next terminator at C speed,
# about 7x faster on the BBC corpus.
_CANDIDATE = regexstore.compile(
    r"""
    [.?!…](?:[.?!…]|\ \.)*
    (?P<close>[)\]"'’”»]*)
    (?:\s+|(?=[A-Z“‘])|\Z)
    """,
    re.VERBOSE,
)
# Opening quotes/brackets that may precede the first word of a sentence.
_OPENERS = "([{\"'“‘«"
_OPENERS_RUN = regexstore.compile(r"[(\[{\"'“‘«]*")
_WORD = regexstore.compile(r"[A-Za-z]+")
_DOMAIN_TAIL = regexstore.compile(r"\.\w")
_NON_SPACE = regexstore.compile(r"\S")
# Dotted abbreviations such as U.S, a.m, e.g, Ph.D (the final dot is the
# terminator under test, so it is not part of the word).
_DOTTED = regexstore.compile(r"[A-Za-z]{1,2}(?:\.[A-Za-z]{1,2})+")
# "1." / "b." opening a sentence is a list marker, not a one-word sentence.
_LIST_MARKER = regexstore.compile(r"[(\[]?(?:\d{1,3}|[A-Za-z])")
# '"Why?" Mr Smith asked.' -- a quoted question followed by its attribution
# is one sentence even though a capital follows the question mark.  It is a
# new sentence when the speaker is a pronoun ('"Why?" He said: ...') or the
# verb opens a clause of its own ('"Why?" Mr Smith said he would ...').
_ATTRIBUTION = regexstore.compile(
    r"(?!(?:I|He|She|It|We|You|They)\s)(?:[A-Z][\w'’-]*\.?\s+){1,3}"
    r"(?:said|says|asked|asks|added|adds|told|tells|wrote|writes|replied|"
    r"replies|shouted|cried|exclaimed|insisted|continued|explained|wondered)\b"
    r"(?!\s+(?:that|he|she|it|we|they|I)\b)"
)

# Abbreviations that always lead into more of the same sentence: honorifics
# before a name, and Latin connectives.  A capital after them is a name.
# Matched case-sensitively, because "MS." or "DR." in capitals is usually an
# acronym (multiple sclerosis, the Dominican Republic) that can end a sentence.
_NEVER_FINAL = frozenset(
    "Mr Mrs Ms Messrs Mme Dr Prof Gov Sen Rep Gen Col Capt Lt Sgt Cpl Adm Maj "
    "Rev Hon Pres Supt Insp Det Mt e.g i.e vs cf viz".split()
)
# Abbreviations that can also end a sentence ("... and co. They said").
# After these (and after initials and dotted abbreviations) we split only when
# the next word is one that commonly opens a sentence, so "U.S. Government"
# and "J. K. Rowling" stay whole while "in the U.S. How" splits.
_AMBIGUOUS = frozenset(
    "etc inc ltd corp co bros plc llc jr sr st approx est dept univ "
    "assn ave rd blvd min max hr hrs ft sq "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
# Words that introduce a number: "No. 5", "p. 55", "Dec. 31".
_NUMBER_PREFIXES = frozenset(
    "no nos nr n° p pp vol vols art fig figs ch chap sec para op rs tel ca c "
    "approx jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
# Function words that commonly start a sentence.  Deliberately excludes
# "May" and "Will" (months and names far more often than sentence openers
# after an abbreviation) and titles such as "Mr" ("at 5 a.m. Mr Smith").
_STARTERS = frozenset(
    w.capitalize()
    for w in """
    a an the this that these those there here it its he she they we you i
    his her their our my your me us them him
    but and or so yet nor then now also however meanwhile still thus hence
    instead indeed moreover furthermore nevertheless nonetheless otherwise
    besides if when while after before since although though as because
    unless until once whether where what who whom whose which why how
    in on at by for from of with without within under over into about
    against among between through during despite according amid across
    along around behind beyond near towards toward upon
    is are was were be been can could should shall might must do does did
    has have had no not none nobody nothing some many most much more few
    several both all each every any another other such one two three four
    five six seven eight nine ten last earlier later next first second
    finally today yesterday tomorrow tonight recently currently overall
    let please
    """.split()
)


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans (start, end offsets into `text`, end exclusive) within text[start:end].

    Spans are offsets into the whole `text`, never rebased, so callers can
    map findings straight back to the document.  Each span is stripped of
    surrounding whitespace and together they cover every non-space character
    of the range.  A single newline is not a boundary by itself: hard-wrapped
    paragraphs arrive with newlines inside sentences.
    """
    if end is None:
        end = len(text)
    spans: list[tuple[int, int]] = []
    first = _NON_SPACE.search(text, start, end)
    if first is None:
        return spans
    # `cur` always points at the first non-space character of the open
    # sentence, so only the final sentence ever needs trimming.
    cur = first.start()
    for m in _CANDIDATE.finditer(text, cur, end):
        nxt = m.end()
        if nxt < end and _is_boundary(text, m, cur, end):
            spans.append((cur, m.end(1)))  # group 1: "close"
            cur = nxt
    # ``str.rstrip`` strips what ``\s`` matches; the pattern ``\s*\Z`` would be tried at
    # every character of the last sentence.
    last_end = cur + len(text[cur:end].rstrip())
    if last_end > cur:
        spans.append((cur, last_end))
    return spans


def _is_boundary(text: str, m: re.Match[str], sent_start: int, end: int) -> bool:
    """Decide whether candidate `m` ends the sentence that began at `sent_start`."""
    dot, (close_start, close_end), nxt = m.start(), m.span(1), m.end()  # group 1: "close"
    term, close = text[dot:close_start], text[close_start:close_end]
    glued = nxt == close_end  # no whitespace: "world.Today"
    # First character of the next sentence, past any opening quotes.
    pos = nxt
    if nxt < end and text[nxt] in _OPENERS:
        pos = _OPENERS_RUN.match(text, nxt, end).end()
    if pos >= end:
        return False  # a stray quote at the very end closes this sentence
    first = text[pos]
    if first.islower():
        # Lower case continues the sentence whatever the terminator was:
        # '"Why?" she asked', 'Yahoo! in', 'co. at noon', '... well'.
        return False

    if "?" in term or "!" in term:
        return not (close and not glued and _ATTRIBUTION.match(text, pos, end))

    if len(term) > 1:  # an ellipsis, possibly plus a full stop
        if " " in term:
            # Spaced dots follow the style-guide convention: three mark an
            # omission inside the sentence, four are an omission then a stop.
            return term.count(".") >= 4
        if m.start() > sent_start and text[m.start() - 1] in "[(":
            return False  # "[...]" marks an omission inside a quotation
        return first.isupper()
    if term == "…":
        return first.isupper()

    # A single full stop.
    word_start = max(
        sent_start,
        text.rfind(" ", sent_start, dot) + 1,
        text.rfind("\n", sent_start, dot) + 1,
        text.rfind("\t", sent_start, dot) + 1,
    )
    if glued:
        # Only split a missing space between two ordinary words; dots inside
        # names such as "U.S.A" or "Halo.Bungie.Org" are not boundaries.
        before = text[dot - 1] if dot > sent_start else ""
        if not (before.islower() or before.isdigit() or before == ")"):
            return False
        if "." in text[word_start:dot]:
            return False
        after = _WORD.match(text, pos, end)
        if after is None or len(after[0]) < 2 or _DOMAIN_TAIL.match(text, after.end(), end):
            return False
    word = text[word_start:dot].lstrip(_OPENERS)
    if not word:
        return True  # whatever preceded the stop was masked out
    if word_start == sent_start and _LIST_MARKER.fullmatch(text, word_start, dot):
        return False
    if close:
        return True  # He said "no." Then ...
    lower = word.lower()
    if first.isdigit():
        return lower not in _NUMBER_PREFIXES
    if word in _NEVER_FINAL:
        return False
    if word[-1].isdigit():
        return True
    if (lower in _AMBIGUOUS or (len(word) == 1 and word.isalpha())
            or ("." in word and _DOTTED.fullmatch(word))):
        if pos > nxt:
            return True  # an opening quote after an abbreviation starts a sentence
        following = _WORD.match(text, pos, end)
        return following is not None and following[0] in _STARTERS
    return True
