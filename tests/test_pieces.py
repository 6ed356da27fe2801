"""Very long drafts are linted a piece at a time: same findings, same places, bounded memory."""

from __future__ import annotations

from factlint import engine
from factlint.pieces import pieces
from conftest import make_linter

TERMS = "terms:\n  - use: open weights\n    instead_of: [open source, open-source]\n    near: [model]\n"


def test_pieces_cover_the_text_and_cut_where_it_breaks() -> None:
    text = ("A sentence of a paragraph. " * 30 + "\n\n") * 400
    spans = list(pieces(text, markdown=True, size=10_000))
    assert spans[0][0] == 0 and spans[-1][1] == len(text) and len(spans) > 20
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:]))
    assert all(text[lo - 2:lo] == "\n\n" for lo, _ in spans[1:])


def test_no_cut_inside_a_code_fence_or_before_a_rule() -> None:
    para = "Words of a paragraph here. " * 20 + "\n\n"
    text = para * 10 + "```\n" + "code line\n\n" * 200 + "```\n\n" + para * 10 + "---\n\n" + para * 30
    for lo, _ in pieces(text, markdown=True, size=3000):
        assert text[:lo].count("```") % 2 == 0
        assert not text.startswith("---", lo)


def test_a_single_huge_line_is_cut_at_sentence_ends() -> None:
    text = "The quay reopened in May. " * 40_000
    spans = list(pieces(text, markdown=False, size=50_000))
    assert all(text[lo - 2:lo] == ". " for lo, _ in spans[1:])


def test_findings_in_pieces_match_the_whole(monkeypatch) -> None:
    para = ("The lab released an open-source model today. " + "Nothing else happened here. " * 40)
    text = "\n\n".join([para] * 300) + "\n"  # about 400,000 characters, two pieces or more
    linter = make_linter(TERMS, ["term-prefer"])
    found = linter.lint_text("long.md", text)
    monkeypatch.setattr(engine, "PIECE_CHARS", 10 ** 9)
    whole = linter.lint_text("long.md", text)
    assert len(found) == 300
    assert [(f.line, f.column, f.offset, f.fingerprint, f.source_line, f.fix) for f in found] == \
           [(f.line, f.column, f.offset, f.fingerprint, f.source_line, f.fix) for f in whole]
    assert all(text[f.offset:f.end_offset] == "open-source" for f in found)


def test_a_long_draft_with_directives_is_linted_whole(monkeypatch) -> None:
    calls = []
    monkeypatch.setattr(engine.Linter, "_lint_pieces", lambda *a: calls.append(a) or [])
    text = "<!-- factlint-disable-file term-prefer -->\n\n" + "An open-source model. " * 20_000
    assert make_linter(TERMS, ["term-prefer", "suppression-unused"]).lint_text("d.md", text) == []
    assert calls == []
