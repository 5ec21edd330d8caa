"""A page's description, for search engines and shared links (``<meta name="description">``, ``og:description``):
the ``<meta name="description" content="…">`` of its folder's ``meta.html`` when it has one, else the text of the
first paragraph of its body that has any, shortened at a word to :data:`LIMIT` characters (with ``…``); ``None`` when
there is neither (the layout then uses the site's ``description`` setting, if any).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from pathlib import Path

from govpress.textfile import read_text_file

LIMIT = 200
PARAGRAPH = re.compile(r"<p\b[^>]*>(?P<inner>.*?)</p>", re.IGNORECASE | re.DOTALL)
META_DESCRIPTION = re.compile(r"<meta\s+[^>]*\bname=[\"']description[\"'][^>]*>", re.IGNORECASE)
CONTENT = re.compile(r"\bcontent=(?:\"(?P<double>[^\"]*)\"|'(?P<single>[^']*)')", re.IGNORECASE)
TAG = re.compile(r"<[^>]+>")
META_NAME = "meta.html"


def page_description(body: str, dependencies: Iterable[Path] = ()) -> str | None:
    """The description of a page with this ``body`` (HTML) made from these files (its ``meta.html`` among them)."""
    meta = next((path for path in dependencies if path.name == META_NAME), None)
    written = _meta_description(read_text_file(meta, what=META_NAME)) if meta is not None and meta.is_file() else None
    return written or first_paragraph(body)


def first_paragraph(body: str) -> str | None:
    """The text of the first paragraph with any, whitespace collapsed and shortened to :data:`LIMIT` characters."""
    for found in PARAGRAPH.finditer(body):
        text = " ".join(html.unescape(TAG.sub("", found.group("inner"))).split())
        if text:
            return shortened(text)
    return None


def shortened(text: str, limit: int = LIMIT) -> str:
    """``text`` cut at the last word boundary within ``limit`` characters, ``…`` added when cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:.-\u2013\u2014")
    return cut + "…"


def _meta_description(text: str) -> str | None:
    tag = META_DESCRIPTION.search(text)
    value = CONTENT.search(tag.group(0)) if tag else None
    if value is None:
        return None
    written = value.group("double") if value.group("double") is not None else value.group("single")
    return " ".join(html.unescape(written).split()) or None
