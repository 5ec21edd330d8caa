"""A folder's ``meta.html`` (legacy-site.md §1.1): extra ``<head>`` content; its ``<title>`` is the page title, and
``<meta name="dcterms.modified" content="YYYY-MM-DD">`` the date the page was last updated (its "Last updated",
before any date from git). A date that is not ``YYYY-MM-DD`` is a warning at its line, and no date is shown from it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, date, datetime
from pathlib import Path

from govpress.problems import Problem
from govpress.site.structure.facts import content_of, title_in
from govpress.textfile import read_text_file

MODIFIED = re.compile(r"<meta\s[^>]*\bname=[\"']dcterms\.modified[\"'][^>]*>", re.IGNORECASE)


def meta_title(path: Path | None) -> str | None:
    """The text of the first ``<title>`` of ``path`` (``None`` when there is no file or no title);
    :class:`~govpress.problems.GovpressError` when it is not UTF-8 text."""
    if path is None:
        return None
    return title_in(read_text_file(path, what="meta.html"))


def meta_date(paths: Iterable[Path]) -> tuple[datetime | None, list[Problem]]:
    """The newest ``dcterms.modified`` date the ``meta.html`` files among ``paths`` give (midnight UTC), and the
    warnings about dates that are not ``YYYY-MM-DD``."""
    found: list[datetime] = []
    problems: list[Problem] = []
    for path in paths:
        text = read_text_file(path, what="meta.html")
        for tag in MODIFIED.finditer(text):
            line = text.count("\n", 0, tag.start()) + 1
            value = content_of(tag.group(0))
            try:
                day = date.fromisoformat(value.strip()) if value is not None else None
            except ValueError:
                day = None
            if day is None:
                written = value if value is not None else "(no content)"
                message = f"dcterms.modified {written!r} is not a date written YYYY-MM-DD: no Last updated date from it"
                problems.append(Problem.warning(message, path, line))
            else:
                found.append(datetime(day.year, day.month, day.day, tzinfo=UTC))
    return (max(found) if found else None), problems
