"""Readers: a source (document folder or HTML page) in, :class:`Content` (a rendered page body) out.

Readers know nothing of layouts or output writing; they run in worker processes, so everything they take is a
plain picklable value.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath

from govpress.dialect import DialectEngine
from govpress.dialect.context import PageOutline
from govpress.problems import GovpressError, Problem
from govpress.render import RenderResult, StrategyLink, render_document, render_html_includes
from govpress.site.check.headings import heading_skip_warning
from govpress.site.legacy_html.cleanup import (
    document_body,
    drop_legacy_analytics,
    one_h1,
    strip_chrome_includes,
    title_h1,
)
from govpress.site.legacy_html.leftovers import leftover_problems
from govpress.site.legacy_html.repairs import Repair, repaired
from govpress.site.legacy_html.transcripts import add_players
from govpress.site.sources.discover import LAYOUT_TAG, DocumentSource, HtmlSource
from govpress.site.sources.locate import SourceFinder
from govpress.site.sources.meta import meta_title
from govpress.site.structure.facts import text_of, title_in
from govpress.textfile import read_text_file

DOCUMENT_LAYOUT = "document"
LAYOUTS: Mapping[str, str] = {
    "home": "home",
    "landingpage_home": "landing",
    "action": "action",
    "case_study": "case_study",
    "quarter": "quarter",
    "digital_doc": "document",
    "generic": "document",
}
ERROR_PAGES = frozenset({"error.html", "404.html"})


@dataclass(frozen=True)
class Content:
    """A rendered page body and what the layout and the checks need to know about it.

    Not a :class:`~govpress.site.structure.pages.Page` yet, for a reason: it is the body before the layout (its
    layout's name, headings, title), cached and checked as such; the layout stage makes the page from it
    (:func:`govpress.site.layout.page_layout.content_page`), at the same ``output``."""

    output: PurePosixPath
    layout: str
    body: str
    title: str
    source: Path
    dependencies: tuple[Path, ...] = ()
    problems: tuple[Problem, ...] = ()
    failed: bool = False
    headings: tuple[tuple[int, str], ...] = field(default=())


@dataclass(frozen=True)
class ReadContext:
    """What every reader needs: the folders, the last action, each page's date (by output path) and the site's
    languages (``language``: of ``source/``; ``other_languages``: each in ``source/TAG/``)."""

    source_dir: Path
    assets_dir: Path
    last_action: int | None
    dates: Mapping[str, datetime]
    strategy: StrategyLink | None = None
    language: str = "en"
    other_languages: tuple[str, ...] = ()

    def language_of(self, output: PurePosixPath) -> str:
        """The language of the page written at ``output`` (``cy/digital/index.html`` is Welsh when ``cy`` is one of
        the other languages)."""
        first = output.parts[0] if len(output.parts) > 1 else ""
        return first if first in self.other_languages else self.language


def read_document(document: DocumentSource, context: ReadContext, engine: DialectEngine | None = None) -> Content:
    """One document folder, rendered (with ``engine`` when given, to reuse one for many renders)."""
    try:
        result = render_document(
            document.files,
            source_dir=context.source_dir,
            timestamp=context.dates.get(str(document.output)),
            last_action=context.last_action,
            engine=engine,
            strategy=context.strategy,
            language=context.language_of(document.output),
        )
        title = meta_title(document.meta) or result.title
    except GovpressError as error:
        return _failed(document.output, DOCUMENT_LAYOUT, document.files[0], error)
    extra = (document.meta,) if document.meta else ()
    name = title or document.folder.name
    content = _content(document.output, DOCUMENT_LAYOUT, result, name, document.files[0], extra, context, pasted=False)
    return content if title else _with(content, [_untitled(document.files[0])])


def read_html_page(page: HtmlSource, context: ReadContext, engine: DialectEngine | None = None) -> Content:
    """One single HTML page: its layout tag removed, includes expanded, put in the layout it names."""
    layout, problems = _layout(page)
    try:
        text = read_text_file(page.path, what="page")
        page_title = meta_title(page.meta)
    except GovpressError as error:
        return _failed(page.output, layout, page.path, error)
    if page.layout is None:
        page_title = title_in(text) or page_title
        text = document_body(text)
    else:
        text = LAYOUT_TAG.sub("", text, count=1).lstrip("\n")
    try:
        body = strip_chrome_includes(text)
        result = render_html_includes(
            body,
            path=page.path,
            source_dir=context.source_dir,
            engine=engine,
            last_action=context.last_action,
            strategy=context.strategy,
            language=context.language_of(page.output),
        )
    except GovpressError as error:
        return _failed(page.output, layout, page.path, error)
    title = page_title or result.title
    extra = (page.meta,) if page.meta else ()
    content = _content(page.output, layout, result, title or page.path.parent.name, page.path, extra, context)
    problems += leftover_problems(result.html, content.dependencies)
    return _with(content, problems if title else [*problems, _untitled(page.path)])


def _heading_text(inner: str) -> str:
    """A heading's text, a line break read as a space (``Report<br>July 2013``)."""
    return text_of(inner, line_breaks=True)


def _with(content: Content, problems: list[Problem]) -> Content:
    return Content(**{**content.__dict__, "problems": (*problems, *content.problems)})


def _untitled(path: Path) -> Problem:
    return Problem.warning("page has no title (no <title> in meta.html, no <h1>): titled after its folder", path)


def _layout(page: HtmlSource) -> tuple[str, list[Problem]]:
    if page.layout is None:
        return ("error" if page.path.name in ERROR_PAGES else "page"), []
    if page.layout in LAYOUTS:
        return LAYOUTS[page.layout], []
    known = ", ".join(f"{{{name}_template}}" for name in LAYOUTS)
    message = f"unknown layout {{{page.layout}_template}}: shown with the plain page layout (known: {known})"
    return "page", [Problem.warning(message, page.path, 1)]


def _content(
    output: PurePosixPath,
    layout: str,
    result: RenderResult,
    title: str,
    source: Path,
    extra: tuple[Path, ...],
    context: ReadContext,
    pasted: bool = True,
) -> Content:
    """The page's body and what is known of it; ``pasted``: it holds pasted HTML (a page made from Markdown alone had
    its links repaired while rendering). A document whose outline was settled in its tree
    (:mod:`govpress.dialect.page_outline`) only gets the title's ``<h1>`` when it has none; any other page has its
    ``<h1>``, outline and ids repaired in its HTML (:mod:`govpress.site.legacy_html.repairs`). A document's heading
    levels are checked here (:func:`_heading_skip`), not by the site check."""
    body = drop_legacy_analytics(result.html)
    finder = SourceFinder()
    players = add_players(
        body,
        source.parent,
        context.assets_dir,
        lambda needle: finder.locate(needle, result.dependencies, source),
        context.language_of(output),
    )
    outline = result.outline
    repairs: list[Repair]
    if outline is not None and outline.settled:
        body, repairs = (players.body if outline.has_h1 else title_h1(result.title or title) + players.body), []
    else:
        body, repairs = repaired(one_h1(players.body, result.title or title), pasted)
    dependencies = tuple(dict.fromkeys((*result.dependencies, *extra, *players.captions)))
    headings = tuple((h.level, _heading_text(h.html)) for h in result.headings)
    repair_problems = [Problem.warning(r.message, *finder.locate(r.needle, dependencies, source)) for r in repairs]
    problems = (*result.problems, *players.problems, *repair_problems)
    if outline is not None:
        problems = (*problems, *_heading_skip(outline, headings, finder, dependencies, source))
    return Content(output, layout, body, title, source, dependencies, problems, False, headings)


def _heading_skip(
    outline: PageOutline,
    headings: tuple[tuple[int, str], ...],
    finder: SourceFinder,
    files: tuple[Path, ...],
    source: Path,
) -> list[Problem]:
    """A document's heading-level skip, as written: at the skipping heading's line when its tree found it, else at
    the first line of its ``files`` that holds the heading's text (as the site check finds it for other pages)."""
    where = outline.first_skip if outline.settled else None

    def locate(text: str) -> tuple[Path | None, int | None]:
        if where is not None and where.line is not None:
            return where.path, where.line
        return finder.locate(text, files, source)

    found = heading_skip_warning(headings, locate, source)
    return [found] if found is not None else []


def _failed(output: PurePosixPath, layout: str, source: Path, error: GovpressError) -> Content:
    return Content(output, layout, "", source.name, source, (source,), tuple(error.problems), failed=True)
