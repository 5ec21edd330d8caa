"""Every chart table of the legacy corpus gets a chart: 31 bar charts, 5 proportional columns, 1 breakdown."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from govpress.dialect.charts import CHART_PROCESSORS
from support.markdown_engine import engine_renderer, stand_in_render

_CHART_DIV = re.compile(r'<div aria-hidden="true" class="mc-chart ([^"]*)"|<div class="mc-chart ([^"]*)" aria-hidden')


def render(source: str) -> str:
    engine = engine_renderer(CHART_PROCESSORS)
    return engine(source) if engine else stand_in_render(source, CHART_PROCESSORS)


def chart_kinds(html: str) -> Counter[str]:
    """How many charts of each kind (``horizontal-bar-chart``, ``proportional``, ``breakdown-chart``) ``html`` has."""
    kinds: Counter[str] = Counter()
    for found in _CHART_DIV.finditer(html):
        classes = (found.group(1) or found.group(2)).split()
        kind = next(name for name in ("horizontal-bar-chart", "proportional", "breakdown-chart") if name in classes)
        kinds[kind] += 1
    return kinds


def table_blocks(text: str) -> list[str]:
    """The blank-line-separated blocks of ``text`` that hold a table with a chart IAL, each rendered alone
    (so the count does not depend on how the rest of the document is read)."""
    blocks = re.split(r"\n[ \t]*\n", text.replace("\r\n", "\n"))
    return [block for block in blocks if "|" in block and re.search(r"^\{:.*chart", block, re.MULTILINE)]


def test_every_corpus_chart_table_gets_a_chart(corpus_source: Path) -> None:
    kinds: Counter[str] = Counter()
    for path in sorted(corpus_source.rglob("*.md")):
        for block in table_blocks(path.read_text(encoding="utf-8")):
            kinds += chart_kinds(render(block + "\n"))
    assert kinds == Counter({"horizontal-bar-chart": 31, "proportional": 5, "breakdown-chart": 1})
