"""The explicit state of one render, handed to every govpress processor (never module-level state)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from govpress.dialect.registry import RenderContext
from govpress.dialect.source_text import SourceText


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
class DialectContext(RenderContext):
    """:class:`RenderContext` plus what the legacy dialect rules need; all of it is known before conversion."""

    source: SourceText = field(default_factory=lambda: SourceText((), ()))
    timestamp: Timestamp | None = None
    department: DepartmentResponse | None = None


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
