"""Load a legacy project's commitments: department-response partials + strategy headings + home page + strategy list."""

from __future__ import annotations

from pathlib import Path

from govpress.commitments.legacy.organisations import (
    StrategyLink,
    abbreviation,
    name_key,
    organisation_slug,
    strategy_links,
)
from govpress.commitments.legacy.partials import ActionPartial, Block, parse_partial
from govpress.commitments.legacy.strategy import StrategyAction, short_titles, strategy_actions, strategy_document
from govpress.commitments.model import (
    Action,
    Commitments,
    Organisation,
    Response,
    SourceRef,
    Strategy,
    status_of_text,
)
from govpress.dialect.includes import read_partial_file
from govpress.problems import GovpressError, Problem

SOURCE_DIR = "source"
RESPONSES_DIR = Path("partials/departmentactions")


def is_legacy_project(project: Path, source: Path | None = None) -> bool:
    """Whether the project's source folder (``project/source`` unless given) has department-response partials."""
    return any(((source or project / SOURCE_DIR) / RESPONSES_DIR).glob("_action*.md"))


def read_partials(source: Path) -> list[tuple[Path, ActionPartial]]:
    """Every ``_actionNN.md`` parsed, in file name order; all parse errors reported together."""
    parsed: list[tuple[Path, ActionPartial]] = []
    problems: list[Problem] = []
    for path in sorted((source / RESPONSES_DIR).glob("_action*.md")):
        try:
            parsed.append((path, parse_partial(read_partial_file(path, source), str(path))))
        except GovpressError as error:
            problems.extend(error.problems)
    if problems:
        raise GovpressError(problems)
    return parsed


def load_legacy(project: Path, source: Path | None = None) -> Commitments:
    """The commitments of a legacy project (its sources in ``project/source`` unless ``source`` is given).

    Raises :class:`GovpressError` with every problem found when they cannot be read.
    """
    source = source or project / SOURCE_DIR
    partials = read_partials(source)
    if not partials:
        message = f"no department-response partials here ({RESPONSES_DIR}/_actionNN.md)"
        raise GovpressError(Problem.error(message, source))
    index = source / RESPONSES_DIR / "_index.md"
    links = strategy_links(read_partial_file(index, source)) if index.is_file() or index.is_symlink() else []
    organisations = _organisations(partials, links, index)
    responses = _responses(partials, {name_key(" ".join(o.display_lines)): o.id for o in organisations})
    headings = strategy_actions(source)
    actions = _actions(partials, headings, short_titles(source))
    document = strategy_document(source, headings)
    return Commitments(actions, organisations, responses, Strategy(*document) if document else None)


def _actions(
    partials: list[tuple[Path, ActionPartial]], strategy: list[StrategyAction], shorts: dict[int, str]
) -> tuple[Action, ...]:
    by_number = {s.number: s for s in strategy}
    actions: dict[int, Action] = {}
    for path, partial in partials:
        if partial.number in actions:
            raise GovpressError(Problem.error(f"action {partial.number:02d} is defined twice", path, partial.line))
        known = by_number.get(partial.number)
        actions[partial.number] = Action(
            number=partial.number,
            title=known.title if known else partial.heading,
            heading=partial.heading,
            short_title=shorts.get(partial.number),
            principle=known.principle if known else None,
            intro=partial.intro or None,
            source=SourceRef(str(path), partial.line),
        )
    for extra in strategy:
        if extra.number not in actions:
            actions[extra.number] = Action(
                extra.number,
                extra.title,
                extra.title,
                shorts.get(extra.number),
                extra.principle,
                None,
                SourceRef(extra.path, extra.line),
            )
    return tuple(actions[n] for n in sorted(actions))


def _organisations(
    partials: list[tuple[Path, ActionPartial]], links: list[StrategyLink], index: Path
) -> tuple[Organisation, ...]:
    by_key = {name_key(link.name): link for link in links}
    seen: dict[str, tuple[Path, Block]] = {}
    texts: dict[str, list[str]] = {}
    for path, partial in partials:
        for block in partial.blocks:
            key = name_key(" ".join(block.display_lines))
            seen.setdefault(key, (path, block))
            texts.setdefault(key, []).append(block.text)
    organisations: list[Organisation] = []
    for key, (path, block) in seen.items():
        link = by_key.get(key)
        name = link.name if link else " ".join(block.display_lines)
        organisations.append(
            Organisation(
                id=organisation_slug(name),
                name=name,
                display_lines=block.display_lines,
                logo_class=block.logo_class,
                abbreviation=abbreviation(name, texts[key] + ([link.note] if link and link.note else [])),
                strategy_url=link.url if link else None,
                strategy_note=link.note if link else None,
                source=SourceRef(str(index), link.line) if link else SourceRef(str(path), block.line),
            )
        )
    organisations += [_listed_only(link, index) for key, link in by_key.items() if key not in seen]
    return tuple(organisations)


def _listed_only(link: StrategyLink, index: Path) -> Organisation:
    """An organisation the strategy list names but no action page has (kept: it has a strategy of its own)."""
    return Organisation(
        id=organisation_slug(link.name),
        name=link.name,
        display_lines=(link.name,),
        logo_class="logo-single",
        abbreviation=abbreviation(link.name, [link.note] if link.note else []),
        strategy_url=link.url,
        strategy_note=link.note,
        source=SourceRef(str(index), link.line),
    )


def _responses(partials: list[tuple[Path, ActionPartial]], ids: dict[str, str]) -> tuple[Response, ...]:
    responses: list[Response] = []
    seen: set[tuple[int, str]] = set()
    for path, partial in partials:
        for block in partial.blocks:
            organisation = ids[name_key(" ".join(block.display_lines))]
            if (partial.number, organisation) in seen:
                message = f"a second response of {organisation} to action {partial.number:02d}"
                raise GovpressError(Problem.error(message, path, block.line))
            seen.add((partial.number, organisation))
            source = SourceRef(str(path), block.text_line)
            responses.append(Response(partial.number, organisation, status_of_text(block.text), block.text, source))
    return tuple(responses)
