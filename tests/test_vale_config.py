"""The .vale.ini keys, scopes, comment switches, AsciiDoc and the CLI with a Vale config."""

from __future__ import annotations

import json

import pytest

from factlint.document import Document
from factlint.errors import FactlintError
from test_vale_rules import lines, vale_lint, write_style

WORD = "extends: existence\nmessage: \"'%s'\"\nscope: {scope}\ntokens: [Zebra]\n"


def test_scopes(tmp_path):
    draft = """\
        # Zebra title

        ## Zebra section

        A Zebra paragraph. Another Zebra sentence.

        - a Zebra item

        > a Zebra quote

        | Zebra head |
        | --- |
        | a Zebra cell |

        ![a Zebra picture](z.png) and [a Zebra link](https://example.org).
        """
    def where(scope: str) -> list[int]:
        config = write_style(tmp_path, {"Rule": WORD.format(scope=scope)})
        return sorted({f.line for f in vale_lint(config, draft)})

    assert where("heading") == [1, 3]
    assert where("heading.h2") == [3]
    assert where("paragraph") == [5, 15]
    assert where("sentence") == [5, 15]
    assert where("list") == [7]
    assert where("blockquote") == [9]
    assert where("table.header") == [11]
    assert where("table.cell") == [13]
    assert where("alt") == [15]
    assert where("link") == [15]
    assert where("raw") == [1, 3, 5, 7, 9, 11, 13, 15]
    assert where("summary") == [5, 7, 9, 15]
    assert where("text") == [1, 3, 5, 7, 9, 11, 13, 15]
    assert 1 not in where("~heading") and 5 in where("~heading")
    assert where("heading & ~heading.h1") == [3]
    assert where("[heading.h1, list]") == [1, 7]


def test_front_matter_title_and_description_are_prose_to_vale_rules(tmp_path):
    draft = "---\ntitle: A Zebra story\ndescription: Why the Zebra ran\nlayout: Zebra\n---\n\nBody.\n"
    config = write_style(tmp_path, {"Rule": WORD.format(scope="heading")})
    assert lines(vale_lint(config, draft)) == ["2:10:Test.Rule:'Zebra'"]
    config = write_style(tmp_path, {"Rule": WORD.format(scope="text")})
    assert [f.line for f in vale_lint(config, draft)] == [2, 3]
    config = write_style(tmp_path, {"Rule": WORD.format(scope="text.frontmatter.description")})
    assert lines(vale_lint(config, draft)) == ["3:22:Test.Rule:'Zebra'"]
    config = write_style(tmp_path, {"Rule": WORD.format(scope="text.frontmatter.title")})
    assert lines(vale_lint(config, draft)) == ["2:10:Test.Rule:'Zebra'"]
    folded = "---\ndescription: >-\n  Why the\n  Zebra ran\n---\n\nBody.\n"
    config = write_style(tmp_path, {"Rule": WORD.format(scope="text")})
    assert lines(vale_lint(config, folded)) == ["4:3:Test.Rule:'Zebra'"]


def test_code_is_not_prose_and_is_starred(tmp_path):
    draft = "Use `Zebra` here.\n\n```\nZebra\n```\n\nZebra  `x`  end.\n"
    config = write_style(tmp_path, {"Rule": WORD.format(scope="text"),
                                    "Space": "extends: existence\nmessage: sp\nnonword: true\ntokens: ['a {2,}e']\n"})
    assert lines(vale_lint(config, draft)) == ["7:1:Test.Rule:'Zebra'"]


def test_rule_switches_levels_sections_and_min_level(tmp_path):
    rules = {"One": WORD.format(scope="text"),
             "Two": "extends: existence\nmessage: two\nlevel: suggestion\ntokens: [Zebra]\n"}
    config = write_style(tmp_path, rules, ini="""\
        StylesPath = styles
        MinAlertLevel = warning
        ; a comment
        [*.{md,adoc}]
        BasedOnStyles = Test
        Test.One = error
        [*.txt]
        Test.One = NO
        """)
    found = vale_lint(config, "A Zebra.\n")
    assert [(f.rule, str(f.severity)) for f in found] == [("Test.One", "error")]
    assert vale_lint(config, "A Zebra.\n", path="draft.txt") == []
    assert [f.rule for f in vale_lint(config, "A Zebra.\n", path="draft.adoc")] == ["Test.One"]


def test_single_rule_without_based_on_styles(tmp_path):
    config = write_style(tmp_path, {"One": WORD.format(scope="text"), "Two": WORD.format(scope="text")},
                         ini="StylesPath = styles\n[*.md]\nTest.Two = YES\n")
    assert [f.rule for f in vale_lint(config, "A Zebra.\n")] == ["Test.Two"]


def test_comment_switches(tmp_path):
    config = write_style(tmp_path, {"Rule": WORD.format(scope="text"), "Raw": WORD.format(scope="raw")})
    draft = """\
        Zebra one.

        <!-- vale off -->

        Zebra two.

        <!-- vale on -->

        <!-- vale Test.Rule = NO -->

        Zebra three.

        <!-- vale Test.Rule = YES -->

        Zebra four.
        """
    found = vale_lint(config, draft)
    assert sorted({(f.rule, f.line) for f in found}) == [
        ("Test.Raw", 1), ("Test.Raw", 11), ("Test.Raw", 15), ("Test.Rule", 1), ("Test.Rule", 15)]
    adoc = "Zebra one.\n\n// vale off\n\nZebra two.\n\n// vale on\n\nZebra three.\n"
    assert sorted({f.line for f in vale_lint(config, adoc, path="draft.adoc")}) == [1, 9]


def test_factlint_suppressions_and_select_apply_to_vale_rules(tmp_path):
    config = write_style(tmp_path, {"Rule": WORD.format(scope="text"), "Other": WORD.format(scope="raw")})
    draft = "<!-- factlint-disable-next-line Test.Rule -->\nA Zebra.\n\nA Zebra again.\n"
    assert sorted((f.rule, f.line) for f in vale_lint(config, draft, select=["Test.Rule"])) == [
        ("Test.Rule", 4)]


def test_block_and_token_ignores(tmp_path):
    config = write_style(tmp_path, {"Rule": WORD.format(scope="text")}, ini="""\
        StylesPath = styles
        [*.md]
        BasedOnStyles = Test
        TokenIgnores = (\\{\\{[^}]+\\}\\})
        BlockIgnores = (?s)(<div>.*?</div>)
        """)
    draft = "Say {{Zebra}} and Zebra.\n\n<div>\nZebra\n</div>\n"
    assert lines(vale_lint(config, draft)) == ["1:19:Test.Rule:'Zebra'"]


def test_config_errors_name_file_and_line(tmp_path):
    config = write_style(tmp_path, {"Rule": WORD.format(scope="text")},
                         ini="StylesPath = styles\n[*.md]\nTest.Rule = maybe\n")
    with pytest.raises(FactlintError) as info:
        vale_lint(config, "x\n")
    assert str(info.value).startswith(".vale.ini:3:1:") or ":3:1:" in str(info.value)
    (tmp_path / ".vale.ini").write_text("StylesPath = nowhere\n", encoding="utf-8")
    with pytest.raises(FactlintError, match="StylesPath"):
        vale_lint(tmp_path / ".vale.ini", "x\n")
    (tmp_path / ".vale.ini").write_text("StylesPath = styles\n[*]\nBasedOnStyles = Missing\n")
    with pytest.raises(FactlintError, match="style 'Missing' does not exist"):
        vale_lint(tmp_path / ".vale.ini", "x\n")
    bad_scope = write_style(tmp_path, {"Rule": WORD.format(scope="nonsense")})
    with pytest.raises(FactlintError, match="not a Vale scope"):
        vale_lint(bad_scope, "x\n")


def test_asciidoc_reading():
    text = """\
= Document title
:toc: left
// a comment about Zebra

== Section title

A paragraph with `inline code` and a link:https://example.org[link text].

[source,java]
----
listing Zebra
----

* a list item

NOTE: an admonition.

|===
| head

| cell
|===
"""
    doc = Document.from_text("a.adoc", text)
    shown = [(p.scope, doc.prose[p.start:p.end].strip()) for p in doc.paragraphs]
    assert ("heading.h1", "Document title") in shown and ("heading.h2", "Section title") in shown
    assert ("list", "a list item") in shown and ("table.cell", "an admonition.") in shown
    assert "Zebra" not in doc.prose and "toc" not in doc.prose and "inline code" not in doc.prose
    assert "link text" in doc.prose and "https" not in doc.prose
    assert ("table.header", "head") in shown and ("table.cell", "cell") in shown


def test_cli_json_rules_explain_and_errors(tmp_path, cli):
    rule = WORD.format(scope="text") + "link: https://example.org/zebra\naction:\n  name: replace\n  params: [horse]\n"
    write_style(tmp_path, {"Rule": rule})
    (tmp_path / "draft.md").write_text("A Zebra.\n", encoding="utf-8")
    result = cli("check", "--config", ".vale.ini", "--format", "json", "--no-cache", ".", cwd=tmp_path)
    data = json.loads(result.out)
    assert [(f["path"], f["line"], f["column"], f["rule"], f["message"], f["link"]) for f in data["findings"]] == [
        ("draft.md", 1, 3, "Test.Rule", "'Zebra'", "https://example.org/zebra")]
    assert data["findings"][0]["fix"][0]["replacement"] == "horse"
    sarif = json.loads(cli("check", "--config", ".vale.ini", "--format", "sarif", "--no-cache", ".",
                           cwd=tmp_path).out)
    assert sarif["runs"][0]["tool"]["driver"]["rules"][0]["helpUri"] == "https://example.org/zebra"
    listing = cli("rules", "--config", ".vale.ini", cwd=tmp_path).out
    line = next(x for x in listing.splitlines() if x.startswith("Test.Rule"))
    assert "warning" in line and "Rule.yml" in line and "Vale warning" in line
    assert "term-prefer" in listing and "off" in next(x for x in listing.splitlines() if x.startswith("term-prefer"))
    explained = cli("explain", "Test.Rule", "--config", ".vale.ini", cwd=tmp_path).out
    assert "Rule.yml" in explained and "existence" in explained
    (tmp_path / "styles" / "Test" / "Rule.yml").write_text("extends: nope\nmessage: x\n", encoding="utf-8")
    bad = cli("check", "--config", ".vale.ini", ".", cwd=tmp_path)
    assert bad.returncode == 2 and len(bad.err.strip().splitlines()) == 1 and "Rule.yml" in bad.err


def test_vale_key_in_factlint_yaml(tmp_path, cli):
    write_style(tmp_path, {"Rule": WORD.format(scope="text")})
    (tmp_path / "factlint.yaml").write_text("vale: .vale.ini\nrules:\n  Test.Rule: error\n", encoding="utf-8")
    (tmp_path / "draft.md").write_text("A Zebra. Experts say it is fast.\n", encoding="utf-8")
    data = json.loads(cli("check", "--format", "json", "--no-cache", ".", cwd=tmp_path).out)
    got = {(f["rule"], f["severity"]) for f in data["findings"]}
    assert ("Test.Rule", "error") in got and ("claim-vague-source", "warning") in got


SCOPES_DRAFT = """\
    ---
    title: Zebra headline
    ---

    # Zebra title

    ## Zebra section

    Plain Zebra, `Zebra` code, **Zebra** strong, *Zebra* em, <kbd>Zebra</kbd>, <tt>Zebra</tt>, [Zebra](https://x.org).

    - a Zebra item

    > a Zebra quote

    | Zebra head |
    | --- |
    | a Zebra cell |

    ```
    Zebra in code
    ```
    """


def _scoped(tmp_path, ini: str, scope: str = "text") -> list[tuple[int, int]]:
    config = write_style(tmp_path, {"Rule": WORD.format(scope=scope)}, ini=ini)
    return sorted((f.line, f.column) for f in vale_lint(config, SCOPES_DRAFT))


def test_ignored_and_skipped_scopes_default_to_vales(tmp_path):
    # code and tt ignored; pre (code blocks), script, style and figure skipped; kbd is linted.
    found = _scoped(tmp_path, "")
    assert found == [(2, 8), (5, 3), (7, 4), (9, 7), (9, 30), (9, 47), (9, 63), (9, 93),
                     (11, 5), (13, 5), (15, 3), (17, 5)]
    assert lines(vale_lint(write_style(tmp_path, {"Rule": WORD.format(scope="text")}),
                           "Say `Zebra` then Zebra.\n")) == ["1:18:Test.Rule:'Zebra'"]


def test_ignored_scopes_hide_inline_text_and_keep_columns(tmp_path):
    found = _scoped(tmp_path, "IgnoredScopes = code, tt, strong, em, kbd, a, frontmatter\n")
    assert found == [(5, 3), (7, 4), (9, 7), (11, 5), (13, 5), (15, 3), (17, 5)]
    # Link text ignored: a rule scoped to links finds nothing either.
    assert _scoped(tmp_path, "IgnoredScopes = code, a\n", scope="link") == []
    assert _scoped(tmp_path, "IgnoredScopes = code\n", scope="link") == [(9, 93)]


def test_code_is_linted_when_neither_ignored_nor_skipped(tmp_path):
    found = _scoped(tmp_path, "IgnoredScopes = tt\nSkippedScopes = script, style\n")
    assert (9, 15) in found and (20, 1) in found  # the code span's Zebra and the fenced block's
    # Code spans ignored but code blocks not skipped: the block's <code> is still ignored.
    assert (20, 1) not in _scoped(tmp_path, "IgnoredScopes = tt, code\nSkippedScopes = script\n")
    assert (20, 1) not in _scoped(tmp_path, "IgnoredScopes = tt\nSkippedScopes = code\n")


def test_skipped_scopes_leave_whole_blocks_out(tmp_path):
    found = _scoped(tmp_path, "SkippedScopes = pre, h1, li, blockquote, table, frontmatter\n")
    assert sorted({line for line, _ in found}) == [7, 9]
    # A quote's paragraph is a <p> too; a tight list item's is not.
    assert sorted({line for line, _ in _scoped(tmp_path, "SkippedScopes = pre, p, th\n")}) == [
        2, 5, 7, 11, 17]
