"""Figure captions get a "Link to this" permalink.

Grammar (in the source; the kramdown block-IAL rule puts the attributes on the paragraph)::

    caption := "Figure " text { NEWLINE text } NEWLINE fig_ial
    fig_ial := "{:" attributes "}"   with the class "fig" and an id (``{: .fig #fig-N}``)

So the rule works on the tree: a ``p.fig`` with an id whose text starts with ``Figure `` gets, in front of
its text, ``<a href="#fig-N" class="figure-permalink" title="Right click to copy a link to this figure">Link to
this</a>`` and a space. A ``Figure`` paragraph without such an IAL, or a ``.fig`` paragraph that is not a
caption, is left alone.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element

import markdown
from markdown.treeprocessors import Treeprocessor

from govpress.dialect.registry import RenderContext

PERMALINK_TITLE = "Right click to copy a link to this figure"


def is_caption(element: Element) -> bool:
    """Whether ``element`` is a figure caption paragraph waiting for its permalink."""
    return (
        element.tag == "p"
        and "fig" in element.get("class", "").split()
        and bool(element.get("id"))
        and (element.text or "").lstrip().startswith("Figure ")
    )


def add_permalink(caption: Element) -> None:
    """Put the permalink in front of the caption text."""
    link = Element("a", {"href": f"#{caption.get('id')}", "class": "figure-permalink", "title": PERMALINK_TITLE})
    link.text = "Link to this"
    link.tail = " " + (caption.text or "").lstrip()
    caption.text = None
    caption.insert(0, link)


class FigurePermalinkProcessor(Treeprocessor):
    """Adds the permalink to every figure caption."""

    def run(self, root: Element) -> None:
        for element in root.iter("p"):
            if is_caption(element):
                add_permalink(element)


def make_figure_permalinks(md: markdown.Markdown, context: RenderContext) -> FigurePermalinkProcessor:
    return FigurePermalinkProcessor(md)
