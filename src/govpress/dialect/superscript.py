"""Superscripts: ``^x^``.

Grammar (inline)::

    superscript := "^" text "^"     text: one or more characters, none of them whitespace, "^", "[" or "]"

Not greedy: ``3^rd^ and 4^th^`` gives two superscripts (the legacy build gave one spanning both). Footnote
references (``[^1]``) are never superscripts.
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element

import markdown
from markdown.inlinepatterns import InlineProcessor

from govpress.dialect.registry import RenderContext

SUPERSCRIPT = r"(?<![\[\\])\^(?P<text>[^\^\s\[\]]+)\^"


class SuperscriptProcessor(InlineProcessor):
    """``^x^`` → ``<sup>x</sup>``."""

    def handleMatch(  # type: ignore[override]  # noqa: N802 (Python-Markdown API)
        self, m: re.Match[str], data: str
    ) -> tuple[Element, int, int]:
        element = Element("sup")
        element.text = m.group("text")
        return element, m.start(0), m.end(0)


def make_superscript(md: markdown.Markdown, context: RenderContext) -> SuperscriptProcessor:
    return SuperscriptProcessor(SUPERSCRIPT, md)
