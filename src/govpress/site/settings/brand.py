"""Whose site it is: ``[brand]`` in ``govpress.toml`` (logo, favicon, copyright line, licence, crest) and the
project's own stylesheets and scripts (``extra_css``, ``extra_js``).

```toml
organisation = "Harbourside Council"
extra_css = ["assets/css/harbourside.css"]
extra_js = ["assets/js/harbourside.js"]

[brand]
logo = "assets/images/harbourside-logo.svg"     # in the header, before the organisation's name
favicon = "assets/images/favicon.svg"           # .svg, .png or .ico
copyright = "© Harbourside Council"
copyright_url = "https://www.harbourside.example/copyright"
licence = "Creative Commons Attribution 4.0 International"
licence_url = "https://creativecommons.org/licenses/by/4.0/"
crest = "assets/images/crest.svg"              # above the copyright line; "royal-arms" is the Royal Arms
```

Nothing is shown that the settings do not ask for. A key left out takes the GOV.UK value with ``govuk_brand = true``
(the Royal Arms, "© Crown copyright", the Open Government Licence, the GOV.UK favicon) and is empty otherwise; an
empty string turns a GOV.UK value off. A project with no ``govpress.toml`` at all (the legacy 2012 corpus) keeps the
GOV.UK footer and favicon it always had (:data:`LEGACY_GOVUK_BRAND`). Image and script paths are relative to the
project and must be files inside its assets folder (which is published as ``/assets/``): a missing file, a path
outside it, or an image of another type is an error at the setting's line (:func:`asset_setting_problems`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, TypedDict
from urllib.parse import quote

from pydantic import BaseModel, ConfigDict, Field, StrictStr, field_validator

from govpress.confinement import inside, resolved, setting_problem
from govpress.i18n import N_
from govpress.problems import Problem
from govpress.site.settings.toml_lines import location_line

if TYPE_CHECKING:
    from govpress.site.settings.config import SiteConfig

ROYAL_ARMS = "royal-arms"
GOVUK_FAVICON = "govuk"
CROWN_COPYRIGHT = N_("© Crown copyright")  # translated where it is shown, as the licence's name
CROWN_COPYRIGHT_URL = (
    "https://www.nationalarchives.gov.uk/information-management/re-using-public-sector-information/"
    "uk-government-licensing-framework/crown-copyright/"
)
OGL = N_("Open Government Licence v3.0")
OGL_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
IMAGE_TYPES = (".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp")
FAVICON_TYPES = {".svg": "image/svg+xml", ".png": "image/png", ".ico": "image/x-icon"}
FRONTEND_IMAGES = "govuk-frontend/assets/images/"


def _http_url(value: str) -> str:
    if value and not value.startswith(("http://", "https://")):
        raise ValueError("expected an http:// or https:// URL")
    if any(character.isspace() or character in "\"'<>\\" for character in value):
        raise ValueError("expected a URL without spaces, quotes, angle brackets or backslashes")
    return value


class BrandSettings(BaseModel):
    """``[brand]``: every key optional (left out: GOV.UK's value with ``govuk_brand = true``, else nothing)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    logo: StrictStr | None = Field(default=None, description="An image in the assets, shown in the header.")
    favicon: StrictStr | None = Field(default=None, description='The favicon in the assets, or "govuk".')
    copyright: StrictStr | None = Field(default=None, description="The footer's copyright line.")
    copyright_url: StrictStr | None = Field(default=None, description="Where the copyright line links to.")
    licence: StrictStr | None = Field(default=None, description="The name of the content's licence.")
    licence_url: StrictStr | None = Field(default=None, description="The licence's text (an http(s) URL).")
    crest: StrictStr | None = Field(default=None, description='An image above the copyright line, or "royal-arms".')

    @field_validator("copyright_url", "licence_url")
    @classmethod
    def _an_http_url(cls, value: str | None) -> str | None:
        return _http_url(value) if value is not None else None


#: What a project with no ``govpress.toml`` shows: the footer and favicon of the 2012 GOV.UK site it republishes.
LEGACY_GOVUK_BRAND = BrandSettings(
    favicon=GOVUK_FAVICON,
    copyright=CROWN_COPYRIGHT,
    copyright_url=CROWN_COPYRIGHT_URL,
    licence=OGL,
    licence_url=OGL_URL,
    crest=ROYAL_ARMS,
)
BRAND_KEYS: dict[tuple[str, ...], tuple[str, ...]] = {("brand",): tuple(BrandSettings.model_fields)}


class FaviconView(TypedDict):
    href: str
    type: str
    sizes: str


class BrandView(TypedDict):
    """What the templates see as ``site.brand``: URLs ready to use, ``""`` for what is not shown."""

    logo: str
    favicons: list[FaviconView]
    copyright: str
    copyright_url: str
    licence: str
    licence_url: str
    ogl: bool
    crest: str
    royal_arms: bool


def brand_view(config: SiteConfig) -> BrandView:
    """The brand of ``config`` with the GOV.UK defaults applied (``govuk_brand``) and paths made into URLs."""
    brand = config.brand
    govuk = LEGACY_GOVUK_BRAND if config.govuk_brand else BrandSettings()
    chosen = {key: value if value is not None else getattr(govuk, key) for key, value in brand.model_dump().items()}
    static = f"{config.base_path}static/{FRONTEND_IMAGES}"
    favicon = chosen["favicon"] or ""
    favicons: list[FaviconView] = []
    if favicon == GOVUK_FAVICON:
        favicons.append(FaviconView(href=f"{static}favicon.ico", type="image/x-icon", sizes="48x48"))
        favicons.append(FaviconView(href=f"{static}favicon.svg", type="image/svg+xml", sizes="any"))
    elif favicon:
        kind = FAVICON_TYPES.get(Path(favicon).suffix.lower(), "")
        sizes = "any" if kind == "image/svg+xml" else ""
        favicons.append(FaviconView(href=asset_url(config, favicon), type=kind, sizes=sizes))
    crest = chosen["crest"] or ""
    licence_url = chosen["licence_url"] or ""
    return BrandView(
        logo=asset_url(config, chosen["logo"] or ""),
        favicons=favicons,
        copyright=chosen["copyright"] or "",
        copyright_url=chosen["copyright_url"] or "",
        licence=chosen["licence"] or "",
        licence_url=licence_url,
        ogl=licence_url.rstrip("/") == OGL_URL.rstrip("/"),
        crest="" if crest == ROYAL_ARMS else asset_url(config, crest),
        royal_arms=crest == ROYAL_ARMS,
    )


def uses_crown_images(config: SiteConfig) -> bool:
    """Whether the site shows the Royal Arms or the GOV.UK favicon (their images are published only then)."""
    view = brand_view(config)
    return view["royal_arms"] or any(icon["href"].startswith(config.base_path + "static/") for icon in view["favicons"])


def asset_url(config: SiteConfig, value: str) -> str:
    """The published URL of the project file ``value`` (a path inside the assets folder; ``""`` stays ``""``)."""
    if not value:
        return ""
    path = Path(value)
    inner = path.relative_to(config.assets) if path.is_relative_to(config.assets) else path  # checked on loading
    return f"{config.base_path}assets/{quote(inner.as_posix())}"


def asset_setting_problems(config: SiteConfig, project: Path, path: Path, text: str | None) -> list[Problem]:
    """The image, stylesheet and script settings of ``config`` (read from ``text`` at ``path``) that do not name a
    file of the right type inside the project's assets folder."""
    if text is None:
        return []
    root = resolved(project)
    assets = resolved(project / config.assets)
    if root is None or assets is None:
        return []  # reported by the path settings' own check
    problems = [Problem.error(message, path, location_line(text, location)) for location, message in _unused(config)]
    for location, value, types in _asset_settings(config):
        problem = _asset_problem(value, types, root, assets, config.assets)
        if problem is not None:
            line = location_line(text, location)
            key = ".".join(str(part) for part in location)
            problems.append(Problem.error(f"{key}: {problem}", path, line))
    return problems


def _unused(config: SiteConfig) -> list[tuple[tuple[str | int, ...], str]]:
    """The links that would be dropped: a ``licence_url`` with no licence, a ``copyright_url`` with no copyright."""
    view = brand_view(config)
    found: list[tuple[tuple[str | int, ...], str]] = []
    for url, name in (("licence_url", "licence"), ("copyright_url", "copyright")):
        if getattr(config.brand, url) and not view[name]:  # type: ignore[literal-required]
            found.append((("brand", url), f'brand.{url}: no {name} is shown to link; set {name} = "…" too'))
    return found


def _asset_settings(config: SiteConfig) -> list[tuple[tuple[str | int, ...], str, tuple[str, ...]]]:
    """Every setting naming a file of the assets, as ``(location, value, allowed suffixes)``."""
    brand = config.brand
    found: list[tuple[tuple[str | int, ...], str, tuple[str, ...]]] = []
    for key, value, types in (
        ("logo", brand.logo, IMAGE_TYPES),
        ("crest", None if brand.crest == ROYAL_ARMS else brand.crest, IMAGE_TYPES),
        ("favicon", None if brand.favicon == GOVUK_FAVICON else brand.favicon, tuple(FAVICON_TYPES)),
    ):
        if value:
            found.append((("brand", key), value, types))
    found += [(("extra_css", index), value, (".css",)) for index, value in enumerate(config.extra_css)]
    found += [(("extra_js", index), value, (".js", ".mjs")) for index, value in enumerate(config.extra_js)]
    return found


def _asset_problem(value: str, types: tuple[str, ...], root: Path, assets: Path, assets_setting: str) -> str | None:
    """Why ``value`` does not name a file of one of ``types`` inside ``assets``; ``None`` when it does."""
    problem = setting_problem(value, root)
    if problem is not None:
        return problem
    target = resolved(root / value)
    where = f"the assets folder {assets_setting!r} (which is published as /assets/)"
    if target is None or not inside(target, assets) or ".." in Path(value).parts:
        return f"{value!r} is not inside {where}; put the file there"
    if not Path(value).is_relative_to(Path(assets_setting)):
        return f"{value!r} does not start with the assets folder {assets_setting!r}; give the path from the project"
    try:
        found = target.is_file()
    except OSError as error:  # a name too long, a folder that cannot be read
        return f"{value!r} cannot be read: {error.strerror}"
    if not found:
        return f"{value!r}: no such file in {where}"
    if Path(value).suffix.lower() not in types:
        return f"{value!r} is not a {' or '.join(types)} file"
    return None
