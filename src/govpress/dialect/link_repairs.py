"""Repairs to what a Markdown text publishes, made in its tree, where the source line is known.

Grammar (any element of the finished tree, links made from ``[text](url)`` and block HTML alike)::

    malformed_link := element with href = scheme ":" rest   where scheme is "http" or "https" (any case)
                                                             and rest does not start with "//"
    endnote        := element with role = "doc-endnote"

Output: a malformed link is published with the slashes it lacks (``https:www.gov.uk/x`` → ``https://www.gov.uk/x``)
and reported as a warning at the first source line that holds the link as written; ``role="doc-endnote"`` (kramdown's
footnote items carry it; deprecated in DPUB-ARIA 1.1, and axe flags it) is dropped.

The same repairs for HTML the tree does not hold (pasted legacy HTML pages, inline HTML kept as it was written) stay
in :mod:`govpress.site.legacy_html.repairs`, which finds the line again by searching the sources.
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element

import markdown
from markdown.treeprocessors import Treeprocessor

from govpress.dialect.context import dialect_context
from govpress.dialect.registry import RenderContext
from govpress.dialect.source_text import Origin
from govpress.problems import Problem

MALFORMED = re.compile(r"(?P<scheme>https?):(?!//)(?P<rest>[^\"']+)", re.IGNORECASE)
DEPRECATED_ROLE = "doc-endnote"


def malformed_link_message(written: str, scheme: str, fixed: str) -> str:
    """The warning about a link written without ``//`` (the same words for both paths)."""
    return f"malformed link {written!r} (no // after {scheme}:): published as {fixed!r}"


class LinkRepairProcessor(Treeprocessor):
    """Repairs malformed links (reported at their source line) and drops the deprecated endnote role."""

    def __init__(self, md: markdown.Markdown, context: RenderContext) -> None:
        super().__init__(md)
        self.context = context

    def run(self, root: Element) -> None:
        for element in root.iter():
            if element.get("role") == DEPRECATED_ROLE:
                del element.attrib["role"]
            href = element.get("href")
            if href is not None and href[:1] in "hH" and (found := MALFORMED.fullmatch(href)) is not None:
                self._repair(element, found)

    def _repair(self, element: Element, found: re.Match[str]) -> None:
        written, scheme = found.group(0), found.group("scheme")
        fixed = f"{scheme}://{found.group('rest')}"
        element.set("href", fixed)
        context = dialect_context(self.context)
        where = context.source.find(written) or Origin(self.context.path, None)
        self.context.problems.append(
            Problem.warning(malformed_link_message(written, scheme, fixed), where.path, where.line)
        )


def make_link_repairs(md: markdown.Markdown, context: RenderContext) -> LinkRepairProcessor:
    return LinkRepairProcessor(md, context)
