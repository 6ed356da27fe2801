"""Files per second per worker: the local engine beside the Dask engine, in one run.

Sizing a cluster for an archive needs one number, what a single worker
process lints per second, and how much of it the Dask engine keeps (task
overhead, sending results back). This runs ``factlint check --format json``
over the BBC corpus as a user would, in turn:

- local, ``--jobs 1`` (the baseline a worker is compared with);
- local, ``--jobs N`` (a process pool on this machine);
- ``--engine dask --scheduler ADDRESS`` on a LocalCluster of N single-threaded
  worker processes this script starts beforehand, as a long-lived cluster is;
- ``--engine dask`` with no scheduler, which starts and stops its own cluster
  (the start-up cost a one-off run pays).

Each run is timed end to end (interpreter start, register, discovery,
linting, report), and its CPU time is counted too: the command's process
tree, and for the running cluster its workers' CPU and the client's apart.
Wall time depends on what else the machine is doing; files per CPU-second
of a worker does not, and is the number to size a cluster with. Rounds are
interleaved (every engine once, then again) and the best wall time kept, so
a busy moment does not fall on one engine only. Every report must be byte
for byte the ``--jobs 1`` one. The cache is off, so every file is linted.

Usage: python bench/dask_throughput.py [CORPUS_DIR] [--workers 2] [--repeat 3]
"""

from __future__ import annotations

import argparse
import logging
import os
import resource
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "bbc-news"


@dataclass
class Engine:
    """One way of running the check, and the best of its runs."""

    name: str
    workers: int
    args: list[str]
    # For the running cluster: CPU seconds its workers have used so far.
    worker_cpu: Callable[[], float] | None = None
    wall: float = float("inf")
    cpu: float = 0.0         # the command's process tree, in the best run
    cluster_cpu: float = 0.0  # the running cluster's workers, in the best run
    reports: set[bytes] = field(default_factory=set)


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_once(engine: Engine, corpus: Path) -> None:
    cmd = [sys.executable, "-m", "factlint", "check", "--format", "json", "--exit-zero", "--no-cache",
           "--no-baseline", "--config", str(ROOT / "factlint.yaml"), *engine.args, str(corpus)]
    cpu0, workers0 = children_cpu(), engine.worker_cpu() if engine.worker_cpu else 0.0
    start = time.perf_counter()
    result = subprocess.run(cmd, capture_output=True, cwd=ROOT)
    wall = time.perf_counter() - start
    if not result.stdout.strip():
        sys.exit(f"{engine.name}: no report (exit {result.returncode}):\n{result.stderr.decode()[-2000:]}")
    engine.reports.add(result.stdout)
    if wall < engine.wall:
        engine.wall, engine.cpu = wall, children_cpu() - cpu0
        engine.cluster_cpu = engine.worker_cpu() - workers0 if engine.worker_cpu else 0.0


def count_files(corpus: Path) -> int:
    cmd = [sys.executable, "-m", "factlint", "check", "--show-files", "--config",
           str(ROOT / "factlint.yaml"), str(corpus)]
    return len(subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT).stdout.splitlines())


def _process_cpu() -> float:
    """Run on each worker: the CPU seconds of its process so far."""
    import psutil

    times = psutil.Process(os.getpid()).cpu_times()
    return times.user + times.system


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--workers", type=int, default=2, help="processes for --jobs N and the cluster")
    parser.add_argument("--repeat", type=int, default=3, help="interleaved rounds; the best run is kept")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"Corpus not found: {args.corpus} (skipped).")
        return
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        print("Dask is not installed: pip install 'factlint[dask]' (skipped).")
        return
    files, k = count_files(args.corpus), args.workers
    with LocalCluster(n_workers=k, threads_per_worker=1, processes=True, dashboard_address=None,
                      scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
                      silence_logs=logging.ERROR) as cluster, Client(cluster, set_as_default=False) as client:
        engines = [
            Engine("local --jobs 1", 1, ["--jobs", "1"]),
            Engine(f"local --jobs {k}", k, ["--jobs", str(k)]),
            Engine(f"dask, running cluster of {k}", k, ["--engine", "dask", "--scheduler", cluster.scheduler_address],
                   worker_cpu=lambda: sum(client.run(_process_cpu).values())),
            Engine("dask, cluster started by the run", k, ["--engine", "dask"]),
        ]
        for round_ in range(args.repeat):
            for engine in engines:
                run_once(engine, args.corpus)
            print(f"round {round_ + 1} of {args.repeat} done", file=sys.stderr)
    report(engines, files)


def report(engines: list[Engine], files: int) -> None:
    base = engines[0]
    print(f"{files} files, {os.cpu_count()} cores; wall time of the whole command, best of the rounds\n")
    print(f"{'engine':<34} {'wall s':>7} {'files/s':>8} {'/worker':>8} {'vs -j1':>7} "
          f"{'CPU s':>6} {'files/CPU-s':>11}  report")
    for e in engines:
        per_worker = files / e.wall / e.workers
        cpu = e.cpu + e.cluster_cpu
        same = "identical" if e.reports == base.reports and len(e.reports) == 1 else "DIFFERS"
        print(f"{e.name:<34} {e.wall:>7.2f} {files / e.wall:>8.1f} {per_worker:>8.1f} "
              f"{per_worker / (files / base.wall):>6.2f}x {cpu:>6.1f} {files / cpu:>11.1f}  {same}")
    for e in engines:
        if e.cluster_cpu:
            print(f"\n{e.name}: workers {e.cluster_cpu:.1f} CPU-s ({files / e.cluster_cpu:.1f} files per "
                  f"worker CPU-second), client {e.cpu:.1f} CPU-s ({files / e.cpu:.0f} files per client "
                  "CPU-second: discovery, results, the JSON report)")
    if any(e.reports != base.reports for e in engines):
        sys.exit("A report differs from the --jobs 1 one.")


if __name__ == "__main__":  # the cluster's worker processes import this file again
    main()
