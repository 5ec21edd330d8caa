"""Wide tables scroll in their own region: every table of a page's content is wrapped in a focusable, named region.

A table as wide as its content (words and figures never broken inside) may be wider than a phone's screen; the
region scrolls sideways on its own, so the page never does (WCAG 1.4.10 Reflow). The region is keyboard-reachable
(``tabindex="0"``) and named, so screen reader users know what they are scrolling::

    <div class="table-scroll" role="region" aria-label="NAME" tabindex="0"><table>…</table></div>

NAME is the table's ``<caption>``, else the figure title written just before it (``<p class="fig">``, the legacy
documents' way), else "Table: " and its column headings (in the page's language: the layout wraps the tables). A
table already in a region is left as it is; a table inside another table is wrapped with its outer table only.
``govpress.css`` draws the cue (shadows at the edges that have more to scroll to).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from govpress.i18n import N_
from govpress.site.structure.facts import text_of

TABLE_TAG = re.compile(r"<(?P<close>/?)table\b[^>]*>", re.IGNORECASE)
CAPTION = re.compile(r"<caption\b[^>]*>(?P<text>.*?)</caption>", re.IGNORECASE | re.DOTALL)
HEADER = re.compile(r"<th\b[^>]*>(?P<text>.*?)</th>", re.IGNORECASE | re.DOTALL)
FIGURE_BEFORE = re.compile(r"<p class=\"fig\"[^>]*>(?P<text>(?:(?!<p\b).)*?)</p>\s*$", re.IGNORECASE | re.DOTALL)
REGION_BEFORE = re.compile(r"<div class=\"table-scroll\"[^>]*>\s*$")
PERMALINK = re.compile(r"<a class=\"figure-permalink\"[^>]*>.*?</a>", re.DOTALL)
FOOTNOTE_REF = re.compile(r"<sup\b[^>]*>.*?</sup>", re.DOTALL)
UNNAMED = N_("Table")
NAMED_BY_HEADINGS = N_("Table: %(headings)s")


def scrolling_tables(body: str, gettext: Callable[[str], str] = str) -> str:
    """``body`` with each outermost table not yet in a scroll region wrapped in one; ``gettext``: the page's
    language (:func:`govpress.i18n.gettext_for`), for a name made of the column headings."""
    if "<table" not in body:
        return body
    pieces: list[str] = []
    position = 0
    depth = 0
    start = 0
    for tag in TABLE_TAG.finditer(body):
        if not tag.group("close"):
            depth += 1
            if depth == 1:
                start = tag.start()
            continue
        depth = max(depth - 1, 0)
        if depth or REGION_BEFORE.search(body, 0, start):
            continue
        table = body[start : tag.end()]
        name = _region_name(table, body[max(position, start - 3000) : start], gettext)
        pieces += [body[position:start], f'<div class="table-scroll" role="region" aria-label="{name}" tabindex="0">']
        pieces += [table, "</div>"]
        position = tag.end()
    pieces.append(body[position:])
    return "".join(pieces)


def _region_name(table: str, before: str, gettext: Callable[[str], str]) -> str:
    caption = CAPTION.search(table)
    if caption and (text := _text(caption.group("text"))):
        return text
    figure = FIGURE_BEFORE.search(before)
    if figure and (text := _text(PERMALINK.sub("", figure.group("text")))):
        return text
    headings = [text for found in HEADER.finditer(table.split("</tr>", 1)[0]) if (text := _text(found.group("text")))]
    if not headings:
        return html.escape(gettext(UNNAMED), quote=True)
    return html.escape(gettext(NAMED_BY_HEADINGS), quote=True) % {"headings": ", ".join(headings)}  # escaped text


def _text(fragment: str) -> str:
    """Plain text of an HTML fragment (footnote marks dropped), ready for an attribute value."""
    plain = text_of(FOOTNOTE_REF.sub("", fragment))
    return html.escape(plain, quote=True)
