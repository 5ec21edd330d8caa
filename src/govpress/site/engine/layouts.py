"""Layouts kept between builds: a source page whose *layout key* is unchanged, and whose file in the output folder is
as the last build wrote it, is not laid out again (docs/scaling.md).

The layout key is a digest of everything :func:`~govpress.site.layout.page_layout.content_page` reads: the page's
body, title, layout, headings, source and problems, the digests of every file its body was rendered from (its
description comes from them too), its breadcrumbs, its "Last updated" date, its alternates, the generated sections
shown on it, the values its language's environment holds (:func:`environment_digest`: the site's name, navigation
and feeds, the interface language, any a generator set), and the site-wide digest (:func:`site_digest`: every file
of the package, the project's templates, the settings). Its :class:`LayoutEntry` in the build records keeps
the key, the stamp of the file written (size and modification time), the hash its facts are kept under, the
problems the site check found on it, and what the search took of it (:class:`~govpress.search.shards.SearchNote`).

A kept page whose entry says all a build needs of it (its facts known by their hash, its search note, no generated
section meant for it) is not even read: the build settles it from its entry (:mod:`govpress.site.engine.settle`),
and the search reads its file again only if its shard is indexed again. Other kept pages are read back whole.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from jinja2 import Environment

from govpress.problems import GovpressError, Problem
from govpress.search.shards import SearchNote
from govpress.site.engine.cache import CacheEntry
from govpress.site.engine.stamps import key_of, text_key
from govpress.site.layout.templates import SECTIONS_GLOBAL, Breadcrumb
from govpress.site.sources.readers import Content
from govpress.site.structure.facts import PageFacts
from govpress.site.structure.pages import Page, url_of

UNREAD = ""  # the content of a page kept without reading its file


@dataclass(frozen=True)
class LayoutEntry:
    """A laid-out page as the last build left it: its layout key, its file's stamp, the hash of its bytes (its facts
    are kept under it), the problems the site check found on it and what the search took of it (``None``: not
    known, as when the build had no search); for a generator's page, whether it showed each generated section meant
    for it (``sections``: each section's :func:`section_key` with the answer), which holds while its content (its
    key) is the same."""

    key: str
    size: int
    mtime_ns: int
    facts: str
    problems: tuple[Problem, ...]
    search: SearchNote | None = None
    sections: tuple[tuple[str, bool], ...] = ()

    def shows(self, sections: Sequence[str]) -> tuple[bool, ...] | None:
        """Whether the page shows each generated section of ``sections`` (each a :func:`section_key`), as the
        entry recorded for its content; ``None`` when the entry does not say for every one of them (the page must
        then be read to see)."""
        recorded = dict(self.sections)
        if any(key not in recorded for key in sections):
            return None
        return tuple(recorded[key] for key in sections)

    def says_all(self, facts: Mapping[str, PageFacts], search: bool) -> bool:
        """Whether the entry holds all a build needs of its page to leave it unread: its facts among ``facts`` (by
        hash) and, when the build indexes its pages (``search``), what the search took of it."""
        return self.facts in facts and (self.search is not None or not search)

    def as_written(self, path: Path | str) -> bool:
        """Whether the file ``path`` has the stamp this entry recorded (the one the build wrote)."""
        return stamp_of(path) == (self.size, self.mtime_ns)


@dataclass
class LayoutReuse:
    """What the layout stage may reuse (``entries``, the last build's; ``folder``, where its files are) and what it
    found (``keys``: every laid-out or kept page's key; ``kept``: the pages kept from the last build, by output
    path, with their entry). ``bodies``: each page's body's cache entry (its key and the stamps of every file it was
    rendered from), by output path. ``facts``: the facts the build knows, by hash; ``search``: whether the build
    indexes its pages (a kept page is left unread only when its entry holds all the build needs of it)."""

    site: str
    entries: Mapping[str, LayoutEntry]
    bodies: Mapping[str, CacheEntry]
    folder: Path
    facts: Mapping[str, PageFacts] = field(default_factory=dict)
    search: bool = False
    keys: dict[str, str] = field(default_factory=dict)
    kept: dict[str, LayoutEntry] = field(default_factory=dict)
    _environments: dict[int, str] = field(default_factory=dict)
    _sections_meant: set[str] = field(default_factory=set)

    def page_key(
        self,
        content: Content,
        environment: Environment,
        breadcrumbs: Sequence[Breadcrumb],
        updated: datetime | None,
        alternates: Sequence[Mapping[str, object]],
        extra: Sequence[Problem],
    ) -> str | None:
        """The layout key of ``content`` (``None``: no cache entry records what its body was rendered from)."""
        name = str(content.output)
        body = self.bodies.get(name)
        if body is None:
            return None
        sections = environment.globals.get(SECTIONS_GLOBAL)
        shown = sections.get(url_of(content.output)) if isinstance(sections, dict) else None
        if shown is not None:
            self._sections_meant.add(name)
        if id(environment) not in self._environments:
            self._environments[id(environment)] = environment_digest(environment)
        key = key_of(
            self.site,
            self._environments[id(environment)],
            name,
            content.layout,
            content.title,
            text_key(content.body),  # its digest: repr() of a body costs ten times hashing it
            str(content.source),
            [str(d) for d in content.dependencies],
            content.problems,
            content.headings,
            body.key,
            [(str(s.path), s.size, s.digest) for s in body.stamps],
            list(breadcrumbs),
            updated.isoformat() if updated is not None else None,
            [sorted(a.items()) for a in alternates],
            None if shown is None else [str(s) for s in shown],
            extra,
        )
        self.keys[name] = key
        return key

    def kept_by_key(self, name: str, key: str) -> str | None:
        """:meth:`kept_html` of a page whose layout key the caller made (not a source page's: :meth:`page_key`),
        the key kept for the next build as :meth:`page_key` keeps its own."""
        self.keys[name] = key
        return self.kept_html(name, key)

    def kept_html(self, name: str, key: str) -> str | None:
        """The last build's file of the page ``name`` when its key is ``key`` and the file is as it wrote it:
        :data:`UNREAD` when its entry holds all the build needs of it, else the file's text (read when generated
        sections are meant for the page, to see which it shows)."""
        entry = self.entries.get(name)
        if entry is None or entry.key != key:
            return None
        unread = entry.says_all(self.facts, self.search) and name not in self._sections_meant
        if unread and entry.as_written(f"{self.folder}/{name}"):  # a string: a Path each of 10,000 pages costs
            html: str | None = UNREAD
        else:
            html = self._as_written(name, entry)
        if html is not None:
            self.kept[name] = entry
        return html

    def read_back(self, name: str) -> str:
        """The text of the kept page ``name``'s file, read later in the build (:class:`GovpressError` when the file
        changed or went since the build took it as kept)."""
        html = self._as_written(name, self.kept[name])
        if html is None:
            message = "the last build's page changed or went while this build used it: build again"
            raise GovpressError(Problem.error(message, self.folder / name))
        return html

    def _as_written(self, name: str, entry: LayoutEntry) -> str | None:
        """The text of the file ``name`` if it has the stamp ``entry`` recorded (else ``None``)."""
        try:
            if entry.as_written(self.folder / name):
                return (self.folder / name).read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError):
            pass
        return None


def generated_key(digest: str) -> str:
    """The layout key of a generator's finished page whose content has the BLAKE2b ``digest``
    (:mod:`govpress.site.engine.bodies`): it is not laid out, so its bytes are all its file depends on."""
    return key_of("generated", digest)


def section_key(section: Page) -> str:
    """What a generated section's place on a page depends on: the digest of the fragment the page must hold
    (:func:`~govpress.site.structure.additions.shows`)."""
    return text_key(str(section.content).strip())


def site_digest(package: str, templates: str, config: str, base_url: str | None) -> str:
    """What every page's layout reads of the site: govpress's files, the project's templates, its settings."""
    return key_of("layout", package, templates, config, base_url)


def environment_digest(environment: Environment) -> str:
    """The globals a page's layout reads from its language's environment (the site's name, feeds and settings, the
    navigation, the interface language, any a generator set): every one that is a value, not code (code is in the
    package's digest); the generated sections are the page's own part of its key."""
    values = sorted((name, repr(value)) for name, value in environment.globals.items() if not callable(value))
    return key_of([(name, value) for name, value in values if name != SECTIONS_GLOBAL])


def stamp_of(path: Path | str) -> tuple[int, int] | None:
    """The size and modification time of a written file (``None``: it is not a regular file)."""
    try:
        found = os.lstat(path)
    except OSError:
        return None
    return (found.st_size, found.st_mtime_ns) if stat.S_ISREG(found.st_mode) else None
