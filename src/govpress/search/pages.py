"""The search page, ``/search/``: a search form, the place its results go, and every page of the site A to Z.

Without JavaScript the form (``GET /search/?q=…``) leads back to this page, which lists every searchable page by
section (the header's navigation sections, in their order, then "Other pages"), titles A to Z within each: the
reader finds the page there. With JavaScript, ``search.js`` (written beside the page) keeps the query as typed in
the box and the URL, asks the pagefind index (:mod:`govpress.search.index`) and shows the results above the list.
The script's sentences come from the page (``data-text``, JSON: :func:`script_text`), in the page's language: the
result count in each plural category of the language, which the script picks with ``Intl.PluralRules``.

A page is *searchable* (listed here and indexed) when it is HTML, is not the search page nor the site's error page
(``404.html``, ``error.html``, in any folder) and does not ask robots to leave it out
(``<meta name="robots" content="noindex">``, as the other sort orders of a sortable table do; a draft site's
``noindex, nofollow`` is for search engines and leaves its pages searchable). Its title is its
``<title>`` without the site's name (what ``base.html`` gives pagefind as the title too), else its path.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import PurePosixPath
from typing import TypedDict

from jinja2 import Environment

from govpress.i18n import N_, gettext_for, interface_language, plural_samples, translations
from govpress.site.layout.templates import Breadcrumb, render_page
from govpress.site.structure.facts import asks_noindex, title_in
from govpress.site.structure.pages import Page

SEARCH_PAGE = PurePosixPath("search/index.html")
SEARCH_SCRIPT = PurePosixPath("search/search.js")
INDEX_FOLDER = "pagefind"
TITLE = N_("Search")  # translated where the page is made, as the section below
OTHER_PAGES = N_("Other pages")
NO_RESULT = N_("Check the spelling, use fewer or other words, or find the page in the A to Z below.")
MORE_RESULTS = N_("Showing the first %(num)s. Add words to the search to narrow it down.")
UNAVAILABLE = N_("Search is not available at the moment. Find the page in the A to Z below.")
ERROR_PAGES = frozenset({"404.html", "error.html"})


class SearchSection(TypedDict):
    """One section of the A to Z: its name, the id of its heading and its pages (titles A to Z)."""

    name: str
    id: str
    pages: list[Breadcrumb]


class SearchPageContext(TypedDict):
    page_title: str
    breadcrumbs: list[Breadcrumb]
    sections: list[SearchSection]
    action: str
    index_url: str
    script: str
    script_text: str
    page_count: int


@dataclass(frozen=True)
class Listed:
    """A searchable page: its title and link (from the site root, under the base path)."""

    title: str
    href: str


def searchable(page: Page) -> bool:
    """Whether ``page`` is listed on the search page and indexed (see the module's docstring)."""
    if not page.is_html or page.output == SEARCH_PAGE or page.output.name in ERROR_PAGES:
        return False
    return not asks_noindex(str(page.content))


def page_title(page: Page, site_name: str) -> str:
    """The page's ``<title>`` text without `` - SITE NAME`` (as ``base.html`` writes it), else its path."""
    text = title_in(str(page.content), tags=" ") or ""
    return text.removesuffix(f" - {site_name}") or page.url


def site_name_of(environment: Environment) -> str:
    """The site's name, as ``environment`` holds it for the header ("" when it holds none)."""
    site = environment.globals.get("site")
    return str(site["name"]) if isinstance(site, dict) else ""


def listed(page: Page, site_name: str, base_path: str) -> Listed:
    """How the search page lists the searchable ``page``."""
    return Listed(page_title(page, site_name), base_path + page.url.lstrip("/"))


def search_pages(
    listed: Sequence[Listed], environment: Environment, base_path: str, kept: str | None = None
) -> list[Page]:
    """The search page (every searchable page, ``listed``, by the sections of the site's navigation, as
    ``environment`` holds it for the header) and its script; ``kept``: the page as the last build wrote it, which
    listed the same pages in the same layout (:func:`search_page_key`), taken as it is."""
    gettext = gettext_for(environment)
    html_text = kept if kept is not None else _search_page(listed, environment, base_path)
    script = (resources.files("govpress") / "templates" / "search" / "search.js").read_bytes()
    return [Page(SEARCH_PAGE, html_text, gettext(TITLE)), Page(SEARCH_SCRIPT, script)]


def search_page_key(listed: Sequence[Listed], environment_digest: str) -> list[object]:
    """What the search page is made of beside govpress's files, the site's templates and settings: the pages it
    lists and the globals of its layout (``environment_digest``: its language's environment's). The pages sorted:
    :func:`grouped` orders them by title and link, whatever order they came in (a build that lays a changed page's
    search shard out first lists the pages in another order than the build before)."""
    return ["search page", environment_digest, sorted((entry.title, entry.href) for entry in listed)]


def _search_page(listed: Sequence[Listed], environment: Environment, base_path: str) -> str:
    site_name = site_name_of(environment)
    gettext = gettext_for(environment)
    navigation = _navigation(environment.globals.get("navigation"))
    sections = grouped(listed, navigation, gettext(OTHER_PAGES))
    context = SearchPageContext(
        page_title=gettext(TITLE),
        breadcrumbs=[Breadcrumb(text=site_name, href=base_path)],
        sections=sections,
        action=f"{base_path}{SEARCH_PAGE.parent}/",
        index_url=f"{base_path}{INDEX_FOLDER}/",
        script=f"{base_path}{SEARCH_SCRIPT}",
        script_text=script_text(interface_language(environment)),
        page_count=len(listed),
    )
    return render_page(environment, "search/search.html", context)


def script_text(language: str) -> str:
    """What ``search.js`` writes, in ``language`` (JSON): ``results`` by plural category (``%(num)s``: the count,
    ``%(query)s``: the query), ``none``, ``more`` (``%(num)s``: how many are shown) and ``unavailable``."""
    catalogue = translations(language)
    results = {
        category: catalogue.ngettext(
            "%(num)s result for \u2018%(query)s\u2019", "%(num)s results for \u2018%(query)s\u2019", n
        )
        for category, n in plural_samples(language).items()
    }
    text = {
        "results": results,
        "none": catalogue.gettext(NO_RESULT),
        "more": catalogue.gettext(MORE_RESULTS),
        "unavailable": catalogue.gettext(UNAVAILABLE),
    }
    return json.dumps(text, ensure_ascii=False, sort_keys=True)


def grouped(
    listed: Sequence[Listed], navigation: Sequence[Breadcrumb], other_pages: str = OTHER_PAGES
) -> list[SearchSection]:
    """``listed`` by section: each navigation link to a site path whose pages lie under it (the longest such link),
    in the navigation's order, then ``other_pages`` (:data:`OTHER_PAGES` in the site's language); titles A to Z
    (ignoring case) within each; empty sections left out."""
    local = [link for link in navigation if link["href"].startswith("/") and not link["href"].startswith("//")]
    by_name: dict[str, list[Listed]] = {link["text"]: [] for link in local}
    by_name.setdefault(other_pages, [])
    homes: dict[str, str] = {}  # each section's href → its name (the first link to it)
    for link in local:
        homes.setdefault(link["href"], link["text"])
    for item in listed:
        by_name[_home(item.href, homes) or other_pages].append(item)
    sections: list[SearchSection] = []
    for name, items in by_name.items():
        if not items:
            continue
        ordered = sorted(items, key=lambda item: (item.title.casefold(), item.title, item.href))
        pages = [Breadcrumb(text=item.title, href=item.href) for item in ordered]
        sections.append(SearchSection(name=name, id=f"section-{len(sections) + 1}", pages=pages))
    return sections


def _navigation(found: object) -> list[Breadcrumb]:
    if not isinstance(found, list):
        return []
    return [Breadcrumb(text=str(link["text"]), href=str(link["href"])) for link in found if isinstance(link, dict)]


def _home(href: str, homes: dict[str, str]) -> str | None:
    """The name of the deepest section ``href`` lies in (a section is a folder, or that page itself; ``homes``: each
    section's href → its name), looked up by the page's own href and each folder above it, deepest first: the
    cost of a page is its depth, not the number of sections."""
    if href in homes:
        return homes[href]
    end = len(href)
    while (end := href.rfind("/", 0, end)) >= 0:
        found = homes.get(href[: end + 1])
        if found is not None:
            return found
    return None
