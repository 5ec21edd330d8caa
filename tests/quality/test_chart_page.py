"""The charts alone: a page holding every chart fixture, styled by charts.css, passes axe-core and vnu.

This checks the chart markup and colours before (and apart from) the site's layouts.
"""

from __future__ import annotations

import html
import shutil
from pathlib import Path

import pytest

from govpress.charts import CHART_PROCESSORS
from support.axe import AxeChecker
from support.fixtures import read_fixture_dir
from support.markdown_engine import engine_renderer, stand_in_render
from support.site_checks import axe_violations, report, vnu_errors
from support.tools import REPO_ROOT, ValidatorTools

CHARTS_CSS = REPO_ROOT / "src" / "govpress" / "static" / "govpress" / "charts.css"
FIXTURES = REPO_ROOT / "tests" / "fixtures" / "charts"
PAGE = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Charts</title><link rel="stylesheet" href="charts.css">
<style>body {{ font-family: Arial, sans-serif; max-width: 960px; margin: 0 auto; }}</style></head>
<body><main><h1>Charts</h1>
{sections}
</main></body>
</html>
"""


def chart_page(folder: Path) -> Path:
    """Write ``index.html`` (every chart fixture under an ``h2``) and ``charts.css`` into ``folder``."""
    engine = engine_renderer(CHART_PROCESSORS)
    sections = []
    for case in read_fixture_dir(FIXTURES):
        body = engine(case.source) if engine else stand_in_render(case.source, CHART_PROCESSORS)
        sections.append(f"<h2>{html.escape(case.title)}</h2>\n{body}")
    shutil.copyfile(CHARTS_CSS, folder / "charts.css")
    page = folder / "index.html"
    page.write_text(PAGE.format(sections="\n".join(sections)), encoding="utf-8")
    return page


@pytest.fixture(scope="module")
def chart_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("charts")
    chart_page(folder)
    return folder


@pytest.mark.browser
def test_chart_page_has_no_accessibility_violations(chart_site: Path, axe_checker: AxeChecker) -> None:
    found = axe_violations(chart_site, axe_checker)
    assert not found, report("axe-core on the chart fixtures page", found)


@pytest.mark.vnu
def test_chart_page_is_valid_html(chart_site: Path, vnu_tools: ValidatorTools) -> None:
    found = vnu_errors(chart_site, vnu_tools)
    assert not found, report("vnu on the chart fixtures page", found)
