"""HTML made from other people's data files, cleaned under an explicit allow-list (nh3, the ammonia sanitiser).

:func:`sanitise_html` is the enforcement: what is not listed here does not reach a page. It keeps text, structure,
tables, images and links, and removes

- ``script``, ``style``, ``iframe``, ``object``, ``embed``, ``svg``, ``math``, ``template``, ``noscript`` … *with
  their content*; any other element not listed (``form``, ``button``, ``input``, ``h1``, ``font`` …) is removed and
  its text kept. Images (``img``) are not allowed either: a picture fetched from elsewhere tells its owner who reads
  the page, and an image needs a checked address and a text alternative the publisher vouches for;
- every attribute not listed: event handlers (``onclick``…), ``style``, ``srcset``, ``formaction``, ``target`` …;
- every link address that :func:`govpress.safe_output.links.link_refusal` refuses (``javascript:``,
  ``data:``, ``//host`` …): a link without an address is unwrapped, so its text stays as plain text;
- comments.

No ``rel`` is added to links: they open in the same tab (``target`` is not allowed), where ``noopener`` has no effect,
and a ``rel`` left on a link whose address was refused would be invalid HTML.

:func:`sanitising_notes` says what the sanitiser removes, so that the data file's line can be warned about (no silent
loss); it reads with the standard library's parser and is used only for messages, never to decide what is published.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

import nh3

from govpress.safe_output.links import SAFE_SCHEMES, link_refusal, unsafe_link_message

ALLOWED_TAGS = frozenset(
    {
        *("a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del"),
        *("details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h2", "h3", "h4", "h5", "h6"),
        *("hr", "i", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small", "span"),
        *("strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr"),
        *("u", "ul", "var", "wbr"),
    }
)
# Removed together with everything inside them.
REMOVED_WITH_CONTENT = frozenset(
    {
        *("script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "svg", "math"),
        *("template", "noscript", "noembed", "noframes", "textarea", "select", "xmp", "title"),
    }
)
GLOBAL_ATTRIBUTES = frozenset({"class", "id", "title", "lang", "dir"})
ATTRIBUTES: dict[str, frozenset[str]] = {
    "a": frozenset({"href", "hreflang"}),
    "td": frozenset({"colspan", "rowspan", "headers"}),
    "th": frozenset({"colspan", "rowspan", "headers", "scope", "abbr"}),
    "ol": frozenset({"start", "reversed", "type"}),
    "li": frozenset({"value"}),
    "time": frozenset({"datetime"}),
    "del": frozenset({"cite", "datetime"}),
    "ins": frozenset({"cite", "datetime"}),
    "blockquote": frozenset({"cite"}),
    "q": frozenset({"cite"}),
    "col": frozenset({"span"}),
    "colgroup": frozenset({"span"}),
}
ATTRIBUTE_PREFIXES = frozenset({"aria-"})
URL_ATTRIBUTES = frozenset({"href", "src", "cite"})
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
)
# nh3's output is canonical: a link whose address was removed is exactly ``<a>…</a>`` (only ``href`` and
# ``hreflang`` are allowed on ``a``, and the parser never nests links), which is unwrapped to its text.
_BARE_LINK = re.compile(r"<a>(.*?)</a>", re.DOTALL)
_MAX_NOTES = 20


def sanitise_html(html: str) -> str:
    """``html`` with only the allowed elements, attributes and link addresses (see the module's docstring)."""
    cleaned = nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(REMOVED_WITH_CONTENT),
        attributes={"*": set(GLOBAL_ATTRIBUTES), **{tag: set(names) for tag, names in ATTRIBUTES.items()}},
        generic_attribute_prefixes=set(ATTRIBUTE_PREFIXES),
        attribute_filter=_filter_attribute,
        url_schemes=set(SAFE_SCHEMES),
        link_rel=None,
        strip_comments=True,
    )
    return _BARE_LINK.sub(r"\1", cleaned) if "<a>" in cleaned else cleaned


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    """Links keep only addresses that :func:`link_refusal` accepts (nh3 has checked the scheme)."""
    if attribute in URL_ATTRIBUTES and link_refusal(value) is not None:
        return None
    return value


@dataclass(frozen=True)
class SanitisingNote:
    """Something :func:`sanitise_html` removes: the message, and the text to look for to find its line."""

    message: str
    needle: str


def sanitising_notes(html: str) -> list[SanitisingNote]:
    """What :func:`sanitise_html` removes from ``html``, in order, each once (at most twenty, then a count)."""
    finder = _RemovalFinder()
    finder.feed(html)
    finder.close()
    notes = list(dict.fromkeys(finder.notes))
    if len(notes) > _MAX_NOTES:
        extra = len(notes) - _MAX_NOTES
        notes = [*notes[:_MAX_NOTES], SanitisingNote(f"and {extra} more elements, attributes or links removed", "")]
    return notes


class _RemovalFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.notes: list[SanitisingNote] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in REMOVED_WITH_CONTENT:
            self.notes.append(SanitisingNote(f"the <{tag}> element is not allowed in data files: removed", f"<{tag}"))
            return
        if tag not in ALLOWED_TAGS:
            kept = "" if tag in _VOID else ", its text kept"
            message = f"the <{tag}> element is not allowed in data files: removed{kept}"
            self.notes.append(SanitisingNote(message, f"<{tag}"))
            return
        for name, value in attrs:
            self._attribute(tag, name, value or "")

    def _attribute(self, tag: str, name: str, value: str) -> None:
        allowed = name in GLOBAL_ATTRIBUTES or name in ATTRIBUTES.get(tag, ()) or name.startswith("aria-")
        if not allowed:
            message = f"the {name} attribute (on <{tag}>) is not allowed in data files: removed"
            self.notes.append(SanitisingNote(message, name))
        elif name in URL_ATTRIBUTES:
            refusal = link_refusal(value)
            if refusal is not None:
                self.notes.append(SanitisingNote(unsafe_link_message(value, refusal), value))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
