"""The dashboards' pages, as :class:`govpress.site.structure.pages.Page` values, beside the explorer's (under
``performance/``)::

    service-details/<slug>/dashboard.html     one service's dashboard (its explorer page is service-details/<slug>.html)
    dashboards/index.html                     the configured dashboards
    dashboards/<slug>.html                    one configured dashboard

and the sections (:mod:`govpress.site.structure.additions`) that link to them: a "Dashboard" link at the end of each
explorer
service page that has one, and the list of configured dashboards at the end of the explorer's home page.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any
from xml.etree.ElementTree import Element, SubElement

from jinja2 import Environment

from govpress.dashboards.drawing import html
from govpress.dashboards.views import ModuleView, grouped_modules
from govpress.i18n import N_
from govpress.problems import Problem
from govpress.services import explorer_urls
from govpress.services.explorer import ServiceView
from govpress.services.pages.words import Words, words_for
from govpress.site.structure.pages import Page, relative_root, url_of

PREFIX = explorer_urls.PREFIX  # dashboards live in the services explorer's folder
INDEX_TITLE = N_("Dashboards")
SERVICE_TITLE = N_("%(service)s: dashboard")
SEE = N_("See the dashboard")
SEE_OF = N_(" of %(service)s")
SEE_WHAT = N_(": its figures as charts, with their tables.")


@dataclass(frozen=True)
class Board:
    """A configured dashboard, answered: its slug, title, description and modules, the files it was read from and
    the warnings found."""

    slug: str
    title: str
    description: str
    modules: tuple[ModuleView, ...]
    dependencies: tuple[Path, ...]
    problems: tuple[Problem, ...] = ()


def service_dashboard_path(slug: str) -> str:
    return f"service-details/{slug}/dashboard.html"


def _render(environment: Environment, template: str, path: str, context: dict[str, Any]) -> str:
    root = relative_root(path)
    page_url = url_of(PREFIX + path)  # its canonical address (the base's <head>)
    return environment.get_template(f"dashboards/{template}").render(
        {**context, "root": root, "page_path": path, "page_url": page_url}
    )


def _crumbs(path: str, trail: Sequence[tuple[str, str]], explorer: bool, words: Words) -> list[dict[str, str]]:
    root = relative_root(path)
    crumbs = [{"text": words(explorer_urls.TITLE), "href": f"{root}index.html"}] if explorer else []
    return crumbs + [{"text": text, "href": root + target} for text, target in trail]


def service_pages(
    environment: Environment, view: ServiceView, modules: Sequence[ModuleView], dependencies: tuple[Path, ...]
) -> Iterator[Page]:
    """A service's dashboard page, and the section linking to it from its explorer page."""
    words = words_for(environment)
    name = view.service.name
    path = service_dashboard_path(view.slug)
    title = words(SERVICE_TITLE) % {"service": name}
    trail = [(name, f"service-details/{view.slug}.html")]
    context = {
        "page_title": title,
        "title": name,
        "caption": view.service.department.name,
        "description": view.service.description,
        "runs": grouped_modules(modules),
        "breadcrumbs": _crumbs(path, trail, True, words),
        "explorer_page": f"../{view.slug}.html",
    }
    html_text = _render(environment, "dashboard.html", path, context)
    yield Page(PurePosixPath(PREFIX + path), html_text, title=title, dependencies=dependencies)
    link = Element("p", {"class": "govuk-body govpress-dashboard-link"})
    anchor = SubElement(link, "a", {"href": f"{view.slug}/dashboard.html"})
    anchor.text = words(SEE)
    SubElement(anchor, "span", {"class": "govuk-visually-hidden"}).text = words(SEE_OF) % {"service": name}
    anchor.tail = words(SEE_WHAT)
    section = PurePosixPath(f"{PREFIX}service-details/{view.slug}.html")
    yield Page(section, html(link), dependencies=dependencies, section=True)


def board_pages(environment: Environment, boards: Sequence[Board], explorer: bool) -> Iterator[Page]:
    """Each configured dashboard's page, their index and (with an ``explorer``) the list on its home page."""
    if not boards:
        return
    words = words_for(environment)
    index_title = words(INDEX_TITLE)
    for board in boards:
        path = f"dashboards/{board.slug}.html"
        context: dict[str, Any] = {
            "page_title": board.title,
            "title": board.title,
            "caption": "",
            "description": board.description,
            "runs": grouped_modules(board.modules),
            "breadcrumbs": _crumbs(path, [(index_title, "dashboards/index.html")], explorer, words),
            "explorer_page": None,
        }
        html_text = _render(environment, "dashboard.html", path, context)
        yield Page(
            PurePosixPath(PREFIX + path),
            html_text,
            title=board.title,
            dependencies=board.dependencies,
            problems=board.problems,
        )
    path = "dashboards/index.html"
    listed = [{"title": b.title, "href": f"{b.slug}.html", "description": b.description} for b in boards]
    context = {
        "page_title": index_title,
        "boards": listed,
        "show_heading": False,
        "breadcrumbs": _crumbs(path, [], explorer, words),
    }
    dependencies = tuple(dict.fromkeys(p for b in boards for p in b.dependencies))
    yield Page(
        PurePosixPath(PREFIX + path),
        _render(environment, "index.html", path, context),
        title=index_title,
        dependencies=dependencies,
    )
    if explorer:
        section = environment.get_template("dashboards/_list.html").render(
            {"boards": listed, "prefix": "dashboards/", "show_heading": True}
        )
        yield Page(PurePosixPath(PREFIX + "index.html"), section, dependencies=dependencies, section=True)
