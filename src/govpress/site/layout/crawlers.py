"""What search engines read: ``sitemap.xml`` (every published HTML page) and ``robots.txt``.

- **sitemap.xml** lists every HTML page of the site but the error pages (``404.html``, ``error.html``), in URL order.
  Its ``<loc>`` is absolute when ``base_url`` is (``https://www.example.gov.uk/plan/digital/``), else the page's path
  under the base path (``/plan/digital/``; search engines want absolute URLs: set an absolute ``base_url`` for them).
  ``<lastmod>`` is the date of the last git commit of any file the page is made from (clamped to
  ``SOURCE_DATE_EPOCH``), and is left out when git knows none of them: never a file's copy time, never the build time.
  The same input gives the same bytes.
- **robots.txt** allows every crawler everywhere and names the sitemap (only when ``base_url`` is absolute: the
  robots standard wants a full URL; otherwise a comment says so). With ``allow_indexing = false`` (a draft or staging
  site) it disallows everything instead, and every page carries ``<meta name="robots" content="noindex, nofollow">``.
  Crawlers read ``robots.txt`` only at the root of a host: under a sub-path (``/plan/``) it is written all the same,
  for the host's own ``robots.txt`` to copy.

A file of the same name in the source folder is the project's own: it is copied and none is made.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Iterable, Sequence
from datetime import datetime
from pathlib import Path, PurePosixPath
from urllib.parse import quote
from xml.sax.saxutils import escape

from govpress.site.settings.config import SiteConfig
from govpress.site.sources.dates import FileDates
from govpress.site.structure.pages import Page

logger = logging.getLogger(__name__)
SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"
UNLISTED = frozenset({"404.html", "error.html"})
SITEMAP_NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"


def crawler_files(pages: Sequence[Page], config: SiteConfig, dates: FileDates, taken: Collection[str]) -> list[Page]:
    """``sitemap.xml`` and ``robots.txt`` for the site made of ``pages``, unless ``taken`` (the other files of the
    site, copied from the source) has them."""
    made: list[Page] = []
    for name in (SITEMAP, ROBOTS):
        if name in taken:
            logger.info("%s: the source has its own; govpress makes none", name)
            continue
        content = sitemap_xml(pages, config, dates) if name == SITEMAP else robots_txt(config)
        made.append(Page(PurePosixPath(name), content.encode("utf-8")))
    return made


def sitemap_xml(pages: Iterable[Page], config: SiteConfig, dates: FileDates) -> str:
    """The sitemap of every listed HTML page (see the module's documentation)."""
    listed = sorted((page for page in pages if page.is_html and str(page.output) not in UNLISTED), key=lambda p: p.url)
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', f'<urlset xmlns="{SITEMAP_NAMESPACE}">']
    for page in listed:
        lines.append(f"  <url><loc>{escape(page_location(page.url, config))}</loc>{_lastmod(page, dates)}</url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def page_location(url: str, config: SiteConfig) -> str:
    """A page's address (``url``: its path from the site root): absolute when ``base_url`` is, else a path."""
    return (config.absolute_url or config.base_path) + quote(url.lstrip("/"), safe="/-._~!$&'()*+,;=:@%")


def robots_txt(config: SiteConfig) -> str:
    """Allow all and name the sitemap; disallow all when the site asks not to be indexed."""
    rule = "Disallow: /" if not config.allow_indexing else "Allow: /"
    lines = ["User-agent: *", rule]
    if config.allow_indexing:
        if config.absolute_url:
            lines.append(f"Sitemap: {config.absolute_url}{SITEMAP}")
        else:
            lines.append(f"# Sitemap: {config.base_path}{SITEMAP} (set an absolute base_url to name it here)")
    return "\n".join(lines) + "\n"


def known_date(dates: FileDates, paths: Iterable[Path]) -> datetime | None:
    """The newest last-commit date of ``paths`` that git knows (clamped to ``SOURCE_DATE_EPOCH``); ``None`` when it
    knows none."""
    if not dates.committed:
        return None
    known = [found for path in paths if (found := dates.committed.get(path.resolve())) is not None]
    if not known:
        return None
    return min(max(known), dates.ceiling) if dates.ceiling is not None else max(known)


def _lastmod(page: Page, dates: FileDates) -> str:
    found = known_date(dates, page.dependencies)
    return f"<lastmod>{found.date().isoformat()}</lastmod>" if found is not None else ""
