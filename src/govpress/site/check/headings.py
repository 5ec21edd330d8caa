"""Heading levels that skip (``h2`` then ``h4``): one warning a page, at the first skip, in the same words wherever it
is found (a document's reader, which knows the heading's line from its tree; the site check, for every other page)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from govpress.problems import Problem

Locator = Callable[[str], tuple[Path | str | None, int | None]]


def heading_skip_warning(levels: Sequence[tuple[int, str]], locate: Locator, source: Path | None) -> Problem | None:
    """The warning about the first heading of ``levels`` (level and text, in page order) written more than one level
    below the one before it (the first heading counts from level 0), located by ``locate`` (given its text), at
    ``source`` when it has no text; ``None`` when no heading skips."""
    previous = 0
    skips: list[tuple[int, int, str]] = []
    for level, text in levels:
        if level > previous + 1:
            skips.append((previous, level, text))
        previous = level
    if not skips:
        return None
    before, level, text = skips[0]
    more = f" (and {len(skips) - 1} more)" if len(skips) > 1 else ""
    path, line = locate(text) if text else (source, None)
    where = f"h{before} → h{level}" if before else f"starts at h{level}"
    return Problem.warning(f"heading levels skip: {where} at {text!r}{more}", path, line)
