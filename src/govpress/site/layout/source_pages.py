"""The layout stage for the source tree's pages: each rendered body in its layout, in the page's language, with its
breadcrumbs, its "Last updated" date and its alternates; and the root index when the source has none."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from functools import partial

from govpress.i18n import gettext_for
from govpress.problems import Problem
from govpress.site.engine.layouts import LayoutReuse
from govpress.site.layout.page_layout import content_page, index_page, short_title
from govpress.site.sources.dates import FileDates
from govpress.site.sources.discover import META
from govpress.site.sources.meta import meta_date
from govpress.site.sources.readers import Content
from govpress.site.structure.languages import Alternate, LocalisedSite, localise
from govpress.site.structure.pages import Page, page_at, url_of
from govpress.site.structure.sections import ALL_SECTIONS, SECTIONS_PAGE
from govpress.site.structure.site_model import SiteModel


@dataclass(frozen=True)
class Fresh:
    """A source page to lay out anew, with what its layout reads beside the site (found by
    :meth:`SourceLayouts.prepare`): its "Last updated" date, its alternates and the problems its ``meta.html`` gave.
    Plain values: it can be handed to another process."""

    content: Content
    updated: datetime | None
    alternates: list[Alternate]
    problems: tuple[Problem, ...]


@dataclass(frozen=True)
class SourceLayouts:
    """How each source page is laid out: in its language (``local``), with its dates, and kept from the last build
    where its layout key is unchanged (``reuse``). A page is laid out in two steps so that the second can run in
    another process (:mod:`govpress.site.engine.layout_pool`): :meth:`prepare` (here: the files it reads, the last
    build's records) and :meth:`render` (its templates: nothing read, nothing recorded)."""

    local: LocalisedSite
    dates: FileDates
    reuse: LayoutReuse | None = None

    def lay_out(self, c: Content) -> Page:
        prepared = self.prepare(c)
        return self.render(prepared) if isinstance(prepared, Fresh) else prepared

    def prepare(self, c: Content) -> Page | Fresh:
        """The page kept from the last build, or what laying it out anew reads beside the site."""
        given, problems = meta_date(p for p in c.dependencies if p.name == META)  # its meta.html's date, else git's
        updated, alternates = given or self.dates.last_updated(c.dependencies), self.local.alternates(c.output)
        if self.reuse is not None:
            crumbs = self.local.page_titles(c.output).breadcrumbs(url_of(c.output))
            environment = self.local.environment(c.output)
            key = self.reuse.page_key(c, environment, crumbs, updated, alternates, problems)
            kept = self.reuse.kept_html(str(c.output), key) if key is not None else None
            if kept is not None:
                page = Page(c.output, kept, c.title, c.source, c.dependencies, c.problems)
                return replace(page, problems=(*page.problems, *problems)) if problems else page
        return Fresh(c, updated, alternates, tuple(problems))

    def render(self, fresh: Fresh) -> Page:
        """The page ``fresh`` in its layout."""
        c = fresh.content
        page = content_page(
            c, self.local.environment(c.output), self.local.page_titles(c.output), fresh.updated, fresh.alternates
        )
        return replace(page, problems=(*page.problems, *fresh.problems)) if fresh.problems else page


def source_layouts(
    site: SiteModel, replacing: Sequence[Page], dates: FileDates, reuse: LayoutReuse | None = None
) -> SourceLayouts:
    """The source pages' layouts; ``replacing``: the generated pages that stand for source pages not rendered (they
    lend their titles to breadcrumbs and the index)."""
    titles = replace(site.titles, titles={**{p.url: p.title or "" for p in replacing}, **site.titles.titles})
    local = localise(site.context.config, site.context.environment, site.context.site_name, site.contents, titles)
    return SourceLayouts(local, dates, reuse)


def source_pages(
    site: SiteModel,
    replacing: Sequence[Page],
    layouts: SourceLayouts,
    lay_out: Callable[[Content], Page] | None = None,
) -> dict[str, Callable[[], Page]]:
    """The source pages in their layouts (and the root index when the source has none), by output path, each laid out
    when it is called: a build lays a page out when its turn comes and lets it go once written, so it never holds the
    whole site's HTML (:mod:`govpress.site.engine.settle`). ``replacing``: the generated pages that stand for source
    pages not rendered; they lend their titles to breadcrumbs and the index. ``layouts``: how each page is laid out
    (:func:`source_layouts`, from the same ``site`` and ``replacing``); ``lay_out``: how a page is laid out when its
    turn comes (default: :meth:`SourceLayouts.lay_out`; a build with workers lays pages out ahead of their turn in
    them, :mod:`govpress.site.engine.layout_pool`)."""
    titles = layouts.local.titles
    environment = site.context.environment
    made = layouts.lay_out if lay_out is None else lay_out
    pages: dict[str, Callable[[], Page]] = {str(c.output): partial(made, c) for c in site.contents}
    if "index.html" not in pages and not any(str(p.output) == "index.html" for p in replacing):
        listed = [(c.output, short_title(c)) for c in site.contents if c.layout != "error"]
        listed += [(p.output, p.title or "") for p in replacing]
        pages["index.html"] = partial(
            index_page, environment, site.context.site_name, site.sections, listed, titles, site.more
        )
    if site.sections_page:  # the header's "All sections" link (structure/sections.py): the sections only
        title = gettext_for(environment)(ALL_SECTIONS)
        all_sections = partial(index_page, environment, title, site.sections, [], titles, site.more, SECTIONS_PAGE)
        pages[str(page_at(SECTIONS_PAGE))] = all_sections
    return pages
