"""The native long format's row, validated with pydantic: one row per service and period.

Columns (CSV header, JSON object keys)::

    service, name, department, department_name, body, body_name, category, customer_type, business_model,
    url, description, notes_on_costs, other_notes, keywords, high_volume,
    period_kind, period, period_start, period_end,
    volume, digital_volume, cost_per_transaction, digital_cost_per_transaction, completion_rate, user_satisfaction

A figure is a number of at most 15 digits, at most 10 of them decimal places (a negative one is read and reported
as implausible), empty (CSV) or ``null`` (JSON) for not provided, or ``"***"`` for not
requested. ``period_start`` and ``period_end`` must be the first and last days of the period that
``period_kind`` and ``period`` name (checked once per distinct period by the reader).
The JSON Schema is ``govpress/services/native.schema.json``.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, field_validator

from govpress.services.cells import (
    FIGURE_LIMIT,
    MAX_DECIMAL_PLACES,
    MAX_DIGITS,
    NOT_REQUESTED_MARK,
)
from govpress.services.importers.rows import MAX_ABBREVIATION, SLUG_PATTERN, named_page
from govpress.services.model import (
    FIGURE_FIELDS,
    NOT_PROVIDED,
    NOT_REQUESTED,
    SERVICE_TEXTS,
    Body,
    Department,
    Missing,
    PeriodKind,
    Service,
    split_keywords,
    texts_of,
)
from govpress.services.slugs import MAX_GIVEN

SERVICE_COLUMNS = (
    "service",
    "name",
    "department",
    "department_name",
    "body",
    "body_name",
    *SERVICE_TEXTS,
    "keywords",
    "high_volume",
)
PERIOD_COLUMNS = ("period_kind", "period", "period_start", "period_end")
FIGURE_COLUMNS = FIGURE_FIELDS
COLUMNS = (*SERVICE_COLUMNS, *PERIOD_COLUMNS, *FIGURE_COLUMNS)


def figure_of(value: Decimal | str | None) -> Decimal | Missing:
    """The model figure of a validated native cell: ``None``/``""`` not provided, ``"***"`` not requested."""
    if value is None or value == "":
        return NOT_PROVIDED
    if value == NOT_REQUESTED_MARK:
        return NOT_REQUESTED
    return Decimal(value) if isinstance(value, str) else value


def _keywords(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return split_keywords(value)
    return tuple(value)


def _within_digits(value: Decimal) -> Decimal:
    """At most MAX_DIGITS digits (pydantic's ``max_digits`` would also cap the whole part at 15 - 10 digits)."""
    if len(value.normalize().as_tuple().digits) > MAX_DIGITS:
        raise ValueError(f"more than {MAX_DIGITS} digits")
    return value


FigureValue = (
    Annotated[
        Decimal,
        Field(gt=-FIGURE_LIMIT, lt=FIGURE_LIMIT, decimal_places=MAX_DECIMAL_PLACES, allow_inf_nan=False),
        AfterValidator(_within_digits),
    ]
    | Literal["***", ""]
    | None
)


class NativeService(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=False)

    service: str = Field(max_length=MAX_GIVEN, pattern=SLUG_PATTERN)
    name: str = Field(min_length=1, pattern=r"^\S(.*\S)?$")
    department: str = Field(min_length=1, max_length=MAX_ABBREVIATION, pattern=r"^\S(.*\S)?$")
    department_name: str = Field(min_length=1)
    body: str = ""
    body_name: str = ""
    category: str = ""
    customer_type: str = ""
    business_model: str = ""
    url: str = ""
    description: str = ""
    notes_on_costs: str = ""
    other_notes: str = ""
    keywords: Annotated[tuple[str, ...], BeforeValidator(_keywords)] = ()
    high_volume: bool = False

    @field_validator("department")
    @classmethod
    def _names_a_page(cls, value: str) -> str:
        return named_page(value)

    def model(self) -> Service:
        body = Body(self.body, self.body_name or self.body) if self.body else None
        return Service(
            slug=self.service,
            name=self.name,
            department=Department(self.department, self.department_name),
            body=body,
            keywords=self.keywords,
            high_volume=self.high_volume,
            **texts_of(dict(self)),
        )


class NativeObservation(BaseModel):
    """The period and figures of a row (the other columns are ignored here: see :class:`NativeService`)."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    period_kind: PeriodKind
    period: str = Field(pattern=r"^\d{4}-Q[1-4]$")
    period_start: date
    period_end: date
    volume: FigureValue = None
    digital_volume: FigureValue = None
    cost_per_transaction: FigureValue = None
    digital_cost_per_transaction: FigureValue = None
    completion_rate: FigureValue = None
    user_satisfaction: FigureValue = None


# A figure as CSV text: a number (at most MAX_DIGITS digits, MAX_DECIMAL_PLACES of them after the point; the
# bounds of govpress.services.cells), empty (not provided) or *** (not requested); checked by pattern in pydantic's
# core (whose regular expressions have no look-ahead: one branch per length of the whole part) and turned into a
# number by figure_of.
_DECIMALS = "|".join(
    rf"\d{{{whole}}}\.\d{{1,{min(MAX_DECIMAL_PLACES, MAX_DIGITS - whole)}}}" for whole in range(1, MAX_DIGITS)
)
CsvFigure = Annotated[
    str,
    Field(pattern=rf"^(?:-?(?:\d{{1,{MAX_DIGITS}}}|{_DECIMALS}|\.\d{{1,{MAX_DECIMAL_PLACES}}})|\*\*\*)?$"),
]
