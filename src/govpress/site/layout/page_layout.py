"""Put rendered bodies into layouts: breadcrumbs from the site's titles, dates, the root index of sections.

This is the whole-site step (gather, then write): it needs every page's title before any page is finished.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import PurePosixPath
from typing import TypedDict

from jinja2 import Environment
from markupsafe import Markup

from govpress.i18n import display_date, gettext_for, interface_language
from govpress.site.layout.templates import Breadcrumb, render_page
from govpress.site.legacy_html.base_links import rebased
from govpress.site.legacy_html.tables import scrolling_tables
from govpress.site.sources.readers import ERROR_PAGES, Content
from govpress.site.structure.describe import page_description
from govpress.site.structure.pages import Page, page_at, url_of


class LastUpdated(TypedDict):
    iso: str
    text: str


class ContentPageContext(TypedDict):
    page_title: str
    page_url: str
    page_description: str | None
    breadcrumbs: list[Breadcrumb]
    last_updated: LastUpdated | None
    body: Markup
    alternates: Sequence[Mapping[str, object]]


class SectionLink(TypedDict):
    text: str
    href: str
    pages: list[Breadcrumb]


class IndexPageContext(TypedDict):
    page_title: str
    page_url: str
    sections: list[SectionLink]


@dataclass(frozen=True)
class SiteTitles:
    """Every page's short title (its ``<h1>`` text, else its title), by URL, and the site's base path."""

    titles: Mapping[str, str]
    base_path: str

    def breadcrumbs(self, url: str) -> list[Breadcrumb]:
        """The pages above ``url`` that exist, from the home page down."""
        parts = [p for p in url.strip("/").split("/") if p]
        if url.endswith(".html"):
            parts = parts[:-1]
        crumbs: list[Breadcrumb] = []
        for depth in range(len(parts) + 1):
            ancestor = "/" + "".join(f"{p}/" for p in parts[:depth])
            if ancestor != url and ancestor in self.titles:
                crumbs.append(Breadcrumb(text=self.titles[ancestor], href=self.link(ancestor)))
        return crumbs

    def link(self, url: str) -> str:
        return self.base_path + url.lstrip("/")


def short_title(content: Content) -> str:
    """The text of the page's ``<h1>`` when it has some, else its title."""
    return next((text for level, text in content.headings if level == 1 and text), content.title)


def content_page(
    content: Content,
    environment: Environment,
    site: SiteTitles,
    updated: datetime | None,
    alternates: Sequence[Mapping[str, object]] = (),
) -> Page:
    """One source page in its layout (the site paths its body links to, under the site's base path);
    ``alternates``: its language versions (:mod:`govpress.site.structure.languages`)."""
    url = url_of(content.output)
    context = ContentPageContext(
        page_title=content.title,
        page_url="" if str(content.output) in ERROR_PAGES else url,  # an error page stands at any address
        page_description=page_description(content.body, content.dependencies),
        breadcrumbs=site.breadcrumbs(url),
        last_updated=_last_updated(updated, interface_language(environment)) if updated else None,
        body=Markup(rebased(scrolling_tables(content.body, gettext_for(environment)), site.base_path)),
        alternates=alternates,
    )
    html = render_page(environment, f"site/{content.layout}.html", context)
    return Page(content.output, html, content.title, content.source, content.dependencies, content.problems)


def _last_updated(updated: datetime, language: str) -> LastUpdated:
    """The date in the page's language (``5 Tachwedd 2012``), and as ISO 8601 for ``<time datetime>``."""
    return LastUpdated(iso=updated.date().isoformat(), text=display_date(updated.date(), language))


def index_page(
    environment: Environment,
    site_name: str,
    sections: Sequence[str],
    listed: Sequence[tuple[PurePosixPath, str]],
    site: SiteTitles,
    more: Sequence[Breadcrumb] = (),
    url: str = "/",
) -> Page:
    """The root ``index.html`` (or the page at ``url`` titled ``site_name``): each section, and the ``listed`` pages
    (output, short title) one or two levels inside it, in URL order; then the sections ``more`` (the generators', as
    links)."""
    links: list[SectionLink] = []
    for section in sections:
        inside = sorted(((o, t) for o, t in listed if _depth_below(o, section) in (1, 2)), key=lambda f: str(f[0]))
        pages = [Breadcrumb(text=title, href=site.link(url_of(output))) for output, title in inside]
        own = site.titles.get(f"/{section}/", section)
        links.append(SectionLink(text=own, href=site.link(f"/{section}/"), pages=pages))
    links += [SectionLink(text=link["text"], href=link["href"], pages=[]) for link in more]
    context = IndexPageContext(page_title=site_name, page_url=url, sections=links)
    html = render_page(environment, "site/index.html", context)
    return Page(page_at(url), html, site_name)


def _depth_below(output: PurePosixPath, section: str) -> int | None:
    parts = output.parts
    if not parts or parts[0] != section or parts[-1] != "index.html":
        return None
    return len(parts) - 2
