"""Where factlint keeps what it saves between runs: lint results, compiled patterns, parsed YAML.

Its own module because the pattern store and the YAML cache need the folder
before the analyses are imported, and the result cache imports the whole engine.
"""

from __future__ import annotations

import os
import time
from contextlib import suppress
from pathlib import Path

ENV_VAR = "FACTLINT_CACHE_DIR"
# Names of files being written; left behind only by a writer that died before renaming.
TEMP_PREFIX = ".tmp-"
DAY = 24 * 60 * 60
# A used entry's mtime is refreshed only when older than this: one utime a day, not one per run.
TOUCH_AFTER = DAY

# This process's folder once ``configure`` has run (None: no usable folder).
_current: tuple[Path | None] | None = None


def cache_root(option: str | None = None) -> tuple[Path | None, bool]:
    """(the cache folder, whether the user chose it): --cache-dir, $FACTLINT_CACHE_DIR, else the user cache.

    The user cache folder is ``$XDG_CACHE_HOME/factlint`` (when that is an
    absolute path, as the XDG spec requires) or ``~/.cache/factlint``; None
    when there is no home folder either.
    """
    chosen = option or os.environ.get(ENV_VAR)
    if chosen:
        return Path(chosen).absolute(), True
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg and os.path.isabs(xdg):
        return Path(xdg) / "factlint", False
    try:
        return Path.home() / ".cache" / "factlint", False
    except (RuntimeError, KeyError):
        return None, False


def configure(option: str | None, enabled: bool = True) -> None:
    """Use ``--cache-dir`` (or the defaults) for everything this process keeps, or nothing at all
    (``--no-cache``); before the analyses load."""
    global _current
    _current = (cache_root(option)[0] if enabled else None,)


def current() -> Path | None:
    """The cache folder of this process: the configured one, else the default."""
    return (_current or (cache_root()[0],))[0]


def make_root(root: Path) -> None:
    """Create the cache folder; a new one is tagged for backup tools and kept out of git."""
    if root.exists():
        return
    root.mkdir(parents=True, exist_ok=True)
    with suppress(OSError):
        (root / "CACHEDIR.TAG").write_text(
            "Signature: 8a477f597d28d172789f06886806bc55\n"
            "# This file is a cache directory tag created by factlint.\n", encoding="ascii")
        (root / ".gitignore").write_text("# Created by factlint.\n*\n", encoding="ascii")


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``path`` so that readers see the old file or the new one, never part of one.

    Two runs (or the forked workers of one) may write the same file at once:
    each writes a temporary file beside it and renames it into place.
    """
    fd, temp = _temp_beside(path)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temp, path)
    except BaseException:
        with suppress(OSError):
            os.unlink(temp)
        raise


def _temp_beside(path: Path) -> tuple[int, str]:
    """A new file of our own beside ``path``, opened for writing, as ``tempfile.mkstemp``
    makes it (exclusive, mode 0600): importing tempfile (with random) cost a hook run
    about 2 ms."""
    for _ in range(100):
        temp = os.path.join(path.parent, f"{TEMP_PREFIX}{os.getpid()}-{os.urandom(6).hex()}")
        try:
            return os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600), temp
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name beside {path}")


def write_entry(path: Path, data: bytes) -> None:
    """Write ``path``, a file in a folder of the cache folder, making both first if need be."""
    make_root(path.parent.parent)
    path.parent.mkdir(exist_ok=True)
    write_atomic(path, data)


def mark_used(path: Path, mtime: float) -> None:
    """Refresh the mtime of an entry just used (at most once a day), so pruning keeps it."""
    if mtime < time.time() - TOUCH_AFTER:
        with suppress(OSError):
            os.utime(path)
