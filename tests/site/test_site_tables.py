"""Every table of a page's content sits in a named, keyboard-reachable scroll region
(govpress.site.legacy_html.tables)."""

from __future__ import annotations

from govpress.i18n import translations
from govpress.site.legacy_html.tables import scrolling_tables

REGION = '<div class="table-scroll" role="region" aria-label="{}" tabindex="0">'
SIMPLE = "<table><thead><tr><th>Service</th><th>Volume <sup>1</sup></th></tr></thead><tbody></tbody></table>"


def test_a_table_is_named_by_its_column_headings() -> None:
    assert (
        scrolling_tables(f"<p>x</p>{SIMPLE}<p>y</p>")
        == f"<p>x</p>{REGION.format('Table: Service, Volume')}{SIMPLE}</div><p>y</p>"
    )


def test_a_caption_names_the_region() -> None:
    table = '<table><caption>Costs &amp; "savings"</caption><tr><td>1</td></tr></table>'
    assert scrolling_tables(table) == REGION.format("Costs &amp; &quot;savings&quot;") + table + "</div>"


def test_the_figure_title_just_before_names_the_region() -> None:
    figure = (
        '<p class="fig" id="fig-20"><a class="figure-permalink" href="#fig-20">Link to this</a> Figure 20: Costs</p>\n'
    )
    assert scrolling_tables(figure + SIMPLE) == figure + REGION.format("Figure 20: Costs") + SIMPLE + "</div>"


def test_a_figure_title_further_up_is_not_the_name() -> None:
    body = '<p class="fig">Figure 1: Other</p><p>Text between.</p>' + SIMPLE
    assert REGION.format("Table: Service, Volume") in scrolling_tables(body)


def test_nested_and_already_wrapped_tables_get_one_region() -> None:
    nested = "<table><tr><td><table><tr><td>1</td></tr></table></td></tr></table>"
    assert scrolling_tables(nested) == REGION.format("Table") + nested + "</div>"
    wrapped = '<div class="table-scroll" role="region" aria-label="x" tabindex="0">' + SIMPLE + "</div>"
    assert scrolling_tables(wrapped) == wrapped
    assert scrolling_tables("<p>no table</p>") == "<p>no table</p>"


def test_two_tables_two_regions() -> None:
    assert scrolling_tables(SIMPLE + SIMPLE).count('class="table-scroll"') == 2


def test_a_name_from_headings_is_in_the_pages_language() -> None:
    welsh = translations("cy").gettext
    assert REGION.format("Tabl: Service, Volume") in scrolling_tables(SIMPLE, welsh)
    nested = "<table><tr><td><table><tr><td>1</td></tr></table></td></tr></table>"
    assert scrolling_tables(nested, welsh) == REGION.format("Tabl") + nested + "</div>"


def test_headings_are_escaped_once() -> None:
    table = "<table><tr><th>Costs &amp; savings</th></tr></table>"
    assert scrolling_tables(table) == REGION.format("Table: Costs &amp; savings") + table + "</div>"
