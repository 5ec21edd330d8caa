"""Sections a generator adds to a page (``Page(section=True)``), without any dialect tag in the source.

A generator that has something to say on a page written by hand (the commitments' exemplar table on a quarterly
report) or made by another generator (the dashboards' link on an explorer service page) yields a
:class:`~govpress.site.structure.pages.Page` with ``section=True`` at that page's output path and an HTML fragment as
its content. The page's layout renders it: ``base.html``'s ``generated_sections`` block, after the page's content and
before its "Last updated" line, shows the fragments of the page's URL (:func:`sections_by_url`, set on the site's
environment by :func:`govpress.site.structure.generators.run_generators` before each generator runs and before the
source pages are laid out). So a section reaches the source pages and the pages of the generators after its own in
:mod:`govpress.site.structure.registry`.

The page keeps its own source (problems are still reported against it) and gains the section's dependencies and
problems (:func:`with_sections`). A section that no page shows (no such page, a page made before it, a layout without
the block) is a warning at the section's source (:func:`unplaced`; the build notes which sections each page shows as
it settles: :mod:`govpress.site.engine.settle`).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import replace

from govpress.problems import Problem
from govpress.site.structure.pages import Page


def sections_by_url(generated: Iterable[Page]) -> dict[str, list[str]]:
    """The sections among ``generated``, as the ``generated_sections`` global: their fragments by page URL, in order."""
    found: dict[str, list[str]] = {}
    for section in (p for p in generated if p.section):
        found.setdefault(section.url, []).append(str(section.content).strip())
    return found


def sections_by_output(generated: Iterable[Page]) -> dict[str, list[Page]]:
    """The sections among ``generated``, by the output path of the page each is meant for, in order."""
    found: dict[str, list[Page]] = {}
    for section in (p for p in generated if p.section):
        found.setdefault(str(section.output), []).append(section)
    return found


def shows(page: Page, section: Page) -> bool:
    """Whether ``page`` (a whole HTML page at ``section``'s output) shows ``section``'s fragment."""
    return page.is_html and not page.section and str(section.content).strip() in str(page.content)


def with_sections(page: Page, sections: Iterable[Page]) -> Page:
    """``page`` with the dependencies and problems of each of the generated ``sections`` (at its output) it shows."""
    return joined(page, (section for section in sections if shows(page, section)))


def joined(page: Page, shown: Iterable[Page]) -> Page:
    """``page`` with the dependencies and problems of the sections it is known to show (``shown``)."""
    for section in shown:
        dependencies = tuple(dict.fromkeys((*page.dependencies, *section.dependencies)))
        page = replace(page, dependencies=dependencies, problems=page.problems + section.problems)
    return page


def unplaced(generated: Iterable[Page], shown: Collection[int]) -> list[Problem]:
    """A warning for each generated section not among ``shown`` (the ``id`` of each section a page shows)."""
    return [
        Problem.warning(f"no page {s.url} to add the generated section to", s.source)
        for s in generated
        if s.section and id(s) not in shown
    ]
