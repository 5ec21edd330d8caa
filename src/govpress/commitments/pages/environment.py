"""The Jinja2 environment of the commitments templates (``templates/commitments/``) and the layout they extend."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from jinja2 import Environment, TemplateNotFound

from govpress.templating import template_environment

STANDALONE_LAYOUT = "commitments/standalone.html"


def commitments_environment() -> Environment:
    """The standalone environment (no site): the package's templates, English text, block tags' lines not trimmed
    (why: :mod:`govpress.templating`)."""
    return template_environment(trim=False)


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
