"""kramdown's table of contents: a list with the IAL ``{:toc}`` is replaced by ``ul#markdown-toc``.

Grammar::

    toc_request := list newline " "{0,3} "{:toc}"            (the list's items are thrown away)

Output (kramdown 2.4)::

    <ul id="markdown-toc">
      <li><a href="#ID" id="markdown-toc-ID">heading content</a>
        <ul> … deeper headings … </ul></li> …
    </ul>

Entries are the headings of levels 1-3 (``toc_levels: 1..3``) that have an id and no ``no_toc``
class, in document order; a deeper heading nests under the last shallower one. With
``RenderContext.toc`` false (the legacy HTML pages' partials, where no levels were given) kramdown's
default, levels 1-6, applies. The link holds a copy of the heading's rendered content with links and
footnote references unwrapped. With no entry the list is removed, as kramdown does. Runs after inline
parsing and ``auto_ids``.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from xml.etree.ElementTree import Element, SubElement

import markdown
from markdown.treeprocessors import Treeprocessor

from govpress.dialect.kramdown.footnotes import REF_MARK
from govpress.dialect.registry import RenderContext

TOC_MARK = "data-kramdown-toc"
TOC_LEVELS = range(1, 4)
DEFAULT_TOC_LEVELS = range(1, 7)
_HEADINGS = {f"h{level}": level for level in range(1, 7)}


@dataclass(frozen=True)
class TocEntry:
    """One heading in the table of contents."""

    level: int
    id: str
    heading: Element


def mark_toc_list(element: Element) -> None:
    """Ask for ``element`` (a list) to become the table of contents."""
    if element.tag in ("ul", "ol"):
        element.set(TOC_MARK, "")


def toc_entries(root: Element, levels: range = TOC_LEVELS) -> list[TocEntry]:
    """The headings of ``levels`` that belong in the table of contents, in document order."""
    entries = []
    for element in root.iter():
        level = _HEADINGS.get(element.tag) if isinstance(element.tag, str) else None
        if level is None or level not in levels or not element.get("id"):
            continue
        if "no_toc" in (element.get("class") or "").split():
            continue
        entries.append(TocEntry(level, element.get("id", ""), element))
    return entries


def _entry_link(entry: TocEntry, toc_id: str) -> Element:
    link = Element("a", {"href": f"#{entry.id}", "id": f"{toc_id}-{entry.id}"})
    link.text = entry.heading.text
    for child in entry.heading:
        link.append(copy.deepcopy(child))
    _unwrap(link)
    return link


def _unwrap(element: Element) -> None:
    """Drop footnote references and replace links by their content, as kramdown's ``fix_for_toc_entry``."""
    for child in element:
        _unwrap(child)
    for index in range(len(element) - 1, -1, -1):
        child = element[index]
        if REF_MARK in child.attrib:
            _replace(element, index, "", [], child.tail or "")
        elif child.tag == "a":
            _replace(element, index, child.text or "", list(child), child.tail or "")


def _replace(parent: Element, index: int, text: str, children: list[Element], tail: str) -> None:
    """Put ``text``, ``children`` and ``tail`` where ``parent[index]`` was."""
    del parent[index]
    _append_text(parent, index, text)
    for offset, child in enumerate(children):
        parent.insert(index + offset, child)
    if children:
        children[-1].tail = (children[-1].tail or "") + tail
    else:
        _append_text(parent, index, tail)


def _append_text(element: Element, index: int, text: str) -> None:
    if index == 0:
        element.text = (element.text or "") + text
    else:
        before = element[index - 1]
        before.tail = (before.tail or "") + text


def build_toc(entries: list[TocEntry], toc: Element) -> None:
    """Fill ``toc`` (an empty list element) with nested items for ``entries``."""
    toc_id = toc.get("id", "markdown-toc")
    stack: list[tuple[int, Element]] = []
    for entry in entries:
        while stack and stack[-1][0] >= entry.level:
            stack.pop()
        container = toc if not stack else _sublist(stack[-1][1], toc.tag)
        item = SubElement(container, "li")
        item.append(_entry_link(entry, toc_id))
        stack.append((entry.level, item))


def _sublist(item: Element, tag: str) -> Element:
    last = item[-1]
    return last if last.tag == tag else SubElement(item, tag)


class TocProcessor(Treeprocessor):
    """Replace each list marked ``{:toc}`` by the table of contents."""

    def __init__(self, md: markdown.Markdown, context: RenderContext) -> None:
        super().__init__(md)
        self.context = context

    def run(self, root: Element) -> None:
        requests = {child: parent for parent in root.iter() for child in parent if TOC_MARK in child.attrib}
        if not requests:
            return
        entries = toc_entries(root, TOC_LEVELS if self.context.toc else DEFAULT_TOC_LEVELS)
        for toc, parent in requests.items():
            if not entries:
                parent.remove(toc)
                continue
            tail = toc.tail
            attrib = {key: value for key, value in toc.attrib.items() if key != TOC_MARK}
            toc.clear()
            toc.attrib.update({"id": "markdown-toc", **attrib})
            toc.tail = tail
            build_toc(entries, toc)


def make_toc(md: markdown.Markdown, context: RenderContext) -> TocProcessor:
    """Factory for the registry table."""
    return TocProcessor(md, context)
