"""The pure function other page generators use, and the tree processor's reading of cells."""

from __future__ import annotations

import gettext
from xml.etree.ElementTree import Element, fromstring, tostring

import markdown
import pytest

from govpress.charts import chart_for_table
from govpress.dialect.charts import ChartTreeprocessor
from govpress.dialect.registry import RenderContext
from govpress.i18n import translations
from govpress.render import render_markdown

TABLE = (
    '<table id="fig-1" class="horizontal-bar-chart mc-stacked extra">'
    "<thead><tr><th>Service</th><th>Online</th><th>Paper</th><th>Total</th></tr></thead>"
    "<tbody><tr><td>Cattle</td><td>10</td><td>3</td><td>13</td></tr></tbody></table>"
)


def test_chart_for_table_draws_an_aria_hidden_chart_without_changing_the_table() -> None:
    table = fromstring(TABLE)
    chart = chart_for_table(table)
    assert chart is not None
    assert chart.get("aria-hidden") == "true"
    assert chart.get("class") == "mc-chart horizontal-bar-chart mc-stacked"
    assert chart.get("id") is None
    assert tostring(table, encoding="unicode") == tostring(fromstring(TABLE), encoding="unicode")
    assert [span.text for span in chart.iter("span") if span.get("class") == "mc-total"] == ["13"]


def test_chart_for_table_has_nothing_focusable() -> None:
    table = fromstring(TABLE.replace("<td>Cattle</td>", '<td><a href="/cattle">Cattle</a></td>'))
    chart = chart_for_table(table)
    assert chart is not None
    assert not list(chart.iter("a"))
    assert "Cattle" in "".join(chart.itertext())


def test_chart_for_table_ignores_other_elements_and_plain_tables() -> None:
    assert chart_for_table(Element("div", {"class": "horizontal-bar-chart"})) is None
    assert chart_for_table(fromstring(TABLE.replace("horizontal-bar-chart mc-stacked", "with-border"))) is None


def test_chart_for_table_reads_tables_without_thead() -> None:
    table = fromstring('<table class="horizontal-bar-chart"><tr><td>a</td><td>2</td></tr></table>')
    chart = chart_for_table(table)
    assert chart is not None
    assert "a" in "".join(chart.itertext())


def test_cell_text_decodes_stashed_entities_and_drops_stashed_tags() -> None:
    md = markdown.Markdown()
    nbsp = md.htmlStash.store("&nbsp;")
    br = md.htmlStash.store("<br>")
    cell = Element("td")
    cell.text = f"Government{nbsp}to{br}business"
    assert ChartTreeprocessor(md, RenderContext()).cell_text(cell) == "Government\u00a0to business"


def test_a_pages_catalogue_is_read_once_for_all_its_unnamed_series(monkeypatch: pytest.MonkeyPatch) -> None:
    from govpress.dialect import charts

    read: list[str] = []

    def reading(language: str) -> gettext.NullTranslations:
        read.append(language)
        return translations(language)

    monkeypatch.setattr(charts, "translations", reading)
    table = "|Year|||\n|-|-|-|\n|2012|1|2|\n{: .horizontal-bar-chart}\n\n"
    html = render_markdown(table * 20, language="cy").html
    assert html.count("Cyfres 2") == 20 and read == ["cy"]
