"""Repairs to legacy markup so every published page is valid HTML with a sound outline. Each is reported where the
source is at fault (the caller turns :class:`Repair` values into warnings with file and line).

- Heading levels: after the page's ``<h1>``, a heading never goes more than one level deeper than its parent
  (``h2`` then ``h4`` publishes as ``h2`` then ``h3``), and headings written at one level under one parent stay
  siblings (``h1`` then ``h5``, ``h5`` publishes as ``h1``, ``h2``, ``h2``); ids and classes are kept, so deep links
  still land. Headings before the ``<h1>`` (a kicker above a title) are left alone.
- Duplicate ids (partials rendered one by one, each with its own auto ids) get ``-1``, ``-2``… after the first.
- ``<span class="action">`` wrappers holding headings and blocks become ``<div>`` (a span may not hold them).
- A link written ``https:www.example.org`` (no ``//``) is published as ``https://www.example.org``.
- kramdown's footnote items carry ``role="doc-endnote"``, deprecated in DPUB-ARIA 1.1 (axe flags it): dropped.

The last two are made here only for pages with pasted HTML (legacy HTML pages and their ``.html`` partials; their
Markdown partials come repaired): a page made from Markdown alone has them in its tree, where the source line is
known (:mod:`govpress.dialect.link_repairs`). The heading levels and ids (and the single ``<h1>``,
:func:`govpress.site.legacy_html.cleanup.one_h1`) are made here for HTML pages, which are put together from several
renders (their Markdown partials are rendered one by one; pasted HTML and the video players come in between), so no
one Markdown tree sees their whole outline or all their ids; and for the documents whose tree cannot settle them,
because their published page may hold a heading or id the tree does not show (kept raw HTML with a heading tag, an id
or a player, and the other cases listed in :mod:`govpress.dialect.page_outline`). Any other document (one Markdown
tree) has them settled in its tree. ``<span class="action">`` holding blocks only occurs in pasted HTML (in the
corpus, ``digital/index.html`` alone), so it is repaired here only; a document whose tree holds one is left to this
path.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from govpress.dialect.link_repairs import repaired_html
from govpress.site.structure.facts import HEADING

ID = re.compile(r"(?P<before>id=)(?P<q>[\"'])(?P<id>[^\"']*)(?P=q)")  # with _attribute_at: the literal first is fast
SPAN_TAG = re.compile(r"<(?P<close>/?)span\b[^>]*>", re.IGNORECASE)
BLOCK_SPAN = re.compile(r"<span class=[\"']action[\"']>", re.IGNORECASE)


@dataclass(frozen=True)
class Repair:
    """What was changed: ``needle`` is source text to locate it by."""

    needle: str
    message: str


def outline_levels(body: str) -> str:
    """Headings after the ``<h1>`` one level at most below their parent. A heading's parent is the nearest heading
    before it written at a higher level (a smaller number), so headings written at the same level under the same parent
    (a row of case study cards, all ``h5`` under an ``h1``) are siblings and all get the same level (``h2``), never
    one level deeper each."""
    seen_h1 = False
    open_levels: list[tuple[int, int]] = []  # (written, published) of each heading still open above this point

    def level(found: re.Match[str]) -> str:
        nonlocal seen_h1
        wanted = int(found.group("level"))
        if wanted == 1:
            seen_h1 = True
            open_levels[:] = [(1, 1)]
            return found.group(0)
        if not seen_h1:
            return found.group(0)
        while open_levels and open_levels[-1][0] >= wanted:
            open_levels.pop()
        new = min(wanted, open_levels[-1][1] + 1 if open_levels else 2)
        open_levels.append((wanted, new))
        if new == wanted:
            return found.group(0)
        return f"<h{new}{found.group('attrs')}>{found.group('inner')}</h{new}>"

    return HEADING.sub(level, body)


def unique_ids(body: str) -> str:
    counts: dict[str, int] = {}
    taken = {found.group("id") for found in ID.finditer(body) if _attribute_at(body, found.start())}

    def unique(found: re.Match[str]) -> str:
        if not _attribute_at(body, found.start()):
            return found.group(0)
        name = found.group("id")
        counts[name] = counts.get(name, 0) + 1
        if counts[name] == 1:
            return found.group(0)
        number = counts[name] - 1
        while f"{name}-{number}" in taken:
            number += 1
        taken.add(f"{name}-{number}")
        quote = found.group("q")
        return f"{found.group('before')}{quote}{name}-{number}{quote}"

    return ID.sub(unique, body)


def _attribute_at(text: str, start: int) -> bool:
    """Whether a name found at ``start`` begins there (as ``\\b`` would say: no word character before it)."""
    if start == 0:
        return True
    before = text[start - 1]
    return not (before.isalnum() or before == "_")


def block_spans(body: str) -> str:
    pieces: list[str] = []
    position = 0
    for opening in BLOCK_SPAN.finditer(body):
        if opening.start() < position:
            continue
        closing = _matching_span_close(body, opening.start())
        if closing is None:
            continue
        start, end = closing
        pieces += [body[position : opening.start()], '<div class="action">', body[opening.end() : start], "</div>"]
        position = end
    pieces.append(body[position:])
    return "".join(pieces)


def _matching_span_close(text: str, start: int) -> tuple[int, int] | None:
    depth = 0
    for tag in SPAN_TAG.finditer(text, start):
        depth += -1 if tag.group("close") else 1
        if depth == 0:
            return tag.start(), tag.end()
    return None


def repair_links(body: str) -> tuple[str, list[Repair]]:
    """Malformed links repaired and the deprecated endnote role dropped, as a Markdown page's tree has them
    (:func:`govpress.dialect.link_repairs.repaired_html`); each link repaired is a :class:`Repair`."""
    body, found = repaired_html(body)
    return body, [Repair(written, message) for written, message in found]


def repaired(body: str, pasted: bool = True) -> tuple[str, list[Repair]]:
    """Every repair above, in order. ``pasted=False``: a page made from Markdown alone, whose links and endnote roles
    were repaired in its tree, where the source line is known (:mod:`govpress.dialect.link_repairs`)."""
    body, repairs = repair_links(body) if pasted else (body, [])
    return unique_ids(block_spans(outline_levels(body))), repairs
