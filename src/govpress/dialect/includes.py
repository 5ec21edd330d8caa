"""``{include NAME.EXT}``: paste a partial into the text, remembering where each line came from.

Grammar::

    include    := "{include" " "+ partial " "* "}"         (anywhere in a line; several per line allowed)
    partial    := [ dir "/" ]* name "." ext                 (no spaces, no "}")
    resolves to  <source>/partials/[dir/]*_name.ext

A Markdown partial's text is pasted in place and is then processed as part of the including document;
an ``.html`` partial is pasted as it is. Includes nest (a partial may include another); a cycle is an error,
and so is a missing partial (the message names the include's file and line and the path looked for).
This is the only rule that works on the text rather than on parsed blocks.

Partials are read only inside ``<source>/partials/``: a name with ``..``, an absolute path, a backslash or a NUL, and
a partial that is a symbolic link (or lies in a linked folder) leading out of ``partials/``, are errors at the
include's file and line (:mod:`govpress.confinement`). Includes nest at most :data:`MAX_DEPTH` deep, and one document
takes at most :data:`MAX_INCLUDES` includes and :data:`MAX_CHARACTERS` characters of partials, so that a few small
partials including each other twice cannot grow a document exponentially.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from govpress.confinement import partial_name_problem, partial_target_problem, resolved
from govpress.dialect.source_text import Origin, SourceText, split_lines
from govpress.problems import GovpressError, Problem
from govpress.textfile import read_text_file

INCLUDE = re.compile(r"\{include\s+(?P<name>[^\s{}]+)\s*\}")
PARTIALS = "partials"
MAX_DEPTH = 20
MAX_INCLUDES = 10_000
MAX_CHARACTERS = 20_000_000
MAX_PARTIAL_BYTES = 5_000_000


@dataclass
class IncludeBudget:
    """What the includes of one document have used so far, and the partials they read (one per document, never
    shared between documents: a partial read twice in one document is read once)."""

    includes: int = 0
    characters: int = 0
    read: dict[tuple[Path | None, str], tuple[Path, str, Path]] = field(default_factory=dict)

    def partial(self, name: str, source_dir: Path | None, where: Origin) -> tuple[Path, str, Path]:
        """The path, text and resolved path of partial ``name`` (:func:`read_partial`)."""
        key = (source_dir, name)
        if key not in self.read:
            target, text = read_partial(name, source_dir=source_dir, where=where)
            self.read[key] = (target, text, target.resolve())
        return self.read[key]

    def spend(self, name: str, text: str, where: Origin, depth: int) -> None:
        """Count one more include of ``text``; a :class:`GovpressError` at ``where`` when it is one too many."""
        self.includes += 1
        self.characters += len(text)
        if depth > MAX_DEPTH:
            message = f"{{include {name}}}: includes nest more than {MAX_DEPTH} deep"
        elif self.includes > MAX_INCLUDES:
            message = f"{{include {name}}}: more than {MAX_INCLUDES:,} includes in one document"
        elif self.characters > MAX_CHARACTERS:
            message = f"{{include {name}}}: the includes add more than {MAX_CHARACTERS:,} characters to one document"
        else:
            return
        raise GovpressError(Problem.error(message, where.path, where.line))


def partial_path(source_dir: Path, name: str) -> Path:
    """Where ``{include name}`` reads from: ``partials/dir/_NAME.EXT`` under ``source_dir``."""
    relative = Path(name)
    return source_dir / PARTIALS / relative.parent / f"_{relative.name}"


def expand_includes(
    text: str, *, path: Path | None, source_dir: Path | None, budget: IncludeBudget | None = None
) -> SourceText:
    """``text`` (read from ``path``) with every ``{include}`` replaced by its partial, recursively."""
    stack = (path.resolve(),) if path is not None and "{include" in text else ()  # only an include reads it
    return _expand(text, path, source_dir, stack, budget or IncludeBudget())


def read_partial(name: str, *, source_dir: Path | None, where: Origin) -> tuple[Path, str]:
    """The path and text of partial ``name``; raise :class:`GovpressError` at ``where`` when it is missing or when
    it is not a file inside ``source_dir/partials/``."""
    if source_dir is None:
        message = f"{{include {name}}} needs a source folder (--source) to find partials"
        raise GovpressError(Problem.error(message, where.path, where.line))
    problem = partial_name_problem(name)
    source = resolved(source_dir)
    if problem is None and source is None:
        problem = f"the source folder {source_dir} is a symbolic link loop"
    target = partial_path(source_dir, name)
    if problem is None and source is not None and (leaves := partial_target_problem(target, source / PARTIALS)):
        problem = f"{target} {leaves}"
    if problem is None and not target.is_file():
        problem = f"partial not found (looked for {target})"
    if problem is not None:
        raise GovpressError(Problem.error(f"{{include {name}}}: {problem}", where.path, where.line))
    return target, read_text_file(target, what="partial", max_bytes=MAX_PARTIAL_BYTES)


def read_partial_file(path: Path, source_dir: Path) -> str:
    """The text of the partial file ``path`` found in ``source_dir/partials/`` by a walk (the commitments' legacy
    reader); :class:`GovpressError` at ``path`` when it leads out of ``partials/`` or is not UTF-8 text."""
    source = resolved(source_dir)
    leaves = partial_target_problem(path, source / PARTIALS) if source is not None else "is a symbolic link loop"
    if leaves is not None:
        raise GovpressError(Problem.error(f"this partial {leaves}", path))
    return read_text_file(path, what="partial", max_bytes=MAX_PARTIAL_BYTES)


def _expand(
    text: str, path: Path | None, source_dir: Path | None, stack: tuple[Path, ...], budget: IncludeBudget
) -> SourceText:
    lines: list[str] = []
    origins: list[Origin] = []
    dependencies: dict[Path, None] = {path: None} if path is not None else {}
    for number, line in enumerate(split_lines(text), start=1):
        if "{include" not in line:
            lines.append(line)
            origins.append(Origin(path, number))
            continue
        _expand_line(line, Origin(path, number), _Expansion(source_dir, stack, budget), lines, origins, dependencies)
    return SourceText(tuple(lines), tuple(origins), tuple(dependencies))


@dataclass(frozen=True)
class _Expansion:
    """What expanding the includes of one file needs to know."""

    source_dir: Path | None
    stack: tuple[Path, ...]
    budget: IncludeBudget


def _expand_line(
    line: str,
    where: Origin,
    expansion: _Expansion,
    lines: list[str],
    origins: list[Origin],
    dependencies: dict[Path, None],
) -> None:
    """One line holding includes, added to ``lines``: the text around each tag stays on the partial's first and last
    lines (a partial's first line takes the line's origin when text comes before it)."""
    lines.append("")
    origins.append(where)
    position = 0
    for found in INCLUDE.finditer(line):
        lines[-1] += line[position : found.start()]
        partial = _partial(found.group("name"), where, expansion)
        if partial.lines:
            if not lines[-1] and partial.origins:
                origins[-1] = partial.origins[0]
            lines[-1] += partial.lines[0]
            lines.extend(partial.lines[1:])
            origins.extend(partial.origins[1:])
        dependencies.update(dict.fromkeys(partial.dependencies))
        position = found.end()
    lines[-1] += line[position:]


def _partial(name: str, where: Origin, expansion: _Expansion) -> SourceText:
    target, text, resolved_target = expansion.budget.partial(name, expansion.source_dir, where)
    stack = expansion.stack
    if resolved_target in stack:
        chain = " -> ".join(p.name for p in (*stack, resolved_target))
        raise GovpressError(Problem.error(f"{{include {name}}} makes a cycle: {chain}", where.path, where.line))
    expansion.budget.spend(name, text, where, len(stack))
    if target.suffix != ".md":
        text_lines = tuple(split_lines(text))
        return SourceText(text_lines, tuple(Origin(target, n) for n in range(1, len(text_lines) + 1)), (target,))
    return _expand(text, target, expansion.source_dir, (*stack, resolved_target), expansion.budget)
