"""Lint drafts on a Dask cluster: ``factlint check --engine dask [--scheduler ADDRESS]``.

An archive too large for one machine is linted by many: the client (this
process) sends batches of file paths, each worker reads and lints them with
a Linter it built itself, and the results come back in the order of the
files, so every report is byte for byte what the local engine prints.

Why it is shaped this way:

- **The Linter is built once per worker process**, from a small
  ``LinterSpec`` (config path, --select, --ignore, the client's folder),
  and kept in a module-level cache. A Linter holds the register, its term
  index and compiled rules; pickling it with every task would cost more
  than linting the files.
- **Batches of files** (up to ``MAX_BATCH`` per task), because a Dask task
  costs about a millisecond of scheduling and a round trip, comparable to
  linting one short draft.
- **Paths, not texts, travel**: workers read the drafts themselves from
  storage they share with the client, so the client's network link is not
  the bottleneck. Paths are made absolute on the client.
- **The worker enters the client's folder** (``os.chdir(spec.cwd)``).
  Display paths of register entries, the config's per-file-ignores and a
  config found without ``--config`` are all relative to the current
  folder; entering the client's folder makes the worker compute exactly
  what the client would. A worker process is dedicated to this work, so
  changing its folder is acceptable; run workers with one thread
  (``--nthreads 1``), since the folder belongs to the whole process.
- **A bounded window of batches in flight**, collected in input order: a
  batch's results are yielded as soon as it and every earlier batch are
  done, and the client never holds more than the window in memory beyond
  what the caller keeps.

Dask is imported only inside this module (and only when it is used); this
module imports the engine and the project, never the reverse.
"""

from __future__ import annotations

import logging
import math
import os
import threading
import uuid
from collections import OrderedDict, deque
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator, Sequence

from factlint import __version__
from factlint.engine import FileResult, Linter
from factlint.errors import FactlintError
from factlint.project import LinterSpec
from factlint.records import record

if TYPE_CHECKING:
    from distributed import Client, Future

# Seconds to reach a scheduler: a wrong address should fail fast, not after dask's 30 s.
CONNECT_TIMEOUT = 5
# Seconds to wait for a scheduler that has no worker yet (workers may still be starting).
WORKER_TIMEOUT = 60
# Files per task at most; small runs are split finer so that every worker gets some.
MAX_BATCH = 64
BATCHES_PER_THREAD = 4
# Batches submitted and not yet yielded, per worker thread (at least MIN_WINDOW).
WINDOW_PER_THREAD = 8
MIN_WINDOW = 16
# Linters a worker process keeps: one per recent run (a long-lived cluster serves many).
KEEP_LINTERS = 4

# (display path, absolute path) of each draft in a task.
Batch = tuple[tuple[str, str], ...]


@record(frozen=True)
class Job:
    """What every task of one run carries besides its files: a few hundred bytes.

    ``run`` is unique per ``lint_on_dask`` call, so a long-lived worker
    builds a fresh Linter for each run and picks up an edited register,
    yet builds it only once per run. ``version`` is the client's factlint:
    a worker with another version would lint differently, so it refuses.
    """

    spec: LinterSpec
    run: str
    version: str = __version__


# --- the worker side: runs inside each Dask worker process -----------------------------------

_linters: OrderedDict[tuple[LinterSpec, str], Linter] = OrderedDict()
_build_lock = threading.Lock()
# How many Linters this process has built (the tests check it is one per worker per run).
builds = 0


def lint_batch(job: Job, batch: Batch) -> list[FileResult]:
    """Lint one batch on a worker; unreadable files become error results, as locally."""
    linter = worker_linter(job)
    _enter(job.spec.cwd)  # another run with another folder may have used this process since
    return [linter.lint_file(display, Path(path)) for display, path in batch]


def worker_linter(job: Job) -> Linter:
    """This process's Linter for ``job``, built on first use and then reused."""
    key = (job.spec, job.run)
    with _build_lock:  # a worker with several threads still builds it once
        linter = _linters.get(key)
        if linter is None:
            linter = _build(job.spec, job.version)
            _linters[key] = linter
            while len(_linters) > KEEP_LINTERS:
                _linters.popitem(last=False)
        else:
            _linters.move_to_end(key)
        return linter


def _build(spec: LinterSpec, version: str) -> Linter:
    global builds
    if version != __version__:
        raise FactlintError(f"a Dask worker runs factlint {__version__} and the client {version}; "
                            "install the same version everywhere")
    _enter(spec.cwd)  # before loading: register display paths are taken relative to it
    linter = spec.build()
    builds += 1
    return linter


def _enter(cwd: str) -> None:
    """Make the client's folder this process's current folder (see the module docstring)."""
    if not cwd:
        return
    try:
        if os.getcwd() == cwd:
            return
    except OSError:  # the folder this process was in has been removed
        pass
    try:
        os.chdir(cwd)
    except OSError as exc:
        raise FactlintError(
            f"a Dask worker cannot enter the client's folder ({exc.strerror}); workers must see "
            "the drafts and the config at the same paths as the client (shared storage)", cwd) from None


def worker_builds() -> int:
    """For ``client.run``: how many Linters this worker process has built."""
    return builds


# --- the client side ------------------------------------------------------------------------

def lint_on_dask(spec: LinterSpec, files: Sequence[tuple[str, Any]], scheduler: str | None = None,
                 *, batch_size: int | None = None) -> Iterator[FileResult]:
    """Lint ``files`` (display path, path) on Dask; results in the order of ``files``.

    Connects to ``scheduler`` (an address such as ``tcp://host:8786``), or
    starts a local cluster of one single-threaded worker process per core
    and closes it afterwards. Results stream: each is yielded as soon as it
    and all earlier files are done.
    """
    items = [(display, os.path.abspath(path)) for display, path in files]
    if not items:
        return
    with _session(scheduler) as client:
        threads = _threads(client)
        size = batch_size or _batch_size(len(items), threads)
        job = Job(spec, uuid.uuid4().hex, __version__)
        yield from _in_order(client, job, _batches(items, size), max(MIN_WINDOW, WINDOW_PER_THREAD * threads))


def _batches(items: Sequence[tuple[str, str]], size: int) -> Iterator[Batch]:
    for start in range(0, len(items), size):
        yield tuple(items[start:start + size])


def _batch_size(count: int, threads: int) -> int:
    """Large enough to amortise a task's overhead, small enough to keep every thread busy."""
    return max(1, min(MAX_BATCH, math.ceil(count / (threads * BATCHES_PER_THREAD))))


def _in_order(client: Client, job: Job, batches: Iterator[Batch], window: int) -> Iterator[FileResult]:
    """Submit batches, at most ``window`` ahead of the one being waited for; yield in order.

    Waiting on the oldest batch is the reorder buffer: later batches that
    finish first wait in their futures until every earlier one is yielded.
    """
    pending: deque[tuple[Future, Batch]] = deque()
    try:
        while True:
            while len(pending) < window:
                batch = next(batches, None)
                if batch is None:
                    break
                pending.append((client.submit(lint_batch, job, batch, pure=False), batch))
            if not pending:
                return
            future, batch = pending.popleft()
            yield from _result(future, batch)
    finally:
        if pending:  # the caller stopped early or a batch failed: drop the rest
            client.cancel([f for f, _ in pending])


def _result(future: Future, batch: Batch) -> list[FileResult]:
    """A batch's results; a worker killed while linting it becomes one clear error."""
    from distributed import KilledWorker

    try:
        return future.result()
    except ModuleNotFoundError as exc:
        if not (exc.name or "").startswith("factlint"):
            raise
        raise FactlintError("the Dask workers cannot import factlint: install it where they run "
                            "(pip install 'factlint[dask]')") from None
    except KilledWorker:
        where = batch[0][0] if len(batch) == 1 else f"{batch[0][0]} .. {batch[-1][0]}"
        raise FactlintError(f"Dask workers died repeatedly while linting {len(batch)} file(s) "
                            f"({where}); check the workers' logs and memory limits") from None


def _threads(client: Client) -> int:
    """Worker threads in the cluster, after waiting for at least one worker."""
    try:
        client.wait_for_workers(1, timeout=WORKER_TIMEOUT)
    except TimeoutError:
        raise FactlintError(f"the Dask scheduler at {client.scheduler.address} has no workers "
                            f"(waited {WORKER_TIMEOUT} s); start some with 'dask worker ADDRESS'") from None
    return max(1, sum(client.nthreads().values()))


@contextmanager
def _session(scheduler: str | None) -> Iterator[Client]:
    """A client on ``scheduler``, or on a local cluster this run starts and closes."""
    from distributed import Client

    if scheduler:
        client = _connect(scheduler)
        try:
            yield client
        finally:
            client.close()
        return
    cluster = _local_cluster()
    try:
        with Client(cluster, set_as_default=False) as client:
            yield client
    finally:
        cluster.close()


def _connect(address: str) -> Client:
    """Connect within CONNECT_TIMEOUT; a bad or unreachable address is a one-line error."""
    from distributed import Client
    from distributed.comm import get_address_host_port

    try:  # checked first: a Client that fails on a malformed address leaks a thread and a warning
        get_address_host_port(address)
    except ValueError as exc:
        raise FactlintError(f"--scheduler {address!r} is not a Dask scheduler address ({exc}); "
                            "use tcp://HOST:PORT") from None
    try:
        return Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise FactlintError(f"cannot connect to the Dask scheduler at {address!r}: {exc}") from None


def _local_cluster() -> Any:
    """One single-threaded worker process per core: rules are pure Python (the GIL).

    No dashboard; the scheduler's small HTTP server (health, metrics) still
    starts, so it gets a free loopback port: on dask's default 8787 a second
    run at the same time would print a "port in use" warning.
    """
    from distributed import LocalCluster

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return LocalCluster(n_workers=cores, threads_per_worker=1, processes=True,
                        dashboard_address=None, scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
                        silence_logs=logging.ERROR)
