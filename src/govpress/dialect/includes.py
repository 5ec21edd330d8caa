"""``{include NAME.EXT}``: paste a partial into the text, remembering where each line came from.

Grammar::

    include    := "{include" " "+ partial " "* "}"         (anywhere in a line; several per line allowed)
    partial    := [ dir "/" ]* name "." ext                 (no spaces, no "}")
    resolves to  <source>/partials/[dir/]*_name.ext

A Markdown partial's text is pasted in place and is then processed as part of the including document;
an ``.html`` partial is pasted as it is. Includes nest (a partial may include another); a cycle is an error,
and so is a missing partial (the message names the include's file and line and the path looked for).
This is the only rule that works on the text rather than on parsed blocks.
"""

from __future__ import annotations

import re
from pathlib import Path

from govpress.dialect.source_text import Origin, SourceText, split_lines
from govpress.problems import GovpressError, Problem

INCLUDE = re.compile(r"\{include\s+(?P<name>[^\s{}]+)\s*\}")


def partial_path(source_dir: Path, name: str) -> Path:
    """Where ``{include name}`` reads from: ``partials/dir/_NAME.EXT`` under ``source_dir``."""
    relative = Path(name)
    return source_dir / "partials" / relative.parent / f"_{relative.name}"


def expand_includes(text: str, *, path: Path | None, source_dir: Path | None) -> SourceText:
    """``text`` (read from ``path``) with every ``{include}`` replaced by its partial, recursively."""
    return _expand(text, path, source_dir, (path.resolve(),) if path is not None else ())


def read_partial(name: str, *, source_dir: Path | None, where: Origin) -> tuple[Path, str]:
    """The path and text of partial ``name``; raise :class:`GovpressError` at ``where`` when it is missing."""
    if source_dir is None:
        message = f"{{include {name}}} needs a source folder (--source) to find partials"
        raise GovpressError(Problem.error(message, where.path, where.line))
    target = partial_path(source_dir, name)
    try:
        return target, target.read_text(encoding="utf-8")
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        message = f"{{include {name}}}: partial not found (looked for {target})"
        raise GovpressError(Problem.error(message, where.path, where.line)) from None


def _expand(text: str, path: Path | None, source_dir: Path | None, stack: tuple[Path, ...]) -> SourceText:
    lines: list[str] = []
    origins: list[Origin] = []
    dependencies: list[Path] = [path] if path is not None else []
    for number, line in enumerate(split_lines(text), start=1):
        if "{include" not in line:
            lines.append(line)
            origins.append(Origin(path, number))
            continue
        expanded = _expand_line(line, Origin(path, number), source_dir, stack)
        lines.extend(expanded.lines)
        origins.extend(expanded.origins)
        dependencies.extend(p for p in expanded.dependencies if p not in dependencies)
    return SourceText(tuple(lines), tuple(origins), tuple(dependencies))


def _expand_line(line: str, where: Origin, source_dir: Path | None, stack: tuple[Path, ...]) -> SourceText:
    """One line holding includes: the text around each tag stays on the partial's first and last lines."""
    result = SourceText(("",), (where,))
    position = 0
    for found in INCLUDE.finditer(line):
        result = _append_text(result, line[position : found.start()], where)
        result = _join(result, _partial(found.group("name"), where, source_dir, stack))
        position = found.end()
    return _append_text(result, line[position:], where)


def _partial(name: str, where: Origin, source_dir: Path | None, stack: tuple[Path, ...]) -> SourceText:
    target, text = read_partial(name, source_dir=source_dir, where=where)
    resolved = target.resolve()
    if resolved in stack:
        chain = " -> ".join(p.name for p in (*stack, resolved))
        raise GovpressError(Problem.error(f"{{include {name}}} makes a cycle: {chain}", where.path, where.line))
    if target.suffix != ".md":
        text_lines = tuple(split_lines(text))
        return SourceText(text_lines, tuple(Origin(target, n) for n in range(1, len(text_lines) + 1)), (target,))
    return _expand(text, target, source_dir, (*stack, resolved))


def _append_text(result: SourceText, text: str, where: Origin) -> SourceText:
    """``text`` added to the end of the last line of ``result``."""
    if not text:
        return result
    last = result.lines[-1] + text
    return SourceText((*result.lines[:-1], last), result.origins, result.dependencies)


def _join(result: SourceText, partial: SourceText) -> SourceText:
    """``partial`` pasted at the end of ``result``: its first line continues ``result``'s last line."""
    first = result.lines[-1] + (partial.lines[0] if partial.lines else "")
    lines = (*result.lines[:-1], first, *partial.lines[1:])
    first_origin = result.origins[-1] if result.lines[-1] or not partial.origins else partial.origins[0]
    origins = (*result.origins[:-1], first_origin, *partial.origins[1:])
    dependencies = result.dependencies + tuple(p for p in partial.dependencies if p not in result.dependencies)
    return SourceText(lines, origins, dependencies)
