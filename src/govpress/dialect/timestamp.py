"""``{TIMESTAMP}``: when the document last changed.

Grammar (inline)::

    timestamp := "{TIMESTAMP}"

It becomes ``<a href="HISTORY">1 Nov 2012 at 12:30am</a>``, HISTORY being the document folder's commit
history on GitHub (plain text when the folder is not under the source tree). The time is the one a caller passes
(the site passes git's date, else the date the document's ``meta.html`` gives), else the date of the last git
commit that touched the document's folder (``git log -1 --format=%cI -- .`` run inside it); never a file's
modification time (when it was copied, not written) nor the build time (the legacy build's bug).

Without a known time the tag becomes ``<a href="HISTORY">a date shown in its history</a>`` (``<span
class="timestamp">an unknown date</span>`` without HISTORY), and a warning at each line that writes it says so
(:func:`unknown_timestamp_warnings`).
"""

from __future__ import annotations

import logging
import re
import subprocess
from datetime import datetime
from pathlib import Path
from xml.etree.ElementTree import Element

import markdown
from markdown.inlinepatterns import InlineProcessor

from govpress.dialect.context import DialectContext, dialect_context
from govpress.dialect.registry import RenderContext
from govpress.dialect.source_text import SourceText
from govpress.problems import Problem

TAG = "{TIMESTAMP}"
HISTORY_URL = "https://github.com/alphagov/government-digital-strategy/commits/master/source/"
UNKNOWN_WITH_HISTORY = "a date shown in its history"
UNKNOWN = "an unknown date"
UNKNOWN_MESSAGE = (
    "{TIMESTAMP}: no date is known for this document (its folder is not in git and its meta.html gives no "
    'dcterms.modified date): written as "%s"; commit it to git or give the date in meta.html'
)
logger = logging.getLogger(__name__)


def format_timestamp(when: datetime) -> str:
    """The legacy style: ``1 Nov 2012 at 12:30am``."""
    hour = when.hour % 12 or 12
    return f"{when.day} {when:%b} {when.year} at {hour}:{when.minute:02d}{'am' if when.hour < 12 else 'pm'}"


def document_timestamp(folder: Path) -> datetime | None:
    """The last git commit date touching ``folder`` (``None`` outside git: a file's mtime is no date we know)."""
    return _git_commit_date(folder)


def unknown_timestamp_warnings(source: SourceText, history: bool) -> list[Problem]:
    """A warning at each source line writing the tag, for a document with no known date (``history``: the tag links
    to the document's history)."""
    message = UNKNOWN_MESSAGE % (UNKNOWN_WITH_HISTORY if history else UNKNOWN)
    problems: list[Problem] = []
    for index, line in enumerate(source.lines):
        if TAG in line:
            origin = source.origin(index)
            problems.append(Problem.warning(message, origin.path, origin.line))
    return problems


def _git_commit_date(folder: Path) -> datetime | None:
    try:
        result = subprocess.run(
            ["git", "log", "-1", "--format=%cI", "--", "."],
            cwd=folder,
            capture_output=True,
            text=True,
            check=False,
            timeout=30,
        )
    except (OSError, subprocess.SubprocessError) as error:
        logger.debug("git log failed in %s: %s", folder, error)
        return None
    output = result.stdout.strip()
    if result.returncode != 0 or not output:
        return None
    return datetime.fromisoformat(output)


def history_url(folder: Path, source_dir: Path | None) -> str | None:
    """The GitHub history page of ``folder`` (relative to the source tree), if it is inside it."""
    if source_dir is None:
        return None
    try:
        relative = folder.resolve().relative_to(source_dir.resolve())
    except ValueError:
        return None
    return HISTORY_URL + relative.as_posix()


class TimestampProcessor(InlineProcessor):
    """``{TIMESTAMP}`` → the linked date (words saying it is not known, when it is not)."""

    def __init__(self, pattern: str, md: markdown.Markdown, context: DialectContext) -> None:
        super().__init__(pattern, md)
        self.context = context

    def handleMatch(  # type: ignore[override]  # noqa: N802 (Python-Markdown API)
        self, m: re.Match[str], data: str
    ) -> tuple[Element | None, int | None, int | None]:
        timestamp = self.context.timestamp
        if timestamp is None:
            return None, None, None
        known = timestamp.when
        text = format_timestamp(known) if known else UNKNOWN_WITH_HISTORY if timestamp.history_url else UNKNOWN
        if timestamp.history_url is None:
            element = Element("span", {"class": "timestamp"})
        else:
            element = Element("a", {"href": timestamp.history_url})
        element.text = text
        return element, m.start(0), m.end(0)


def make_timestamp(md: markdown.Markdown, context: RenderContext) -> TimestampProcessor:
    return TimestampProcessor(re.escape(TAG), md, dialect_context(context))
