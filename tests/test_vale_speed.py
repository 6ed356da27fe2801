"""The Vale engine's shortcuts give what the plain way gives, on sentences of our own."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
import regex

from factlint.vale import patterns, prefilter, rules
from factlint.vale.engine import _whitespace_to_space, _word_index
from factlint.vale.view import Block, View

SENTENCES = [
    "The committee met on Tuesday.It agreed to wait.  Then it voted in order to close the file.",
    "A lot of people walked down the hill, across the bridge, and into town!",
    "We saw a lot of rain in order to see the river rise. The the end came soon.",
    "Prices rose by twelve percent in the spring and fell again,, later.",
    "Nothing here repeats and nothing here is odd at all.",
    "CamelCase words like JavaScript or iPhone appear in LongSentencesHere.",
    "Ünïcode wörds and café terms mix with plain ASCII text here.",
    "",
]


def _matches(pattern: str, text: str) -> bool:
    return regex.compile(pattern, regex.V1).search(text) is not None


@pytest.mark.parametrize("source", [
    r"(?m)(?:\w+[.?!]\s{2,}[A-Z]\w+|\w+[.?!][A-Z]\w+)",
    r"(?m)(?:(?:[^\s,]+,){1,} \w+ (?:and|or) \w+[.?!])",
    r"[a-zA-Z]+\s(?m)\b(?:percent|spring)\b",
    r"(?m)\b(?:([A-Z]+[a-z]+){2,}|([a-z]+)([A-Z]+[a-z]+){1,})\b",
    r"(?:\b[A-Z][a-z]+ )+\(([A-Z]{3,5})\)",
])
def test_probe_finds_a_match_wherever_the_pattern_does(source):
    translated = patterns.translate(source)
    probe = patterns.probe_pattern(translated)
    assert probe is not None and probe != translated
    for text in SENTENCES + ["Acme Widget Company (AWC) said so.", "word.Next", "a,b, c and d."]:
        if _matches(translated, text):
            assert _matches(probe, text), (source, text)


def test_probe_cuts_leading_and_trailing_repeats():
    assert patterns.probe_pattern(r"\w+[.?!][A-Z]\w+") == r"\w[.?!][A-Z]\w"
    assert patterns.probe_pattern(r"(?i)x*ab{2,}") == r"(?i)ab{2}"


@pytest.mark.parametrize("source", [
    r"(?m)\b(?:always|never)\b",      # no repeat to cut at a start
    r"(\w+) \1",                       # a backreference
    r"\w++x",                          # possessive
    r"(?x) \w+ x",                     # verbose
])
def test_probe_leaves_other_patterns_alone(source):
    assert patterns.probe_pattern(source) is None


def test_findall_counts_what_finditer_gives():
    compiled = regex.compile(r"x*|\b", regex.V1)
    for text in ("axxbx", "ab cd", ""):
        assert len(patterns.findall(compiled, text)) == len(list(patterns.finditer(compiled, text)))


def _dispatch(units: list[str]) -> prefilter.Dispatch:
    return prefilter.Dispatch(units, lambda chosen: r"(?i)(?m)\b(?:%s)\b" % "|".join(chosen))


UNITS = ["in order to", "a lot", "the bridge", "walked", "then", "rain"]


def test_word_index_matches_are_those_of_the_whole_pattern():
    dispatch = _dispatch(UNITS)
    table = prefilter.KeyTable([dispatch])
    whole = regex.compile(dispatch.build(UNITS), regex.V1)
    for text in SENTENCES:
        index = prefilter.WordIndex(text, table)
        found = [m.span() for m, _ in dispatch.matches(text, index.candidates(dispatch))]
        assert found == [m.span() for m in whole.finditer(text)], text


def test_after_drops_only_phrases_the_next_characters_rule_out():
    dispatch = _dispatch(UNITS)
    table = prefilter.KeyTable([dispatch])
    assert table.for_word("a") and "a" in table.checked
    assert table.after("a", " lo")           # "a lot" may follow
    assert not table.after("a", " ca")       # "a cat" is none of them
    assert table.after("a", " lö")           # not ASCII: kept, as Subset.starts keeps it
    assert not table.after("a", "")          # the text ends after the word


def test_part_of_gives_a_sentences_own_candidates():
    dispatch = _dispatch(UNITS)
    table = prefilter.KeyTable([dispatch])
    paragraph = SENTENCES[2]
    parent = prefilter.WordIndex(paragraph, table)
    cut = paragraph.index("The the")
    for start, end in ((0, cut - 1), (cut, len(paragraph)), (3, 20)):
        part = prefilter.WordIndex.part_of(parent, start, paragraph[start:end])
        own = prefilter.WordIndex(paragraph[start:end], table)
        text = paragraph[start:end]
        got = [m.span() for m, _ in dispatch.matches(text, part.candidates(dispatch))]
        assert got == [m.span() for m, _ in dispatch.matches(text, own.candidates(dispatch))]


def test_word_index_of_a_sentence_reads_its_paragraph():
    table = prefilter.KeyTable([_dispatch(UNITS)])
    paragraph = SENTENCES[0]
    block = Block("sentence", View(paragraph[31:], [0], [31]), 31, len(paragraph), within=paragraph, offset=31)
    indexes: dict = {}
    index = _word_index(indexes, block, table)
    assert paragraph in indexes and index.text == paragraph[31:]


def test_message_template_fills_as_before():
    assert rules.format_message("a %s b %% c %s d %q", "X") == "a X b % c  d "
    assert rules.format_message("%s", "one", "two") == "one"
    assert rules.format_message("100%% %s%s", "x", "y", "z") == "100% xy"
    assert rules.message_template("say '%s' once") == (["say '", "' once"], ["%s"])


def test_whitespace_to_space_keeps_plain_messages():
    message = "Use one space."
    assert _whitespace_to_space(message) is message
    assert _whitespace_to_space("Use  one\nspace.") == "Use one space."


def test_token_stats_skips_punctuation_only_tokens():
    assert rules.token_stats(lambda w: 1, "--") == (0, 0, 0, 0, 0, 0)
    assert rules.token_stats(lambda w: 3, "'Wonderful'") == (1, 9, 3, 1, 1, 0)
    assert rules.token_stats(lambda w: 3, "wandering") == (1, 9, 3, 1, 1, 0)
    assert rules.token_stats(lambda w: 3, "wonderful") == (1, 9, 3, 1, 1, 1)


def _repetition(ignorecase: bool) -> rules.Repetition:
    class Setup:
        word_template = ""
        styles_paths: list = []
    data = {"message": "'%s' is repeated!", "tokens": [r"[^\s]+"], "alpha": True, "ignorecase": ignorecase}
    return rules.Repetition("Test.Repeat", data, Path("Repeat.yml"), [], Setup())


@pytest.mark.parametrize("ignorecase", [False, True])
def test_may_repeat_is_false_only_without_a_repetition(ignorecase):
    check = _repetition(ignorecase)
    for text in SENTENCES + ["so So it goes", "and and", "x\ny y"]:
        if not check.may_repeat(text):
            assert check.run(text, {}) == []
    assert check.may_repeat("we went went home")
    assert not check.may_repeat("we went home")


def _bundled_en_us() -> str | None:
    spec = importlib.util.find_spec("spylls")
    if spec is None or not spec.submodule_search_locations:
        return None
    base = Path(list(spec.submodule_search_locations)[0]) / "hunspell" / "data" / "en" / "en_US"
    return str(base) if base.with_suffix(".dic").is_file() else None


def test_bare_stem_is_true_only_where_lookup_is():
    base = _bundled_en_us()
    if base is None:
        pytest.skip("spylls without its bundled en_US dictionary")
    from factlint.vale.spelling import _bare_stem, _dictionary, _lookup

    dictionary = _dictionary(base)
    words = {w.strip(".,!?") for s in SENTENCES for w in s.split()}
    words |= {w.lower() for w in words} | {w.upper() for w in words} | {"walked", "bridges", "qzxv"}
    sure = 0
    for word in sorted(w for w in words if w):
        if _bare_stem(dictionary, word):
            sure += 1
            assert _lookup(dictionary, word), word
    assert sure > 5


def test_tokenize_peels_punctuation_and_straightens_quotes():
    from factlint.vale.spelling import tokenize

    assert tokenize("\u201cHello,\u201d she said (twice). ...") == ["Hello", "she", "said", "twice"]


def test_looked_up_reads_the_memo_and_makes_only_what_it_lacks():
    from factlint.vale.memo import looked_up

    memo = {"kept": 1, "empty": ""}
    made = []

    def make(key):
        made.append(key)
        memo[key] = len(key)
        return len(key)

    assert looked_up(memo, ["kept", "new", "empty", "new"], make) == [1, 3, "", 3]
    assert made == ["new", "new"]  # looked up all at once: a key repeated in one call is made twice
    assert looked_up(memo, ["new"], make) == [3] and made == ["new", "new"]
