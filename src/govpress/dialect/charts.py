"""The Markdown tree processor that draws a chart after every chart table of a document."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from xml.etree.ElementTree import Element

import markdown
from markdown.treeprocessors import Treeprocessor

from govpress.charts.build import chart_for_table
from govpress.charts.layout import SERIES
from govpress.charts.table import is_chart_table
from govpress.dialect.context import dialect_context
from govpress.dialect.registry import Registration, RenderContext
from govpress.i18n import translations

_STASHED = re.compile("\x02wzxhzdk:(\\d+)\x03")
_ENTITY = re.compile(r"&(?:#\d+|#[xX][0-9a-fA-F]+|\w+);")
_SPACES = re.compile(r"[ \t\r\n]+")


class ChartTreeprocessor(Treeprocessor):
    """Puts a ``div.mc-chart`` right after each ``<table>`` whose classes ask for a chart.

    The table keeps its place, id and classes (deep links such as ``#fig-15-efficiency-table`` land on it);
    its tail text moves after the chart. A series the header row leaves unnamed is named in the page's language
    (the context's, read at each run: an engine's context changes from one render to the next).
    """

    def __init__(self, md: markdown.Markdown, context: RenderContext) -> None:
        super().__init__(md)
        self.context = context
        self._gettext: dict[str, Callable[[str], str]] = {}  # by language: a catalogue is read once, not per series

    def run(self, root: Element) -> None:
        for parent in list(root.iter()):
            for index, table in reversed(list(enumerate(parent))):
                if not is_chart_table(table):
                    continue
                chart = chart_for_table(table, self.cell_text, self.series_name)
                if chart is None:
                    continue
                chart.tail, table.tail = table.tail or "\n", "\n"
                parent.insert(index + 1, chart)

    def cell_text(self, cell: Element) -> str:
        """A cell's text with stashed entities (``&nbsp;``) decoded and stashed tags (``<br>``) as spaces."""
        text = _STASHED.sub(self._stashed_text, "".join(cell.itertext()))
        return _SPACES.sub(" ", text).strip()

    def series_name(self, number: int) -> str:
        """The name of the unnamed series ``number`` in the page's language (its catalogue read only when needed)."""
        language = dialect_context(self.context).language
        if language not in self._gettext:
            self._gettext[language] = translations(language).gettext
        return self._gettext[language](SERIES) % {"number": number}

    def _stashed_text(self, found: re.Match[str]) -> str:
        blocks = self.md.htmlStash.rawHtmlBlocks
        index = int(found.group(1))
        raw = str(blocks[index]) if index < len(blocks) else ""
        return html.unescape(raw) if _ENTITY.fullmatch(raw) else " "


def _make_chart_processor(md: markdown.Markdown, context: RenderContext) -> ChartTreeprocessor:
    return ChartTreeprocessor(md, context)


CHART_PROCESSORS: tuple[Registration, ...] = (
    Registration(
        name="govpress-charts",
        stage="treeprocessors",
        priority=7,
        factory=_make_chart_processor,
        why=(
            "After the block IALs (attached while blocks are parsed, kramdown_block_ial 110) and the inline (20) and "
            "prettify (10) tree processors, so each table has its classes and its cells their final inline content; "
            "before kramdown typography (6) and unescape (0), which then treat the chart's copied text like the "
            "table's."
        ),
    ),
)
