"""The incremental build cache: rendered page bodies, keyed by what went in.

An entry is reused when its key (the source's identity, the settings that shape it, the govpress code) matches and
every file it read is unchanged: same size and mtime, or else the same content hash. The cache is kept as JSON
among the build's records, outside the output folder (:mod:`govpress.site.engine.records`,
:mod:`govpress.site.engine.cache_codec`). The stamps that say whether a file changed are in
:mod:`govpress.site.engine.stamps`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from govpress.site.engine.stamps import FileStamp
from govpress.site.sources.readers import Content
from govpress.site.structure.facts import PageFacts
from govpress.site.structure.pages import Page

if TYPE_CHECKING:
    from govpress.site.engine.bodies import StoredBody
    from govpress.site.engine.layouts import LayoutEntry
    from govpress.site.engine.parts import StoredParts


@dataclass(frozen=True)
class CacheEntry:
    key: str
    content: Content
    stamps: tuple[FileStamp, ...]

    def valid(self, key: str) -> bool:
        return key == self.key and all(stamp.unchanged() for stamp in self.stamps)


@dataclass(frozen=True)
class GeneratedEntry:
    """A generator's pages, reused while every file (and folder) they were made from is unchanged. ``stored``, when
    not empty, goes with ``pages``: a page with a :class:`~govpress.site.engine.bodies.StoredBody` is light (its
    content is in a body file), one with ``None`` whole (a section, or a page of a build that keeps no records)."""

    key: str
    pages: tuple[Page, ...]
    stamps: tuple[FileStamp, ...]
    stored: tuple[StoredBody | None, ...] = ()

    def placed(self) -> Iterator[tuple[Page, StoredBody | None]]:
        """Each page with where its content is (``None``: it is whole)."""
        return zip(self.pages, self.stored or (None,) * len(self.pages), strict=True)


@dataclass(frozen=True)
class BuildCache:
    """Everything a build keeps for the next one: page bodies, generated pages, facts of finished pages by hash, the
    source pages' layouts (:class:`~govpress.site.engine.layouts.LayoutEntry`, by output path) and every path of the
    site the links were checked against, with the hash of its facts (``known``; ``""``: a file without facts).
    ``parts``: the parts a loaded cache was read from, to save again only those that changed
    (:mod:`govpress.site.engine.parts`)."""

    contents: dict[str, CacheEntry]
    generated: dict[str, GeneratedEntry]
    facts: dict[str, PageFacts]
    layouts: dict[str, LayoutEntry] = field(default_factory=dict)
    known: dict[str, str] = field(default_factory=dict)
    parts: StoredParts | None = field(default=None, compare=False, repr=False)


def empty_cache() -> BuildCache:
    return BuildCache({}, {}, {})
