"""How long from a keystroke to its diagnostics? didChange -> publishDiagnostics over stdio.

Starts the real ``factlint server`` (as an editor would: ``python -m factlint
server``, workspace folder = this repository, so its factlint.yaml, register
and packs apply), opens a ~2,000-word draft made of BBC News articles from
``../shared/corpora/bbc-news`` and types one word at a time at its end, as
incremental changes. Each sample is the wall time from sending the change to
receiving the diagnostics for that document version, with the debounce set
to 0 (initializationOptions ``debounceMs``), so the number is the server's
own cost; an editor sees the configured debounce (200 ms by default) on top.
The same draft linted in-process is printed alongside, to show what the
protocol, conversion and process boundary add.

Usage: python bench/lsp_roundtrip.py [--words N] [--samples N] [--corpus DIR]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "bbc-news"


def build_draft(corpus: Path, words: int) -> str:
    """Whole articles, in a fixed order, until the draft has ``words`` words."""
    parts: list[str] = []
    count = 0
    for path in sorted(corpus.rglob("*.txt")):
        try:
            text = path.read_bytes().decode("utf-8").lstrip("\ufeff").strip()
        except (OSError, UnicodeDecodeError):
            continue
        parts.append(text)
        count += len(text.split())
        if count >= words:
            break
    return "\n\n".join(parts) + "\n"


def in_process_ms(text: str, samples: int) -> list[float]:
    from factlint.project import build_linter, load_project

    linter = build_linter(load_project(None, start=ROOT))
    times = []
    for _ in range(samples):
        t0 = time.perf_counter()
        linter.lint_text("bench-draft.txt", text, "text")
        times.append((time.perf_counter() - t0) * 1000)
    return times


async def roundtrips(text: str, samples: int) -> tuple[list[float], int]:
    from lsprotocol import types
    from pygls.lsp.client import LanguageClient

    client = LanguageClient("factlint-bench", "1")
    waiting: dict[int, asyncio.Future[types.PublishDiagnosticsParams]] = {}

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_diagnostics(params: types.PublishDiagnosticsParams) -> None:
        future = waiting.get(params.version) if params.version is not None else None
        if future is not None and not future.done():
            future.set_result(params)

    @client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def on_register(params: types.RegistrationParams) -> None:
        return None

    await client.start_io(sys.executable, "-m", "factlint", "server", cwd=str(ROOT))
    await client.initialize_async(types.InitializeParams(
        capabilities=types.ClientCapabilities(),
        workspace_folders=[types.WorkspaceFolder(uri=ROOT.as_uri(), name="factlint")],
        initialization_options={"debounceMs": 0}))
    client.initialized(types.InitializedParams())
    uri = (ROOT / "bench-draft.txt").as_uri()  # never written: the editor's buffer is the text
    loop = asyncio.get_running_loop()
    waiting[1] = loop.create_future()
    client.text_document_did_open(types.DidOpenTextDocumentParams(types.TextDocumentItem(
        uri=uri, language_id="plaintext", version=1, text=text)))
    first = await asyncio.wait_for(waiting[1], 60)
    times = []
    for version in range(2, samples + 2):
        end = types.Position(line=text.count("\n"), character=0)  # the text ends with "\n"
        typed = f"Word{version}.\n"
        text += typed
        waiting[version] = loop.create_future()
        t0 = time.perf_counter()
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangePartial(
                range=types.Range(end, end), text=typed)]))
        await asyncio.wait_for(waiting[version], 60)
        times.append((time.perf_counter() - t0) * 1000)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return times, len(first.diagnostics)


def describe(times: list[float]) -> str:
    ordered = sorted(times)
    p90 = ordered[min(len(ordered) - 1, int(round(0.9 * (len(ordered) - 1))))]
    return (f"median {statistics.median(times):7.1f} ms   min {ordered[0]:7.1f}   p90 {p90:7.1f}   "
            f"max {ordered[-1]:7.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--words", type=int, default=2000)
    parser.add_argument("--samples", type=int, default=20)
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"skipped: no corpus at {args.corpus} (the BBC News articles live in ../shared)")
        return
    try:
        import pygls  # noqa: F401
    except ImportError:
        sys.exit("needs pygls: pip install 'factlint[lsp]'")
    text = build_draft(args.corpus, args.words)
    local = in_process_ms(text, args.samples)
    times, findings = asyncio.run(roundtrips(text, args.samples))
    print(f"draft: {len(text.split())} words, {text.count(chr(10)) + 1} lines, {findings} diagnostics; "
          f"debounce 0 ms; {args.samples} samples")
    print(f"didChange -> publishDiagnostics  {describe(times)}")
    print(f"lint_text in-process            {describe(local)}")


if __name__ == "__main__":
    main()
