"""What a finished page says about itself, read once: its title, its headings (level, id, text), the ids and names
fragments can land on, its links and images, its "Last updated" date; and whether it asks to be left out of the
site's search (:func:`asks_noindex`). Every stage that reads rendered HTML reads it with the expressions here,
written once.

The page's facts (:func:`page_facts`) are a frozen value, kept in the build cache by the page's content hash
(:mod:`govpress.site.engine.cache_codec`), so an unchanged page is not read again. The smaller readers
(:func:`title_in`, :func:`anchors`, :func:`asks_noindex`, :func:`text_of`) serve the stages that read a fragment or a
source file rather than a finished page: a page body before its layout, a folder's ``meta.html``.

Rules, as the checks rely on them:

- an attribute (``href``, ``src``, ``id``, ``name``) counts where it starts an attribute (after white space), in page
  order, none inside another's value (``data-x="a href='b'"`` holds no link);
- headings are those inside ``<main>`` (the whole page when it has none): the header and footer have none of the
  page's outline; a heading's text is its markup without tags, white space collapsed (entities kept as written, so
  the text can be found again in the source);
- the title is the first ``<title>``'s text, white space collapsed (markup kept: the check asks only whether there is
  one; :func:`title_in` reads it as a reader sees it);
- the "Last updated" date is the ``datetime`` of the ``<time>`` in the element of class :data:`LAST_UPDATED_CLASS`
  (``base.html`` writes it; this module is the only one that reads the class);
- a page asks to be left out of the search with ``<meta name="robots" content="noindex">`` before its ``<main>``.
"""

from __future__ import annotations

import html
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import NamedTuple

# Attribute names as HTML writes them (lower case), one expression each: a literal first keeps the scan fast.
_VALUE = r"=(?:\"(?P<double>[^\"]*)\"|'(?P<single>[^']*)')"
LINK_ATTRIBUTES = tuple(re.compile(name + _VALUE) for name in ("href", "src"))
ID_ATTRIBUTES = tuple(re.compile(name + _VALUE) for name in ("id", "name"))
ID = ID_ATTRIBUTES[0]
TITLE = re.compile(r"<title>(?P<text>.*?)</title>", re.IGNORECASE | re.DOTALL)
MAIN_START = re.compile(r"<main\b", re.IGNORECASE)  # two short searches: far faster than one lazy ``.*?`` over the page
MAIN_END = re.compile(r"</main>", re.IGNORECASE)
HEADING = re.compile(r"<h(?P<level>[1-6])(?P<attrs>\b[^>]*)>(?P<inner>.*?)</h(?P=level)>", re.IGNORECASE | re.DOTALL)
ANCHOR = re.compile(r"<a\b(?P<attrs>[^>]*)>(?P<text>.*?)</a>", re.IGNORECASE | re.DOTALL)
HREF = re.compile(r"""\bhref=(?:"(?P<double>[^"]*)"|'(?P<single>[^']*)')""", re.IGNORECASE)
CONTENT = re.compile(r"\bcontent=(?:\"(?P<double>[^\"]*)\"|'(?P<single>[^']*)')", re.IGNORECASE)
TAG = re.compile(r"<[^>]+>")
LINE_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
LAST_UPDATED_CLASS = "govpress-last-updated"
LAST_UPDATED = re.compile(rf'class="[^"]*{LAST_UPDATED_CLASS}[^"]*">[^<]*<time datetime="(?P<iso>[^"]+)"')
# A page's own "leave me out" (the other sort orders of a sortable table); a draft site's "noindex, nofollow" speaks
# to search engines only.
NOINDEX = re.compile(r"<meta\s+name=\"robots\"\s+content=\"noindex\">", re.IGNORECASE)


class Heading(NamedTuple):
    """A heading of the page's ``<main>``: its level, its id (``None``: none) and its text (see the module). A named
    tuple: pages have thousands, made faster so."""

    level: int
    id: str | None
    text: str


@dataclass(frozen=True)
class PageFacts:
    """What the stages after layout need from one finished page (see the module for each rule)."""

    links: tuple[str, ...]
    ids: frozenset[str]
    title: str
    headings: tuple[Heading, ...] = ()
    last_updated: str | None = None

    @property
    def heading_levels(self) -> tuple[tuple[int, str], ...]:
        """Each heading's level and text, in page order."""
        return tuple((heading.level, heading.text) for heading in self.headings)


def page_facts(page: str) -> PageFacts:
    """The facts of a finished page (its whole HTML)."""
    start, end = main_bounds(page)
    title = TITLE.search(page)
    return PageFacts(  # links and ids interned: the header's and footer's are the same on every page of a site
        links=tuple(map(sys.intern, attribute_values(page, LINK_ATTRIBUTES))),
        ids=frozenset(map(sys.intern, attribute_values(page, ID_ATTRIBUTES))),
        title=" ".join(title.group("text").split()) if title else "",
        headings=tuple(_headings(page, start, end)),
        last_updated=last_updated(page),
    )


def interned(facts: PageFacts) -> PageFacts:
    """``facts`` made elsewhere (another process) with their links and ids interned here, as :func:`page_facts`
    interns them."""
    return replace(facts, links=tuple(map(sys.intern, facts.links)), ids=frozenset(map(sys.intern, facts.ids)))


def main_bounds(page: str) -> tuple[int, int]:
    """Where the page's ``<main>`` element starts and ends (the whole page when it has none)."""
    start = MAIN_START.search(page)
    end = MAIN_END.search(page, start.end()) if start else None
    return (start.start(), end.end()) if start and end else (0, len(page))


def asks_noindex(page: str) -> bool:
    """Whether the page asks to be left out of the site's search (``noindex`` before its ``<main>``)."""
    main = MAIN_START.search(page)
    return NOINDEX.search(page, 0, main.start() if main is not None else len(page)) is not None


def _headings(page: str, start: int, end: int) -> Iterator[Heading]:
    for found in HEADING.finditer(page, start, end):
        attributes = found.group("attrs")
        name = _id(attributes) if "id=" in attributes else None
        yield Heading(int(found.group("level")), name, " ".join(TAG.sub("", found.group("inner")).split()))


def _id(attributes: str) -> str | None:
    """The ``id`` among an element's attributes (where an attribute starts: after white space), or ``None``."""
    for found in ID.finditer(attributes):
        if attributes[found.start() - 1 : found.start()].isspace():
            return quoted(found)
    return None


def attribute_values(page: str, expressions: Sequence[re.Pattern[str]]) -> list[str]:
    """The values of the attributes the expressions find (each after white space, as an attribute is), in page
    order; none inside another's value."""
    found = sorted(
        (
            m
            for expression in expressions
            for m in expression.finditer(page)
            if page[m.start() - 1 : m.start()].isspace()
        ),
        key=lambda m: m.start(),
    )
    values: list[str] = []
    end = 0
    for match in found:
        if match.start() >= end:
            values.append(quoted(match))
            end = match.end()
    return values


def quoted(found: re.Match[str]) -> str:
    """The value an expression with a ``double`` and a ``single`` group found."""
    double = found.group("double")
    return double if double is not None else found.group("single")


def href_of(attributes: str) -> str | None:
    """The ``href`` among an element's attributes (as written), or ``None``."""
    found = HREF.search(attributes)
    return quoted(found) if found is not None else None


def anchors(fragment: str) -> list[str]:
    """The ``href`` of every link (``<a>``) of an HTML fragment, in order (``""`` for a link without one)."""
    return [href_of(found.group("attrs")) or "" for found in ANCHOR.finditer(fragment)]


def content_of(tag: str) -> str | None:
    """The ``content`` attribute of a ``<meta>`` tag (as written), or ``None``."""
    found = CONTENT.search(tag)
    return quoted(found) if found is not None else None


def title_in(text: str, tags: str = "") -> str | None:
    """The text of the first ``<title>`` element of an HTML text (each tag replaced by ``tags``, entities read), or
    ``None``."""
    found = TITLE.search(text)
    return (text_of(found.group("text"), tags=tags) or None) if found is not None else None


def last_updated(page: str) -> str | None:
    """The page's "Last updated" date (``<time datetime>`` in the :data:`LAST_UPDATED_CLASS` element), or ``None``."""
    position = page.find(LAST_UPDATED_CLASS)
    while position >= 0:  # each place the class is named: far faster than searching from every class attribute
        found = LAST_UPDATED.match(page, max(page.rfind('class="', 0, position), 0))
        if found is not None:
            return found.group("iso")
        position = page.find(LAST_UPDATED_CLASS, position + 1)
    return None


def text_of(fragment: str, *, tags: str | None = "", entities: bool = True, line_breaks: bool = False) -> str:
    """The text of an HTML fragment: each tag replaced by ``tags`` (``None``: kept, for an attribute's value),
    entities read (unless ``entities`` is false), a ``<br>`` read as a space when ``line_breaks``, white space
    collapsed."""
    if line_breaks:
        fragment = LINE_BREAK.sub(" ", fragment)
    text = fragment if tags is None else TAG.sub(tags, fragment)
    return " ".join((html.unescape(text) if entities else text).split())
