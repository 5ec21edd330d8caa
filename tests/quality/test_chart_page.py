"""The charts alone: a page of every chart fixture and a page of every corpus chart table, styled by
charts.css, pass axe-core and vnu.

This checks the chart markup and colours before (and apart from) the site's layouts; the tables are put in their
scroll regions as a page of the site puts them (``govpress.site.legacy_html.tables``, styled by govpress.css), which is
how a
wide table passes the reflow check at 320 px.
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest

from govpress.dialect.charts import CHART_PROCESSORS
from govpress.site.legacy_html.tables import scrolling_tables
from support.axe import AxeChecker
from support.fixtures import read_fixture_dir
from support.markdown_engine import engine_renderer, stand_in_render
from support.site_checks import axe_violations, report, vnu_errors
from support.tools import REPO_ROOT, ValidatorTools

STATIC = REPO_ROOT / "src" / "govpress" / "static" / "govpress"
CHARTS_CSS = STATIC / "charts.css"
FIXTURES = REPO_ROOT / "tests" / "fixtures" / "charts"
PAGE = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Charts</title><link rel="stylesheet" href="govpress.css">
<link rel="stylesheet" href="charts.css">
<style>body {{ font-family: Arial, sans-serif; max-width: 960px; margin: 0 auto; }}</style></head>
<body><main><h1>Charts</h1>
{sections}
</main></body>
</html>
"""


def chart_page(folder: Path, cases: list[tuple[str, str]]) -> Path:
    """Write ``index.html`` (each ``(title, markdown)`` rendered under an ``h2``) and ``charts.css`` into ``folder``."""
    engine = engine_renderer(CHART_PROCESSORS)
    sections = []
    for title, source in cases:
        body = engine(source) if engine else stand_in_render(source, CHART_PROCESSORS)
        sections.append(f"<h2>{html.escape(title)}</h2>\n{scrolling_tables(body)}")
    shutil.copyfile(CHARTS_CSS, folder / "charts.css")
    shutil.copyfile(STATIC / "govpress.css", folder / "govpress.css")
    page = folder / "index.html"
    page.write_text(PAGE.format(sections="\n".join(sections)), encoding="utf-8")
    return page


def corpus_chart_tables(source: Path) -> list[tuple[str, str]]:
    """Every chart table of the corpus (the table block with its IAL), titled by file."""
    found = []
    for path in sorted(source.rglob("*.md")):
        blocks = re.split(r"\n[ \t]*\n", path.read_text(encoding="utf-8").replace("\r\n", "\n"))
        for block in blocks:
            if "|" in block and re.search(r"^\{:.*chart", block, re.MULTILINE):
                found.append((str(path.relative_to(source)), block + "\n"))
    return found


@pytest.fixture(scope="module", params=["fixtures", "corpus"])
def chart_site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A page of every chart fixture, or of every chart table of the corpus."""
    folder = tmp_path_factory.mktemp(f"charts-{request.param}")
    if request.param == "fixtures":
        cases = [(case.title, case.source) for case in read_fixture_dir(FIXTURES)]
    else:
        cases = corpus_chart_tables(request.getfixturevalue("corpus_source"))
        assert len(cases) == 37
    chart_page(folder, cases)
    return folder


@pytest.mark.browser
def test_chart_page_has_no_accessibility_violations(chart_site: Path, axe_checker: AxeChecker) -> None:
    found = axe_violations(chart_site, axe_checker)
    assert not found, report("axe-core on the chart fixtures page", found)


@pytest.mark.vnu
def test_chart_page_is_valid_html(chart_site: Path, vnu_tools: ValidatorTools) -> None:
    found = vnu_errors(chart_site, vnu_tools)
    assert not found, report("vnu on the chart fixtures page", found)
