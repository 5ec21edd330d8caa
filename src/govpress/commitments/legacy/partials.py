"""Parse one department-response partial into its action heading, intro and organisation blocks.

Structure (tokens from :mod:`govpress.commitments.legacy.tokens`; blank lines are allowed between any two)::

    partial    = [marker] action open(section) navigation* intro block* navigation* close
    intro      = text+                                   "Here's how departments are responding to this action:"
    block      = open(department) heading attributes? open(statement) statement close close
    statement  = (text | blank)*                         Markdown, kept as written

Anything else inside the section is an error naming the file and line: a block that cannot be parsed is never dropped.
"""

from __future__ import annotations

from dataclasses import dataclass

from govpress.commitments.legacy.tokens import Kind, Token, action_number, tokenize
from govpress.problems import GovpressError, Problem


@dataclass(frozen=True)
class Block:
    """One organisation's block: heading lines, logo class, statement, and the line of its ``{div .department}``."""

    display_lines: tuple[str, ...]
    logo_class: str
    text: str
    line: int
    text_line: int


@dataclass(frozen=True)
class ActionPartial:
    """What one ``_actionNN.md`` says."""

    number: int
    heading: str
    intro: str
    line: int
    blocks: tuple[Block, ...]


class _Cursor:
    """Walks the tokens of one file, skipping blank lines, and fails with the file and line."""

    def __init__(self, tokens: list[Token], path: str) -> None:
        self.tokens = tokens
        self.path = path
        self.index = 0

    def peek(self) -> Token | None:
        while self.index < len(self.tokens) and self.tokens[self.index].kind is Kind.BLANK:
            self.index += 1
        return self.tokens[self.index] if self.index < len(self.tokens) else None

    def take(self, kind: Kind, value: str | None = None, what: str = "") -> Token:
        token = self.peek()
        if token is None or token.kind is not kind or (value is not None and token.value != value):
            self.fail(f"expected {what or kind.value}", token)
        assert token is not None
        self.index += 1
        return token

    def fail(self, message: str, token: Token | None) -> None:
        line = token.line if token else len(self.tokens)
        found = f", found {token.raw.strip()!r}" if token else ", found the end of the file"
        raise GovpressError(Problem.error(f"department response: {message}{found}", self.path, line))


def parse_partial(text: str, path: str) -> ActionPartial:
    """Parse the text of one partial; raise :class:`GovpressError` at the first thing that does not fit."""
    cursor = _Cursor(list(tokenize(text)), path)
    if (first := cursor.peek()) is not None and first.kind is Kind.MARKER:
        cursor.index += 1
    action = cursor.take(Kind.ACTION, what="'#Action NN: title'")
    parsed = action_number(action.value)
    if parsed is None:
        cursor.fail("expected '#Action NN: title'", action)
    assert parsed is not None
    cursor.take(Kind.OPEN, "section", "'{div .section}'")
    _skip(cursor, Kind.NAVIGATION)
    intro = _intro(cursor)
    blocks: list[Block] = []
    while (token := cursor.peek()) is not None and token.kind is Kind.OPEN and token.value == "department":
        blocks.append(_block(cursor))
    _skip(cursor, Kind.NAVIGATION)
    cursor.take(Kind.CLOSE, "div", "'{/div}' closing the section or another '{div .department}'")
    if (extra := cursor.peek()) is not None:
        cursor.fail("nothing after the section", extra)
    return ActionPartial(parsed[0], parsed[1], intro, action.line, tuple(blocks))


def _skip(cursor: _Cursor, kind: Kind) -> None:
    while (token := cursor.peek()) is not None and token.kind is kind:
        cursor.index += 1


def _intro(cursor: _Cursor) -> str:
    lines: list[str] = []
    while (token := cursor.peek()) is not None and token.kind is Kind.TEXT:
        lines.append(token.raw.strip())
        cursor.index += 1
    return " ".join(lines)


def _block(cursor: _Cursor) -> Block:
    start = cursor.take(Kind.OPEN, "department")
    heading = cursor.take(Kind.HEADING, what="the organisation's '##Name<br>Name' heading")
    logo = ""
    if (token := cursor.peek()) is not None and token.kind is Kind.ATTRIBUTES:
        logo = _logo_class(token.value)
        cursor.index += 1
    opened = cursor.take(Kind.OPEN, "statement", "'{div .statement}'")
    text = _statement(cursor)
    if not text:
        cursor.fail("empty statement (write the text, or 'Awaiting … confirmation')", cursor.tokens[opened.line - 1])
    cursor.take(Kind.CLOSE, "div", "'{/div}' closing the department")
    lines = tuple(part.strip() for part in heading.value.split("<br>"))
    return Block(lines, logo, text, start.line, opened.line + 1)


def _statement(cursor: _Cursor) -> str:
    """The raw lines up to the ``{/div}`` that closes the statement, trimmed of blank lines at both ends."""
    lines: list[str] = []
    while cursor.index < len(cursor.tokens):
        token = cursor.tokens[cursor.index]
        if token.kind is Kind.CLOSE and token.value == "div":
            cursor.index += 1
            return "\n".join(lines).strip("\n")
        if token.kind not in (Kind.TEXT, Kind.BLANK, Kind.ATTRIBUTES):
            cursor.fail("expected statement text or '{/div}' closing the statement", token)
        lines.append(token.raw.rstrip())
        cursor.index += 1
    cursor.fail("expected '{/div}' closing the statement", None)
    return ""


def _logo_class(attributes: str) -> str:
    """``logo-single`` from ``.logo-single`` (the first class of the IAL that starts with ``logo-``)."""
    classes = [part[1:] for part in attributes.split() if part.startswith(".")]
    return next((c for c in classes if c.startswith("logo-")), "")
