"""Named sources, vague ones, carry-over between sentences, quotations."""

from __future__ import annotations

import re

import pytest

from factlint.analyses.sources import (
    attribute_paragraph, attribute_sentence, best, find_vague, names_source, quoted_spans,
)


def kind(sentence: str, **kw) -> str | None:
    found = best(attribute_sentence(sentence, 0, len(sentence), **kw))
    return found.kind if found else None


def source(sentence: str, **kw) -> str:
    found = best(attribute_sentence(sentence, 0, len(sentence), **kw))
    assert found is not None, sentence
    return found.source


def spans(paragraph: str) -> list[tuple[int, int]]:
    """Sentence spans for tests: split after . ! ? and a space."""
    out, start = [], 0
    for m in re.finditer(r"[.!?][\"”]?(\s+)", paragraph):
        out.append((start, m.start(1)))
        start = m.end(1)
    out.append((start, len(paragraph)))
    return out


@pytest.mark.parametrize("sentence,who", [
    ("Bus fares rose 8%, according to the Transport Users Forum.", "the Transport Users Forum"),
    ("Marta Kowalska said fares had risen 8%.", "Marta Kowalska"),
    ("Fares have risen 8%, Marta Kowalska says.", "Marta Kowalska"),
    ("Kowalska told the committee that fares had risen 8%.", "Kowalska"),
    ("The Harbour Trust wrote in its newsletter that fares rose 8%.", "The Harbour Trust"),
    ("The Lakeside Gazette reported that fares rose 8%.", "The Lakeside Gazette"),
    ("The Rail Regulator found that one in five trains was late.", "The Rail Regulator"),
    ("The Treasury estimated the cost at $4bn.", "The Treasury"),
    ("Northwind Airlines announced 2,000 new jobs.", "Northwind Airlines"),
    ("The Fiscal Council noted a 3% shortfall.", "The Fiscal Council"),
    ("Data from the Office for National Statistics show prices up 4%.",
     "Office for National Statistics"),
    ("The Met Office's report puts the rise at 1.5%.", "The Met Office"),
    ("Prices rose 4% in May (Source: Eurostat).", "Eurostat"),
    ("Prices rose 4% in May, said Pia Lund, an economist at Nordbank.", "Pia Lund"),
    ("A Gallup poll shows 40% approval.", "Gallup"),
    ("The firm, which tracks shipping daily, showed a 9% fall.", "The firm"),
])
def test_named_sources(sentence: str, who: str) -> None:
    assert kind(sentence) == "named"
    assert who in source(sentence)


def test_markdown_link_around_the_claim() -> None:
    text = "Exports grew [by 12%](https://example.org/trade) last year."
    found = best(attribute_sentence(text, 0, len(text)))
    assert found and found.cue == "link" and found.named


def test_markdown_link_right_after_the_claim() -> None:
    text = "Exports grew 12% last year ([trade figures](https://example.org/trade))."
    assert kind(text) == "named"
    text = "Exports grew 12% last year. [Customs Office](https://example.org/c)"
    end = text.index(".") + 1
    found = best(attribute_sentence(text, 0, end, next_start=end + 1))
    assert found and found.cue == "link"


def test_link_on_an_unrelated_name_is_not_a_source() -> None:
    text = "Exports at [Acme](https://acme.example) grew 12% last year."
    assert kind(text) is None


def test_link_text_survives_prose_masking() -> None:
    text = "Exports grew 12% ([source](https://example.org/x))."
    prose = re.sub(r"\]\([^)]*\)", lambda m: " " * len(m.group()), text).replace("[", " ")
    assert len(prose) == len(text)
    found = best(attribute_sentence(text, 0, len(text), prose=prose))
    assert found and found.cue == "link"


@pytest.mark.parametrize("text", [
    "Exports grew 12% last year.[^1]",
    "Exports grew 12%[^trade] last year.",
    "Exports grew 12% last year.<sup>3</sup>",
])
def test_footnote_reference(text: str) -> None:
    found = best(attribute_sentence(text, 0, len(text)))
    assert found and found.cue == "footnote"


def test_footnote_definition_is_not_a_reference() -> None:
    text = "[^1]: Customs Office annual tables."
    found = best(attribute_sentence(text, 0, len(text)))
    assert found is None or found.cue != "footnote"


def test_cite_as_name() -> None:
    text = "As Colville put it, the share fell to 16%."
    found = best(attribute_sentence(text, 0, len(text), cite_as_names=("Colville",)))
    assert found and found.cue == "cite_as" and found.source == "Colville"
    text = "The share fell to 16% in the Wire China's telling."
    found = best(attribute_sentence(text, 0, len(text), cite_as_names=("Wire China",)))
    assert found and found.named


@pytest.mark.parametrize("sentence", [
    "Analysts said sales would fall 5%.",
    "Experts say the bridge is unsafe.",
    "Some observers believe the vote was rigged.",
    "Critics argue the tax hits the poor.",
    "A report found that 30% of loans were late.",
    "A study suggests screens harm sleep.",
    "Sources said the deal was worth $2bn.",
    "Some say the plan is too costly.",
    "Many believe the plan is too costly.",
    "It is believed that the ship sank in 1802.",
    "Studies show that coffee is harmless.",
    "Research has shown that coffee is harmless.",
    "The singer reportedly earned $5m.",
    "Sales fell 5%, according to analysts.",
    "Western analysts expect growth of 2%.",
])
def test_vague_sources(sentence: str) -> None:
    assert kind(sentence) == "vague"


@pytest.mark.parametrize("sentence", [
    "The merger was announced on Monday.",
    "Sales rose 5% last year.",
    "Some 35 percent of jobs depend on trade.",
    "Another 19 percent said they would not vote.",
    "Just 9 percent of voters said the debate changed their minds.",
    "Most respondents said they were happy.",
    "Exports to the United States rose 5%.",
    "It is expected to open in 2027.",
    "The company denied the claims.",
    "Let's say you earn $40,000 a year.",
])
def test_not_a_source(sentence: str) -> None:
    assert kind(sentence) is None


def test_named_beats_vague() -> None:
    text = "Analysts expect a 5% fall, the Central Bank said."
    assert kind(text) == "named"


def test_qualified_vague_head_is_named() -> None:
    assert kind("Analysts at Nordbank expect growth of 2%.") == "named"
    assert kind("A study by the University of Leeds found a 9% rise.") == "named"
    assert kind("Sources close to the minister said it would cost $2bn.") == "vague"


def test_passive_with_agent_is_named() -> None:
    assert kind("The figure was published by the Statistics Bureau.") == "named"


def test_scope_of_an_aside() -> None:
    text = "The pledge - some say unrealistic - is to cut emissions 80 percent."
    found = attribute_sentence(text, 0, len(text))
    figure = text.index("80")
    assert found and not any(a.covers(figure, figure + 10) for a in found)


def test_scope_of_trailing_relative_clause() -> None:
    text = "The union invested $10 million in the mine, which Mr. Clarke says will reopen."
    found = attribute_sentence(text, 0, len(text))
    assert found and not any(a.covers(19, 30) for a in found)
    text = "He cited the Tax Foundation, which estimates the cost at $5bn."
    found = attribute_sentence(text, 0, len(text))
    figure = text.index("$5bn")
    assert any(a.covers(figure, figure + 4) for a in found)


def test_scope_after_leading_concession() -> None:
    text = "Though the plan costs $4 trillion, one study found it would raise taxes."
    found = attribute_sentence(text, 0, len(text))
    assert found and not any(a.covers(22, 33) for a in found)


@pytest.mark.parametrize("follow", [
    "It also found that 40% of tenants were behind on rent.",
    "The report added that 40% of tenants were behind on rent.",
    "They found that 40% of tenants were behind on rent.",
    "Also, 40% of tenants were behind on rent.",
    "But it also showed that 40% of tenants were behind on rent.",
])
def test_carry_over_to_a_continuing_sentence(follow: str) -> None:
    paragraph = "The Housing Observatory published its survey on Monday. " + follow
    result = attribute_paragraph(paragraph, spans(paragraph))
    assert result[1] and result[1][0].named
    # "The report added" is a source of its own; pronouns name the one they point to.
    assert result[1][0].source == "The Housing Observatory" or "added" in follow


def test_no_carry_over_to_a_new_subject() -> None:
    paragraph = "The Housing Observatory published its survey on Monday. Rents rose 40% in Leeds."
    result = attribute_paragraph(paragraph, spans(paragraph))
    assert result[1] == []


def test_no_carry_over_across_paragraphs() -> None:
    first = "The Housing Observatory published its survey on Monday."
    second = "Also, 40% of tenants were behind on rent."
    assert attribute_paragraph(second, spans(second)) == [[]]
    assert attribute_paragraph(first, spans(first))[0]


def test_quotes_run_across_sentences_of_one_speaker() -> None:
    paragraph = ("“Costs rose 30%. Wages rose 2%. Nobody can live like that,” said Ana Ruiz. "
                 "Rents rose 9%.")
    quotes = quoted_spans(paragraph)
    assert len(quotes) == 1
    assert paragraph.index("2%") < quotes[0][1] < paragraph.index("9%")


def test_quote_left_open_runs_to_paragraph_end() -> None:
    paragraph = "“We lost 20% of our members. And we will lose more."
    assert quoted_spans(paragraph) == [(0, len(paragraph))]


def test_straight_and_miscurled_quotes() -> None:
    assert quoted_spans('He said "costs rose 30%" and left.') == [(8, 24)]
    text = "“The rate is 33 percent. It is 51 percent.“ Then he left."
    assert quoted_spans(text) == [(0, text.index("Then") - 1)]


def test_names_source() -> None:
    paragraph = "Experts say prices will rise. The Central Bank said it would act."
    assert names_source(attribute_paragraph(paragraph, spans(paragraph)))
    paragraph = "Experts say prices will rise. Others disagree."
    assert not names_source(attribute_paragraph(paragraph, spans(paragraph)))


@pytest.mark.parametrize("text,phrase", [
    ("Experts say the dam is unsafe.", "Experts say"),
    ("Some observers believe the vote was rigged.", "Some observers believe"),
    ("It is widely thought that the tax will go.", "It is widely thought that"),
    ("Research has shown that naps help.", "Research has shown"),
    ("Critics argue the tax is unfair.", "Critics argue"),
    ("The actor reportedly quit.", "reportedly"),
    ("The tower is widely regarded as ugly.", "is widely regarded"),
    ("According to experts, the dam is unsafe.", "According to experts"),
    ("Studies show that naps help.", "Studies show"),
])
def test_find_vague(text: str, phrase: str) -> None:
    assert [c.phrase for c in find_vague(text)] == [phrase]


@pytest.mark.parametrize("text", [
    "Experts at the Flood Agency say the dam is unsafe.",
    "The tower is widely regarded by Historic England as important.",
    "Police said two men were arrested.",
    "The merger was announced on Monday.",
    "It is expected to open in 2027.",
])
def test_find_vague_leaves_named_and_plain_sentences(text: str) -> None:
    assert find_vague(text) == []


# --- the rules, through the linter ----------------------------------------------------

from conftest import lint  # noqa: E402
from factlint.analyses.article import is_headline  # noqa: E402


def flagged(text: str, register: str = "") -> list[str]:
    """The figures stat-unattributed reports in ``text``."""
    return [text[f.offset:f.end_offset] for f in lint(text, register, ["stat-unattributed"])]


@pytest.mark.parametrize("text", [
    "Rents rose 9% last year.",
    "Two-thirds of members voted to strike.",
    "The Harbour Trust opened an office in May. Rents fell by a third.",
])
def test_unattributed_flags(text: str) -> None:
    assert flagged(text)


@pytest.mark.parametrize("text", [
    "Rents rose 9% last year, the Tenants' Union said.",
    "“Rents rose 9%,” said Ana Ruiz. “Wages rose 2%.”",
    "Shares in Harbour Trust fell 3% to $17.65.",
    "The dollar was trading at 105.28 yen.",
    "Gold fell to $413.50 an ounce.",
    "The console is priced at £229 (330 euros).",
    "Say you earn $40,000 a year and save $500 a month.",
    "Analysts had been forecasting a 0.1% rise.",
    "Sources said the deal was worth $2bn.",
    "The chain employs 300 people in 12 towns.",
])
def test_unattributed_passes(text: str) -> None:
    assert flagged(text) == []


def test_conversion_goes_with_its_figure() -> None:
    assert flagged("Profits were $5.37bn (£2.86bn) last year.") == ["$5.37bn"]


def test_back_reference_is_not_a_new_figure() -> None:
    assert flagged("Those 250 million readers matter.") == []


def test_registered_fact_is_left_to_fact_rules() -> None:
    register = """\
sources:
  trade-survey: {publisher: Cycle Trade Survey, date: 2026-01-01}
facts:
  - id: ebike-growth
    claim: E-bike sales growth
    about: [[E-bike], [sales]]
    value: 40%
    source: trade-survey
"""
    assert flagged("E-bike sales rose 40% in 2025.", register) == []


def test_headline() -> None:
    assert is_headline("Macy's owner buys rival for $11bn", 0, 33)
    assert not is_headline("Macy's owner bought a rival for $11bn.", 0, 38)
    title = "Harbour Trust Reportedly Weighs Bid For Rival Ferry Line."
    assert is_headline(title, 0, len(title))


def vague(text: str) -> list[str]:
    return [text[f.offset:f.end_offset] for f in lint(text, "", ["claim-vague-source"])]


def test_vague_without_source() -> None:
    assert vague("Experts say the dam is unsafe.") == ["Experts say"]
    assert vague("Experts say the dam is unsafe. “It could fail,” said Jonas Berg, a hydrologist.") == []
    assert vague("Experts say the dam is unsafe, the Flood Agency's review found.") == []
    assert vague("“Experts say the dam is unsafe,” Ana Ruiz said.") == []


def test_lede_named_in_next_paragraph() -> None:
    lede = "Commuters are switching to bicycles, a survey suggests."
    assert vague(lede + "\n\nMany cite fuel costs.") == ["a survey suggests"]
    assert vague(lede + "\n\nThe survey, by the Cycle Trade Survey, asked 2,000 adults.") == []
    # In the body, an organisation in the next paragraph does not answer "experts say";
    # a person quoted next does.
    body = "The dam was built in 1960.\n\nExperts say the dam is unsafe.\n\n"
    assert vague(body + "The Flood Agency said it would act.") == ["Experts say"]
    assert vague(body + "“It could fail,” said Jonas Berg.") == []


def test_standfirst_answered_by_the_body() -> None:
    standfirst = "Harbour Dam Under Review\n\nThe city's dam is unsafe, experts say.\n\n"
    assert vague(standfirst + "Many residents live below it.") == ["experts say"]
    assert vague(standfirst + "“The wall could fail,” said Jonas Berg, a dam expert.") == []
    assert vague(standfirst + "Jonas Berg, an expert on dams, said the wall could fail.") == []
    # A body that names somebody else does not answer the standfirst's experts.
    assert vague(standfirst + "The mayor said the council would meet on Monday.") == ["experts say"]
    report = "Harbour Dam Under Review\n\nThe dam is unsafe, a report says.\n\n"
    assert vague(report + "The Flood Agency's report, published on Monday, found cracks.") == []


@pytest.mark.parametrize("text,who", [
    ("YouGov polled 1,981 voters online.", "YouGov"),
    ("Sales rose, with the Retail Council reporting a 4% gain.", "the Retail Council"),
    ("Analysts had been forecasting a 0.1% rise.", "Analysts"),
])
def test_more_speakers(text: str, who: str) -> None:
    assert source(text) == who


def test_reported_figure_is_vaguely_attributed() -> None:
    assert kind("The show earned them a reported $85m.") == "vague"
    assert flagged("The gain was below market expectations of 190,000 new jobs.") == []


def test_times_as_needs_a_comparison() -> None:
    assert flagged("He won the cup four times as a player.") == []
    assert flagged("Rents are four times as high as wages.") == ["four times"]


@pytest.mark.parametrize("text", [
    "Euro zone unemployment rose to 8.9% in May.",
    "The consumer price index rose 2.3% in March.",
])
def test_economic_statistics_are_not_market_moves(text: str) -> None:
    assert flagged(text)
