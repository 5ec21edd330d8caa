"""What the commitments pages produce: site :class:`~govpress.site.structure.pages.Page` values, pages (HTML) and files
(open data, feeds), each made from its URL path from the site root (the site's URL scheme: ``page_at``).

They carry no source, dependencies or problems yet: the site's commitments generator (:mod:`govpress.commitments.site`)
adds them; the standalone output (no site) is the pages as they are.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from govpress.problems import Problem
from govpress.site.structure.pages import Page, page_at


def generated_page(url: str, title: str, html: str, *, section: bool = False) -> Page:
    """One HTML page at ``url`` (ending in ``/``): its title and whole HTML document.

    ``section=True``: ``html`` is a fragment to add to the end of the site's own page at ``url`` (a report's exemplar
    services on the report), see :mod:`govpress.site.structure.additions`.
    """
    return Page(page_at(url), html, title=title, section=section)


def generated_file(url: str, text: str) -> Page:
    """One non-HTML file (``commitments.json``, ``feed.atom``…) at ``url``."""
    return Page(page_at(url), text)


@dataclass(frozen=True)
class CommitmentsOutput:
    """Everything the commitments add to a site, and the problems found while making it."""

    pages: tuple[Page, ...]
    files: tuple[Page, ...]
    problems: tuple[Problem, ...] = field(default=())
