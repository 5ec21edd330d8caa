"""The shapes every build record is checked against as it is read: JSON values made into govpress's values by
decoders that check each value's type and shape (:class:`BadRecordError` otherwise), and the encoders and decoders of
the two values every record holds, file stamps and problems.

Nothing here imports govpress's heavier parts: a build with nothing to do reads its record with these alone
(:mod:`govpress.site.engine.unchanged`); the page cache's own values are in :mod:`govpress.site.engine.cache_codec`.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TypeVar

from govpress.problems import Problem, Severity
from govpress.site.engine.stamps import FileStamp, KeyStamp

T = TypeVar("T")
Json = object


class BadRecordError(ValueError):
    """A value of a record that does not have the shape it must have."""


def encode_stamps(stamps: tuple[FileStamp, ...]) -> list[Json]:
    """File stamps (and generators' key stamps) as JSON, for a record."""
    encoded: list[Json] = []
    for s in stamps:
        common = [str(s.path), s.size, s.mtime_ns, s.digest]
        encoded.append(["key", *common, s.generator, s.known, s.day] if isinstance(s, KeyStamp) else ["file", *common])
    return encoded


def decode_stamps(value: Json, paths: dict[str, Path] | None = None) -> tuple[FileStamp, ...]:
    """The stamps :func:`encode_stamps` wrote (:class:`BadRecordError` when ``value`` has another shape); ``paths``:
    the paths made so far from the same strings, to make each once."""
    return tuple(list_of(value, partial(_decode_stamp, paths=paths)))


def encode_problems(problems: tuple[Problem, ...]) -> list[Json]:
    """Problems as JSON, for a record."""
    return [encode_problem(problem) for problem in problems]


def decode_problems(value: Json) -> tuple[Problem, ...]:
    """The problems :func:`encode_problems` wrote (:class:`BadRecordError` when ``value`` has another shape)."""
    return tuple(list_of(value, decode_problem))


def _decode_stamp(value: Json, paths: dict[str, Path] | None = None) -> FileStamp:
    items = list_of(value, same)
    if items[:1] == ["file"] and len(items) == 5:
        return FileStamp(path_value(items[1], paths), whole(items[2]), whole(items[3]), string(items[4]))
    if items[:1] == ["key"] and len(items) in (7, 8):  # 7: a record of a govpress before the day was kept
        path, generator, day = path_value(items[1], paths), string(items[5]), string(items[7]) if items[7:] else ""
        return KeyStamp(path, whole(items[2]), whole(items[3]), string(items[4]), generator, boolean(items[6]), day)
    raise BadRecordError("not a file stamp")


def encode_problem(problem: Problem) -> Json:
    return [problem.path, problem.line, problem.column, problem.severity.value, problem.message]


def decode_problem(value: Json) -> Problem:
    path, line, column, severity, message = fixed(value, 5)
    if severity not in ("error", "warning"):
        raise BadRecordError(f"not a severity: {severity!r}")
    return Problem(
        optional(path, path_text), optional(line, whole), optional(column, whole), Severity(severity), string(message)
    )


def same(value: Json) -> Json:
    return value


def fixed(value: Json, length: int) -> list[Json]:
    if not isinstance(value, list) or len(value) != length:
        raise BadRecordError(f"expected a list of {length} values, found {shape_of(value)}")
    return value


def list_of(value: Json, item: Callable[[Json], T]) -> list[T]:
    if not isinstance(value, list):
        raise BadRecordError(f"expected a list, found {shape_of(value)}")
    return [item(x) for x in value]


def mapping_of(value: Json, item: Callable[[Json], T]) -> dict[str, T]:
    if not isinstance(value, dict):
        raise BadRecordError(f"expected an object, found {shape_of(value)}")
    return {string(name): item(x) for name, x in value.items()}


def optional(value: Json, item: Callable[[Json], T]) -> T | None:
    return None if value is None else item(value)


def strings(value: Json) -> list[str]:
    """A list of strings, checked in one pass (the records' commonest shape: a page's links and ids)."""
    if not isinstance(value, list) or not all(type(item) is str for item in value):
        raise BadRecordError(f"expected a list of strings, found {shape_of(value)}")
    return value


def string(value: Json) -> str:
    if not isinstance(value, str):
        raise BadRecordError(f"expected a string, found {shape_of(value)}")
    return value


def path_text(value: Json) -> str:
    """A string that can name a file (no NUL)."""
    text = string(value)
    if "\0" in text:
        raise BadRecordError("a path with a NUL character")
    return text


def path_value(value: Json, paths: dict[str, Path] | None = None) -> Path:
    """A path (``paths``: those made so far from the same strings, to make each once)."""
    text = path_text(value)
    if paths is None:
        return Path(text)
    found = paths.get(text)
    if found is None:
        found = paths[text] = Path(text)
    return found


def whole(value: Json) -> int:
    if type(value) is not int:
        raise BadRecordError(f"expected a whole number, found {shape_of(value)}")
    return value


def boolean(value: Json) -> bool:
    if not isinstance(value, bool):
        raise BadRecordError(f"expected true or false, found {shape_of(value)}")
    return value


def shape_of(value: Json) -> str:
    return type(value).__name__
