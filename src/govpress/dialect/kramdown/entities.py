"""kramdown's ``entity_output: symbolic`` for character references written in the source.

Grammar::

    numeric_reference := "&#" digits ";" | "&#" ( "x" | "X" ) hex_digits ";"

A numeric reference to a character that has an entity name is written by name (``&#163;`` →
``&pound;``, ``&#x2019;`` → ``&rsquo;``); any other stays numeric, in decimal (``&#x2603;`` →
``&#9731;``). Named references (``&pound;``) and the source's own characters (``£``) are left as they
are, as kramdown 2.4 does. The names are HTML 4's, with kramdown 2.4's own table where it differs
(``&apos;``, ``&vellip;``, and its swapped ``lceil``/``rceil`` and ``lang``/``rang``).
"""

from __future__ import annotations

import html.entities
import re
from xml.etree.ElementTree import Element

import markdown
from markdown.inlinepatterns import InlineProcessor

from govpress.dialect.registry import RenderContext

NUMERIC_REFERENCE = r"&#(?:(?P<decimal>[0-9]+)|[xX](?P<hex>[0-9a-fA-F]+));"
KRAMDOWN_NAMES = {
    **html.entities.codepoint2name,
    39: "apos",
    8942: "vellip",
    8968: "rceil",
    8969: "lceil",
    9001: "rang",
    9002: "lang",
}


def symbolic_reference(code_point: int) -> str:
    """How kramdown writes a reference to ``code_point`` with symbolic entity output."""
    name = KRAMDOWN_NAMES.get(code_point)
    return f"&{name};" if name else f"&#{code_point};"


class SymbolicEntityProcessor(InlineProcessor):
    """Numeric character references → named ones, stashed so nothing escapes them again."""

    def handleMatch(  # type: ignore[override]  # noqa: N802 (Python-Markdown API)
        self, m: re.Match[str], data: str
    ) -> tuple[str | Element, int, int]:
        code_point = int(m["decimal"]) if m["decimal"] else int(m["hex"], 16)
        return self.md.htmlStash.store(symbolic_reference(code_point)), m.start(0), m.end(0)


def make_symbolic_entities(md: markdown.Markdown, context: RenderContext) -> SymbolicEntityProcessor:
    """Factory for the registry table."""
    return SymbolicEntityProcessor(NUMERIC_REFERENCE, md)
