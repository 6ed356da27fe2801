"""The Microsoft and Red Hat Vale styles against their own fixtures (from ../shared).

The default run lints in-process (the same loading and linting the CLI does);
the slow tests run the bench harnesses, which use the CLI, for the numbers
reported in the README. Skipped when ../shared is absent.
"""

from __future__ import annotations

import importlib.util
import os
from collections import Counter
from pathlib import Path

import pytest

from conftest import ROOT, SHARED
from factlint.files import discover
from factlint.project import build_linter, load_project

MICROSOFT = SHARED / "peers" / "vale-styles" / "Microsoft"
REDHAT = SHARED / "peers" / "vale-styles" / "vale-at-red-hat" / ".vale" / "fixtures" / "RedHat"
needs_microsoft = pytest.mark.skipif(not (MICROSOFT / "features" / "rules.feature").is_file(),
                                     reason="Microsoft style not in ../shared/peers/vale-styles")
needs_redhat = pytest.mark.skipif(not REDHAT.is_dir(), reason="Red Hat style not in ../shared/peers/vale-styles")


def _bench(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _lint_folder(folder: Path, names: list[str] | None = None) -> dict[str, list]:
    cwd = os.getcwd()
    os.chdir(folder)
    try:
        project = load_project(".vale.ini")
        linter = build_linter(project)
        if names is None:
            names = [d for d, _ in (x for x in discover(["."], project.config.include,
                                                          project.config.exclude) if isinstance(x, tuple))]
        return {n: linter.lint_text(n, Path(n).read_text(encoding="utf-8")) for n in names}
    finally:
        os.chdir(cwd)


@needs_microsoft
def test_microsoft_feature_file_in_process():
    bench = _bench("vale_microsoft")
    expected_total = reproduced = extra = 0
    for name, expected in bench.scenarios(MICROSOFT / "features" / "rules.feature"):
        found = _lint_folder(MICROSOFT / "fixtures" / name)
        got = Counter(f"{f.path}:{f.line}:{f.column}:{f.rule}:{f.message}" for fs in found.values() for f in fs)
        want = Counter(expected)
        expected_total += len(expected)
        reproduced += sum((want & got).values())
        extra += sum((got - want).values())
    assert expected_total >= 100
    assert reproduced / expected_total >= 0.99, (reproduced, expected_total)
    assert extra / expected_total < 0.02, extra


@needs_redhat
def test_redhat_fixture_protocol_in_process():
    from factlint.vale.spelling import find_default

    right = total = 0
    for folder in sorted(p for p in REDHAT.iterdir() if (p / ".vale.ini").is_file()):
        if folder.name == "Spelling" and not find_default([]):
            continue  # needs an en_US Hunspell dictionary (hunspell-en-us), as Vale ships its own
        found = _lint_folder(folder, ["testvalid.adoc", "testinvalid.adoc"])
        valid_lines = {f.line for f in found["testvalid.adoc"]}
        invalid_lines = {f.line for f in found["testinvalid.adoc"]}
        for n, line in enumerate((folder / "testvalid.adoc").read_text(encoding="utf-8").splitlines(), 1):
            if line.strip() or n in valid_lines:
                total += 1
                right += n not in valid_lines
        for n, line in enumerate((folder / "testinvalid.adoc").read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                total += 1
                right += n in invalid_lines
    assert total > 5000
    assert right / total >= 0.995, (right, total)


@pytest.mark.slow
@needs_microsoft
def test_microsoft_harness_cli():
    result = _bench("vale_microsoft").measure(MICROSOFT)
    assert result["reproduced"] / result["expected"] >= 0.99
    assert result["extra"] / result["expected"] < 0.02


@pytest.mark.slow
@needs_redhat
def test_redhat_harness_cli():
    from factlint.vale.spelling import find_default

    if not find_default([]):
        pytest.skip("no en_US Hunspell dictionary (apt-get install hunspell-en-us) for RedHat.Spelling")
    result = _bench("vale_redhat").measure()
    assert result["right"] / result["lines"] >= 0.995
