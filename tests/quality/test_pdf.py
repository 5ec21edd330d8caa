"""A built page with a chart written as PDF: the file is a PDF, the text is there, the bars are drawn."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from govpress.dialect.charts import CHART_PROCESSORS
from govpress.pdf import local_path, local_url_fetcher, write_pdf
from govpress.problems import GovpressError
from support.markdown_engine import engine_renderer, stand_in_render
from support.tools import REPO_ROOT

CHARTS_CSS = REPO_ROOT / "src" / "govpress" / "static" / "govpress" / "charts.css"
TABLE = """| Transaction    | Online | Paper | Total |
|----------------|--------|-------|-------|
| Cattle tracing | 10     | 3     | 13    |
| Court fines    | 0.25   | 1.63  | 1.88  |
{: .horizontal-bar-chart .mc-stacked }
"""
PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Transactions</title>
<link rel="stylesheet" href="/assets/charts.css"></head>
<body><h1>Transactions at scale</h1>
<img src="https://example.com/tracker.png" alt="">
{body}
</body></html>
"""


@pytest.fixture
def built_page(tmp_path: Path) -> Path:
    """A tiny built site: ``page/index.html`` linking ``/assets/charts.css`` root-relatively."""
    (tmp_path / "assets").mkdir()
    shutil.copyfile(CHARTS_CSS, tmp_path / "assets" / "charts.css")
    engine = engine_renderer(CHART_PROCESSORS)
    body = engine(TABLE) if engine else stand_in_render(TABLE, CHART_PROCESSORS)
    page = tmp_path / "page" / "index.html"
    page.parent.mkdir()
    page.write_text(PAGE.format(body=body), encoding="utf-8")
    return page


def _boxes(box: Any) -> Iterator[Any]:
    yield box
    for child in getattr(box, "children", None) or []:
        yield from _boxes(child)


def _class_of(box: Any) -> str:
    element = getattr(box, "element", None)
    return "" if element is None else str(element.get("class", ""))


def test_write_pdf_writes_a_pdf(built_page: Path, tmp_path: Path) -> None:
    base_url = built_page.parent.as_uri() + "/"
    pdf = write_pdf(built_page, tmp_path / "out" / "page.pdf", base_url=base_url, site_root=tmp_path)
    assert pdf.read_bytes().startswith(b"%PDF-")


def test_the_print_layout_has_the_text_and_the_chart_bars(built_page: Path, tmp_path: Path) -> None:
    from weasyprint import HTML

    document = HTML(
        filename=str(built_page),
        base_url=built_page.parent.as_uri() + "/",
        url_fetcher=local_url_fetcher(tmp_path),
        media_type="print",
    ).render()
    boxes = [box for page in document.pages for box in _boxes(page._page_box)]
    text = " ".join(str(box.text) for box in boxes if hasattr(box, "text"))
    assert "Transactions at scale" in text
    assert "Cattle tracing" in text
    bars = [box for box in boxes if "mc-bar " in _class_of(box)]
    drawn = [box for box in bars if box.width > 0 and box.style["background_color"].alpha > 0]
    assert len(drawn) >= 4, "the chart's bars must be laid out with a width and a colour in print"


def test_local_path_finds_root_relative_files_under_the_site(tmp_path: Path) -> None:
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "a.css").write_text("", encoding="utf-8")
    assert local_path("file:///assets/a.css", tmp_path) == tmp_path / "assets" / "a.css"
    assert local_path((tmp_path / "x.png").as_uri(), tmp_path) == tmp_path / "x.png"
    with pytest.raises(ValueError, match="only local files"):
        local_path("https://example.com/a.png", tmp_path)


def test_write_pdf_without_the_page_is_a_problem(tmp_path: Path) -> None:
    with pytest.raises(GovpressError, match="no such page"):
        write_pdf(tmp_path / "missing.html", tmp_path / "out.pdf", base_url=tmp_path.as_uri() + "/")


def test_write_pdf_is_reproducible(built_page: Path, tmp_path: Path) -> None:
    base_url = built_page.parent.as_uri() + "/"
    first = write_pdf(built_page, tmp_path / "1.pdf", base_url=base_url, site_root=tmp_path).read_bytes()
    second = write_pdf(built_page, tmp_path / "2.pdf", base_url=base_url, site_root=tmp_path).read_bytes()
    assert first == second
