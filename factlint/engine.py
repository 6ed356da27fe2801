"""Run the enabled rules over drafts and turn their hits into findings.

Everything costly (the register, its term index, rule instances) is built
once in ``Linter`` and shared by every file; large runs fan out over
processes, which fork with the linter already built.
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Sequence

from factlint.document import Document, kind_of, line_of, line_starts, position_in
from factlint.pieces import PIECE_CHARS, pieces
from factlint.errors import FactlintError
from factlint.files import Source, decode, matches, read_bounded, relative_to
from factlint.findings import Edit, Finding, Hit, Severity, fingerprint
from factlint.records import record, replace
from factlint.register import Register
from factlint.rules.base import Context, Rule
from factlint.suppressions import Directive, Suppressor, parse_directives

if TYPE_CHECKING:
    from factlint.cache import ResultCache

SUPPRESSION_RULE = "suppression-unused"
# Below this many files a process pool costs more than it saves.
PARALLEL_THRESHOLD = 64


@record(frozen=True)
class EnabledRule:
    rule: Rule
    severity: Severity
    options: dict[str, Any]


@record(frozen=True)
class FileResult:
    path: str
    findings: tuple[Finding, ...] = ()
    error: FactlintError | None = None
    # The decoded draft, kept only when the report shows drafts (Linter.keep_texts).
    text: str | None = None


class Linter:
    """The rules to run, with their severities and options, and the register."""

    def __init__(self, rules: Sequence[EnabledRule], register: Register, known_rules: Iterable[str],
                 per_file_ignores: Sequence[tuple[str, frozenset[str]]] = (),
                 root: Path | None = None) -> None:
        self.rules = list(rules)
        self.per_file_ignores = tuple(per_file_ignores)
        self.root = (root or Path.cwd()).resolve()
        self.register = register
        self.known_rules = frozenset(known_rules)
        self._contexts = [Context(register, r.options) for r in self.rules]
        self._by_id = {r.rule.id: r for r in self.rules}
        # Whether results carry their draft's text (for the HTML report).
        self.keep_texts = False
        # A factlint.cache.ResultCache, set by attach_cache; None runs uncached.
        self.cache: ResultCache | None = None

    def lint_text(self, path: str, text: str, kind: str | None = None) -> list[Finding]:
        """Findings for one draft's decoded text, suppressions applied, sorted.

        A draft longer than a piece (pieces.py) and without inline directives,
        which may reach across pieces, is linted a piece at a time.
        """
        if len(text) <= PIECE_CHARS or "factlint-" in text:
            return self._lint_document(Document.from_text(path, text, kind), Counter())
        return self._lint_pieces(path, text, kind)

    def _lint_pieces(self, path: str, text: str, kind: str | None) -> list[Finding]:
        """Each piece linted alone, its findings moved to their place in the whole text."""
        starts = line_starts(text)
        lines: dict[int, str] = {}  # one string per line, shared by its findings

        def line_text(line: int) -> str:
            if line not in lines:
                lines[line] = line_of(text, starts, line)
            return lines[line]

        seen: Counter[tuple[str, str]] = Counter()
        found: list[Finding] = []
        kind = kind_of(path, kind)
        for lo, hi in pieces(text, kind == "markdown"):
            doc = Document.from_text(path, text[lo:hi], kind)
            for f in self._lint_document(doc, seen):
                start = position_in(starts, lo + f.offset)
                found.append(replace(
                    f, start=start, end=position_in(starts, lo + f.end_offset), offset=lo + f.offset,
                    end_offset=lo + f.end_offset, source_line=line_text(start.line),
                    fix=tuple(Edit(e.start + lo, e.end + lo, e.replacement) for e in f.fix)))
        return found

    def _lint_document(self, doc: Document, seen: Counter[tuple[str, str]]) -> list[Finding]:
        path = doc.path
        skip = self.ignored_for(path)
        hits: list[tuple[EnabledRule, Hit]] = []
        for enabled, ctx in zip(self.rules, self._contexts):
            if enabled.rule.id != SUPPRESSION_RULE and enabled.rule.id not in skip:
                hits.extend((enabled, hit) for hit in enabled.rule.check(doc, ctx))
        directives = parse_directives(doc)
        suppressor = Suppressor(directives)
        kept = [(e, h) for e, h in hits if not suppressor.suppressed(e.rule.id, h.start)]
        unused = self._by_id.get(SUPPRESSION_RULE)
        if unused and not suppressor.suppressed(SUPPRESSION_RULE, 0):
            kept.extend((unused, hit) for hit in self._unused_hits(directives, suppressor))
        return self._findings(doc, kept, seen)

    def ignored_for(self, path: str) -> frozenset[str]:
        """The rules the config's per-file-ignores switch off for ``path``."""
        if not self.per_file_ignores:
            return frozenset()
        rel = relative_to(Path(path), self.root)  # once: resolving touches the disk
        return frozenset().union(*(rules for pattern, rules in self.per_file_ignores
                                   if matches(rel, (pattern,))))

    def _unused_hits(self, directives: list[Directive], suppressor: Suppressor) -> Iterator[Hit]:
        for d in directives:
            unknown = sorted(r for r in d.rules if r not in self.known_rules)
            if unknown:
                yield Hit(d.start, d.end, f"Directive factlint-{d.kind} names unknown rule "
                          f"{', '.join(repr(u) for u in unknown)}.")
        for d in suppressor.unused():
            if d.rules and all(r not in self.known_rules for r in d.rules):
                continue  # already reported as unknown
            if d.rules and not any(r in self._by_id for r in d.rules):
                continue  # the rules it names are switched off in this run
            what = ", ".join(sorted(d.rules)) or "all rules"
            yield Hit(d.start, d.end, f"Directive factlint-{d.kind} ({what}) suppresses nothing: remove it.")

    def _findings(self, doc: Document, hits: list[tuple[EnabledRule, Hit]],
                  seen: Counter[tuple[str, str]]) -> list[Finding]:
        """Hits made findings; ``seen`` counts identical contexts across a file's pieces."""
        findings = []
        hits.sort(key=lambda eh: (eh[1].start, eh[0].rule.id, eh[1].end))
        for enabled, hit in hits:
            sentence = doc.sentence_at(hit.start)
            context = hit.context if hit.context is not None else (
                (doc.text[sentence.start:sentence.end] if sentence else "") + "\0" + doc.text[hit.start:hit.end])
            key = (enabled.rule.id, context)
            start, end = doc.position(hit.start), doc.position(hit.end)
            findings.append(Finding(
                path=doc.path, rule=enabled.rule.id, severity=enabled.severity, message=hit.message,
                start=start, end=end, offset=hit.start, end_offset=hit.end, fix=hit.fix,
                fingerprint=fingerprint(enabled.rule.id, context, seen[key]),
                source_line=doc.line_text(start.line), related=hit.related, link=hit.link,
            ))
            seen[key] += 1
        return findings

    def lint_source(self, source: Source, kind: str | None = None) -> FileResult:
        return FileResult(source.display, tuple(self.lint_text(source.display, source.text, kind)),
                          text=source.text if self.keep_texts else None)

    def lint_file(self, display: str, path: os.PathLike[str]) -> FileResult:
        """Read and lint one file; a bad file becomes an error result, not an exception.

        The bytes are read once: with a cache (``self.cache``) they are hashed
        and looked up first, and a hit is returned without decoding them
        (unless the result must carry the text) or running any rule.
        """
        try:
            data = read_bounded(Path(path), display)
        except FactlintError as exc:
            return FileResult(display, error=exc)
        key, hit = self._cached(display, data)
        if hit is not None:
            return hit
        try:
            text, bom = decode(data, display)
            del data  # a 50 MB draft need not be held twice while it is linted
            result = self.lint_source(Source(display, Path(path), text, bom))
        except FactlintError as exc:
            return FileResult(display, error=exc)
        if self.cache is not None and key is not None:
            self.cache.put(key, result)
        return result

    def _cached(self, display: str, data: bytes) -> tuple[str | None, FileResult | None]:
        """(the cache key of these bytes, the cached result if there is one); (None, None) uncached."""
        cache = self.cache
        if cache is None:
            return None, None
        key = cache.key(display, data)
        hit = cache.get(key, display)
        if hit is None or not self.keep_texts:
            return key, hit
        try:  # an entry is stored only for bytes that decode
            return key, FileResult(hit.path, hit.findings, text=decode(data, display)[0])
        except FactlintError:
            return key, None

    def lint_files(self, files: Sequence[tuple[str, Any]], jobs: int = 0) -> Iterator[FileResult]:
        """Lint many files, in parallel when there are enough to be worth it.

        Results come in the order of ``files`` as soon as each is ready, so
        the CLI can print a file's findings while later files are linted.
        With a cache, this process looks every file up first and only the
        misses go to worker processes: a second run over an unchanged archive
        starts no pool at all.
        """
        jobs = jobs or os.cpu_count() or 1
        if jobs == 1 or len(files) < PARALLEL_THRESHOLD:
            for display, path in files:
                yield self.lint_file(display, path)
            return
        hits = self._hits(files)
        misses = [item for i, item in enumerate(files) if i not in hits]
        if len(misses) < PARALLEL_THRESHOLD:
            for i, (display, path) in enumerate(files):
                yield hits[i] if i in hits else self.lint_file(display, path)
            return
        global _WORKER
        _WORKER = self
        import multiprocessing  # here: a one-draft run (the hook, the server) never pays for it
        from concurrent.futures import ProcessPoolExecutor

        chunk = max(1, min(16, len(misses) // (jobs * 8)))
        with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
            linted = pool.map(_lint_in_worker, misses, chunksize=chunk)
            for i in range(len(files)):
                yield hits[i] if i in hits else next(linted)

    def _hits(self, files: Sequence[tuple[str, Any]]) -> dict[int, FileResult]:
        """The cached results among ``files``, by index (none without a cache)."""
        hits: dict[int, FileResult] = {}
        if self.cache is None:
            return hits
        for i, (display, path) in enumerate(files):
            try:
                data = read_bounded(Path(path), display)
            except FactlintError:
                continue  # the worker reports it
            hit = self._cached(display, data)[1]
            if hit is not None:
                hits[i] = hit
        return hits


_WORKER: Linter | None = None


def _lint_in_worker(item: tuple[str, Any]) -> FileResult:
    assert _WORKER is not None
    return _WORKER.lint_file(*item)
