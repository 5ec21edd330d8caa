"""The site's Jinja2 environment and page rendering. Every layout extends ``base.html``.

Other page generators render with the same environment (``make_environment``) and their templates extend the
global ``layout`` (``base.html``), filling the blocks ``title``, ``head``, ``breadcrumbs``, ``content`` and
``body_end`` (see ``docs/site.md``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NotRequired, TypedDict

from jinja2 import BytecodeCache, Environment, PackageLoader, StrictUndefined, select_autoescape

from govpress.site.config import SiteConfig

BASE_LAYOUT = "base.html"
STATIC_DIR = "static"


class Breadcrumb(TypedDict):
    text: str
    href: str


class SiteView(TypedDict):
    """What every template sees as ``site``."""

    name: str
    organisation: str
    base_path: str
    static_url: str
    govuk_brand: bool
    analytics_id: str | None
    language: str


class PageContext(TypedDict):
    """The context of a page that extends ``base.html`` (other keys are free for the child layout)."""

    page_title: str
    body_class: NotRequired[str]
    breadcrumbs: NotRequired[list[Breadcrumb]]
    last_updated: NotRequired[str | None]
    dev_reload: NotRequired[bool]


def site_view(config: SiteConfig, site_name: str) -> SiteView:
    base = config.base_path
    return SiteView(
        name=site_name,
        organisation=config.organisation,
        base_path=base,
        static_url=f"{base}{STATIC_DIR}/",
        govuk_brand=config.govuk_brand,
        analytics_id=config.analytics_id,
        language=config.language,
    )


def make_environment(
    config: SiteConfig,
    site_name: str | None = None,
    navigation: list[Breadcrumb] | None = None,
    bytecode_cache: BytecodeCache | None = None,
) -> Environment:
    """The environment over the package's templates, with ``site``, ``navigation`` and ``layout`` as globals.

    ``bytecode_cache`` keeps compiled templates between builds (the build's is in ``OUT/.govpress-cache/``).
    """
    environment = Environment(
        loader=PackageLoader("govpress", "templates"),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        bytecode_cache=bytecode_cache,
    )
    environment.globals["site"] = site_view(config, site_name or config.site_name or "govpress")
    environment.globals["navigation"] = list(navigation or [])
    environment.globals["layout"] = BASE_LAYOUT
    return environment


def render_page(environment: Environment, template_name: str, context: Mapping[str, object]) -> str:
    """One whole HTML document."""
    return environment.get_template(template_name).render(context)
