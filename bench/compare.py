"""factlint's speed targets, each measured side by side in one run, as one table.

Whole processes (interpreter start included), timed alternately so machine
noise hits both sides alike; the median of the repeats is shown. The
baseline is proselint 0.16, installed into a scratch virtualenv on first use
(~/.cache/factlint-bench/proselint-0.16). factlint is measured as a user or a
pre-commit hook gets it: this checkout installed with ``pip install .`` into a
scratch virtualenv of its own (~/.cache/factlint-bench/factlint), modules
compiled to bytecode, as proselint's are; not the editable development
install, whose import finder alone costs 15 ms. Every factlint run uses this
repository's own config (shipped packs, the seeds' register, every default
rule) and --no-cache unless the row is about the cache; each side runs once
untimed first, so both start with their files in the page cache. The one-draft
row is a pre-commit run on a draft just edited: the cache is on, but the
draft's text is new at every run, so only the compiled patterns and the parsed
register come from the cache.

Rows:
- corpus, --jobs 1, against proselint (target: at least 10x faster);
- corpus, --jobs 2 against --jobs 1 (target: at least 1.7x faster);
- one seed draft against proselint (target: at most 0.75x its time);
- the cache: a second run with nothing changed (target: at most 10% of the first);
- a register of 1,000 terms and 500 facts against 10 terms and 5 facts (target: at most 1.3x);
- the Microsoft and Red Hat Vale styles (from ../shared/peers) added, against none (target: at most 1.3x);
- a 50 MB file and a 10 MB single line: time per MB against a 5 MB file and a 2 MB line, the same
  text in the same shape (linear), and peak memory;
- peak memory on the corpus, one process (target: at most 100 MiB).

Usage: python bench/compare.py [--repeat N] [--skip-big]
Needs ../shared/corpora/bbc-news (the BBC corpus; the one Latin-1 file is
converted in a scratch copy so both tools read every file).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpora" / "bbc-news"
BENCH_ENVS = Path.home() / ".cache" / "factlint-bench"
PROSELINT_ENV = BENCH_ENVS / "proselint-0.16"
FACTLINT_ENV = BENCH_ENVS / "factlint"
FACTLINT = [str(FACTLINT_ENV / "bin" / "factlint"), "check", "--config", str(ROOT / "factlint.yaml"),
            "--format", "concise", "--quiet", "--exit-zero"]
# Both tools write bytecode as an installed tool does, whatever this shell says.
ENV = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "PYTHONPYCACHEPREFIX")}


@dataclass
class Run:
    seconds: float
    max_rss_mib: float
    lines: int = 0  # lines written to stdout: findings, in the concise format


def run(argv: list[str], cwd: Path | None = None, env: dict | None = None) -> Run:
    """One whole process: wall time, its own peak memory (from wait4, not a shared max) and
    the lines it printed (read as they come, so the child never waits on a full pipe)."""
    started = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, env=env or ENV, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    lines = sum(chunk.count(b"\n") for chunk in iter(lambda: proc.stdout.read(1 << 16), b""))
    proc.stdout.close()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(argv[:6])}... exited {proc.returncode}")
    return Run(elapsed, usage.ru_maxrss / 1024, lines)


def median(runs: list[Run]) -> Run:
    return Run(statistics.median(r.seconds for r in runs), max(r.max_rss_mib for r in runs),
               max(r.lines for r in runs))


def side_by_side(a: list[str], b: list[str], repeat: int, **kw) -> tuple[Run, Run]:
    """Alternate a and b ``repeat`` times each, after one untimed run of each; medians."""
    run(a, **kw), run(b, **kw)
    ra, rb = [], []
    for _ in range(repeat):
        ra.append(run(a, **kw))
        rb.append(run(b, **kw))
    return median(ra), median(rb)


def one_draft(pl: Path, seed: Path, folder: Path, repeat: int) -> tuple[Run, Run]:
    """A pre-commit run on a draft just edited: the draft changes before every run, so its
    result is never in the cache, while factlint's compiled patterns and parsed register are."""
    env = {**ENV, "FACTLINT_CACHE_DIR": str(folder / "draft-cache")}
    draft = folder / seed.name
    ours, theirs = [], []
    for i in range(repeat + 1):
        draft.write_text(seed.read_text(encoding="utf-8") + f"\nEdited {i} times.\n", encoding="utf-8")
        a, b = run([*FACTLINT, str(draft)], env=env), run([str(pl), "check", str(draft)])
        if i:  # the first is untimed: it fills the caches, as the hook's first run after install does
            ours.append(a)
            theirs.append(b)
    return median(ours), median(theirs)


def proselint() -> Path:
    exe = PROSELINT_ENV / "bin" / "proselint"
    if not exe.exists():
        print("installing proselint 0.16 into", PROSELINT_ENV, file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(PROSELINT_ENV)], check=True)
        subprocess.run([str(PROSELINT_ENV / "bin" / "pip"), "install", "-q", "proselint==0.16.0"], check=True)
    return exe


def install_factlint() -> None:
    """This checkout, installed as a user installs it, into the scratch virtualenv."""
    if not (FACTLINT_ENV / "bin" / "python").exists():
        subprocess.run([sys.executable, "-m", "venv", str(FACTLINT_ENV)], check=True)
    print("installing this checkout into", FACTLINT_ENV, file=sys.stderr)
    subprocess.run([str(FACTLINT_ENV / "bin" / "pip"), "install", "-q", "--disable-pip-version-check", str(ROOT)],
                   check=True, env=ENV)


def utf8_corpus(target: Path) -> Path:
    """A copy of the corpus with every file UTF-8 (the Latin-1 one converted)."""
    for source in sorted(CORPUS.rglob("*.txt")):
        data = source.read_bytes()
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            data = data.decode("latin-1").encode("utf-8")
        out = target / source.relative_to(CORPUS)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(data)
    return target


def grown_config(folder: Path, terms: int, facts: int) -> Path:
    """A config with the shipped packs plus a generated register of ``terms`` and ``facts``."""
    lines = ["sources:", "  s: {publisher: Bench Office, date: 2026-01-01, cite_as: [Bench Office]}", "facts:"]
    for i in range(facts):
        lines += [f"  - id: fact-{i}", f"    claim: Claim {i}", f"    about: [[widget{i}, gadget{i}], [sales]]",
                  f"    values: [{{value: {i % 90 + 1}%, when: '2025'}}]", "    source: s"]
    lines.append("terms:")
    for i in range(terms):
        lines += [f"  - use: termword{i}", f"    instead_of: [badword{i}, wrongword{i}]"]
    (folder / f"register-{terms}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    config = folder / f"factlint-{terms}.yaml"
    config.write_text(f"register: [register-{terms}.yaml]\npacks: [ai-journalism, house-style]\n",
                      encoding="utf-8")
    return config


def vale_configs(folder: Path) -> tuple[Path, Path] | None:
    """This repository's config with both peers' Vale styles added, and without (None: no styles)."""
    from vale_cost import STYLES, write_vale_setup  # bench/ is on the path of a bench script

    if not all(p.is_dir() for p in STYLES.values()):
        return None
    write_vale_setup(folder)
    own = (ROOT / "factlint.yaml").read_text(encoding="utf-8").replace(
        "seeds/register.yaml", str(ROOT / "seeds" / "register.yaml"))
    (folder / "with-vale.yaml").write_text(own + "vale: .vale.ini\n", encoding="utf-8")
    (folder / "without-vale.yaml").write_text(own, encoding="utf-8")
    return folder / "with-vale.yaml", folder / "without-vale.yaml"


# Each big file is timed against a smaller one of the same shape: one line of prose costs more
# per MB than paragraphs do, which says nothing about growth.
BIG = (("5 MB", 5, False), ("50 MB", 50, False), ("2 MB line", 2, True), ("10 MB line", 10, True))
SMALLER = {"50 MB": "5 MB", "10 MB line": "2 MB line"}


def big_path(folder: Path, size: int, one_line: bool) -> Path:
    return folder / f"big-{size}{'-line' if one_line else ''}.txt"


def make_big_files(folder: Path, corpus: Path) -> None:
    """5 MB and 50 MB of articles, and 2 MB and 10 MB single lines, made of the corpus's own text.

    Run in a process of its own: a child's peak memory (wait4) counts the
    pages of the process it was forked from, so the timing process must not
    have held 50 MB of text.
    """
    text = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(corpus.rglob("*.txt")))
    for _, size, one_line in BIG:
        body = " ".join(text.split()) if one_line else text
        data = (body * (size * 2**20 // len(body.encode("utf-8")) + 1)).encode("utf-8")[:size * 2**20]
        big_path(folder, size, one_line).write_bytes(data.decode("utf-8", "ignore").encode("utf-8"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per side for the corpus rows")
    parser.add_argument("--skip-big", action="store_true", help="skip the 50 MB and 10 MB rows")
    parser.add_argument("--make-big", nargs=2, metavar=("FOLDER", "CORPUS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.make_big:
        make_big_files(Path(args.make_big[0]), Path(args.make_big[1]))
        return 0
    if not CORPUS.is_dir():
        print(f"skipped: {CORPUS} not found (the BBC corpus lives in ../shared)")
        return 0
    pl = proselint()
    install_factlint()
    rows: list[tuple[str, str, str, str, str]] = []

    def row(what: str, ours: float, theirs: float, unit: str, target: str, met: bool) -> None:
        rows.append((what, f"{ours:.2f} {unit}", f"{theirs:.2f} {unit}", f"{ours / theirs:.2f}x",
                     f"{target} {'yes' if met else 'NO'}"))

    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        corpus = utf8_corpus(tmp_path / "bbc")
        draft = ROOT / "seeds" / "000_f5887a468ea7c2e4.txt"
        env = {**ENV, "FACTLINT_CACHE_DIR": str(tmp_path / "cache")}

        one, theirs = side_by_side([*FACTLINT, "--no-cache", "--jobs", "1", str(corpus)],
                                   [str(pl), "check", str(corpus)], args.repeat)
        row("corpus, --jobs 1 vs proselint", one.seconds, theirs.seconds, "s", "<= 0.10x",
            one.seconds <= 0.10 * theirs.seconds)
        memory = one.max_rss_mib
        # Not a target: the least a run can cost (start, read, parse, one cheap rule, report), to
        # show how much of proselint's time the analyses may take at all.
        floor, theirs = side_by_side([*FACTLINT, "--no-cache", "--jobs", "1", "--select", "term-spelling",
                                      str(corpus)], [str(pl), "check", str(corpus)], args.repeat)
        rows.append(("corpus, one cheap rule vs proselint", f"{floor.seconds:.2f} s", f"{theirs.seconds:.2f} s",
                     f"{floor.seconds / theirs.seconds:.2f}x", "(the floor)"))
        two, one_again = side_by_side([*FACTLINT, "--no-cache", "--jobs", "2", str(corpus)],
                                      [*FACTLINT, "--no-cache", "--jobs", "1", str(corpus)], args.repeat)
        row("corpus, --jobs 2 vs --jobs 1", two.seconds, one_again.seconds, "s", "<= 0.59x",
            two.seconds <= one_again.seconds / 1.7)
        single, single_pl = one_draft(pl, draft, tmp_path, max(10, args.repeat))
        row("one draft vs proselint", single.seconds, single_pl.seconds, "s", "<= 0.75x",
            single.seconds <= 0.75 * single_pl.seconds)

        shutil.rmtree(tmp_path / "cache", ignore_errors=True)
        cold = run([*FACTLINT, "--jobs", "1", str(corpus)], env=env)
        warm = median([run([*FACTLINT, "--jobs", "1", str(corpus)], env=env) for _ in range(args.repeat)])
        row("corpus, cached second run vs first", warm.seconds, cold.seconds, "s", "<= 0.10x",
            warm.seconds <= 0.10 * cold.seconds)

        small_cfg, big_cfg = grown_config(tmp_path, 10, 5), grown_config(tmp_path, 1000, 500)
        grown, base = side_by_side(
            [*FACTLINT[:2], "--config", str(big_cfg), *FACTLINT[4:], "--no-cache", "--jobs", "1", str(corpus)],
            [*FACTLINT[:2], "--config", str(small_cfg), *FACTLINT[4:], "--no-cache", "--jobs", "1", str(corpus)],
            args.repeat)
        row("1,000 terms + 500 facts vs 10 + 5", grown.seconds, base.seconds, "s", "<= 1.3x",
            grown.seconds <= 1.3 * base.seconds)

        styles = vale_configs(tmp_path)
        if styles is not None:
            with_vale, without = side_by_side(
                [*FACTLINT[:2], "--config", str(styles[0]), *FACTLINT[4:], "--no-cache", "--jobs", "1", str(corpus)],
                [*FACTLINT[:2], "--config", str(styles[1]), *FACTLINT[4:], "--no-cache", "--jobs", "1", str(corpus)],
                args.repeat)
            row("+ Microsoft and Red Hat Vale styles", with_vale.seconds, without.seconds, "s", "<= 1.3x",
                with_vale.seconds <= 1.3 * without.seconds)
            rows.append(("+ Vale styles: findings", f"{with_vale.lines:,}", f"{without.lines:,}",
                         f"{with_vale.lines / max(without.lines, 1):.0f}x", "(bench/vale_cost.py: floor)"))

        if not args.skip_big:
            subprocess.run([sys.executable, __file__, "--make-big", str(tmp_path), str(corpus)], check=True)
            files = {name: big_path(tmp_path, size, one_line) for name, size, one_line in BIG}
            mb = {n: size for n, size, _ in BIG}
            for name, smaller in SMALLER.items():
                big, small = (run([*FACTLINT, "--no-cache", str(files[n])]) for n in (name, smaller))
                per_mb, base_per_mb = big.seconds / mb[name], small.seconds / mb[smaller]
                row(f"{name}: s per MB vs {smaller}", per_mb, base_per_mb, "s/MB", "~1x (linear)",
                    per_mb <= 1.5 * base_per_mb)
                rows.append((f"{name}: peak memory", f"{big.max_rss_mib:.0f} MiB", "", "", "bounded"))
        rows.append(("corpus, --jobs 1: peak memory", f"{memory:.0f} MiB", "", "",
                     f"<= 100 MiB {'yes' if memory <= 100 else 'NO'}"))

    header = ("measure", "factlint", "baseline", "ratio", "target met")
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(5)]
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}, proselint 0.16.0")
    for r in [header, tuple("-" * w for w in widths), *rows]:
        print("| " + " | ".join(c.ljust(w) for c, w in zip(r, widths)) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
