"""The commitments model: actions, organisations, their responses and the responses' change history.

Every value is a frozen dataclass; a :class:`Commitments` holds one whole project's worth, in content order
(actions by number, organisations in the order the content lists them, responses action by action).
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field


class Status(enum.StrEnum):
    """Whether an organisation has said what it will do about an action."""

    RESPONDED = "responded"
    AWAITING = "awaiting"


@dataclass(frozen=True, order=True)
class SourceRef:
    """Where a value came from: a file (as given to the reader) and a 1-based line."""

    path: str
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True)
class Action:
    """One of the strategy's actions.

    ``title`` is the strategy's wording (``####Action NN: …``), ``heading`` the action page's (``#Action NN: …``,
    which differs in a few words), ``short_title`` the home page's, ``principle`` the strategy principle it sits under.
    """

    number: int
    title: str
    heading: str
    short_title: str | None = None
    principle: str | None = None
    intro: str | None = None
    source: SourceRef | None = field(default=None, compare=False)

    @property
    def code(self) -> str:
        """The two-digit number used in URLs and headings (``05``)."""
        return f"{self.number:02d}"


@dataclass(frozen=True)
class Organisation:
    """A department (or other body) that responds to actions.

    ``display_lines`` is the name as the action pages break it over lines; ``logo_class`` the crest class
    (``logo-single``, ``logo-bis``…); ``strategy_url`` its own digital strategy, or ``strategy_note`` when there is none
    yet (``Awaiting DCLG confirmation``).
    """

    id: str
    name: str
    display_lines: tuple[str, ...]
    logo_class: str
    abbreviation: str | None = None
    strategy_url: str | None = None
    strategy_note: str | None = None
    source: SourceRef | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Change:
    """One revision of a response's source that changed it: when, the status before and after, and what changed."""

    date: str
    commit: str
    status_before: Status | None
    status_after: Status | None
    summary: str


_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)>?\s*\)")


@dataclass(frozen=True)
class Response:
    """What one organisation says it will do about one action (Markdown ``text``)."""

    action: int
    organisation: str
    status: Status
    text: str
    source: SourceRef | None = field(default=None, compare=False)
    history: tuple[Change, ...] = field(default=(), compare=False)

    @property
    def links(self) -> tuple[str, ...]:
        """The link targets of the text's Markdown links, in order."""
        return tuple(_LINK.findall(self.text))

    @property
    def last_changed(self) -> str | None:
        """The date of the latest change in the history, when known."""
        return self.history[-1].date if self.history else None


_AWAITING = re.compile(r"^\s*(awaiting\b.*|coming soon\W*)$", re.IGNORECASE | re.DOTALL)


def status_of_text(text: str) -> Status:
    """``awaiting`` for a placeholder (``Awaiting DCLG confirmation``, ``Coming soon...``), else ``responded``."""
    return Status.AWAITING if _AWAITING.match(text) and "](" not in text else Status.RESPONDED


@dataclass(frozen=True)
class Strategy:
    """The document the actions come from: its title and the path of its page."""

    title: str
    url: str


@dataclass(frozen=True)
class Commitments:
    """One project's actions, organisations and responses (and the strategy they belong to, when known)."""

    actions: tuple[Action, ...]
    organisations: tuple[Organisation, ...]
    responses: tuple[Response, ...]
    strategy: Strategy | None = None

    def action(self, number: int) -> Action | None:
        return next((a for a in self.actions if a.number == number), None)

    def organisation(self, organisation_id: str) -> Organisation | None:
        return next((o for o in self.organisations if o.id == organisation_id), None)

    def responses_to(self, number: int) -> tuple[Response, ...]:
        return tuple(r for r in self.responses if r.action == number)

    def responses_of(self, organisation_id: str) -> tuple[Response, ...]:
        return tuple(r for r in self.responses if r.organisation == organisation_id)

    def response(self, number: int, organisation_id: str) -> Response | None:
        return next((r for r in self.responses if r.action == number and r.organisation == organisation_id), None)
