"""A folder's ``meta.html`` (legacy-site.md §1.1): extra ``<head>`` content; its ``<title>`` is the page title."""

from __future__ import annotations

import html
import re
from pathlib import Path

from govpress.textfile import read_text_file

TITLE = re.compile(r"<title>(?P<text>.*?)</title>", re.IGNORECASE | re.DOTALL)
TAGS = re.compile(r"<[^>]+>")


def meta_title(path: Path | None) -> str | None:
    """The text of the first ``<title>`` of ``path`` (``None`` when there is no file or no title);
    :class:`~govpress.problems.GovpressError` when it is not UTF-8 text."""
    if path is None:
        return None
    return title_in(read_text_file(path, what="meta.html"))


def title_in(text: str) -> str | None:
    """The text of the first ``<title>`` element of an HTML text, whitespace collapsed."""
    found = TITLE.search(text)
    if found is None:
        return None
    title = " ".join(html.unescape(TAGS.sub("", found.group("text"))).split())
    return title or None
