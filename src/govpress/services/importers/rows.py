"""What the spreadsheet formats share: rows with their line numbers, and the service fields of a row.

The service fields of a row are validated with :class:`ServiceRow` (pydantic); each validation error
becomes a problem naming the row, the column and its header.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from govpress.problems import Problem, ProblemLog
from govpress.safe_output import link_refusal, unsafe_link_message
from govpress.services.cells import CellPlace, read_text
from govpress.services.importers.csv_rows import Row
from govpress.services.importers.te_layout import FigureColumn
from govpress.services.model import Body, Department, Figure, Service, split_keywords, texts_of
from govpress.services.plausibility import implausible
from govpress.services.slugs import MAX_GIVEN, name_key, service_slug, slugify

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
MAX_ABBREVIATION = 40  # a department's abbreviation names its page


def named_page(abbreviation: str) -> str:
    """A department abbreviation that can name its page: it must have a letter or digit."""
    if not slugify(abbreviation):
        raise ValueError("a department abbreviation needs a letter or digit (it names the department's page)")
    return abbreviation


# Free text where surrounding spaces are removed without a warning (they change nothing a reader sees).
FREE_TEXT = frozenset({"description", "notes_on_costs", "other_notes", "keywords"})


class ServiceRow(BaseModel):
    """The service fields of one row of a spreadsheet."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    department_abbr: str = Field(min_length=1, max_length=MAX_ABBREVIATION)
    department_name: str = Field(min_length=1)
    body_name: str = ""
    body_abbr: str = ""
    name: str = Field(min_length=1)
    slug: str = Field(default="", max_length=MAX_GIVEN, pattern=f"{SLUG_PATTERN}|^$")
    category: str = ""
    url: str = ""
    description: str = ""
    notes_on_costs: str = ""
    other_notes: str = ""
    customer_type: str = ""
    business_model: str = ""
    keywords: str = ""
    high_volume: bool = False

    @field_validator("department_abbr")
    @classmethod
    def _names_a_page(cls, value: str) -> str:
        return named_page(value)

    def service(self) -> Service:
        body_abbr = self.body_abbr or self.body_name
        return Service(
            slug=self.slug or service_slug(self.department_abbr, self.name),
            name=self.name,
            department=Department(self.department_abbr, self.department_name),
            body=Body(body_abbr, self.body_name or body_abbr) if body_abbr else None,
            keywords=split_keywords(self.keywords),
            high_volume=self.high_volume,
            **texts_of(dict(self)),
        )


@dataclass(frozen=True)
class ServiceColumns:
    """Which column holds each service field (0-based), and the header texts."""

    path: str
    positions: Mapping[str, int]
    headers: list[str]

    def place(self, line: int, field: str) -> CellPlace:
        index = self.positions[field]
        return CellPlace(self.path, line, index + 1, self.headers[index])

    def texts(self, row: Row, problems: ProblemLog) -> dict[str, str]:
        """The text fields of a row (the high-volume flag is read apart); a ``url`` that is not a safe link is
        warned about at its cell (the pages show it as text: :mod:`govpress.safe_output`)."""
        texts = {
            field: read_text(
                row.cells[index], self.place(row.line, field), problems, report_spaces=field not in FREE_TEXT
            )
            for field, index in self.positions.items()
            if field != "high_volume"
        }
        refusal = link_refusal(texts["url"]) if texts.get("url") else None
        if refusal is not None:
            problems.add(self.place(row.line, "url").warning(unsafe_link_message(texts["url"], refusal)))
        return texts

    def service(self, row: Row, values: Mapping[str, object], problems: ProblemLog) -> Service | None:
        try:
            return ServiceRow.model_validate(values).service()
        except ValidationError as error:
            for detail in error.errors():
                field = str(detail["loc"][0]) if detail["loc"] else ""
                place = self.place(row.line, field) if field in self.positions else None
                message = f"{detail['msg']}: file not imported"
                problems.add(place.error(message) if place else Problem.error(message, self.path, row.line))
            return None


def high_volume_flag(text: str, place: CellPlace, problems: ProblemLog) -> bool:
    """``yes``/``y``/``1``/``true`` or empty/``no``/``0``; a spreadsheet error cell reads as not high-volume."""
    lowered = text.lower()
    if lowered in {"yes", "y", "1", "true"}:
        return True
    if lowered in {"", "no", "n", "0", "false"}:
        return False
    problems.add(place.error(f"{text!r} is not a high-volume flag (yes, 1, no, 0 or empty): file not imported"))
    return False


@dataclass
class SeenServices:
    """Services already read from one file, to report a service given twice."""

    path: str
    lines: dict[str, int]

    def check(self, service: Service, line: int, problems: ProblemLog) -> bool:
        """Whether the service is new in this file (an error is added when it is not).

        Two services with the same derived slug are two services: the store gives them one each
        (:func:`~govpress.services.slugs.settle_slug`); the same name twice, or a given slug twice, is an error.
        """
        derived = service.slug == service_slug(service.department.abbr, service.name)
        keys = [f"name:{name_key(service.department.abbr, service.name)}"]
        if not derived:
            keys.insert(0, f"slug:{service.slug}")
        for key in keys:
            if key in self.lines:
                problems.add(
                    Problem.error(
                        f"service {service.name!r} ({service.slug}) is also on line {self.lines[key]}: "
                        "file not imported",
                        self.path,
                        line,
                    )
                )
                return False
        self.lines.update(dict.fromkeys(keys, line))
        return True


def check_plausible(
    figures: Mapping[str, Figure], cells: Mapping[str, FigureColumn], path: str, line: int, problems: ProblemLog
) -> None:
    """Warnings at the cells of one period's implausible figures (see :mod:`govpress.services.plausibility`)."""
    for name, message in implausible(figures):
        cell = cells[name]
        problems.add(CellPlace(path, line, cell.index + 1, cell.header).warning(message))
