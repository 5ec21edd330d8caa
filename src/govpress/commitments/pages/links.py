"""Warnings for the addresses in the commitments data that are not published as links (organisations' own
strategies, the strategy the actions belong to); the pages show them as text (:mod:`.views`)."""

from __future__ import annotations

from govpress.commitments.model import Commitments, SourceRef
from govpress.commitments.pages.statements import line_of
from govpress.problems import Problem
from govpress.safe_output import link_refusal, unsafe_link_message

# How many lines after an entry's first line its fields may be (an organisation's entry is a few lines long).
_ENTRY_SPAN = 30
_FILE_SPAN = 100_000


def link_problems(commitments: Commitments) -> list[Problem]:
    """A warning at its file and line for every organisation ``strategy_url`` and the strategy's ``url`` that
    :func:`govpress.safe_output.link_refusal` refuses."""
    problems: list[Problem] = []
    for organisation in commitments.organisations:
        url = organisation.strategy_url
        refusal = link_refusal(url) if url is not None else None
        if url is not None and refusal is not None:
            message = unsafe_link_message(url, refusal, f"organisation {organisation.id!r}: strategy_url")
            problems.append(_located(message, organisation.source, "strategy_url"))
    strategy = commitments.strategy
    refusal = link_refusal(strategy.url) if strategy else None
    if strategy and refusal is not None:
        first = next((a.source for a in commitments.actions if a.source), None)
        where = SourceRef(first.path, 1) if first else None
        message = unsafe_link_message(strategy.url, refusal, "strategy: url")
        problems.append(_located(message, where, "url:", span=_FILE_SPAN))
    return problems


def _located(message: str, source: SourceRef | None, key: str, span: int = _ENTRY_SPAN) -> Problem:
    if source is None:
        return Problem.warning(message)
    return Problem.warning(message, source.path, line_of(key, source, span))
