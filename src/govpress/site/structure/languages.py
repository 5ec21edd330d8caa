"""A site in more than one language (``languages = ["en", "cy"]`` in ``govpress.toml``; docs/languages.md).

The convention is Hugo's content folders by language: ``source/`` holds the pages in ``language`` (the site's own),
and each other language ``TAG`` has its tree in ``source/TAG/``, mirroring ``source/`` (``source/cy/digital/strategy/``
is the Welsh ``source/digital/strategy/``), published under ``TAG/``. A page in another language is laid out in that
language (``<html lang>``, interface text, dates); its header's links are its own tree's sections and its breadcrumbs
start in its own tree. A page that exists in more than one language gets a language switcher (each language named in
itself, the current one not a link; ``lang`` and ``hreflang`` on the links) and ``<link rel="alternate" hreflang>``
to each version, itself included. Generated pages (commitments, performance) are in the site's language only.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import PurePosixPath
from typing import TypedDict

from jinja2 import Environment

from govpress.i18n import babel_locale
from govpress.site.layout.page_layout import SiteTitles, short_title
from govpress.site.layout.templates import Breadcrumb, make_environment
from govpress.site.settings.config import SiteConfig
from govpress.site.sources.readers import Content
from govpress.site.structure.pages import url_of
from govpress.site.structure.sections import navigation, site_name_from_content


class Alternate(TypedDict):
    """One language version of a page, for the switcher and ``<link rel="alternate">``."""

    language: str
    name: str
    href: str
    address: str  # the whole URL when the site's base_url is one (as hreflang links should be), else href
    current: bool


@dataclass(frozen=True)
class SiteLanguages:
    """The site's language (of ``source/``) and the others (each in ``source/TAG/``)."""

    main: str
    others: tuple[str, ...]

    @property
    def every(self) -> tuple[str, ...]:
        return (self.main, *self.others)

    def of_url(self, url: str) -> str:
        """The language of the page at the site URL ``url`` (``/cy/digital/`` is Welsh when ``cy`` is another)."""
        first = url.lstrip("/").split("/", 1)[0]
        return first if first in self.others and url.startswith(f"/{first}/") else self.main

    def url_in(self, url: str, language: str) -> str:
        """Where the page at ``url`` is in ``language`` (whether or not it exists)."""
        current = self.of_url(url)
        bare = url if current == self.main else url[len(current) + 1 :]
        return bare if language == self.main else f"/{language}{bare}"


def site_languages(config: SiteConfig) -> SiteLanguages:
    return SiteLanguages(config.language, config.other_languages)


def language_name(tag: str) -> str:
    """The language's name in itself: ``English``, ``Cymraeg`` (the tag when Babel does not know it)."""
    locale = babel_locale(tag)
    name = locale.languages.get(locale.language) if locale.language == tag.split("-")[0] else None
    return name[:1].upper() + name[1:] if name else tag


def alternates(
    url: str, languages: SiteLanguages, existing: Collection[str], base_path: str, base_url: str = ""
) -> list[Alternate]:
    """The page at ``url`` in each language it exists in, itself included; none when it exists in one only.
    ``base_url``: the site's address when it is a whole URL (``https://example.gov.uk/plan/``)."""
    origin = base_url.removesuffix(base_path) if base_url.startswith(("http://", "https://")) else ""
    found = [(tag, languages.url_in(url, tag)) for tag in languages.every]
    found = [(tag, there) for tag, there in found if there == url or there in existing]
    if len(found) < 2:
        return []
    current = languages.of_url(url)
    return [
        Alternate(
            language=tag,
            name=language_name(tag),
            href=base_path + there.lstrip("/"),
            address=origin + base_path + there.lstrip("/"),
            current=tag == current,
        )
        for tag, there in found
    ]


@dataclass(frozen=True)
class LocalisedSite:
    """How each source page is laid out in its language: its environment, its breadcrumbs, its other versions."""

    languages: SiteLanguages
    environments: Mapping[str, Environment]
    titles: SiteTitles
    base_url: str

    def language(self, output: PurePosixPath) -> str:
        return self.languages.of_url(url_of(output))

    def environment(self, output: PurePosixPath) -> Environment:
        return self.environments[self.language(output)]

    def page_titles(self, output: PurePosixPath) -> SiteTitles:
        """The titles breadcrumbs come from: a page in another language starts at its own tree (not the site root)."""
        return self.titles if self.language(output) == self.languages.main else self._without_root

    @cached_property
    def _without_root(self) -> SiteTitles:
        """The site's titles without the root's (made once, not once a page: they are every page's)."""
        return replace(self.titles, titles={url: t for url, t in self.titles.titles.items() if url != "/"})

    def alternates(self, output: PurePosixPath) -> list[Alternate]:
        url = url_of(output)
        return alternates(url, self.languages, self.titles.titles, self.titles.base_path, self.base_url)


def localise(
    config: SiteConfig, environment: Environment, site_name: str, contents: Sequence[Content], titles: SiteTitles
) -> LocalisedSite:
    """The site's environment for its own language, and one for each other language with that tree's navigation and
    name (from its content, else the site's)."""
    languages = site_languages(config)
    environments = {languages.main: environment}
    for tag in languages.others:
        own = [c for c in contents if c.output.parts[:1] == (tag,)]
        sections = sorted({f"{tag}/{c.output.parts[1]}" for c in own if len(c.output.parts) > 2})
        name = site_name_from_content(sections, own) or site_name
        links = navigation(sections, {url_of(c.output): short_title(c) for c in own}, config.base_path)
        environments[tag] = language_environment(environment, config, tag, name, links)
    return LocalisedSite(languages, environments, titles, config.base_url)


def language_environment(
    environment: Environment, config: SiteConfig, language: str, site_name: str, links: list[Breadcrumb]
) -> Environment:
    """A copy of ``environment`` (its loader, filters and globals) whose pages are in ``language``."""
    made = make_environment(
        config.model_copy(update={"language": language}), site_name, links, environment.bytecode_cache
    )
    made.loader = environment.loader
    made.filters.update({k: v for k, v in environment.filters.items() if k not in made.filters})
    made.globals = {**environment.globals, **made.globals}
    main_site, own_site = environment.globals.get("site"), made.globals.get("site")
    if isinstance(main_site, dict) and isinstance(own_site, dict):  # the site's feeds are every language's
        made.globals["site"] = {**own_site, "feeds": main_site.get("feeds", [])}
    return made
