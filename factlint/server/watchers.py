"""Which files the client should watch for the server: configs, and the files they name.

Any factlint.yaml, .factlint.yaml or pyproject.toml can change which config
applies (one may appear above a workspace folder), so those are watched by
name everywhere; registers and packs are watched where the config says they
are, as relative patterns when the client has them (else by file name, which
only costs a spurious reload when an unrelated file of that name changes).
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from lsprotocol import types

from factlint.server.projects import CONFIG_FILE_NAMES


def file_watchers(files: Iterable[Path], relative_patterns: bool) -> list[types.FileSystemWatcher]:
    watchers = [types.FileSystemWatcher(glob_pattern=f"**/{name}") for name in CONFIG_FILE_NAMES]
    for path in sorted(set(files)):
        if path.name in CONFIG_FILE_NAMES:
            continue
        pattern: types.GlobPattern = (
            types.RelativePattern(base_uri=path.parent.as_uri(), pattern=path.name)
            if relative_patterns else f"**/{path.name}")
        watchers.append(types.FileSystemWatcher(glob_pattern=pattern))
    return watchers
