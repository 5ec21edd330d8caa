"""Reports and exemplar progress as values.

A report's exemplar figures are either per service (each exemplar and its phase) or counts by phase where only
counts were published ("13 discovery, 6 alpha, 5 beta, elements of 1 live"). A count may cover two phases at once
(April 2013: "9 at alpha/beta").
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from govpress.commitments.model import SourceRef
from govpress.i18n import N_
from govpress.problems import Problem


class Phase(enum.StrEnum):
    """The phases of a service, in order (the first two come before discovery)."""

    NOT_STARTED = "not-started"
    INITIAL_ENGAGEMENT = "initial-engagement"
    DISCOVERY = "discovery"
    ALPHA = "alpha"
    BETA = "beta"
    LIVE = "live"

    @property
    def label(self) -> str:
        """``Initial engagement``: English, marked for the catalogue (pages translate it with ``| translated``)."""
        return PHASE_LABELS[self]


PHASE_LABELS: Mapping[Phase, str] = MappingProxyType(
    {
        Phase.NOT_STARTED: N_("Not started"),
        Phase.INITIAL_ENGAGEMENT: N_("Initial engagement"),
        Phase.DISCOVERY: N_("Discovery"),
        Phase.ALPHA: N_("Alpha"),
        Phase.BETA: N_("Beta"),
        Phase.LIVE: N_("Live"),
    }
)


@dataclass(frozen=True)
class PhaseCount:
    """How many exemplars were in a phase (or in any of ``phases``, for a combined figure)."""

    phases: tuple[Phase, ...]
    count: int
    note: str | None = None

    @property
    def label(self) -> str:
        """``Beta``, ``Alpha or beta``."""
        text = " or ".join(p.label.lower() for p in self.phases)
        return text[0].upper() + text[1:]

    @property
    def key(self) -> str:
        """``beta``, ``alpha-or-beta``: the same across reports for the same phases."""
        return "-or-".join(p.value for p in self.phases)


@dataclass(frozen=True)
class PhaseStep:
    """An exemplar's phase at one report, and the day it entered that phase when known."""

    report: str
    phase: Phase
    date: str | None = None


@dataclass(frozen=True)
class Exemplar:
    """One exemplar service, the organisation that runs it, its explorer service and its phases (``exemplars.yaml``)."""

    id: str
    name: str
    organisation: str | None = None
    service: str | None = None
    phases: tuple[PhaseStep, ...] = ()
    service_source: SourceRef | None = field(default=None, compare=False)  # where ``service`` is named


@dataclass(frozen=True)
class Figure:
    """One of an exemplar's service figures as the services explorer shows it: its title, value and period."""

    title: str
    value: str
    period: str


@dataclass(frozen=True)
class Report:
    """One quarterly progress report: where it is, when it was published, and its exemplar figures."""

    id: str
    title: str
    date: str
    url: str
    summary: str | None
    total: int | None
    counts: tuple[PhaseCount, ...]
    services: tuple[tuple[str, Phase], ...]
    source: SourceRef | None = None

    def phase_counts(self) -> tuple[PhaseCount, ...]:
        """The counts as published, or worked out from the services' phases when only those are given."""
        if self.counts or not self.services:
            return self.counts
        found = [phase for _, phase in self.services]
        return tuple(PhaseCount((p,), found.count(p)) for p in Phase if p in found)

    @property
    def known_total(self) -> int:
        """The stated total, or the sum of the counts."""
        return self.total if self.total is not None else sum(c.count for c in self.phase_counts())


@dataclass(frozen=True)
class Reports:
    """Every report (newest first) and the exemplar services they follow."""

    reports: tuple[Report, ...]
    exemplars: tuple[Exemplar, ...]
    base_url: str | None = None
    title: str = "Progress reports"
    problems: tuple[Problem, ...] = field(default=(), compare=False)  # warnings found while reading them
    service_pages: str | None = None  # the explorer's folder of service pages, when the site publishes one
    figures: Mapping[str, tuple[Figure, ...]] = field(default_factory=dict)  # by explorer service slug

    @property
    def url(self) -> str:
        """The reports' list page: the folder that holds every report's page (``/`` when they share none)."""
        parts = [[p for p in r.url.split("/") if p] for r in self.reports]
        common: list[str] = []
        for names in zip(*parts, strict=False):
            if len(set(names)) != 1:
                break
            common.append(names[0])
        if parts and len(common) == min(len(p) for p in parts):
            common = common[:-1]
        return "/" + "".join(f"{name}/" for name in common)

    def exemplar(self, exemplar_id: str) -> Exemplar | None:
        return next((e for e in self.exemplars if e.id == exemplar_id), None)
