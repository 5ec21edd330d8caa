"""Repairs to what a Markdown text publishes, made while it is converted, where the source line is known.

Grammar (any element of the finished tree, links made from ``[text](url)`` and block HTML alike, and the HTML that
Python-Markdown keeps as written: inline tags such as ``<a href="…">`` in a paragraph)::

    malformed_link := href = scheme ":" rest   where scheme is "http" or "https" (any case), rest is not empty,
                                                has no quote and does not start with "//"
    endnote        := role = "doc-endnote"

Output: a malformed link is published with the slashes it lacks (``https:www.gov.uk/x`` → ``https://www.gov.uk/x``)
and reported as a warning at the first source line that holds the link as written (through includes);
``role="doc-endnote"`` (kramdown's footnote items carry it; deprecated in DPUB-ARIA 1.1, and axe flags it) is dropped.

The same repairs for pasted legacy HTML pages stay in :mod:`govpress.site.legacy_html.repairs`, with the expressions
here: it finds the line again by searching the page's files.
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element

import markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE as PLACEHOLDER

from govpress.dialect.context import dialect_context
from govpress.dialect.registry import RenderContext
from govpress.dialect.source_text import Origin
from govpress.problems import Problem

MALFORMED_HREF = re.compile(r"(?P<attr>\bhref=[\"'])(?P<scheme>https?):(?!//)(?P<rest>[^\"']+)", re.IGNORECASE)
MAYBE_MALFORMED = re.compile(r"[pPsS]:(?!//)")  # a quick look first (most texts have none): charset first is fast
MALFORMED = re.compile(r"(?P<scheme>https?):(?!//)(?P<rest>[^\"']+)", re.IGNORECASE)  # an attribute's whole value
DEPRECATED_ROLE_ATTRIBUTE = re.compile(r"\srole=[\"']doc-endnote[\"']")
DEPRECATED_ROLE = "doc-endnote"


def malformed_link_message(written: str, scheme: str, fixed: str) -> str:
    """The warning about a link written without ``//`` (the same words for both paths)."""
    return f"malformed link {written!r} (no // after {scheme}:): published as {fixed!r}"


def repaired_html(text: str) -> tuple[str, list[tuple[str, str]]]:
    """HTML ``text`` with its malformed links repaired and the deprecated role dropped, and each link repaired: what
    was written and the warning about it."""
    found: list[tuple[str, str]] = []

    def repair(link: re.Match[str]) -> str:
        scheme = link.group("scheme")
        written, fixed = f"{scheme}:{link.group('rest')}", f"{scheme}://{link.group('rest')}"
        found.append((written, malformed_link_message(written, scheme, fixed)))
        return link.group("attr") + fixed

    if MAYBE_MALFORMED.search(text) is not None:
        text = MALFORMED_HREF.sub(repair, text)
    if DEPRECATED_ROLE in text:
        text = DEPRECATED_ROLE_ATTRIBUTE.sub("", text)
    return text, found


class LinkRepairProcessor(Treeprocessor):
    """Repairs malformed links (reported at their source line) and drops the deprecated endnote role."""

    def __init__(self, md: markdown.Markdown, context: RenderContext) -> None:
        super().__init__(md)
        self.context = context

    def run(self, root: Element) -> None:
        """Every element and every piece of kept HTML, in the order the page shows them (so the warnings come in that
        order): an element, then its text, its children each followed by its tail; kept HTML where its placeholder
        stands, and any not placed at the end."""
        stash = self.md.htmlStash.rawHtmlBlocks
        done: set[int] = set()
        self._walk([root], stash, done)
        left = [index for index in range(len(stash)) if index not in done]
        done.update(left)
        self._walk([self._repair_kept(stash, index) for index in left][::-1], stash, done)

    def _walk(self, pending: list[Element | str | None], stash: list[str | Element], done: set[int]) -> None:
        while pending:
            item = pending.pop()
            if isinstance(item, Element):
                self._repair_element(item)
                after: list[Element | str | None] = [item.text]
                for child in item:
                    after += [child, child.tail]
                pending.extend(reversed(after))
            elif item:
                for found in reversed(list(PLACEHOLDER.finditer(item))):
                    index = int(found.group(1))
                    if index < len(stash) and index not in done:
                        done.add(index)
                        pending.append(self._repair_kept(stash, index))

    def _repair_kept(self, stash: list[str | Element], index: int) -> Element | str | None:
        """Kept HTML repaired when it is text; an element is returned for the walk to repair."""
        block = stash[index]
        if isinstance(block, Element):
            return block
        stash[index], found = repaired_html(block)
        for written, message in found:
            self._report(written, message)
        return None

    def _repair_element(self, element: Element) -> None:
        if element.get("role") == DEPRECATED_ROLE:
            del element.attrib["role"]
        href = element.get("href")
        if href is not None and href[:1] in "hH" and (found := MALFORMED.fullmatch(href)) is not None:
            written, scheme = found.group(0), found.group("scheme")
            fixed = f"{scheme}://{found.group('rest')}"
            element.set("href", fixed)
            self._report(written, malformed_link_message(written, scheme, fixed))

    def _report(self, written: str, message: str) -> None:
        where = dialect_context(self.context).source.find(written) or Origin(self.context.path, None)
        self.context.problems.append(Problem.warning(message, where.path, where.line))


def make_link_repairs(md: markdown.Markdown, context: RenderContext) -> LinkRepairProcessor:
    return LinkRepairProcessor(md, context)
