"""Limits that keep a render cheap and its recursion bounded, checked on the source lines before any parsing.

Python-Markdown and ``html.parser`` read some small inputs in quadratic time, and Python-Markdown's block parser,
its inline stage and ElementTree's serialiser recurse once (or more) per level of nesting. So a text is refused,
with the file and line of the place that crosses the limit, when::

    depth        more than MAX_DEPTH (100) levels of nesting at one point (outside comments and code): the open
                 {TAG} blocks, the open block-level HTML elements, the blockquote and list markers starting the
                 line, the list items above it by indentation, and the emphasis markers (* _ ** __) open in the
                 paragraph
    block lines  more than MAX_BLOCK_LINES (250) lines in one block (no blank line between them, outside fenced
                 code), unless it is a table (header and separator rows first) or every line is a list item, a
                 footnote definition or indented: rules that take one line of a block hand the rest back, and
                 every rule reads it again
    link scan    more than MAX_LINK_SCAN + 4 * size characters read by the link patterns: from each "[" to its "]"
                 (to the end of its paragraph when it has none; Python-Markdown issue 798)
    inline work  more than MAX_INLINE_WORK + 1000 * size: the sum, over paragraphs, of length * pieces of markup
                 (an escape, a run of ` * or _, [ or [^, & < ^): Python-Markdown rebuilds a text for every inline
                 match in it
    tag scan     more than MAX_TAG_SCAN + 4 * size characters read by html.parser: from each "<" + letter, "/", "!"
                 or "?" to the next ">" (to the end when there is none: CVE-2025-6069, whose fix this Python 3.11.7
                 lacks, so the guard applies on every Python)

Each check is one pass over the text; the two scans stop as soon as their budget (linear in the size) is spent.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from itertools import accumulate

from govpress.dialect.kramdown.attribute_lists import IalSyntaxError
from govpress.dialect.source_text import SourceText
from govpress.dialect.structure_check import FENCE, checked_lines
from govpress.dialect.tag_syntax import match_closer, match_opener
from govpress.problems import GovpressError, Problem

MAX_DEPTH = 100
MAX_BLOCK_LINES = 250
MAX_LINK_SCAN = 2_000_000
MAX_TAG_SCAN = 5_000_000
MAX_INLINE_WORK = 400_000_000

_MARKERS = re.compile(r"[ \t]*(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t]))")
_LIST_ITEM = re.compile(r"(?:[-*+]|\d{1,9}[.)])[ \t]")
_LIST_OR_NOTE_LINE = re.compile(r"[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]|[ ]{0,3}\[\^[A-Za-z0-9_:-]+\]:")
_SEPARATOR_ROW = re.compile(r"[ \t|:]*-[-| \t:]*")
_HTML_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)\b[^<>]*?(/?)>")
_NESTING_HTML = frozenset(
    (
        "address", "article", "aside", "blockquote", "details", "div", "dl", "fieldset", "figure", "footer", "form",
        "header", "main", "nav", "ol", "section", "table", "ul",
    )
)  # fmt: skip
_EMPHASIS_RUN = re.compile(r"[*_]+")
_TAG_START = re.compile(r"<[A-Za-z/!?]")
_LINK_CHARACTER = re.compile(r"\\.|[\[\]]|\n[ \t]*(?=\n)")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_INLINE_MARKUP = re.compile(r"\\.|`+|\*+|_+|\[\^?|[&<^]", re.DOTALL)  # where an inline pattern may match
_FOOTNOTE_DEFINITION = re.compile(r"^ {0,3}\[\^[A-Za-z0-9_:-]+\]:", re.MULTILINE)  # a block, not inline markup


def check_limits(source: SourceText) -> None:
    """Raise :class:`GovpressError` when ``source`` crosses one of the limits (one problem per kind)."""
    lines = list(checked_lines(source.lines))
    problems = [
        problem
        for problem in (
            _nesting_problem(source, lines),
            _block_problem(source),
            _link_scan_problem(source),
            _inline_problem(source),
            _tag_scan_problem(source),
        )
        if problem is not None
    ]
    if problems:
        raise GovpressError(problems)


def _error(source: SourceText, index: int, message: str) -> Problem:
    origin = source.origin(index)
    return Problem.error(message, origin.path, origin.line)


def _nesting_problem(source: SourceText, indexes: list[int]) -> Problem | None:
    checked = set(indexes)
    tags = emphasis = 0
    html: list[str] = []
    items: list[int] = []  # the indentation of each list item open above this line
    for index, line in enumerate(source.lines):
        if index not in checked or not line.strip():
            emphasis = 0  # a paragraph ends at a blank (or skipped) line
        else:
            tags += _tag_change(line)
            emphasis = _emphasis_depth(line, emphasis)
        html_depth = _html_depth(line, html) if index in checked else len(html)
        markers = _marker_count(line)
        lists = _list_depth(line, items)
        depth = tags + html_depth + markers + lists + emphasis
        if depth > MAX_DEPTH:
            message = (
                f"nesting deeper than {MAX_DEPTH} levels ({tags} {{tag}} blocks, {html_depth} HTML elements, "
                f"{markers + lists} quote or list levels, {emphasis} emphasis markers open here)"
            )
            return _error(source, index, message)
    return None


def _list_depth(line: str, items: list[int]) -> int:
    """The list levels above ``line`` given by indentation (``items``: the indentations of the open items)."""
    stripped = line.lstrip(" \t")
    indent = len(line) - len(stripped)
    if _LIST_ITEM.match(stripped):
        while items and items[-1] >= indent:
            items.pop()
        items.append(indent)
        return len(items) - 1
    if stripped and not indent:
        items.clear()
    return len(items)


def _tag_change(line: str) -> int:
    if "{" not in line:
        return 0
    try:
        if match_opener(line) is not None:
            return 1
    except IalSyntaxError:  # reported by the structure check
        return 0
    return -1 if match_closer(line) is not None else 0


def _html_depth(line: str, stack: list[str]) -> int:
    """The deepest nesting of block-level HTML elements on ``line`` (``stack``: the elements still open)."""
    deepest = len(stack)
    if "<" not in line:
        return deepest
    for found in _HTML_TAG.finditer(line):
        name = found.group(2).lower()
        if name not in _NESTING_HTML or found.group(3):
            continue
        if not found.group(1):
            stack.append(name)
            deepest = max(deepest, len(stack))
        elif name in stack:
            del stack[len(stack) - 1 - stack[::-1].index(name) :]
    return deepest


def _marker_count(line: str) -> int:
    count = position = 0
    while found := _MARKERS.match(line, position):
        count, position = count + 1, found.end()
    return count


def _emphasis_depth(line: str, depth: int) -> int:
    """The emphasis still open after ``line``: a run of ``*``/``_`` after a space opens, one before a space closes."""
    if ("*" not in line and "_" not in line) or line.startswith("*["):  # *[ABBR]: an abbreviation
        return depth
    deepest = depth
    for found in _EMPHASIS_RUN.finditer(line):
        before = line[found.start() - 1] if found.start() else " "
        after = line[found.end()] if found.end() < len(line) else " "
        levels = (len(found.group(0)) + 1) // 2
        if before.isspace() and not after.isspace():
            depth += levels
            deepest = max(deepest, depth)
        elif after.isspace() and not before.isspace():
            depth = max(depth - levels, 0)
    return deepest


def _block_problem(source: SourceText) -> Problem | None:
    for start, length in _blocks(source.lines):
        if length > MAX_BLOCK_LINES:
            lines = source.lines[start : start + length]
            if _is_table(lines) or all(
                _LIST_OR_NOTE_LINE.match(line) or line.startswith(("    ", "\t")) for line in lines
            ):
                continue  # read in one go: a table's rows, a list's items, a run of footnote definitions, code
            message = (
                f"a block of {length} lines with no blank line between them (at most {MAX_BLOCK_LINES}, except "
                "tables, lists and footnote definitions): put blank lines between its paragraphs"
            )
            return _error(source, start, message)
    return None


def _is_table(lines: tuple[str, ...]) -> bool:
    """Whether a block starts as a table (a header row with a pipe, then a separator row): read whole."""
    return len(lines) > 1 and "|" in lines[0] and _SEPARATOR_ROW.fullmatch(lines[1]) is not None


def _blocks(lines: tuple[str, ...]) -> Iterator[tuple[int, int]]:
    """(first index, number of lines) of each run of non-blank lines outside fenced code (comments and indented
    lines count: the block parser reads them as part of their block)."""
    start, length, in_fence = -1, 0, False
    for index, line in enumerate(lines):
        if FENCE.match(line):
            in_fence = not in_fence
        if line.strip() and not in_fence:
            start, length = (start, length + 1) if length else (index, 1)
        elif length:
            yield start, length
            length = 0
    if length:
        yield start, length


def _link_scan_problem(source: SourceText) -> Problem | None:
    text = source.text
    if "[" not in text:
        return None
    budget, spent = _budget(MAX_LINK_SCAN, text), 0
    if text.count("[") * len(text) <= budget:
        return None  # no bracket can be read further than the whole text
    starts = _line_starts(source)
    opened: list[int] = []
    for found in _LINK_CHARACTER.finditer(text):
        character = found.group(0)
        if character == "[":
            opened.append(found.start())
        elif character == "]" and opened:
            spent += found.start() - opened.pop()
        elif character[0] == "\n":  # a blank line: the paragraph's open brackets were read to its end
            spent += sum(found.start() - position for position in opened)
            opened.clear()
        if spent > budget:
            return _link_error(source, starts, opened[0] if opened else found.start())
    spent += sum(len(text) - position for position in opened)
    return _link_error(source, starts, opened[0]) if spent > budget else None


def _link_error(source: SourceText, starts: list[int], position: int) -> Problem:
    message = (
        "too many '[' left open (nested, or with no ']') in one paragraph: the link rules would read the rest of "
        "the paragraph again for each one; close them or write them as '\\['"
    )
    return _error(source, bisect_right(starts, position) - 1, message)


def _inline_problem(source: SourceText) -> Problem | None:
    text = source.text
    budget, spent, start = MAX_INLINE_WORK + 1000 * len(text), 0, 0
    if sum(text.count(character) for character in "\\`*_[&<^") * len(text) <= budget:
        return None  # a bound on the sum below, found much faster
    for found in [*_BLANK_LINE.finditer(text), None]:
        paragraph = text[start : len(text) if found is None else found.start()]
        markup = len(_INLINE_MARKUP.findall(paragraph)) - len(_FOOTNOTE_DEFINITION.findall(paragraph))
        spent += markup * len(paragraph)
        if spent > budget:
            message = (
                f"a paragraph of {len(paragraph):,} characters holding {markup:,} pieces of markup "
                "(\\x, `, *, _, [, &, <, ^): rendering rebuilds its text for each one; split it into shorter paragraphs"
            )
            return _error(source, text.count("\n", 0, start), message)
        start = 0 if found is None else found.end()
    return None


def _tag_scan_problem(source: SourceText) -> Problem | None:
    text = source.text
    if "<" not in text:
        return None
    budget, spent = _budget(MAX_TAG_SCAN, text), 0
    found = _TAG_START.search(text)
    while found is not None:
        end = text.find(">", found.start())
        spent += (len(text) if end < 0 else end) - found.start()
        if spent > budget:
            message = (
                "too many '<' starting an HTML tag that no '>' closes (the HTML reader would read the rest of the "
                "text again for each one): write them as '&lt;'"
            )
            return _error(source, bisect_right(_line_starts(source), found.start()) - 1, message)
        found = _TAG_START.search(text, found.end() if end < 0 else end)  # a '<' inside a tag is part of it
    return None


def _budget(base: int, text: str) -> int:
    """A scan budget that grows with the text (so a long text of ordinary links and tags is never refused)."""
    return base + 4 * len(text)


def _line_starts(source: SourceText) -> list[int]:
    """The offset in ``source.text`` at which each line starts."""
    return [0, *accumulate(len(line) + 1 for line in source.lines[:-1])]
