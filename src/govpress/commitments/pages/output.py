"""What the commitments pages produce: pages (HTML) and files (open data, feeds), each at a path from the site root."""

from __future__ import annotations

from dataclasses import dataclass, field

from govpress.problems import Problem


@dataclass(frozen=True)
class GeneratedPage:
    """One HTML page: its URL path (ending in ``/``), title and whole HTML document.

    ``section=True``: ``html`` is a fragment to add to the end of the site's own page at ``url`` (a report's exemplar
    services on the report), see :mod:`govpress.site.structure.additions`.
    """

    url: str
    title: str
    html: str
    section: bool = False


@dataclass(frozen=True)
class GeneratedFile:
    """One non-HTML file (``commitments.json``, ``feed.atom``…): its URL path, media type and text."""

    url: str
    media_type: str
    text: str


@dataclass(frozen=True)
class CommitmentsOutput:
    """Everything the commitments add to a site, and the problems found while making it."""

    pages: tuple[GeneratedPage, ...]
    files: tuple[GeneratedFile, ...]
    problems: tuple[Problem, ...] = field(default=())
