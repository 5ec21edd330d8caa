"""The layout stage for the source tree's pages: each rendered body in its layout, in the page's language, with its
breadcrumbs, its "Last updated" date and its alternates; and the root index when the source has none."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import partial

from govpress.i18n import gettext_for
from govpress.site.engine.layouts import LayoutReuse
from govpress.site.layout.page_layout import content_page, index_page, short_title
from govpress.site.sources.dates import FileDates
from govpress.site.sources.discover import META
from govpress.site.sources.meta import meta_date
from govpress.site.sources.readers import Content
from govpress.site.structure.languages import localise
from govpress.site.structure.pages import Page, page_at, url_of
from govpress.site.structure.sections import ALL_SECTIONS, SECTIONS_PAGE
from govpress.site.structure.site_model import SiteModel


def source_pages(
    site: SiteModel, replacing: Sequence[Page], dates: FileDates, reuse: LayoutReuse | None = None
) -> dict[str, Callable[[], Page]]:
    """The source pages in their layouts (and the root index when the source has none), by output path, each laid out
    when it is called: a build lays a page out when its turn comes and lets it go once written, so it never holds the
    whole site's HTML (:mod:`govpress.site.engine.settle`). ``replacing``: the generated pages that stand for source
    pages not rendered; they lend their titles to breadcrumbs and the index. ``reuse``: a page whose layout key is
    unchanged is read back from the last build's file instead of laid out again
    (:mod:`govpress.site.engine.layouts`)."""
    titles = replace(site.titles, titles={**{p.url: p.title or "" for p in replacing}, **site.titles.titles})
    environment = site.context.environment
    local = localise(site.context.config, environment, site.context.site_name, site.contents, titles)

    def lay_out(c: Content) -> Page:
        given, problems = meta_date(p for p in c.dependencies if p.name == META)  # its meta.html's date, else git's
        local_environment, page_titles = local.environment(c.output), local.page_titles(c.output)
        updated, alternates = given or dates.last_updated(c.dependencies), local.alternates(c.output)
        kept = None
        if reuse is not None:
            crumbs = page_titles.breadcrumbs(url_of(c.output))
            key = reuse.page_key(c, local_environment, crumbs, updated, alternates, problems)
            kept = reuse.kept_html(str(c.output), key) if key is not None else None
        if kept is not None:
            page = Page(c.output, kept, c.title, c.source, c.dependencies, c.problems)
        else:
            page = content_page(c, local_environment, page_titles, updated, alternates)
        return replace(page, problems=(*page.problems, *problems)) if problems else page

    pages: dict[str, Callable[[], Page]] = {str(c.output): partial(lay_out, c) for c in site.contents}
    if "index.html" not in pages and not any(str(p.output) == "index.html" for p in replacing):
        listed = [(c.output, short_title(c)) for c in site.contents if c.layout != "error"]
        listed += [(p.output, p.title or "") for p in replacing]
        pages["index.html"] = partial(
            index_page, environment, site.context.site_name, site.sections, listed, titles, site.more
        )
    if site.sections_page:  # the header's "All sections" link (structure/sections.py): the sections only
        title = gettext_for(environment)(ALL_SECTIONS)
        made = partial(index_page, environment, title, site.sections, [], titles, site.more, SECTIONS_PAGE)
        pages[str(page_at(SECTIONS_PAGE))] = made
    return pages
