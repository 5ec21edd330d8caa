"""Site paths in content, published under the base path: with ``base_url = "/plan/"``, a link the source writes as
``/digital/strategy/`` is published as ``/plan/digital/strategy/`` (the source names pages of the site; the site lives
under its base path).

Only the URL attributes of start tags change (``href``, ``src``, ``srcset``, ``action``, ``formaction``, ``poster``,
``data``), and only values that start with one ``/``: relative links, ``//host`` links, URLs with a scheme and
fragments are left as written. Text, comments and the contents of ``<script>`` and ``<style>`` are never touched: the
start tags are found by the standard library's HTML parser, and only their text is rewritten.

>>> rebased('<a href="/digital/">x</a> <img src="a.png" srcset="/i.png 2x">', "/plan/")
'<a href="/plan/digital/">x</a> <img src="a.png" srcset="/plan/i.png 2x">'
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

URL_ATTRIBUTES = ("href", "src", "action", "formaction", "poster", "data")
ATTRIBUTE = re.compile(
    r"(?P<before>\s(?P<name>[^\s\"'>/=]+)\s*=\s*)(?:\"(?P<double>[^\"]*)\"|'(?P<single>[^']*)'|(?P<bare>[^\s\"'=<>`]+))"
)
SRCSET_ITEM = re.compile(r"(?P<space>^|,)(?P<lead>\s*)(?P<url>[^\s,]+)")


def rebased(html: str, base_path: str) -> str:
    """``html`` with the site paths of its start tags' URL attributes under ``base_path`` (``/`` leaves it as is)."""
    if base_path == "/" or "/" not in html:
        return html
    finder = _StartTags()
    finder.feed(html)
    finder.close()
    line_starts = [0] + [found.end() for found in re.finditer(r"\n", html)]
    pieces: list[str] = []
    position = 0
    for (line, column), text in finder.tags:
        start = line_starts[line - 1] + column
        if html.startswith(text, start):
            pieces += [html[position:start], _tag_rebased(text, base_path)]
            position = start + len(text)
    pieces.append(html[position:])
    return "".join(pieces)


def site_path_rebased(url: str, base_path: str) -> str:
    """``url`` under ``base_path`` when it is a site path (``/a`` → ``/plan/a``); any other URL as it is."""
    if url.startswith("/") and not url.startswith("//"):
        return base_path + url[1:]
    return url


class _StartTags(HTMLParser):
    """The position and text of every start tag (and self-closing tag) that may hold a URL."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[tuple[int, int], str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if any(name in URL_ATTRIBUTES or name == "srcset" for name, _ in attrs):
            text = self.get_starttag_text()
            if text is not None:
                self.tags.append((self.getpos(), text))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)


def _tag_rebased(tag: str, base_path: str) -> str:
    def attribute(found: re.Match[str]) -> str:
        name = found.group("name").lower()
        if name not in URL_ATTRIBUTES and name != "srcset":
            return found.group(0)
        group, quote = next(
            (g, q) for g, q in (("double", '"'), ("single", "'"), ("bare", "")) if found.group(g) is not None
        )
        value = found.group(group)
        new = _srcset_rebased(value, base_path) if name == "srcset" else site_path_rebased(value, base_path)
        return f"{found.group('before')}{quote}{new}{quote}"

    return ATTRIBUTE.sub(attribute, tag)


def _srcset_rebased(value: str, base_path: str) -> str:
    def item(found: re.Match[str]) -> str:
        return found.group("space") + found.group("lead") + site_path_rebased(found.group("url"), base_path)

    return SRCSET_ITEM.sub(item, value)
