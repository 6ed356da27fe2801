"""A cache of lint results, so a second run over unchanged drafts costs little.

Design (after black's and ruff's caches):

- An entry is the findings of one draft, stored under a name hashed from the
  draft's display path and its bytes. Entries live in a folder named after the
  *settings key*: a hash of everything else that changes findings (factlint's
  version and the size and mtime of its modules, so an edited checkout does
  not reuse old results; Python and the parsing libraries; the config,
  register and pack files; the enabled rules with their severities and
  options; per-file-ignores; the folder the run starts in; today's date when
  a rule compares with it). A change of settings therefore lands in a fresh
  folder and nothing has to be invalidated; the old folder ages out.
- One small file per entry, written to a temporary file in the same folder and
  moved into place with ``os.replace``: two runs (or the forked workers of
  one run) can write at once and a reader sees a whole entry or none. An entry
  that does not parse or validate is a miss, and the miss rewrites it.
- Entries are JSON, not pickle, so a cache folder that others can write (a CI
  cache restored from elsewhere, a shared ``--cache-dir``) cannot run code;
  every field is type-checked on the way in.
- A hit touches the entry at most once a day; at most once a day a run removes
  entries untouched for ``MAX_AGE`` (only files named as ours, inside ``v*/``).
- A cache that cannot be used never fails a run: it runs uncached, with one
  warning line only when the folder was chosen explicitly (``--cache-dir`` or
  ``FACTLINT_CACHE_DIR``); a read-only home stays quiet.

Error results (a file that is not UTF-8) are not cached: deciding them costs
less than an entry lookup, and a file that cannot be read has no bytes to key.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import sys
import time
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from factlint.records import fields
import factlint
from factlint import regexstore, yamlcache
from factlint.digests import blake2b
from factlint.cachedir import DAY, TEMP_PREFIX, cache_root, make_root, mark_used, write_atomic
from factlint.engine import FileResult
from factlint.escaping import one_line
from factlint.files import display_path
from factlint.findings import Edit, Finding, Position, Related, Severity

if TYPE_CHECKING:
    import argparse

    from factlint.engine import Linter
    from factlint.project import Project

# Bump when the entry layout or the settings key changes meaning.
FORMAT = 1
# Entries unused for this long are removed.
MAX_AGE = 30 * DAY
# Pruning walks the whole cache, so it runs at most this often (recorded by PRUNE_MARKER's mtime).
PRUNE_EVERY = DAY
PRUNE_MARKER = "last-prune"
# Left behind only by a writer that died between writing and renaming.
STALE_TEMP_AGE = DAY
# Modules of the libraries whose behaviour shows in findings (parsing, readability grades, YAML).
RESULT_DEPENDENCIES = ("markdown_it", "textstat", "yaml")
_HEX = regexstore.compile(r"[0-9a-f]{16,128}\Z")
_VERSION_DIR = regexstore.compile(r"v\d+\Z")


class ResultCache:
    """Entries for one settings key: ``get`` and ``put`` by entry key.

    Safe to use after ``fork``: it holds only paths and a flag, and every write
    is a whole file renamed into place.
    """

    def __init__(self, root: Path, settings: str) -> None:
        self.root = root
        self.folder = root / f"v{FORMAT}" / settings
        # Cleared after the first failed write, so a full disk costs one failure per process.
        self.writable = True

    def key(self, display: str, data: bytes) -> str:
        """The entry name of a draft: its display path (findings carry it) and its bytes."""
        digest = blake2b(display.encode("utf-8", "surrogatepass"), digest_size=20)
        digest.update(b"\0")
        digest.update(data)
        return digest.hexdigest()

    def get(self, key: str, display: str) -> FileResult | None:
        """The cached result, or None for a miss (absent, unreadable, corrupt or not this draft's)."""
        path = self.folder / key
        try:
            with open(path, "rb") as handle:
                mtime = os.fstat(handle.fileno()).st_mtime
                raw = handle.read()
        except OSError:
            return None
        try:
            result = decode_result(raw)
        except (ValueError, TypeError, KeyError, IndexError, RecursionError):
            return None
        if result.path != display:
            return None
        mark_used(path, mtime)
        return result

    def put(self, key: str, result: FileResult) -> None:
        """Store a result (never an error result); a failed write only costs the next run a miss."""
        if not self.writable or result.error is not None:
            return
        try:
            write_atomic(self.folder / key, encode_result(result))
        except FileNotFoundError:
            # Another run pruned the (then empty) folder: make it again, once.
            try:
                self.folder.mkdir(parents=True, exist_ok=True)
                write_atomic(self.folder / key, encode_result(result))
            except OSError:
                self.writable = False
        except OSError:
            self.writable = False


# --- entries: FileResult <-> JSON --------------------------------------------------------------

# Finding fields that are not a plain str or int, and how each is stored.
_NESTED = {"severity", "start", "end", "fix", "related", "source_line"}


def _plain_fields(cls: type) -> tuple[tuple[str, type], ...]:
    """(name, str or int) of each field of ``cls`` stored as it is; TypeError for any other kind.

    Read from the record, so a str or int field added to Finding, Edit or
    Related is stored without a change here. A field of another kind cannot
    be stored: then runs go uncached (``UNSUPPORTED``), and a test fails.
    """
    kinds = {"str": str, "int": int}
    out = []
    for f in fields(cls):
        if cls is Finding and f.name in _NESTED:
            continue
        if f.type not in kinds:
            raise TypeError(f"factlint.cache cannot store {cls.__name__}.{f.name} ({f.type})")
        out.append((f.name, kinds[f.type]))
    return tuple(out)


try:
    _FINDING_PLAIN, _EDIT, _RELATED = _plain_fields(Finding), _plain_fields(Edit), _plain_fields(Related)
    UNSUPPORTED: str | None = None
except TypeError as exc:
    _FINDING_PLAIN = _EDIT = _RELATED = ()
    UNSUPPORTED = str(exc)
# Part of the settings key: entries written with another layout are never read.
LAYOUT = [[name for name, _ in layout] for layout in (_FINDING_PLAIN, _EDIT, _RELATED)]


def encode_result(result: FileResult) -> bytes:
    """A result as compact JSON; source lines are stored once (many findings share one line).

    The draft's text is not stored: a hit decodes the bytes it has already read.
    """
    lines: dict[str, int] = {}
    rows = [_finding_row(f, lines) for f in result.findings]
    entry = {"format": FORMAT, "path": result.path, "lines": list(lines), "findings": rows}
    # ensure_ascii keeps lone surrogates (undecodable file names) round-tripping exactly.
    return json.dumps(entry, ensure_ascii=True, separators=(",", ":")).encode("ascii")


def _finding_row(f: Finding, lines: dict[str, int]) -> list[Any]:
    return [*_plain_row(f, _FINDING_PLAIN), int(f.severity), f.start.line, f.start.column, f.end.line,
            f.end.column, [_plain_row(e, _EDIT) for e in f.fix],
            [_plain_row(r, _RELATED) for r in f.related], lines.setdefault(f.source_line, len(lines))]


def _plain_row(obj: Any, layout: tuple[tuple[str, type], ...]) -> list[Any]:
    return [getattr(obj, name) for name, _ in layout]


def decode_result(raw: bytes) -> FileResult:
    """The result an entry holds; raises ValueError (or TypeError, ...) for anything malformed.

    Every field is type-checked, so a truncated, foreign or hand-edited entry
    is a miss rather than a crash or a wrong finding.
    """
    entry = json.loads(raw)
    if not isinstance(entry, dict) or entry.get("format") != FORMAT:
        raise ValueError("not a cache entry of this format")
    lines = [_str(line) for line in _list(entry["lines"])]
    findings = tuple(_finding(row, lines) for row in _list(entry["findings"]))
    return FileResult(_str(entry["path"]), findings)


def _finding(row: Any, lines: list[str]) -> Finding:
    n = len(_FINDING_PLAIN)
    row = _list(row, n + 8)
    severity, line, column, end_line, end_column, fix, related, source_line = row[n:]
    return Finding(
        **_plain_values(row[:n], _FINDING_PLAIN), severity=Severity(_int(severity)),
        start=Position(_int(line), _int(column)), end=Position(_int(end_line), _int(end_column)),
        fix=tuple(Edit(**_plain_values(e, _EDIT)) for e in _list(fix)),
        related=tuple(Related(**_plain_values(r, _RELATED)) for r in _list(related)),
        source_line=lines[_index(source_line)],
    )


def _plain_values(row: Any, layout: tuple[tuple[str, type], ...]) -> dict[str, Any]:
    row = _list(row, len(layout))
    for value, (_, kind) in zip(row, layout):
        if type(value) is not kind:  # exact: isinstance would let true and false pass as ints
            raise ValueError("malformed cache entry")
    return {name: value for value, (name, _) in zip(row, layout)}


def _list(value: Any, length: int | None = None) -> list[Any]:
    if not isinstance(value, list) or (length is not None and len(value) != length):
        raise ValueError("malformed cache entry")
    return value


def _str(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("malformed cache entry")
    return value


def _index(value: Any) -> int:
    if _int(value) < 0:  # lines[-1] would quietly pick a line
        raise ValueError("malformed cache entry")
    return value


def _int(value: Any) -> int:
    if type(value) is not int:  # isinstance would let true and false through
        raise ValueError("malformed cache entry")
    return value


# --- the settings key --------------------------------------------------------------------------


def settings_parts(linter: "Linter", project: "Project", extra_files: Iterable[Path] = ()) -> dict[str, Any]:
    """Everything besides a draft's path and bytes that can change its findings.

    ``extra_files`` is the hook for inputs not in the config's register and
    packs: their names and contents join the key (``attach_cache`` passes the
    Vale files, ``vale_files``; add any new kind of input there).
    The config's own content is included as well as its resolved settings,
    which also cover the configs it ``extends``.
    """
    config = project.config
    rules = [[r.rule.id, str(r.severity), _canonical(r.options)] for r in linter.rules]
    return {
        "format": FORMAT,
        "layout": LAYOUT,
        "version": factlint.__version__,
        "code": _code_fingerprint(),
        "python": sys.version,
        "dependencies": _dependency_fingerprint(),
        "cwd": str(Path.cwd()),  # display paths, and the register paths findings point to
        "config": _file_part(config.path) if config.path else None,
        "root": str(linter.root),
        "files": [_file_part(p) for p in (*config.packs, *config.register)],
        "extra_files": [_file_part(p) for p in extra_files],
        "rules": rules,
        "known_rules": sorted(linter.known_rules),
        "per_file_ignores": [[pattern, sorted(ids)] for pattern, ids in linter.per_file_ignores],
        "today": _today_if_used(linter),
    }


def settings_key(linter: "Linter", project: "Project", extra_files: Iterable[Path] = ()) -> str:
    """The hash of ``settings_parts``: the name of the folder this run's entries live in."""
    text = json.dumps(settings_parts(linter, project, extra_files), sort_keys=True, default=repr)
    return blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def vale_files(project: "Project") -> list[Path]:
    """The .vale.ini in force and every file on its StylesPath (rules, vocabularies).

    Vale rules are built from these files, so their contents belong in the key
    like the register's. All of StylesPath is taken, not only the styles the
    ini switches on: a little more hashing, but nothing the rules read is missed.
    """
    setup = getattr(project, "vale", None)  # from `vale:` or --config .vale.ini
    if setup is None:
        return []
    files = [Path(setup.config.path)]
    for folder in setup.styles_paths:
        files.extend(sorted(p for p in Path(folder).rglob("*") if p.is_file()))
    return files


def _canonical(options: dict[str, Any]) -> str:
    # Options may hold dates (YAML parses them) or tuples: repr makes them JSON, sorted keys make it stable.
    return json.dumps(options, sort_keys=True, default=repr)


def _file_part(path: Path) -> list[str]:
    """A file's name as findings show it, and the hash of its content."""
    try:
        digest = blake2b(path.read_bytes(), digest_size=16).hexdigest()
    except OSError as exc:
        digest = f"unreadable: {exc.strerror}"
    return [display_path(path), str(path.resolve()), digest]


def _today_if_used(linter: "Linter") -> str | None:
    """Today's date when a rule compares with it (fact-expired's ``today`` left unset)."""
    for enabled in linter.rules:
        if "today" in enabled.options and enabled.options["today"] in (None, ""):
            return dt.date.today().isoformat()
    return None


def _code_fingerprint() -> list[list[Any]]:
    """Size and mtime of factlint's modules: an edited checkout must not reuse old results.

    A release changes ``__version__``; a developer editing a rule does not,
    and stat-ing some dozens of files costs about two milliseconds.
    """
    package = Path(factlint.__file__).resolve().parent
    parts = []
    for path in sorted(package.rglob("*.py")):
        with suppress(OSError):
            st = path.stat()
            parts.append([path.relative_to(package).as_posix(), st.st_size, st.st_mtime_ns])
    return parts


def _dependency_fingerprint() -> list[list[Any]]:
    """Where each library's ``__init__`` is, with its size and mtime: an upgrade rewrites it.

    Found with ``find_spec`` rather than ``importlib.metadata`` (tens of
    milliseconds to import) or by importing textstat (which a warm run never
    needs), and the same whether or not the module is imported yet.
    """
    import importlib.util

    parts: list[list[Any]] = []
    for name in RESULT_DEPENDENCIES:
        part: list[Any] = [name]
        try:
            spec = importlib.util.find_spec(name)
            if spec is not None and spec.origin:
                st = os.stat(spec.origin)
                part += [spec.origin, st.st_size, st.st_mtime_ns]
        except (ImportError, ValueError, OSError):
            pass
        parts.append(part)
    return parts


# --- where the cache lives, and attaching it ---------------------------------------------------


def attach_cache(linter: "Linter", project: "Project", args: "argparse.Namespace | Any",
                 extra_files: Iterable[Path] = ()) -> ResultCache | None:
    """Give ``linter`` a cache for this run's settings, or leave it uncached when none can be used."""
    root, chosen = cache_root(getattr(args, "cache_dir", None))
    if root is None or UNSUPPORTED is not None:
        return None
    try:
        extra = [*extra_files, *vale_files(project)]
    except Exception:  # noqa: BLE001 - whatever the Vale setup does, correct output matters more
        return None  # inputs that cannot be listed cannot be keyed: run uncached
    cache = ResultCache(root, settings_key(linter, project, extra))
    problem = _prepare(root, cache.folder)
    if problem is not None:
        if chosen:
            print(one_line(f"factlint: warning: cache folder {root} is not usable ({problem}); "
                           f"checking without the cache"), file=sys.stderr)
        return None
    linter.cache = cache
    return cache


def _prepare(root: Path, folder: Path) -> str | None:
    """Create the cache folders, pruning first when due; the reason they cannot be used, or None.

    Pruning comes before this run's folder exists, so it is not removed as empty.
    """
    try:
        make_root(root)
        maybe_prune(root)
        folder.mkdir(parents=True, exist_ok=True)
        if not os.access(folder, os.W_OK | os.X_OK):
            return "not writable"
    except OSError as exc:
        return exc.strerror or type(exc).__name__
    return None


def maybe_prune(root: Path, now: float | None = None) -> bool:
    """Prune when the last prune (any run's) is over ``PRUNE_EVERY`` old; whether this run pruned.

    The marker is touched before the walk, so runs starting together do not
    all walk the cache.
    """
    now = time.time() if now is None else now
    marker = root / PRUNE_MARKER
    try:
        if marker.stat().st_mtime > now - PRUNE_EVERY:
            return False
    except FileNotFoundError:
        pass
    except OSError:
        return False
    try:
        marker.touch()
        os.utime(marker, (now, now))
    except OSError:
        return False
    prune(root, now)
    return True


def prune(root: Path, now: float | None = None) -> int:
    """Remove entries unused for ``MAX_AGE`` and stale temporary files; the number removed.

    Only files named as this module names them, inside ``v<N>/<settings>/``
    and the YAML cache's folder, are removed, so a ``--cache-dir`` pointed at a
    folder of other files is safe. The compiled-pattern store (one file per
    Python build) is left alone; only its stale temporary files go.
    """
    now = time.time() if now is None else now
    removed = _prune_folder(root / yamlcache.FOLDER, now) + _prune_folder(root / regexstore.FOLDER, now)
    for version in _subfolders(root, _VERSION_DIR):
        for settings in _subfolders(version, _HEX):
            removed += _prune_folder(settings, now)
            with suppress(OSError):
                settings.rmdir()  # only succeeds when empty
    return removed


def _subfolders(folder: Path, pattern: re.Pattern[str]) -> list[Path]:
    try:
        return [Path(e.path) for e in os.scandir(folder)
                if pattern.match(e.name) and e.is_dir(follow_symlinks=False)]
    except OSError:
        return []


def _prune_folder(folder: Path, now: float) -> int:
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        if _HEX.match(entry.name):
            limit = MAX_AGE
        elif entry.name.startswith(TEMP_PREFIX):
            limit = STALE_TEMP_AGE
        else:
            continue
        try:
            if entry.is_file(follow_symlinks=False) and entry.stat(follow_symlinks=False).st_mtime < now - limit:
                os.unlink(entry.path)
                removed += 1
        except OSError:
            pass
    return removed
