"""The public render API: dialect Markdown in, an HTML fragment and what it holds out.

``render_markdown`` renders one text, ``render_document`` one document folder (its files joined, one table of
contents, one footnote list), ``render_html_includes`` expands ``{include}`` in an HTML page body. Errors in the
input raise :class:`GovpressError` (with file and line); warnings come back in ``RenderResult.problems``.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from govpress.dialect import DialectEngine, dialect_markdown
from govpress.dialect.context import (
    LEGACY_STRATEGY,
    DepartmentResponse,
    DialectContext,
    PageOutline,
    StrategyLink,
    Timestamp,
)
from govpress.dialect.department import action_number, is_department_response
from govpress.dialect.includes import INCLUDE, IncludeBudget, expand_includes
from govpress.dialect.leftovers import leftover_warnings, placeholder_warnings
from govpress.dialect.limits import MAX_DEPTH, check_limits
from govpress.dialect.outline import Heading, outline, plain_text
from govpress.dialect.page_outline import as_written
from govpress.dialect.source_text import Origin, SourceText, synthetic
from govpress.dialect.structure_check import check_structure
from govpress.dialect.timestamp import TAG as TIMESTAMP_TAG
from govpress.dialect.timestamp import document_timestamp, history_url, unknown_timestamp_warnings
from govpress.i18n import DEFAULT_LANGUAGE
from govpress.problems import GovpressError, Problem, errors_in
from govpress.textfile import read_text_file

logger = logging.getLogger(__name__)
ACTION_PARTIAL = re.compile(r"_action(?P<number>\d+)\.md")
DEFAULT_LAST_ACTION = 14

__all__ = [
    "Heading",
    "RenderResult",
    "StrategyLink",
    "document_timestamp",
    "last_action_number",
    "render_document",
    "render_html_includes",
    "render_markdown",
]


@dataclass(frozen=True)
class RenderResult:
    """An HTML fragment and what it holds. ``headings`` and ``title`` are as written (a document's settled outline
    publishes other levels); ``outline``: a document's, settled in its tree or left for the HTML path."""

    html: str
    title: str | None
    headings: tuple[Heading, ...]
    problems: tuple[Problem, ...]
    dependencies: tuple[Path, ...]
    ids: frozenset[str]
    outline: PageOutline | None = None


def last_action_number(source_dir: Path) -> int:
    """The highest NN of ``partials/departmentactions/_actionNN.md`` (14 when there are none)."""
    folder = source_dir / "partials" / "departmentactions"
    numbers = [int(m.group("number")) for p in _files(folder) if (m := ACTION_PARTIAL.fullmatch(p.name))]
    return max(numbers, default=DEFAULT_LAST_ACTION)


def render_markdown(
    text: str,
    *,
    path: Path | None = None,
    source_dir: Path | None = None,
    timestamp: datetime | None = None,
    last_action: int | None = None,
    toc: bool = True,
    engine: DialectEngine | None = None,
    strategy: StrategyLink | None = None,
    language: str = DEFAULT_LANGUAGE,
) -> RenderResult:
    """Render one text written in the dialect.

    ``path`` is where the text was read from (for messages, ``{TIMESTAMP}`` and dependencies), ``source_dir`` the
    tree whose ``partials/`` ``{include}`` reads. ``toc=False`` renders as the legacy build rendered partials of
    HTML pages (no TOC levels given: kramdown's default levels). ``timestamp`` and ``last_action`` override what
    the content tells. ``engine``: one to reuse for many renders (same output, faster), else a fresh one.
    ``strategy``: what a department response's ``{navigation}`` links to (default: the legacy site's strategy).
    ``language``: the page's, for the text govpress adds to it (a chart's unnamed series: "Series 2", "Cyfres 2").
    """
    source = expand_includes(text, path=path, source_dir=source_dir)
    check_structure(source)
    folder = path.parent if path is not None else None
    return _convert(source, folder, source_dir, timestamp, _Given(last_action, strategy, language), toc, engine)


def render_document(
    files: Sequence[Path],
    *,
    source_dir: Path,
    timestamp: datetime | None = None,
    last_action: int | None = None,
    engine: DialectEngine | None = None,
    strategy: StrategyLink | None = None,
    language: str = DEFAULT_LANGUAGE,
) -> RenderResult:
    """Render one document folder: its files in byte-wise name order, joined and converted in one go, its outline
    settled in its tree when it can be (:mod:`govpress.dialect.page_outline`)."""
    ordered = sorted(files, key=lambda p: os.fsencode(p.name))  # byte-wise; a name that is not UTF-8 sorts too
    if not ordered:
        raise GovpressError(Problem.error("a document needs at least one Markdown file"))
    source = SourceText((), ())
    for path in ordered:
        part = expand_includes(read_text_file(path), path=path, source_dir=source_dir)
        check_structure(part)
        source = source + _wrapped(part, path)
    given = _Given(last_action, strategy, language)
    return _convert(source, ordered[0].parent, source_dir, timestamp, given, True, engine, PageOutline())


def render_html_includes(
    html: str,
    *,
    path: Path,
    source_dir: Path,
    engine: DialectEngine | None = None,
    last_action: int | None = None,
    strategy: StrategyLink | None = None,
    language: str = DEFAULT_LANGUAGE,
) -> RenderResult:
    """Expand ``{include}`` in an HTML page body: ``.md`` partials rendered (``toc=False``), ``.html`` pasted."""
    given = _Given(last_action, strategy, language)
    return _HtmlIncludes(path, source_dir, engine or DialectEngine(), given, IncludeBudget()).render(html)


def _wrapped(part: SourceText, path: Path) -> SourceText:
    """A document file inside its legacy wrapper (``div.document-title`` for ``00-…``, else ``div.section``)."""
    css_class = "document-title" if path.name.startswith("00-") else "section"
    return synthetic((f"{{div .{css_class}}}", ""), path) + part + synthetic(("", "{/div}", ""), path)


def _convert(
    source: SourceText,
    folder: Path | None,
    source_dir: Path | None,
    timestamp: datetime | None,
    given: _Given,
    toc: bool,
    engine: DialectEngine | None,
    page_outline: PageOutline | None = None,
) -> RenderResult:
    text = source.text
    context = DialectContext(
        path=source.origin(0).path,
        source_dir=source_dir,
        toc=toc,
        source=source,
        timestamp=_timestamp(text, folder, source_dir, timestamp),
        department=_department(text, source_dir, given),
        language=given.language,
        outline=page_outline,
    )
    check_limits(source)
    try:
        fragment = engine.convert(text, context) if engine is not None else dialect_markdown(context).convert(text)
    except RecursionError:  # a nesting the limits do not foresee: still a message, never a traceback
        message = f"the text nests too deeply to render: keep every nesting under {MAX_DEPTH} levels"
        raise GovpressError(Problem.error(message, context.path)) from None
    errors = errors_in(context.problems)
    if errors:
        raise GovpressError(errors)
    found = outline(fragment)
    problems = [*context.problems, *placeholder_warnings(source), *leftover_warnings(found.leftovers, source)]
    if context.timestamp is not None and context.timestamp.when is None:
        problems += unknown_timestamp_warnings(source, context.timestamp.history_url is not None)
    headings = as_written(page_outline, found.headings) if page_outline is not None else found.headings
    title = next((plain_text(h.html) for h in headings if h.level == 1), None)
    return RenderResult(fragment, title, headings, tuple(problems), source.dependencies, found.ids, page_outline)


def _timestamp(text: str, folder: Path | None, source_dir: Path | None, given: datetime | None) -> Timestamp | None:
    """What ``{TIMESTAMP}`` shows (only worked out when the text uses it: git is slow): the date ``given``, else
    git's, else none known."""
    if TIMESTAMP_TAG not in text:
        return None
    url = history_url(folder, source_dir) if folder is not None else None
    if given is not None:
        return Timestamp(given, url)
    return Timestamp(document_timestamp(folder) if folder is not None else None, url)


@dataclass(frozen=True)
class _Given:
    """What the caller tells a render: what department responses need to know of the whole site (``None``: work it
    out, or the legacy default), and the page's language (of the text govpress adds: a chart's unnamed series)."""

    last_action: int | None = None
    strategy: StrategyLink | None = None
    language: str = DEFAULT_LANGUAGE


def _department(text: str, source_dir: Path | None, given: _Given) -> DepartmentResponse | None:
    if not is_department_response(text):
        return None
    last_action = given.last_action
    if last_action is None:
        last_action = last_action_number(source_dir) if source_dir is not None else DEFAULT_LAST_ACTION
    return DepartmentResponse(action_number(text), last_action, given.strategy or LEGACY_STRATEGY)


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_file()) if folder.is_dir() else []


@dataclass(frozen=True)
class _HtmlIncludes:
    """Expands the includes of one HTML page body, recursively, with cycle detection."""

    path: Path
    source_dir: Path
    engine: DialectEngine
    given: _Given
    budget: IncludeBudget  # shared by every partial of the page, Markdown ones included

    def render(self, html: str) -> RenderResult:
        problems: list[Problem] = []
        dependencies: list[Path] = [self.path]
        body = self._expand(html, self.path, (self.path.resolve(),), problems, dependencies)
        found = outline(body)
        headings = found.headings
        title = next((plain_text(h.html) for h in headings if h.level == 1), None)
        return RenderResult(body, title, headings, tuple(problems), tuple(dict.fromkeys(dependencies)), found.ids)

    def _expand(
        self, html: str, path: Path, stack: tuple[Path, ...], problems: list[Problem], dependencies: list[Path]
    ) -> str:
        pieces: list[str] = []
        position = 0
        line, counted = 1, 0
        for found in INCLUDE.finditer(html):
            line, counted = line + html.count("\n", counted, found.start()), found.start()
            pieces.append(html[position : found.start()])
            pieces.append(self._partial(found.group("name"), Origin(path, line), stack, problems, dependencies))
            position = found.end()
        pieces.append(html[position:])
        return "".join(pieces)

    def _partial(
        self, name: str, where: Origin, stack: tuple[Path, ...], problems: list[Problem], dependencies: list[Path]
    ) -> str:
        target, text, real = self.budget.partial(name, self.source_dir, where)
        if real in stack:
            chain = " -> ".join(p.name for p in (*stack, real))
            raise GovpressError(Problem.error(f"{{include {name}}} makes a cycle: {chain}", where.path, where.line))
        self.budget.spend(name, text, where, len(stack))
        dependencies.append(target)
        if target.suffix != ".md":
            return self._expand(text, target, (*stack, real), problems, dependencies)
        source = expand_includes(text, path=target, source_dir=self.source_dir, budget=self.budget)
        check_structure(source)
        result = _convert(source, target.parent, self.source_dir, None, self.given, False, self.engine)
        problems.extend(result.problems)
        dependencies.extend(result.dependencies)
        return result.html
