"""Reading JSON from others (data files, imports, request bodies): plain values or a located message, never a traceback.

What is read:

- objects, arrays, text, ``true``/``false``/``null``; whole numbers as ``int``; numbers with a fraction or an
  exponent as exact :class:`~decimal.Decimal` values (never a binary float);
- a UTF-8 byte order mark is accepted; any other encoding is refused by :mod:`govpress.textfile` with a message
  saying what the file is and how to convert it.

What is refused, each at its line and column:

- a syntax error (the message of Python's JSON reader);
- a key twice in one object (the message names where the first one is);
- nesting deeper than :data:`MAX_DEPTH` (found by a scan without recursion before anything is parsed);
- ``NaN``, ``Infinity`` and ``-Infinity`` (not JSON); a number longer than :data:`MAX_NUMBER_CHARS` characters;
  a number whose decimal exponent is beyond ±:data:`MAX_EXPONENT` (``1e999999999``): past what any figure needs,
  and what a double cannot hold;
- text holding half of a surrogate pair (``"\\ud800"``), which is no character and cannot be written out as UTF-8.

The common case costs one pass of Python's C parser (with hooks that notice the problems above) and a walk over the
containers it built to measure their depth (skipped when the text has too few brackets to be deep); Python's parser
recursing too deep is caught too. Only when something is wrong does a slower scan (a stack, no recursion) run to say
what and where.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from govpress.problems import GovpressError, Problem
from govpress.textfile import read_text_file

MAX_DEPTH = 64
MAX_NUMBER_CHARS = 100
MAX_EXPONENT = 308

_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_LONE_SURROGATE = re.compile(
    r"\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F][0-9a-fA-F]{2})"
    r"|(?<!\\u[dD][89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2}"
)
_SPACE = re.compile(r"[ \t\n\r]*")
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?")
_CONTAINERS = frozenset((dict, list))
_scanstring: Callable[[str, int, bool], tuple[str, int]] = json.decoder.scanstring  # type: ignore[attr-defined]
_WORDS = {"true": None, "false": None, "null": None, "NaN": "NaN", "Infinity": "Infinity", "-Infinity": "-Infinity"}


class _RefusedError(Exception):
    """Raised by a hook of Python's JSON reader: something is wrong, and the locating scan will say what and where."""


def read_json_file(
    path: Path, *, what: str = "JSON file", max_bytes: int | None = None, decimal_integers: bool = False
) -> Any:
    """The JSON value in ``path``; a :class:`GovpressError` with the file, line and column of what is wrong."""
    return parse_json(read_text_file(path, what=what, max_bytes=max_bytes), path, decimal_integers=decimal_integers)


def parse_json(text: str, path: Path | str | None = None, *, decimal_integers: bool = False) -> Any:
    """The JSON value of ``text``, or a :class:`GovpressError` naming ``path`` and each problem's line and column.

    Whole numbers are ``int``, or ``Decimal`` with ``decimal_integers`` (for readers that treat every figure alike).
    """
    text = text.removeprefix("\ufeff")
    if _SURROGATE_ESCAPE.search(text) and _LONE_SURROGATE.search(text):
        _raise_located(text, path)  # (an escaped backslash before "u" can look like one: then nothing is raised)
    try:
        value = json.loads(
            text,
            object_pairs_hook=_unique_keys,
            parse_float=_decimal,
            parse_int=_decimal_integer if decimal_integers else _integer,
            parse_constant=_constant,
        )
    except json.JSONDecodeError as error:
        raise GovpressError(Problem.error(f"not valid JSON: {error.msg}", path, error.lineno, error.colno)) from None
    except (_RefusedError, RecursionError):
        _raise_located(text, path)
        raise GovpressError(Problem.error("not valid JSON", path)) from None  # the scan always finds it; a guard
    if text.count("[") + text.count("{") > MAX_DEPTH and _deeper_than(value, MAX_DEPTH):
        _raise_located(text, path)
        raise GovpressError(Problem.error(f"nested more than {MAX_DEPTH} levels deep", path))  # a guard, as above
    return value


def _deeper_than(value: Any, limit: int) -> bool:
    """Whether objects and arrays in ``value`` nest more than ``limit`` levels deep (level by level, no recursion).

    A container holding no container (most of them) costs one C-level pass over its values' types.
    """
    level = [value] if type(value) in _CONTAINERS else []
    for _ in range(limit):
        below: list[Any] = []
        for item in level:
            children = item.values() if type(item) is dict else item
            if not _CONTAINERS.isdisjoint(map(type, children)):
                below.extend(child for child in children if type(child) in _CONTAINERS)
        if not below:
            return False
        level = below
    return True


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found = dict(pairs)
    if len(found) != len(pairs):
        raise _RefusedError
    return found


def _decimal(literal: str) -> Decimal:
    if number_problem(literal) is not None:
        raise _RefusedError
    return Decimal(literal)


def _integer(literal: str) -> int:
    if len(literal) > MAX_NUMBER_CHARS:
        raise _RefusedError
    return int(literal)


def _decimal_integer(literal: str) -> Decimal:
    if len(literal) > MAX_NUMBER_CHARS:
        raise _RefusedError
    return Decimal(literal)


def _constant(name: str) -> Any:
    raise _RefusedError


def number_problem(literal: str) -> str | None:
    """Why a JSON number literal is refused (too long, or its exponent out of range), or ``None``."""
    if len(literal) > MAX_NUMBER_CHARS:
        return f"a number of {len(literal):,} characters: the limit is {MAX_NUMBER_CHARS}"
    if ("e" in literal or "E" in literal) and abs(Decimal(literal).adjusted()) > MAX_EXPONENT:
        return f"the number {literal} is out of range (exponents go from -{MAX_EXPONENT} to {MAX_EXPONENT})"
    return None


def _raise_located(text: str, path: Path | str | None) -> None:
    problems = _JsonScan(text, path).run()
    if problems:
        raise GovpressError(problems)


class _JsonScan:
    """A scan of the whole text that finds where each problem is (a stack, no recursion; slower, run only on error)."""

    def __init__(self, text: str, path: Path | str | None) -> None:
        self.text = text
        self.path = path
        self.problems: list[Problem] = []
        self.newlines: list[int] | None = None

    def problem(self, message: str, index: int) -> None:
        if self.newlines is None:
            self.newlines = [match.start() for match in re.finditer("\n", self.text)]
        line = bisect.bisect_left(self.newlines, index)
        column = index - (self.newlines[line - 1] + 1 if line else 0) + 1
        self.problems.append(Problem.error(message, self.path, line + 1, column))

    def run(self) -> list[Problem]:
        """Every problem up to the first syntax error (which stops the scan)."""
        text = self.text
        stack: list[dict[str, int] | None] = []  # per open container: an object's keys (and where), None for arrays
        state, index = "value", 0
        while True:
            index = _SPACE.match(text, index).end()  # type: ignore[union-attr]  # matches the empty string
            char = text[index : index + 1]
            if state == "after":
                if not stack:
                    if char:
                        self.problem("not valid JSON: Extra data", index)
                    return self.problems
                closer = "}" if isinstance(stack[-1], dict) else "]"
                if char == ",":
                    state = "key" if closer == "}" else "value"
                elif char == closer:
                    stack.pop()
                else:
                    self.problem(f"not valid JSON: Expecting ',' delimiter or '{closer}'", index)
                    return self.problems
                index += 1
            elif state == "key" or state == "first-key":
                if char == "}" and state == "first-key":
                    stack.pop()
                    state, index = "after", index + 1
                    continue
                past_key = self.key(stack[-1], index)
                if past_key is None:
                    return self.problems
                state, index = "value", past_key
            else:
                past_value = self.value(stack, index, first=state == "first-value")
                if past_value is None:
                    return self.problems
                state, index = past_value

    def key(self, keys: dict[str, int] | None, index: int) -> int | None:
        """Past the key at ``index`` and its colon (a duplicate noted), or ``None`` after a syntax error."""
        if self.text[index : index + 1] != '"':
            self.problem("not valid JSON: Expecting property name enclosed in double quotes", index)
            return None
        found = self.string(index)
        if found is None or keys is None:
            return None
        key, after = found
        if key in keys:
            first = keys[key]
            line = self.text.count("\n", 0, first) + 1
            column = first - self.text.rfind("\n", 0, first)
            self.problem(f"duplicate key {_shown(key)} (first at line {line}, column {column})", index)
        else:
            keys[key] = index
        after = _SPACE.match(self.text, after).end()  # type: ignore[union-attr]
        if self.text[after : after + 1] != ":":
            self.problem("not valid JSON: Expecting ':' delimiter", after)
            return None
        return after + 1

    def value(self, stack: list[dict[str, int] | None], index: int, first: bool) -> tuple[str, int] | None:
        """The next state and index past the value at ``index``, or ``None`` after a syntax error."""
        text = self.text
        char = text[index : index + 1]
        if char in ("{", "["):
            if len(stack) >= MAX_DEPTH:
                self.problem(f"nested more than {MAX_DEPTH} levels deep", index)
                return None
            stack.append({} if char == "{" else None)
            return ("first-key" if char == "{" else "first-value"), index + 1
        if char == "]" and first:
            stack.pop()
            return "after", index + 1
        if char == '"':
            found = self.string(index)
            return None if found is None else ("after", found[1])
        number = _NUMBER.match(text, index)
        word = next((w for w in _WORDS if text.startswith(w, index)), None)
        if number is not None:
            problem = number_problem(number.group())
            if problem is not None:
                self.problem(problem, index)
            return "after", number.end()
        if word is not None:
            if _WORDS[word] is not None:
                self.problem(f"{word} is not a number JSON allows", index)
            return "after", index + len(word)
        self.problem("not valid JSON: Expecting value", index)
        return None

    def string(self, index: int) -> tuple[str, int] | None:
        """The string at ``index`` and the index past it (half a surrogate pair noted); ``None`` on a syntax error."""
        try:
            value, after = _scanstring(self.text, index + 1, True)
        except json.JSONDecodeError as error:
            self.problem(f"not valid JSON: {error.msg}", error.pos)
            return None
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as error:
            half = f"\\u{ord(value[error.start]):04x}"
            self.problem(f"the text holds {half}, half of a surrogate pair and no character on its own", index)
        return value, after


def _shown(key: str) -> str:
    return repr(key) if len(key) <= 80 else repr(key[:77]) + "..."


_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def item_lines(text: str, key: str | None = None) -> list[int]:
    """The line on which each element starts: of the top-level array of ``text``, or (``key``) of the array that is
    that key's value in the top-level object. ``text`` is JSON already read by :func:`parse_json` (so valid, and no
    deeper than :data:`MAX_DEPTH`); messages about the elements of a list name their line with it."""
    start = _array_start(text, key)
    if start is None:
        return []
    decoder = json.JSONDecoder()
    lines: list[int] = []
    line, counted, index = 1, 0, start + 1
    while True:
        index = _SPACE.match(text, index).end()  # type: ignore[union-attr]  # the pattern matches the empty text
        if index >= len(text) or text[index] == "]":
            return lines
        line += text.count("\n", counted, index)
        counted = index
        lines.append(line)
        _, index = decoder.raw_decode(text, index)
        index = _SPACE.match(text, index).end()  # type: ignore[union-attr]
        if index < len(text) and text[index] == ",":
            index += 1


def _array_start(text: str, key: str | None) -> int | None:
    """Where the array of :func:`item_lines` opens, or ``None`` when there is none."""
    if key is None:
        index = _SPACE.match(text, 1 if text.startswith("\ufeff") else 0).end()  # type: ignore[union-attr]
        return index if text[index : index + 1] == "[" else None
    depth, last = 0, ""
    for token in _TOKEN.finditer(text):
        value = token.group()
        if value in "[{":
            depth += 1
            if value == "[" and depth == 2 and last and json.loads(last) == key:
                return token.start()
        elif value in "]}":
            depth -= 1
        elif depth == 1:
            last = value
    return None
