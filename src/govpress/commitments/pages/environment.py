"""The Jinja2 environment of the commitments templates (``templates/commitments/``) and the layout they extend."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, TemplateNotFound, select_autoescape

SITE_LAYOUT = "base.html"
STANDALONE_LAYOUT = "commitments/standalone.html"


def commitments_environment() -> Environment:
    """An environment over the package's templates (HTML autoescaped, undefined names are errors)."""
    return Environment(
        loader=PackageLoader("govpress", "templates"),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )


def layout_name(environment: Environment) -> str:
    """The site's base layout when the package has one, else the commitments' own standalone layout."""
    try:
        environment.get_template(SITE_LAYOUT)
    except TemplateNotFound:
        return STANDALONE_LAYOUT
    return SITE_LAYOUT


def render_page(environment: Environment, template: str, context: Mapping[str, Any]) -> str:
    """One page's HTML."""
    return environment.get_template(f"commitments/{template}").render(context)
