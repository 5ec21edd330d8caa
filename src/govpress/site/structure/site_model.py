"""The structure stage: what needs the whole site (legacy-site.md §2): its name and navigation, every page's title
for breadcrumbs and the root index, and how generated pages join the source pages.

The site's name and navigation come from a few pages only (:func:`identity_outputs`), so they are known early, while
the rest still render; the titles need every page (:func:`site_model`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from jinja2 import Environment

from govpress.i18n import N_, gettext_for
from govpress.site.layout.page_layout import SiteTitles, short_title
from govpress.site.layout.templates import Breadcrumb, set_site
from govpress.site.settings.config import SiteConfig, navigation_lines
from govpress.site.settings.files import CONFIG_NAME
from govpress.site.sources.discover import SourceTree
from govpress.site.sources.readers import Content
from govpress.site.structure.additions import with_sections
from govpress.site.structure.pages import Page, SiteContext, page_at, url_of
from govpress.site.structure.sections import (
    ALL_SECTIONS,
    SECTIONS_PAGE,
    capped,
    navigation,
    sections_page,
    site_name_from_content,
)

logger = logging.getLogger(__name__)
HOME = N_("Home")  # the home page's breadcrumb (as on GOV.UK)


@dataclass(frozen=True)
class SiteModel:
    """The whole site before layout: the source pages' contents, every page's title, the source's sections and the
    generators' (``more``), and what generators and layouts read (``context``)."""

    contents: list[Content]
    titles: SiteTitles
    sections: tuple[str, ...]
    context: SiteContext
    more: tuple[Breadcrumb, ...]
    sections_page: bool = False  # write the page listing every section at SECTIONS_PAGE (the header links to it)


def identity_outputs(tree: SourceTree) -> frozenset[str]:
    """The pages the site's name and navigation come from: each section's home page and every document."""
    homes = {f"{section}/index.html" for section in tree.sections}
    return frozenset(homes | {str(d.output) for d in tree.documents})


def name_site(
    project: Path,
    config: SiteConfig,
    tree: SourceTree,
    contents: Sequence[Content],
    environment: Environment,
    more: Sequence[Breadcrumb],
    feeds: Sequence[tuple[str, str]] = (),
) -> str:
    """The site's name (configured, else from the content, else the project folder's), with the navigation (the
    source's sections, then ``more``: the generators'), set on ``environment``; ``contents``: those of
    :func:`identity_outputs` at least. ``feeds``: the generators' (title, site path), linked from every page."""
    ok = [c for c in contents if not c.failed]
    titles = {url_of(c.output): short_title(c) for c in ok}
    site_name = config.site_name or site_name_from_content(tree.sections, ok) or project.resolve().name
    if config.navigation is not None:
        links = [Breadcrumb(text=link.text, href=href(link.path, config.base_path)) for link in config.navigation]
    else:
        links = [*navigation(tree.sections, titles, config.base_path), *more]
        everything = Breadcrumb(
            text=gettext_for(environment)(ALL_SECTIONS),
            href=href(sections_page(has_root_index(tree)), config.base_path),
        )
        links = capped(links, config.header_sections, everything)
    set_site(environment, config, site_name, links, feeds)
    return site_name


def href(path: str, base_path: str) -> str:
    """A configured link: a site path under the base path; a URL as it is."""
    return base_path + path.lstrip("/") if path.startswith("/") else path


def navigation_links(project: Path, config: SiteConfig) -> dict[str, tuple[Path, int | None]]:
    """The configured navigation's links (in every page's header), with where ``govpress.toml`` sets them."""
    lines = navigation_lines(project)
    return {
        href(link.path, config.base_path): (project / CONFIG_NAME, lines.get(link.path))
        for link in config.navigation or ()
    }


def site_model(
    config: SiteConfig, tree: SourceTree, contents: Sequence[Content], context: SiteContext, more: Sequence[Breadcrumb]
) -> SiteModel:
    """What needs the whole site: every page's title."""
    ok = [c for c in contents if not c.failed]
    titles = {url_of(c.output): short_title(c) for c in ok}
    # The home page's crumb reads "Home" (as on GOV.UK), not the site's name: a site's strategy is usually called
    # what the site is, and its pages' breadcrumbs would show that name twice for two different pages.
    site_titles = SiteTitles({**titles, "/": gettext_for(context.environment)(HOME)}, config.base_path)
    header = len(navigation(tree.sections, titles, config.base_path)) + len(more)
    listing = config.navigation is None and header > config.header_sections and has_root_index(tree)
    written = listing and not _in_source(tree, str(page_at(SECTIONS_PAGE)))
    return SiteModel(ok, site_titles, tuple(tree.sections), context, tuple(more), sections_page=written)


def has_root_index(tree: SourceTree) -> bool:
    """Whether the source has its own root ``index.html`` (else govpress writes one listing every section)."""
    return _in_source(tree, "index.html")


def _in_source(tree: SourceTree, output: str) -> bool:
    outputs = [str(document.output) for document in tree.documents] + [str(page.output) for page in tree.html_pages]
    return output in outputs


def merged(
    pages: Mapping[str, Callable[[], Page]],
    generated: Sequence[Page],
    order: Callable[[str], tuple[bool, int, str]] | None = None,
    whole: Callable[[Page], Page] | None = None,
    ahead: Callable[[list[str]], None] | None = None,
) -> Iterator[Page]:
    """``pages`` (by output path, each made when its turn comes) and the ``generated`` ones (which replace a page at
    the same output, or add a section to it), in output path order, or in ``order`` (a sort key of the output path:
    the search's, shard by shard). ``whole``: what makes a generated page whole when its turn comes (its content
    read back: :meth:`govpress.site.structure.generators.Generated.whole`). ``ahead`` is told, before the first
    page is made, the paths of ``pages`` that will be made, in the order they will be (a pool laying them out
    ahead of their turn: :mod:`govpress.site.engine.layout_pool`)."""
    by_output: dict[str, Callable[[], Page] | Page] = dict(pages)
    sections: dict[str, list[Page]] = {}
    for page in generated:
        if page.section:
            sections.setdefault(str(page.output), []).append(page)
            continue
        if str(page.output) in by_output:
            logger.info("%s: the generated page replaces the one from the source tree", page.output)
        by_output[str(page.output)] = page if whole is None else partial(whole, page)
    keys = sorted(by_output, key=order)
    if ahead is not None:
        ahead([key for key in keys if by_output[key] is pages.get(key)])
    for key in keys:
        made = by_output.pop(key)
        yield with_sections(made if isinstance(made, Page) else made(), sections.get(key, ()))
