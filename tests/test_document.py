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
        "---\ntitle: Open source models\n---\n"
        "# Heading words\n\n"
        "Prose with `inline code` and [link text](https://example.org/x) and ![alt](img.png).\n"
        "A bare https://example.org/y URL and mail@example.org address.\n\n"
        "```\nfenced code\n```\n\n"
        "    indented code\n\n"
        "<div>\nhtml block\n</div>\n\n"
        "Text <span>inline</span> and <!-- a comment --> end.\n"
    )
    words = prose_words(doc)
    assert words == ["Heading", "words", "Prose", "with", "and", "link", "text", "and", ".", "A", "bare",
                     "URL", "and", "address.", "Text", "inline", "and", "end."]
    assert doc.metadata == {"title": "Open source models"}
    assert len(doc.prose) == len(doc.text)


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
