"""The Dask engine: the same report as the local engine, from a cluster.

One two-worker cluster of real processes is started for the module (about a
second); each CLI run against it is a subprocess, as a user runs it. The
drafts are written here, from sentences made up for these tests.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import pickle
import socket
import time
from pathlib import Path

import pytest

from conftest import run_cli

distributed = pytest.importorskip("distributed")

from factlint import cli  # noqa: E402
from factlint import distributed as engine  # noqa: E402
from factlint.engine import FileResult  # noqa: E402
from factlint.errors import FactlintError  # noqa: E402
from factlint.files import discover  # noqa: E402
from factlint.project import LinterSpec, build_linter, load_project  # noqa: E402

CONFIG = """\
register: [register.yaml]
packs: [ai-journalism, house-style]
per-file-ignores:
  "drafts/archive/*": [stat-unattributed]
"""
REGISTER = """\
sources:
  city-stats-2026:
    publisher: Harbourton City Statistics Office
    date: 2026-02-10
    cite_as: [Harbourton City Statistics Office]
facts:
  - id: harbourton-population
    claim: Harbourton's population
    about: [Harbourton, population]
    values:
      - {value: "410,000", when: 2025}
    source: city-stats-2026
terms:
  - use: Harbourton Metro
    instead_of: [HarbourtonMetro]
  - consistent: [U.S., US]
"""
# Paragraphs of made-up news; some are flagged (vague source, open-source model,
# unsourced statistic, absolute claim, fact mismatch, term spelling, lone quote).
PARAGRAPHS = [
    "Experts say the policy failed.",
    "The start-up released an open-source model last week, and its rivals followed.",
    "Bus fares rose 12% in the region last year.",
    "It is the tallest tower ever built in the city.",
    "Harbourton's population reached 450,000 in 2025, the Harbourton City Statistics Office said.",
    "Riders on HarbourtonMetro complained about delays on the northern line.",
    "The plan was shelved in March.\n\n“We cannot afford to build it now, and nobody will pay for it later.”",
    "The US delegation met U.S. trade officials on Tuesday.",
    "The council met on Tuesday to discuss the new timetable. Maria Lopez, the council's transport "
    "chief, said the changes would start in May.",
    "Volunteers painted the footbridge over the canal at the weekend.",
    "Some observers believe the merger will be blocked.",
    "The ferry leaves the harbour at seven and returns at noon.",
]


def _draft(i: int) -> str:
    picks = [PARAGRAPHS[(i * k + k) % len(PARAGRAPHS)] for k in (1, 3, 5)]
    return f"# Harbourton briefing {i}\n\n" + "\n\n".join(picks) + "\n"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Twenty drafts in two folders, one of them under per-file-ignores, and one bad file."""
    root = tmp_path_factory.mktemp("newsroom")
    (root / "factlint.yaml").write_text(CONFIG, encoding="utf-8")
    (root / "register.yaml").write_text(REGISTER, encoding="utf-8")
    for i in range(20):
        folder = root / "drafts" / ("archive" if i % 4 == 3 else "desk")
        folder.mkdir(parents=True, exist_ok=True)
        suffix = ".txt" if i % 5 == 4 else ".md"
        text = _draft(i) + ("\n" + PARAGRAPHS[2] + "\n" if folder.name == "archive" else "")
        (folder / f"story-{i:02d}{suffix}").write_text(text, encoding="utf-8")
    (root / "drafts" / "desk" / "story-latin1.txt").write_bytes("Caf\xe9 prices rose.\n".encode("latin-1"))
    return root


@pytest.fixture(scope="module")
def cluster():
    """Two single-threaded worker processes, started in this (pytest's) folder, not the project's."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None, silence_logs=logging.ERROR,
                                  scheduler_kwargs={"dashboard_address": "127.0.0.1:0"}) as local:
        with distributed.Client(local, set_as_default=False) as client:
            yield client


def _check(project: Path, *args: str, cwd: Path | None = None):
    return run_cli("check", "--no-cache", *args, cwd=cwd or project)


def _same(local, dask) -> None:
    assert local.returncode == 2, local.stderr  # the Latin-1 draft is an input error
    assert dask.stdout == local.stdout
    assert dask.stderr == local.stderr
    assert dask.returncode == local.returncode


def test_cluster_report_is_byte_for_byte_the_local_one(project: Path, cluster) -> None:
    address = cluster.scheduler.address
    for fmt in ("json", "full"):  # full shows register entries, whose paths depend on the folder
        local = _check(project, "--format", fmt, "--jobs", "1", "drafts")
        dask = _check(project, "--format", fmt, "--engine", "dask", "--scheduler", address, "drafts")
        _same(local, dask)
    out = local.stdout.decode("utf-8")
    for rule in ("claim-vague-source", "term-prefer", "stat-unattributed", "fact-mismatch",
                 "term-spelling", "quote-unattributed", "(register.yaml:"):
        assert rule in out
    assert "story-latin1.txt:1:4: not UTF-8" in local.stderr.decode("utf-8")
    stats = {line.split(":")[0].split("/")[1] for line in out.splitlines() if "[stat-unattributed]" in line}
    assert stats == {"desk"}  # per-file-ignores: the archive's statistics are not reported


def test_from_a_subfolder_too(project: Path, cluster) -> None:
    """Display paths and per-file-ignores follow the client's folder, not the worker's."""
    here = project / "drafts"
    args = ("--format", "json", "archive", "desk")
    local = _check(project, *args, "--jobs", "1", cwd=here)
    dask = _check(project, *args, "--engine", "dask", "--scheduler", cluster.scheduler.address, cwd=here)
    _same(local, dask)


def _files(project: Path) -> list[tuple[str, Path]]:
    """The drafts as the CLI finds them from ``project`` (the current folder)."""
    assert Path.cwd() == project
    return [item for item in discover(["drafts"]) if not isinstance(item, FactlintError)]


def _same_results(mine: FileResult, theirs: FileResult) -> None:
    """Equal in everything a report uses (exceptions compare by identity, so by their fields)."""
    assert (theirs.path, theirs.findings, theirs.text) == (mine.path, mine.findings, mine.text)
    assert [f.related for f in theirs.findings] == [f.related for f in mine.findings]
    assert [f.source_line for f in theirs.findings] == [f.source_line for f in mine.findings]
    assert type(theirs.error) is type(mine.error)
    if mine.error:
        assert vars(theirs.error) == vars(mine.error) and str(theirs.error) == str(mine.error)


def _spec(project: Path) -> LinterSpec:
    return LinterSpec(str(project / "factlint.yaml"), cwd=str(project))


def test_results_in_order_with_everything_a_report_uses(project: Path, cluster, monkeypatch) -> None:
    monkeypatch.chdir(project)
    files = _files(project)
    local = list(build_linter(load_project()).lint_files(files, jobs=1))
    before = cluster.run(engine.worker_builds)
    # One file per task: 21 tasks over two workers, finishing out of order.
    remote = list(engine.lint_on_dask(_spec(project), files, cluster.scheduler.address, batch_size=1))
    assert [r.path for r in remote] == [d for d, _ in files]
    assert any(r.error for r in local) and any(f.related for r in local for f in r.findings)
    for mine, theirs in zip(local, remote):
        _same_results(mine, theirs)
    built = {w: n - before[w] for w, n in cluster.run(engine.worker_builds).items()}
    assert set(built.values()) <= {0, 1} and sum(built.values()) >= 1, built  # once per worker per run


def test_a_long_lived_cluster_sees_an_edited_register(project: Path, cluster, monkeypatch, tmp_path) -> None:
    """Each run builds its own Linter, so a register edited between runs is used."""
    (tmp_path / "factlint.yaml").write_text("register: [register.yaml]\n", encoding="utf-8")
    (tmp_path / "a.md").write_text("Riders on HarbourtonMetro waited.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    spec, files = _spec(tmp_path), [("a.md", Path("a.md"))]
    rules = {"term-spelling"}
    (tmp_path / "register.yaml").write_text("terms: []\n", encoding="utf-8")
    first = list(engine.lint_on_dask(spec, files, cluster.scheduler.address))
    (tmp_path / "register.yaml").write_text(REGISTER, encoding="utf-8")
    second = list(engine.lint_on_dask(spec, files, cluster.scheduler.address))
    assert not rules & {f.rule for f in first[0].findings}
    assert rules <= {f.rule for f in second[0].findings}


def test_a_worker_without_the_clients_folder_is_one_clear_error(project: Path, cluster, monkeypatch) -> None:
    monkeypatch.chdir(project)
    spec = LinterSpec(None, cwd=str(project / "not-mounted-here"))
    with pytest.raises(FactlintError, match="shared storage"):
        list(engine.lint_on_dask(spec, _files(project)[:1], cluster.scheduler.address))


def test_stopping_early_cancels_the_rest(project: Path, cluster, monkeypatch) -> None:
    monkeypatch.chdir(project)
    results = engine.lint_on_dask(_spec(project), _files(project), cluster.scheduler.address, batch_size=1)
    assert isinstance(next(results), FileResult)
    results.close()
    deadline = time.monotonic() + 5
    while cluster.processing() and any(cluster.processing().values()) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(cluster.processing().values())


def test_default_engine_starts_and_closes_a_local_cluster(project: Path) -> None:
    local = _check(project, "--format", "json", "--jobs", "1", "drafts")
    start = time.monotonic()
    dask = _check(project, "--format", "json", "--engine", "dask", "drafts")
    _same(local, dask)
    assert time.monotonic() - start < 30


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_unreachable_scheduler_is_one_line_and_exit_2(project: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(project)
    monkeypatch.setattr(engine, "CONNECT_TIMEOUT", 1)
    address = f"tcp://127.0.0.1:{_free_port()}"
    assert cli.main(["check", "--no-cache", "--engine", "dask", "--scheduler", address, "drafts"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"factlint: error: cannot connect to the Dask scheduler at '{address}'")
    assert len(err.splitlines()) == 1


def test_malformed_scheduler_address_is_one_line_and_exit_2(project: Path) -> None:
    result = _check(project, "--engine", "dask", "--scheduler", "newsroom-cluster", "drafts")
    assert result.returncode == 2
    assert result.stderr.decode().splitlines() == [
        "factlint: error: --scheduler 'newsroom-cluster' is not a Dask scheduler address "
        "(missing port number in address 'newsroom-cluster'); use tcp://HOST:PORT"]


def test_without_distributed_installed_says_what_to_install(project: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(project)
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "distributed" else real(name, *a))
    assert cli.main(["check", "--no-cache", "--engine", "dask", "drafts"]) == 2
    assert capsys.readouterr().err == (
        "factlint: error: --engine dask needs distributed: pip install 'factlint[dask]'\n")


def test_no_files_starts_no_cluster(monkeypatch) -> None:
    monkeypatch.setattr(engine, "_session", lambda scheduler: pytest.fail("started a cluster"))
    assert list(engine.lint_on_dask(LinterSpec(None), [], None)) == []


def test_results_survive_pickling(project: Path, monkeypatch) -> None:
    """What a worker sends back: findings with register entries, and read errors with their fields."""
    monkeypatch.chdir(project)
    linter = build_linter(load_project())
    for display, path in _files(project):
        result = linter.lint_file(display, path)
        _same_results(result, pickle.loads(pickle.dumps(result)))


def test_batches_amortise_overhead_and_keep_workers_busy() -> None:
    assert engine._batch_size(20, 2) == 3
    assert engine._batch_size(2225, 2) == engine.MAX_BATCH
    assert engine._batch_size(1, 64) == 1
    items = [(str(i), os.sep + str(i)) for i in range(7)]
    assert [len(b) for b in engine._batches(items, 3)] == [3, 3, 1]
    assert [x for b in engine._batches(items, 3) for x in b] == items


def test_a_worker_with_another_factlint_refuses(project: Path, monkeypatch) -> None:
    """Reports are identical only when every worker runs the client's factlint."""
    monkeypatch.chdir(project)
    job = engine.Job(_spec(project), "run-with-an-old-client", "0.0.1")
    with pytest.raises(FactlintError, match="runs factlint .* and the client 0.0.1"):
        engine.lint_batch(job, (("drafts/desk/story-00.md", str(project / "drafts/desk/story-00.md")),))
