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

    @field_validator("base_url")
    @classmethod
    def _ends_with_slash(cls, value: str) -> str:
        return value if value.endswith("/") else value + "/"

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
    line = _key_line(text, str(item["loc"][0])) if item["loc"] else None
    if item["type"] == "extra_forbidden":
        known = ", ".join(sorted(SiteConfig.model_fields))
        return Problem.error(f"unknown key {key!r} (known keys: {known})", path, line)
    return Problem.error(f"{key}: {item['msg']}", path, line)


def _key_line(text: str, key: str) -> int | None:
    pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
    for number, line in enumerate(text.splitlines(), start=1):
        if pattern.match(line):
            return number
    return None
