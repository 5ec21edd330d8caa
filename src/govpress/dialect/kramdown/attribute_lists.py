"""kramdown inline attribute lists (IALs): the text between ``{:`` and ``}``.

Grammar (kramdown 2.4, as used by the legacy site)::

    block_ial   := " "{0,3} "{:" attr_list "}" [ " " | "\t" ]*      (alone on its line)
    attr_list   := { whitespace | item }
    item        := "." class_name          (adds a class; classes accumulate)
                 | "#" id_name             (sets the id; the last one wins)
                 | key "=" quoted          (sets an attribute)
                 | ref_name                (a reference: ``toc`` asks for a table of contents)
    class_name  := { any character but whitespace, ".", "#", "}" }+
    id_name     := { letter | digit | "_" | "-" | ":" }+
    key         := { letter | digit | "_" | "-" | ":" }+
    quoted      := '"' { character but '"' | '\\"' }* '"' | "'" { character but "'" | "\\'" }* "'"
    ref_name    := { letter | digit | "_" | "-" }+

``{::`` starts an extension and ``{:/`` closes one: neither is an IAL. Attribute list definitions
(``{:name: …}``) and span IALs are not used by the corpus and are not supported (see docs/kramdown.md).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

BLOCK_IAL_LINE = re.compile(r"^ {0,3}\{:(?![:/])(?P<body>[^}]*)\}[ \t]*$")
_NAME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-:")
_CLASS_STOP = frozenset(" \t.#}")


class IalSyntaxError(ValueError):
    """An attribute list that kramdown would not read; ``column`` is 0-based within the list."""

    def __init__(self, message: str, column: int) -> None:
        super().__init__(message)
        self.column = column


@dataclass(frozen=True)
class AttributeList:
    """What one IAL says: classes in order, an id, other attributes and references."""

    classes: tuple[str, ...] = ()
    id: str | None = None
    pairs: tuple[tuple[str, str], ...] = ()
    refs: tuple[str, ...] = ()

    def apply_to(self, attrib: dict[str, str]) -> None:
        """Merge into an element's attributes the way kramdown does (classes appended, the rest replaced)."""
        for key, value in self.pairs:
            attrib[key] = value
        if self.classes:
            attrib["class"] = (
                " ".join([attrib["class"], *self.classes]) if attrib.get("class") else " ".join(self.classes)
            )
        if self.id is not None:
            attrib["id"] = self.id


def match_block_ial(line: str) -> str | None:
    """The body of ``line`` when the whole line is a block IAL, else ``None``."""
    found = BLOCK_IAL_LINE.match(line)
    return found.group("body") if found else None


def parse_attribute_list(body: str) -> AttributeList:
    """Read the body of an IAL (the text between ``{:`` and ``}``); raise :class:`IalSyntaxError`."""
    classes: list[str] = []
    pairs: list[tuple[str, str]] = []
    refs: list[str] = []
    ident: str | None = None
    pos = 0
    while pos < len(body):
        char = body[pos]
        if char in " \t":
            pos += 1
        elif char == ".":
            end = _scan_while(body, pos + 1, lambda c: c not in _CLASS_STOP)
            classes.append(_non_empty(body, pos, end, "a class name"))
            pos = end
        elif char == "#":
            end = _scan_while(body, pos + 1, lambda c: c in _NAME_CHARS)
            ident = _non_empty(body, pos, end, "an id")
            pos = end
        elif char in _NAME_CHARS:
            end = _scan_while(body, pos, lambda c: c in _NAME_CHARS)
            if end < len(body) and body[end] == "=":
                value, after = _read_quoted(body, end + 1)
                pairs.append((body[pos:end], value))
                pos = after
            else:
                refs.append(body[pos:end])
                pos = end
        else:
            raise IalSyntaxError(f"unexpected {char!r} in attribute list {{:{body}}}", pos)
    return AttributeList(tuple(classes), ident, tuple(pairs), tuple(refs))


def _scan_while(text: str, pos: int, accept: Callable[[str], bool]) -> int:
    while pos < len(text) and accept(text[pos]):
        pos += 1
    return pos


def _non_empty(body: str, start: int, end: int, what: str) -> str:
    if end == start + 1:
        raise IalSyntaxError(f"{body[start]!r} without {what} in attribute list {{:{body}}}", start)
    return body[start + 1 : end]


def _read_quoted(body: str, pos: int) -> tuple[str, int]:
    """The unescaped value of the quoted string at ``pos`` and the position after it."""
    quote = body[pos] if pos < len(body) else ""
    if quote not in ("'", '"'):
        raise IalSyntaxError(f"a value must be quoted in attribute list {{:{body}}}", pos)
    value: list[str] = []
    index = pos + 1
    while index < len(body):
        char = body[index]
        if char == "\\" and index + 1 < len(body) and body[index + 1] == quote:
            value.append(quote)
            index += 2
        elif char == quote:
            return "".join(value), index + 1
        else:
            value.append(char)
            index += 1
    raise IalSyntaxError(f"unclosed quote in attribute list {{:{body}}}", pos)
