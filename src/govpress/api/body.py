"""A request body read within limits: at most 10 MiB as sent, and at most 10 MiB once gunzipped.

The body is read in chunks as it arrives, so a huge body or a gzip bomb is refused (413) without holding it all;
the JSON inside is parsed with NaN, infinities, duplicate keys and runaway nesting refused (400).
"""

from __future__ import annotations

import json
import zlib
from collections.abc import AsyncIterator
from typing import Any

MAX_BODY = 10 * 1024 * 1024
MAX_DEPTH = 32


class BodyError(ValueError):
    """A body the API refuses, with the HTTP status to answer."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


async def read_body(chunks: AsyncIterator[bytes], gzipped: bool, limit: int = MAX_BODY) -> bytes:
    """The body (gunzipped when ``gzipped``), or :class:`BodyError` 413 past ``limit`` bytes either way."""
    received = 0
    parts: list[bytes] = []
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS) if gzipped else None
    produced = 0
    async for chunk in chunks:
        received += len(chunk)
        if received > limit:
            raise BodyError(413, f"the request body is larger than {limit // (1024 * 1024)} MiB")
        if inflater is None:
            parts.append(chunk)
            continue
        try:
            data = inflater.decompress(chunk, limit + 1 - produced)
        except zlib.error as error:
            raise BodyError(400, f"the gzip body cannot be read: {error}") from None
        produced += len(data)
        if produced > limit or inflater.unconsumed_tail:
            raise BodyError(413, f"the request body is larger than {limit // (1024 * 1024)} MiB once decompressed")
        parts.append(data)
    if inflater is not None and not inflater.eof and received:
        raise BodyError(400, "the gzip body is cut short")
    return b"".join(parts)


def parse_json(data: bytes) -> Any:
    """The JSON value of a body, or :class:`BodyError` 400 saying what is wrong."""
    if not data:
        raise BodyError(400, "Expected JSON request body but received zero bytes.")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise BodyError(400, f"the body is not UTF-8 (byte {error.start + 1})") from None
    if _depth(text) > MAX_DEPTH:
        raise BodyError(400, f"the JSON is nested more than {MAX_DEPTH} levels deep")
    try:
        return json.loads(text, parse_constant=_refuse_constant, object_pairs_hook=_unique_keys)
    except json.JSONDecodeError as error:
        raise BodyError(400, f"Error parsing JSON: line {error.lineno}, column {error.colno}: {error.msg}") from None
    except ValueError as error:
        raise BodyError(400, f"Error parsing JSON: {error}") from None


def _depth(text: str) -> int:
    """How deep ``[`` and ``{`` nest, outside strings (a scan without recursion)."""
    depth = deepest = 0
    in_string = escaped = False
    for character in text:
        if in_string:
            if escaped:
                escaped = False
            elif character == "\\":
                escaped = True
            elif character == '"':
                in_string = False
        elif character == '"':
            in_string = True
        elif character in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif character in "]}":
            depth -= 1
    return deepest


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for key, value in pairs:
        if key in found:
            raise ValueError(f"the key {key[:60]!r} appears twice in one object")
        found[key] = value
    return found
