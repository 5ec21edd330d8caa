"""``govpress.toml``: the site's settings, typed and validated (unknown keys are errors naming file and line).

No file is needed: every key has a default, and what the content can tell (the site name) is worked out from it.
Types are strict (``govuk_brand = "yes"`` is an error naming the type expected, not ``true``); a TOML syntax error or
a key given twice is an error at its line and column; the file is read as UTF-8 (a byte order mark is accepted). Path
settings stay inside the project (:mod:`govpress.site.settings.config_paths`).
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, StrictStr, ValidationError, field_validator

from govpress.commitments.settings import CommitmentsSettings
from govpress.i18n import LANGUAGE
from govpress.problems import GovpressError, Problem
from govpress.services.savings_settings import SAVINGS_KEYS
from govpress.services.settings import ServicesSettings
from govpress.site.settings.brand import BRAND_KEYS, LEGACY_GOVUK_BRAND, BrandSettings, asset_setting_problems
from govpress.site.settings.config_paths import path_problems
from govpress.site.settings.files import CONFIG_NAME, DEFAULT_OUTPUT, MAX_CONFIG_BYTES
from govpress.site.settings.toml_lines import location_line
from govpress.textfile import read_text_file

URL_BASE = re.compile(r"https?://[A-Za-z0-9.-]+(?::[0-9]+)?(?:/[^\s\"'<>\\]*)?")
PATH_BASE = re.compile(r"(?!//)[^\s\"'<>\\:]*")
# What a type error says was expected, by pydantic's error type.
EXPECTED = {
    "bool_type": "true or false (a boolean)",
    "string_type": "a string",
    "tuple_type": "an array",
    "list_type": "an array",
    "model_type": "a table",
    "model_attributes_type": "a table",
    "dict_type": "a table",
}


class NavigationLink(BaseModel):
    """One link of the header's navigation (a ``[[navigation]]`` table of ``govpress.toml``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    text: StrictStr = Field(min_length=1, description="The link's text.")
    path: StrictStr = Field(description="A path of the site (/digital/, under the base path) or an http(s) URL.")

    @field_validator("path")
    @classmethod
    def _site_path_or_url(cls, value: str) -> str:
        if not value.startswith(("/", "http://", "https://")) or value.startswith("//"):
            raise ValueError("expected a path of the site starting with / (or an http:// or https:// URL)")
        return value


class SiteConfig(ServicesSettings, CommitmentsSettings):
    """The settings of one site. Every key is optional. A feature's keys are its own model's, next to it
    (``services/settings.py``, ``commitments/settings.py``): its generator names its table (``settings_section``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    site_name: StrictStr | None = Field(default=None, description="Shown in the header; default: from the content.")
    base_url: StrictStr = Field(default="/", description="Where the site is published: a path or an absolute URL.")
    output: StrictStr = Field(default=DEFAULT_OUTPUT, description="The output folder, relative to the project.")
    source: StrictStr = Field(default="source", description="The content folder, relative to the project.")
    assets: StrictStr = Field(default="assets", description="Copied to OUT/assets/, relative to the project.")
    govuk_brand: StrictBool = Field(default=False, description="Use the GDS Transport font and crown (gov.uk only).")
    analytics_id: StrictStr | None = Field(default=None, description="A Google Analytics 4 measurement id (G-…).")
    organisation: StrictStr = Field(default="", description="Shown before the site name in the header.")
    language: StrictStr = Field(default="en", description="The pages' lang attribute.")
    languages: tuple[StrictStr, ...] = Field(
        default=(), description="A multilingual site's languages: language's in source/, another's in source/TAG/."
    )
    strategy_title: StrictStr = Field(
        default="Government Digital Strategy", description="The strategy department responses' {navigation} names."
    )
    strategy_path: StrictStr = Field(
        default="/digital/strategy", description="Where that strategy is (a path of the site)."
    )
    navigation: tuple[NavigationLink, ...] | None = Field(
        default=None, description="The header's links, in order; default: the source's sections, then generators'."
    )
    header_sections: StrictInt = Field(
        default=8, ge=2, description="The most section links in the header; beyond: the first ones and 'All sections'."
    )
    search: StrictBool = Field(default=True, description="Build the site search (/search/ and its pagefind index).")
    allow_indexing: StrictBool = Field(
        default=True, description="false for a draft or staging site: robots.txt and every page ask not to be indexed."
    )
    description: StrictStr | None = Field(
        default=None, description="The site's description: pages whose content gives none are described by it."
    )
    social_image: StrictStr | None = Field(
        default=None, description="The image shown when a page is shared (a path of the site or an https URL)."
    )
    brand: BrandSettings = Field(default_factory=BrandSettings, description="Logo, favicon, copyright, licence.")
    extra_css: tuple[StrictStr, ...] = Field(default=(), description="Stylesheets in the assets, on every page.")
    extra_js: tuple[StrictStr, ...] = Field(default=(), description="Scripts in the assets, on every page.")

    @field_validator("base_url")
    @classmethod
    def _ends_with_slash(cls, value: str) -> str:
        problem = base_url_problem(value)
        if problem is not None:
            raise ValueError(problem)
        return value if value.endswith("/") else value + "/"

    @field_validator("strategy_path")
    @classmethod
    def _a_site_path(cls, value: str) -> str:
        if not value.startswith("/") or value.startswith("//"):
            raise ValueError("expected a path of the site starting with /")
        return value

    @field_validator("social_image")
    @classmethod
    def _image_path_or_url(cls, value: str | None) -> str | None:
        if value is not None and not (value.startswith(("/", "https://", "http://")) and not value.startswith("//")):
            raise ValueError("expected a path of the site starting with / (or an http:// or https:// URL)")
        return value

    @field_validator("language")
    @classmethod
    def _a_language_tag(cls, value: str) -> str:
        if not LANGUAGE.fullmatch(value):
            raise ValueError("expected a language tag such as en or en-GB")
        return value

    @field_validator("languages")
    @classmethod
    def _other_language_trees(cls, value: tuple[str, ...], info: Any) -> tuple[str, ...]:
        if bad := [tag for tag in value if not LANGUAGE.fullmatch(tag)]:
            raise ValueError(f"expected language tags such as en or cy, found {bad[0]!r}")
        if len(set(value)) < len(value):
            raise ValueError("a language is listed twice")
        language = info.data.get("language")
        if value and language is not None and language not in value:
            raise ValueError(f"the list must include the site's language ({language!r}, the language of source/)")
        return value

    @field_validator("analytics_id")
    @classmethod
    def _analytics_shape(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"[A-Z]{1,3}-[A-Z0-9-]+", value):
            raise ValueError("expected an id like G-XXXXXXX")
        return value

    @property
    def other_languages(self) -> tuple[str, ...]:
        """The languages besides ``language``, each with its pages in ``source/TAG/`` (published under ``TAG/``)."""
        return tuple(tag for tag in self.languages if tag != self.language)

    @property
    def base_path(self) -> str:
        """The path part of ``base_url`` (``/`` or ``/prefix/``): where root-relative links start."""
        path = re.sub(r"^[a-z]+://[^/]+", "", self.base_url)
        return path if path.startswith("/") else "/" + path

    @property
    def absolute_url(self) -> str | None:
        """``base_url`` when it is an absolute URL (canonical links, the sitemap and shared-page metadata need one);
        ``None`` when it is a path."""
        return self.base_url if "://" in self.base_url else None


def base_url_problem(value: str) -> str | None:
    """Why ``value`` cannot be a base URL (a path such as ``/plan/``, or an http(s) URL); ``None`` when it can."""
    if URL_BASE.fullmatch(value) or PATH_BASE.fullmatch(value):
        return None
    return "expected a path such as /plan/ or an http:// or https:// URL"


def load_config(project: Path) -> SiteConfig:
    """The project's ``govpress.toml`` (defaults when there is none); :class:`GovpressError` when it is wrong."""
    path = project / CONFIG_NAME
    text = read_text_file(path, what="settings file", max_bytes=MAX_CONFIG_BYTES) if path.is_file() else None
    # No settings: a legacy GOV.UK publication, which keeps the GOV.UK footer it always had (site/settings/brand.py).
    config = _validated(_parsed(text, path), path, text) if text is not None else SiteConfig(brand=LEGACY_GOVUK_BRAND)
    problems = path_problems(config, project, path, text)
    problems = problems or asset_setting_problems(config, project, path, text)
    if problems:
        raise GovpressError(problems)
    return config


def _parsed(text: str, path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = re.search(r"\(at line (\d+), column (\d+)\)$", str(error))
        message = re.sub(r" \(at line.*\)$", "", str(error))
        if message == "Cannot overwrite a value":
            message = "a key is given a value twice (or a key and a table share a name)"
        elif declared := re.fullmatch(r"Cannot declare \((.*?),?\) twice", message):
            table = declared.group(1).replace(", ", ".").replace("'", "")
            message = f"the table [{table}] is declared twice"
        line, column = (int(found.group(1)), int(found.group(2))) if found else (None, None)
        raise GovpressError(Problem.error(f"not valid TOML: {message}", path, line, column)) from None
    except RecursionError:
        raise GovpressError(Problem.error("not valid TOML: arrays or tables nested too deeply", path)) from None


def _validated(data: dict[str, Any], path: Path, text: str) -> SiteConfig:
    try:
        return SiteConfig.model_validate(data)
    except ValidationError as error:
        items = error.errors()
        # by the order of their keys in the file (pydantic gives the features' keys, mixed in, first); a key's own
        # problems in pydantic's order
        items.sort(key=lambda item: _key_line(text, item["loc"][:1]))
        raise GovpressError([_problem(item, path, text) for item in items]) from None


def _key_line(text: str, key: tuple[Any, ...]) -> int:
    line = location_line(text, key) if key else None
    return line if line is not None else 0


def _problem(item: Any, path: Path, text: str) -> Problem:
    key = ".".join(str(part) for part in item["loc"])
    line = location_line(text, tuple(item["loc"])) if item["loc"] else None
    if item["type"] == "extra_forbidden":
        tables = {**SAVINGS_KEYS, **BRAND_KEYS}
        known = ", ".join(sorted(tables.get(tuple(item["loc"][:-1]), tuple(SiteConfig.model_fields))))
        return Problem.error(f"unknown key {key!r} (known keys: {known})", path, line)
    if item["type"] in EXPECTED:
        return Problem.error(f"{key}: expected {EXPECTED[item['type']]}, found {_toml_kind(item['input'])}", path, line)
    message = str(item["msg"]).removeprefix("Value error, ")
    return Problem.error(f"{key}: {message}", path, line)


def _toml_kind(value: object) -> str:
    """What a TOML value is, in the words of the TOML specification (a string shown as written, shortened)."""
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"the string {shown!r}"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    kinds = ((int, "an integer"), (float, "a float"), (dict, "a table"), (list, "an array"))
    return next((name for kind, name in kinds if isinstance(value, kind)), "a date or time")


def navigation_lines(project: Path) -> dict[str, int]:
    """The line of each ``[[navigation]]`` link's ``path`` in the project's ``govpress.toml``, by path."""
    path = project / CONFIG_NAME
    found: dict[str, int] = {}
    if not path.is_file():
        return found
    lines = read_text_file(path, what="settings file", max_bytes=MAX_CONFIG_BYTES).splitlines()
    value = re.compile(r"^\s*path\s*=\s*[\"'](?P<path>[^\"']*)[\"']")
    for number, line in enumerate(lines, start=1):
        if (match := value.match(line)) is not None:
            found.setdefault(match.group("path"), number)
    return found
