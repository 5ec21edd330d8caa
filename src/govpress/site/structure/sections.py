"""What the content says about the whole site: its sections (for navigation) and, when not configured, its name."""

from __future__ import annotations

import posixpath
from collections.abc import Mapping, Sequence

from govpress.i18n import N_
from govpress.site.layout.templates import Breadcrumb
from govpress.site.sources.readers import DOCUMENT_LAYOUT, Content
from govpress.site.structure.facts import anchors
from govpress.site.structure.pages import url_of

# A header with more top-level sections than ``header_sections`` (govpress.toml) lists the first ones and then this
# link to a page listing them all: the root index govpress writes when the source has none, else this page.
ALL_SECTIONS = N_("All sections")
SECTIONS_PAGE = "/sections/"


def navigation(sections: Sequence[str], titles: Mapping[str, str], base_path: str) -> list[Breadcrumb]:
    """One link per top-level section that has a page of its own."""
    return [
        Breadcrumb(text=titles[f"/{section}/"], href=f"{base_path}{section}/")
        for section in sections
        if f"/{section}/" in titles
    ]


def capped(links: Sequence[Breadcrumb], limit: int, everything: Breadcrumb) -> list[Breadcrumb]:
    """The header's links: all of them when there are at most ``limit``, else the first ``limit - 1`` and
    ``everything`` (the link to the page listing them all), so the header's size does not grow with the site."""
    return list(links) if len(links) <= limit else [*links[: limit - 1], everything]


def sections_page(has_root_index: bool) -> str:
    """The URL of the page listing every section: the root index when govpress writes it (the source has none),
    else :data:`SECTIONS_PAGE`."""
    return SECTIONS_PAGE if has_root_index else "/"


def site_name_from_content(sections: Sequence[str], contents: Sequence[Content]) -> str | None:
    """The title of the first document the first section's home page links to (else the first document's)."""
    by_url = {url_of(c.output): c for c in contents}
    documents = [c for c in contents if c.layout == DOCUMENT_LAYOUT]
    for section in sections:
        home = by_url.get(f"/{section}/")
        if home is None:
            continue
        if home.layout == DOCUMENT_LAYOUT:
            return home.title
        for href in anchors(home.body):
            url = _resolve(href.partition("#")[0].partition("?")[0], f"/{section}/")
            linked = by_url.get(url)
            if linked is not None and linked.layout == DOCUMENT_LAYOUT:
                return _short(linked)
    return _short(documents[0]) if documents else None


def _short(content: Content) -> str:
    return next((text for level, text in content.headings if level == 1 and text), content.title)


def _resolve(url: str, base: str) -> str:
    if not url or "://" in url:
        return ""
    joined = url if url.startswith("/") else posixpath.join(base, url)
    normal = posixpath.normpath(joined)
    return normal if normal == "/" else normal + "/"
