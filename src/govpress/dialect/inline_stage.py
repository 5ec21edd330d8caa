"""Python-Markdown's inline stage, made faster without changing what it does.

Python-Markdown applies every inline pattern, in priority order, to every piece of text: for each it runs the
pattern's regular expression and a good deal of Python around it, even when the text cannot match. On the legacy
corpus that is about 75,000 attempts, most of them hopeless, and the largest share of a render's time.

:class:`QuickInlineProcessor` replaces the core ``inline`` tree processor (same name, same priority 20) and skips a
pattern when the text lacks every string the pattern cannot match without (:data:`NEEDS`: ``[`` for links, ``<``
for raw HTML and autolinks, ``*`` or ``_`` for emphasis…). A skipped pattern is one that would not have matched, so
the output is the same, byte for byte; patterns not in the table are always tried. It also reads the patterns from
a list made once per render instead of indexing the registry (which sorts on every access).

The skip is made inside Python-Markdown's private ``__handleInline`` (reached by its mangled name, as a subclass
can): the tests render the whole corpus with both processors and compare.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any
from xml.etree.ElementTree import Element

import markdown
from markdown import util
from markdown.treeprocessors import InlineProcessor

from govpress.dialect.registry import RenderContext

logger = logging.getLogger(__name__)

NEEDS: dict[str, tuple[str, ...]] = {
    "backtick": ("`",),
    "timestamp": ("{TIMESTAMP}",),
    "pdf_link": ("{PDF=",),
    "escape": ("\\",),
    "kramdown_footnote_reference": ("[^",),
    "reference": ("[",),
    "link": ("[",),
    "image_link": ("![",),
    "image_reference": ("![",),
    "short_reference": ("[",),
    "short_image_ref": ("![",),
    "autolink": ("<",),
    "automail": ("<",),
    "linebreak": ("  \n",),
    "html": ("<",),
    "kramdown_symbolic_entities": ("&#",),
    "entity": ("&",),
    "superscript": ("^",),
    "em_strong": ("*", "_"),
}
"""For each inline pattern (by registered name), the strings of which a text must hold at least one for the
pattern's regular expression to match (each expression begins with, or requires, one of them)."""

_NEEDS = {name: frozenset(needs) for name, needs in NEEDS.items()}
_PIECES = frozenset(piece for needs in NEEDS.values() for piece in needs)
_Apply = Callable[[Any, str, int, int], tuple[str, bool, int]]


class QuickInlineProcessor(InlineProcessor):
    """The core inline processor, skipping the patterns a text cannot match (see the module's documentation)."""

    def run(self, tree: Element, ancestors: list[str] | None = None) -> Element:
        registry = self.md.inlinePatterns
        self._patterns: list[Any] = list(registry)
        by_pattern = {id(registry[name]): needs for name, needs in _NEEDS.items() if name in registry}
        self._needs: list[frozenset[str] | None] = [by_pattern.get(id(pattern)) for pattern in self._patterns]
        return super().run(tree, ancestors)

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:  # noqa: N802, N803
        """Python-Markdown's ``__handleInline``, with the skip: a pattern is tried only when the text holds one of
        the strings it needs. (A match puts a placeholder of letters and digits in place of text, so the strings a
        text holds are only ever fewer after one: those found at the start are enough.)"""
        if isinstance(data, util.AtomicString):
            return data
        apply: _Apply = self._InlineProcessor__applyPattern  # type: ignore[attr-defined]
        present = {piece for piece in _PIECES if piece in data}
        needs = self._needs
        for index in range(patternIndex, len(self._patterns)):
            wanted = needs[index]
            if wanted is not None and wanted.isdisjoint(present):
                continue
            pattern, matched, start = self._patterns[index], True, 0
            while matched:
                data, matched, start = apply(pattern, data, index, start)
        return data


def make_quick_inline(md: markdown.Markdown, context: RenderContext) -> QuickInlineProcessor:
    return QuickInlineProcessor(md)
