"""``{PDF=file.pdf}``: a link to the document's PDF version.

Grammar (inline)::

    pdf_link := "{PDF=" target "}"       target: no whitespace, "{" or "}"

It becomes ``<a href="file.pdf">PDF format</a>``. Not greedy: the legacy build read to the last ``}`` of the line.
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element

import markdown
from markdown.inlinepatterns import InlineProcessor

from govpress.dialect.registry import RenderContext

PDF_LINK = r"\{PDF=(?P<target>[^\s{}]+)\}"


class PdfLinkProcessor(InlineProcessor):
    """``{PDF=x.pdf}`` → ``<a href="x.pdf">PDF format</a>``."""

    def handleMatch(  # type: ignore[override]  # noqa: N802 (Python-Markdown API)
        self, m: re.Match[str], data: str
    ) -> tuple[Element, int, int]:
        element = Element("a", {"href": m.group("target")})
        element.text = "PDF format"
        return element, m.start(0), m.end(0)


def make_pdf_link(md: markdown.Markdown, context: RenderContext) -> PdfLinkProcessor:
    return PdfLinkProcessor(PDF_LINK, md)
