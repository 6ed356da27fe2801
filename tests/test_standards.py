"""For the standards desk: ``facts where`` and ``register stale``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from factlint.register import load_register
from factlint.standards import excerpt, period_end, stale_facts

REGISTER = """\
sources:
  harbour-survey-2024:
    publisher: Harbour Statistics Office
    date: 2024-03-10
    cite_as: [Harbour Statistics Office, HSO]
  ferry-report-2019:
    publisher: Ferry Users Group
    date: "2019"
  tram-audit-2026:
    publisher: City Audit Office
    date: 2026-05
facts:
  - id: harbour-broadband-share
    claim: Share of harbour households with broadband
    about: [harbour, [broadband, internet]]
    values:
      - {value: 87%, when: 2024}
    source: harbour-survey-2024
    tolerance: 0.5
  - id: ferry-riders
    claim: Weekly ferry riders
    about: [ferry, riders]
    values:
      - {value: 12000}
    source: ferry-report-2019
    valid_until: 2020-12
    superseded_by: tram-late-share
  - id: tram-late-share
    claim: Share of trams that ran late
    about: [trams, late]
    values:
      - {value: 9%}
    source: tram-audit-2026
    valid_until: "2999"
"""

DRAFT_A = """\
# Connected harbour

Nearly 87% of harbour homes now have broadband, the council said.

The HSO found that 87.3% of them were online by spring.

The HSO also counted 40 new cafes on the quay.
"""

DRAFT_B = "Trams ran late on 9% of trips last year.\n\nFerry riders were up again.\n"


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    (tmp_path / "factlint.yaml").write_text("register: [register.yaml]\n", encoding="utf-8")
    (tmp_path / "register.yaml").write_text(REGISTER, encoding="utf-8")
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "harbour.md").write_text(DRAFT_A, encoding="utf-8")
    (tmp_path / "drafts" / "transport.txt").write_text(DRAFT_B, encoding="utf-8")
    return tmp_path


def test_facts_where_lists_citing_sentences(cli, desk: Path) -> None:
    result = cli("facts", "where", "harbour-broadband-share", "drafts", cwd=desk)
    assert result.returncode == 0, result.err
    assert result.out.splitlines() == [
        # about: "harbour" and "broadband" in one sentence
        "drafts/harbour.md:3:1: harbour-broadband-share: Nearly 87% of harbour homes now have broadband, "
        "the council said.",
        # no "broadband", but names the source and states the figure (within tolerance)
        "drafts/harbour.md:5:1: harbour-broadband-share: The HSO found that 87.3% of them were online by "
        "spring.",
    ]


def test_facts_where_searches_the_current_folder_by_default(cli, desk: Path) -> None:
    result = cli("facts", "where", "tram-late-share", cwd=desk)
    assert result.out == "drafts/transport.txt:1:1: tram-late-share: Trams ran late on 9% of trips last year.\n"


def test_facts_where_with_no_citation_says_so_on_stderr(cli, desk: Path) -> None:
    (desk / "drafts" / "transport.txt").write_text("Buses were on time.\n", encoding="utf-8")
    result = cli("facts", "where", "tram-late-share", "drafts", cwd=desk)
    assert result.returncode == 0 and result.out == ""
    assert "No draft cites fact 'tram-late-share' (2 files searched)." in result.err


def test_facts_where_unknown_fact_is_an_error_naming_the_known_ones(cli, desk: Path) -> None:
    result = cli("facts", "where", "harbour-share", cwd=desk)
    assert result.returncode == 2
    assert result.err.startswith("factlint: error: unknown fact 'harbour-share' (facts: harbour-broadband-share,")


def test_source_name_or_figure_alone_does_not_cite(cli, desk: Path) -> None:
    (desk / "drafts" / "harbour.md").write_text(
        "The HSO publishes every March.\n\nSome 87% of readers liked the redesign.\n", encoding="utf-8")
    result = cli("facts", "where", "harbour-broadband-share", "drafts", cwd=desk)
    assert result.out == ""


def test_register_stale_lists_old_expired_and_superseded_facts(cli, desk: Path) -> None:
    result = cli("register", "stale", "--before", "2025-01-01", cwd=desk)
    assert result.returncode == 1
    assert result.out.splitlines() == [
        "register.yaml:13:5: harbour-broadband-share: source 'harbour-survey-2024' is dated 2024-03-10, "
        "before 2025-01-01 (Share of harbour households with broadband)",
        "register.yaml:20:5: ferry-riders: source 'ferry-report-2019' is dated 2019, before 2025-01-01; "
        "valid until 2020-12, which has passed; superseded by 'tram-late-share' (Weekly ferry riders)",
    ]
    assert "2 stale facts of 3." in result.err


def test_register_stale_without_a_date_lists_only_expired_and_superseded(cli, desk: Path) -> None:
    result = cli("register", "stale", cwd=desk)
    assert [line.split(": ")[1] for line in result.out.splitlines()] == ["ferry-riders"]


def test_register_stale_exit_0_when_nothing_is_stale(cli, desk: Path) -> None:
    (desk / "register.yaml").write_text(REGISTER.split("  - id: ferry-riders")[0], encoding="utf-8")
    result = cli("register", "stale", "--before", "2020-01-01", cwd=desk)
    assert result.returncode == 0 and result.out == ""


def test_register_stale_bad_date_is_a_usage_error(cli, desk: Path) -> None:
    result = cli("register", "stale", "--before", "last year", cwd=desk)
    assert result.returncode == 2 and "--before: 'last year' is not a date" in result.err


def test_a_period_is_old_only_when_all_of_it_is() -> None:
    assert period_end("2024") == dt.date(2024, 12, 31)
    assert period_end("2024-02") == dt.date(2024, 2, 29)
    assert period_end("2023-12") == dt.date(2023, 12, 31)
    assert period_end("2024-02-03") == dt.date(2024, 2, 3)
    register = load_register([("register.yaml", REGISTER)])
    facts = {f.id: f for f in register.facts}
    # tram-audit-2026 is dated 2026-05: not before 2026-05-15, but before 2026-06-01.
    assert not stale_facts([facts["tram-late-share"]], dt.date(2026, 5, 15), dt.date(2026, 1, 1))
    assert stale_facts([facts["tram-late-share"]], dt.date(2026, 6, 1), dt.date(2026, 1, 1))
    # valid_until 2020-12 is still valid on the last day of that month.
    ferry = facts["ferry-riders"]
    assert [r for s in stale_facts([ferry], None, dt.date(2020, 12, 31)) for r in s.reasons] == [
        "superseded by 'tram-late-share'"]


def test_excerpt_is_one_line_cut_at_a_word() -> None:
    assert excerpt("Short\n  sentence.") == "Short sentence."
    long = "word " * 40
    cut = excerpt(long, 30)
    assert cut.endswith("…") and len(cut) <= 30 and not cut[:-1].endswith(" ")
