"""No template writes interface text as it is: every sentence a reader sees goes through the message catalogue
(``_()``, ``gettext``, ``ngettext``), so a ``language = "cy"`` site is Welsh throughout (docs/languages.md)."""

from __future__ import annotations

from pathlib import Path

import pytest
from jinja2 import Environment

from govpress.site.layout.templates import make_environment
from govpress.site.settings.config import SiteConfig
from support.unmarked_text import unmarked_text

TEMPLATES = Path(__file__).resolve().parent.parent / "src" / "govpress" / "templates"
HTML_TEMPLATES = sorted(p.relative_to(TEMPLATES).as_posix() for p in TEMPLATES.rglob("*.html"))


@pytest.fixture(scope="module")
def environment() -> Environment:
    return make_environment(SiteConfig())


@pytest.mark.parametrize("name", HTML_TEMPLATES)
def test_every_template_marks_its_interface_text(environment: Environment, name: str) -> None:
    found = unmarked_text(environment, (TEMPLATES / name).read_text(encoding="utf-8"), name)
    where = "\n".join(f"src/govpress/templates/{name}:{item.line}: {item.text!r}" for item in found)
    assert not found, f"interface text not marked for translation (wrap it in _(); docs/languages.md):\n{where}"


CASES = [
    ("<p>Hello {{ name }}</p>", [(1, "Hello")]),
    ('<a href="{{ url }}" title="Next page">{{ _("Next") }}</a>', [(1, "Next page")]),
    ("<nav aria-label=\"{{ _('Breadcrumb') }}\">\n<p>\n{{ x }} items</p></nav>", [(3, "items")]),
    ('<img alt="Crest" src="{{ src }}">', [(1, "Crest")]),
    ('{{ _("Run by %(o)s.", o=organisation) }} &middot; {{ n }} (2012) &ndash; 5%', []),
    ("{% trans %}Hello {{ name }}{% endtrans %}", []),
    ("{% trans count=n %}One file{% pluralize %}{{ count }} files{% endtrans %} left", [(1, "left")]),
    ('<script>var text = "Loading";</script><style>p::after { content: "More"; }</style>', []),
    ("{# A comment in English #}<p>{{ _('Yes') if ok else _('No') }}</p>", []),
    ('<a href="{{ root }}data/services.csv">services.csv</a>, <a href="x">savings.json</a>.', []),
    (
        '{% set strategy %}<a href="{{ u }}">{{ t }}</a>{% endset %}<p>Part of the {{ strategy }}</p>',
        [(1, "Part of the")],
    ),
    (
        '{% macro label(s) %}{% if s %}Responded{% else %}{{ _("Awaiting") }}{% endif %}{% endmacro %}',
        [(1, "Responded")],
    ),
    ('<h{{ level }} class="govuk-heading-m">Action {{ code }}</h{{ level }}>', [(1, "Action")]),
]


@pytest.mark.parametrize(("source", "expected"), CASES)
def test_the_checker_finds_unmarked_text_and_only_that(
    environment: Environment, source: str, expected: list[tuple[int, str]]
) -> None:
    assert [(item.line, item.text) for item in unmarked_text(environment, source)] == expected
