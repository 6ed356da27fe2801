"""Guards on the editor-labelled benchmarks, so a rule change that brings the noise back fails.

The thresholds are the trust issue's bar (precision 0.90, recall 0.70 on the
newsdesk dev set; PolNeAR's attributed figures flagged no more than the 6 of
when that work began). The articles are read from ../shared, never copied here.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from conftest import ROOT, SHARED

NEWSDESK = SHARED / "eval" / "newsdesk"
POLNEAR = SHARED / "eval" / "polnear-dev"
pytestmark = pytest.mark.skipif(not (NEWSDESK / "dev").is_dir() or not POLNEAR.is_dir(),
                                reason="needs ../shared/eval (the labelled articles)")
FACTLINT = f"{sys.executable} -m factlint"


def _run(*args: str) -> str:
    result = subprocess.run([sys.executable, *args], capture_output=True, text=True, cwd=ROOT,
                            timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def test_newsdesk_dev_meets_the_editor_bar() -> None:
    out = _run(str(NEWSDESK / "score.py"), str(NEWSDESK / "dev"), "--factlint", FACTLINT,
               "--config", str(ROOT / "factlint.yaml"), "--json")
    result = json.loads(out)
    overall = result["all"]
    assert overall["precision"] >= 0.90 and overall["recall"] >= 0.70, overall
    assert overall["unjudged"] <= 0.05 * (overall["tp"] + overall["fp"] + overall["unjudged"])
    for family, row in result.items():
        findings = row["tp"] + row["fp"] + row["unjudged"]
        if family != "all" and findings >= 10:
            assert row["precision"] >= 0.85, (family, row)


def test_polnear_attributed_figures_are_not_flagged_more() -> None:
    out = _run(str(SHARED / "eval" / "polnear_eval.py"), str(POLNEAR), "--factlint", FACTLINT,
               "--config", str(ROOT / "factlint.yaml"))
    flagged_attributed = int(re.search(r"flagged attributed \(fp\) (\d+)", out).group(1))
    assert flagged_attributed <= 6, out
