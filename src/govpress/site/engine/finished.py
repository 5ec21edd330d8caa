"""The generators' finished pages (those final as they are, not sections), as the generators make them or the cache
gives them back (:func:`govpress.site.structure.generators.run_generators`' ``take``).

Each is written and its facts taken at once (an early :class:`~govpress.site.engine.settle.Settler`), and the
search is told whether it may index it, unless the last build's file of it can be kept: a page of a generator whose
pages are reused, whose layout entry (:mod:`govpress.site.engine.layouts`) has the digest of its stored content as its
key, whose file in the output has the entry's stamp, and whose entry holds all a build needs of it (its facts known
by hash, what the search took of it). Such a page is neither read nor written: it joins the pages the layout stage
keeps (``kept``). Which of the generated sections meant for it it shows comes from its entry, which recorded it for
each section's content; a section the entry does not know has the page read (not written) to see.

    finished = FinishedPages(known, write, searchable, keeping)
    run_generators(..., take=finished.take, bodies=folder)
    early = finished.finish(made)        # facts, the pages the search leaves out, the pages kept
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from govpress.search.shards import NOT_SEARCHABLE
from govpress.site.engine.bodies import StoredBody
from govpress.site.engine.layouts import LayoutEntry, generated_key, section_key
from govpress.site.engine.settle import Facts, Settler
from govpress.site.structure.additions import sections_by_output, shows
from govpress.site.structure.facts import PageFacts
from govpress.site.structure.generators import Generated
from govpress.site.structure.pages import Page


@dataclass(frozen=True)
class Keeping:
    """What decides whether a generated page's file is kept: the last build's layout entries (``layouts``), its
    output folder, the facts known by hash and whether the build indexes its pages (``search``)."""

    layouts: Mapping[str, LayoutEntry]
    folder: Path
    facts: Mapping[str, PageFacts]
    search: bool

    def entry(self, name: str, stored: StoredBody) -> LayoutEntry | None:
        """The last build's entry of the page ``name`` (its content as ``stored``) when its file can be kept."""
        entry = self.layouts.get(name)
        if entry is None or entry.key != generated_key(stored.digest):
            return None
        html = stored.text and PurePosixPath(name).suffix == ".html"
        if html and not entry.says_all(self.facts, self.search):
            return None
        return entry if entry.as_written(self.folder / name) else None


@dataclass(frozen=True)
class Finished:
    """The finished pages' facts (those kept: in their entries), the output paths of those the search leaves out,
    the pages kept from the last build, with their entries, and the generated sections each kept page that sections
    are meant for shows (``shown``, by its output path)."""

    facts: Facts
    unsearchable: frozenset[str]
    kept: dict[str, LayoutEntry]
    shown: dict[str, tuple[Page, ...]]


class FinishedPages:
    """Takes the generators' finished pages (see the module's docstring); ``member``: whether a page is this build's
    (a shard's); ``searchable``: whether the search indexes a page (``None``: the site has no search)."""

    def __init__(
        self,
        known: Mapping[str, PageFacts],
        write: Callable[[list[Page]], None] | None,
        searchable: Callable[[Page], bool] | None,
        keeping: Keeping | None,
        member: Callable[[Page], bool] = lambda page: True,
    ) -> None:
        self._early = Settler(known, {}, (), write)
        self._searchable, self._keeping, self._member = searchable, keeping, member
        self._unsearchable: set[str] = set()
        self._kept: dict[str, LayoutEntry] = {}

    def take(self, page: Page, stored: StoredBody | None) -> None:
        """Take ``page``: whole when ``stored`` is ``None``, else light, its content as ``stored`` says (read
        unless the page's file is kept; :class:`~govpress.problems.GovpressError` when it is not as stored)."""
        if not self._member(page):
            return
        name = str(page.output)
        entry = self._keeping.entry(name, stored) if self._keeping is not None and stored is not None else None
        if entry is not None:
            self._kept[name] = entry
            if entry.search == NOT_SEARCHABLE:
                self._unsearchable.add(name)
            return
        self._kept.pop(name, None)
        self._add(page if stored is None else stored.read(page))

    def finish(self, made: Generated) -> Finished:
        """Every page taken; which of the generated sections meant for a kept page it shows, as its entry says, or
        else read from it (not written)."""
        meant = sections_by_output(made.pages)
        shown: dict[str, tuple[Page, ...]] = {}
        for page in made.pages:
            name = str(page.output)
            if not page.section and name in meant and name in self._kept:
                answers = self._kept[name].shows([section_key(section) for section in meant[name]])
                if answers is None:  # not recorded for these sections: read the page to see
                    whole = made.whole(page)
                    answers = tuple(shows(whole, section) for section in meant[name])
                shown[name] = tuple(section for section, yes in zip(meant[name], answers, strict=True) if yes)
        return Finished(self._early.finish().facts, frozenset(self._unsearchable), self._kept, shown)

    def _add(self, page: Page) -> None:
        self._early.add(page)
        self._unsearchable.discard(str(page.output))
        if self._searchable is not None and not self._searchable(page):
            self._unsearchable.add(str(page.output))
