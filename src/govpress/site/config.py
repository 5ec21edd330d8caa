"""``govpress.toml``: the site's settings, typed and validated (unknown keys are errors naming file and line).

No file is needed: every key has a default, and what the content can tell (the site name) is worked out from it.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from govpress.problems import GovpressError, Problem

CONFIG_NAME = "govpress.toml"
DEFAULT_OUTPUT = "_site"


class NavigationLink(BaseModel):
    """One link of the header's navigation (a ``[[navigation]]`` table of ``govpress.toml``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    text: str = Field(min_length=1, description="The link's text.")
    path: str = Field(description="A path of the site (/digital/, under the base path) or an http(s) URL.")

    @field_validator("path")
    @classmethod
    def _site_path_or_url(cls, value: str) -> str:
        if not value.startswith(("/", "http://", "https://")):
            raise ValueError("expected a path of the site starting with / (or an http:// or https:// URL)")
        return value


class SiteConfig(BaseModel):
    """The settings of one site. Every key is optional."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    site_name: str | None = Field(default=None, description="Shown in the header; default: from the content.")
    base_url: str = Field(default="/", description="Where the site is published: a path or an absolute URL.")
    output: str = Field(default=DEFAULT_OUTPUT, description="The output folder, relative to the project.")
    source: str = Field(default="source", description="The content folder, relative to the project.")
    assets: str = Field(default="assets", description="Copied to OUT/assets/, relative to the project.")
    govuk_brand: bool = Field(default=False, description="Use the GDS Transport font and crown (gov.uk only).")
    analytics_id: str | None = Field(default=None, description="A Google Analytics 4 measurement id (G-…).")
    organisation: str = Field(default="", description="Shown before the site name in the header.")
    services_database: str | None = Field(default=None, description="A services store (SQLite path or URL).")
    services_file: str | None = Field(default=None, description="A services data file to publish.")
    data_dirs: tuple[str, ...] = Field(default=(), description="Data folders searched before data/ (overlays).")
    language: str = Field(default="en", description="The pages' lang attribute.")
    strategy_title: str = Field(
        default="Government Digital Strategy", description="The strategy department responses' {navigation} names."
    )
    strategy_path: str = Field(default="/digital/strategy", description="Where that strategy is (a path of the site).")
    navigation: tuple[NavigationLink, ...] | None = Field(
        default=None, description="The header's links, in order; default: the source's sections, then generators'."
    )

    @field_validator("base_url")
    @classmethod
    def _ends_with_slash(cls, value: str) -> str:
        return value if value.endswith("/") else value + "/"

    @field_validator("strategy_path")
    @classmethod
    def _a_site_path(cls, value: str) -> str:
        if not value.startswith("/"):
            raise ValueError("expected a path of the site starting with /")
        return value

    @field_validator("analytics_id")
    @classmethod
    def _analytics_shape(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"[A-Z]{1,3}-[A-Z0-9-]+", value):
            raise ValueError("expected an id like G-XXXXXXX")
        return value

    @property
    def base_path(self) -> str:
        """The path part of ``base_url`` (``/`` or ``/prefix/``): where root-relative links start."""
        path = re.sub(r"^[a-z]+://[^/]+", "", self.base_url)
        return path if path.startswith("/") else "/" + path


def load_config(project: Path) -> SiteConfig:
    """The project's ``govpress.toml`` (defaults when there is none); :class:`GovpressError` when it is wrong."""
    path = project / CONFIG_NAME
    if not path.is_file():
        return SiteConfig()
    text = path.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = re.search(r"\(at line (\d+), column \d+\)$", str(error))
        message = re.sub(r" \(at line.*\)$", "", str(error))
        line = int(found.group(1)) if found else None
        raise GovpressError(Problem.error(f"not valid TOML: {message}", path, line)) from None
    return _validated(data, path, text)


def _validated(data: dict[str, Any], path: Path, text: str) -> SiteConfig:
    try:
        return SiteConfig.model_validate(data)
    except ValidationError as error:
        problems = [_problem(item, path, text) for item in error.errors()]
        raise GovpressError(problems) from None


def _problem(item: Any, path: Path, text: str) -> Problem:
    key = ".".join(str(part) for part in item["loc"])
    line = _location_line(text, tuple(item["loc"])) if item["loc"] else None
    if item["type"] == "extra_forbidden":
        known = ", ".join(sorted(SiteConfig.model_fields))
        return Problem.error(f"unknown key {key!r} (known keys: {known})", path, line)
    return Problem.error(f"{key}: {item['msg']}", path, line)


def _location_line(text: str, location: tuple[str | int, ...]) -> int | None:
    """The line of ``location`` (``("navigation", 1, "path")``): a key, or a key of the N-th ``[[table]]``."""
    lines = text.splitlines()
    key = str(location[0])
    if len(location) >= 2 and isinstance(location[1], int):
        header = re.compile(rf"^\s*\[\[\s*{re.escape(key)}\s*\]\]")
        starts = [number for number, line in enumerate(lines, start=1) if header.match(line)]
        if location[1] < len(starts):
            start = starts[location[1]]
            if len(location) >= 3:
                found = _key_line(lines[start:], str(location[2]), stop_at_table=True)
                return start + found if found is not None else start
            return start
    return _key_line(lines, key)


def _key_line(lines: list[str], key: str, stop_at_table: bool = False) -> int | None:
    pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
    for number, line in enumerate(lines, start=1):
        if stop_at_table and line.lstrip().startswith("["):
            return None
        if pattern.match(line):
            return number
    return None


def navigation_lines(project: Path) -> dict[str, int]:
    """The line of each ``[[navigation]]`` link's ``path`` in the project's ``govpress.toml``, by path."""
    path = project / CONFIG_NAME
    found: dict[str, int] = {}
    if not path.is_file():
        return found
    lines = path.read_text(encoding="utf-8").splitlines()
    value = re.compile(r"^\s*path\s*=\s*[\"'](?P<path>[^\"']*)[\"']")
    for number, line in enumerate(lines, start=1):
        if (match := value.match(line)) is not None:
            found.setdefault(match.group("path"), number)
    return found
