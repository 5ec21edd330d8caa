"""A document's outline settled in its tree, where each heading's source line is known.

Grammar (the finished tree of a whole page, asked for by ``render_document`` through ``DialectContext.outline``)::

    heading := element h1 | h2 | h3 | h4 | h5 | h6
    id      := attribute "id", or a name ending in "-id" or ":id" (``data-id``, as the HTML path counts them)

Output, the same as the HTML path (:mod:`govpress.site.legacy_html.cleanup` ``one_h1``, then
:mod:`govpress.site.legacy_html.repairs` ``outline_levels`` and ``unique_ids``) gives the same page:

- One ``h1``: an ``h1`` with no visible text is dropped (the legacy ``###01`` stray hash), its tail kept; every
  ``h1`` after the first becomes an ``h2`` (ids and classes kept). A page with no ``h1`` gets its title as ``h1``
  from the reader, before the tree's first heading (:attr:`PageOutline.has_h1` says so).
- After the ``h1``, a heading goes at most one level below its parent, the nearest heading before it written at a
  higher level (``h2`` then ``h4`` publishes as ``h2``, ``h3``; a row of ``h5`` cards under the ``h1`` are all
  ``h2``); headings before the ``h1`` (a kicker above the title) are left alone.
- Duplicate ids get ``-1``, ``-2``… after the first, skipping any suffix already taken.
- The levels as written are kept (:attr:`PageOutline.written`), and the first heading that skips a level is located
  at its source line (a Markdown heading by the text its line holds), for the reader's warning.

Only a page whose tree shows every heading and id of the published page is settled here. It is not when the tree's
kept HTML (Python-Markdown's ``htmlStash``: raw HTML blocks, inline tags, comments) holds an element, a heading tag,
anything like an id attribute or a video player (``media-player-wrapper``); nor when the tree holds a ``span.action``
(which the HTML path makes a ``div``: it only occurs in pasted HTML), a player figure that holds a heading or an id
(the reader replaces it with a player, :mod:`govpress.site.legacy_html.transcripts`, which has neither: a figure
without them may stay), a text or an attribute value holding ``id="`` or ``id='`` (the HTML path reads it as an id),
or an id holding a quote. Such a page is left as it is (:attr:`PageOutline.settled` false) for the HTML path; so is
every other render (HTML pages and their partials: the page is put together after rendering).
"""

from __future__ import annotations

import html
import logging
import re
from xml.etree.ElementTree import Element

import markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE as PLACEHOLDER

from govpress.dialect.context import PageOutline, dialect_context
from govpress.dialect.kramdown.headings import HEADER_MARK
from govpress.dialect.outline import Heading
from govpress.dialect.registry import RenderContext
from govpress.dialect.source_text import Origin, SourceText

logger = logging.getLogger(__name__)
HEADINGS = {f"h{level}": level for level in range(1, 7)}
TAG = re.compile(r"<[^>]+>")
PASTED = re.compile(r"<h[1-6]|id\s*=|media-player-wrapper", re.IGNORECASE)
ID_LIKE = re.compile(r"id=[\"']")
PLAYER = "media-player-wrapper"


class HeadingMarks(Treeprocessor):
    """Keeps each Markdown heading's source text (its kramdown mark) before ``kramdown_auto_ids`` takes it away."""

    def __init__(self, md: markdown.Markdown, context: RenderContext) -> None:
        super().__init__(md)
        self.context = context

    def run(self, root: Element) -> None:
        outline = dialect_context(self.context).outline
        if outline is None:
            return
        for tag in HEADINGS:  # by tag: the tree's other elements are skipped by ElementTree itself
            for element in root.iter(tag):
                mark = element.get(HEADER_MARK)
                if mark:
                    outline.marks[id(element)] = mark


class PageOutlineProcessor(Treeprocessor):
    """Settles the ``h1``, the heading levels and the ids of a whole page (see the module docstring)."""

    def __init__(self, md: markdown.Markdown, context: RenderContext) -> None:
        super().__init__(md)
        self.context = context

    def run(self, root: Element) -> None:
        context = dialect_context(self.context)
        outline = context.outline
        if outline is None:
            return
        stash = self.md.htmlStash.rawHtmlBlocks
        found = None if _pasted_stash(stash) else _walk(root)
        if found is not None:
            headings, ids = found
            outline.written = [(level, level > 1 or _visible(element, stash)) for element, level in _levels(headings)]
            outline.first_skip = _first_skip(headings, outline, context.source)
            kept, dropped = _one_h1(headings, outline, root)
            outline.has_h1 = any(element.tag == "h1" for element in kept)
            _settle_levels(kept, after_h1=not outline.has_h1)
            _unique_ids([(element, name) for element, name in ids if element not in dropped] if dropped else ids)
            outline.settled = True
        outline.marks.clear()


def _pasted_stash(stash: list[str | Element]) -> bool:
    """Whether the kept HTML may hold a heading, an id or a player (an element still kept is serialised as it is)."""
    return any(not isinstance(block, str) or PASTED.search(block) is not None for block in stash)


def _walk(root: Element) -> tuple[list[Element], list[tuple[Element, str]]] | None:
    """The tree's headings and id attributes in page order (each element's attributes in the order they are written
    out: by name), or ``None`` when the published page may hold one the tree does not show as one (one pass: it is
    the rule's cost)."""
    if ID_LIKE.search("".join(root.itertext())) is not None:  # one search of every text (a match across two
        return None  # texts only leaves the page to the HTML path)
    headings: list[Element] = []
    ids: list[tuple[Element, str]] = []
    for element in root.iter():
        tag = element.tag
        if tag in HEADINGS:
            headings.append(element)
        attributes = element.attrib
        if not attributes:
            continue
        for name in sorted(attributes) if len(attributes) > 1 else attributes:
            value = attributes[name]
            if "id=" in value and ID_LIKE.search(value) is not None:
                return None
            if name[-2:] == "id" and _is_id(name):
                if "'" in value or '"' in value:
                    return None
                ids.append((element, name))
        if tag == "span" and attributes.get("class") == "action":
            return None
        if tag == "figure" and PLAYER in attributes.get("class", "") and _holds_outline(element):
            return None
    return headings, ids


def _holds_outline(element: Element) -> bool:
    """Whether ``element`` is or holds a heading or an id (a video player replaces a player figure, and has none)."""
    return any(inner.tag in HEADINGS or any(_is_id(name) for name in inner.attrib) for inner in element.iter())


def _levels(headings: list[Element]) -> list[tuple[Element, int]]:
    return [(element, HEADINGS[element.tag]) for element in headings]


def _is_id(name: str) -> bool:
    """An attribute the HTML path counts as an id: ``id``, or a name ending in ``id`` after no word character."""
    return name.endswith("id") and (len(name) == 2 or not (name[-3].isalnum() or name[-3] == "_"))


def _visible(element: Element, stash: list[str | Element]) -> bool:
    """Whether the heading shows any text, as the HTML path decides: its inner HTML without tags, stripped."""
    pieces: list[str] = []
    for piece in element.itertext():
        pieces.append(PLACEHOLDER.sub(lambda found: _kept(stash, int(found.group(1))), html.escape(piece, quote=False)))
    return bool(TAG.sub("", "".join(pieces)).strip())


def _kept(stash: list[str | Element], index: int) -> str:
    return str(stash[index]) if index < len(stash) else ""


def _first_skip(headings: list[Element], outline: PageOutline, source: SourceText) -> Origin | None:
    """Where the first heading written more than one level below the heading before it was written."""
    previous = 0
    for element, (level, _) in zip(headings, outline.written, strict=True):
        if level > previous + 1:
            return _origin(element, outline, source)
        previous = level
    return None


def _origin(element: Element, outline: PageOutline, source: SourceText) -> Origin | None:
    """The first heading line (``#``…) holding the heading's text as written, else the first line holding it."""
    written = outline.marks.get(id(element)) or "".join(element.itertext()).strip()
    if not written:
        return None
    index = next((i for i, line in enumerate(source.lines) if line.startswith("#") and written in line), None)
    if index is not None:
        return source.origins[index]
    return source.find(written)


def _one_h1(headings: list[Element], outline: PageOutline, root: Element) -> tuple[list[Element], set[Element]]:
    """The headings left once empty ``h1`` are dropped, every later ``h1`` an ``h2``; and the elements dropped (each
    empty ``h1`` and what it held: their ids are gone)."""
    kept: list[Element] = []
    dropped: set[Element] = set()
    seen_h1 = False
    for element, (_, published) in zip(headings, outline.written, strict=True):
        if not published:
            _remove(element, next(parent for parent in root.iter() if element in parent))
            dropped.update(element.iter())
            continue
        if element.tag == "h1":
            element.tag = "h2" if seen_h1 else "h1"
            seen_h1 = True
        kept.append(element)
    return kept, dropped


def _remove(element: Element, parent: Element) -> None:
    """Takes ``element`` out of ``parent``, keeping the text after it."""
    index = list(parent).index(element)
    if element.tail:
        if index > 0:
            before = parent[index - 1]
            before.tail = (before.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def _settle_levels(headings: list[Element], after_h1: bool) -> None:
    """Each heading after the ``h1`` at most one level below its parent (``after_h1``: the page's ``h1`` comes
    before them all)."""
    open_levels: list[tuple[int, int]] = [(1, 1)] if after_h1 else []  # (written, published) of each open heading
    seen_h1 = after_h1
    for element in headings:
        wanted = HEADINGS[element.tag]
        if wanted == 1:
            seen_h1 = True
            open_levels[:] = [(1, 1)]
            continue
        if not seen_h1:
            continue
        while open_levels and open_levels[-1][0] >= wanted:
            open_levels.pop()
        new = min(wanted, open_levels[-1][1] + 1 if open_levels else 2)
        open_levels.append((wanted, new))
        element.tag = f"h{new}"


def _unique_ids(ids: list[tuple[Element, str]]) -> None:
    """Every id after the first of its value gets a free ``-N`` suffix, in the order the page shows them."""
    taken = {element.get(name, "") for element, name in ids}
    counts: dict[str, int] = {}
    for element, name in ids:
        value = element.get(name, "")
        counts[value] = counts.get(value, 0) + 1
        if counts[value] == 1:
            continue
        number = counts[value] - 1
        while f"{value}-{number}" in taken:
            number += 1
        taken.add(f"{value}-{number}")
        element.set(name, f"{value}-{number}")


def make_heading_marks(md: markdown.Markdown, context: RenderContext) -> HeadingMarks:
    return HeadingMarks(md, context)


def make_page_outline(md: markdown.Markdown, context: RenderContext) -> PageOutlineProcessor:
    return PageOutlineProcessor(md, context)


def as_written(outline: PageOutline, published: tuple[Heading, ...]) -> tuple[Heading, ...]:
    """The headings of a page as written, from those it publishes: levels as written, and each dropped ``h1`` back
    (with no text). ``published`` as they are when the outline was not settled."""
    if not outline.settled:
        return published
    if sum(kept for _, kept in outline.written) != len(published):  # pragma: no cover - the tree showed them all
        logger.warning("the outline settled in the tree does not match the page's headings: published levels kept")
        return published
    shown = iter(published)
    return tuple(
        _at_level(next(shown), level) if kept else Heading(level, None, "", "", ()) for level, kept in outline.written
    )


def _at_level(heading: Heading, level: int) -> Heading:
    return (
        heading if heading.level == level else Heading(level, heading.id, heading.text, heading.html, heading.classes)
    )
