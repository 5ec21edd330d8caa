"""A request body read within limits: at most 10 MiB as sent, and at most 10 MiB once gunzipped.

The body is read in chunks as it arrives, so a huge body or a gzip bomb is refused (413) without holding it all;
the JSON inside is read by :mod:`govpress.jsonfile` (NaN, infinities, duplicate keys and runaway nesting
refused: 400).
"""

from __future__ import annotations

import zlib
from collections.abc import AsyncIterator
from typing import Any

from govpress.jsonfile import parse_json as parse_json_text
from govpress.problems import GovpressError

MAX_BODY = 10 * 1024 * 1024


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
    """The JSON value of a body, or :class:`BodyError` 400 saying what is wrong and where.

    Read by :mod:`govpress.jsonfile` (duplicate keys, NaN, runaway nesting and out-of-range numbers refused);
    whole numbers are ``int`` and other numbers exact :class:`~decimal.Decimal` values (a ``summaries`` data set's
    figures reach the service store exactly as written; stored records keep them as JSON numbers).
    """
    if not data:
        raise BodyError(400, "Expected JSON request body but received zero bytes.")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise BodyError(400, f"Error parsing JSON: the body is not UTF-8 (byte {error.start + 1})") from None
    try:
        value = parse_json_text(text)
    except GovpressError as error:
        problem = error.problems[0]
        where = f"line {problem.line}, column {problem.column}: " if problem.line and problem.column else ""
        raise BodyError(400, f"Error parsing JSON: {where}{problem.message}") from None
    return value
