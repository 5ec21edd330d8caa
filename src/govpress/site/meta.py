"""A folder's ``meta.html`` (legacy-site.md §1.1): extra ``<head>`` content; its ``<title>`` is the page title."""

from __future__ import annotations

import html
import re
from pathlib import Path

TITLE = re.compile(r"<title>(?P<text>.*?)</title>", re.IGNORECASE | re.DOTALL)
TAGS = re.compile(r"<[^>]+>")


def meta_title(path: Path | None) -> str | None:
    """The text of the first ``<title>`` of ``path`` (``None`` when there is no file or no title)."""
    if path is None:
        return None
    return title_in(path.read_text(encoding="utf-8"))


def title_in(text: str) -> str | None:
    """The text of the first ``<title>`` element of an HTML text, whitespace collapsed."""
    found = TITLE.search(text)
    if found is None:
        return None
    title = " ".join(html.unescape(TAGS.sub("", found.group("text"))).split())
    return title or None
