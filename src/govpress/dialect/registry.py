"""How a processor is registered with Python-Markdown, as data.

Python-Markdown runs each stage (preprocessors, block processors, tree processors, inline patterns,
postprocessors) in order of numeric priority, highest first. Those numbers are hard to see when they are
spread over many ``extendMarkdown`` methods, so govpress lists every processor it registers, with its stage,
priority and the reason it sits there, in one table (``govpress.dialect.PROCESSORS``). Each entry is a
:class:`Registration`; :func:`register_all` applies a table to a ``Markdown`` instance.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import markdown

from govpress.problems import Problem

Stage = Literal["preprocessors", "blockprocessors", "treeprocessors", "inlinePatterns", "postprocessors"]


@dataclass
class RenderContext:
    """The explicit, per-render state shared by the processors of one conversion.

    A new context (and a new ``Markdown`` instance) is made for every document, so nothing leaks from one
    render into the next.
    """

    path: Path | None = None
    source_dir: Path | None = None
    toc: bool = True
    auto_ids: bool = True
    problems: list[Problem] = field(default_factory=list)


ProcessorFactory = Callable[[markdown.Markdown, RenderContext], Any]


@dataclass(frozen=True)
class Registration:
    """One processor: its name, stage, priority, how to make it, and why it sits where it does."""

    name: str
    stage: Stage
    priority: float
    factory: ProcessorFactory
    why: str


def register_all(md: markdown.Markdown, context: RenderContext, table: Iterable[Registration]) -> None:
    """Register every processor of ``table`` on ``md``."""
    for entry in table:
        registry = getattr(md, entry.stage) if entry.stage != "blockprocessors" else md.parser.blockprocessors
        registry.register(entry.factory(md, context), entry.name, entry.priority)
