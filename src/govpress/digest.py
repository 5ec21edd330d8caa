"""The short digest govpress keeps of bytes it must recognise again: a page body in a body file
(:mod:`govpress.site.engine.bodies`), what pagefind read of a page (:mod:`govpress.search.shards`)."""

from __future__ import annotations

import hashlib


def short_digest(data: bytes) -> str:
    """The BLAKE2b digest of ``data``, 16 bytes, as 32 hex digits."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()
