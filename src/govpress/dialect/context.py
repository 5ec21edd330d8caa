"""The explicit state of one render, handed to every govpress processor (never module-level state)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from govpress.dialect.registry import RenderContext
from govpress.dialect.source_text import Origin, SourceText
from govpress.i18n import DEFAULT_LANGUAGE


@dataclass(frozen=True)
class Timestamp:
    """What ``{TIMESTAMP}`` shows: when the document last changed (``None``: not known), and the page listing its
    history."""

    when: datetime | None
    history_url: str | None = None


@dataclass(frozen=True)
class StrategyLink:
    """The strategy a department response's ``{navigation}`` box names and links to."""

    title: str
    url: str


LEGACY_STRATEGY = StrategyLink("Government Digital Strategy", "/digital/strategy")


@dataclass(frozen=True)
class DepartmentResponse:
    """Department-response mode (``{{DEPARTMENTRESPONSE}}``): which action this is and which is the last, and the
    strategy the actions belong to (the legacy site's, unless the site names its own)."""

    action: int | None
    last_action: int
    strategy: StrategyLink = LEGACY_STRATEGY


@dataclass
class PageOutline:
    """A whole page's outline, settled in its tree (:mod:`govpress.dialect.page_outline`), for the reader.

    ``settled``: the tree showed every heading and id (else the page is left to the HTML path); ``has_h1``: it kept
    an ``h1`` (else the reader adds the title's); ``written``: each heading's level as written and whether it is
    published (an ``h1`` with no text is dropped); ``first_skip``: where the first heading that skips a level was
    written (``None``: none skips, or its line was not found); ``marks``: Markdown headings' source text, by element,
    while the render lasts."""

    settled: bool = False
    has_h1: bool = False
    written: list[tuple[int, bool]] = field(default_factory=list)
    first_skip: Origin | None = None
    marks: dict[int, str] = field(default_factory=dict)


@dataclass
class DialectContext(RenderContext):
    """:class:`RenderContext` plus what the legacy dialect rules need; all of it is known before conversion."""

    source: SourceText = field(default_factory=lambda: SourceText((), ()))
    timestamp: Timestamp | None = None
    department: DepartmentResponse | None = None
    outline: PageOutline | None = None  # a whole page (a document): its outline is settled in its tree
    language: str = DEFAULT_LANGUAGE  # the page's: of the text govpress adds to it (a chart's unnamed series)


def dialect_context(context: RenderContext) -> DialectContext:
    """``context`` as a :class:`DialectContext` (a plain one gets the defaults)."""
    if isinstance(context, DialectContext):
        return context
    return DialectContext(
        path=context.path,
        source_dir=context.source_dir,
        toc=context.toc,
        auto_ids=context.auto_ids,
        problems=context.problems,
    )
