"""Plain values from a YAML text, built from the parser's events without recursion and within stated limits.

What a data file may hold (the plain part of YAML 1.1):

- one document; mappings, sequences and scalars: text, whole numbers, finite decimals, true/false, null, dates;
- explicit tags only from the core schema (``!!str !!int !!float !!bool !!null !!timestamp !!seq !!map``):
  ``!!python/…``, ``!!binary``, ``!!set`` and custom tags (``!x``) are errors;
- keys are scalars (text, numbers, dates), each at most once per mapping (a second one is an error at its line
  naming the line of the first); merge keys (``<<``) are refused: write the values out;
- anchors and aliases (``&a`` … ``*a``): an alias repeats the anchored value. At most :data:`MAX_ALIASES` alias
  uses, and at most :data:`MAX_VALUES` values once every alias is expanded (a "billion laughs" file is refused
  as soon as it passes that count, before anything is built from it);
- nesting at most :data:`MAX_DEPTH` levels deep; a number at most :data:`MAX_NUMBER_CHARS` characters long;
  a date that does not exist (``2026-02-30``) is an error at its line and column.

:func:`compose` returns the value and the line of every value by its path (``("responses", 3, "text")``).
"""

from __future__ import annotations

import math
from collections.abc import Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import yaml

from govpress.problems import GovpressError, Problem

Loc = tuple[Any, ...]

MAX_DEPTH = 64
MAX_VALUES = 100_000
MAX_ALIASES = 1_000
MAX_NUMBER_CHARS = 100

CORE = "tag:yaml.org,2002:"
SCALAR_TAGS = frozenset(CORE + name for name in ("str", "int", "float", "bool", "null", "timestamp"))
_NOT_A = {
    CORE + "int": "a whole number",
    CORE + "float": "a number",
    CORE + "bool": "true or false",
    CORE + "timestamp": "a date",
}


class _Mark(Protocol):
    """Where an event starts (PyYAML's pure and libyaml marks alike)."""

    line: int
    column: int


def _line(mark: _Mark | None) -> int:
    return mark.line + 1 if mark is not None else 1


@dataclass
class _Open:
    """A mapping or sequence whose end has not been seen yet."""

    loc: Loc
    value: dict[Any, Any] | list[Any]
    anchor: str | None
    first_entry: int  # where its values start in the builder's list of (path, line) entries
    key: Any = None
    key_line: int = 0
    has_key: bool = False
    key_lines: dict[Any, int] = field(default_factory=dict)


class _TooDeepError(Exception):
    def __init__(self, mark: _Mark) -> None:
        self.mark = mark


class _Loader(yaml.SafeLoader):
    """PyYAML's safe loader whose scanner refuses flow collections (``[[[…``) nested deeper than :data:`MAX_DEPTH`.

    PyYAML's scanner reads every opening bracket before it gives the first event and checks all of them for each
    token (quadratic: 10,000 brackets take seconds), so the limit has to be kept by the scanner itself.
    """

    def fetch_flow_collection_start(self, TokenClass: Any) -> None:  # noqa: N803  (PyYAML's name)
        if self.flow_level >= MAX_DEPTH:
            raise _TooDeepError(self.get_mark())
        super().fetch_flow_collection_start(TokenClass)


@dataclass
class _Anchored:
    value: Any
    entries: list[tuple[Loc, int]]  # (path relative to the anchored value, line)


class _Builder:
    """Turns parser events into plain values, refusing what a data file should not hold."""

    def __init__(self, path: Path | str | None) -> None:
        self.path = path
        self.loader = yaml.SafeLoader("")
        self.open: list[_Open] = []
        self.entries: list[tuple[Loc, int]] = []
        self.anchors: dict[str, _Anchored | None] = {}  # None while the anchored value is still open
        self.aliases = 0
        self.documents = 0
        self.root: Any = None

    def fail(self, message: str, mark: _Mark | None) -> GovpressError:
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (None, None)
        return GovpressError(Problem.error(message, self.path, line, column))

    def feed(self, event: yaml.Event) -> None:
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                raise self.fail("a data file holds one YAML document, and a second one starts here", event.start_mark)
        elif isinstance(event, yaml.ScalarEvent):
            self.scalar(event)
        elif isinstance(event, yaml.SequenceStartEvent | yaml.MappingStartEvent):
            self.start(event)
        elif isinstance(event, yaml.SequenceEndEvent | yaml.MappingEndEvent):
            self.end()
        elif isinstance(event, yaml.AliasEvent):
            self.alias(event)

    def scalar(self, event: yaml.ScalarEvent) -> None:
        tag = event.tag
        if tag is None or tag == "!":
            tag = self.loader.resolve(yaml.ScalarNode, event.value, event.implicit)  # type: ignore[no-untyped-call]
        elif tag not in SCALAR_TAGS:
            raise self.fail(_tag_refused(tag), event.start_mark)
        top = self.open[-1] if self.open else None
        if top is not None and isinstance(top.value, dict) and not top.has_key:
            if tag == CORE + "merge":
                raise self.fail("merge keys (<<) are not supported: write the values out in full", event.start_mark)
            self.set_key(top, self.construct(tag, event), event.start_mark, event.anchor)
            return
        value = self.construct(tag, event)
        self.place(value, [((), _line(event.start_mark))], event.anchor, event.start_mark)

    def construct(self, tag: str, event: yaml.ScalarEvent) -> Any:
        text = event.value
        if tag == CORE + "null":
            return None
        if tag not in _NOT_A:
            return text  # text, and the tags of YAML's merge key and value key when they are not keys
        if tag in (CORE + "int", CORE + "float") and len(text) > MAX_NUMBER_CHARS:
            message = f"a number of {len(text):,} characters: the limit is {MAX_NUMBER_CHARS}"
            raise self.fail(message, event.start_mark)
        node = yaml.ScalarNode(tag, text, None, None, event.style)  # errors are located from the event
        try:
            value = self.loader.yaml_constructors[tag](self.loader, node)
        except ValueError as error:
            detail = f" ({error})" if tag == CORE + "timestamp" else ""
            raise self.fail(f"{text!r} is not {_NOT_A[tag]}{detail}", event.start_mark) from None
        except (KeyError, IndexError, AttributeError, TypeError, yaml.YAMLError):
            raise self.fail(f"{text!r} is not {_NOT_A[tag]}", event.start_mark) from None
        if isinstance(value, float) and not math.isfinite(value):
            raise self.fail(f"{text!r} is not a finite number", event.start_mark)
        return value

    def set_key(self, top: _Open, key: Any, mark: _Mark | None, anchor: str | None) -> None:
        if not isinstance(key, Hashable) or isinstance(key, dict | list):
            raise self.fail("a key must be text or a number, not a list or a mapping", mark)
        if key in top.key_lines:
            message = f"duplicate key {_shown(key)} (first at line {top.key_lines[key]})"
            raise self.fail(message, mark)
        if anchor is not None:
            self.anchors[anchor] = _Anchored(key, [])
        top.key, top.key_line, top.has_key = key, _line(mark), True
        top.key_lines[key] = _line(mark)

    def start(self, event: yaml.SequenceStartEvent | yaml.MappingStartEvent) -> None:
        mapping = isinstance(event, yaml.MappingStartEvent)
        if event.tag not in (None, "!", CORE + ("map" if mapping else "seq")):
            raise self.fail(_tag_refused(event.tag), event.start_mark)
        top = self.open[-1] if self.open else None
        if top is not None and isinstance(top.value, dict) and not top.has_key:
            raise self.fail("a key must be text or a number, not a list or a mapping", event.start_mark)
        if len(self.open) >= MAX_DEPTH:
            raise self.fail(f"nested more than {MAX_DEPTH} levels deep", event.start_mark)
        loc = self.child_loc()
        if event.anchor is not None:
            self.anchors[event.anchor] = None
        self.open.append(_Open(loc, {} if mapping else [], event.anchor, len(self.entries)))
        self.add_entries(loc, [((), _line(event.start_mark))], event.start_mark)

    def end(self) -> None:
        done = self.open.pop()
        if done.anchor is not None:
            size = len(done.loc)
            self.anchors[done.anchor] = _Anchored(
                done.value, [(loc[size:], line) for loc, line in self.entries[done.first_entry :]]
            )
        self.attach(done.value)

    def alias(self, event: yaml.AliasEvent) -> None:
        anchor = event.anchor or ""
        if anchor not in self.anchors:
            raise self.fail(f"alias *{anchor} names no anchor (&{anchor}) above it", event.start_mark)
        anchored = self.anchors[anchor]
        if anchored is None:
            raise self.fail(f"alias *{anchor} is inside the value it names", event.start_mark)
        self.aliases += 1
        if self.aliases > MAX_ALIASES:
            raise self.fail(f"more than {MAX_ALIASES:,} aliases", event.start_mark)
        top = self.open[-1] if self.open else None
        if top is not None and isinstance(top.value, dict) and not top.has_key:
            self.set_key(top, anchored.value, event.start_mark, None)
            return
        self.place(anchored.value, anchored.entries, None, event.start_mark)

    def place(self, value: Any, entries: list[tuple[Loc, int]], anchor: str | None, mark: _Mark | None) -> None:
        """Put a finished value where the open collection expects it (``entries`` are its lines)."""
        if anchor is not None:
            self.anchors[anchor] = _Anchored(value, entries)
        self.add_entries(self.child_loc(), entries, mark)
        self.attach(value)

    def add_entries(self, loc: Loc, entries: list[tuple[Loc, int]], mark: _Mark | None) -> None:
        if len(self.entries) + len(entries) > MAX_VALUES:
            message = f"the file holds more than {MAX_VALUES:,} values once its aliases are expanded"
            raise self.fail(message, mark)
        self.entries.extend(((*loc, *relative), line) for relative, line in entries)

    def child_loc(self) -> Loc:
        if not self.open:
            return ()
        top = self.open[-1]
        if isinstance(top.value, list):
            return (*top.loc, len(top.value))
        return (*top.loc, top.key)

    def attach(self, value: Any) -> None:
        if not self.open:
            self.root = value
            return
        top = self.open[-1]
        if isinstance(top.value, list):
            top.value.append(value)
            return
        top.value[top.key] = value
        self.entries.append(((*top.loc, top.key), top.key_line))  # a key's line names the entry
        top.has_key = False


def compose(text: str, path: Path | str | None) -> tuple[Any, dict[Loc, int]]:
    """The plain value of ``text`` and the line of each value by path; a located :class:`GovpressError` if refused."""
    builder = _Builder(path)
    try:
        for event in yaml.parse(text, Loader=_Loader):
            builder.feed(event)
    except _TooDeepError as error:
        raise builder.fail(f"nested more than {MAX_DEPTH} levels deep", error.mark) from None
    except yaml.MarkedYAMLError as error:
        raise builder.fail(f"not valid YAML: {error.problem}", error.problem_mark) from None
    except yaml.reader.ReaderError as error:
        line = text.count("\n", 0, error.position) + 1
        column = error.position - (text.rfind("\n", 0, error.position) + 1) + 1
        message = f"not valid YAML: the character U+{error.character:04X} is not allowed in YAML"
        raise GovpressError(Problem.error(message, path, line, column)) from None
    except yaml.YAMLError as error:
        raise GovpressError(Problem.error(f"not valid YAML: {error}", path)) from None
    return builder.root, dict(builder.entries)


def _tag_refused(tag: str) -> str:
    shown = "!!" + tag[len(CORE) :] if tag.startswith(CORE) else tag
    return f"the tag {shown} is not allowed: data files hold plain text, numbers, true/false, dates, lists and mappings"


def _shown(key: Any) -> str:
    text = repr(key) if isinstance(key, str) else str(key)
    return text if len(text) <= 80 else text[:77] + "..."
