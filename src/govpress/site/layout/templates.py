"""The site's Jinja2 environment and page rendering. Every layout extends ``base.html``.

Other page generators render with the same environment (``make_environment``) and their templates extend the
global ``layout`` (``base.html``), filling the blocks ``title``, ``head``, ``breadcrumbs``, ``content`` and
``body_end`` (see ``docs/site.md``).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import NotRequired, TypedDict

import jinja2
from jinja2 import BytecodeCache, Environment, FileSystemBytecodeCache
from markupsafe import Markup

from govpress.i18n import install_language
from govpress.site.engine.records import user_cache_root
from govpress.site.layout.overrides import template_loader
from govpress.site.settings.brand import BrandView, asset_url, brand_view
from govpress.site.settings.config import SiteConfig
from govpress.site.structure.current_section import navigation_state
from govpress.templating import package_loader, template_environment

BASE_LAYOUT = "base.html"
SITE_LAYOUTS = "site/"
STATIC_DIR = "static"
SECTIONS_GLOBAL = "generated_sections"


class Breadcrumb(TypedDict):
    text: str
    href: str


class FeedLink(TypedDict):
    title: str
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
    absolute_url: str | None
    allow_indexing: bool
    description: str | None
    image: str | None
    feeds: list[FeedLink]
    brand: BrandView
    extra_css: list[str]
    extra_js: list[str]
    search: bool


class PageContext(TypedDict):
    """The context of a page that extends ``base.html`` (other keys are free for the child layout)."""

    page_title: str
    body_class: NotRequired[str]
    breadcrumbs: NotRequired[list[Breadcrumb]]
    last_updated: NotRequired[str | None]
    dev_reload: NotRequired[bool]
    page_url: NotRequired[str]
    page_description: NotRequired[str | None]


def site_view(config: SiteConfig, site_name: str, feeds: Sequence[tuple[str, str]] = ()) -> SiteView:
    """``feeds``: ``(title, site path)`` of the site's feeds, linked from every page's ``<head>``."""
    base = config.base_path
    return SiteView(
        name=site_name,
        organisation=config.organisation,
        base_path=base,
        static_url=f"{base}{STATIC_DIR}/",
        govuk_brand=config.govuk_brand,
        analytics_id=config.analytics_id,
        language=config.language,
        absolute_url=config.absolute_url,
        allow_indexing=config.allow_indexing,
        description=config.description,
        image=_absolute(config, config.social_image),
        feeds=[FeedLink(title=title, href=base + path.lstrip("/")) for title, path in feeds],
        brand=brand_view(config),
        extra_css=[asset_url(config, path) for path in config.extra_css],
        extra_js=[asset_url(config, path) for path in config.extra_js],
        search=config.search,
    )


def _absolute(config: SiteConfig, path: str | None) -> str | None:
    """An absolute URL for ``path`` (a site path, under the base URL; or a URL); ``None`` when there can be none."""
    if path is None or "://" in path:
        return path
    return config.absolute_url + path.lstrip("/") if config.absolute_url else None


def make_environment(
    config: SiteConfig,
    site_name: str | None = None,
    navigation: list[Breadcrumb] | None = None,
    bytecode_cache: BytecodeCache | None = None,
    overrides: Path | None = None,
) -> Environment:
    """The environment over the package's templates (:func:`govpress.templating.template_environment`), with
    ``site``, ``navigation`` and ``layout`` as globals.

    ``bytecode_cache`` keeps compiled templates between builds (a build's: :func:`template_cache_dir`).
    ``overrides``: the project's ``templates/`` folder, whose templates shadow the package's; the environment is then
    Jinja2's sandbox, so a project's template cannot reach Python's internals (:mod:`govpress.site.layout.overrides`).
    """
    environment = template_environment(
        loader=template_loader(package_loader(), overrides),
        sandboxed=overrides is not None,
        bytecode_cache=bytecode_cache,
        language=None,  # set_site installs the site's
    )
    set_site(environment, config, site_name, navigation)
    environment.globals["layout"] = BASE_LAYOUT
    environment.globals["navigation_state"] = navigation_state
    return environment


def set_site(
    environment: Environment,
    config: SiteConfig,
    site_name: str | None,
    navigation: list[Breadcrumb] | None,
    feeds: Sequence[tuple[str, str]] = (),
) -> None:
    """The ``site`` and ``navigation`` globals: a build sets them once it knows every page's title, so that it can
    make the environment (and compile its templates) before."""
    environment.globals["site"] = site_view(config, site_name or config.site_name or "govpress", feeds)
    environment.globals["navigation"] = list(navigation or [])
    install_language(environment, config.language)


def set_sections(environment: Environment, sections: Mapping[str, Sequence[str]]) -> None:
    """The ``generated_sections`` global: the HTML fragments the generators add to pages, by page URL (``/a/b/``),
    which ``base.html``'s ``generated_sections`` block renders after the page's content (a build sets it as the
    generators make them: :mod:`govpress.site.structure.additions`)."""
    environment.globals[SECTIONS_GLOBAL] = {url: [Markup(html) for html in found] for url, found in sections.items()}


def compile_templates(cache_dir: Path, *prefixes: str) -> int:
    """Compile the package's templates whose names start with one of ``prefixes`` into the bytecode cache in
    ``cache_dir``, so an environment over that cache (in another process too) loads them instead of compiling them.
    Returns how many templates there were."""
    environment = make_environment(SiteConfig(), bytecode_cache=FileSystemBytecodeCache(str(cache_dir)))
    names = environment.list_templates(filter_func=lambda name: name.startswith(prefixes) and name.endswith(".html"))
    for name in names:
        environment.get_template(name)
    return len(names)


def render_page(environment: Environment, template_name: str, context: Mapping[str, object]) -> str:
    """One whole HTML document."""
    return environment.get_template(template_name).render(context)


def template_cache_dir(environ: Mapping[str, str], fallback: Path) -> Path:
    """Where a build keeps govpress's compiled templates (as Python keeps ``.pyc`` files): one folder per user,
    ``$GOVPRESS_CACHE_DIR``, else ``$XDG_CACHE_HOME/govpress``, else ``~/.cache/govpress``, in a subfolder named for
    the Jinja2 version and the environment's options (compiled code depends on both; Jinja2 checks each template's
    source itself). ``fallback`` when that folder cannot be made."""
    user_root = user_cache_root(environ)
    root = str(user_root) if user_root is not None else ""
    made = make_environment(SiteConfig())
    options = [jinja2.__version__, made.trim_blocks, made.lstrip_blocks, made.keep_trailing_newline]
    options += [made.autoescape("page.html") if callable(made.autoescape) else made.autoescape, made.undefined]
    options += sorted(made.extensions)
    folder = Path(root) / f"templates-{hashlib.sha1(repr(options).encode(), usedforsecurity=False).hexdigest()[:12]}"
    if root:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            if os.access(folder, os.W_OK):
                return folder
        except OSError:
            pass
    fallback.mkdir(parents=True, exist_ok=True)
    return fallback
