"""Find the interface text a template writes as it is instead of through the message catalogue (docs/languages.md).

Jinja2's own lexer splits a template into its text (``data`` tokens) and its Jinja2 parts (expressions, statements,
comments). The Jinja2 parts are masked (:data:`MASK`, plus the line breaks they span, so that lines still count)
and the rest is read as HTML: every text node, and every ``title``, ``alt``, ``aria-label`` and ``placeholder``
attribute, outside ``<script>`` and ``<style>``, may hold no letter once the masks and file names (``services.csv``)
are taken out. Text inside ``{% trans %}…{% endtrans %}`` is marked, so it is masked too, and so is the text of a
block whose name ends in ``class`` (``{% block body_class %}home-page{% endblock %}`` fills an attribute).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

from jinja2 import Environment

MASK = "jinja0"  # a valid tag name (<{{ heading }}> reads <jinja0>), taken out before the check
CHECKED_ATTRIBUTES = frozenset({"title", "alt", "aria-label", "placeholder"})
UNCHECKED_ELEMENTS = frozenset({"script", "style"})
LETTER = re.compile(r"[^\W\d_]")
FILE_NAME = re.compile(r"\b[\w-]+\.(?:csv|json|vtt|xml|pdf|txt|html)\b")


@dataclass(frozen=True)
class Unmarked:
    """Text a reader sees that is not in the catalogue: its line in the template and the text."""

    line: int
    text: str


def masked_source(environment: Environment, source: str, name: str | None = None) -> str:
    """``source`` with every Jinja2 part (and the text of ``{% trans %}`` blocks) replaced by :data:`MASK`."""
    parts: list[str] = []
    masked_until: str | None = None  # the statement that ends a masked stretch
    previous: list[str] = []  # the names of the statement being read
    for _, kind, value in environment.lex(source, name):
        if kind == "block_begin":
            previous = []
        elif kind == "name" and len(previous) < 2:
            previous.append(value)
            if previous == ["trans"]:
                masked_until = "endtrans"
            elif len(previous) == 2 and previous[0] == "block" and value.endswith("class"):
                masked_until = "endblock"
            elif previous == [masked_until]:
                masked_until = None
        elif kind not in ("whitespace",):
            previous = [*previous, "", ""]  # an expression: no statement name follows
        if kind == "data" and masked_until is None:
            parts.append(value)
        else:
            parts.append(MASK + "\n" * value.count("\n"))
    return "".join(parts)


class _VisibleText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[Unmarked] = []
        self._unchecked = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in UNCHECKED_ELEMENTS:
            self._unchecked += 1
        for name, value in attrs:
            if name in CHECKED_ATTRIBUTES and value:
                self._check(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in UNCHECKED_ELEMENTS and self._unchecked:
            self._unchecked -= 1

    def handle_data(self, data: str) -> None:
        if not self._unchecked:
            self._check(data)

    def _check(self, text: str) -> None:
        shown = FILE_NAME.sub(lambda name: " " * len(name.group()), text.replace(MASK, " " * len(MASK)))
        letter = LETTER.search(shown)
        if letter is not None:
            line = self.getpos()[0] + text.count("\n", 0, letter.start())
            self.found.append(Unmarked(line, " ".join(shown.split())))


def unmarked_text(environment: Environment, source: str, name: str | None = None) -> list[Unmarked]:
    """The text of the template ``source`` that a reader would see and that is not marked for translation."""
    parser = _VisibleText()
    parser.feed(masked_source(environment, source, name))
    parser.close()
    return parser.found
