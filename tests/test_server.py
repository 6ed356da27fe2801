"""The language server as an editor sees it: the real ``factlint server`` over stdio.

The tests talk LSP through pytest-lsp's client to ``python -m factlint
server``, started once for the module (a start costs about a second) with a
workspace folder in a temporary directory holding a factlint.yaml, a
register and a draft; each test opens drafts of its own. Tests that edit the
config or register get a workspace folder of their own, added as an editor
adds one; one test starts a second server as a UTF-8 client (Neovim 0.11).
Positions are asserted exactly, in the client's code units (UTF-16 for VS
Code). The position arithmetic is also tested on its own.
"""

from __future__ import annotations

import asyncio
import re
import sys
from pathlib import Path
from typing import Any, Callable

import pytest

pytest.importorskip("pytest_lsp")

import pytest_asyncio  # noqa: E402
import pytest_lsp  # noqa: E402
from lsprotocol import types  # noqa: E402
from pygls.protocol import default_converter  # noqa: E402
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities  # noqa: E402
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features  # noqa: E402

from factlint.server.positions import UTF8, UTF16, LineIndex  # noqa: E402

CONFIG = "register: [register.yaml]\n"
REGISTER = """\
sources:
  harbour-monitor:
    publisher: Harbour Monitor
    date: 2026-03-01
    url: https://example.org/harbour-monitor
    cite_as: [Harbour Monitor]
facts:
  - id: ferry-commuter-share
    claim: The share of commuters who ride the ferry
    about: [ferry, [commuters, commuter]]
    values:
      - {value: 23%, when: "2025"}
    source: harbour-monitor
terms:
  - use: open weights
    instead_of: [open source, open-source]
    near: [model, models]
    why: Publishing parameters without training data is "open weights".
"""
# An emoji (two UTF-16 code units, one code point) before the term on line 3.
DRAFT = ("# Harbour notes\n\n"
         "\U0001F6A2 The lab released an open-source model for the ferry timetable.\n\n"
         "The ferry carried 40% of commuters in 2025, according to the Harbour Monitor.\n")
TERM_RANGE = ((2, 23), (2, 34))  # "open-source": code points 22..33, +1 for the emoji
FACT_RANGE = ((4, 18), (4, 21))  # "40%"
TIMEOUT = 10.0
module_loop = pytest.mark.asyncio(loop_scope="module")


# --- the client ------------------------------------------------------------


class Recorder:
    """What the server sent besides responses: every publish, every registration."""

    def __init__(self) -> None:
        self.published: list[types.PublishDiagnosticsParams] = []
        self.registrations: list[types.Registration] = []


def make_client() -> LanguageClient:
    client = LanguageClient(converter_factory=default_converter)
    recorder = Recorder()
    features = dict(DEFAULT_CLIENT_FEATURES)

    def publish(client: LanguageClient, params: types.PublishDiagnosticsParams) -> None:
        client.diagnostics[params.uri] = params.diagnostics
        recorder.published.append(params)

    def register(client: LanguageClient, params: types.RegistrationParams) -> None:
        recorder.registrations.extend(params.registrations)

    def unregister(client: LanguageClient, params: types.UnregistrationParams) -> None:
        return None

    features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = publish
    features[types.CLIENT_REGISTER_CAPABILITY] = register
    features[types.CLIENT_UNREGISTER_CAPABILITY] = unregister
    register_lsp_features(client, features)
    client.recorder = recorder  # type: ignore[attr-defined]
    return client


@pytest.fixture(scope="module")
def newsroom(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The workspace folder the client opens with: a config, a register and a draft."""
    return write_project(tmp_path_factory.mktemp("newsroom"))


def write_project(folder: Path) -> Path:
    (folder / "factlint.yaml").write_text(CONFIG, encoding="utf-8")
    (folder / "register.yaml").write_text(REGISTER, encoding="utf-8")
    (folder / "draft.md").write_text(DRAFT, encoding="utf-8")
    return folder


# One server for the module (starting one costs about a second); each test opens drafts of its own.
SERVER = ClientServerConfig(server_command=[sys.executable, "-m", "factlint", "server"],
                            client_factory=make_client)


@pytest_lsp.fixture(scope="module", config=SERVER)
async def client(lsp_client: LanguageClient, newsroom: Path):
    await lsp_client.initialize_session(types.InitializeParams(
        capabilities=client_capabilities("visual-studio-code"),
        workspace_folders=[types.WorkspaceFolder(uri=newsroom.as_uri(), name="newsroom")],
        root_uri=newsroom.as_uri(),
        initialization_options={"debounceMs": 100},
    ))
    yield
    await lsp_client.shutdown_session()


@pytest_asyncio.fixture(loop_scope="module")
async def folder(client: LanguageClient, tmp_path: Path):
    """A second workspace folder with its own project, for tests that edit config or register."""
    write_project(tmp_path)
    registrations = len(client.recorder.registrations)  # type: ignore[attr-defined]
    workspace_folder = types.WorkspaceFolder(uri=tmp_path.as_uri(), name=tmp_path.name)
    client.workspace_did_change_workspace_folders(types.DidChangeWorkspaceFoldersParams(
        event=types.WorkspaceFoldersChangeEvent(added=[workspace_folder], removed=[])))
    # Loaded once the server watches its register too.
    await until(lambda: len(client.recorder.registrations) > registrations)  # type: ignore[attr-defined]
    yield tmp_path
    client.workspace_did_change_workspace_folders(types.DidChangeWorkspaceFoldersParams(
        event=types.WorkspaceFoldersChangeEvent(added=[], removed=[workspace_folder])))


async def until(condition: Callable[[], bool]) -> None:
    deadline = asyncio.get_running_loop().time() + TIMEOUT
    while not condition():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError("timed out waiting for the server")
        await asyncio.sleep(0.01)


def published(client: LanguageClient) -> list[types.PublishDiagnosticsParams]:
    return client.recorder.published  # type: ignore[attr-defined]


async def wait_for(client: LanguageClient, uri: str,
                   check: Callable[[types.PublishDiagnosticsParams], bool] = lambda p: True,
                   after: int = 0) -> types.PublishDiagnosticsParams:
    """The first diagnostics for ``uri`` published after the ``after``-th message that pass ``check``."""
    deadline = asyncio.get_running_loop().time() + TIMEOUT
    while True:
        for params in published(client)[after:]:
            if params.uri == uri and check(params):
                return params
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"no matching diagnostics for {uri}: {published(client)[after:]}")
        await asyncio.sleep(0.01)


def open_draft(client: LanguageClient, path: Path, text: str, language: str = "markdown",
               version: int = 1) -> str:
    uri = path.as_uri()
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        types.TextDocumentItem(uri=uri, language_id=language, version=version, text=text)))
    return uri


def change(client: LanguageClient, uri: str, text: str, version: int) -> None:
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))


def span(diagnostic: types.Diagnostic) -> tuple[tuple[int, int], tuple[int, int]]:
    r = diagnostic.range
    return (r.start.line, r.start.character), (r.end.line, r.end.character)


def by_code(params: types.PublishDiagnosticsParams) -> dict[Any, types.Diagnostic]:
    return {d.code: d for d in params.diagnostics}


def apply_text_edits(text: str, edits: list[types.TextEdit]) -> str:
    """Apply edits as an editor does, counting UTF-16 units (independently of the server)."""
    lines = re.split(r"(?<=\n)", text)

    def offset(pos: types.Position) -> int:
        before = sum(len(line) for line in lines[:pos.line])
        line, units, i = lines[pos.line] if pos.line < len(lines) else "", 0, 0
        while i < len(line) and units < pos.character:
            units += 2 if ord(line[i]) > 0xFFFF else 1
            i += 1
        return before + i

    spans = sorted(((offset(e.range.start), offset(e.range.end), e.new_text) for e in edits), reverse=True)
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text


def edits_of(action: types.CodeAction, uri: str) -> list[types.TextEdit]:
    assert action.edit is not None
    if action.edit.document_changes:
        (doc_edit,) = action.edit.document_changes
        assert doc_edit.text_document.uri == uri
        return list(doc_edit.edits)
    return list(action.edit.changes[uri])


async def actions_at(client: LanguageClient, uri: str, rng: tuple[tuple[int, int], tuple[int, int]]
                     ) -> list[types.CodeAction]:
    (l1, c1), (l2, c2) = rng
    result = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri),
        range=types.Range(types.Position(l1, c1), types.Position(l2, c2)),
        context=types.CodeActionContext(diagnostics=[])))
    return list(result or [])


# --- positions, without a server --------------------------------------------


def test_positions_count_utf16_units_and_every_line_break() -> None:
    text = "a\r\nb\U0001F600c\rd\ne"
    index = LineIndex(text, UTF16)
    assert index.position(text.index("c")) == (1, 3)  # the emoji is two units
    assert index.position(text.index("d")) == (2, 0)  # a lone CR ends a line
    assert index.position(text.index("e")) == (3, 0)
    assert index.position(len(text)) == (3, 1)
    assert index.offset(1, 3) == text.index("c")
    assert index.offset(1, 2) == text.index("\U0001F600")  # inside the pair: rounds down
    assert index.offset(0, 99) == 1  # past the end of a line: before its CRLF
    assert index.offset(9, 0) == len(text)
    assert LineIndex(text, UTF8).position(text.index("c")) == (1, 5)
    # A lone surrogate (JSON allows one) counts as one unit and does not raise.
    assert LineIndex("\ud83dx", UTF16).position(1) == (0, 1)


# --- the server --------------------------------------------------------------


@module_loop
async def test_diagnostics_at_exact_utf16_positions(client: LanguageClient, newsroom: Path) -> None:
    uri = open_draft(client, newsroom / "draft.md", DRAFT)
    params = await wait_for(client, uri)
    assert params.version == 1
    found = by_code(params)
    assert set(found) == {"term-prefer", "fact-mismatch"}
    term, fact = found["term-prefer"], found["fact-mismatch"]
    assert span(term) == TERM_RANGE
    assert span(fact) == FACT_RANGE
    assert term.severity == types.DiagnosticSeverity.Warning
    assert fact.severity == types.DiagnosticSeverity.Error
    assert term.source == "factlint"
    assert term.code_description.href == "https://factlint.dev/rules/term-prefer"
    assert term.message.startswith('Use "open-weights" instead of "open-source".')
    # The fact finding points at its register entry, with the source.
    (related,) = fact.related_information
    assert related.location.uri == (newsroom / "register.yaml").as_uri()
    entry_line = REGISTER.splitlines().index("  - id: ferry-commuter-share")
    assert related.location.range.start.line == entry_line
    assert "ferry-commuter-share" in related.message and "Harbour Monitor (2026-03-01)" in related.message
    (term_entry,) = term.related_information
    assert term_entry.location.range.start.line == REGISTER.splitlines().index("  - use: open weights")
    assert term_entry.message == 'term entry: use "open weights"'
    # The watchers the server asked for: the config names and the register the config names.
    # The watchers the server asked for: the config names and the register the config names.
    await until(lambda: bool(client.recorder.registrations))  # type: ignore[attr-defined]
    registration = client.recorder.registrations[0]  # type: ignore[attr-defined]
    assert registration.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES
    patterns = [w["globPattern"] for w in registration.register_options["watchers"]]
    assert "**/factlint.yaml" in patterns and "**/pyproject.toml" in patterns
    # VS Code 1.65 has no relative patterns: a glob by name (with them: the file's folder and name).
    assert "**/register.yaml" in patterns


@module_loop
async def test_plain_text_with_crlf_and_an_emoji(client: LanguageClient, newsroom: Path) -> None:
    text = "Notes for the desk.\r\n\r\n\U0001F600\U0001F600 Our open-source model is ready.\r\n"
    uri = open_draft(client, newsroom / "crlf.txt", text, language="plaintext")
    (term,) = (await wait_for(client, uri)).diagnostics
    assert term.code == "term-prefer"
    # Line 3 (0-based 2) after two CRLFs; two emoji = four units before "Our".
    assert span(term) == ((2, 9), (2, 20))
    # Not a draft: YAML and unknown languages are left alone.
    other = open_draft(client, newsroom / "notes.yaml", "open-source model\n", language="yaml")
    await asyncio.sleep(0.2)
    assert all(p.uri != other for p in published(client))


@module_loop
async def test_code_actions_fix_and_disable_line(client: LanguageClient, newsroom: Path) -> None:
    uri = open_draft(client, newsroom / "actions.md", DRAFT)
    await wait_for(client, uri)
    # Only the findings in the requested range get actions.
    assert await actions_at(client, uri, ((0, 0), (0, 5))) == []
    actions = await actions_at(client, uri, ((2, 25), (2, 25)))
    titles = [a.title for a in actions]
    assert titles == ['Replace "open-source" with "open-weights"', "Disable term-prefer for this line"]
    fix, disable = actions
    assert fix.kind == types.CodeActionKind.QuickFix and fix.is_preferred
    assert fix.diagnostics[0].code == "term-prefer"
    assert fix.edit.document_changes[0].text_document.version == 1

    fixed = apply_text_edits(DRAFT, edits_of(fix, uri))
    assert "an open-weights model" in fixed
    before = len(published(client))
    change(client, uri, fixed, 2)
    params = await wait_for(client, uri, lambda p: p.version == 2, after=before)
    assert set(by_code(params)) == {"fact-mismatch"}

    # Disable the fact finding on its line: the directive goes above it.
    (fact_disable,) = [a for a in await actions_at(client, uri, FACT_RANGE) if a.title.startswith("Disable")]
    assert fact_disable.title == "Disable fact-mismatch for this line"
    disabled = apply_text_edits(fixed, edits_of(fact_disable, uri))
    assert disabled.splitlines()[4] == "<!-- factlint-disable-next-line fact-mismatch -->"
    before = len(published(client))
    change(client, uri, disabled, 3)
    params = await wait_for(client, uri, lambda p: p.version == 3, after=before)
    assert not params.diagnostics  # silenced, and the directive is used


@module_loop
async def test_disable_line_in_plain_text_and_mid_paragraph(client: LanguageClient,
                                                             newsroom: Path) -> None:
    text = "Desk notes.\n\n    The open source model ships today.\n"
    uri = open_draft(client, newsroom / "indented.txt", text, language="plaintext")
    (term,) = (await wait_for(client, uri)).diagnostics
    disable = [a for a in await actions_at(client, uri, span(term)) if a.title.startswith("Disable")][0]
    new = apply_text_edits(text, edits_of(disable, uri))
    assert new.splitlines()[2:4] == ["    factlint-disable-next-line term-prefer",
                                     "    The open source model ships today."]
    before = len(published(client))
    change(client, uri, new, 2)
    assert (await wait_for(client, uri, lambda p: p.version == 2, after=before)).diagnostics == ()
    # Mid-paragraph in Markdown the comment ends the line above: a comment line would split the sentence.
    text = "The lab said on Monday that its system\nis an open-source model.\n"
    uri = open_draft(client, newsroom / "wrapped.md", text)
    (term,) = (await wait_for(client, uri)).diagnostics
    disable = [a for a in await actions_at(client, uri, span(term)) if a.title.startswith("Disable")][0]
    new = apply_text_edits(text, edits_of(disable, uri))
    assert new == ("The lab said on Monday that its system <!-- factlint-disable-next-line term-prefer -->\n"
                   "is an open-source model.\n")
    before = len(published(client))
    change(client, uri, new, 2)
    assert (await wait_for(client, uri, lambda p: p.version == 2, after=before)).diagnostics == ()


@module_loop
async def test_hover_shows_the_message_then_the_explanation(client: LanguageClient, newsroom: Path) -> None:
    uri = open_draft(client, newsroom / "hover.md", DRAFT)
    await wait_for(client, uri)
    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(2, 24)))
    assert hover is not None and hover.contents.kind == types.MarkupKind.Markdown
    value = hover.contents.value
    assert value.index("instead of") < value.index("term-prefer (warning)")  # message first
    assert "```text" in value and "Flagged:" in value
    assert (hover.range.start.line, hover.range.start.character) == TERM_RANGE[0]
    nothing = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(0, 3)))
    assert nothing is None


@module_loop
async def test_config_change_updates_diagnostics(client: LanguageClient, folder: Path) -> None:
    uri = open_draft(client, folder / "draft.md", DRAFT)
    await wait_for(client, uri)
    config = folder / "factlint.yaml"
    config.write_text(CONFIG + "rules:\n  term-prefer: off\n  fact-mismatch: info\n", encoding="utf-8")
    before = len(published(client))
    client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(
        changes=[types.FileEvent(uri=config.as_uri(), type=types.FileChangeType.Changed)]))
    params = await wait_for(client, uri, after=before)
    (fact,) = params.diagnostics
    assert fact.code == "fact-mismatch" and fact.severity == types.DiagnosticSeverity.Information


@module_loop
async def test_per_file_ignores_apply_as_in_a_check_run(client: LanguageClient, folder: Path) -> None:
    (folder / "factlint.yaml").write_text(CONFIG + 'per-file-ignores:\n  "wire/*": [term-prefer]\n',
                                          encoding="utf-8")
    logged = len(client.log_messages)
    client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(changes=[types.FileEvent(
        uri=(folder / "factlint.yaml").as_uri(), type=types.FileChangeType.Changed)]))
    # The reload is under way (the lints of drafts opened now queue behind it).
    await until(lambda: any("reloading" in m.message for m in client.log_messages[logged:]))
    (folder / "wire").mkdir()
    wire = open_draft(client, folder / "wire" / "copy.md", DRAFT)
    own = open_draft(client, folder / "own.md", DRAFT)
    assert set(by_code(await wait_for(client, wire))) == {"fact-mismatch"}
    assert set(by_code(await wait_for(client, own))) == {"term-prefer", "fact-mismatch"}


@module_loop
async def test_broken_register_keeps_the_last_good_linter(client: LanguageClient, folder: Path) -> None:
    uri = open_draft(client, folder / "draft.md", DRAFT)
    await wait_for(client, uri)
    register = folder / "register.yaml"
    broken = REGISTER.replace("    source: harbour-monitor\n", "    source: no-such-source\n")
    register.write_text(broken, encoding="utf-8")
    before = len(published(client))
    client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(
        changes=[types.FileEvent(uri=register.as_uri(), type=types.FileChangeType.Changed)]))
    # The error is shown on the register, at the line of the bad source...
    error = await wait_for(client, register.as_uri(), after=before)
    (diagnostic,) = error.diagnostics
    assert diagnostic.severity == types.DiagnosticSeverity.Error
    assert diagnostic.range.start.line == broken.splitlines().index("    source: no-such-source")
    assert "no-such-source" in diagnostic.message
    # ... and said once in a message, which may arrive just after the diagnostics.
    await until(lambda: any("no-such-source" in m.message and m.type == types.MessageType.Error
                            for m in client.messages))
    # ...and drafts are still checked with the register as it last loaded.
    params = await wait_for(client, uri, after=before)
    assert set(by_code(params)) == {"term-prefer", "fact-mismatch"}
    before = len(published(client))
    change(client, uri, DRAFT + "\nAnother open-source model.\n", 2)
    params = await wait_for(client, uri, lambda p: p.version == 2, after=before)
    assert [d.code for d in params.diagnostics].count("term-prefer") == 2
    # Fixed (saved in the editor this time): the error goes away.
    register.write_text(REGISTER, encoding="utf-8")
    before = len(published(client))
    client.text_document_did_save(types.DidSaveTextDocumentParams(
        text_document=types.TextDocumentIdentifier(uri=register.as_uri())))
    cleared = await wait_for(client, register.as_uri(), after=before)
    assert not cleared.diagnostics


@module_loop
async def test_debounce_lints_only_the_last_of_quick_changes(client: LanguageClient, newsroom: Path) -> None:
    uri = open_draft(client, newsroom / "debounce.md", "Draft.\n")
    await wait_for(client, uri)
    before = len(published(client))
    for version in range(2, 7):
        change(client, uri, "Draft." + " open-source model." * version + "\n", version)
    params = await wait_for(client, uri, lambda p: p.version == 6, after=before)
    assert len(params.diagnostics) == 6
    await asyncio.sleep(0.2)
    # Versions 2-5 were never linted (a reload from another test may re-publish version 1).
    assert [p.version for p in published(client)[before:] if p.uri == uri and p.version != 1] == [6]


ODD_TEXTS = ["", "\0", "\ud83d lone surrogate", "\r\r\n\n\r", "<!-- factlint-disable-next-line",
             "x" * 20000, "---\n: [\n---\n", "# \U0001F600" * 3000, "\ufeffBOM then an open-source model.\n"]


@module_loop
async def test_odd_text_never_kills_the_server(client: LanguageClient, newsroom: Path) -> None:
    for i, text in enumerate(ODD_TEXTS):
        uri = open_draft(client, newsroom / f"odd{i}.md", text)
        params = await wait_for(client, uri)
        hover = await client.text_document_hover_async(types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(0, 0)))
        assert hover is None or hover.contents.value
    (term,) = params.diagnostics
    assert span(term) == ((0, 13), (0, 24))  # a BOM the editor kept counts as one unit
    assert not [m for m in client.log_messages if "failed" in m.message]


@module_loop
async def test_front_matter_error_is_a_diagnostic_at_its_line(client: LanguageClient, newsroom: Path) -> None:
    uri = open_draft(client, newsroom / "fm.md", "---\n- a list\n---\n\nText.\n")
    (diagnostic,) = (await wait_for(client, uri)).diagnostics
    assert diagnostic.range.start.line == 1
    assert "front matter must be a YAML mapping" in diagnostic.message


@module_loop
async def test_a_utf8_client_without_watchers(tmp_path: Path) -> None:
    """Neovim 0.11 offers UTF-8 first, takes plain ``changes`` edits and registers no watchers."""
    write_project(tmp_path)
    client = await SERVER.start()
    try:
        result = await client.initialize_session(types.InitializeParams(
            capabilities=client_capabilities("neovim@v0.11.0"),
            workspace_folders=[types.WorkspaceFolder(uri=tmp_path.as_uri(), name="news")],
            initialization_options={"debounceMs": 0}))
        assert result.capabilities.position_encoding == types.PositionEncodingKind.Utf8
        uri = open_draft(client, tmp_path / "draft.md", DRAFT)
        term = by_code(await wait_for(client, uri))["term-prefer"]
        assert span(term) == ((2, 25), (2, 36))  # the emoji is four bytes (three more than one code point)
        assert term.code_description is None  # the client did not ask for links
        fix = (await actions_at(client, uri, span(term)))[0]
        assert fix.edit.document_changes is None
        assert [e.range.start.character for e in fix.edit.changes[uri]] == [25]
        # No watcher, so saving the config in the editor is what reloads it.
        (tmp_path / "factlint.yaml").write_text(CONFIG + "rules:\n  term-prefer: error\n", encoding="utf-8")
        before = len(published(client))
        client.text_document_did_save(types.DidSaveTextDocumentParams(
            text_document=types.TextDocumentIdentifier(uri=(tmp_path / "factlint.yaml").as_uri())))
        params = await wait_for(client, uri, after=before)
        assert by_code(params)["term-prefer"].severity == types.DiagnosticSeverity.Error
        assert client.recorder.registrations == []  # type: ignore[attr-defined]
    finally:
        await client.shutdown_session()  # also after a failed assertion, or stop() waits forever
        await client.stop()
