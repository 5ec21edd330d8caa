"""Load a project's native commitments data files into the model, checking them against each other."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from govpress.commitments.model import (
    Action,
    Commitments,
    Organisation,
    Response,
    SourceRef,
    Status,
    Strategy,
    status_of_text,
)
from govpress.commitments.native.schema import ActionsFile, OrganisationsFile, ResponsesFile
from govpress.commitments.native.yamlfile import load_yaml, validate
from govpress.problems import GovpressError, Problem

DATA_DIR = Path("data")
ACTIONS = DATA_DIR / "actions.yaml"
ORGANISATIONS = DATA_DIR / "organisations.yaml"
RESPONSES = DATA_DIR / "responses"

Item = TypeVar("Item")


def is_native_project(project: Path) -> bool:
    """Whether ``project`` has native commitments data (``data/actions.yaml``)."""
    return (project / ACTIONS).is_file()


def load_native(project: Path) -> Commitments:
    """The commitments in ``project/data``; a :class:`GovpressError` listing every problem when they do not fit."""
    problems: list[Problem] = []
    actions = _collect(problems, _actions, project / ACTIONS)
    strategy = _strategy(project / ACTIONS) if actions else None
    organisations = _collect(problems, _organisations, project / ORGANISATIONS)
    responses: list[Response] = []
    for path in sorted((project / RESPONSES).glob("*.yaml")):
        responses.extend(_collect(problems, _responses, path))
    problems.extend(_cross_check(actions, organisations, responses))
    if problems:
        raise GovpressError(problems)
    order = {o.id: i for i, o in enumerate(organisations)}
    responses.sort(key=lambda r: (r.action, order.get(r.organisation, 0)))
    return Commitments(tuple(sorted(actions, key=lambda a: a.number)), tuple(organisations), tuple(responses), strategy)


def _collect(problems: list[Problem], read: Callable[[Path], list[Item]], path: Path) -> list[Item]:
    """What ``read`` finds in ``path``, or nothing (its problems noted) when the file is missing or wrong."""
    if not path.is_file():
        problems.append(Problem.error("missing data file", path))
        return []
    try:
        return read(path)
    except GovpressError as error:
        problems.extend(error.problems)
        return []


def _actions(path: Path) -> list[Action]:
    document = load_yaml(path)
    entries = validate(ActionsFile, document).actions
    actions: list[Action] = []
    for index, entry in enumerate(entries):
        source = SourceRef(str(path), document.line(("actions", index)))
        heading = entry.heading or entry.title
        actions.append(
            Action(entry.number, entry.title, heading, entry.short_title, entry.principle, entry.intro, source)
        )
    return actions


def _strategy(path: Path) -> Strategy | None:
    entry = validate(ActionsFile, load_yaml(path)).strategy
    return Strategy(entry.title, entry.url) if entry else None


def _organisations(path: Path) -> list[Organisation]:
    document = load_yaml(path)
    entries = validate(OrganisationsFile, document).organisations
    return [
        Organisation(
            id=entry.id,
            name=entry.name,
            display_lines=tuple(entry.display_lines or [entry.name]),
            logo_class=entry.logo,
            abbreviation=entry.abbreviation,
            strategy_url=entry.strategy_url,
            strategy_note=entry.strategy_note,
            source=SourceRef(str(path), document.line(("organisations", index))),
        )
        for index, entry in enumerate(entries)
    ]


def _responses(path: Path) -> list[Response]:
    return read_responses(path)


def read_responses(path: Path, text: str | None = None) -> list[Response]:
    """The responses of one ``data/responses/*.yaml`` file (or of ``text``, its content at some revision)."""
    document = load_yaml(path, text)
    parsed = validate(ResponsesFile, document)
    return [
        Response(
            action=parsed.action,
            organisation=entry.organisation,
            status=Status(entry.status) if entry.status else status_of_text(entry.text),
            text=entry.text.strip("\n"),
            source=SourceRef(str(path), document.line(("responses", index))),
        )
        for index, entry in enumerate(parsed.responses)
    ]


def _cross_check(actions: list[Action], organisations: list[Organisation], responses: list[Response]) -> list[Problem]:
    """Duplicates, and responses naming an action or organisation that the other files do not define."""
    problems = _duplicates([(a.number, a.source) for a in actions], "action {} is defined twice (first at {})")
    problems += _duplicates([(o.id, o.source) for o in organisations], "organisation {} is defined twice (first at {})")
    pairs = [((r.action, r.organisation), r.source) for r in responses]
    problems += _duplicates(pairs, "a second response to action {0[0]} by {0[1]} (first at {1})")
    numbers = {a.number for a in actions}
    ids = {o.id for o in organisations}
    for response in responses:
        where = response.source
        path, line = (where.path, where.line) if where else (None, None)
        if numbers and response.action not in numbers:
            problems.append(Problem.error(f"unknown action {response.action}", path, line))
        if ids and response.organisation not in ids:
            problems.append(Problem.error(f"unknown organisation {response.organisation!r}", path, line))
    return problems


def _duplicates(keyed: Sequence[tuple[object, SourceRef | None]], message: str) -> list[Problem]:
    first: dict[object, SourceRef | None] = {}
    problems: list[Problem] = []
    for key, source in keyed:
        if key in first:
            path, line = (source.path, source.line) if source else (None, None)
            problems.append(Problem.error(message.format(key, first[key]), path, line))
        else:
            first[key] = source
    return problems
