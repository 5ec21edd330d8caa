"""Every case of ``tests/fixtures/charts/*.md``: a Markdown chart table in, the table and its chart out.

Regenerate the expected HTML after a deliberate change with ``GOVPRESS_REGENERATE_FIXTURES=1 pytest
tests/charts`` and review the diff: nothing is rewritten without that flag.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from govpress.dialect.charts import CHART_PROCESSORS
from support.fixtures import FixtureCase, read_fixture_dir
from support.markdown_engine import engine_renderer, stand_in_render

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "charts"
CASES = read_fixture_dir(FIXTURES)


def render(source: str) -> str:
    """The real engine's HTML when it exists, else the stand-in's (Python-Markdown tables + the chart processor)."""
    engine = engine_renderer(CHART_PROCESSORS)
    return engine(source) if engine else stand_in_render(source, CHART_PROCESSORS)


def regenerate(case: FixtureCase, actual: str) -> None:
    text = case.path.read_text(encoding="utf-8")
    old = f"{case.title}\n.\n{case.source}.\n{case.expected}\n.\n"
    new = f"{case.title}\n.\n{case.source}.\n{actual}\n.\n"
    case.path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_fixture_files_have_cases() -> None:
    assert len(CASES) >= 10, f"expected the chart fixture files in {FIXTURES}"


@pytest.mark.parametrize("case", CASES, ids=[case.test_id for case in CASES])
def test_chart_fixture(case: FixtureCase) -> None:
    actual = render(case.source).strip()
    if os.environ.get("GOVPRESS_REGENERATE_FIXTURES") == "1":
        regenerate(case, actual)
        pytest.skip("regenerated")
    assert actual == case.expected.strip()
