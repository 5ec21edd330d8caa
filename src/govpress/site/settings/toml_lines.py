"""Where a setting is written in a TOML file: the line of a key, or of a key of the N-th ``[[table]]``.

A good guess from the text, not a TOML parser: the parsed file (``tomllib``) says what is wrong, this says where.
"""

from __future__ import annotations

import re


def location_line(text: str, location: tuple[str | int, ...]) -> int | None:
    """The line of ``location`` (``("navigation", 1, "path")``): a key, or a key of the N-th ``[[table]]``."""
    lines = text.splitlines()
    key = str(location[0])
    if len(location) >= 2 and isinstance(location[1], int):
        header = re.compile(rf"^\s*\[\[\s*{re.escape(key)}\s*\]\]")
        starts = [number for number, line in enumerate(lines, start=1) if header.match(line)]
        if location[1] < len(starts):
            start = starts[location[1]]
            if len(location) >= 3:
                found = key_line(lines[start:], str(location[2]), stop_at_table=True)
                return start + found if found is not None else start
            return start
    if len(location) >= 2 and all(isinstance(part, str) for part in location):
        found = table_key_line(lines, tuple(str(part) for part in location))
        if found is not None:
            return found
    return key_line(lines, key)


def table_key_line(lines: list[str], parts: tuple[str, ...]) -> int | None:
    """The line of ``parts[-k:]`` inside the ``[parts[:-k]]`` table (the longest such table), e.g. ``savings.target``
    in ``[savings]`` or ``ratios.phone``'s ``phone`` in ``[savings.ratios]``; ``None`` when no such table is open."""
    for cut in range(len(parts) - 1, 0, -1):
        header = re.compile(r"^\s*\[\s*" + r"\s*\.\s*".join(map(re.escape, parts[:cut])) + r"\s*\]")
        start = next((number for number, line in enumerate(lines, start=1) if header.match(line)), None)
        if start is not None:
            found = key_line(lines[start:], parts[cut], stop_at_table=True)
            return start + found if found is not None else start
    return None


def key_line(lines: list[str], key: str, stop_at_table: bool = False) -> int | None:
    """The line setting ``key`` (``key = …``, ``key.part = …``) or opening its table (``[key]``, ``[key.part]``)."""
    pattern = re.compile(rf"^\s*(?:\[\[?\s*)?[\"']?{re.escape(key)}[\"']?\s*(?:=|\.|\]|$)")
    for number, line in enumerate(lines, start=1):
        if pattern.match(line):
            return number
        if stop_at_table and line.lstrip().startswith("["):
            return None
    return None
