"""The service performance model: departments, bodies, services and their observations.

Every figure has three states: a value (``Decimal``; zero is a value), :attr:`Missing.NOT_PROVIDED` and
:attr:`Missing.NOT_REQUESTED` (``***`` in the spreadsheet). Raw figures are stored; take-up, total cost,
changes and coverage are derived when reading (:mod:`govpress.services.figures`).
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, NamedTuple, TypeAlias


class Missing(enum.Enum):
    """Why a figure has no value."""

    NOT_PROVIDED = "not provided"
    NOT_REQUESTED = "not requested"


Figure: TypeAlias = Decimal | Missing
NOT_PROVIDED = Missing.NOT_PROVIDED
NOT_REQUESTED = Missing.NOT_REQUESTED


class PeriodKind(enum.StrEnum):
    """A rolling 12 months keyed by the quarter it was requested in, or one calendar quarter."""

    ROLLING_YEAR = "rolling-year"
    QUARTER = "quarter"


@dataclass(frozen=True, order=True)
class Period:
    """A period of an observation. ``start`` and ``end`` are the first and last days (inclusive)."""

    kind: PeriodKind
    key: str
    start: date
    end: date


@dataclass(frozen=True)
class Department:
    abbr: str
    name: str


@dataclass(frozen=True)
class Body:
    """The agency or body delivering a service. ``abbr`` is the body's name when it has no abbreviation."""

    abbr: str
    name: str


FIGURE_FIELDS: tuple[str, ...] = (
    "volume",
    "digital_volume",
    "cost_per_transaction",
    "digital_cost_per_transaction",
    "completion_rate",
    "user_satisfaction",
)

# A service's text details, in the order of its fields: strings, empty when not known.
SERVICE_TEXTS: tuple[str, ...] = (
    "category",
    "customer_type",
    "business_model",
    "url",
    "description",
    "notes_on_costs",
    "other_notes",
)
SERVICE_FIELDS: tuple[str, ...] = ("name", "department", "body", *SERVICE_TEXTS, "keywords", "high_volume")


def texts_of(values: Mapping[str, Any]) -> dict[str, Any]:
    """The text details (:data:`SERVICE_TEXTS`) among ``values``, to pass to :class:`Service`."""
    return {name: values[name] for name in SERVICE_TEXTS}


def split_keywords(text: str) -> tuple[str, ...]:
    """Keywords written as one text, separated by commas."""
    return tuple(k.strip() for k in text.split(",") if k.strip())


@dataclass(frozen=True)
class Service:
    slug: str
    name: str
    department: Department
    body: Body | None = None
    category: str = ""
    customer_type: str = ""
    business_model: str = ""
    url: str = ""
    description: str = ""
    notes_on_costs: str = ""
    other_notes: str = ""
    keywords: tuple[str, ...] = ()
    high_volume: bool = False

    def texts(self) -> dict[str, str]:
        """The text details by field name, in the order of :data:`SERVICE_TEXTS`."""
        return {name: getattr(self, name) for name in SERVICE_TEXTS}


class Observation(NamedTuple):
    """The figures of one service for one period.

    Immutable like the other values, but a named tuple rather than a frozen dataclass: an import makes one per
    row (a million for a large file), and a tuple is built several times faster.
    """

    service: str
    period: Period
    volume: Figure = NOT_PROVIDED
    digital_volume: Figure = NOT_PROVIDED
    cost_per_transaction: Figure = NOT_PROVIDED
    digital_cost_per_transaction: Figure = NOT_PROVIDED
    completion_rate: Figure = NOT_PROVIDED
    user_satisfaction: Figure = NOT_PROVIDED

    def figure(self, name: str) -> Figure:
        value: Figure = getattr(self, name)
        return value


def value_of(figure: Figure) -> Decimal | None:
    """The value of a figure, or ``None`` when it has none."""
    return figure if isinstance(figure, Decimal) else None
