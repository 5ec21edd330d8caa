"""A page's description, for search engines and shared links (``<meta name="description">``, ``og:description``):
the ``<meta name="description" content="…">`` of its folder's ``meta.html`` when it has one, else the text of the
first paragraph of its body that reads as prose (at least :data:`PROSE_WORDS` words, most of them not link text: not
"Watch on YouTube" or a kicker; none inside a ``<details>``, ``<figure>``, ``<aside>`` or ``<nav>``, such as a
transcript), else of its first paragraph with any text; footnote marks left out, shortened at a
word to :data:`LIMIT` characters (with ``…``). ``None`` when there is none (the layout then uses the site's
``description`` setting, if any).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from pathlib import Path

from govpress.textfile import read_text_file

LIMIT = 200
PROSE_WORDS = 10
FOOTNOTE_MARK = re.compile(r"<sup\b[^>]*\bid=[\"']fnref[^>]*>.*?</sup>", re.IGNORECASE | re.DOTALL)
ASIDE = re.compile(r"<(?P<tag>details|figure|aside|nav)\b.*?</(?P=tag)>", re.IGNORECASE | re.DOTALL)
LINK = re.compile(r"<a\b[^>]*>(?P<inner>.*?)</a>", re.IGNORECASE | re.DOTALL)
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
    """The text of the first paragraph that reads as prose (else the first with any text), shortened."""
    first: str | None = None
    for found in PARAGRAPH.finditer(ASIDE.sub("", body)):
        inner = FOOTNOTE_MARK.sub("", found.group("inner"))
        text = _text(inner)
        if not text:
            continue
        first = first or text
        linked = sum(len(_text(link.group("inner")).split()) for link in LINK.finditer(inner))
        words = len(text.split())
        if words >= PROSE_WORDS and linked * 2 < words:
            return shortened(text)
    return shortened(first) if first is not None else None


def _text(fragment: str) -> str:
    return " ".join(html.unescape(TAG.sub("", fragment)).split())


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
