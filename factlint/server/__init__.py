"""``factlint server``: the language server editors attach to (LSP over stdio).

It lints Markdown and plain-text drafts as they are typed, with the project's
own config and register (loaded as ``factlint check`` loads them), and offers
fixes, disable-line directives and ``factlint explain`` on hover. The pygls
import happens in ``serve`` so that ``import factlint.server`` stays cheap and
the CLI can say which extra to install when pygls is missing.

Modules, one job each: ``positions`` (offsets <-> LSP positions),
``convert`` (findings -> diagnostics, with their register entries),
``actions`` (code actions), ``hover``, ``documents`` (which files are
drafts), ``projects`` (config and linter per workspace folder),
``problems`` (config and register errors as diagnostics), ``watchers``
(the files to watch) and ``app`` (the LSP handlers, debounce and reload).
"""

from __future__ import annotations


def serve() -> None:
    """Run the server on stdin/stdout until the client says exit."""
    from factlint.server.app import create_server

    create_server().start_io()
