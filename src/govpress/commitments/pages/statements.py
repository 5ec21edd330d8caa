"""Statements (Markdown) to HTML with the govpress dialect, their warnings placed at the statement's file and line."""

from __future__ import annotations

from dataclasses import dataclass

from govpress.commitments.model import Response
from govpress.dialect import DialectEngine
from govpress.problems import GovpressError, Problem
from govpress.render import render_markdown


@dataclass(frozen=True)
class RenderedStatement:
    html: str
    problems: tuple[Problem, ...]


def render_statement(response: Response, engine: DialectEngine | None = None) -> RenderedStatement:
    """The response's text as HTML; problems carry the line of the statement in its source file. ``engine``: one to
    reuse for many statements."""
    try:
        result = render_markdown(response.text, toc=False, engine=engine)
    except GovpressError as error:
        raise GovpressError([_placed(p, response) for p in error.problems]) from None
    return RenderedStatement(result.html, tuple(_placed(p, response) for p in result.problems))


def _placed(problem: Problem, response: Response) -> Problem:
    source = response.source
    if source is None:
        return problem
    line = source.line + (problem.line - 1 if problem.line else 0)
    return Problem(source.path, line, problem.column, problem.severity, problem.message)
