"""The language server: LSP events in, diagnostics, code actions and hovers out.

Threading: everything that touches a linter (loading projects, linting)
runs on one worker thread, in order, so a reload never swaps the linter
under a lint and the event loop stays free to answer hovers and to take the
next keystrokes. Messages to the client are only ever sent from the loop.

Freshness: a lint result is kept with the document version it was computed
for; it is published only if the document is still at that version (else a
newer lint is already scheduled), and code actions and hovers use it only
then, linting on the spot otherwise, so an edit is never computed against
text the editor no longer has.
"""

from __future__ import annotations

import asyncio
import logging
import os
import traceback
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Callable, TypeVar

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from factlint import __version__
from factlint.errors import FactlintError
from factlint.files import display_path
from factlint.findings import Finding
from factlint.records import field, record
from factlint.server.actions import Target, code_actions
from factlint.server.convert import error_diagnostic, to_diagnostic
from factlint.server.documents import draft_kind, without_bom
from factlint.server.hover import hover_text
from factlint.server.positions import LineIndex
from factlint.server.problems import Problem, project_problems
from factlint.server.projects import Projects
from factlint.server.watchers import file_watchers

logger = logging.getLogger(__name__)

T = TypeVar("T")
# Milliseconds between the last keystroke and the lint; initializationOptions
# {"debounceMs": N} or FACTLINT_LSP_DEBOUNCE_MS override it (tests and benchmarks use 0).
DEFAULT_DEBOUNCE_MS = 200
DEBOUNCE_ENV = "FACTLINT_LSP_DEBOUNCE_MS"
WATCH_METHOD = types.WORKSPACE_DID_CHANGE_WATCHED_FILES


@record
class LintResult:
    """The diagnostics of one document version, with what built them."""

    version: int | None
    index: LineIndex
    kind: str
    shift: int
    pairs: list[tuple[Finding, types.Diagnostic]] = field(default_factory=list)
    # Diagnostics that are not findings (a front matter error, a failed rule).
    extra: list[types.Diagnostic] = field(default_factory=list)

    @property
    def diagnostics(self) -> list[types.Diagnostic]:
        return [d for _, d in self.pairs] + self.extra


class FactlintServer(LanguageServer):
    """pygls server with factlint's state; the handlers are in ``create_server``."""

    def __init__(self) -> None:
        super().__init__("factlint", __version__)
        self.projects = Projects()
        self.debounce = _env_debounce()
        self.drafts: dict[str, str] = {}  # open draft URIs -> kind
        self.results: dict[str, LintResult] = {}
        self.timers: dict[str, asyncio.TimerHandle] = {}
        self.tasks: set[asyncio.Task[Any]] = set()
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="factlint-lint")
        self.error_uris: set[str] = set()  # files now showing a config or register error
        self.shown_errors: set[str] = set()
        self.registration: str | None = None
        self.registered_files: frozenset[Path] = frozenset()  # what the watcher registration covers
        self.loop: asyncio.AbstractEventLoop | None = None

    # --- running work -------------------------------------------------------

    async def in_worker(self, fn: Callable[..., T], *args: Any) -> T:
        self.loop = asyncio.get_running_loop()
        return await self.loop.run_in_executor(self.worker, fn, *args)

    def log(self, message: str, kind: types.MessageType = types.MessageType.Log) -> None:
        """window/logMessage, from any thread (sent from the loop)."""
        def send() -> None:
            self.window_log_message(types.LogMessageParams(type=kind, message=message))
        loop = self.loop
        if loop is not None and loop.is_running():
            loop.call_soon_threadsafe(send)
        else:
            send()

    def spawn(self, coro: Any) -> None:
        task = asyncio.ensure_future(coro)
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    @property
    def encoding(self) -> str:
        enc = self.workspace.position_encoding
        return str(getattr(enc, "value", enc) or "utf-16")

    # --- linting ------------------------------------------------------------

    def schedule(self, uri: str, delay_ms: float) -> None:
        """Lint ``uri`` after ``delay_ms``, replacing a lint already waiting for it."""
        timer = self.timers.pop(uri, None)
        if timer is not None:
            timer.cancel()
        loop = self.loop = asyncio.get_running_loop()  # handlers run on the loop
        self.timers[uri] = loop.call_later(max(0.0, delay_ms) / 1000, self._fire, uri)

    def _fire(self, uri: str) -> None:
        self.timers.pop(uri, None)
        self.spawn(self.lint_and_publish(uri))

    def open_document(self, uri: str) -> Any:
        if uri not in self.drafts:
            return None
        return self.workspace.text_documents.get(_unquote(uri))

    async def lint_and_publish(self, uri: str) -> LintResult | None:
        doc = self.open_document(uri)
        if doc is None:
            return None
        version, text, kind = doc.version, doc.source, self.drafts[uri]
        result = await self.in_worker(self._lint, uri, text, kind, version, self.encoding)
        current = self.open_document(uri)
        if current is None or current.version != version:
            return None  # closed, or changed again: that change has its own lint coming
        self.results[uri] = result
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=result.diagnostics, version=version))
        return result

    def _lint(self, uri: str, text: str, kind: str, version: int | None, encoding: str) -> LintResult:
        """Runs on the worker. Never raises: a failure is logged and yields no findings."""
        index = LineIndex(text, encoding)
        body, shift = without_bom(text)
        result = LintResult(version, index, kind, shift)
        path = _uri_path(uri)
        display = uri.rsplit("/", 1)[-1]  # an untitled buffer: its name
        try:
            folders = self.projects.folders
            state = self.projects.state_for(path or (folders[0] if folders else Path.cwd()) / "untitled")
            if path is not None:
                # As the CLI names it (relative to this process's folder, else absolute), so
                # per-file-ignores, resolved against the config's folder, match as in a check run.
                display = display_path(path)
            linter = state.linter
            if linter is None:
                return result  # no config ever loaded; its error is shown on the config
            findings = linter.lint_text(display, body, kind)
            related, links = self.diagnostic_support()
            result.pairs.extend((f, to_diagnostic(f, index, shift, related, links)) for f in findings)
        except FactlintError as exc:
            # Bad input in the draft itself (front matter) or a rule option: show it there,
            # at its line when it names one, with the whole error when it is about another file.
            own = exc.line is not None and (path is None or exc.path in (None, display))
            result.pairs.clear()
            result.extra.append(error_diagnostic(exc if own else FactlintError(exc.message), index, shift,
                                                 message=exc.message if own else str(exc)))
        except Exception:  # a bug in a rule must not take the editor's linter down
            result.pairs.clear()
            self.log(f"factlint: linting {uri} failed:\n{traceback.format_exc()}", types.MessageType.Error)
        return result

    async def current(self, uri: str) -> LintResult | None:
        """The result for the document as the editor has it now, linting if needed."""
        doc = self.open_document(uri)
        if doc is None:
            return None
        result = self.results.get(uri)
        if result is not None and result.version == doc.version:
            return result
        return await self.lint_and_publish(uri)

    # --- projects -----------------------------------------------------------

    async def reload(self, reason: str) -> None:
        """Reload every project, show or clear their errors, re-lint every open draft."""
        self.log(f"factlint: reloading the configuration ({reason})", types.MessageType.Info)
        await self.in_worker(self.projects.reload_all)
        await self.after_load()

    async def after_load(self, relint: bool = True) -> None:
        """Show the projects' errors, update the watchers and (unless at start-up) re-lint."""
        problems = await self.in_worker(project_problems, self.projects, self.encoding)
        self._show_problems(problems)
        await self.register_watchers()
        if relint:
            self.results.clear()  # computed with the old linter, even at the same version
            for uri in list(self.drafts):
                self.schedule(uri, 0)

    def _show_problems(self, problems: list[Problem]) -> None:
        """Publish config and register errors on their files; clear the fixed ones."""
        by_uri: dict[str, list[types.Diagnostic]] = {}
        for problem in problems:
            if problem.uri is not None and problem.diagnostic is not None:
                by_uri.setdefault(problem.uri, []).append(problem.diagnostic)
        for uri in self.error_uris - set(by_uri):
            if uri not in self.drafts:
                self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))
        for uri, diagnostics in by_uri.items():
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics))
        self.error_uris = set(by_uri)
        # A message once per new error, not at every reload while it lasts.
        shown = {str(p.error) for p in problems}
        for problem in problems:
            if str(problem.error) not in self.shown_errors:
                self.window_show_message(types.ShowMessageParams(type=types.MessageType.Error,
                                                                 message=problem.message))
                self.log(problem.message, types.MessageType.Error)
        self.shown_errors = shown

    async def register_watchers(self) -> None:
        """Ask the client to watch the configs and the files they name (if it can)."""
        caps = self.client_capabilities.workspace
        watch = caps.did_change_watched_files if caps else None
        if not (watch and watch.dynamic_registration):
            return
        files = self.projects.watched
        if self.registration is not None and files == self.registered_files:
            return
        watchers = file_watchers(files, bool(watch.relative_pattern_support))
        try:
            if self.registration is not None:
                await self.client_unregister_capability_async(types.UnregistrationParams(
                    [types.Unregistration(id=self.registration, method=WATCH_METHOD)]))
                self.registration = None
            registration = f"factlint-watch-{uuid.uuid4().hex[:8]}"
            await self.client_register_capability_async(types.RegistrationParams([types.Registration(
                id=registration, method=WATCH_METHOD,
                register_options=types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers))]))
            self.registration, self.registered_files = registration, files
        except Exception as exc:  # a client that refuses: didSave still reloads
            self.log(f"factlint: could not register file watchers: {exc}", types.MessageType.Warning)

    def set_folders(self) -> None:
        folders = []
        for folder in self.workspace.folders.values():
            path = to_fs_path(folder.uri)
            if path:
                folders.append(Path(path))
        if not folders and self.workspace.root_path:
            folders.append(Path(self.workspace.root_path))
        self.projects.set_folders(folders)

    def diagnostic_support(self) -> tuple[bool, bool]:
        """Whether the client shows (relatedInformation, codeDescription); unsaid means no."""
        caps = self.client_capabilities.text_document
        publish = caps.publish_diagnostics if caps else None
        if publish is None:
            return False, False
        return bool(publish.related_information), bool(publish.code_description_support)

    def target(self, uri: str, result: LintResult) -> Target:
        caps = self.client_capabilities.workspace
        edit = caps.workspace_edit if caps else None
        return Target(uri=uri, version=result.version, index=result.index, kind=result.kind,
                      shift=result.shift, document_changes=bool(edit and edit.document_changes))


def create_server() -> FactlintServer:
    server = FactlintServer()

    @server.feature(types.INITIALIZE)
    def initialize(ls: FactlintServer, params: types.InitializeParams) -> None:
        options = params.initialization_options
        if isinstance(options, dict) and isinstance(options.get("debounceMs"), (int, float)):
            ls.debounce = float(options["debounceMs"])
        ls.set_folders()

    @server.feature(types.INITIALIZED)
    async def initialized(ls: FactlintServer, params: types.InitializedParams) -> None:
        await ls.in_worker(ls.projects.ensure_folders)
        # Drafts opened already were linted after this load (one worker, in order): no re-lint.
        await ls.after_load(relint=False)

    @server.feature(types.WORKSPACE_DID_CHANGE_WORKSPACE_FOLDERS)
    async def folders_changed(ls: FactlintServer, params: types.DidChangeWorkspaceFoldersParams) -> None:
        ls.set_folders()
        await ls.in_worker(ls.projects.ensure_folders)
        await ls.after_load()

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: FactlintServer, params: types.DidOpenTextDocumentParams) -> None:
        doc = params.text_document
        kind = draft_kind(to_fs_path(doc.uri) or doc.uri, doc.language_id)
        if kind is not None:
            ls.drafts[doc.uri] = kind
            ls.schedule(doc.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: FactlintServer, params: types.DidChangeTextDocumentParams) -> None:
        if params.text_document.uri in ls.drafts:
            ls.schedule(params.text_document.uri, ls.debounce)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    async def did_save(ls: FactlintServer, params: types.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        path = _uri_path(uri)
        if path is not None and ls.projects.may_change(path):
            await ls.reload(f"{path.name} saved")
        elif uri in ls.drafts:
            ls.schedule(uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: FactlintServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        timer = ls.timers.pop(uri, None)
        if timer is not None:
            timer.cancel()
        ls.results.pop(uri, None)
        if ls.drafts.pop(uri, None) is not None:
            ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    async def watched_changed(ls: FactlintServer, params: types.DidChangeWatchedFilesParams) -> None:
        paths = [p for p in (_uri_path(c.uri) for c in params.changes) if p is not None]
        changed = [p for p in paths if ls.projects.may_change(p)]
        if changed:
            await ls.reload(", ".join(sorted({p.name for p in changed})) + " changed")

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]))
    async def code_action(ls: FactlintServer, params: types.CodeActionParams) -> list[types.CodeAction] | None:
        try:
            uri = params.text_document.uri
            result = await ls.current(uri)
            if result is None:
                return None
            index, shift = result.index, result.shift
            lo = index.offset(params.range.start.line, params.range.start.character)
            hi = index.offset(params.range.end.line, params.range.end.character)
            hits = [(f, d) for f, d in result.pairs
                    if f.offset + shift <= hi and f.end_offset + shift >= lo]
            return code_actions(ls.target(uri, result), hits, params.context.only) or None
        except Exception:
            ls.log(f"factlint: code actions failed:\n{traceback.format_exc()}", types.MessageType.Error)
            return None

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    async def hover(ls: FactlintServer, params: types.HoverParams) -> types.Hover | None:
        try:
            result = await ls.current(params.text_document.uri)
            if result is None:
                return None
            at = result.index.offset(params.position.line, params.position.character) - result.shift
            under = [(f, d) for f, d in result.pairs
                     if f.offset <= at < f.end_offset or f.offset == f.end_offset == at]
            if not under:
                return None
            caps = ls.client_capabilities.text_document
            formats = (caps.hover.content_format if caps and caps.hover else None) or []
            markdown = not formats or types.MarkupKind.Markdown in formats
            return types.Hover(
                contents=types.MarkupContent(
                    kind=types.MarkupKind.Markdown if markdown else types.MarkupKind.PlainText,
                    value=hover_text([f for f, _ in under], markdown)),
                range=under[0][1].range)
        except Exception:
            ls.log(f"factlint: hover failed:\n{traceback.format_exc()}", types.MessageType.Error)
            return None

    @server.feature(types.SHUTDOWN)
    def shutdown(ls: FactlintServer, params: None) -> None:
        for timer in ls.timers.values():
            timer.cancel()
        ls.timers.clear()
        ls.worker.shutdown(wait=False, cancel_futures=True)

    return server


def _env_debounce() -> float:
    raw = os.environ.get(DEBOUNCE_ENV, "")
    try:
        return max(0.0, float(raw)) if raw else float(DEFAULT_DEBOUNCE_MS)
    except ValueError:
        return float(DEFAULT_DEBOUNCE_MS)


def _uri_path(uri: str) -> Path | None:
    if not uri.startswith("file:"):
        return None
    path = to_fs_path(uri)
    return Path(path) if path else None


def _unquote(uri: str) -> str:
    from urllib.parse import unquote

    return unquote(uri)
