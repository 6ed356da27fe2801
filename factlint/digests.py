"""The two hash functions factlint uses, without loading OpenSSL first.

``hashlib`` loads libcrypto (about 4 ms) before it hands out CPython's own
BLAKE2 and SHA-256, and a pre-commit run needs only those two: BLAKE2 for
cache keys, SHA-256 for finding fingerprints (whose values baselines keep,
so any implementation of it gives the same ids). Where CPython's modules are
missing, hashlib's are used.
"""

from __future__ import annotations

try:
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - not CPython
    from hashlib import blake2b

try:
    from _sha2 import sha256  # CPython 3.12 and later
except ImportError:
    try:
        from _sha256 import sha256  # CPython 3.11
    except ImportError:  # pragma: no cover - not CPython
        from hashlib import sha256

__all__ = ["blake2b", "sha256"]
