"""One loaded project per workspace folder: its linter, or why there is none.

A project is loaded the way the CLI loads it (``load_project`` from the
folder, then ``build_linter``), so the editor and ``factlint check`` agree.
A config or register being edited is broken most of the time it is open:
a failed reload keeps the last good linter and remembers the error, which
the server shows, instead of taking diagnostics away mid-sentence.
"""

from __future__ import annotations

from pathlib import Path

from factlint.config import CONFIG_NAMES, PACKS_DIR
from factlint.engine import Linter
from factlint.errors import FactlintError
from factlint.project import Project, build_linter, load_project
from factlint.records import field, record

# Files whose change can alter which config applies or what it says.
CONFIG_FILE_NAMES = (*CONFIG_NAMES, "pyproject.toml")
# Kinds of file that can be a register or pack.
_PROJECT_SUFFIXES = (".yaml", ".yml", ".toml")


@record
class ProjectState:
    """The project of one folder; ``linter`` is the last one that loaded."""

    folder: Path
    project: Project | None = None
    linter: Linter | None = None
    error: FactlintError | None = None
    # Register and pack files the config names (resolved), for the file watcher.
    files: frozenset[Path] = field(default_factory=frozenset)

    def reload(self) -> FactlintError | None:
        """Load the config and register again; keep the old linter if that fails."""
        try:
            project = load_project(None, start=self.folder)
            linter = build_linter(project)
        except FactlintError as exc:
            self.error = exc
            return exc
        self.project, self.linter, self.error = project, linter, None
        config = project.config
        named = [*config.register, *config.packs]
        if config.path is not None:
            named.append(config.path)
        self.files = frozenset(p.resolve() for p in named if not _shipped(p))
        return None


def _shipped(path: Path) -> bool:
    """A pack that comes with factlint: it changes only when factlint does."""
    try:
        return path.resolve().is_relative_to(PACKS_DIR.resolve())
    except OSError:
        return False


class Projects:
    """The projects of the open workspace folders, loaded on first use.

    Only the lint worker thread loads or reloads; ``watched`` is replaced
    whole after each load, so the event loop may read it at any time.
    """

    def __init__(self) -> None:
        self.folders: list[Path] = []
        self.states: dict[Path, ProjectState] = {}
        # Register and pack files (and configs) every loaded project names.
        self.watched: frozenset[Path] = frozenset()

    def set_folders(self, folders: list[Path]) -> None:
        self.folders = sorted({f.resolve() for f in folders}, key=lambda p: len(p.parts), reverse=True)

    def folder_for(self, path: Path) -> Path:
        """The deepest workspace folder holding ``path``; else the file's own folder.

        A draft opened from outside every workspace folder gets the config a
        ``factlint check`` run from its folder would find.
        """
        resolved = path.resolve()
        for folder in self.folders:  # deepest first
            if resolved.is_relative_to(folder):
                return folder
        return resolved.parent

    def state_for(self, path: Path) -> ProjectState:
        folder = self.folder_for(path)
        state = self.states.get(folder)
        if state is None:
            state = self._load(folder)
        return state

    def ensure_folders(self) -> None:
        """Load every workspace folder's project, so config errors show at start-up."""
        for folder in self.folders:
            if folder not in self.states:
                self._load(folder)

    def reload_all(self) -> None:
        for state in list(self.states.values()):
            state.reload()
        self._update_watched()

    def errors(self) -> list[FactlintError]:
        return [s.error for s in list(self.states.values()) if s.error is not None]

    def _load(self, folder: Path) -> ProjectState:
        state = ProjectState(folder)
        state.reload()
        self.states[folder] = state
        self._update_watched()
        return state

    def _update_watched(self) -> None:
        self.watched = frozenset(p for s in list(self.states.values()) for p in s.files)

    def may_change(self, path: Path) -> bool:
        """Whether a change to ``path`` can change some project's linter.

        While a project is broken, any YAML or TOML file may be the fix (the
        register the config names, just created), so those count too.
        """
        if path.name in CONFIG_FILE_NAMES:
            return True
        try:
            if path.resolve() in self.watched:
                return True
        except OSError:
            return False
        return path.suffix.lower() in _PROJECT_SUFFIXES and any(
            s.error is not None for s in list(self.states.values()))
