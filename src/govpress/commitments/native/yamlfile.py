"""Read a YAML file into plain values while keeping the line of every value, so that errors can name it.

:func:`load_yaml` composes the node tree (PyYAML keeps each node's start mark), then builds plain Python values and a
map from each value's path (``("responses", 3, "text")``) to its 1-based line. :func:`validate` runs a pydantic model
over the values and turns its errors into problems at those lines.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from govpress.problems import GovpressError, Problem

Loc = tuple[int | str, ...]
Model = TypeVar("Model", bound=BaseModel)


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
    """The YAML in ``path`` (or ``text``, read from it); a syntax error is a :class:`GovpressError` at its line."""
    try:
        node = yaml.compose(path.read_text(encoding="utf-8") if text is None else text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        raise GovpressError(Problem.error(f"not valid YAML: {error.problem}", path, line, column)) from None
    lines: dict[Loc, int] = {}
    data = _plain(node, (), lines, yaml.SafeLoader("")) if node is not None else None
    return YamlDocument(path, data, lines)


def _plain(node: yaml.Node, loc: Loc, lines: dict[Loc, int], scalars: yaml.SafeLoader) -> Any:
    lines[loc] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = scalars.construct_object(key_node)
            result[key] = _plain(value_node, (*loc, key), lines, scalars)
            lines[(*loc, key)] = key_node.start_mark.line + 1
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_plain(item, (*loc, index), lines, scalars) for index, item in enumerate(node.value)]
    return scalars.construct_object(node)


def validate(model: type[Model], document: YamlDocument, loc: Loc = ()) -> Model:
    """``model`` read from the value at ``loc``; every validation error becomes a problem with its file and line."""
    value = document.data
    for part in loc:
        value = value[part]
    try:
        return model.model_validate(value)
    except ValidationError as error:
        problems = [
            Problem.error(
                _message(detail["loc"], detail["msg"], detail["type"]),
                document.path,
                document.line((*loc, *detail["loc"])),
            )
            for detail in error.errors()
        ]
        raise GovpressError(problems) from None


def _message(loc: tuple[int | str, ...], message: str, kind: str) -> str:
    where = ".".join(str(part) for part in loc)
    if kind == "extra_forbidden":
        return f"unknown key {loc[-1]!r}" + (f" (in {'.'.join(map(str, loc[:-1]))})" if len(loc) > 1 else "")
    if kind == "missing":
        return f"missing {where}"
    return f"{where}: {message}" if where else message
