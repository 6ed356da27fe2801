"""Which open documents are drafts, and how the server reads their text.

An editor opens everything (YAML registers, code, logs); only Markdown and
plain text are drafts. The editor's language id decides first because it is
what the user chose; the file name decides for editors that send no useful
id (Helix and some Neovim setups say "text" or nothing).
"""

from __future__ import annotations

from factlint.document import MARKDOWN_SUFFIXES

MARKDOWN_IDS = frozenset({"markdown", "md"})
PLAIN_IDS = frozenset({"plaintext", "text", "txt", "plain"})
PLAIN_SUFFIXES = (".txt", ".text")
BOM = "\ufeff"


def draft_kind(path: str, language_id: str | None) -> str | None:
    """``Document.from_text``'s kind ("markdown" or "text") for a draft, None for anything else."""
    lang = (language_id or "").lower()
    if lang in MARKDOWN_IDS:
        return "markdown"
    if lang in PLAIN_IDS:
        return "text"
    name = path.lower()
    if name.endswith(MARKDOWN_SUFFIXES):
        return "markdown"
    if name.endswith(PLAIN_SUFFIXES):
        return "text"
    return None


def without_bom(text: str) -> tuple[str, int]:
    """The text factlint lints (no BOM, as ``files.decode`` gives the CLI) and the shift.

    Editors normally strip the BOM, but one that sends it keeps it in its own
    coordinates: offsets into the stripped text move right by the shift.
    """
    if text.startswith(BOM):
        return text[1:], 1
    return text, 0
