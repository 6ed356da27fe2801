"""The result cache: hits, every part of the settings key, where it lives, and damage it survives.

Runs go through ``factlint.cli.main`` in this process, so ``Linter.lint_source``
can be counted: a hit never lints. Every test gets its own cache folder.
"""

from __future__ import annotations

from factlint import records
import datetime as dt
import json
import multiprocessing
import os
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

import factlint
from factlint import cache as cache_mod
from factlint import engine
from factlint.cache import (
    MAX_AGE, PRUNE_MARKER, ResultCache, attach_cache, cache_root, decode_result, encode_result, maybe_prune, prune,
    settings_key,
)
from factlint.cli import main
from factlint.engine import EnabledRule, FileResult, Linter
from factlint.findings import Edit, Finding, Position, Related, Severity
from factlint.project import build_linter, load_project

from conftest import HF_FACT_REGISTER

CONFIG = """\
register: [register.yaml]
packs: [house-style, desk-pack.yaml]
rules:
  quote-unattributed: {min_words: 5}
"""
PACK = """\
terms:
  - use: cycle lane
    instead_of: [bike lane, bike-lane]
"""
DRAFTS = {
    "a.md": (
        "# The council opens a bike lane\n\n"
        "The council said the bike lane cost £2m to build. Experts say cycling to work has risen "
        "by 40% since 2019.\n\n"
        '"It will change how the whole street gets to work every morning," a neighbour said.\n\n'
        "Local couriers now run open-source models to plan their rounds, and the depot sent an "
        "e-mail to every rider.\n"),
    "b.txt": (
        "Download figures\n\n"
        "U.S. models had 40% of Hugging Face downloads in 2025, according to The Wire China.\n\n"
        "factlint-disable-next-line claim-absolute\n"
        "Nobody on the desk disputes the date of the meeting.\n"),
    "notes/c.md": (
        "The new footbridge is the longest in the country, and the US firm that built it said "
        "so; a U.S. engineer agreed.\n\n"
        "Half of the residents asked said they would walk across it weekly.\n"),
}


@pytest.fixture(autouse=True)
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test's own cache folder, whatever the session's environment says."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("FACTLINT_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "desk"
    (root / "notes").mkdir(parents=True)
    (root / "factlint.yaml").write_text(CONFIG, encoding="utf-8")
    (root / "register.yaml").write_text(HF_FACT_REGISTER, encoding="utf-8")
    (root / "desk-pack.yaml").write_text(PACK, encoding="utf-8")
    for name, text in DRAFTS.items():
        (root / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(root)
    return root


@pytest.fixture
def lints(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The display path of every draft actually linted (cache misses), in this process."""
    calls: list[str] = []
    real = Linter.lint_source

    def counting(self, source, kind=None):
        calls.append(source.display)
        return real(self, source, kind)

    monkeypatch.setattr(Linter, "lint_source", counting)
    return calls


def check(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["check", "--format", "json", *args])
    out, err = capsys.readouterr()
    return code, out, err


def entries(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("v*/*/*") if not p.name.startswith("."))


def test_second_run_hits_and_prints_the_same(project: Path, cache_dir: Path, lints: list[str], capsys) -> None:
    first = check(capsys, ".")
    assert sorted(lints) == sorted(DRAFTS)
    assert len(entries(cache_dir)) == len(DRAFTS)
    lints.clear()
    second = check(capsys, ".")
    assert lints == []
    assert second == first
    assert first[0] == 1 and json.loads(first[1])["summary"]["findings"] >= 6


def test_cached_output_is_identical_to_uncached(project: Path, capsys) -> None:
    """Every field the json format shows (related entries, fixes, fingerprints), cold and warm."""
    uncached = check(capsys, "--no-cache", ".")
    cold, warm = check(capsys, "."), check(capsys, ".")
    assert cold == uncached and warm == uncached
    findings = json.loads(uncached[1])["findings"]
    rules = {f["rule"] for f in findings}
    assert {"term-prefer", "fact-mismatch", "stat-unattributed", "suppression-unused"} <= rules
    capsys.readouterr()
    assert main(["check", "--format", "full", "--no-cache", "."]) == 1
    full_uncached = capsys.readouterr().out
    assert main(["check", "--format", "full", "."]) == 1
    assert capsys.readouterr().out == full_uncached and "register.yaml" in full_uncached


def test_only_the_changed_draft_is_linted_again(project: Path, lints: list[str], capsys) -> None:
    check(capsys, ".")
    lints.clear()
    (project / "b.txt").write_text(DRAFTS["b.txt"].replace("40%", "16%"), encoding="utf-8")
    code, out, _ = check(capsys, ".")
    assert lints == ["b.txt"]
    assert "fact-mismatch" not in {f["rule"] for f in json.loads(out)["findings"]}


CHANGES = {
    "config": lambda root: _append(root / "factlint.yaml", "# a comment changes nothing, but is read\n"),
    "register": lambda root: _append(root / "register.yaml", "# reviewed\n"),
    "pack": lambda root: _append(root / "desk-pack.yaml", "  - use: footbridge\n    instead_of: [foot bridge]\n"),
    "option": lambda root: _replace(root / "factlint.yaml", "min_words: 5", "min_words: 6"),
    "severity": lambda root: _append(root / "factlint.yaml", "  term-prefer: error\n"),
    "per-file-ignores": lambda root: _append(root / "factlint.yaml",
                                             'per-file-ignores: {"notes/*": [claim-absolute]}\n'),
}


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_a_settings_change_misses(change: str, project: Path, lints: list[str], capsys) -> None:
    check(capsys, ".")
    lints.clear()
    CHANGES[change](project)
    code, out, err = check(capsys, ".")
    assert sorted(lints) == sorted(DRAFTS), err
    assert (code, out) == check(capsys, "--no-cache", ".")[:2]


def _other_severity(r: EnabledRule) -> EnabledRule:
    return EnabledRule(r.rule, Severity.ERROR if r.severity != Severity.ERROR else Severity.INFO, r.options)


LINTER_CHANGES = {
    "severity": lambda linter: linter.rules.__setitem__(0, _other_severity(linter.rules[0])),
    "option": lambda linter: linter.rules.__setitem__(-1, EnabledRule(
        linter.rules[-1].rule, linter.rules[-1].severity, {**linter.rules[-1].options, "min_words": 9})),
    "rule off": lambda linter: linter.rules.pop(),
    "per-file-ignores": lambda linter: setattr(linter, "per_file_ignores", (("a.md", frozenset({"x"})),)),
}


@pytest.mark.parametrize("change", sorted(LINTER_CHANGES))
def test_each_resolved_setting_is_in_the_key(change: str, project: Path) -> None:
    """The resolved settings count by themselves, not only through the config's text (extends)."""
    loaded = load_project()
    linter = build_linter(loaded)
    before = settings_key(linter, loaded)
    assert settings_key(build_linter(loaded), loaded) == before
    LINTER_CHANGES[change](linter)
    assert settings_key(linter, loaded) != before


def test_select_and_ignore_miss(project: Path, lints: list[str], capsys) -> None:
    check(capsys, ".")
    lints.clear()
    check(capsys, "--select", "term-prefer", ".")
    assert sorted(lints) == sorted(DRAFTS)
    lints.clear()
    check(capsys, "--ignore", "term-prefer", ".")
    assert sorted(lints) == sorted(DRAFTS)
    lints.clear()
    check(capsys, "--select", "term-prefer", ".")
    assert lints == []


def test_factlint_version_misses(project: Path, lints: list[str], capsys, monkeypatch) -> None:
    check(capsys, ".")
    lints.clear()
    monkeypatch.setattr(factlint, "__version__", "99.0.0")
    check(capsys, ".")
    assert sorted(lints) == sorted(DRAFTS)


def test_display_path_is_part_of_the_key(project: Path, lints: list[str], capsys) -> None:
    _, plain, _ = check(capsys, "a.md")
    lints.clear()
    _, dotted, _ = check(capsys, "./a.md")
    assert lints == ["./a.md"]
    assert {f["path"] for f in json.loads(dotted)["findings"]} == {"./a.md"}
    assert {f["path"] for f in json.loads(plain)["findings"]} == {"a.md"}


def test_todays_date_is_in_the_key_only_when_a_rule_uses_it(project: Path, monkeypatch) -> None:
    class Tomorrow(dt.date):
        @classmethod
        def today(cls) -> dt.date:
            return dt.date(2099, 1, 2)

    linter_project = load_project()
    linter = build_linter(linter_project)
    before = settings_key(linter, linter_project)
    monkeypatch.setattr(cache_mod, "dt", SimpleNamespace(date=Tomorrow))
    assert settings_key(linter, linter_project) != before
    _append(project / "factlint.yaml", "  fact-expired: {today: 2026-05-01}\n")
    fixed_project = load_project()
    fixed = build_linter(fixed_project)
    key = settings_key(fixed, fixed_project)
    monkeypatch.setattr(cache_mod, "dt", dt)
    assert settings_key(fixed, fixed_project) == key


def test_extra_files_hook_changes_the_key(project: Path) -> None:
    style = project / "style.ini"
    style.write_text("a\n", encoding="utf-8")
    loaded = load_project()
    linter = build_linter(loaded)
    with_style = settings_key(linter, loaded, [style])
    assert with_style != settings_key(linter, loaded)
    style.write_text("b\n", encoding="utf-8")
    assert settings_key(linter, loaded, [style]) != with_style


def test_no_cache_neither_reads_nor_writes(project: Path, cache_dir: Path, lints: list[str], capsys) -> None:
    check(capsys, ".")
    lints.clear()
    check(capsys, "--no-cache", ".")
    assert sorted(lints) == sorted(DRAFTS)
    other = project.parent / "elsewhere"
    check(capsys, "--no-cache", "--cache-dir", str(other), ".")
    assert not other.exists()


def test_cache_dir_option_wins_over_the_environment(project: Path, cache_dir: Path, capsys) -> None:
    chosen = project.parent / "chosen"
    check(capsys, "--cache-dir", str(chosen), ".")
    assert len(entries(chosen)) == len(DRAFTS) and not cache_dir.exists()
    assert (chosen / "CACHEDIR.TAG").read_text(encoding="ascii").startswith("Signature: 8a477f597d28d172")


def test_attaching_makes_a_tagged_folder_that_its_own_prune_keeps(project: Path, cache_dir: Path) -> None:
    loaded = load_project()
    linter = build_linter(loaded)
    attached = attach_cache(linter, loaded, SimpleNamespace(cache_dir=None))
    assert attached is not None and linter.cache is attached
    assert attached.folder.is_dir() and (cache_dir / PRUNE_MARKER).exists()
    assert (cache_dir / ".gitignore").read_text(encoding="ascii").endswith("*\n")


def test_where_the_cache_lives(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert cache_root(str(tmp_path / "opt")) == (tmp_path / "opt", True)
    assert cache_root() == (tmp_path / "cache", True)  # FACTLINT_CACHE_DIR, from the fixture
    monkeypatch.delenv("FACTLINT_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_root() == (tmp_path / "xdg" / "factlint", False)
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/is/ignored")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_root() == (tmp_path / "home" / ".cache" / "factlint", False)


def test_default_user_cache_folder_is_used(project: Path, tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.delenv("FACTLINT_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    check(capsys, ".")
    assert len(entries(tmp_path / "xdg" / "factlint")) == len(DRAFTS)


@pytest.mark.parametrize("damage", ["truncated", "garbage", "wrong types", "empty", "other draft"])
def test_a_damaged_entry_is_ignored_and_rewritten(damage: str, project: Path, cache_dir: Path,
                                                  lints: list[str], capsys) -> None:
    first = check(capsys, ".")
    found = entries(cache_dir)
    raw = {p: p.read_bytes() for p in found}
    victim = next(p for p in found if b'"a.md"' in raw[p])
    other = next(p for p in found if p != victim)
    victim.write_bytes({
        "truncated": raw[victim][: len(raw[victim]) // 2],
        "garbage": b"\x80\x00not json at all",
        "wrong types": _retyped(raw[victim]),
        "empty": b"",
        "other draft": raw[other],
    }[damage])
    lints.clear()
    assert check(capsys, ".") == first
    assert lints == ["a.md"]
    assert victim.read_bytes() == raw[victim]


def _retyped(raw: bytes) -> bytes:
    """A well-formed entry with one line number turned into a string."""
    entry = json.loads(raw)
    entry["findings"][0][4] = str(entry["findings"][0][4])
    return json.dumps(entry).encode("ascii")


def test_an_unusable_cache_folder_does_not_fail_the_run(project: Path, tmp_path: Path, lints, capsys,
                                                        monkeypatch) -> None:
    expected = check(capsys, "--no-cache", ".")[:2]
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    code, out, err = check(capsys, "--cache-dir", str(blocker / "cache"), ".")
    assert (code, out) == expected
    assert len(err.splitlines()) == 1 and err.startswith("factlint: warning: cache folder")
    monkeypatch.setenv("FACTLINT_CACHE_DIR", str(blocker))
    code, out, err = check(capsys, ".")
    assert (code, out) == expected and len(err.splitlines()) == 1
    # The default folder is not one the user chose: no warning at all.
    monkeypatch.delenv("FACTLINT_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert check(capsys, ".") == (*expected, "")


def test_failing_writes_do_not_fail_the_run(project: Path, cache_dir: Path, capsys, monkeypatch) -> None:
    attempts = []

    def full_disk(path: Path, data: bytes) -> None:
        attempts.append(path.name)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(cache_mod, "write_atomic", full_disk)
    expected = check(capsys, "--no-cache", ".")
    assert check(capsys, ".") == expected
    assert len(attempts) == 1  # then the run stops trying
    assert entries(cache_dir) == []


def test_forked_workers_write_entries(project: Path, cache_dir: Path, lints, capsys, monkeypatch) -> None:
    monkeypatch.setattr(engine, "PARALLEL_THRESHOLD", 2)
    first = check(capsys, "--jobs", "2", ".")
    assert lints == []  # linted in the workers, not here
    assert len(entries(cache_dir)) == len(DRAFTS)
    assert check(capsys, "--jobs", "1", ".") == first
    assert lints == []


def test_a_warm_parallel_run_starts_no_pool_and_only_misses_go_to_workers(
        project: Path, lints, capsys, monkeypatch) -> None:
    import concurrent.futures

    monkeypatch.setattr(engine, "PARALLEL_THRESHOLD", 2)
    uncached = check(capsys, "--no-cache", "--jobs", "1", ".")
    assert check(capsys, "--jobs", "2", ".") == uncached
    sent: list[list[str]] = []
    real_map = concurrent.futures.ProcessPoolExecutor.map

    def recording_map(self, fn, items, **kw):
        items = list(items)
        sent.append([display for display, _ in items])
        return real_map(self, fn, items, **kw)

    monkeypatch.setattr(concurrent.futures.ProcessPoolExecutor, "map", recording_map)
    assert check(capsys, "--jobs", "2", ".") == uncached
    assert sent == []  # every draft was a hit: no pool
    for name in ("a.md", "b.txt"):
        _append(project / name, "\nA new closing line.\n")
    changed = check(capsys, "--jobs", "2", ".")
    assert sent == [["a.md", "b.txt"]]  # only the misses, in order
    assert changed == check(capsys, "--no-cache", "--jobs", "1", ".")  # and the output in order


def test_error_results_are_not_cached_and_read_the_same(project: Path, cache_dir: Path, capsys) -> None:
    (project / "latin.txt").write_bytes("Caf\xe9 owners said trade was up.\n".encode("latin-1"))
    first = check(capsys, ".")
    assert first[0] == 2 and "latin.txt:1:4: not UTF-8" in first[2]
    assert len(entries(cache_dir)) == len(DRAFTS)
    assert check(capsys, ".") == first


def test_a_hit_carries_the_text_when_the_report_needs_it(project: Path, cache_dir: Path, lints) -> None:
    loaded = load_project()
    linter = build_linter(loaded)
    linter.keep_texts = True
    linter.cache = ResultCache(cache_dir, settings_key(linter, loaded))
    linter.cache.folder.mkdir(parents=True)
    cold = linter.lint_file("a.md", Path("a.md"))
    warm = linter.lint_file("a.md", Path("a.md"))
    assert lints == ["a.md"]
    assert warm.text == cold.text == DRAFTS["a.md"]
    assert repr(warm) == repr(cold)
    entry = linter.cache.folder / linter.cache.key("a.md", Path("a.md").read_bytes())
    assert "text" not in json.loads(entry.read_bytes())  # the draft is not stored twice


def _every_field_set(**given: object) -> Finding:
    """A Finding with every field given a value unlike its default, new str and int fields included."""
    values: dict[str, object] = {}
    for f in records.fields(Finding):
        values[f.name] = given[f.name] if f.name in given else {"str": f"{f.name} \u2014 set", "int": 7}[f.type]
    return Finding(**values)


def test_entries_round_trip_every_field() -> None:
    assert cache_mod.UNSUPPORTED is None
    finding = _every_field_set(
        path="drafts/caf\udce9.md", rule="fact-mismatch", severity=Severity.ERROR,
        message="The \u201cregister\u201d says 16% \N{EM DASH} not 40%.", start=Position(3, 7),
        end=Position(4, 2), offset=40, end_offset=58,
        fix=(Edit(40, 43, "16%"), Edit(50, 50, "")), fingerprint="0f" * 16,
        source_line="A line with a tab\tand \u2028 a separator",
        related=(Related("register fact 'x'", "register.yaml", 5, 3), Related("its source", "r.yaml", 1)))
    second = Finding(path="drafts/caf\udce9.md", rule="claim-absolute", severity=Severity.INFO, message="m",
                     start=Position(3, 1), end=Position(3, 2), offset=1, end_offset=2,
                     source_line=finding.source_line)
    result = FileResult("drafts/caf\udce9.md", (finding, second))
    back = decode_result(encode_result(result))
    assert repr(back) == repr(result)  # repr shows the fields equality skips (source_line, related, ...)
    assert back.findings[0].severity is Severity.ERROR
    assert back.findings[0].source_line is back.findings[1].source_line  # stored once


@pytest.mark.parametrize("raw", [b"[]", b'{"format": 2}', b'{"format":1,"path":"a","lines":[],"findings":[[]]}',
                                 b'{"format":1,"path":"a","lines":[],"findings":{}}', b"[" * 100_000])
def test_malformed_entries_are_refused(raw: bytes) -> None:
    with pytest.raises((ValueError, TypeError, KeyError, IndexError, RecursionError)):
        decode_result(raw)


@pytest.mark.parametrize("column, value", [(-1, -1), (-1, 5), (-1, True), (0, None), (2, 9), (2, 2.0)])
def test_a_bad_value_in_a_well_formed_entry_is_refused(column: int, value: object) -> None:
    """Every stored value is type-checked: the source line's index (last), the path (0), the message (2)."""
    good = FileResult("a.md", (_every_field_set(severity=Severity.INFO, start=Position(1, 1), end=Position(1, 2),
                                                fix=(), related=(), path="a.md"),))
    entry = json.loads(encode_result(good))
    assert decode_result(json.dumps(entry).encode()) == good
    entry["findings"][0][column] = value
    with pytest.raises((ValueError, IndexError)):  # what ResultCache.get counts as a miss
        decode_result(json.dumps(entry).encode())


def test_pruning_removes_only_old_entries_of_ours(tmp_path: Path) -> None:
    root = tmp_path / "c"
    folder = root / "v1" / ("ab" * 16)
    folder.mkdir(parents=True)
    now = time.time()
    old, recent, temp, foreign = (folder / ("1" * 40), folder / ("2" * 40), folder / ".tmp-x",
                                  folder / "notes.txt")
    for path, age in ((old, MAX_AGE + 60), (recent, MAX_AGE - 3600), (temp, 2 * 86400), (foreign, 10 * MAX_AGE)):
        path.write_text("{}", encoding="ascii")
        os.utime(path, (now - age, now - age))
    (root / "keep-me.md").write_text("mine", encoding="utf-8")
    os.utime(root / "keep-me.md", (now - 10 * MAX_AGE,) * 2)
    assert prune(root, now) == 2
    assert not old.exists() and not temp.exists()
    assert recent.exists() and foreign.exists() and (root / "keep-me.md").exists()
    # A settings folder left empty goes too.
    empty = root / "v1" / ("cd" * 16)
    empty.mkdir()
    prune(root, now)
    assert not empty.exists() and folder.exists()


def test_pruning_runs_at_most_once_a_day(tmp_path: Path) -> None:
    root = tmp_path / "c"
    root.mkdir()
    now = time.time()
    assert maybe_prune(root, now) is True
    assert maybe_prune(root, now + 3600) is False
    assert maybe_prune(root, now + 86400 + 1) is True
    assert (root / PRUNE_MARKER).stat().st_mtime == pytest.approx(now + 86400 + 1)


def test_a_hit_refreshes_an_old_entry(project: Path, cache_dir: Path, capsys) -> None:
    check(capsys, "a.md")
    (entry,) = entries(cache_dir)
    week_ago = time.time() - 7 * 86400
    os.utime(entry, (week_ago, week_ago))
    check(capsys, "a.md")
    assert entry.stat().st_mtime > time.time() - 60


def _hammer(folder: str, key: str, size: int, rounds: int) -> None:
    cache = ResultCache(Path(folder), "f" * 32)
    result = FileResult("a.md", tuple(
        Finding("a.md", "term-prefer", Severity.WARNING, f"message {i} " + "x" * size, Position(1, 1),
                Position(1, 2), 0, 1, source_line=f"line {i}") for i in range(20)))
    for _ in range(rounds):
        cache.put(key, result)


def test_concurrent_writers_never_leave_a_torn_entry(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path, "f" * 32)
    cache.folder.mkdir(parents=True)
    key = cache.key("a.md", b"draft")
    context = multiprocessing.get_context("fork")
    writers = [context.Process(target=_hammer, args=(str(tmp_path), key, 4000 + i, 25)) for i in range(3)]
    for w in writers:
        w.start()
    entry = cache.folder / key
    while any(w.is_alive() for w in writers):
        try:
            raw = entry.read_bytes()
        except FileNotFoundError:
            continue
        assert len(decode_result(raw).findings) == 20  # whole, whichever writer's it is
    for w in writers:
        w.join()
        assert w.exitcode == 0
    assert cache.get(key, "a.md") is not None
    assert not [p for p in cache.folder.iterdir() if p.name.startswith(".tmp-")]


def test_linter_without_cache_is_unchanged(project: Path) -> None:
    loaded = load_project()
    linter = build_linter(loaded)
    assert linter.cache is None
    result = linter.lint_file("b.txt", Path("b.txt"))
    assert result.error is None and result.findings
    assert linter.lint_file("gone.md", Path("gone.md")).error.message == "file not found"


def test_a_vale_style_change_misses(tmp_path: Path, lints: list[str], capsys, monkeypatch) -> None:
    pytest.importorskip("factlint.vale.engine")
    root = tmp_path / "vale-desk"
    (root / "styles" / "Desk").mkdir(parents=True)
    rule = root / "styles" / "Desk" / "Animal.yml"
    rule.write_text("extends: existence\nmessage: \"Avoid '%s'.\"\nscope: text\ntokens: [Zebra]\n", encoding="utf-8")
    (root / ".vale.ini").write_text("StylesPath = styles\nMinAlertLevel = suggestion\n\n[*]\nBasedOnStyles = Desk\n",
                                    encoding="utf-8")
    (root / "factlint.yaml").write_text("vale: .vale.ini\n", encoding="utf-8")
    (root / "draft.md").write_text("A Zebra and a Lion crossed the high street.\n", encoding="utf-8")
    monkeypatch.chdir(root)
    first = check(capsys, ".")
    assert "Avoid 'Zebra'." in first[1] and lints == ["draft.md"]
    assert check(capsys, ".") == first and lints == ["draft.md"]
    rule.write_text(rule.read_text(encoding="utf-8").replace("Zebra", "Lion"), encoding="utf-8")
    code, out, err = check(capsys, ".")
    assert lints == ["draft.md", "draft.md"], err
    assert "Avoid 'Lion'." in out and "Zebra'" not in out
    # Every file on StylesPath is keyed, also those the rules' own digest leaves out (dictionaries).
    dictionary = root / "styles" / "config" / "dictionaries" / "desk.dic"
    dictionary.parent.mkdir(parents=True)
    dictionary.write_text("1\nzebra\n", encoding="utf-8")
    loaded = load_project()
    linter = build_linter(loaded)
    assert dictionary in cache_mod.vale_files(loaded)
    before = settings_key(linter, loaded, cache_mod.vale_files(loaded))
    dictionary.write_text("1\nlion\n", encoding="utf-8")
    assert settings_key(linter, loaded, cache_mod.vale_files(loaded)) != before
