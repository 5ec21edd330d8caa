"""A page's description, for search engines and shared links (``<meta name="description">``, ``og:description``):
the ``<meta name="description" content="…">`` of its folder's ``meta.html`` when it has one, else the text of the
first paragraph of its body that reads as prose (at least :data:`PROSE_WORDS` words, most of them not link text: not
"Watch on YouTube" or a kicker; none inside a ``<details>``, ``<figure>``, ``<aside>`` or ``<nav>``, such as a
transcript), else of its first paragraph with any text; footnote marks left out, shortened at a
word to :data:`LIMIT` characters (with ``…``). ``None`` when there is none (the layout then uses the site's
``description`` setting, if any).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from govpress.site.structure.facts import ANCHOR, content_of, text_of
from govpress.textfile import read_text_file

LIMIT = 200
PROSE_WORDS = 10
FOOTNOTE_MARK = re.compile(r"<sup\b[^>]*\bid=[\"']fnref[^>]*>.*?</sup>", re.IGNORECASE | re.DOTALL)
# Linear whatever the page holds: only the body's first SCAN_LIMIT characters are looked at (a description comes from
# a page's opening), each element is closed by the first closing tag of its name found after it, and a paragraph's
# first PARAGRAPH_LIMIT characters are read.
SCAN_LIMIT = 50_000
PARAGRAPH_LIMIT = 5_000
OPENING = re.compile(r"<(?P<tag>p|details|figure|aside|nav)(?=[\s>])[^<>]{0,500}>", re.IGNORECASE)
META_DESCRIPTION = re.compile(r"<meta\s+[^>]*\bname=[\"']description[\"'][^>]*>", re.IGNORECASE)
META_NAME = "meta.html"


def page_description(body: str, dependencies: Iterable[Path] = ()) -> str | None:
    """The description of a page with this ``body`` (HTML) made from these files (its ``meta.html`` among them)."""
    meta = next((path for path in dependencies if path.name == META_NAME), None)
    written = _meta_description(read_text_file(meta, what=META_NAME)) if meta is not None and meta.is_file() else None
    return written or first_paragraph(body)


def first_paragraph(body: str) -> str | None:
    """The text of the first paragraph that reads as prose (else the first with any text), shortened."""
    first: str | None = None
    for paragraph in _paragraphs(body):
        inner = FOOTNOTE_MARK.sub("", paragraph)
        text = text_of(inner)
        if not text:
            continue
        first = first or text
        linked = sum(len(text_of(link.group("text")).split()) for link in ANCHOR.finditer(inner))
        words = len(text.split())
        if words >= PROSE_WORDS and linked * 2 < words:
            return shortened(text)
    return shortened(first) if first is not None else None


def _paragraphs(body: str) -> Iterator[str]:
    """The inner HTML of the paragraphs of the body's opening, none inside a ``<details>``, ``<figure>``, ``<aside>``
    or ``<nav>``, each cut to :data:`PARAGRAPH_LIMIT` characters."""
    opening = body[:SCAN_LIMIT]
    lower = opening.lower()
    position = 0
    while (found := OPENING.search(opening, position)) is not None:
        tag = found.group("tag").lower()
        close = lower.find(f"</{tag}>", found.end())
        if close == -1:
            return
        if tag == "p":
            yield opening[found.end() : min(close, found.end() + PARAGRAPH_LIMIT)]
        position = close + len(tag) + 3


def shortened(text: str, limit: int = LIMIT) -> str:
    """``text`` cut at the last word boundary within ``limit`` characters, ``…`` added when cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:.-\u2013\u2014")
    return cut + "…"


def _meta_description(text: str) -> str | None:
    tag = META_DESCRIPTION.search(text)
    written = content_of(tag.group(0)) if tag else None
    return (text_of(written, tags=None) or None) if written is not None else None
