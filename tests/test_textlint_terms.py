"""textlint-rule-terminology's own cases (from ../shared), run with its default terms as a register.

The terms and cases are read from ../shared/peers/textlint-rule-terminology by
bench/textlint_terms.py, never copied here; skipped when that folder is absent.
"""

from __future__ import annotations

import importlib.util

import pytest

from conftest import ROOT, SHARED

PEER = SHARED / "peers" / "textlint-rule-terminology"
pytestmark = pytest.mark.skipif(not (PEER / "cases.json").is_file() or not (PEER / "terms.json").is_file(),
                                reason="textlint-rule-terminology not in ../shared/peers")


def _bench():
    spec = importlib.util.spec_from_file_location("textlint_terms", ROOT / "bench" / "textlint_terms.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def bench():
    return _bench()


@pytest.fixture(scope="module")
def textlint_linter(bench):
    return bench.linter(bench.register_yaml(PEER))


def _ids():
    if not (PEER / "cases.json").is_file():
        return []
    return _bench().cases(PEER)


@pytest.mark.parametrize("case", _ids(), ids=lambda c: ("valid: " if c["valid"] else "invalid: ") + c["text"][:40])
def test_textlint_case(bench, textlint_linter, case) -> None:
    ok, what = bench.run_case(textlint_linter, case)
    assert ok, what


def test_all_29_default_term_cases_pass_and_the_pattern_terms_are_what_it_took(bench) -> None:
    assert bench.textlint_cases(PEER, verbose=False) == (29, 29)
    exact_only = bench.linter(bench.register_yaml(PEER, patterns=0))
    assert sum(bench.run_case(exact_only, c)[0] for c in bench.cases(PEER)) == 23


def test_the_cases_pass_with_the_pack_factlint_import_prints(bench, cli, tmp_path) -> None:
    """As issue 8 asks: `factlint import textlint-terms raw/terms.jsonc > textlint-terms.yaml`."""
    result = cli("import", "textlint-terms", str(PEER / "raw" / "terms.jsonc"), cwd=tmp_path)
    assert result.returncode == 0, result.err
    (tmp_path / "textlint-terms.yaml").write_text(result.out, encoding="utf-8")
    imported = bench.linter(result.out)
    assert sum(bench.run_case(imported, c)[0] for c in bench.cases(PEER)) == 29
    (tmp_path / "factlint.yaml").write_text("packs: [textlint-terms.yaml]\n", encoding="utf-8")
    (tmp_path / "d.md").write_text("We deploy it with Javascript and docker.\n", encoding="utf-8")
    found = cli("check", "--format", "concise", "d.md", cwd=tmp_path).out
    assert 'Write "JavaScript", not "Javascript".' in found or "JavaScript" in found
