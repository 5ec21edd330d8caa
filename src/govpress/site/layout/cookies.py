"""The cookies page, ``/cookies/``, of a site with an ``analytics_id`` (none without one): :class:`CookiesGenerator`.

The GOV.UK cookies page pattern (template ``site/cookies.html``): what the site sets, and the radios form to accept
or reject analytics cookies, which ``static/govpress/consent.js`` saves in the cookie :data:`COOKIE_NAME`. Every page
of such a site has the cookie banner (``site/cookie_banner.html``) and a "Cookies" link in its footer; the analytics
script is loaded by ``consent.js`` only once the reader has accepted. A project changes the page's words with a
template of its own, ``templates/site/cookies.html`` (:mod:`govpress.site.layout.overrides`).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePosixPath
from typing import TypedDict

from govpress.site.layout.templates import Breadcrumb, render_page
from govpress.site.structure.generator import BaseGenerator
from govpress.site.structure.pages import Page, SiteContext

COOKIES_PAGE = PurePosixPath("cookies/index.html")
COOKIE_NAME = "govpress_cookies_policy"  # also in static/govpress/consent.js
TITLE = "Cookies"


class CookiesPageContext(TypedDict):
    page_title: str
    breadcrumbs: list[Breadcrumb]
    analytics_id: str
    cookie_name: str


class CookiesGenerator(BaseGenerator[None]):
    """``cookies/index.html`` when the site has an ``analytics_id``."""

    name = "cookies"

    def generate(self, context: SiteContext, prepared: None = None) -> Iterator[Page]:
        analytics_id = context.config.analytics_id
        if analytics_id is None:
            return
        home = Breadcrumb(text=context.site_name, href=context.config.base_path)
        page = CookiesPageContext(
            page_title=TITLE, breadcrumbs=[home], analytics_id=analytics_id, cookie_name=COOKIE_NAME
        )
        yield Page(COOKIES_PAGE, render_page(context.environment, "site/cookies.html", page), TITLE, source=None)
