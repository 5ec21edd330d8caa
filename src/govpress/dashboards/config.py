"""Dashboards configured in the project's ``dashboards/*.yaml``: read with the safe YAML reader, checked with pydantic.

A file holds one dashboard::

    title: Residents' parking permits          # required
    description: Applications, by channel.     # optional
    slug: parking-permits                      # optional: default the file's name; lower-case letters, digits, -
    modules:                                   # at least one
    - type: kpi                                # kpi, single_timeseries, grouped_timeseries, channel_breakdown,
      title: Applications last week            # completion_rate, user_satisfaction, table
      data-source:
        data-group: parking-permits            # a data set of the data API, in the site's store
        data-type: applications
        query: {period: week, collect: count:sum, duration: 8}   # the read API's parameters
      value-attribute: count:sum
      format: number                           # number, currency or percent

The ``query`` takes the read API's parameters (a list for a repeatable one) and is checked by the API's own
:func:`govpress.api.query.parse_query`. Every problem (YAML, an unknown key, a wrong type, a bad query, a slug used
twice) is an error at the file and line it is about; all the files' errors are reported together.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from govpress.api.query import QueryError, parse_query
from govpress.commitments.native.yamlfile import YamlDocument, load_yaml, validate
from govpress.confinement import inside, resolved
from govpress.dashboards.schema import MODULE_TYPES, NAME_PATTERN, NEEDS_PERIOD, DashboardFile, ModuleBase
from govpress.problems import GovpressError, Problem

FOLDER = "dashboards"
SUFFIXES = (".yaml", ".yml")
MAX_DASHBOARDS = 500


@dataclass(frozen=True)
class ConfiguredModule:
    """One module: its checked options, its query parameters and where it was written."""

    options: ModuleBase
    params: tuple[tuple[str, str], ...]
    path: Path
    line: int  # the module's first line
    source_line: int  # the line of its data-source

    @property
    def data_set(self) -> str:
        return f"{self.options.data_source.data_group}/{self.options.data_source.data_type}"

    def problem(self, message: str, *, at_source: bool = False, warning: bool = False) -> Problem:
        line = self.source_line if at_source else self.line
        make = Problem.warning if warning else Problem.error
        return make(f"module {self.options.title!r}: {message}", self.path, line)


@dataclass(frozen=True)
class DashboardConfig:
    path: Path
    slug: str
    title: str
    description: str
    modules: tuple[ConfiguredModule, ...]
    slug_line: int = 1


def dashboard_files(project: Path) -> list[Path]:
    """The dashboard files of ``project`` (``dashboards/*.yaml``), in name order."""
    folder = project / FOLDER
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in SUFFIXES and not p.name.startswith("."))


def load_dashboards(project: Path) -> list[DashboardConfig]:
    """Every configured dashboard of ``project``; a :class:`GovpressError` with every problem of every file."""
    files = dashboard_files(project)
    problems: list[Problem] = []
    if len(files) > MAX_DASHBOARDS:
        message = f"{len(files)} dashboard files: at most {MAX_DASHBOARDS} are read"
        raise GovpressError(Problem.error(message, project / FOLDER))
    found: dict[str, DashboardConfig] = {}
    for path in files:
        try:
            dashboard = load_dashboard(path, project)
        except GovpressError as error:
            problems.extend(error.problems)
            continue
        first = found.get(dashboard.slug)
        if first is not None:
            message = f"slug {dashboard.slug!r} is already used by {first.path.name}: give this dashboard its own"
            problems.append(Problem.error(message, path, dashboard.slug_line))
            continue
        found[dashboard.slug] = dashboard
    if problems:
        raise GovpressError(problems)
    return list(found.values())


def load_dashboard(path: Path, project: Path) -> DashboardConfig:
    """One dashboard file, checked."""
    target = resolved(path)
    root = resolved(project)
    if target is None or root is None or not inside(target, root):
        raise GovpressError(Problem.error("a symbolic link that leaves the project: refused, never read", path))
    if not target.is_file():
        raise GovpressError(Problem.error("not a file: a dashboard is a YAML file", path))
    document = load_yaml(path)
    try:
        top = validate(DashboardFile, document)
    except GovpressError as error:
        raise GovpressError([_plain(p) for p in error.problems]) from None
    slug = top.slug or path.stem
    problems: list[Problem] = []
    if top.slug is None and not _is_slug(slug):
        message = f"the file name {path.stem!r} is not a usable slug: add `slug:` (lower-case letters, digits and -)"
        problems.append(Problem.error(message, path, 1))
    modules = []
    for number in range(len(top.modules)):
        try:
            modules.append(_module(document, number))
        except GovpressError as error:
            problems.extend(error.problems)
    if problems:
        raise GovpressError(problems)
    return DashboardConfig(path, slug, top.title, top.description, tuple(modules), document.line(("slug",)))


def _module(document: YamlDocument, number: int) -> ConfiguredModule:
    loc = ("modules", number)
    raw = document.data["modules"][number]
    kind = raw.get("type")
    model = MODULE_TYPES.get(kind) if isinstance(kind, str) else None
    if model is None:
        shown = "missing" if kind is None else f"{kind!r} is not a module type"
        message = f"modules.{number}.type: {shown}; expected one of {', '.join(MODULE_TYPES)}"
        raise GovpressError(Problem.error(message, document.path, document.line((*loc, "type"))))
    try:
        options = validate(model, document, loc)
    except GovpressError as error:
        raise GovpressError([_in_module(p, number) for p in error.problems]) from None
    source = document.line((*loc, "data-source"))
    query_line = document.line((*loc, "data-source", "query"))
    try:
        params = _params(options.data_source.query)
        query = parse_query(params, raw_allowed=True)
    except QueryError as error:
        raise GovpressError(Problem.error(f"modules.{number}: query: {error}", document.path, query_line)) from None
    if kind in NEEDS_PERIOD and query.period is None:
        message = f"modules.{number}: query: a {kind} module needs a period (day, week, month, quarter or year)"
        raise GovpressError(Problem.error(message, document.path, query_line))
    if kind == "grouped_timeseries" and (not query.group_by or query.flatten):
        message = f"modules.{number}: query: a grouped_timeseries module needs group_by (and no flatten)"
        raise GovpressError(Problem.error(message, document.path, query_line))
    return ConfiguredModule(options, params, document.path, document.line(loc), source)


def _in_module(problem: Problem, number: int) -> Problem:
    """A problem of a module's own model, its message naming the module as the file does (``modules.2.…``)."""
    message = _plain(problem).message
    if message.startswith("missing "):
        message = f"missing modules.{number}.{message.removeprefix('missing ')}"
    elif message.startswith("unknown key "):
        message = f"modules.{number}: {message}"
    else:
        message = f"modules.{number}.{message}"
    return Problem(problem.path, problem.line, problem.column, problem.severity, message)


def _plain(problem: Problem) -> Problem:
    """``problem`` with pydantic's pattern message for a name said in words."""
    pattern = f"String should match pattern '{NAME_PATTERN}'"
    message = problem.message.replace(pattern, "expected lower-case letters, digits and -, at most 60 characters")
    return Problem(problem.path, problem.line, problem.column, problem.severity, message)


def _params(query: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    """The query as the read API's parameters: a list repeats a parameter; numbers, true/false and dates as text."""
    params: list[tuple[str, str]] = []
    for name, value in query.items():
        for item in value if isinstance(value, list) else [value]:
            if not isinstance(item, str | int | datetime.date):
                kind = "a list in a list" if isinstance(item, list) else _kind(item)
                raise QueryError(f"{name}: expected text, a whole number, true/false or a date (or a list), not {kind}")
            params.append((name, _text(item)))
    return tuple(params)


def _kind(value: Any) -> str:
    if value is None:
        return "an empty value (null)"
    if isinstance(value, dict):
        return "a mapping"
    return f"the number {value}" if isinstance(value, float) else repr(value)


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.datetime):
        moment = value if value.tzinfo else value.replace(tzinfo=datetime.UTC)
        return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, datetime.date):
        return f"{value.isoformat()}T00:00:00Z"
    return str(value)


def _is_slug(text: str) -> bool:
    return re.fullmatch(NAME_PATTERN, text) is not None
