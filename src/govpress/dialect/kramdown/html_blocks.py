"""Markdown inside block-level HTML, as kramdown's ``parse_block_html: true`` reads it.

Grammar::

    html_block  := start_tag content end_tag       (the start tag at the start of a line)
    content     := blocks      when the tag's kramdown content model is *block* (div, blockquote, figure, li…)
                 | inline      when it is *span* (p, h1-h6, th, dt…)
                 | raw text    when it is *raw* (script, style, pre, table, tr, ul…) or ``markdown="0"``

No ``markdown="1"`` is needed: every block-level element is parsed into a real element of the tree, so
block IALs and tree processors see it. An IAL line right after the end tag applies to the element
(kramdown attaches ``{: .logo-single}`` to a raw ``<h2>``), so the line is kept in the same block.

Built on Python-Markdown's ``md_in_html`` extractor; only the content model and the IAL glue differ.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

import markdown
from markdown.extensions.md_in_html import (
    HTMLExtractorExtra,
    MarkdownInHTMLPostprocessor,
    MarkdownInHtmlProcessor,
)
from markdown.preprocessors import Preprocessor

from govpress.dialect.kramdown.attribute_lists import BLOCK_IAL_LINE
from govpress.dialect.registry import RenderContext

State = Literal["block", "span", "off", None]

BLOCK_MODEL = frozenset(
    (
        "address",
        "applet",
        "article",
        "aside",
        "blockquote",
        "body",
        "dd",
        "details",
        "div",
        "dl",
        "fieldset",
        "figure",
        "figcaption",
        "footer",
        "form",
        "header",
        "hgroup",
        "iframe",
        "li",
        "main",
        "map",
        "menu",
        "nav",
        "noscript",
        "object",
        "section",
        "summary",
        "td",
    )
)
SPAN_MODEL = frozenset(("caption", "dt", "h1", "h2", "h3", "h4", "h5", "h6", "legend", "p", "th"))


def content_model(tag: str) -> State:
    """kramdown's content model for a block-level tag: ``block``, ``span`` or ``off`` (raw)."""
    if tag in BLOCK_MODEL:
        return "block"
    if tag in SPAN_MODEL:
        return "span"
    return "off"


class KramdownHtmlExtractor(HTMLExtractorExtra):
    """An ``md_in_html`` extractor that acts as if every block tag had kramdown's ``markdown`` default."""

    mdstate: list[State]  # set by HTMLExtractorExtra.reset (missing from its type stubs)
    mdstack: list[str]

    def get_state(self, tag: str, attrs: Mapping[str, str]) -> State:
        if "markdown" in attrs:
            state: State = super().get_state(tag, attrs)
            return state
        parent = self.mdstate[-1] if self.mdstate else None
        if parent == "off":
            return "off"
        return content_model(tag)

    def handle_endtag(self, tag: str) -> None:
        ial_follows = self._ial_line_follows(tag)
        super().handle_endtag(tag)
        if ial_follows and not self.mdstack and self.cleandoc and self.cleandoc[-1] == "\n\n":
            self.cleandoc[-1] = ""  # the newline after the end tag follows as data

    def _ial_line_follows(self, tag: str) -> bool:
        start = self.line_offset + self.offset + len(self.get_endtag_text(tag))
        rest = self.rawdata[start : start + 200]
        newline = rest.find("\n")
        if newline < 0 or rest[:newline].strip():
            return False
        next_line = rest[newline + 1 :].split("\n", 1)[0]
        return BLOCK_IAL_LINE.match(next_line) is not None


class KramdownHtmlBlockPreprocessor(Preprocessor):
    """Parse block-level HTML into elements (stashed for ``MarkdownInHtmlProcessor``)."""

    def run(self, lines: list[str]) -> list[str]:
        extractor = KramdownHtmlExtractor(self.md)
        extractor.feed("\n".join(lines))
        extractor.close()
        return "".join(extractor.cleandoc).split("\n")


def make_html_block_preprocessor(md: markdown.Markdown, context: RenderContext) -> Preprocessor:
    """Factory: replaces Python-Markdown's ``html_block`` preprocessor."""
    return KramdownHtmlBlockPreprocessor(md)


def make_html_element_processor(md: markdown.Markdown, context: RenderContext) -> MarkdownInHtmlProcessor:
    """Factory: turns the stashed elements back into tree elements and parses their content."""
    return MarkdownInHtmlProcessor(md.parser)


def make_html_postprocessor(md: markdown.Markdown, context: RenderContext) -> MarkdownInHTMLPostprocessor:
    """Factory: serialises any element still stashed (replaces the core ``raw_html`` postprocessor)."""
    return MarkdownInHTMLPostprocessor(md)
