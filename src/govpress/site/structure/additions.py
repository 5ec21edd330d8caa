"""Sections a generator adds to a source page (``Page(section=True)``), without any dialect tag in the source.

A generator that has something to say on a page written by hand (the commitments' exemplar table on a quarterly
report) yields a :class:`~govpress.site.structure.pages.Page` with ``section=True`` at that page's output path and an
HTML
fragment as its content. The build puts the fragment at the end of the page's ``<main>``, before its "Last updated"
line; the page keeps its own source (problems are still reported against it) and gains the section's dependencies
and problems. A section with no page to go into is a warning at the section's source.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from govpress.problems import Problem
from govpress.site.structure.pages import Page

LAST_UPDATED = '<p class="govuk-body-s govpress-last-updated">'
MAIN_END = "</main>"


def with_section(page: Page, section: Page) -> Page:
    """``page`` with ``section``'s fragment at the end of its main content."""
    html = str(page.content)
    end = html.rfind(MAIN_END)
    last_updated = html.rfind(LAST_UPDATED, 0, end)
    at = last_updated if last_updated != -1 else end
    if at == -1:
        at = len(html)
    content = f"{html[:at]}{str(section.content).strip()}\n{html[at:]}"
    dependencies = tuple(dict.fromkeys((*page.dependencies, *section.dependencies)))
    return replace(page, content=content, dependencies=dependencies, problems=page.problems + section.problems)


def add_sections(by_output: dict[str, Page], generated: Iterable[Page]) -> None:
    """Add each generated section to its HTML page in ``by_output`` (in place); other pages are left out here."""
    for section in (p for p in generated if p.section):
        page = by_output.get(str(section.output))
        if page is not None and page.is_html and not page.section:
            by_output[str(section.output)] = with_section(page, section)


def unplaced_sections(pages: Iterable[Page], generated: Iterable[Page]) -> list[Problem]:
    """A warning for each generated section with no HTML page to go into."""
    html = {str(p.output) for p in pages if p.is_html}
    return [
        Problem.warning(f"no page {s.url} to add the generated section to", s.source)
        for s in generated
        if s.section and str(s.output) not in html
    ]
