"""Read a YAML data file into plain values while keeping the line of every value, so that errors can name it.

:func:`load_yaml` reads the file through the shared text reader (UTF-8 only: UTF-16 and Windows-1252 files get a
message saying how to convert them; a UTF-8 byte order mark is dropped), refuses files over :data:`MAX_BYTES`, then
builds plain Python values and a map from each value's path (``("responses", 3, "text")``) to its 1-based line
(:mod:`govpress.commitments.native.yamlcompose`: no recursion, limits on nesting, aliases and size, no tags but the
plain ones, no duplicate keys). :func:`validate` runs a pydantic model over the values and turns its errors into
problems at those lines.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from govpress.commitments.native.yamlcompose import compose
from govpress.problems import GovpressError, Problem
from govpress.textfile import read_text_file

Loc = tuple[Any, ...]
Model = TypeVar("Model", bound=BaseModel)

MAX_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True)
class YamlDocument:
    """A file's plain values and the line of each value (by path)."""

    path: Path
    data: Any
    lines: dict[Loc, int]

    def line(self, loc: Loc) -> int:
        """The line of ``loc``, or of its nearest parent that has one."""
        while loc not in self.lines and loc:
            loc = loc[:-1]
        return self.lines.get(loc, 1)


def load_yaml(path: Path, text: str | None = None) -> YamlDocument:
    """The YAML in ``path`` (or ``text``, its content at some revision); a located :class:`GovpressError` if refused."""
    if text is None:
        text = read_text_file(path, what="data file", max_bytes=MAX_BYTES)
    elif len(text) > MAX_BYTES:
        message = f"data file is {len(text):,} characters, over the limit of {MAX_BYTES:,} bytes"
        raise GovpressError(Problem.error(message, path))
    data, lines = compose(text, path)
    return YamlDocument(path, data, lines)


def validate(model: type[Model], document: YamlDocument, loc: Loc = ()) -> Model:
    """``model`` read from the value at ``loc``; every validation error becomes a problem with its file and line."""
    value = document.data
    for part in loc:
        value = value[part]
    try:
        return model.model_validate(value)
    except ValidationError as error:
        problems = []
        for detail in error.errors():
            detail["loc"] = _keys_as_read(value, detail["loc"])
            problems.append(
                Problem.error(_message(detail, model), document.path, document.line((*loc, *detail["loc"])))
            )
        raise GovpressError(problems) from None


def _keys_as_read(value: Any, loc: tuple[int | str, ...]) -> tuple[Any, ...]:
    """``loc`` with the keys pydantic wrote as text (a date key becomes ``'datetime.date(…)'``) back as read."""
    found: list[Any] = []
    for part in loc:
        if isinstance(value, dict) and part not in value:
            part = next((key for key in value if not isinstance(key, str) and repr(key) == part), part)
        found.append(part)
        if isinstance(value, dict):
            value = value.get(part)
        else:
            value = value[part] if isinstance(value, list) and isinstance(part, int) and part < len(value) else None
    return tuple(found)


def _message(detail: ErrorDetails, model: type[BaseModel]) -> str:
    loc = detail["loc"]
    where = ".".join(str(part) for part in loc)
    kind = detail["type"]
    if kind == "extra_forbidden":
        return f"unknown key {loc[-1]!r}" + (f" (in {'.'.join(map(str, loc[:-1]))})" if len(loc) > 1 else "")
    if kind == "missing":
        return f"missing {where}"
    if not loc and kind == "model_type":
        keys = ", ".join(name for name, info in model.model_fields.items() if info.is_required())
        return f"expected a mapping with the keys {keys} at the top of the file, not {_kind_of(detail['input'])}"
    if kind == "model_type":
        return f"{where}: expected a mapping, not {_kind_of(detail['input'])}"
    if loc[-1] == "[key]":
        key = loc[-2]
        shown = repr(key) if isinstance(key, str) else str(key)
        return f"key {shown} in {'.'.join(map(str, loc[:-2]))}: {detail['msg']}"
    message = detail["msg"]
    if kind.endswith("_type") or kind in ("int_from_float", "string_type", "literal_error", "enum"):
        message += f", not {_kind_of(detail['input'])}"
        if isinstance(detail["input"], bool) and kind == "string_type":
            message += " (YAML reads yes, no, on, off, true and false as true or false: put the text in quotes)"
    return f"{where}: {message}" if where else message


def _kind_of(value: object) -> str:
    """How a value read from YAML is named in a message."""
    if value is None:
        return "an empty value (null)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, datetime.date):
        return f"the date {value.isoformat()}"
    if isinstance(value, int | float):
        return f"the number {value}"
    text = str(value)
    return repr(text if len(text) <= 40 else text[:37] + "...")
