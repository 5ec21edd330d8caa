"""The Jinja2 environment of the commitments templates (``templates/commitments/``) and the layout they extend."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, TemplateNotFound, select_autoescape

from govpress.i18n import EXTENSION, install_language

STANDALONE_LAYOUT = "commitments/standalone.html"


def commitments_environment() -> Environment:
    """An environment over the package's templates (HTML autoescaped, undefined names are errors; English text)."""
    environment = Environment(
        loader=PackageLoader("govpress", "templates"),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        extensions=[EXTENSION],
    )
    install_language(environment, "en")
    return environment


def layout_name(environment: Environment) -> str:
    """The layout the site's environment names (its ``layout`` global), else the commitments' standalone layout."""
    layout = environment.globals.get("layout")
    if not isinstance(layout, str):
        return STANDALONE_LAYOUT
    try:
        environment.get_template(layout)
    except TemplateNotFound:
        return STANDALONE_LAYOUT
    return layout


def base_path_of(environment: Environment) -> str:
    """The site's base path (``/`` or ``/prefix/``) from the site environment's ``site`` global; ``/`` without one."""
    site = environment.globals.get("site")
    base = site.get("base_path") if isinstance(site, dict) else None
    return base if isinstance(base, str) else "/"


def render_page(environment: Environment, template: str, context: Mapping[str, Any]) -> str:
    """One page's HTML."""
    return environment.get_template(f"commitments/{template}").render(context)
