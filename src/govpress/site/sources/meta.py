"""A folder's ``meta.html`` (legacy-site.md §1.1): extra ``<head>`` content; its ``<title>`` is the page title, and
``<meta name="dcterms.modified" content="YYYY-MM-DD">`` the date the page was last updated (its "Last updated",
before any date from git). A date that is not ``YYYY-MM-DD`` is a warning at its line, and no date is shown from it.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from datetime import UTC, date, datetime
from pathlib import Path

from govpress.problems import Problem
from govpress.textfile import read_text_file

TITLE = re.compile(r"<title>(?P<text>.*?)</title>", re.IGNORECASE | re.DOTALL)
TAGS = re.compile(r"<[^>]+>")
MODIFIED = re.compile(r"<meta\s[^>]*\bname=[\"']dcterms\.modified[\"'][^>]*>", re.IGNORECASE)
CONTENT = re.compile(r"\bcontent=[\"'](?P<value>[^\"']*)[\"']", re.IGNORECASE)


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


def meta_date(paths: Iterable[Path]) -> tuple[datetime | None, list[Problem]]:
    """The newest ``dcterms.modified`` date the ``meta.html`` files among ``paths`` give (midnight UTC), and the
    warnings about dates that are not ``YYYY-MM-DD``."""
    found: list[datetime] = []
    problems: list[Problem] = []
    for path in paths:
        text = read_text_file(path, what="meta.html")
        for tag in MODIFIED.finditer(text):
            line = text.count("\n", 0, tag.start()) + 1
            value = CONTENT.search(tag.group(0))
            try:
                day = date.fromisoformat(value.group("value").strip()) if value else None
            except ValueError:
                day = None
            if day is None:
                written = value.group("value") if value else "(no content)"
                message = f"dcterms.modified {written!r} is not a date written YYYY-MM-DD: no Last updated date from it"
                problems.append(Problem.warning(message, path, line))
            else:
                found.append(datetime(day.year, day.month, day.day, tzinfo=UTC))
    return (max(found) if found else None), problems
