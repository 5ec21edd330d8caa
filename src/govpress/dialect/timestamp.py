"""``{TIMESTAMP}``: when the document last changed.

Grammar (inline)::

    timestamp := "{TIMESTAMP}"

It becomes ``<a href="HISTORY">1 Nov 2012 at 12:30am</a>``, HISTORY being the document folder's commit
history on GitHub (plain text when the folder is not under the source tree). The time is the date of the last
git commit that touched the document's folder (``git log -1 --format=%cI -- .`` run inside it), else the
newest mtime of the files in it; never the build time (the legacy build's bug). A caller may pass it.
Without a known time (standard input and no timestamp given) the tag is left as it is, and reported.
"""

from __future__ import annotations

import logging
import re
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from xml.etree.ElementTree import Element

import markdown
from markdown.inlinepatterns import InlineProcessor

from govpress.dialect.context import DialectContext, dialect_context
from govpress.dialect.registry import RenderContext

TAG = "{TIMESTAMP}"
HISTORY_URL = "https://github.com/alphagov/government-digital-strategy/commits/master/source/"
logger = logging.getLogger(__name__)


def format_timestamp(when: datetime) -> str:
    """The legacy style: ``1 Nov 2012 at 12:30am``."""
    hour = when.hour % 12 or 12
    return f"{when.day} {when:%b} {when.year} at {hour}:{when.minute:02d}{'am' if when.hour < 12 else 'pm'}"


def document_timestamp(folder: Path) -> datetime:
    """The last git commit date touching ``folder``, else the newest mtime of the files directly in it."""
    committed = _git_commit_date(folder)
    if committed is not None:
        return committed
    files = [p for p in folder.iterdir() if p.is_file()] if folder.is_dir() else []
    newest = max((p.stat().st_mtime for p in files), default=folder.stat().st_mtime)
    return datetime.fromtimestamp(newest, tz=UTC)


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
    """``{TIMESTAMP}`` → the linked date (left alone when no time is known)."""

    def __init__(self, pattern: str, md: markdown.Markdown, context: DialectContext) -> None:
        super().__init__(pattern, md)
        self.context = context

    def handleMatch(  # type: ignore[override]  # noqa: N802 (Python-Markdown API)
        self, m: re.Match[str], data: str
    ) -> tuple[Element | None, int | None, int | None]:
        timestamp = self.context.timestamp
        if timestamp is None:
            return None, None, None
        text = format_timestamp(timestamp.when)
        if timestamp.history_url is None:
            element = Element("span", {"class": "timestamp"})
        else:
            element = Element("a", {"href": timestamp.history_url})
        element.text = text
        return element, m.start(0), m.end(0)


def make_timestamp(md: markdown.Markdown, context: RenderContext) -> TimestampProcessor:
    return TimestampProcessor(re.escape(TAG), md, dialect_context(context))
