"""Statements (Markdown) to HTML with the govpress dialect, their warnings placed at the statement's file and line.

Where the legacy source and the native data diverge: a statement read from a data file (``data/responses/*.yaml``,
an action's ``intro`` in ``data/actions.yaml``) comes from other hands, so its HTML is sanitised
(:func:`govpress.safe_output.sanitise_html`) and every removal is a warning at its line; a statement read from the
publisher's own source pages (the legacy ``source/partials/departmentactions/`` partials) keeps its raw HTML, as the
dialect allows for source pages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from govpress.commitments.model import Action, Response, SourceRef
from govpress.dialect import DialectEngine
from govpress.problems import GovpressError, Problem
from govpress.render import render_markdown
from govpress.safe_output import sanitise_html, sanitising_notes
from govpress.textfile import read_text_file

_PLAIN_RUN = re.compile(r"[\w./()-]{4,}")


@dataclass(frozen=True)
class RenderedStatement:
    html: str
    problems: tuple[Problem, ...]


def render_statement(
    response: Response, engine: DialectEngine | None = None, *, from_data: bool = True
) -> RenderedStatement:
    """The response's text as HTML; problems carry the line of the statement in its source file. ``engine``: one to
    reuse for many statements. ``from_data``: the text comes from a data file, so its HTML is sanitised."""
    return render_text(response.text, response.source, engine, from_data=from_data)


def render_intro(action: Action, engine: DialectEngine | None = None, *, from_data: bool = True) -> RenderedStatement:
    """The action's intro (Markdown) as HTML, like :func:`render_statement`; empty when it has none."""
    if not action.intro:
        return RenderedStatement("", ())
    return render_text(action.intro, action.source, engine, from_data=from_data)


def render_text(
    text: str, source: SourceRef | None, engine: DialectEngine | None = None, *, from_data: bool = True
) -> RenderedStatement:
    """Markdown from ``source`` as HTML (sanitised when ``from_data``), with its problems placed in ``source``."""
    try:
        result = render_markdown(text, toc=False, engine=engine)
    except GovpressError as error:
        raise GovpressError([_placed(p, source) for p in error.problems]) from None
    problems = [_placed(p, source) for p in result.problems]
    html = result.html
    if from_data:
        clean = sanitise_html(html)
        if clean != html:
            problems += [
                Problem.warning(note.message, *_where(source, note.needle, text)) for note in sanitising_notes(html)
            ]
        html = clean
    return RenderedStatement(html, tuple(problems))


def _placed(problem: Problem, source: SourceRef | None) -> Problem:
    if source is None:
        return problem
    line = source.line + (problem.line - 1 if problem.line else 0)
    return Problem(source.path, line, problem.column, problem.severity, problem.message)


def _where(source: SourceRef | None, needle: str, text: str) -> tuple[str | None, int | None]:
    """The file and line of ``needle`` within the text that starts at ``source`` (else the text's first line)."""
    if source is None:
        return None, None
    return source.path, line_of(needle, source, text.count("\n") + 3)


def line_of(needle: str, source: SourceRef, span: int) -> int:
    """The first line at or after ``source.line`` (within ``span`` lines) of ``source.path`` that holds ``needle``;
    ``source.line`` when none does or the file cannot be read (only messages use this)."""
    if not needle:
        return source.line
    try:
        lines = read_text_file(Path(source.path)).splitlines()
    except GovpressError:
        return source.line
    # The needle as decoded (an entity, a line break) may not be in the file as written: then its longest plain run.
    runs = sorted(_PLAIN_RUN.findall(needle), key=len, reverse=True)
    for piece in dict.fromkeys([needle, *runs[:1]]):
        for number in range(source.line, min(source.line + span, len(lines)) + 1):
            if piece in lines[number - 1]:
                return number
    return source.line
