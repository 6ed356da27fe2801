"""From command-line paths to decoded drafts.

Reading is where most bad input shows up (missing paths, binary files, text
that is not UTF-8), so every problem here becomes a FactlintError naming the
file, and the caller decides to go on with the other files.
"""

from __future__ import annotations

import fnmatch
import os
import re
import stat
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Iterator

from factlint.errors import FactlintError
from factlint.records import record

DEFAULT_INCLUDE = ("*.md", "*.markdown", "*.txt")
DEFAULT_EXCLUDE = ("node_modules", "venv", ".venv", "__pycache__", "build", "dist")
# Long drafts are linted a piece at a time (pieces.py), so size costs time, not memory;
# past this a file is not a draft (a log, a dump) and is refused rather than read.
MAX_BYTES = 100 * 1024 * 1024
_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")


@record(frozen=True)
class Source:
    """A decoded draft plus what a fix must restore when writing it back."""

    display: str
    path: Path | None
    text: str
    bom: bool = False


def display_path(path: Path) -> str:
    """A path as users see it: relative to the current folder when below it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _matches(rel: str, patterns: Iterable[str]) -> bool:
    """Whether a pattern covers ``rel`` as a whole, its name, or one of its folders' names."""
    matcher = _matcher(tuple(patterns))
    if matcher is None:
        return False
    rel = os.path.normcase(rel)
    parts = rel.split("/")
    return any(matcher(part) for part in (rel, *parts)) if len(parts) > 1 else bool(matcher(rel))


@lru_cache(maxsize=64)
def _matcher(patterns: tuple[str, ...]) -> Callable[[str], object] | None:
    """One compiled pattern for all of ``patterns``, as fnmatch reads each (case folded
    where the system folds it): testing 2,000 files against each pattern in turn through
    fnmatch.fnmatch was a tenth of a second."""
    if not patterns:
        return None
    either = "|".join(f"(?:{fnmatch.translate(os.path.normcase(p.rstrip('/')))})" for p in patterns)
    return re.compile(either).match


def relative_to(path: Path, root: Path) -> str:
    """``path`` relative to the (resolved) folder ``root``, with forward slashes; as given
    when it lies outside."""
    try:
        return path.resolve().relative_to(root).as_posix()
    except (ValueError, OSError):
        return path.as_posix()


def matches(rel: str, patterns: Iterable[str]) -> bool:
    """Whether any of ``patterns`` covers the relative path ``rel`` (see ``discover``)."""
    return rel not in ("", ".") and _matches(rel, patterns)


def path_matches(path: Path, root: Path, patterns: Iterable[str]) -> bool:
    """Whether any of ``patterns`` (relative to the config's folder ``root``) covers ``path``."""
    return matches(relative_to(path, root.resolve()), patterns)


def discover(paths: Iterable[str], include: Iterable[str] = DEFAULT_INCLUDE,
             exclude: Iterable[str] = DEFAULT_EXCLUDE,
             force_exclude_root: Path | None = None) -> Iterator[tuple[str, Path] | FactlintError]:
    """Yield (display path, path) for each draft, or a FactlintError for a bad path.

    A file named explicitly is always checked, whatever its extension, as in
    ruff; files found in folders must match ``include`` and not ``exclude``
    (patterns match the path relative to the folder, or any one name in it).
    Hidden folders are skipped. With ``force_exclude_root`` (ruff's
    --force-exclude), ``exclude`` applies to named paths too, relative to that
    folder: pre-commit names every changed file, archived ones included.
    """
    include, exclude = tuple(include), tuple(exclude)
    for arg in paths:
        path = Path(arg)
        if force_exclude_root is not None and path.exists() and path_matches(path, force_exclude_root, exclude):
            continue
        if path.is_file():
            yield arg, path
        elif path.is_dir():
            found = False
            for dirpath, dirnames, filenames in os.walk(path):
                rel_dir = os.path.relpath(dirpath, path).replace(os.sep, "/")
                rel_dir = "" if rel_dir == "." else rel_dir + "/"
                dirnames[:] = sorted(d for d in dirnames
                                     if not d.startswith(".") and not _matches(rel_dir + d, exclude))
                for name in sorted(filenames):
                    rel = rel_dir + name
                    if _matches(rel, include) and not _matches(rel, exclude) and _regular(dirpath, name):
                        found = True
                        yield os.path.join(arg, rel) if arg not in (".", "./") else rel, Path(dirpath, name)
            if not found:
                yield FactlintError(f"no drafts found in this folder (looked for {', '.join(include)})", arg)
        elif path.exists():
            yield FactlintError("not a regular file", arg)
        else:
            yield FactlintError("no such file or folder", arg)


def _regular(folder: str, name: str) -> bool:
    """A regular file (through symlinks): a FIFO or a device in a folder would block the run."""
    try:
        return stat.S_ISREG(os.stat(os.path.join(folder, name)).st_mode)
    except OSError:
        return True  # let reading it report the problem


def decode(data: bytes, display: str) -> tuple[str, bool]:
    """Decode a draft's bytes as UTF-8; return (text without BOM, had a BOM).

    Anything else is refused with the position of the first bad byte rather
    than guessed at: a wrong guess would put wrong text into findings and
    fixes.
    """
    if data.startswith(_UTF16_BOMS):
        raise FactlintError("UTF-16 or UTF-32 text; re-save it as UTF-8", display)
    if b"\0" in data:
        raise FactlintError("binary file (contains NUL bytes), not a draft", display)
    bom = data.startswith(_BOM)
    body = data[len(_BOM):] if bom else data
    try:
        return body.decode("utf-8"), bom
    except UnicodeDecodeError as exc:
        before = body[:exc.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1:].decode("utf-8", "replace")) + 1
        raise FactlintError(
            f"not UTF-8 (byte 0x{body[exc.start]:02x}); re-save it as UTF-8, "
            f"e.g. iconv -f latin1 -t utf-8", display, line, column) from None


def read_bounded(path: Path, display: str, limit: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes.

    "/dev/zero" or a FIFO named as a baseline or register would otherwise be
    read forever; a file too large is refused rather than read whole.
    """
    try:
        st = path.stat()
        if not stat.S_ISREG(st.st_mode):
            raise FactlintError("not a regular file (a FIFO, device or socket)", display)
        with open(path, "rb") as handle:  # read no more than the limit, whatever stat said
            data = handle.read(limit + 1)
    except FactlintError:
        raise
    except FileNotFoundError:
        raise FactlintError("file not found", display) from None
    except IsADirectoryError:
        raise FactlintError("is a folder, not a file", display) from None
    except OSError as exc:
        raise FactlintError(f"cannot read: {exc.strerror}", display) from None
    if len(data) > limit:
        raise FactlintError(f"file too large (over {limit // (1024 * 1024)} MiB, the limit)", display)
    return data


def read_source(display: str, path: Path) -> Source:
    """Read and decode one draft."""
    data = read_bounded(path, display)
    text, bom = decode(data, display)
    return Source(display, path, text, bom)
