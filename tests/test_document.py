"""The document model: what is prose, where sentences are, and exact positions."""

from __future__ import annotations

import pytest

from factlint.document import Document


def md(text: str) -> Document:
    return Document.from_text("draft.md", text)


def prose_words(doc: Document) -> list[str]:
    return doc.prose.split()


def col_of(doc: Document, needle: str) -> tuple[int, int]:
    p = doc.position(doc.text.index(needle))
    return p.line, p.column


def test_markdown_masks_everything_that_is_not_prose() -> None:
    doc = md(
        "---\ntitle: Open source models\ndate: 2024-05-01\ntags: [ai, models]\n---\n"
        "# Heading words\n\n"
        "Prose with `inline code` and [link text](https://example.org/x) and ![alt](img.png).\n"
        "A bare https://example.org/y URL and mail@example.org address.\n\n"
        "```\nfenced code\n```\n\n"
        "    indented code\n\n"
        "<div>\nhtml block\n</div>\n\n"
        "Text <span>inline</span> and <!-- a comment --> end.\n"
    )
    words = prose_words(doc)
    # The front matter's title is prose (a heading); its other keys are not.
    assert words == ["Open", "source", "models", "Heading", "words", "Prose", "with", "and", "link", "text",
                     "and", ".", "A", "bare", "URL", "and", "address.", "Text", "inline", "and", "end."]
    assert doc.metadata == {"title": "Open source models", "date": "2024-05-01", "tags": ["ai", "models"]}
    assert len(doc.prose) == len(doc.text)
    title = doc.paragraphs[0]
    assert (title.kind, title.scope, title.front_matter) == ("heading", "frontmatter.title", True)
    assert doc.text[title.start:title.end] == "Open source models"


def test_lists_blockquotes_and_tables_are_prose_without_their_markup() -> None:
    doc = md("- first item\n- second item\n\n> quoted words\n\n| a cell | b cell |\n|---|---|\n| x | y |\n")
    assert prose_words(doc) == ["first", "item", "second", "item", "quoted", "words",
                                "a", "cell", "b", "cell", "x", "y"]
    kinds = [p.kind for p in doc.paragraphs]
    assert kinds.count("cell") == 4


def test_numbered_list_markers_are_not_prose_but_numbers_in_text_are() -> None:
    doc = md("1. Sales rose 12% last year.\n2. Costs fell.\n")
    assert doc.prose.split()[:3] == ["Sales", "rose", "12%"]


def test_emphasis_markers_are_masked_keeping_offsets() -> None:
    doc = md("An **open source** model.\n")
    assert " ".join(doc.prose.split()) == "An open source model."
    assert doc.prose.index("open") == doc.text.index("open")


def test_positions_are_code_points_and_ignore_crlf_bom_tabs() -> None:
    text = "Ünïcode line 🙂 one.\r\nSecond\tline with target.\r\n"
    doc = Document.from_text("x.txt", text)
    assert col_of(doc, "target") == (2, 18)
    assert col_of(doc, "one") == (1, 16)
    assert doc.line_text(1) == "Ünïcode line 🙂 one."


def test_bare_carriage_returns_count_as_line_breaks() -> None:
    doc = Document.from_text("x.txt", "one\rtwo target\r")
    assert col_of(doc, "target") == (2, 5)


def test_sentences_and_paragraphs_of_plain_text_one_paragraph_per_line() -> None:
    doc = Document.from_text("x.txt", "First sentence here. Second one.\nAnother paragraph line.\n")
    assert len(doc.paragraphs) == 2
    assert [doc.text[s.start:s.end] for s in doc.sentences] == [
        "First sentence here.", "Second one.", "Another paragraph line."]
    assert doc.sentences[2].paragraph == 1


def test_hard_wrapped_plain_text_joins_lines_into_paragraphs() -> None:
    lines = ["This sentence is wrapped at a fixed width so that it runs",
             "over several lines of the file.", "", "A new paragraph starts here after a",
             "blank line."]
    doc = Document.from_text("x.txt", "\n".join(lines) + "\n")
    assert len(doc.paragraphs) == 2
    assert len(doc.sentences) == 2


def test_sentence_at_finds_the_enclosing_sentence() -> None:
    doc = md("One two. Three four.\n")
    s = doc.sentence_at(doc.text.index("four"))
    assert s and doc.sentence_text(s) == "Three four."
    assert doc.sentence_at(len(doc.text) - 1) is None


def test_plain_text_masks_urls_and_file_names() -> None:
    doc = Document.from_text("x.txt", "See https://example.org/a, report.pdf and muza-ai.eu today.\n")
    assert prose_words(doc) == ["See", ",", "and", "today."]


@pytest.mark.parametrize("text", ["", "\n", "   \n\n", "---\n---\n"])
def test_empty_documents_have_no_sentences(text: str) -> None:
    assert md(text).sentences == ()


def fm_fields(text: str) -> list[tuple[str, str, str]]:
    """(scope, draft text of the block, its prose with spaces normalised) of front matter blocks."""
    doc = md(text)
    return [(p.scope, doc.text[p.start:p.end], " ".join(doc.prose[p.start:p.end].split()))
            for p in doc.paragraphs if p.front_matter]


def test_front_matter_title_description_and_summary_are_prose_other_keys_are_not() -> None:
    text = ("---\ntitle: A new model\nauthor: Jane Roe\ndescription: Why it matters.  # a comment\n"
            "summary: The short version\nslug: new-model\n---\nBody.\n")
    assert fm_fields(text) == [
        ("frontmatter.title", "A new model", "A new model"),
        ("frontmatter.description", "Why it matters.", "Why it matters."),
        ("frontmatter.summary", "The short version", "The short version")]
    doc = md(text)
    assert "Jane" not in doc.prose and "slug" not in doc.prose and "author" not in doc.prose
    assert [p.kind for p in doc.paragraphs] == ["heading", "paragraph", "paragraph", "paragraph"]
    assert doc.sentence_at(doc.text.index("matters")) is not None


def test_front_matter_quoted_values_keep_positions_and_hide_yaml_syntax() -> None:
    text = "---\ntitle: \"It is \\\"open\\\" now\"\ndescription: 'The lab''s model'\n---\n"
    doc = md(text)
    assert doc.metadata == {"title": 'It is "open" now', "description": "The lab's model"}
    assert fm_fields(text) == [
        ("frontmatter.title", 'It is \\"open\\" now', 'It is "open " now'),
        ("frontmatter.description", "The lab''s model", "The lab 's model")]
    assert col_of(doc, "open") == (2, 17)
    assert doc.prose[doc.text.index("now") - 1] == " " and '"It' not in doc.prose


def test_front_matter_block_scalars_and_continued_plain_values() -> None:
    text = ("---\r\ndescription: >-\r\n  Folded over\r\n  two lines.\r\n\r\n  And more.\r\n"
            "summary: a plain value\r\n  continued\r\ntitle: |\r\n  Literal\r\n---\r\n")
    assert fm_fields(text) == [
        ("frontmatter.description", "Folded over\r\n  two lines.\r\n\r\n  And more.",
         "Folded over two lines. And more."),
        ("frontmatter.summary", "a plain value\r\n  continued", "a plain value continued"),
        ("frontmatter.title", "Literal", "Literal")]
    doc = md(text)
    assert col_of(doc, "two lines") == (4, 3)
    assert [doc.sentence_text(s).strip() for s in doc.sentences][:1] == ["Folded over\r\n  two lines."]


@pytest.mark.parametrize("text", [
    "---\ntitle: [a, list]\n---\n",              # not a string
    "---\ntitle: 2024\n---\n",                   # a number
    "---\ntitle: \"opened on one line\n  closed on the next\"\n---\n",  # multi-line quoted: masked
    "---\nseo:\n  title: nested keys are not the page's\n---\n",
    "---\ntitle: &anchor anchored\n---\n",
])
def test_front_matter_values_that_are_not_plain_prose_stay_masked(text: str) -> None:
    doc = md(text)
    assert doc.prose.strip() == "" and doc.paragraphs == ()


def _pack_linter(rules: tuple[str, ...]):
    from conftest import ROOT
    from factlint.engine import EnabledRule, Linter
    from factlint.register import load_register
    from factlint.rules import all_rules

    known = all_rules()
    packs = [(p.name, p) for p in sorted((ROOT / "lint_rules").glob("*.yaml"))]
    enabled = [EnabledRule(known[r](), known[r].severity, dict(known[r].options)) for r in rules]
    return Linter(enabled, load_register(packs), known)


@pytest.mark.parametrize("line", ["title: A new open-source model",
                                  "title: 'A new open-source model'",
                                  'title: "A new open-source model"  # the headline'])
def test_a_term_in_the_front_matter_title_is_flagged_in_place_with_a_working_fix(line: str) -> None:
    from factlint.fixes import apply_edits

    text = f"---\nlayout: post\n{line}\ntags: [open-source]\n---\n\nThe lab released it on Monday.\n"
    found = _pack_linter(("term-prefer",)).lint_text("draft.md", text)
    column = line.index("open-source") + 1
    assert [(f.rule, f.line, f.column, f.end_column) for f in found] == [("term-prefer", 3, column, column + 11)]
    fixed, applied, _ = apply_edits(text, found[0].fix)
    assert applied == 1 and fixed == text.replace("new open-source", "new open-weights")
    assert _pack_linter(("term-prefer",)).lint_text("draft.md", fixed) == []


def test_a_term_in_a_folded_description_is_flagged_on_its_own_line() -> None:
    text = "---\ndescription: >\n  Why the lab's\n  open-source model matters.\n---\n\nBody.\n"
    found = _pack_linter(("term-prefer",)).lint_text("draft.md", text)
    assert [(f.line, f.column) for f in found] == [(4, 3)]


def test_a_figure_in_the_front_matter_title_is_a_headline_figure_not_an_unsourced_statistic() -> None:
    from conftest import lint

    body = "\nSales rose 40% last year, the company said in its annual report.\n"
    rules = ["stat-unattributed", "claim-vague-source"]
    assert lint("---\ntitle: Sales rose 40% last year\n---\n" + body, rules=rules) == []
    assert lint("---\ntitle: \"Sales rose 40% last year\"\n---\n" + body, rules=rules) == []
    # The description and summary are standfirst metadata: the body carries the sourcing.
    assert lint("---\ndescription: Sales rose 40% last year. Experts say more is coming.\n---\n" + body,
                rules=rules) == []
    # As a heading in the body it is not flagged either; as body prose it would be.
    assert lint("# Sales rose 40% last year\n" + body, rules=rules) == []
    flagged = lint("Sales rose 40% last year.\n\nOther news.\n", rules=rules)
    assert [f.rule for f in flagged] == ["stat-unattributed"]


def test_editor_actions_fix_a_front_matter_title_but_never_put_a_comment_in_the_yaml() -> None:
    from factlint.server.actions import Target, code_actions
    from factlint.server.convert import to_diagnostic
    from factlint.server.positions import LineIndex

    text = "---\ntitle: A new open-source model\n---\n\nAn open-source model, again.\n"
    found = _pack_linter(("term-prefer",)).lint_text("draft.md", text)
    assert [f.line for f in found] == [2, 5]
    index = LineIndex(text)
    target = Target("file:///draft.md", 1, index, "markdown")
    titles = [[a.title for a in code_actions(target, [(f, to_diagnostic(f, index))])] for f in found]
    assert [len(t) for t in titles] == [1, 2]  # the title: its fix only; the body: fix and disable
    assert titles[1][1].startswith("Disable term-prefer")


def test_a_registered_figure_in_the_front_matter_description_is_not_flagged() -> None:
    from conftest import HF_FACT_REGISTER, lint

    text = ("---\ntitle: Open models\ndescription: U.S. models had 16% of Hugging Face downloads.\n---\n\n"
            "The Wire China found that U.S. models had 16% of Hugging Face downloads.\n")
    assert [f.rule for f in lint(text, HF_FACT_REGISTER, ["fact-unattributed"])] == []
    body = "U.S. models had 16% of Hugging Face downloads.\n"
    assert [f.rule for f in lint(body, HF_FACT_REGISTER, ["fact-unattributed"])] == ["fact-unattributed"]


def test_a_plain_text_directive_line_is_not_prose_with_crlf_endings() -> None:
    doc = Document.from_text("d.txt", "factlint-disable-next-line term-spelling\r\nHuggingFace.\r\n")
    assert "factlint" not in doc.prose and doc.prose.endswith("HuggingFace.\r\n")
