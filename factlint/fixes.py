"""Apply the safe fixes of findings to drafts, or show them as a diff.

A fix must never cost a writer their text. So: only rules that declare their
fixes safe (``Rule.fixable``) are applied; edits that overlap are not
guessed at (the first wins, the other waits for the next pass); a file that
changed on disk since it was read is left alone; and the file is replaced
atomically (temp file in the same folder, then rename), keeping its BOM,
line endings and permissions. Line endings survive because edits never
contain line breaks and everything outside them is written back as read.
"""

from __future__ import annotations

import difflib
import os
import re
import tempfile
from collections import Counter
from pathlib import Path
from typing import Callable, Iterable, Sequence

from factlint.errors import FactlintError
from factlint.files import Source
from factlint.findings import Edit, Finding
from factlint.records import record

_BOM = b"\xef\xbb\xbf"
# A fix can reveal another (a replaced term now reads differently); ruff
# iterates too. More passes than this means two fixes undo each other.
MAX_PASSES = 10


@record(frozen=True)
class Fixed:
    """The outcome of fixing one draft: its new text and the findings left in it.

    ``withheld`` pairs each finding whose fix was not applied with the new
    finding that fix would have created (renaming "HuggingFace" can make a
    sentence match a registered fact and then contradict it): the writer
    reviews those by hand.
    """

    source: Source
    text: str
    applied: int
    findings: tuple[Finding, ...] = ()
    withheld: tuple[tuple[Finding, Finding], ...] = ()

    @property
    def changed(self) -> bool:
        return self.text != self.source.text


def apply_edits(text: str, edits: Iterable[Edit]) -> tuple[str, int, int]:
    """Apply non-overlapping edits; return (new text, applied, skipped).

    Edits are applied right to left so earlier offsets stay valid. Of two
    overlapping edits the one starting first is kept; identical duplicates
    (two findings proposing the same edit) count once.
    """
    chosen: list[Edit] = []
    skipped = 0
    for edit in sorted(set(edits), key=lambda e: (e.start, e.end, e.replacement)):
        if not 0 <= edit.start <= edit.end <= len(text):
            skipped += 1
        elif chosen and edit.start < chosen[-1].end:
            skipped += 1
        else:
            chosen.append(edit)
    for edit in reversed(chosen):
        text = text[:edit.start] + edit.replacement + text[edit.end:]
    return text, len(chosen), skipped


def fix_text(source: Source, lint: Callable[[str], Sequence[Finding]],
             fixable: Callable[[Finding], bool]) -> Fixed:
    """Apply every fixable finding's edits, re-linting until nothing fixable is left.

    ``lint`` returns the findings of a text (already filtered to the ones the
    user sees: suppressions, baseline, changed lines); ``fixable`` says
    whether a finding's fix may be applied. A fix must never make a new
    finding: each pass is checked against the findings before it, and a fix
    that would add one is withheld (and reported in ``Fixed.withheld``) while
    the others go ahead. The result carries the findings of the final text,
    so the caller need not lint it again.
    """
    text, applied = source.text, 0
    withheld: dict[Finding, Finding] = {}
    findings = tuple(lint(text))
    for _ in range(MAX_PASSES):
        todo = [f for f in findings if fixable(f) and _key(f) not in {_key(w) for w in withheld}]
        new, count, new_findings = _safe_pass(text, findings, todo, lint, withheld)
        if new == text:
            break
        text, applied, findings = new, applied + count, new_findings
    return Fixed(source, text, applied, findings, tuple(withheld.items()))


def _key(f: Finding) -> tuple[str, str, str]:
    """What a finding says, without where: fixing one line moves the others."""
    return (f.rule, f.message, f.fingerprint)


def _created(before: Sequence[Finding], after: Sequence[Finding], fixed: Sequence[Finding]) -> list[Finding]:
    """Findings of ``after`` that are new: not in ``before``, and not a fixed one reworded."""
    old = Counter((f.rule, f.message) for f in before)
    out = []
    for f in after:
        if old[(f.rule, f.message)]:
            old[(f.rule, f.message)] -= 1
        elif not any(f.rule == g.rule for g in fixed):
            out.append(f)
    return out


def _safe_pass(text: str, findings: Sequence[Finding], todo: Sequence[Finding],
               lint: Callable[[str], Sequence[Finding]],
               withheld: dict[Finding, Finding]) -> tuple[str, int, tuple[Finding, ...]]:
    """One pass: all fixes at once when that creates nothing new, else one fix at a time."""
    new, count, _ = apply_edits(text, [e for f in todo for e in f.fix])
    if new == text:
        return text, 0, tuple(findings)
    after = tuple(lint(new))
    if not _created(findings, after, todo):
        return new, count, after
    applied = 0
    for f in todo:
        candidate, n, _ = apply_edits(text, f.fix)
        if candidate == text:
            continue
        result = tuple(lint(candidate))
        created = _created(findings, result, [f])
        if created:
            withheld[f] = created[0]
            continue
        # Later findings' offsets refer to the old text: take one fix per pass.
        return candidate, n, result
    return text, applied, tuple(findings)


def encode(text: str, bom: bool) -> bytes:
    """The bytes of a draft as it was read: UTF-8, with its BOM if it had one."""
    return (_BOM if bom else b"") + text.encode("utf-8")


def write_fixed(fixed: Fixed) -> None:
    """Write a fixed draft over its file, unless the file changed since it was read."""
    source = fixed.source
    if source.path is None:
        raise FactlintError("cannot write a fix: the draft has no file", source.display)
    target = Path(os.path.realpath(source.path))  # through a symlink, not over it
    try:
        current = target.read_bytes()
        wanted = encode(fixed.text, source.bom)
        if current == wanted:
            return  # another run (a second --fix on the same files) already wrote this fix
        if current != encode(source.text, source.bom):
            raise FactlintError("changed on disk while factlint ran; not fixed (run again)", source.display)
        st = target.stat()
        if not st.st_mode & 0o222 or not os.access(target, os.W_OK):
            raise FactlintError("read-only; not fixed (make it writable to fix it)", source.display)
        if hasattr(os, "geteuid") and os.geteuid() not in (0, st.st_uid):
            # The replacement would belong to us, not to the file's owner.
            raise FactlintError("owned by another user; not fixed (its owner can run --fix)",
                                source.display)
        write_atomic(target, wanted, st.st_mode)
    except OSError as exc:
        raise FactlintError(f"cannot write fix: {exc.strerror}", source.display) from None


def write_atomic(path: Path, data: bytes, mode: int | None = None) -> None:
    """Replace ``path`` with ``data`` so readers see the old file or the new one, never half.

    The temp file lives in the same folder (a rename is atomic only within a
    file system) and gets the old file's permission bits (and owner, where
    we may set it) before it takes the old file's place.
    """
    folder = path.parent
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".factlint-tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        if mode is not None:
            os.chmod(tmp, mode & 0o7777)
            try:
                st = path.stat()
                os.chown(tmp, st.st_uid, st.st_gid)
            except (OSError, AttributeError):
                pass  # not ours to give away; the bits above are what matter
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def unified_diff(display: str, old: str, new: str) -> str:
    """``old`` -> ``new`` as a unified diff that ``git apply`` and ``patch -p1`` accept.

    Lines keep their own endings (a CRLF draft gives CRLF diff lines, which
    is what patch needs), and a last line without one gets git's marker.
    """
    path = display.replace(os.sep, "/").lstrip("/")
    lines = difflib.unified_diff(_lines(old), _lines(new), f"a/{path}", f"b/{path}", n=3)
    out = []
    for line in lines:
        if not line.endswith("\n"):
            line += "\n\\ No newline at end of file\n"
        out.append(line)
    return "".join(out)


def _lines(text: str) -> list[str]:
    """Split after each LF only: ``str.splitlines`` would also split at form
    feeds and U+2028, which are not line breaks to git or patch."""
    parts = re.split(r"(?<=\n)", text)
    return parts[:-1] if parts and parts[-1] == "" else parts
