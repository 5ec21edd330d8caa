"""The link check's problems as one list, as the build reports them (pages' in page order, then the navigation's)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from govpress.problems import Problem
from govpress.site.check.links import check_pages
from govpress.site.structure.facts import PageFacts
from govpress.site.structure.pages import Page


def check_site(
    pages: Sequence[Page],
    facts: Mapping[str, PageFacts],
    files: Iterable[str],
    source_headings: Mapping[str, tuple[tuple[int, str], ...]] | None = None,
) -> list[Problem]:
    """Every problem :func:`govpress.site.check.links.check_pages` finds on ``pages`` (site root ``/``)."""
    by_page, navigation = check_pages(pages, facts, files, "/", source_headings)
    return [*(p for found in by_page.values() for p in found), *navigation]
