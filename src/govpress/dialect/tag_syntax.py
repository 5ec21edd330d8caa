"""The syntax of element tags, shared by the element rule and the structure check.

Grammar (each tag alone on its line, at most three spaces before it)::

    opener   := "{" name " "+ attributes "}"       e.g. {div .department}, {div .a .b #box}, {span .hello}
              | "{" alias "}"                       {collapsed}, {department}, {statement}
    closer   := "{/" ( name | alias ) "}"
    name     := letter ( letter | digit )*           the HTML element made
    attributes := a kramdown attribute list (".class", "#id", key="value")

An alias names an element and a class: ``collapsed`` is ``div.theme``, ``department`` is ``div.department``,
``statement`` is ``div.statement``. A phrasing element (``span``, ``em`` …) whose content is one paragraph is put
inside that paragraph: ``<p><span class="hello">…</span></p>``, as the legacy build gave.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from govpress.dialect.kramdown.attribute_lists import AttributeList, parse_attribute_list

OPENER = re.compile(r" {0,3}\{(?P<name>[A-Za-z][A-Za-z0-9]*)(?:[ \t]+(?P<attributes>[.#][^{}]*?))?[ \t]*\}[ \t]*")
CLOSER = re.compile(r" {0,3}\{/(?P<name>[A-Za-z][A-Za-z0-9]*)\}[ \t]*")
PHRASING = frozenset(
    ("a", "abbr", "b", "cite", "code", "em", "i", "mark", "q", "small", "span", "strong", "sub", "sup")
)
ALIASES: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        "collapsed": ("div", "theme"),
        "department": ("div", "department"),
        "statement": ("div", "statement"),
    }
)


@dataclass(frozen=True)
class Opener:
    """An opening tag: the name written (which its closer repeats), the element it makes, its attributes."""

    name: str
    element: str
    attributes: AttributeList


def match_opener(line: str) -> Opener | None:
    """The opener on ``line``, or ``None``; raise ``IalSyntaxError`` for malformed attributes."""
    found = OPENER.fullmatch(line)
    if found is None:
        return None
    name = found.group("name")
    body = found.group("attributes")
    if body is None:
        if name not in ALIASES:
            return None
        element, css_class = ALIASES[name]
        return Opener(name, element, AttributeList(classes=(css_class,)))
    return Opener(name, name.lower(), parse_attribute_list(body))


def match_closer(line: str) -> str | None:
    """The name the closer on ``line`` closes, or ``None``."""
    found = CLOSER.fullmatch(line)
    return found.group("name") if found else None


TAG_LINE_IN_BLOCK = re.compile(
    r"^ {0,3}\{(?:/[A-Za-z][A-Za-z0-9]*|(?:"
    + "|".join(ALIASES)
    + r")|[A-Za-z][A-Za-z0-9]*[ \t]+[.#][^{}\n]*?)[ \t]*\}[ \t]*$",
    re.MULTILINE,
)
"""A line of a block that :func:`is_tag_line` accepts (one search over the block instead of a call per line)."""


def has_tag_line(block: str) -> bool:
    """Whether any line of ``block`` is an opener or a closer."""
    return "{" in block and TAG_LINE_IN_BLOCK.search(block) is not None


def is_tag_line(line: str) -> bool:
    """Whether ``line`` is an opener or a closer (cheap test first: every tag starts with ``{``)."""
    if "{" not in line:
        return False
    if CLOSER.fullmatch(line):
        return True
    found = OPENER.fullmatch(line)
    return found is not None and (found.group("attributes") is not None or found.group("name") in ALIASES)
