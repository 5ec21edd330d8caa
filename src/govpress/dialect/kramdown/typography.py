"""kramdown's typographic conversions (smart quotes and typographic symbols), with symbolic entities.

Grammar (kramdown 2.4; in text only, not in code, pre, script or raw HTML; tried at the earliest
position, the character before a quote taking part in the match)::

    symbol := "---" → &mdash; | "--" → &ndash; | "..." → &hellip;
            | "<< " → &laquo;&nbsp; | " >>" → &nbsp;&raquo; | "<<" → &laquo; | ">>" → &raquo;
    quote  := [ char ] ( "'" | '"' )   read by kramdown's ten rules, first match wins:
       1  quote before 1-2 of "_*" and a non-space       opening
       2  quote before punctuation (not "..") inside a word boundary   closing
       3  [space] "'' before a word character             &ldquo;&lsquo;
       4  [space] '" before a word character             &lsquo;&ldquo;
       5  [space] ' before two digits and "s" ('70s)     &rsquo;
       6  space, quote, word character                   opening
       7  a character that is not space, "\\", "[", "{", "(" or "-", then quote    closing
       8  quote before a space, "s" + word end, or line end   closing
       9  any ' left                                     &lsquo;
       10 any " left                                     &ldquo;

Text is read piece by piece between elements and stashed HTML (an element boundary leaves no
character before the quote, as in kramdown, where the span parser has consumed the markup).

``entity_output: symbolic``: kramdown writes the entities it makes by name (``&rsquo;``) and leaves
every character of the source as it is (``£``, ``€``, en dash, ellipsis and U+00A0 stay UTF-8; checked
with kramdown 2.4), which is also what Python-Markdown does, so no entity conversion is needed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from xml.etree.ElementTree import Element

import markdown
from markdown import util
from markdown.treeprocessors import Treeprocessor

from govpress.dialect.registry import RenderContext

SYMBOLS = {
    "---": "&mdash;",
    "--": "&ndash;",
    "...": "&hellip;",
    "<< ": "&laquo;&nbsp;",
    " >>": "&nbsp;&raquo;",
    "<<": "&laquo;",
    ">>": "&raquo;",
}
OPENING = {'"': "&ldquo;", "'": "&lsquo;"}
CLOSING = {'"': "&rdquo;", "'": "&rsquo;"}
_PUNCT = r"""[!"#$%'()*+,\-./:;<=>?@\[\\\]^_`{|}~]"""
_CANDIDATE = re.compile(r"---|--|\.\.\.|<< | >>|<<|>>|[^\\]?[\"']")
_ANY_CANDIDATE = re.compile(r"--|\.\.\.|<<|>>|[\"']")  # matches where _CANDIDATE does, much faster (literals first)
_PLACEHOLDER = re.compile(f"({util.STX}[^{util.ETX}]*{util.ETX})")
KRAMDOWN_ESCAPES = ('"', "'", ":", "|", "$", "=", "<")
_RAW_TAGS = frozenset(("code", "pre", "kbd", "samp", "var", "script", "style", "math"))

Rule = tuple[re.Pattern[str], Callable[[re.Match[str]], str]]
_FLAGS = re.ASCII | re.DOTALL
QUOTE_RULES: tuple[Rule, ...] = (
    (re.compile(r"([\"'])(?=[_*]{1,2}\S)", _FLAGS), lambda m: OPENING[m[1]]),
    (re.compile(rf"([\"'])(?={_PUNCT}(?!\.\.)\B)", _FLAGS), lambda m: CLOSING[m[1]]),
    (re.compile(r"(\s?)\"'(?=\w)", _FLAGS), lambda m: m[1] + "&ldquo;&lsquo;"),
    (re.compile(r"(\s?)'\"(?=\w)", _FLAGS), lambda m: m[1] + "&lsquo;&ldquo;"),
    (re.compile(r"(\s?)'(?=\d\ds)", _FLAGS), lambda m: m[1] + "&rsquo;"),
    (re.compile(r"(\s)([\"'])(?=\w)", _FLAGS), lambda m: m[1] + OPENING[m[2]]),
    (re.compile(r"([^ \\\t\r\n\[{(-])([\"'])", _FLAGS), lambda m: m[1] + CLOSING[m[2]]),
    (re.compile(r"([\"'])(?=\s|s\b|$)", _FLAGS | re.MULTILINE), lambda m: CLOSING[m[1]]),
    (re.compile(r"(.?)'", _FLAGS), lambda m: m[1] + "&lsquo;"),
    (re.compile(r"(.?)\"", _FLAGS), lambda m: m[1] + "&ldquo;"),
)


def _quote_at(text: str, start: int) -> tuple[str, int]:
    """The replacement for the quote match starting at ``start`` and the position after it."""
    for pattern, replace in QUOTE_RULES:
        found = pattern.match(text, start)
        if found:
            return replace(found), found.end()
    return text[start], start + 1  # unreachable: rules 9 and 10 match any quote


def educate_piece(text: str) -> str:
    """Apply the typographic rules to one piece of text (no element or stash boundary inside)."""
    out: list[str] = []
    pos = 0
    while found := _CANDIDATE.search(text, pos):
        out.append(text[pos : found.start()])
        symbol = SYMBOLS.get(found[0])
        if symbol is not None:
            out.append(symbol)
            pos = found.end()
        else:
            replacement, pos = _quote_at(text, found.start())
            out.append(replacement)
    out.append(text[pos:])
    return "".join(out)


def educate(text: str) -> str:
    """Apply the rules to a text node, treating stash placeholders as boundaries."""
    if _ANY_CANDIDATE.search(text) is None:
        return text
    if util.STX not in text:
        return educate_piece(text)
    pieces = _PLACEHOLDER.split(text)
    return "".join(piece if index % 2 else educate_piece(piece) for index, piece in enumerate(pieces))


class TypographyProcessor(Treeprocessor):
    """Smart quotes and symbols over every text node outside code and raw elements."""

    def run(self, root: Element) -> None:
        self._educate_children(root)

    def _educate_children(self, element: Element) -> None:
        for child in element:
            if isinstance(child.tag, str) and child.tag not in _RAW_TAGS:
                if child.text and not isinstance(child.text, util.AtomicString):
                    child.text = educate(child.text)
                self._educate_children(child)
            if child.tail and not isinstance(child.tail, util.AtomicString):
                child.tail = educate(child.tail)


def make_typography(md: markdown.Markdown, context: RenderContext) -> TypographyProcessor:
    """Factory for the registry table; also lets kramdown's extra characters be escaped (``\\"``, ``\\<``…)."""
    for char in KRAMDOWN_ESCAPES:
        if char not in md.ESCAPED_CHARS:
            md.ESCAPED_CHARS.append(char)
    return TypographyProcessor(md)
